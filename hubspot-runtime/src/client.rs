//! The client: configuration, and the process-wide default.

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use http::HeaderValue;

use crate::auth::{Auth, DeveloperKeyOnly, StaticToken};
use crate::error::Error;
use crate::executor::{Executor, Limits};
use crate::limit::{LimitEvent, LimitObserver, LimitSettings, Limiter, RateLimit, registry};
use crate::retry::{RetryBudget, RetryConfig};
use crate::stats::{ClientStats, Counters};
use crate::time::{Time, TokioTime};
use crate::transport::{ReqwestTransport, Transport};
use crate::types::Lane;
use crate::version::ApiVersion;

/// HubSpot's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.hubapi.com";
/// The environment variable holding a bearer token: a service key, or a legacy private app's
/// access token.
pub const ACCESS_TOKEN_ENV: &str = "HUBSPOT_ACCESS_TOKEN";
/// The environment variable that overrides the base URL (for `hubspot-mock`, say).
pub const BASE_URL_ENV: &str = "HUBSPOT_BASE_URL";
/// The forms host, where form submissions go.
pub const DEFAULT_FORMS_BASE_URL: &str = "https://api.hsforms.com";
/// The environment variable holding a developer API key, read by
/// [`ClientBuilder::from_env`] when set.
pub const DEVELOPER_API_KEY_ENV: &str = "HUBSPOT_DEVELOPER_API_KEY";

/// A HubSpot API client. Cheap to clone: clones share configuration, connections and the retry
/// budget.
///
/// ```
/// # use hubspot_runtime as hubspot_crm;
/// use hubspot_crm::{Client, RetryConfig};
/// use std::time::Duration;
///
/// let client = Client::builder()
///     .access_token("pat-na1-…")
///     .base_url("http://127.0.0.1:8080")
///     .deadline(Duration::from_secs(30))
///     .retry(RetryConfig::default().with_max_attempts(6))
///     .build()?;
/// assert!(!format!("{client:?}").contains("pat-na1"));
/// # Ok::<(), hubspot_crm::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    executor: Arc<Executor>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let executor = &self.executor;
        f.debug_struct("Client")
            .field("base_url", &executor.base_url)
            .field("auth", &executor.auth)
            .field("retry", &executor.retry)
            .field("limits", &executor.limits)
            .field("api_version", &executor.api_version)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with HubSpot's defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from `HUBSPOT_ACCESS_TOKEN`, and `HUBSPOT_BASE_URL` when set, with every
    /// other setting at its default: `Client::builder().from_env().build()`.
    ///
    /// # Errors
    /// [`Error::Config`] when the token is missing or the base URL is invalid.
    pub fn from_env() -> Result<Self, Error> {
        Self::builder().from_env().build()
    }

    /// The client an awaited request uses here: the task's [scoped](Client::scope) client,
    /// else the process-wide default (feature `default-client`). Helpers that take no client
    /// (`batch::all(...).await`) use it too.
    ///
    /// # Errors
    /// [`Error::Config`] when there is none: no scope, and no default client (not installed,
    /// and `HUBSPOT_ACCESS_TOKEN` unset, or the feature off).
    pub fn current() -> Result<Self, Error> {
        current_client()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.executor.base_url
    }

    /// What this client's calls (and its clones') did so far: calls, attempts, retries by
    /// cause, 429s by lane, outcomes.
    pub fn stats(&self) -> ClientStats {
        self.executor.counters.snapshot()
    }

    pub(crate) fn executor(&self) -> &Executor {
        &self.executor
    }
}

/// The `User-Agent` a client sends unless told otherwise.
const DEFAULT_USER_AGENT: &str = concat!("hubspot-rs/", env!("CARGO_PKG_VERSION"));

