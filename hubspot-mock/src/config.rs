//! How a mock starts, and the counters it keeps: plain data.

use std::time::Duration;

use serde::Serialize;

use crate::faults::FaultRule;

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
    /// Developer API keys the app-level APIs (webhook subscriptions) accept as `hapikey`.
    pub developer_keys: Vec<String>,
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
    /// The account's transactional e-mails: the `emailId`s single-send sends.
    pub transactional_emails: Vec<i64>,
}

impl MockConfig {
    /// The token the default configuration accepts.
    pub const DEFAULT_TOKEN: &'static str = "mock-token";

    /// The developer API key the default configuration accepts.
    pub const DEFAULT_DEVELOPER_KEY: &'static str = "mock-developer-key";

    /// The transactional e-mail the default configuration has.
    pub const DEFAULT_EMAIL_ID: i64 = 4242;

    /// Adds a transactional e-mail that single-send sends.
    #[must_use]
    pub fn transactional_email(mut self, email_id: i64) -> Self {
        self.transactional_emails.push(email_id);
        self
    }

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
            developer_keys: vec![Self::DEFAULT_DEVELOPER_KEY.to_owned()],
            limits: Limits::default(),
            retry_after_on_429: false,
            faults: Vec::new(),
            seed: 0x5eed,
            port: 0,
            oauth: OAuthConfig::default(),
            strict_properties: true,
            transactional_emails: vec![Self::DEFAULT_EMAIL_ID],
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

/// The public app the mock's token endpoint knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthConfig {
    /// The app's client id.
    pub client_id: String,
    /// The app's client secret.
    pub client_secret: String,
    /// How long an access token lives (HubSpot: 30 minutes).
    pub token_lifetime: Duration,
    /// Whether each refresh hands out a new refresh token (and retires the old one).
    pub rotate_refresh_tokens: bool,
    /// The account tokens are granted for.
    pub hub_id: u64,
}

impl Default for OAuthConfig {
    fn default() -> Self {
        Self {
            client_id: "mock-client-id".into(),
            client_secret: "mock-client-secret".into(),
            token_lifetime: Duration::from_secs(1800),
            rotate_refresh_tokens: false,
            hub_id: 62515,
        }
    }
}
