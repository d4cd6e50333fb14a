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
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::OwnedSemaphorePermit;

pub(crate) use headers::Reported;
use local::LocalLimiter;
pub use window::RateLimit;

use crate::error::RateLimitPolicy;
use crate::types::Lane;

/// A limiter shared through Redis at `url`, for the token `scope` at `base_url`.
#[cfg(feature = "redis")]
pub(crate) fn shared(
    url: &str,
    base_url: &str,
    scope: Option<&secrecy::SecretString>,
    settings: &LimitSettings,
) -> Result<Arc<Limiter>, crate::error::Error> {
    let scope = scope.ok_or_else(|| {
        crate::error::Error::Config(
            "a shared rate limit needs credentials that name their limit (Auth::limit_scope)"
                .into(),
        )
    })?;
    Ok(Arc::new(Limiter {
        local: LocalLimiter::new(settings),
        shared: Some(redis::SharedLimiter::new(url, base_url, scope, settings)?),
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

/// A client's limiter: this process's own lanes, daily cap and places in flight, and with the
/// `redis` feature the window lanes shared through Redis (the own lanes then serve as the
/// fallback).
pub(crate) struct Limiter {
    local: LocalLimiter,
    #[cfg(feature = "redis")]
    shared: Option<redis::SharedLimiter>,
}

impl fmt::Debug for Limiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Limiter").finish_non_exhaustive()
    }
}

impl Limiter {
    pub(crate) fn local(settings: &LimitSettings) -> Self {
        Self {
            local: LocalLimiter::new(settings),
            #[cfg(feature = "redis")]
            shared: None,
        }
    }

    /// A slot for one request in flight.
    pub(crate) async fn in_flight(&self) -> Option<OwnedSemaphorePermit> {
        self.local.in_flight().await
    }

    /// Takes a slot of `lane` now, or says how long to wait.
    #[cfg_attr(not(feature = "redis"), allow(unused_variables))]
    pub(crate) async fn acquire(&self, lane: Lane, now: Instant, wall: SystemTime) -> Acquire {
        #[cfg(feature = "redis")]
        if let Some(shared) = &self.shared {
            return shared.acquire(&self.local, lane, now, wall).await;
        }
        self.local.acquire(lane, now)
    }

    /// Learns from a response; returns the rolling-window limit if it changed.
    #[cfg_attr(not(feature = "redis"), allow(unused_variables))]
    pub(crate) async fn observe(
        &self,
        reported: &Reported,
        now: Instant,
        wall: SystemTime,
    ) -> Option<RateLimit> {
        #[cfg(feature = "redis")]
        if let Some(shared) = &self.shared {
            return shared.observe(&self.local, reported, now, wall).await;
        }
        self.local.observe(reported, now)
    }

    /// A 429 arrived: closes the daily lane, or pauses the lane the policy names (else the
    /// call's) until the window frees. Returns the lane and how long it is paused.
    #[cfg_attr(not(feature = "redis"), allow(unused_variables))]
    pub(crate) async fn rate_limited(
        &self,
        lane: Lane,
        policy: &RateLimitPolicy,
        retry_after: Option<Duration>,
        now: Instant,
        wall: SystemTime,
    ) -> (Lane, Duration) {
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
        #[cfg(feature = "redis")]
        if let Some(shared) = &self.shared {
            shared.pause(lane, now, wall, pause).await;
        }
        (lane, pause)
    }
}
