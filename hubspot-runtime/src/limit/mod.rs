//! Client-side rate limiting: every attempt takes a slot of its lane before it is sent, so a
//! sync runs at the full rate HubSpot allows without drawing 429s.
//!
//! - One lane per HubSpot limit: the rolling window (standard lane), the search lane, and the
//!   daily cap. Each window lane is a [sliding log](window::SlidingLog): never more than `L`
//!   sends in any window `W`.
//! - It starts from [`RateLimit::FREE_STARTER`] and learns the real limit from the
//!   `X-HubSpot-RateLimit-*` headers, syncing with what the server counted (other processes on
//!   the same token).
//! - A 429 that still arrives pauses its lane for every caller until the window frees.
//! - Waiting takes nothing: a caller that gives up or is dropped while waiting holds no slot.
//! - Clients with the same token and base URL share one limiter per process ([`registry`]);
//!   with the `redis` feature, any number of processes share one through Redis.

mod headers;
mod local;
#[cfg(feature = "redis")]
mod redis;
pub(crate) mod registry;
mod window;

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::SemaphorePermit;

pub(crate) use headers::Reported;
use local::LocalLimiter;
pub use window::RateLimit;

use crate::error::RateLimitPolicy;
use crate::time::Time;
use crate::types::{BoxFuture, Lane};

/// A limiter shared through Redis at `url`, for the token `scope` at `base_url`.
#[cfg(feature = "redis")]
pub(crate) fn shared(
    url: &str,
    base_url: &str,
    scope: Option<&secrecy::SecretString>,
    settings: &LimitSettings,
    observer: Option<LimitObserver>,
) -> Result<Arc<Limiter>, crate::error::Error> {
    let scope = scope.ok_or_else(|| {
        crate::error::Error::Config(
            "a shared rate limit needs credentials that name their limit (Auth::limit_scope)"
                .into(),
        )
    })?;
    let shared = redis::SharedLimiter::new(url, base_url, scope, settings, observer)?;
    Ok(Arc::new(Limiter {
        local: LocalLimiter::new(settings),
        shared: Some(Box::new(shared)),
    }))
}

/// What the limiter answers a caller that wants to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Acquire {
    /// Send now: the slot is taken.
    Granted,
    /// Ask again after this long; nothing was taken.
    Wait(Duration),
    /// The daily cap is used up: do not send.
    DailyExhausted { limit: Option<u64> },
}

/// How a client's limiter starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LimitSettings {
    pub(crate) standard: Option<RateLimit>,
    pub(crate) search: Option<RateLimit>,
    pub(crate) max_in_flight: usize,
    pub(crate) learn: bool,
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            standard: Some(RateLimit::FREE_STARTER),
            search: Some(RateLimit::SEARCH),
            max_in_flight: 16,
            learn: true,
        }
    }
}

/// Something the rate limiter did, for [`ClientBuilder::on_limit_event`](crate::ClientBuilder::on_limit_event).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitEvent {
    /// A call waited for a slot of its lane.
    Waited {
        /// The lane.
        lane: Lane,
        /// How long.
        wait: Duration,
    },
    /// A 429 arrived anyway; the lane is paused for every caller.
    RateLimited {
        /// The lane paused.
        lane: Lane,
        /// The limit HubSpot named.
        policy: RateLimitPolicy,
        /// How long the lane is paused.
        pause: Duration,
    },
    /// The server reported a rolling-window limit other than the one in force.
    Learned {
        /// The limit now in force.
        limit: RateLimit,
    },
    /// The shared (Redis) limiter could not be reached: this process uses its own until it can.
    SharedUnavailable,
}

/// Receives [`LimitEvent`]s.
pub type LimitObserver = Arc<dyn Fn(&LimitEvent) + Send + Sync>;

/// Where the rolling-window lanes are kept when they are shared beyond this process (Redis).
/// Each step falls back to the process's own lanes, `local`, when the store cannot answer, and
/// keeps them in step for that fallback.
pub(crate) trait SharedLanes: Send + Sync {
    /// Takes a slot of `lane` now, or says how long to wait.
    fn acquire<'a>(
        &'a self,
        local: &'a LocalLimiter,
        lane: Lane,
        now: Instant,
        wall: SystemTime,
    ) -> BoxFuture<'a, Acquire>;

    /// Learns from a response; returns the rolling-window limit if it changed.
    fn observe<'a>(
        &'a self,
        local: &'a LocalLimiter,
        reported: Reported,
        now: Instant,
        wall: SystemTime,
    ) -> BoxFuture<'a, Option<RateLimit>>;

    /// Pauses `lane` for `pause` for every process.
    fn pause(
        &self,
        lane: Lane,
        now: Instant,
        wall: SystemTime,
        pause: Duration,
    ) -> BoxFuture<'_, ()>;
}

