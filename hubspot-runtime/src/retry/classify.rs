use std::time::Duration;

use super::{RetryBudget, RetryConfig, backoff};
use crate::error::{Error, GiveUpReason, TransportErrorKind};

/// HubSpot's bulk-sync locks last two seconds; its docs ask for at least that long a pause.
const LOCKED_DELAY: Duration = Duration::from_secs(2);

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Return the error.
    Stop,
    /// Retry, if the attempts, the deadline and the budget allow.
    Retry(Retry),
}

/// A retry the policy allows, and what it asks of the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Retry {
    /// Wait at least this long (the server's `Retry-After`, a lock's two seconds).
    pub(crate) at_least: Duration,
    /// What the server asked for, which may not pass [`RetryConfig::max_retry_after`].
    pub(crate) server_asked: Option<Duration>,
    /// Budget tokens the retry costs.
    pub(crate) cost: u32,
}

/// Decides whether a failed attempt is retried. Pure: which failures are retryable at all is
/// [`Error::retryable_for`], shared with `Error::is_retryable`; this adds how long to wait and
/// what it costs.
pub(crate) fn classify(error: &Error, idempotent: bool) -> Decision {
    if !error.retryable_for(idempotent) {
        return Decision::Stop;
    }
    let server_asked = error.api_error().and_then(|api| api.retry_after);
    let at_least = match error.status() {
        Some(423) => server_asked.unwrap_or_default().max(LOCKED_DELAY),
        _ => server_asked.unwrap_or_default(),
    };
    let cost = match error {
        Error::Transport(transport) if transport.kind() == TransportErrorKind::Timeout => {
            RetryBudget::TIMEOUT_RETRY_COST
        }
        _ => RetryBudget::RETRY_COST,
    };
    Decision::Retry(Retry {
        at_least,
        server_asked,
        cost,
    })
}

