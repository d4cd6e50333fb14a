//! The rolling window HubSpot enforces, modelled exactly: a log of send times, at most `L` of
//! them in any window `W`.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// A request rate: at most `requests` in any rolling `per`.
///
/// ```
/// use hubspot_runtime::RateLimit;
/// use std::time::Duration;
///
/// assert_eq!(RateLimit::PROFESSIONAL, RateLimit::new(190, Duration::from_secs(10)));
/// assert_eq!(RateLimit::per_second(5), RateLimit::SEARCH);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    requests: u32,
    per: Duration,
}

impl RateLimit {
    /// HubSpot's Free and Starter tiers, and the safe starting point: 100 per 10 s.
    pub const FREE_STARTER: Self = Self::ten_secondly(100);
    /// Professional: 190 per 10 s.
    pub const PROFESSIONAL: Self = Self::ten_secondly(190);
    /// Enterprise, or any tier with the API limit increase: 250 per 10 s.
    pub const ENTERPRISE: Self = Self::ten_secondly(250);
    /// Public (OAuth) apps, per installed account: 110 per 10 s.
    pub const OAUTH_APP: Self = Self::ten_secondly(110);
    /// The CRM search endpoints: 5 per second per account.
    pub const SEARCH: Self = Self {
        requests: 5,
        per: Duration::from_secs(1),
    };

    const fn ten_secondly(requests: u32) -> Self {
        Self {
            requests,
            per: Duration::from_secs(10),
        }
    }

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

    /// Requests allowed in one window.
    pub fn requests(self) -> u32 {
        self.requests
    }

    /// The window.
    pub fn per(self) -> Duration {
        self.per
    }

    /// How much longer than the server's window the client keeps a send on its log. A request
    /// is counted by the server when it arrives, a little after the client logged it; without
    /// the margin, a slow request and a fast one a window apart could land in one window.
    pub(crate) fn margin(self) -> Duration {
        (self.per / 50).max(Duration::from_millis(10))
    }

    /// How long a send counts against this limit on the client's log: the window and its
    /// margin.
    fn keep(self) -> Duration {
        self.per + self.margin()
    }
}

/// The longest window the client adopts from a server: HubSpot's is 10 s. A server that
/// claims a window of a day must not be able to stall every call.
pub(crate) const MAX_LEARNED_WINDOW: Duration = Duration::from_secs(60);
/// The most requests per window the client adopts from a server: HubSpot's largest is 250 per
/// 10 s. A server that claims billions must not make the log hold billions of entries (its
/// `Remaining` header is logged as sends).
pub(crate) const MAX_LEARNED_REQUESTS: u32 = 1_000_000;
/// How many sends beyond the limit in force the log keeps, for a limit learned later: a
/// learned limit comes with the server's count of its window, which the log takes in at once,
/// so this only needs to cover HubSpot's own limits.
const KEPT_SENDS: u32 = 1_000;

/// One lane's state: its limit (none leaves it unpaced), the recent sends, and a pause a 429
/// imposed on everyone.
///
/// Sends stay on the log for the longest window the lane could learn, not only the one in force,
/// so a lane that learns a longer window still counts the sends before it; only the newest
/// [`KEPT_SENDS`] (or the limit, if larger) are kept, so the log stays small.
#[derive(Debug)]
pub(crate) struct SlidingLog {
    limit: Option<RateLimit>,
    /// Send times, oldest first.
    sends: VecDeque<Instant>,
    /// Where the window began when sends were last counted: each count walks from here, a
    /// step or two as time moves on, instead of searching a log that can hold a million sends.
    window_start: usize,
    paused_until: Option<Instant>,
}

impl SlidingLog {
    pub(crate) fn new(limit: Option<RateLimit>) -> Self {
        Self {
            limit,
            sends: VecDeque::new(),
            window_start: 0,
            paused_until: None,
        }
    }

    pub(crate) fn limit(&self) -> Option<RateLimit> {
        self.limit
    }

