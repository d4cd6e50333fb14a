//! The client: configuration, and the process-wide default.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use crate::auth::{Auth, StaticToken};
use crate::error::Error;
use crate::executor::{self, Call};
use crate::request::Lane;
use crate::retry::{Bucket, RateLimit, RetryBudget, RetryConfig};
use crate::time::{Time, TokioTime};
use crate::transport::{HttpResponse, ReqwestTransport, Transport};

/// HubSpot's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.hubapi.com";
/// The environment variable holding a private app access token.
pub const ACCESS_TOKEN_ENV: &str = "HUBSPOT_ACCESS_TOKEN";
/// The environment variable that overrides the base URL (for `hubspot-mock`, say).
pub const BASE_URL_ENV: &str = "HUBSPOT_BASE_URL";

/// A HubSpot API client. Cheap to clone: clones share configuration, connections and the retry
/// budget.
///
/// ```
/// use hubspot_runtime::{Client, RetryConfig};
/// use std::time::{Duration, Instant};
///
/// let client = Client::builder()
///     .access_token("pat-na1-…")
///     .base_url("http://127.0.0.1:8080")
///     .deadline(Duration::from_secs(120))
///     .retry(RetryConfig::default().max_attempts(6))
///     .build()?;
/// assert!(!format!("{client:?}").contains("pat-na1"));
/// # Ok::<(), hubspot_runtime::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) base_url: String,
    pub(crate) auth: Arc<dyn Auth>,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) time: Arc<dyn Time>,
    pub(crate) retry: RetryConfig,
    pub(crate) budget: RetryBudget,
    pub(crate) attempt_timeout: Duration,
    pub(crate) deadline: Option<Duration>,
    pub(crate) user_agent: String,
    pacers: Pacers,
}

/// One token bucket per rate-limit lane; `None` leaves the lane unpaced.
#[derive(Debug)]
struct Pacers {
    standard: Option<Mutex<Bucket>>,
    search: Option<Mutex<Bucket>>,
}

impl Inner {
    /// Reserves the lane's next slot: how long to wait before sending.
    pub(crate) fn pace(&self, lane: Lane, now: Instant) -> Duration {
        let bucket = match lane {
            Lane::Standard => &self.pacers.standard,
            Lane::Search => &self.pacers.search,
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

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("auth", &self.inner.auth)
            .field("retry", &self.inner.retry)
            .field("attempt_timeout", &self.inner.attempt_timeout)
            .field("deadline", &self.inner.deadline)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with HubSpot's defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from `HUBSPOT_ACCESS_TOKEN`, and `HUBSPOT_BASE_URL` when set.
    ///
    /// # Errors
    /// [`Error::Config`] when the token is missing or the base URL is invalid.
    pub fn from_env() -> Result<Self, Error> {
        let token = std::env::var(ACCESS_TOKEN_ENV)
            .ok()
            .filter(|t| !t.trim().is_empty())
            .ok_or_else(|| {
                Error::Config(format!(
                    "{ACCESS_TOKEN_ENV} is not set: set it, or install a client with set_default_client"
                ))
            })?;
        let mut builder = Self::builder().access_token(token);
        if let Ok(base_url) = std::env::var(BASE_URL_ENV) {
            builder = builder.base_url(base_url);
        }
        builder.build()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(crate) async fn execute(&self, call: Call) -> Result<HttpResponse, Error> {
        executor::execute(&self.inner, call).await
    }
}

/// Configures a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    auth: Option<Arc<dyn Auth>>,
    base_url: String,
    transport: Option<Arc<dyn Transport>>,
    time: Arc<dyn Time>,
    retry: RetryConfig,
    attempt_timeout: Duration,
    deadline: Option<Duration>,
    user_agent: String,
    standard_limit: Option<RateLimit>,
    search_limit: Option<RateLimit>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            auth: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            transport: None,
            time: Arc::new(TokioTime),
            retry: RetryConfig::default(),
            attempt_timeout: Duration::from_secs(30),
            deadline: None,
            user_agent: concat!("hubspot-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
            standard_limit: None,
            search_limit: Some(RateLimit::per_second(5)),
        }
    }
}

impl ClientBuilder {
    /// Authenticates with a private app's access token.
    #[must_use]
    pub fn access_token(self, token: impl Into<String>) -> Self {
        self.auth(StaticToken::new(token))
    }

    /// Authenticates with any [`Auth`] (OAuth, a token from a vault).
    #[must_use]
    pub fn auth(mut self, auth: impl Auth + 'static) -> Self {
        self.auth = Some(Arc::new(auth));
        self
    }

