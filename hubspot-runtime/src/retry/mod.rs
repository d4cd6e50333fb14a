//! Retry and pacing policy: pure data and pure functions. The executor glues them to the
//! transport and the clock.

mod backoff;
mod budget;
mod classify;
mod decide;
mod retry_after;

pub(crate) use backoff::backoff;
pub(crate) use budget::RetryBudget;
pub(crate) use classify::{Decision, classify, schedule};
pub(crate) use decide::{Action, Attempted, decide, without_token};
pub(crate) use retry_after::parse_retry_after;

/// Errors as the executor meets them, for the policy's table tests.
#[cfg(test)]
pub(crate) mod test_errors {
    use std::time::Duration;

    use crate::error::{ApiError, ApiErrorBody, Error, RateLimitPolicy};

    /// An API error with `status` and, in seconds, `Retry-After`.
    pub(crate) fn api(status: u16, retry_after: Option<u64>) -> Error {
        let mut error = ApiError::new(status, ApiErrorBody::default(), String::new());
        error.retry_after = retry_after.map(Duration::from_secs);
        Error::Api(Box::new(error))
    }

    /// A 429 of `policy` with, in seconds, `Retry-After`.
    pub(crate) fn rate_limited(policy: RateLimitPolicy, retry_after: Option<u64>) -> Error {
        let Error::Api(error) = api(429, retry_after) else {
            unreachable!()
        };
        Error::RateLimited {
            policy,
            retry_after: error.retry_after,
            error,
        }
    }
}

use std::time::Duration;

/// How the executor retries. Plain data; the defaults follow HubSpot's guidance.
///
/// ```
/// use hubspot_runtime::RetryConfig;
/// use std::time::Duration;
///
/// let config = RetryConfig::default()
///     .with_max_attempts(6)
///     .with_max_backoff(Duration::from_secs(30))
///     .with_jitter(false);
/// assert_eq!(config.max_attempts(), 6);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    jitter: bool,
    max_retry_after: Duration,
    budget_capacity: Option<u32>,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            initial_backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(60),
            jitter: true,
            max_retry_after: Duration::from_secs(60),
            budget_capacity: Some(RetryBudget::DEFAULT_CAPACITY),
        }
    }
}

impl RetryConfig {
    /// No retries: every call makes exactly one attempt.
    pub fn disabled() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Attempts in all, the first included (default 4; at least 1).
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff delay; each further retry doubles it (default 2 s).
    #[must_use]
    pub fn with_initial_backoff(mut self, delay: Duration) -> Self {
        self.initial_backoff = delay;
        self
    }

    /// The longest backoff delay (default 60 s).
    #[must_use]
    pub fn with_max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// Randomise each delay within its upper half, so workers do not retry in lock-step
    /// (default on). Off gives exactly 2 s, 4 s, 8 s, ….
    #[must_use]
    pub fn with_jitter(mut self, on: bool) -> Self {
        self.jitter = on;
        self
    }

    /// The longest wait a server may ask for with `Retry-After` (default 60 s), on a 429, 423,
    /// 477 or 5xx alike. A server asking for more ends the call at once with
    /// [`GiveUpReason::RetryAfterTooLong`](crate::GiveUpReason::RetryAfterTooLong): the caller
    /// decides whether to come back that much later.
    #[must_use]
    pub fn with_max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// The size of the client's shared retry budget in tokens (default 500; a retry costs 5, a
    /// retry after a timeout 10; a success returns what its own retries cost, or earns 1 if it
    /// needed none). `None` turns the budget off.
    ///
    /// This is the AWS SDKs' "standard" retry quota with the same numbers (500 tokens, 5 per
    /// retry, 10 per retry after a timeout, 1 per first-try success); unlike theirs, an empty
    /// budget is reported as [`GiveUpReason::RetryBudgetExhausted`](crate::GiveUpReason) rather
    /// than as the last error alone. Rate-limit retries (429) spend from it too.
    #[must_use]
    pub fn with_retry_budget(mut self, capacity: Option<u32>) -> Self {
        self.budget_capacity = capacity;
        self
    }

    /// Attempts in all, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The first backoff delay.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The longest backoff delay.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// Whether delays are randomised.
    pub fn jitter(&self) -> bool {
        self.jitter
    }

    /// The longest `Retry-After` waited for.
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// The retry budget's size, `None` when it is off.
    pub fn retry_budget(&self) -> Option<u32> {
        self.budget_capacity
    }
}