/// Configures a [`Client`].
pub struct ClientBuilder {
    auth: Option<Arc<dyn Auth>>,
    /// Why `from_env` found no token, reported by `build` unless a token is set after it.
    missing_env_token: bool,
    /// PEM root certificates trusted besides the platform's.
    roots: Vec<Vec<u8>>,
    base_url: String,
    forms_base_url: String,
    developer_key: Option<crate::SecretString>,
    allow_insecure_http: bool,
    transport: Option<Arc<dyn Transport>>,
    time: Arc<dyn Time>,
    retry: RetryConfig,
    connect_timeout: Duration,
    limits: Limits,
    /// Borrowed only for the default, which is then sent as static bytes: the copy each request
    /// takes touches no count shared across threads.
    user_agent: Cow<'static, str>,
    limiting: bool,
    limit_settings: LimitSettings,
    /// The standard lane's limit was chosen here, not left to the auth's preset.
    standard_chosen: bool,
    observer: Option<LimitObserver>,
    api_version: ApiVersion,
    version_pinned: bool,
    #[cfg(feature = "redis")]
    redis_url: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("auth", &self.auth)
            .field(
                "developer_api_key",
                &self.developer_key.as_ref().map(|_| "[redacted]"),
            )
            .field("retry", &self.retry)
            .field("limits", &self.limits)
            .field("limit_settings", &self.limit_settings)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            auth: None,
            missing_env_token: false,
            roots: Vec::new(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            forms_base_url: DEFAULT_FORMS_BASE_URL.to_owned(),
            developer_key: None,
            allow_insecure_http: false,
            transport: None,
            time: Arc::new(TokioTime),
            retry: RetryConfig::default(),
            connect_timeout: ReqwestTransport::DEFAULT_CONNECT_TIMEOUT,
            limits: Limits {
                attempt_timeout: Duration::from_secs(30),
                deadline: Some(Self::DEFAULT_DEADLINE),
                max_response_bytes: Self::DEFAULT_MAX_RESPONSE_BYTES,
            },
            user_agent: Cow::Borrowed(DEFAULT_USER_AGENT),
            limiting: true,
            limit_settings: LimitSettings::default(),
            standard_chosen: false,
            observer: None,
            api_version: ApiVersion::default(),
            version_pinned: false,
            #[cfg(feature = "redis")]
            redis_url: None,
        }
    }
}