/// A client's limiter: this process's own lanes, daily cap and places in flight, and optionally
/// the window lanes shared beyond it (the own lanes then serve as the fallback).
pub(crate) struct Limiter {
    local: LocalLimiter,
    shared: Option<Box<dyn SharedLanes>>,
}

impl fmt::Debug for Limiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Limiter")
            .field("shared", &self.shared.is_some())
            .finish_non_exhaustive()
    }
}

/// Why no permit was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The daily cap is used up: do not send.
    DailyExhausted { limit: Option<u64> },
    /// The next slot frees after the deadline, `next_delay` from now.
    Deadline { next_delay: Duration },
}

/// One send's claim on the limiter: a place among the requests in flight and a slot of its
/// lane. [`Permit::settle`] hands it the response; dropping it unsettled (the exchange failed)
/// frees the place, and the slot stays used, since the request may have gone out.
#[must_use = "a permit is settled with the response"]
pub(crate) struct Permit<'a> {
    limiter: &'a Limiter,
    _place: Option<SemaphorePermit<'a>>,
}

impl<'a> Permit<'a> {
    /// The answer arrived: the limiter learns from its rate-limit headers and the place frees.
    /// This process's lanes learn at once; shared ones after a round trip.
    pub(crate) fn settle(self, reported: Reported, time: &dyn Time) -> Settled<'a> {
        if reported == Reported::default() {
            return Settled::Done(None);
        }
        let limiter = self.limiter;
        match &limiter.shared {
            Some(shared) => {
                let (now, wall) = (time.now(), time.system_now());
                Settled::Shared(shared.observe(&limiter.local, reported, now, wall))
            }
            None => Settled::Done(limiter.local.observe(&reported, time.now())),
        }
    }
}

/// A settled permit: resolves to the rolling-window limit, if the answer changed it. Most
/// calls settle at once; shared lanes learn after a round trip. A future of its own rather than
/// an `async fn`, whose state would sit in every call's future.
pub(crate) enum Settled<'a> {
    /// Learned at once.
    Done(Option<RateLimit>),
    /// The shared lanes are learning.
    Shared(BoxFuture<'a, Option<RateLimit>>),
}

impl Future for Settled<'_> {
    type Output = Option<RateLimit>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            Self::Done(learned) => Poll::Ready(learned.take()),
            Self::Shared(learning) => learning.as_mut().poll(cx),
        }
    }
}

impl Limiter {
    pub(crate) fn local(settings: &LimitSettings) -> Self {
        Self {
            local: LocalLimiter::new(settings),
            shared: None,
        }
    }