    /// Takes a slot now, or says how long until one frees. A refusal takes nothing, so a
    /// caller that gives up or is dropped while waiting holds no capacity.
    pub(crate) fn try_acquire(&mut self, now: Instant) -> Result<(), Duration> {
        if let Some(until) = self.paused_until {
            if until > now {
                return Err(until - now);
            }
            self.paused_until = None;
        }
        let Some(limit) = self.limit else {
            return Ok(());
        };
        self.prune(limit, now);
        let allowed = limit.requests as usize;
        if self.in_window(limit, now) < allowed {
            self.sends.push_back(now);
            return Ok(());
        }
        // A slot frees when the send `allowed`-th from the newest leaves the window. (More
        // than `allowed` can be in it after a smaller limit was learned.)
        let pivot = self.sends.len().saturating_sub(allowed);
        let oldest = self.sends.get(pivot).copied().unwrap_or(now);
        Err((oldest + limit.keep()).saturating_duration_since(now))
    }

    /// Logs a send granted elsewhere, whatever the count.
    #[cfg(feature = "redis")]
    pub(crate) fn record(&mut self, now: Instant) {
        if let Some(limit) = self.limit {
            self.prune(limit, now);
            self.sends.push_back(now);
        }
    }

    /// Adopts a limit the server reported; true if it changed.
    pub(crate) fn learn(&mut self, limit: RateLimit) -> bool {
        let changed = self.limit != Some(limit);
        self.limit = Some(limit);
        changed
    }

    /// The server counts `used` requests in its window: when that is more than this log holds
    /// (another client or process on the same token), the difference is logged now, so this
    /// client leaves it room.
    pub(crate) fn sync_used(&mut self, used: u32, now: Instant) {
        let Some(limit) = self.limit else {
            return;
        };
        self.prune(limit, now);
        let used = used.min(limit.requests) as usize;
        for _ in self.in_window(limit, now)..used {
            self.sends.push_back(now);
        }
    }

    /// No sends before `until` (a 429 said the window is full).
    pub(crate) fn pause_until(&mut self, until: Instant) {
        self.paused_until = Some(self.paused_until.map_or(until, |t| t.max(until)));
    }

    /// Sends still inside `limit`'s window (and margin).
    fn in_window(&mut self, limit: RateLimit, now: Instant) -> usize {
        let sends = &self.sends;
        let mut start = self.window_start.min(sends.len());
        if let Some(cutoff) = now.checked_sub(limit.keep()) {
            // Both ways: callers' clocks are read before the lock, so `now` can step back a
            // little, and a newly learned window can be longer.
            while sends.get(start).is_some_and(|sent| *sent <= cutoff) {
                start += 1;
            }
            while start > 0 && sends[start - 1] > cutoff {
                start -= 1;
            }
        } else {
            start = 0;
        }
        self.window_start = start;
        sends.len() - start
    }

