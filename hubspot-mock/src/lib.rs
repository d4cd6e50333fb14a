//! A local HubSpot-compatible CRM server for tests: stateful, rate-limited with HubSpot's headers
//! and 429 bodies, with scripted and seeded-random faults, and inspection endpoints.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use hubspot_mock::{Fault, FaultRule, MockConfig, MockServer};
//!
//! let mock = MockServer::start(
//!     MockConfig::default().fault(FaultRule::next(2, "POST", "/crm/v3/objects/contacts", Fault::Status { status: 503, retry_after: None })),
//! )
//! .await?;
//! // Point the SDK at `mock.base_url()` with the token `MockConfig::DEFAULT_TOKEN`.
//! assert_eq!(mock.stats().requests, 0);
//! # Ok(()) }
//! ```
//!
//! Control endpoints (no auth, never rate-limited or faulted): `GET /__mock/stats`,
//! `GET /__mock/objects`, `POST /__mock/faults` (a [`FaultRule`] as JSON), `DELETE /__mock/faults`,
//! `POST /__mock/clock` (`{"advanceMs": 10000}`) and `POST /__mock/reset`.

mod associations;
mod custom;
mod error;
mod faults;
mod guard;
mod limits;
mod oauth;
mod object_type;
mod objects;
mod properties;
mod readonly;
mod redis_server;
mod routes;
mod schema;
mod search;
mod serve;
mod store;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;

pub use faults::{Fault, FaultRule, RetryAfter};
pub use oauth::OAuthConfig;
pub use object_type::ObjectType;
pub use redis_server::RedisServer;
pub use serve::MockServer;

/// The mock's rate limits, per token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Requests allowed in the rolling window (HubSpot: 100 to 250).
    pub window_max: u32,
    /// The rolling window (HubSpot: 10 s).
    pub window: Duration,
    /// Search requests per second (HubSpot: 5).
    pub search_per_second: u32,
    /// Requests per day.
    pub daily: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            window_max: 100,
            window: Duration::from_secs(10),
            search_per_second: 5,
            daily: 250_000,
        }
    }
}

/// How the mock starts.
#[derive(Debug, Clone)]
pub struct MockConfig {
    /// Accepted bearer tokens; empty accepts any non-empty token.
    pub tokens: Vec<String>,
    /// The rate limits.
    pub limits: Limits,
    /// Whether a 429 carries `Retry-After` (HubSpot does not document one).
    pub retry_after_on_429: bool,
    /// Faults active from the start.
    pub faults: Vec<FaultRule>,
    /// The seed of random faults, so a run can be repeated.
    pub seed: u64,
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The public app whose OAuth tokens the mock grants and accepts.
    pub oauth: OAuthConfig,
    /// Refuse writes of properties the type does not define, as HubSpot does (on by
    /// default). Off, any property name is stored, for tests that do not define theirs.
    pub strict_properties: bool,
}

impl MockConfig {
    /// The token the default configuration accepts.
    pub const DEFAULT_TOKEN: &'static str = "mock-token";

    /// Adds a fault rule.
    #[must_use]
    pub fn fault(mut self, rule: FaultRule) -> Self {
        self.faults.push(rule);
        self
    }

    /// Stores any property name, defined or not.
    #[must_use]
    pub fn lax_properties(mut self) -> Self {
        self.strict_properties = false;
        self
    }

    /// Sets the rate limits.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

impl Default for MockConfig {
    fn default() -> Self {
        Self {
            tokens: vec![Self::DEFAULT_TOKEN.to_owned()],
            limits: Limits::default(),
            retry_after_on_429: false,
            faults: Vec::new(),
            seed: 0x5eed,
            port: 0,
            oauth: OAuthConfig::default(),
            strict_properties: true,
        }
    }
}

/// Counters for tests: requests seen, 429s and faults served.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Stats {
    /// API requests received (control endpoints excluded).
    pub requests: u64,
    /// 401s served.
    pub unauthorized: u64,
    /// 429s served.
    pub rate_limited: u64,
    /// Faults served, all kinds.
    pub faults: u64,
    /// Connections dropped by a `drop` fault.
    pub dropped: u64,
    /// OAuth grants the token endpoint answered (codes and refreshes).
    pub token_grants: u64,
}

/// The shared state behind every handler.
#[derive(Debug)]
pub(crate) struct Mock {
    config: MockConfig,
    store: Mutex<store::Store>,
    faults: Mutex<faults::Faults>,
    limiter: Mutex<limits::Limiter>,
    grants: Mutex<oauth::Grants>,
    stats: Mutex<Stats>,
    clock: Mutex<Duration>,
}

pub(crate) type Shared = Arc<Mock>;

/// A panic in one handler must not wedge the others: the guarded data stays consistent at every
/// await-free step, so a poisoned lock is still safe to use.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Mock {
    fn new(config: MockConfig) -> Self {
        Self {
            faults: Mutex::new(faults::Faults::new(config.faults.clone(), config.seed)),
            store: Mutex::new(store::Store::new(config.strict_properties)),
            config,
            limiter: Mutex::default(),
            grants: Mutex::default(),
            stats: Mutex::default(),
            clock: Mutex::default(),
        }
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, store::Store> {
        lock(&self.store)
    }

    /// The type a path segment names, custom types included.
    pub(crate) fn object_type(&self, segment: &str) -> error::ApiResult<ObjectType> {
        self.store().object_type(segment)
    }

    pub(crate) fn stats(&self) -> MutexGuard<'_, Stats> {
        lock(&self.stats)
    }

    /// The mock's clock: real time plus whatever tests advanced it by.
    pub(crate) fn now(&self) -> Instant {
        Instant::now() + *lock(&self.clock)
    }

    pub(crate) fn advance(&self, by: Duration) {
        *lock(&self.clock) += by;
    }

    fn reset(&self) {
        *self.store() = store::Store::new(self.config.strict_properties);
        *self.stats() = Stats::default();
        lock(&self.limiter).reset();
        *lock(&self.grants) = oauth::Grants::default();
        lock(&self.faults).clear();
    }
}