    /// Where requests go (default `https://api.hubapi.com`); `http://127.0.0.1:PORT` for tests.
    #[must_use]
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// How long one attempt may take (default 30 s).
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// Bounds each call, retries and waits included (default none).
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The retry policy.
    #[must_use]
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// The `User-Agent` header.
    #[must_use]
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Paces a lane on the client side, or (`None`) leaves it to HubSpot's 429s. Search defaults
    /// to 5 per second (HubSpot's search limit, whose responses carry no rate-limit headers);
    /// the standard lane defaults to unpaced, since its limit depends on the account's tier
    /// (100 to 250 per 10 s): set yours with `RateLimit::new(190, Duration::from_secs(10))`.
    #[must_use]
    pub fn rate_limit(mut self, lane: Lane, limit: Option<RateLimit>) -> Self {
        match lane {
            Lane::Standard => self.standard_limit = limit,
            Lane::Search => self.search_limit = limit,
        }
        self
    }

    /// Replaces the HTTP transport (default: reqwest with rustls).
    #[must_use]
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Replaces the clock and sleeper, such as [`VirtualTime`](crate::time::VirtualTime) in tests.
    #[must_use]
    pub fn time(mut self, time: impl Time + 'static) -> Self {
        self.time = Arc::new(time);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// [`Error::Config`] without an access token or [`Auth`], or with a base URL that is not
    /// `http(s)://host[:port]`.
    pub fn build(self) -> Result<Client, Error> {
        let auth = self.auth.ok_or_else(|| {
            Error::Config("no access token: call access_token() or auth()".into())
        })?;
        let base_url = validate_base_url(&self.base_url)?;
        let transport = match self.transport {
            Some(transport) => transport,
            None => Arc::new(
                ReqwestTransport::new()
                    .map_err(|e| Error::Config(format!("could not start the HTTP client: {e}")))?,
            ),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                base_url,
                auth,
                transport,
                time: self.time,
                budget: RetryBudget::new(self.retry.budget_capacity()),
                retry: self.retry,
                attempt_timeout: self.attempt_timeout,
                deadline: self.deadline,
                user_agent: self.user_agent,
                pacers: Pacers {
                    standard: self
                        .standard_limit
                        .map(|limit| Mutex::new(Bucket::new(limit))),
                    search: self
                        .search_limit
                        .map(|limit| Mutex::new(Bucket::new(limit))),
                },
            }),
        })
    }
}

fn validate_base_url(base_url: &str) -> Result<String, Error> {
    let trimmed = base_url.trim().trim_end_matches('/');
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['?', '#', ' ']) => Ok(trimmed.to_owned()),
        _ => Err(Error::Config(format!(
            "base URL {base_url:?} must look like https://host or http://127.0.0.1:PORT"
        ))),
    }
}

static DEFAULT_CLIENT: OnceLock<Client> = OnceLock::new();

/// Installs the client that awaited requests use. Returns the client back if one is already
/// installed (set it once, at start-up).
///
/// # Errors
/// The given client, when a default client already exists.
pub fn set_default_client(client: Client) -> Result<(), Client> {
    DEFAULT_CLIENT.set(client)
}

/// The client that awaited requests use: the installed one, or else one built on first use
/// from the environment ([`Client::from_env`]).
///
/// # Errors
/// [`Error::Config`] when none is installed and `HUBSPOT_ACCESS_TOKEN` is not set.
pub fn default_client() -> Result<Client, Error> {
    if let Some(client) = DEFAULT_CLIENT.get() {
        return Ok(client.clone());
    }
    let client = Client::from_env()?;
    Ok(DEFAULT_CLIENT.get_or_init(|| client).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        assert_eq!(
            validate_base_url("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            validate_base_url(DEFAULT_BASE_URL).unwrap(),
            DEFAULT_BASE_URL
        );
        for bad in ["", "api.hubapi.com", "ftp://x", "http://", "https://a b"] {
            assert!(
                matches!(validate_base_url(bad), Err(Error::Config(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn building_without_a_token_is_a_config_error() {
        let error = Client::builder().build().unwrap_err();
        assert!(matches!(error, Error::Config(m) if m.contains("access token")));
    }

    #[test]
    fn debug_never_shows_the_token() {
        let client = Client::builder()
            .access_token("pat-na1-secret-123")
            .build()
            .unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("secret-123"), "{debug}");
        assert!(debug.contains("REDACTED"), "{debug}");
    }
}