    /// Forgets sends older than any window the lane could learn (or the one in force, if a
    /// caller set a longer one).
    fn prune(&mut self, limit: RateLimit, now: Instant) {
        let keep = limit
            .keep()
            .max(RateLimit::new(1, MAX_LEARNED_WINDOW).keep());
        if let Some(cutoff) = now.checked_sub(keep) {
            while self.sends.front().is_some_and(|sent| *sent <= cutoff) {
                self.sends.pop_front();
                self.window_start = self.window_start.saturating_sub(1);
            }
        }
        let most = limit.requests.max(KEPT_SENDS) as usize;
        let excess = self.sends.len().saturating_sub(most);
        self.sends.drain(..excess);
        self.window_start = self.window_start.saturating_sub(excess);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// Found by `never_more_than_the_limit_in_any_window`: a lane that learned a longer window
    /// forgot the sends of the shorter one and let eight through where two were allowed.
    #[test]
    fn a_longer_learned_window_still_counts_the_sends_before_it() {
        let start = Instant::now();
        let mut log = SlidingLog::new(Some(RateLimit::new(2, ms(1))));
        for at in [0, 0, 11, 11, 22, 22, 33] {
            assert!(log.try_acquire(start + ms(at)).is_ok());
        }
        log.learn(RateLimit::new(2, ms(152)));
        let now = start + ms(33);
        let wait = log.try_acquire(now).unwrap_err();
        // Free again once only one send is left in the 152 ms window (and its margin).
        assert_eq!(now + wait, start + ms(22) + ms(152) + ms(10));
    }
    #[test]
    fn never_more_than_the_limit_in_any_window() {
        let start = Instant::now();
        let limit = RateLimit::new(10, ms(1000));
        let mut log = SlidingLog::new(Some(limit));
        let mut sent = Vec::new();
        let mut now = start;
        // 1,000 callers that each retry when told, in 7 ms steps of time.
        let mut waiting = 1000;
        while waiting > 0 && now < start + Duration::from_secs(200) {
            while waiting > 0 && log.try_acquire(now).is_ok() {
                sent.push(now);
                waiting -= 1;
            }
            now += ms(7);
        }
        assert_eq!(sent.len(), 1000);
        for (i, t) in sent.iter().enumerate() {
            let in_window = sent[i..].iter().take_while(|u| **u - *t < ms(1000)).count();
            assert!(in_window <= 10, "{in_window} sends in one window from {i}");
        }
        // And it runs at the limit: 100 windows (plus margins) for 1,000 sends.
        let took = *sent.last().unwrap() - start;
        assert!(took < Duration::from_secs(103), "{took:?}");
    }

    #[test]
    fn a_refusal_takes_nothing_and_says_when_a_slot_frees() {
        let start = Instant::now();
        let mut log = SlidingLog::new(Some(RateLimit::new(2, ms(1000))));
        assert!(log.try_acquire(start).is_ok());
        assert!(log.try_acquire(start + ms(100)).is_ok());
        // 1,000 ms window + 20 ms margin from the first send.
        assert_eq!(log.try_acquire(start + ms(500)), Err(ms(520)));
        assert_eq!(log.try_acquire(start + ms(500)), Err(ms(520)));
        assert!(log.try_acquire(start + ms(1020)).is_ok());
        assert_eq!(log.try_acquire(start + ms(1020)), Err(ms(100)));
    }

    #[test]
    fn a_pause_holds_every_caller_even_on_an_unpaced_lane() {
        let start = Instant::now();
        let mut log = SlidingLog::new(None);
        log.pause_until(start + ms(300));
        log.pause_until(start + ms(100));
        assert_eq!(log.try_acquire(start), Err(ms(300)));
        assert!(log.try_acquire(start + ms(300)).is_ok());
    }

    #[test]
    fn learns_and_syncs_with_what_the_server_counted() {
        let start = Instant::now();
        let mut log = SlidingLog::new(Some(RateLimit::FREE_STARTER));
        assert!(log.learn(RateLimit::new(4, ms(1000))));
        assert!(!log.learn(RateLimit::new(4, ms(1000))));
        assert!(log.try_acquire(start).is_ok());
        // The server saw 3 in its window: two from someone else.
        log.sync_used(3, start);
        assert!(log.try_acquire(start).is_ok());
        assert!(log.try_acquire(start).is_err());
        // Fewer than this log holds changes nothing.
        log.sync_used(1, start);
        assert!(log.try_acquire(start).is_err());
    }
}

/// Properties of the log over any arrivals: generated with proptest. `PROPTEST_CASES` raises the
/// case count for a long run (README, "Testing").
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// One step of a lane's life, `advance_ms` after the last.
    #[derive(Debug, Clone)]
    enum Step {
        Acquire,
        /// A 429 paused the lane for this long.
        Pause(u64),
        /// The server counted this many in its window.
        SyncUsed(u32),
        /// The server reported this limit (requests, window in ms).
        Learn(u32, u64),
    }