impl ClientBuilder {
    /// How long one call may take by default, waits and retries included.
    pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);
    /// The largest success body read by default (64 MiB); a larger one is an error.
    pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

    /// Takes the access token from `HUBSPOT_ACCESS_TOKEN` and, when set, the base URL from
    /// `HUBSPOT_BASE_URL`; the other settings stay the builder's, before and after this call:
    ///
    /// ```no_run
    /// # use hubspot_runtime as hubspot_crm;
    /// # fn run() -> Result<(), hubspot_crm::Error> {
    /// let client = hubspot_crm::Client::builder()
    ///     .from_env()
    ///     .deadline(std::time::Duration::from_secs(600))
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    ///
    /// [`build`](Self::build) fails with [`Error::Config`] naming the variable when it is unset
    /// (and no token was given after this call).
    #[must_use]
    pub fn from_env(mut self) -> Self {
        match std::env::var(ACCESS_TOKEN_ENV)
            .ok()
            .filter(|token| !token.trim().is_empty())
        {
            Some(token) => self = self.access_token(token),
            None => self.missing_env_token = true,
        }
        if let Ok(base_url) = std::env::var(BASE_URL_ENV) {
            self = self.base_url(base_url);
        }
        if let Some(key) = std::env::var(DEVELOPER_API_KEY_ENV)
            .ok()
            .filter(|key| !key.trim().is_empty())
        {
            self = self.developer_api_key(key);
        }
        self
    }

    /// The developer API key that app-level endpoints (webhooks settings, timeline event
    /// types, CRM cards, calling, video-conferencing and media-bridge settings, …) send as the
    /// `hapikey` query parameter instead of the token. Like the token, it never appears in
    /// `Debug` output, logs or errors. A client built with a key and no token can call only
    /// those endpoints: any other fails with [`Error::Config`] before anything is sent.
    #[must_use]
    pub fn developer_api_key(mut self, key: impl Into<String>) -> Self {
        self.developer_key = Some(crate::SecretString::from(key.into()));
        self
    }

    /// Where form submissions go (default `https://api.hsforms.com`), checked like
    /// [`base_url`](Self::base_url).
    #[must_use]
    pub fn forms_base_url(mut self, forms_base_url: impl Into<String>) -> Self {
        self.forms_base_url = forms_base_url.into();
        self
    }

    /// Trusts the root certificates in `pem` (one or more, PEM-encoded) besides the
    /// platform's: a corporate proxy's CA, or a test server's. A certificate that is not PEM
    /// fails [`build`](Self::build).
    #[must_use]
    pub fn add_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.roots.push(pem.into());
        self
    }

    /// Authenticates with a bearer token: a service key, or a legacy private app's access token.
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

    /// Where requests go (default `https://api.hubapi.com`). Plain `http://` is accepted only
    /// for loopback hosts (`127.0.0.0/8`, `::1`, `localhost`), such as `hubspot-mock`, unless
    /// [`allow_insecure_http`](Self::allow_insecure_http) says otherwise.
    #[must_use]
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Accepts a plain `http://` base URL for any host (default off). The token then crosses
    /// the network in clear text: only for a trusted network, such as a test host.
    #[must_use]
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// How long one attempt may take, response body included (default 30 s).
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.limits.attempt_timeout = timeout;
        self
    }

    /// How long opening a connection may take (default 10 s). A connection that never opened
    /// never carried the request, so this failure is retried even for a create.
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Pins the version of HubSpot's dated API that endpoints use;
    /// [`Request::api_version`](crate::Request::api_version) overrides it per call. With a
    /// pinned version, an operation that does not exist in it fails with
    /// [`Error::UnsupportedVersion`] before anything is sent. Unpinned, endpoints use
    /// [`ApiVersion::V2026_03`], and an operation it lacks goes out in the nearest version that
    /// has it: the earliest later one (a stable one before a beta), else the latest earlier
    /// one. Endpoints HubSpot serves only under a legacy path (`/crm/v3/...`) keep it whatever
    /// this says.
    #[must_use]
    pub fn api_version(mut self, version: ApiVersion) -> Self {
        self.api_version = version;
        self.version_pinned = true;
        self
    }

    /// Bounds each call: rate-limit waits, attempts, backoff and reading the body (default
    /// 2 minutes). `None` lets a call retry for as long as its attempts last.
    /// [`Request::deadline`](crate::Request::deadline) overrides it per call.
    #[must_use]
    pub fn deadline(mut self, deadline: impl Into<Option<Duration>>) -> Self {
        self.limits.deadline = deadline.into();
        self
    }

    /// The largest success body read (default 64 MiB). A larger one ends the call with a
    /// [`BodyTooLarge`](crate::transport::TransportErrorKind::BodyTooLarge) transport error,
    /// having read nothing past the limit. Error bodies are read up to 1 MiB.
    #[must_use]
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.limits.max_response_bytes = limit;
        self
    }

    /// The retry policy.
    #[must_use]
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// The `User-Agent` header. One that cannot be a header (a newline) fails
    /// [`build`](Self::build).
    #[must_use]
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Cow::Owned(user_agent.into());
        self
    }

    /// The limit a lane starts from, or (`None`) no pacing for that lane. The standard lane
    /// starts from [`RateLimit::FREE_STARTER`] (100 per 10 s, HubSpot's lowest) and learns the
    /// account's real limit from the first response's `X-HubSpot-RateLimit-*` headers; search
    /// is paced at HubSpot's 5 per second ([`RateLimit::SEARCH`]), since its responses carry no
    /// headers. An OAuth client starts from [`RateLimit::OAUTH_APP`] unless told otherwise.
    #[must_use]
    pub fn rate_limit(mut self, lane: Lane, limit: Option<RateLimit>) -> Self {
        match lane {
            Lane::Standard => {
                self.limit_settings.standard = limit;
                self.standard_chosen = true;
            }
            Lane::Search => self.limit_settings.search = limit,
        }
        self
    }

    /// Whether the limiter adopts the limits HubSpot's headers report (default on).
    #[must_use]
    pub fn learn_rate_limits(mut self, learn: bool) -> Self {
        self.limit_settings.learn = learn;
        self
    }

    /// The most requests in flight at once for this token (default 16).
    #[must_use]
    pub fn max_in_flight(mut self, requests: usize) -> Self {
        self.limit_settings.max_in_flight = requests;
        self
    }

    /// Turns client-side rate limiting off (default on): no pacing, no learning, and 429s are
    /// retried like other transient failures, within the attempts. For callers that run their
    /// own limiter.
    #[must_use]
    pub fn rate_limiter(mut self, on: bool) -> Self {
        self.limiting = on;
        self
    }

    /// Calls `observer` with every [`LimitEvent`]: waits, 429s, learned limits.
    #[must_use]
    pub fn on_limit_event(
        mut self,
        observer: impl Fn(&LimitEvent) + Send + Sync + 'static,
    ) -> Self {
        self.observer = Some(std::sync::Arc::new(observer));
        self
    }

    /// Shares the rate limit through Redis (`redis://127.0.0.1:6379`), so any number of
    /// processes using the same token stay under one limit together. When Redis cannot be
    /// reached, each process falls back to its own limiter (and says so once in the log) until
    /// Redis answers again. Nothing is connected until the first call.
    #[cfg(feature = "redis")]
    #[must_use]
    pub fn shared_rate_limit(mut self, redis_url: impl Into<String>) -> Self {
        self.redis_url = Some(redis_url.into());
        self
    }

    /// Replaces the HTTP transport (default: reqwest with rustls). It must honour the
    /// [`Transport`] contract: no redirects, the attempt's timeout, the body limits.
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

    /// Builds the client. Nothing is sent.
    ///
    /// # Errors
    /// [`Error::Config`] without an access token or [`Auth`], or with a base URL that is not
    /// `https://host[:port][/prefix]` (or `http://` to a loopback host, or to any host with
    /// [`allow_insecure_http`](Self::allow_insecure_http)).
    pub fn build(mut self) -> Result<Client, Error> {
        let auth = match self.auth.take() {
            Some(auth) => auth,
            None if self.developer_key.is_some() => Arc::new(DeveloperKeyOnly),
            None if self.missing_env_token => {
                return Err(Error::Config(format!(
                    "{ACCESS_TOKEN_ENV} is not set: set it, scope a client to the task with `client.scope(...)`, or install one with `set_default_client`"
                )));
            }
            None => {
                return Err(Error::Config(
                    "no access token: call access_token() or auth()".into(),
                ));
            }
        };
        let base_url = validate_base_url(&self.base_url, self.allow_insecure_http)?;
        let api_base = parse_base(&base_url)?;
        let user_agent = match std::mem::take(&mut self.user_agent) {
            Cow::Borrowed(text) => HeaderValue::from_static(text),
            Cow::Owned(text) => HeaderValue::try_from(text).map_err(|_| {
                Error::Config("the user agent has characters an HTTP header cannot carry".into())
            })?,
        };
        let forms_base_url = validate_base_url(&self.forms_base_url, self.allow_insecure_http)?;
        let forms_base = parse_base(&forms_base_url)?;
        let transport = match self.transport.take() {
            Some(transport) => transport,
            None => Arc::new(ReqwestTransport::with_roots(
                self.connect_timeout,
                &self.roots,
            )?),
        };
        if !self.standard_chosen
            && let Some(limit) = auth.starting_limit()
        {
            self.limit_settings.standard = Some(limit);
        }
        let limiter = if self.limiting {
            Some(self.limiter(&base_url, auth.limit_scope())?)
        } else {
            None
        };
        Ok(Client {
            executor: Arc::new(Executor {
                base_url,
                api_base,
                forms_base,
                developer_key: self.developer_key,
                user_agent,
                auth,
                transport,
                time: self.time,
                budget: RetryBudget::new(self.retry.retry_budget()),
                retry: self.retry,
                limiter,
                observer: self.observer,
                limits: self.limits,
                api_version: self.api_version,
                version_pinned: self.version_pinned,
                counters: Counters::default(),
            }),
        })
    }
}

