//! The mock's one clock: real time plus whatever tests advanced it by. Rate limits, token
//! expiry and the timestamps records carry all read it, so advancing it moves them together.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

/// A handle to the clock; clones share it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Clock {
    offset: Arc<Mutex<Duration>>,
}

impl Clock {
    /// The monotonic now, for rate-limit windows and token expiry.
    pub(crate) fn now(&self) -> Instant {
        Instant::now() + self.offset()
    }

    /// The wall-clock now as HubSpot writes it (RFC 3339, milliseconds), for `createdAt` and
    /// the like.
    pub(crate) fn timestamp(&self) -> String {
        self.timestamp_in(Duration::ZERO)
    }

    /// The wall-clock time `after` from now, written as [`Clock::timestamp`] writes it.
    pub(crate) fn timestamp_in(&self, after: Duration) -> String {
        humantime::format_rfc3339_millis(SystemTime::now() + self.offset() + after).to_string()
    }

    /// The wall-clock now in milliseconds since the Unix epoch, as HubSpot's integer times.
    pub(crate) fn epoch_millis(&self) -> u128 {
        (SystemTime::now() + self.offset())
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |since| since.as_millis())
    }

    pub(crate) fn advance(&self, by: Duration) {
        *self.offset.lock().unwrap_or_else(PoisonError::into_inner) += by;
    }

    fn offset(&self) -> Duration {
        // A panic elsewhere cannot leave a `Duration` half-written.
        *self.offset.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
