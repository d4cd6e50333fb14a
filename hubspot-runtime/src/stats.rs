//! What a client's calls did, counted: read from code with [`Client::stats`], beside the
//! `tracing` span each call opens.
//!
//! [`Client::stats`]: crate::Client::stats

use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::Error;
use crate::types::Lane;

/// Counts of one client's calls (and its clones'), since it was built. Each is a snapshot:
/// take two and subtract to see what a job did.
///
/// ```
/// # use hubspot_runtime as hubspot_crm;
/// # fn run(client: &hubspot_crm::Client) {
/// let stats = client.stats();
/// println!(
///     "{} calls, {} attempts, {} retried after a 429, {} unknown outcomes",
///     stats.calls, stats.attempts, stats.retries.rate_limit, stats.outcome_unknown
/// );
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClientStats {
    /// Calls started.
    pub calls: u64,
    /// HTTP requests sent for them, first attempts and retries.
    pub attempts: u64,
    /// Calls that got a success answer.
    pub succeeded: u64,
    /// Calls that ended in an error.
    pub failed: u64,
    /// Of those, the ones that gave up ([`Error::GaveUp`]).
    pub gave_up: u64,
    /// Of those, the writes that may have been applied
    /// ([`WriteOutcome::Unknown`](crate::WriteOutcome::Unknown)).
    pub outcome_unknown: u64,
    /// Attempts made again, by what the one before met.
    pub retries: Retries,
    /// 429 answers, by the rate-limit lane of the call.
    pub rate_limited: ByLane,
}

/// Retries by cause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retries {
    /// After a 429 (a lane's pause, or a backoff without the limiter).
    pub rate_limit: u64,
    /// After a 5xx, or a 423/477 lock.
    pub server_error: u64,
    /// After a timeout, a failed connection or a body cut short.
    pub transport: u64,
    /// After a 401 a fresh token mended.
    pub reauthorized: u64,
}

/// A count per rate-limit lane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ByLane {
    /// The standard lane: every call but search.
    pub standard: u64,
    /// The search lane (CRM search's own per-second limit).
    pub search: u64,
}

/// The live counters behind [`ClientStats`].
#[derive(Debug, Default)]
pub(crate) struct Counters {
    calls: AtomicU64,
    attempts: AtomicU64,
    succeeded: AtomicU64,
    failed: AtomicU64,
    gave_up: AtomicU64,
    outcome_unknown: AtomicU64,
    retried_rate_limit: AtomicU64,
    retried_server_error: AtomicU64,
    retried_transport: AtomicU64,
    retried_reauthorized: AtomicU64,
    limited_standard: AtomicU64,
    limited_search: AtomicU64,
}

/// Why an attempt is made again.
#[derive(Debug, Clone, Copy)]
pub(crate) enum RetryCause {
    RateLimit,
    ServerError,
    Transport,
    Reauthorized,
}

impl RetryCause {
    /// What a retried `error` was.
    pub(crate) fn of(error: &Error) -> Self {
        match error {
            Error::RateLimited { .. } => Self::RateLimit,
            Error::Transport(_) => Self::Transport,
            _ => Self::ServerError,
        }
    }
}

fn add(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

impl Counters {
    pub(crate) fn call(&self) {
        add(&self.calls);
    }

    pub(crate) fn attempt(&self) {
        add(&self.attempts);
    }

    pub(crate) fn rate_limited(&self, lane: Lane) {
        add(match lane {
            Lane::Standard => &self.limited_standard,
            Lane::Search => &self.limited_search,
        });
    }

    pub(crate) fn retry(&self, cause: RetryCause) {
        add(match cause {
            RetryCause::RateLimit => &self.retried_rate_limit,
            RetryCause::ServerError => &self.retried_server_error,
            RetryCause::Transport => &self.retried_transport,
            RetryCause::Reauthorized => &self.retried_reauthorized,
        });
    }

    /// A call's end.
    pub(crate) fn finished(&self, error: Option<&Error>) {
        let Some(error) = error else {
            add(&self.succeeded);
            return;
        };
        add(&self.failed);
        if matches!(error, Error::GaveUp { .. }) {
            add(&self.gave_up);
        }
        if error.write_outcome() == crate::WriteOutcome::Unknown {
            add(&self.outcome_unknown);
        }
    }

    pub(crate) fn snapshot(&self) -> ClientStats {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        ClientStats {
            calls: read(&self.calls),
            attempts: read(&self.attempts),
            succeeded: read(&self.succeeded),
            failed: read(&self.failed),
            gave_up: read(&self.gave_up),
            outcome_unknown: read(&self.outcome_unknown),
            retries: Retries {
                rate_limit: read(&self.retried_rate_limit),
                server_error: read(&self.retried_server_error),
                transport: read(&self.retried_transport),
                reauthorized: read(&self.retried_reauthorized),
            },
            rate_limited: ByLane {
                standard: read(&self.limited_standard),
                search: read(&self.limited_search),
            },
        }
    }
}
