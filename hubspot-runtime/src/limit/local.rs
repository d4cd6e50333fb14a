//! The limiter of one process: a sliding log per lane, the daily cap, and a cap on requests in
//! flight. Clients with the same token and base URL share one (see [`super::registry`]).

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::{Semaphore, SemaphorePermit};

use super::headers::Reported;
use super::window::SlidingLog;
use super::{Acquire, LimitSettings, RateLimit};
use crate::types::Lane;

/// After the daily cap is reached, one request is let through this often to see whether it has
/// reset (at midnight in the account's time zone, which the client does not know).
const DAILY_PROBE_EVERY: Duration = Duration::from_secs(600);

#[derive(Debug)]
pub(crate) struct LocalLimiter {
    /// Both lanes and the daily cap behind one lock: a send checks the cap, takes its slot and
    /// counts the cap down in one critical section. (A lock each cost three lock round trips a
    /// call, each a cache line the cores handed back and forth.)
    lanes: Mutex<Lanes>,
    in_flight: Semaphore,
    learn: bool,
}

#[derive(Debug)]
struct Lanes {
    standard: SlidingLog,
    search: SlidingLog,
    daily: Daily,
}

impl Lanes {
    fn lane(&mut self, lane: Lane) -> &mut SlidingLog {
        match lane {
            Lane::Standard => &mut self.standard,
            Lane::Search => &mut self.search,
        }
    }
}

impl LocalLimiter {
    pub(crate) fn new(settings: &LimitSettings) -> Self {
        Self {
            lanes: Mutex::new(Lanes {
                standard: SlidingLog::new(settings.standard),
                search: SlidingLog::new(settings.search),
                daily: Daily::default(),
            }),
            in_flight: Semaphore::new(settings.max_in_flight.max(1)),
            learn: settings.learn,
        }
    }

    /// Waits for one of the places for requests in flight; dropping the permit frees it.
    pub(crate) async fn in_flight(&self) -> Option<SemaphorePermit<'_>> {
        // Most sends find a place free, and taking it then needs no waiter. (A free place means
        // no one is queued: a place freed while some are goes straight to the first of them.)
        if let Ok(place) = self.in_flight.try_acquire() {
            return Some(place);
        }
        // The semaphore is never closed, so this only fails if it were.
        self.in_flight.acquire().await.ok()
    }

    pub(crate) fn acquire(&self, lane: Lane, now: Instant) -> Acquire {
        self.acquire_with(lane, now, |log| log.try_acquire(now))
    }

    /// The daily cap around a slot of `lane` taken by `slot`: refused without asking when the
    /// cap is used up, counted down when the slot is granted.
    pub(crate) fn acquire_with(
        &self,
        lane: Lane,
        now: Instant,
        slot: impl FnOnce(&mut SlidingLog) -> Result<(), Duration>,
    ) -> Acquire {
        let mut lanes = lock(&self.lanes);
        if let Err(limit) = lanes.daily.check(now) {
            return Acquire::DailyExhausted { limit };
        }
        match slot(lanes.lane(lane)) {
            Ok(()) => {
                lanes.daily.consume();
                Acquire::Granted
            }
            Err(wait) => Acquire::Wait(wait),
        }
    }

    /// Learns from a response's headers; returns the window limit if it changed.
    pub(crate) fn observe(&self, reported: &Reported, now: Instant) -> Option<RateLimit> {
        if !self.learn {
            return None;
        }
        let mut lanes = lock(&self.lanes);
        if reported.daily.is_some() || reported.daily_remaining.is_some() {
            lanes.daily.learn(reported.daily, reported.daily_remaining);
        }
        let standard = &mut lanes.standard;
        let learned = reported.window.filter(|window| standard.learn(*window));
        if let (Some(limit), Some(remaining)) = (standard.limit(), reported.remaining) {
            standard.sync_used(limit.requests().saturating_sub(remaining), now);
        }
        learned
    }

    /// Pauses `lane` until `until`, for every caller.
    pub(crate) fn pause(&self, lane: Lane, until: Instant) {
        lock(&self.lanes).lane(lane).pause_until(until);
    }

    /// The daily cap was hit: refuse at once until the next probe.
    pub(crate) fn close_daily(&self, now: Instant) {
        lock(&self.lanes).daily.close(now);
    }

    /// The window a full pause of `lane` lasts when the server did not say.
    pub(crate) fn window(&self, lane: Lane) -> Duration {
        lock(&self.lanes)
            .lane(lane)
            .limit()
            .map_or(RateLimit::FREE_STARTER.per(), RateLimit::per)
    }

    #[cfg(test)]
    pub(crate) fn limit(&self, lane: Lane) -> Option<RateLimit> {
        lock(&self.lanes).lane(lane).limit()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // Each guarded value is plain counters, consistent even if a holder panicked.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The daily cap, as the server last reported it, counted down between reports.
#[derive(Debug, Default)]
struct Daily {
    limit: Option<u64>,
    remaining: Option<u64>,
    closed_until: Option<Instant>,
}

impl Daily {
    fn check(&mut self, now: Instant) -> Result<(), Option<u64>> {
        if let Some(until) = self.closed_until {
            if now < until {
                return Err(self.limit);
            }
            // Time for a probe: the cap may have reset.
            self.closed_until = None;
            self.remaining = None;
        }
        if self.remaining == Some(0) {
            self.close(now);
            return Err(self.limit);
        }
        Ok(())
    }

    fn consume(&mut self) {
        if let Some(remaining) = &mut self.remaining {
            *remaining = remaining.saturating_sub(1);
        }
    }

    fn learn(&mut self, limit: Option<u64>, remaining: Option<u64>) {
        self.limit = limit.or(self.limit);
        if remaining.is_some() {
            self.remaining = remaining;
        }
    }

    fn close(&mut self, now: Instant) {
        self.remaining = Some(0);
        self.closed_until = Some(now + DAILY_PROBE_EVERY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> LimitSettings {
        LimitSettings::default()
    }

    #[test]
    fn the_daily_cap_refuses_at_once_then_probes() {
        let limiter = LocalLimiter::new(&settings());
        let now = Instant::now();
        limiter.observe(
            &Reported {
                daily: Some(1000),
                daily_remaining: Some(1),
                ..Reported::default()
            },
            now,
        );
        assert_eq!(limiter.acquire(Lane::Standard, now), Acquire::Granted);
        assert_eq!(
            limiter.acquire(Lane::Search, now),
            Acquire::DailyExhausted { limit: Some(1000) }
        );
        let later = now + DAILY_PROBE_EVERY;
        assert_eq!(limiter.acquire(Lane::Standard, later), Acquire::Granted);
        limiter.close_daily(later);
        assert!(matches!(
            limiter.acquire(Lane::Standard, later + Duration::from_secs(1)),
            Acquire::DailyExhausted { .. }
        ));
    }

    #[test]
    fn learning_can_be_turned_off() {
        let limiter = LocalLimiter::new(&LimitSettings {
            learn: false,
            ..settings()
        });
        let reported = Reported {
            window: Some(RateLimit::ENTERPRISE),
            ..Reported::default()
        };
        assert_eq!(limiter.observe(&reported, Instant::now()), None);
        assert_eq!(limiter.limit(Lane::Standard), Some(RateLimit::FREE_STARTER));
        let learning = LocalLimiter::new(&settings());
        assert_eq!(
            learning.observe(&reported, Instant::now()),
            Some(RateLimit::ENTERPRISE)
        );
        assert_eq!(learning.observe(&reported, Instant::now()), None);
    }
}