    /// Waits for a place in flight and a slot of `lane`, on `time`'s clock, unless the slot
    /// would free only after `deadline`. `waited` hears of each wait before it starts. Waiting
    /// takes nothing: a caller dropped while waiting holds no slot.
    pub(crate) async fn permit(
        &self,
        lane: Lane,
        time: &dyn Time,
        deadline: Option<Instant>,
        mut waited: impl FnMut(Duration),
    ) -> Result<Permit<'_>, Refusal> {
        let place = self.local.in_flight().await;
        loop {
            let now = time.now();
            let wait = match self.acquire(lane, now, time).await {
                Acquire::Granted => {
                    return Ok(Permit {
                        limiter: self,
                        _place: place,
                    });
                }
                Acquire::Wait(wait) => wait,
                Acquire::DailyExhausted { limit } => return Err(Refusal::DailyExhausted { limit }),
            };
            if deadline.is_some_and(|deadline| now + wait >= deadline) {
                return Err(Refusal::Deadline { next_delay: wait });
            }
            waited(wait);
            time.sleep(wait).await;
        }
    }

    /// A slot of `lane` at `now`; the wall clock is read only for the shared lanes.
    async fn acquire(&self, lane: Lane, now: Instant, time: &dyn Time) -> Acquire {
        match &self.shared {
            Some(shared) => {
                shared
                    .acquire(&self.local, lane, now, time.system_now())
                    .await
            }
            None => self.local.acquire(lane, now),
        }
    }

    /// A 429 arrived: closes the daily lane, or pauses the lane the policy names (else the
    /// call's) until the window frees. Returns the lane and how long it is paused.
    pub(crate) async fn rate_limited(
        &self,
        lane: Lane,
        policy: &RateLimitPolicy,
        retry_after: Option<Duration>,
        time: &dyn Time,
    ) -> (Lane, Duration) {
        let now = time.now();
        let lane = match policy {
            RateLimitPolicy::Daily => {
                self.local.close_daily(now);
                return (lane, Duration::ZERO);
            }
            RateLimitPolicy::TenSecondlyRolling => Lane::Standard,
            RateLimitPolicy::Secondly => Lane::Search,
            _ => lane,
        };
        let pause = retry_after.unwrap_or_else(|| self.local.window(lane));
        self.local.pause(lane, now + pause);
        if let Some(shared) = &self.shared {
            shared.pause(lane, now, time.system_now(), pause).await;
        }
        (lane, pause)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::VirtualTime;

    fn settings(max_in_flight: usize, per_second: u32) -> LimitSettings {
        LimitSettings {
            standard: Some(RateLimit::per_second(per_second)),
            max_in_flight,
            ..LimitSettings::default()
        }
    }

    #[tokio::test]
    async fn a_permit_holds_its_place_until_settled_or_dropped() {
        let limiter = Limiter::local(&settings(1, 100));
        let time = VirtualTime::new();
        let first = limiter.permit(Lane::Standard, &time, None, |_| {}).await;
        let Ok(first) = first else {
            panic!("the first permit is refused");
        };
        // The only place is taken: a second caller waits for it.
        let second = limiter.permit(Lane::Standard, &time, None, |_| {});
        tokio::pin!(second);
        assert!(futures_poll_once(second.as_mut()).await.is_none());
        first.settle(Reported::default(), &time).await;
        assert!(second.await.is_ok());
        // Dropped unsettled (the exchange failed), a permit frees its place too.
        let third = limiter.permit(Lane::Standard, &time, None, |_| {}).await;
        drop(third);
        assert!(
            limiter
                .permit(Lane::Standard, &time, None, |_| {})
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn a_used_slot_stays_used_and_the_wait_is_on_the_injected_clock() {
        let limiter = Limiter::local(&settings(4, 2));
        let time = VirtualTime::new();
        let mut waits = Vec::new();
        for _ in 0..3 {
            let permit = limiter
                .permit(Lane::Standard, &time, None, |wait| waits.push(wait))
                .await;
            drop(permit);
        }
        // Two per second: the third waited a whole window (and its margin) on the virtual clock.
        assert_eq!(waits.len(), 1);
        assert_eq!(time.sleeps(), waits);
        assert!(waits[0] >= Duration::from_secs(1), "{waits:?}");
    }

    #[tokio::test]
    async fn a_slot_past_the_deadline_is_refused_without_waiting() {
        let limiter = Limiter::local(&settings(4, 1));
        let time = VirtualTime::new();
        let deadline = Some(time.now() + Duration::from_millis(500));
        assert!(
            limiter
                .permit(Lane::Standard, &time, deadline, |_| {})
                .await
                .is_ok()
        );
        let refused = limiter
            .permit(Lane::Standard, &time, deadline, |_| {})
            .await;
        assert!(
            matches!(refused, Err(Refusal::Deadline { next_delay }) if next_delay >= Duration::from_secs(1))
        );
        assert!(time.sleeps().is_empty());
    }

    #[tokio::test]
    async fn settling_learns_the_reported_limit_once() {
        let limiter = Limiter::local(&LimitSettings::default());
        let time = VirtualTime::new();
        let reported = Reported {
            window: Some(RateLimit::ENTERPRISE),
            ..Reported::default()
        };
        for expected in [Some(RateLimit::ENTERPRISE), None] {
            let Ok(permit) = limiter.permit(Lane::Standard, &time, None, |_| {}).await else {
                panic!("refused");
            };
            assert_eq!(permit.settle(reported, &time).await, expected);
        }
    }

    /// Polls `future` once: `Some` if it is ready.
    async fn futures_poll_once<F: Future + Unpin>(future: F) -> Option<F::Output> {
        let mut future = future;
        std::future::poll_fn(|cx| {
            std::task::Poll::Ready(match std::pin::Pin::new(&mut future).poll(cx) {
                std::task::Poll::Ready(output) => Some(output),
                std::task::Poll::Pending => None,
            })
        })
        .await
    }
}