    fn steps() -> impl Strategy<Value = Vec<(u64, Step)>> {
        let step = prop_oneof![
            8 => Just(Step::Acquire),
            1 => (0u64..3_000).prop_map(Step::Pause),
            1 => (0u32..60).prop_map(Step::SyncUsed),
            1 => (1u32..60, 1u64..3_000).prop_map(|(r, ms)| Step::Learn(r, ms)),
        ];
        proptest::collection::vec((0u64..400, step), 1..400)
    }

    proptest! {
        /// Counting from where the last count began gives what a search of the whole log
        /// gives, whichever way time and the window moved since.
        #[test]
        fn a_walked_count_is_a_searched_count(
            gaps in proptest::collection::vec(0u64..50, 0..200),
            queries in proptest::collection::vec((0u64..12_000, 1u64..3_000), 1..50),
        ) {
            let start = Instant::now();
            let mut log = SlidingLog::new(None);
            let mut at = start;
            for gap in gaps {
                at += Duration::from_millis(gap);
                log.sends.push_back(at);
            }
            for (query_ms, per_ms) in queries {
                let limit = RateLimit::new(1, Duration::from_millis(per_ms));
                let now = start + Duration::from_millis(query_ms);
                let older = now
                    .checked_sub(limit.keep())
                    .map_or(0, |cutoff| log.sends.partition_point(|sent| *sent <= cutoff));
                prop_assert_eq!(log.in_window(limit, now), log.sends.len() - older);
            }
        }

        /// Whatever the arrivals, pauses, learned limits and counts from elsewhere: when a send
        /// is granted, the sends granted within the window before it, itself included, are
        /// never more than the limit in force.
        #[test]
        fn never_more_than_the_limit_in_any_window(
            requests in 1u32..40,
            per_ms in 1u64..3_000,
            steps in steps(),
        ) {
            let start = Instant::now();
            let mut log = SlidingLog::new(Some(RateLimit::new(requests, Duration::from_millis(per_ms))));
            let mut now = start;
            let mut granted: Vec<Instant> = Vec::new();
            for (advance, step) in steps {
                now += Duration::from_millis(advance);
                match step {
                    Step::Acquire => {
                        let before = log.sends.len();
                        match log.try_acquire(now) {
                            Ok(()) => {
                                let limit = log.limit().unwrap_or(RateLimit::FREE_STARTER);
                                granted.push(now);
                                let in_window = granted
                                    .iter()
                                    .filter(|t| now.saturating_duration_since(**t) < limit.per())
                                    .count();
                                prop_assert!(in_window <= limit.requests() as usize,
                                    "{in_window} sends within {:?} at a limit of {}", limit.per(), limit.requests());
                            }
                            // A refusal takes nothing: no send is logged for it.
                            Err(_) => prop_assert!(log.sends.len() <= before),
                        }
                    }
                    Step::Pause(ms) => log.pause_until(now + Duration::from_millis(ms)),
                    Step::SyncUsed(used) => log.sync_used(used, now),
                    Step::Learn(r, ms) => {
                        log.learn(RateLimit::new(r, Duration::from_millis(ms)));
                    }
                }
            }
        }

        /// The wait a refusal names is exact: a slot is free then, and not a moment before.
        #[test]
        fn the_wait_a_refusal_names_is_exact(
            requests in 1u32..20,
            per_ms in 1u64..3_000,
            arrivals in proptest::collection::vec(0u64..200, 1..200),
        ) {
            let mut log = SlidingLog::new(Some(RateLimit::new(requests, Duration::from_millis(per_ms))));
            let mut now = Instant::now();
            for advance in arrivals {
                now += Duration::from_millis(advance);
                if let Err(wait) = log.try_acquire(now) {
                    prop_assert!(!wait.is_zero());
                    prop_assert!(log.try_acquire(now + wait - Duration::from_nanos(1)).is_err());
                    prop_assert!(log.try_acquire(now + wait).is_ok());
                    now += wait;
                }
            }
        }
    }
}