impl ClientBuilder {
    /// The limiter for these credentials: shared through Redis when asked, else the process's
    /// own for this token and base URL.
    fn limiter(
        &self,
        base_url: &str,
        scope: Option<crate::SecretString>,
    ) -> Result<Arc<Limiter>, Error> {
        #[cfg(feature = "redis")]
        if let Some(url) = &self.redis_url {
            return crate::limit::shared(
                url,
                base_url,
                scope.as_ref(),
                &self.limit_settings,
                self.observer.clone(),
            );
        }
        Ok(match scope {
            Some(scope) => registry::local(registry::key(base_url, &scope), &self.limit_settings),
            None => Arc::new(Limiter::local(&self.limit_settings)),
        })
    }
}

/// Checks a base URL and returns it without a trailing slash. The token goes wherever this
/// points, so it must be HTTPS unless the host is this machine (or the caller opted in).
/// A download URL HubSpot handed out: `https`, or `http` to this machine (the mock's download
/// listener); nothing that could carry credentials.
pub(crate) fn validate_download_url(url: &str) -> Result<reqwest::Url, Error> {
    let parsed = reqwest::Url::parse(url.trim())
        .map_err(|_| Error::Config("the download URL is not a URL".into()))?;
    let host = parsed.host_str().unwrap_or_default();
    let allowed = match parsed.scheme() {
        "https" => !host.is_empty(),
        "http" => is_loopback(host),
        _ => false,
    };
    if !allowed || !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::Config(
            "the download URL must be https (or http to this machine) without credentials".into(),
        ));
    }
    Ok(parsed)
}