/// How long to wait before the next attempt, or why there is none: after attempt `attempt` of
/// `max_attempts`, with `left` until the deadline. Pure; the budget is checked by the caller, last, since
/// withdrawing from it is the one step with an effect.
pub(crate) fn schedule(
    retry: Retry,
    attempt: u32,
    max_attempts: u32,
    left: Option<Duration>,
    config: &RetryConfig,
    unit_random: f64,
) -> Result<Duration, GiveUpReason> {
    if attempt >= max_attempts {
        return Err(GiveUpReason::AttemptsExhausted);
    }
    super::decide::within_retry_after_cap(retry.server_asked, config)?;
    let delay = backoff(attempt, config, unit_random).max(retry.at_least);
    // Waking exactly at the deadline would leave the attempt no time at all.
    if left.is_some_and(|left| delay >= left) {
        return Err(GiveUpReason::DeadlineExceeded { next_delay: delay });
    }
    Ok(delay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{RateLimitPolicy, TransportError};
    use crate::retry::test_errors::{api, rate_limited};

    fn transport(kind: TransportErrorKind) -> Error {
        Error::Transport(TransportError::new(kind, "boom"))
    }

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn retry(at_least: u64, server_asked: Option<u64>) -> Decision {
        Decision::Retry(Retry {
            at_least: secs(at_least),
            server_asked: server_asked.map(secs),
            cost: RetryBudget::RETRY_COST,
        })
    }

    #[test]
    fn table() {
        use TransportErrorKind as K;
        let timeout_retry = Decision::Retry(Retry {
            at_least: Duration::ZERO,
            server_asked: None,
            cost: RetryBudget::TIMEOUT_RETRY_COST,
        });
        let daily = rate_limited(RateLimitPolicy::Daily, Some(5));
        let rolling = RateLimitPolicy::TenSecondlyRolling;
        let cases: Vec<(&str, Error, bool, Decision)> = vec![
            ("daily 429", daily, true, Decision::Stop),
            (
                "ten-secondly 429",
                rate_limited(rolling, None),
                false,
                retry(0, None),
            ),
            (
                "429 retry-after",
                rate_limited(RateLimitPolicy::Unknown, Some(7)),
                false,
                retry(7, Some(7)),
            ),
            ("423 bare", api(423, None), false, retry(2, None)),
            (
                "423 short retry-after",
                api(423, Some(1)),
                false,
                retry(2, Some(1)),
            ),
            (
                "423 long retry-after",
                api(423, Some(5)),
                false,
                retry(5, Some(5)),
            ),
            ("477", api(477, Some(30)), false, retry(30, Some(30))),
            ("477 without header", api(477, None), true, retry(0, None)),
            ("503 idempotent", api(503, None), true, retry(0, None)),
            (
                "503 with retry-after",
                api(503, Some(3)),
                true,
                retry(3, Some(3)),
            ),
            ("503 POST", api(503, None), false, Decision::Stop),
            ("500 idempotent", api(500, None), true, retry(0, None)),
            ("502", api(502, None), true, retry(0, None)),
            ("504", api(504, None), true, retry(0, None)),
            ("521", api(521, None), true, retry(0, None)),
            ("523", api(523, None), true, retry(0, None)),
            ("524", api(524, None), true, retry(0, None)),
            ("522", api(522, None), true, Decision::Stop),
            ("525", api(525, None), true, Decision::Stop),
            ("400", api(400, None), true, Decision::Stop),
            ("401", api(401, None), true, Decision::Stop),
            ("403", api(403, None), true, Decision::Stop),
            ("404", api(404, None), true, Decision::Stop),
            ("409", api(409, None), true, Decision::Stop),
            ("414", api(414, None), true, Decision::Stop),
            ("refused POST", transport(K::Connect), false, retry(0, None)),
            (
                "unsendable GET",
                transport(K::InvalidRequest),
                true,
                Decision::Stop,
            ),
            ("timeout GET", transport(K::Timeout), true, timeout_retry),
            ("timeout POST", transport(K::Timeout), false, Decision::Stop),
            ("dropped GET", transport(K::Other), true, retry(0, None)),
            ("dropped POST", transport(K::Other), false, Decision::Stop),
            (
                "garbled GET",
                transport(K::InvalidResponse),
                true,
                retry(0, None),
            ),
            (
                "garbled POST",
                transport(K::InvalidResponse),
                false,
                Decision::Stop,
            ),
            (
                "huge headers GET",
                transport(K::HeadersTooLarge),
                true,
                Decision::Stop,
            ),
            (
                "huge body GET",
                transport(K::BodyTooLarge),
                true,
                Decision::Stop,
            ),
            (
                "redirect",
                Error::Redirected {
                    status: 307,
                    location_host: None,
                },
                true,
                Decision::Stop,
            ),
            ("config", Error::Config("x".into()), true, Decision::Stop),
        ];
        for (name, error, idempotent, expected) in cases {
            let decision = classify(&error, idempotent);
            assert_eq!(decision, expected, "{name}");
            // `is_retryable` never says yes where the executor would not retry.
            let error = error.for_request(idempotent);
            assert_eq!(error.is_retryable(), decision != Decision::Stop, "{name}");
        }
    }

    #[test]
    fn schedules_within_attempts_cap_and_deadline() {
        let config = RetryConfig::default()
            .with_jitter(false)
            .with_max_retry_after(secs(60));
        let plain = Retry {
            at_least: Duration::ZERO,
            server_asked: None,
            cost: 5,
        };
        let asked = |s| Retry {
            at_least: secs(s),
            server_asked: Some(secs(s)),
            cost: 5,
        };
        assert_eq!(schedule(plain, 1, 4, None, &config, 0.0), Ok(secs(2)));
        assert_eq!(schedule(asked(7), 1, 4, None, &config, 0.0), Ok(secs(7)));
        assert_eq!(schedule(asked(60), 1, 4, None, &config, 0.0), Ok(secs(60)));
        assert_eq!(
            schedule(asked(61), 1, 4, None, &config, 0.0),
            Err(GiveUpReason::RetryAfterTooLong {
                requested: secs(61)
            })
        );
        assert_eq!(
            schedule(plain, 4, 4, None, &config, 0.0),
            Err(GiveUpReason::AttemptsExhausted)
        );
        // The boundary: a wait that ends exactly at the deadline is not taken.
        assert_eq!(
            schedule(plain, 1, 4, Some(secs(2)), &config, 0.0),
            Err(GiveUpReason::DeadlineExceeded {
                next_delay: secs(2)
            })
        );
        assert_eq!(
            schedule(
                plain,
                1,
                4,
                Some(secs(2) + Duration::from_nanos(1)),
                &config,
                0.0
            ),
            Ok(secs(2))
        );
    }
}
