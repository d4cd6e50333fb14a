use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::types::Lane;

/// A client-side request rate: at most `requests` per `per`, with bursts of up to `requests`.
///
/// ```
/// use hubspot_runtime::RateLimit;
/// use std::time::Duration;
///
/// // A Professional private app: 190 requests per rolling 10 s.
/// let limit = RateLimit::new(190, Duration::from_secs(10));
/// assert_eq!(RateLimit::per_second(5), RateLimit::new(5, Duration::from_secs(1)));
/// # let _ = limit;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    requests: u32,
    per: Duration,
}

impl RateLimit {
    /// `requests` per `per` (both at least 1 request and 1 ms).
    pub fn new(requests: u32, per: Duration) -> Self {
        Self {
            requests: requests.max(1),
            per: per.max(Duration::from_millis(1)),
        }
    }

    /// `requests` per second.
    pub fn per_second(requests: u32) -> Self {
        Self::new(requests, Duration::from_secs(1))
    }

    fn per_request(self) -> Duration {
        self.per / self.requests
    }
}

/// A token bucket that hands out reservations: each caller learns how long to wait for its slot,
/// so concurrent callers queue up instead of bursting together.
#[derive(Debug)]
pub(crate) struct Bucket {
    limit: RateLimit,
    /// When the bucket is next empty-but-for-one, as a virtual time: slots before it are taken.
    next_free: Option<Instant>,
}

impl Bucket {
    pub(crate) fn new(limit: RateLimit) -> Self {
        Self {
            limit,
            next_free: None,
        }
    }

    /// Takes the next slot; returns how long to wait for it.
    pub(crate) fn reserve(&mut self, now: Instant) -> Duration {
        let step = self.limit.per_request();
        let burst = step * self.limit.requests;
        // A full bucket allows `requests` at once: slots may start up to `burst - step` early.
        let earliest = now.checked_sub(burst - step).unwrap_or(now);
        let slot = self.next_free.map_or(earliest, |t| t.max(earliest));
        self.next_free = Some(slot + step);
        slot.saturating_duration_since(now)
    }
}

/// One token bucket per rate-limit lane; `None` leaves the lane unpaced.
#[derive(Debug)]
pub(crate) struct Pacers {
    standard: Option<Mutex<Bucket>>,
    search: Option<Mutex<Bucket>>,
}

impl Pacers {
    pub(crate) fn new(standard: Option<RateLimit>, search: Option<RateLimit>) -> Self {
        Self {
            standard: standard.map(|limit| Mutex::new(Bucket::new(limit))),
            search: search.map(|limit| Mutex::new(Bucket::new(limit))),
        }
    }

    /// Reserves the lane's next slot: how long to wait before sending.
    pub(crate) fn reserve(&self, lane: Lane, now: Instant) -> Duration {
        let bucket = match lane {
            Lane::Standard => &self.standard,
            Lane::Search => &self.search,
        };
        bucket.as_ref().map_or(Duration::ZERO, |bucket| {
            // The bucket is two numbers, consistent even if a holder panicked.
            bucket
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .reserve(now)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_burst_then_even_spacing() {
        let start = Instant::now();
        let mut bucket = Bucket::new(RateLimit::per_second(5));
        let waits: Vec<_> = (0..8).map(|_| bucket.reserve(start)).collect();
        assert_eq!(
            waits,
            [ms(0), ms(0), ms(0), ms(0), ms(0), ms(200), ms(400), ms(600)]
        );
    }

    #[test]
    fn refills_with_time() {
        let start = Instant::now();
        let mut bucket = Bucket::new(RateLimit::per_second(5));
        for _ in 0..5 {
            assert_eq!(bucket.reserve(start), Duration::ZERO);
        }
        assert_eq!(bucket.reserve(start + ms(100)), ms(100));
        // After a quiet second the whole burst is back.
        let later = start + Duration::from_secs(3);
        assert!((0..5).all(|_| bucket.reserve(later).is_zero()));
        assert_eq!(bucket.reserve(later), ms(200));
    }

    #[test]
    fn a_window_rate() {
        let start = Instant::now();
        let mut bucket = Bucket::new(RateLimit::new(100, Duration::from_secs(10)));
        let waits: Vec<_> = (0..102).map(|_| bucket.reserve(start)).collect();
        assert!(waits[..100].iter().all(|w| w.is_zero()));
        assert_eq!(&waits[100..], [ms(100), ms(200)]);
    }
}