fn validate_base_url(base_url: &str, allow_insecure_http: bool) -> Result<String, Error> {
    let invalid = |why: &str| {
        Error::Config(format!(
            "base URL {base_url:?} {why}: use https://host, or http://127.0.0.1:PORT for a local server"
        ))
    };
    let trimmed = base_url.trim().trim_end_matches('/');
    let url = reqwest::Url::parse(trimmed).map_err(|_| invalid("is not a URL"))?;
    let host = match url.host_str() {
        Some(host) if !host.is_empty() && !url.cannot_be_a_base() => host,
        _ => return Err(invalid("has no host")),
    };
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("must not carry credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() || trimmed.contains(['?', '#']) {
        return Err(invalid("must not have a query or fragment"));
    }
    match url.scheme() {
        "https"
            if cfg!(any(
                feature = "rustls",
                feature = "rustls-ring",
                feature = "native-tls"
            )) => {}
        "https" => {
            return Err(invalid(
                "is https, and this build has no TLS: enable the `rustls-ring` (default), `rustls` or `native-tls` feature",
            ));
        }
        "http" if allow_insecure_http || is_loopback(host) => {}
        "http" => {
            return Err(invalid(
                "is plain http to a host that is not this machine, which would send the token in clear text \
                 (allow_insecure_http(true) permits it)",
            ));
        }
        _ => return Err(invalid("must be https")),
    }
    Ok(trimmed.to_owned())
}

/// A validated base URL, parsed for the executor.
fn parse_base(base_url: &str) -> Result<reqwest::Url, Error> {
    reqwest::Url::parse(base_url)
        .map_err(|_| Error::Config(format!("base URL {base_url:?} is not a URL")))
}

/// `localhost`, or an address in `127.0.0.0/8` or `::1` (as the URL parser normalised it).
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

tokio::task_local! {
    static SCOPED: Client;
}

impl Client {
    /// Runs `future` with this client as the one the requests it awaits use, ahead of the
    /// process-wide default. An app that serves many HubSpot accounts scopes each account's
    /// work to that account's client, so a forgotten `.send(&client)` can never reach another
    /// account (or the environment's token):
    ///
    /// ```no_run
    /// # use hubspot_runtime as hubspot_crm;
    /// # async fn run(acme: hubspot_crm::Client, request: hubspot_crm::Request<serde_json::Value>) -> Result<(), hubspot_crm::Error> {
    /// acme.scope(async {
    ///     request.await // sent with `acme`
    /// })
    /// .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// The scope covers the future and what it awaits, not tasks it spawns: scope those too.
    pub fn scope<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
        SCOPED.scope(self.clone(), future)
    }

    /// The client the current task is scoped to, if any.
    pub fn scoped() -> Option<Client> {
        SCOPED.try_with(Client::clone).ok()
    }
}

/// The client an awaited request uses: the task's [scoped](Client::scope) client, else the
/// process-wide [default](default_client) (with the `default-client` feature).
pub(crate) fn current_client() -> Result<Client, Error> {
    if let Some(client) = Client::scoped() {
        return Ok(client);
    }
    #[cfg(feature = "default-client")]
    {
        default_client()
    }
    #[cfg(not(feature = "default-client"))]
    {
        Err(Error::Config(
            "no client for this task: run it inside `client.scope(...)`, or call `.send(&client)` (the process-wide default client needs the `default-client` feature)".into(),
        ))
    }
}

#[cfg(feature = "default-client")]
static DEFAULT_CLIENT: std::sync::RwLock<Option<Client>> = std::sync::RwLock::new(None);

#[cfg(feature = "default-client")]
fn installed() -> Option<Client> {
    // A panic while holding the lock cannot leave an `Option<Client>` half-written.
    DEFAULT_CLIENT
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// Installs the client awaited requests use outside any [scope](Client::scope), replacing
/// the one before (returned). Tests install their own; a server for many accounts should
/// scope clients instead.
#[cfg(feature = "default-client")]
#[cfg_attr(docsrs, doc(cfg(feature = "default-client")))]
pub fn set_default_client(client: Client) -> Option<Client> {
    DEFAULT_CLIENT
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .replace(client)
}

/// The client awaited requests use outside any [scope](Client::scope): the installed one, or
/// else one built on first use from the environment ([`Client::from_env`]).
///
/// # Errors
/// [`Error::Config`] when none is installed and `HUBSPOT_ACCESS_TOKEN` is not set.
#[cfg(feature = "default-client")]
#[cfg_attr(docsrs, doc(cfg(feature = "default-client")))]
pub fn default_client() -> Result<Client, Error> {
    if let Some(client) = installed() {
        return Ok(client);
    }
    let built = Client::from_env()?;
    let mut slot = DEFAULT_CLIENT
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Another task may have installed one while this one read the environment: keep theirs.
    Ok(slot.get_or_insert(built).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        let ok = |url: &str| validate_base_url(url, false);
        assert_eq!(
            ok("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(ok(DEFAULT_BASE_URL).unwrap(), DEFAULT_BASE_URL);
        for fine in [
            "http://localhost:3000",
            "http://127.8.9.10",
            "http://[::1]:80",
            "https://proxy.example/hubspot",
        ] {
            assert!(ok(fine).is_ok(), "{fine}");
        }
        for bad in [
            "",
            "api.hubapi.com",
            "ftp://x",
            "http://",
            "https://a b",
            "https://user:pw@api.hubapi.com",
            "https://api.hubapi.com?x=1",
            "https://api.hubapi.com/#x",
            "http://api.hubapi.com",
            "http://10.0.0.1:8080",
            "http://localhost.evil.example",
            "http://127.0.0.1.nip.io",
        ] {
            assert!(matches!(ok(bad), Err(Error::Config(_))), "{bad:?}");
        }
        assert!(validate_base_url("http://10.0.0.1:8080", true).is_ok());
    }

    #[test]
    fn plain_http_to_another_host_is_refused_by_build() {
        let error = Client::builder()
            .access_token("pat-na1-x")
            .base_url("http://api.hubapi.com")
            .build()
            .unwrap_err();
        assert!(
            matches!(&error, Error::Config(m) if m.contains("clear text")),
            "{error}"
        );
    }

    #[test]
    fn a_user_agent_that_cannot_be_a_header_is_refused_by_build() {
        let error = Client::builder()
            .access_token("pat-na1-x")
            .user_agent("my-sync/2.0\r\nX-Injected: 1")
            .build()
            .unwrap_err();
        assert!(
            matches!(&error, Error::Config(m) if m.contains("user agent")),
            "{error}"
        );
        let client = Client::builder()
            .access_token("pat-na1-x")
            .user_agent("my-sync/2.0")
            .build()
            .unwrap();
        assert_eq!(client.executor().user_agent, "my-sync/2.0");
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

    #[test]
    fn defaults_bound_every_call() {
        let client = Client::builder().access_token("t").build().unwrap();
        let limits = client.executor().limits;
        assert_eq!(limits.deadline, Some(Duration::from_secs(120)));
        assert_eq!(limits.max_response_bytes, 64 * 1024 * 1024);
        let unbounded = Client::builder()
            .access_token("t")
            .deadline(None)
            .build()
            .unwrap();
        assert_eq!(unbounded.executor().limits.deadline, None);
    }
}
