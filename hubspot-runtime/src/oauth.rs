//! OAuth 2 for public apps: the install URL, the code exchange, token metadata, and an [`Auth`]
//! that refreshes its access token ahead of expiry, once for any number of concurrent calls.
//!
//! ```no_run
//! # use hubspot_runtime as hubspot_crm;
//! use hubspot_crm::oauth::{OAuth, OAuthApp};
//! use hubspot_crm::Client;
//!
//! # async fn run(code: &str) -> Result<(), hubspot_crm::Error> {
//! let app = OAuthApp::builder("client-id", "client-secret", "https://example.com/oauth/callback").build()?;
//! // Send the user here; HubSpot redirects back with `?code=…&state=…`.
//! let install = app.authorize_url(&["crm.objects.deals.read"], &[], "csrf-token");
//! # let _ = install;
//! let tokens = app.exchange_code(code).await?;
//! let auth = OAuth::new(app, tokens).on_refresh(|tokens| {
//!     // Store the new refresh token: HubSpot may rotate it.
//!     let _ = tokens;
//! });
//! let client = Client::builder().auth(auth).build()?;
//! # let _ = client;
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

pub use crate::pkce::Pkce;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::auth::Auth;
use crate::client::{Client, DEFAULT_BASE_URL};
use crate::error::{ApiError, Error};
use crate::limit::RateLimit;
use crate::request::{PathBuilder, Request};
use crate::text::{SHOWN_CHARS, truncate};
use crate::time::{Time, TokioTime};
use crate::transport::Transport;
use crate::types::{BoxFuture, Method};

/// Which token endpoint an app uses. They take the same form fields; the dated one (the
/// default) and v3 read every parameter from the form body, never the query. The legacy v1 and
/// v3 paths are unsupported after September 2027.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TokenEndpoint {
    /// `POST /oauth/2026-03/token`.
    #[default]
    Dated,
    /// `POST /oauth/v1/token` (legacy).
    #[deprecated(note = "HubSpot switches OAuth v1 off on 2027-02-16: use `TokenEndpoint::Dated`")]
    V1,
    /// `POST /oauth/v3/token` (legacy).
    V3,
}

impl TokenEndpoint {
    fn path(self) -> &'static str {
        #[allow(deprecated)]
        match self {
            Self::Dated => "/oauth/2026-03/token",
            Self::V1 => "/oauth/v1/token",
            Self::V3 => "/oauth/v3/token",
        }
    }
}

/// Where HubSpot asks the user to install an app.
pub const DEFAULT_AUTHORIZE_BASE_URL: &str = "https://app.hubspot.com";

/// A public app's credentials, and a client for HubSpot's token endpoint.
#[derive(Clone)]
pub struct OAuthApp {
    client_id: String,
    client_secret: SecretString,
    redirect_uri: String,
    authorize_base_url: String,
    endpoint: TokenEndpoint,
    tokens: Client,
}

impl fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthApp")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .field("redirect_uri", &self.redirect_uri)
            .finish_non_exhaustive()
    }
}

/// Configures an [`OAuthApp`].
#[derive(Debug)]
pub struct OAuthAppBuilder {
    client_id: String,
    client_secret: SecretString,
    redirect_uri: String,
    api_base_url: String,
    authorize_base_url: String,
    endpoint: TokenEndpoint,
    time: Option<Arc<dyn Time>>,
    transport: Option<Arc<dyn Transport>>,
    attempt_timeout: Option<Duration>,
    deadline: Option<Option<Duration>>,
}

impl OAuthAppBuilder {
    /// Sends the token endpoint's requests through `transport` (a proxy's, or a test double)
    /// instead of a reqwest client of its own.
    #[must_use]
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// How long one request to the token endpoint may take (the API client's default, 30 s).
    /// A refresh made for an API call also ends at that call's deadline.
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// How long one grant may take, retries included (the API client's default, 2 minutes).
    #[must_use]
    pub fn deadline(mut self, deadline: impl Into<Option<Duration>>) -> Self {
        self.deadline = Some(deadline.into());
        self
    }

    /// Where the token endpoint lives (default `https://api.hubapi.com`; `hubspot-mock`'s URL
    /// in tests).
    #[must_use]
    pub fn api_base_url(mut self, url: impl Into<String>) -> Self {
        self.api_base_url = url.into();
        self
    }

    /// Where the install page lives (default `https://app.hubspot.com`).
    #[must_use]
    pub fn authorize_base_url(mut self, url: impl Into<String>) -> Self {
        self.authorize_base_url = url.into();
        self
    }

    /// Which token endpoint to use (default v1).
    #[must_use]
    pub fn token_endpoint(mut self, endpoint: TokenEndpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// The clock for the token endpoint's retries (tests).
    #[must_use]
    pub fn time(mut self, time: impl Time + 'static) -> Self {
        self.time = Some(Arc::new(time));
        self
    }

    /// Builds the app.
    ///
    /// # Errors
    /// [`Error::Config`] for a base URL the client refuses.
    pub fn build(self) -> Result<OAuthApp, Error> {
        let mut tokens = Client::builder()
            .auth(NoCredentials)
            .base_url(self.api_base_url)
            // A token grant must not wait behind the API's rate limit.
            .rate_limiter(false)
            // A token response is a few hundred bytes: nothing like the API's bodies.
            .max_response_bytes(64 * 1024);
        if let Some(time) = self.time {
            tokens = tokens.time(time);
        }
        if let Some(transport) = self.transport {
            tokens = tokens.transport(transport);
        }
        if let Some(timeout) = self.attempt_timeout {
            tokens = tokens.attempt_timeout(timeout);
        }
        if let Some(deadline) = self.deadline {
            tokens = tokens.deadline(deadline);
        }
        Ok(OAuthApp {
            client_id: self.client_id,
            client_secret: self.client_secret,
            redirect_uri: self.redirect_uri,
            authorize_base_url: self.authorize_base_url.trim_end_matches('/').to_owned(),
            endpoint: self.endpoint,
            tokens: tokens.build()?,
        })
    }
}

impl OAuthApp {
    /// An app with HubSpot's endpoints.
    pub fn builder(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> OAuthAppBuilder {
        OAuthAppBuilder {
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
            redirect_uri: redirect_uri.into(),
            api_base_url: DEFAULT_BASE_URL.to_owned(),
            authorize_base_url: DEFAULT_AUTHORIZE_BASE_URL.to_owned(),
            endpoint: TokenEndpoint::default(),
            time: None,
            transport: None,
            attempt_timeout: None,
            deadline: None,
        }
    }

    /// The install URL to send a user to: `scopes` the app needs, `optional_scopes` it can do
    /// without, and `state`, which HubSpot hands back to the redirect URI (check it there).
    pub fn authorize_url(&self, scopes: &[&str], optional_scopes: &[&str], state: &str) -> String {
        let encode = |text: &str| utf8_percent_encode(text, NON_ALPHANUMERIC).to_string();
        let mut url = format!(
            "{}/oauth/authorize?client_id={}&redirect_uri={}&scope={}",
            self.authorize_base_url,
            encode(&self.client_id),
            encode(&self.redirect_uri),
            encode(&scopes.join(" ")),
        );
        if !optional_scopes.is_empty() {
            url.push_str(&format!(
                "&optional_scope={}",
                encode(&optional_scopes.join(" "))
            ));
        }
        url.push_str(&format!("&state={}", encode(state)));
        url
    }

    /// The install URL, as [`authorize_url`](Self::authorize_url), with `pkce`'s S256
    /// challenge: HubSpot then gives tokens for the code only with its verifier
    /// ([`exchange_code_with_pkce`](Self::exchange_code_with_pkce)).
    pub fn authorize_url_with_pkce(
        &self,
        scopes: &[&str],
        optional_scopes: &[&str],
        state: &str,
        pkce: &Pkce,
    ) -> String {
        let mut url = self.authorize_url(scopes, optional_scopes, state);
        // The challenge is base64url: nothing in it needs encoding.
        url.push_str("&code_challenge=");
        url.push_str(pkce.challenge());
        url.push_str("&code_challenge_method=S256");
        url
    }

    /// Exchanges the `code` HubSpot sent to the redirect URI for the first tokens.
    ///
    /// # Errors
    /// [`Error::Api`] with HubSpot's error body (`BAD_AUTH_CODE`, …) or any other failure.
    pub async fn exchange_code(&self, code: &str) -> Result<TokenSet, Error> {
        self.exchange(code, None).await
    }

    /// Exchanges the `code` of an install started with
    /// [`authorize_url_with_pkce`](Self::authorize_url_with_pkce), proving it with the
    /// verifier kept since.
    ///
    /// # Errors
    /// As [`exchange_code`](Self::exchange_code): a verifier that does not match the
    /// challenge is HubSpot's 400 `invalid_grant`, in [`Error::Api`]. The verifier is scrubbed
    /// from whatever the error keeps of the answer.
    pub async fn exchange_code_with_pkce(
        &self,
        code: &str,
        verifier: &SecretString,
    ) -> Result<TokenSet, Error> {
        self.exchange(code, Some(verifier)).await
    }

    async fn exchange(
        &self,
        code: &str,
        verifier: Option<&SecretString>,
    ) -> Result<TokenSet, Error> {
        let code = SecretString::from(code.to_owned());
        let mut fields = vec![
            ("grant_type", "authorization_code"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose_secret()),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("code", code.expose_secret()),
        ];
        let mut secrets = vec![&code];
        if let Some(verifier) = verifier {
            fields.push(("code_verifier", verifier.expose_secret()));
            secrets.push(verifier);
        }
        self.grant(&fields, &secrets).await
    }

    /// Trades a refresh token for new tokens.
    ///
    /// # Errors
    /// [`Error::Api`] with status 400 when HubSpot refuses the refresh token, or any other
    /// failure.
    pub async fn refresh(&self, refresh_token: &SecretString) -> Result<TokenSet, Error> {
        let fields = [
            ("grant_type", "refresh_token"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose_secret()),
            ("refresh_token", refresh_token.expose_secret()),
        ];
        self.grant(&fields, &[refresh_token]).await
    }

    /// Gets an access token for the app itself (the client-credentials grant), as the webhooks
    /// journal takes: no user, no refresh token; ask again when it expires.
    ///
    /// # Errors
    /// [`Error::Api`] when HubSpot refuses the app's credentials or scopes, or any other failure.
    pub async fn client_credentials(&self, scopes: &[&str]) -> Result<TokenSet, Error> {
        let scope = scopes.join(" ");
        let mut fields = vec![
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose_secret()),
        ];
        if !scope.is_empty() {
            fields.push(("scope", scope.as_str()));
        }
        self.grant(&fields, &[]).await
    }

    async fn grant(
        &self,
        fields: &[(&str, &str)],
        secrets: &[&SecretString],
    ) -> Result<TokenSet, Error> {
        let path = self.endpoint.path();
        let mut request: Request<RawTokens> =
            Request::new(Method::Post, path, PathBuilder::new().literal(path))
                .form(fields)
                .without_auth()
                .redact(&self.client_secret);
        for secret in secrets {
            request = request.redact(secret);
        }
        Ok(request.send(&self.tokens).await?.into())
    }

    /// What an access token grants: its account (`hub_id`), scopes and remaining lifetime.
    #[deprecated(
        note = "HubSpot switches OAuth v1 (`GET /oauth/v1/access-tokens`) off on 2027-02-16: \
                use `hubspot_crm::oauth::token::introspect`"
    )]
    pub fn token_info(&self, access_token: &SecretString) -> Request<TokenInfo> {
        Request::new(
            Method::Get,
            "/oauth/v1/access-tokens/<token>",
            PathBuilder::new()
                .literal("/oauth/v1/access-tokens/")
                .param("token", &access_token.expose_secret()),
        )
        .without_auth()
        .redact(access_token)
    }

    /// The client that calls the token endpoint, to send [`OAuthApp::token_info`] with.
    pub fn token_client(&self) -> &Client {
        &self.tokens
    }
}

/// Tokens from HubSpot's token endpoint. `Debug` never shows them.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TokenSet {
    /// The bearer token for API calls.
    pub access_token: SecretString,
    /// The long-lived credential that gets new access tokens. HubSpot may rotate it: store the
    /// newest.
    pub refresh_token: SecretString,
    /// How long the access token lives (HubSpot: 30 minutes; held to at most
    /// [`MAX_TOKEN_LIFETIME`]).
    pub expires_in: Duration,
    /// The account the tokens are for, when HubSpot says.
    pub hub_id: Option<u64>,
    /// The granted scopes, when HubSpot says.
    pub scopes: Vec<String>,
}

impl TokenSet {
    /// Tokens stored from an earlier grant.
    pub fn new(
        access_token: impl Into<String>,
        refresh_token: impl Into<String>,
        expires_in: Duration,
    ) -> Self {
        Self {
            access_token: SecretString::from(access_token.into()),
            refresh_token: SecretString::from(refresh_token.into()),
            expires_in,
            hub_id: None,
            scopes: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
struct RawTokens {
    access_token: String,
    /// Absent from a client-credentials answer, and from a refresh that keeps the old one.
    #[serde(default)]
    refresh_token: String,
    expires_in: u64,
    #[serde(default)]
    hub_id: Option<u64>,
    #[serde(default)]
    scopes: Vec<String>,
}

/// The longest an access token is believed to live, whatever a token endpoint says: HubSpot's
/// live 30 minutes, and a larger `expires_in` (up to `u64::MAX` seconds from a broken server)
/// must neither overflow a clock nor stop the client from ever refreshing.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// `now + lifetime`, with the lifetime held to [`MAX_TOKEN_LIFETIME`]: it cannot overflow.
fn expiry(now: Instant, lifetime: Duration) -> Instant {
    let lifetime = lifetime.min(MAX_TOKEN_LIFETIME);
    now.checked_add(lifetime).unwrap_or(now)
}

impl From<RawTokens> for TokenSet {
    fn from(raw: RawTokens) -> Self {
        Self {
            access_token: SecretString::from(raw.access_token),
            refresh_token: SecretString::from(raw.refresh_token),
            expires_in: Duration::from_secs(raw.expires_in).min(MAX_TOKEN_LIFETIME),
            hub_id: raw.hub_id,
            scopes: raw.scopes,
        }
    }
}

/// What an access token grants (`GET /oauth/v1/access-tokens/{token}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TokenInfo {
    /// The account.
    pub hub_id: u64,
    /// The granted scopes.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Seconds the token has left.
    pub expires_in: u64,
    /// The installing user's e-mail.
    #[serde(default)]
    pub user: Option<String>,
    /// The account's domain.
    #[serde(default)]
    pub hub_domain: Option<String>,
    /// The app.
    #[serde(default)]
    pub app_id: Option<u64>,
}

/// Called with every new token set.
type RefreshHook = Arc<dyn Fn(&TokenSet) + Send + Sync>;

/// Authenticates with OAuth tokens and keeps them fresh: ahead of expiry (five minutes by
/// default, as HubSpot advises: refresh on `expires_in`, not on a 401), and after a 401 that says
/// the token expired. Concurrent calls that need a fresh token wait for one refresh.
pub struct OAuth {
    app: OAuthApp,
    grant: Grant,
    time: Arc<dyn Time>,
    refresh_ahead: Duration,
    on_refresh: Option<RefreshHook>,
    state: tokio::sync::Mutex<TokenState>,
    scope: SecretString,
    /// The client secret and the newest tokens held, for [`Auth::secrets`]: a server may echo
    /// a token this auth no longer sends.
    held: std::sync::Mutex<Vec<SecretString>>,
}

/// How [`OAuth`] gets its next access token.
#[derive(Debug, Clone)]
enum Grant {
    /// With the refresh token of a user's authorization.
    RefreshToken,
    /// With the app's own credentials, for these scopes (space-separated).
    ClientCredentials(String),
}

/// How many secrets [`OAuth`] remembers to scrub: the client secret and a few generations of
/// tokens.
const HELD_SECRETS: usize = 8;

struct TokenState {
    access: SecretString,
    refresh: SecretString,
    expires_in: Duration,
    expires_at: Option<Instant>,
    /// HubSpot refused the refresh token: every call fails at once, without asking again.
    refused: Option<String>,
    /// The last refresh failed: calls until `retry_at` share its error instead of asking the
    /// token endpoint again each.
    failed: Option<Failure>,
}

/// A refresh that failed, and when the next may be tried.
struct Failure {
    error: Arc<Error>,
    retry_at: Instant,
    /// Failures in a row, which double the wait.
    count: u32,
}

/// The wait after the first failed refresh; it doubles with each failure in a row.
const REFRESH_BACKOFF: Duration = Duration::from_secs(1);
/// The longest wait between refreshes after failures.
const MAX_REFRESH_BACKOFF: Duration = Duration::from_secs(60);

impl fmt::Debug for OAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth")
            .field("app", &self.app)
            .field("tokens", &"[REDACTED]")
            .finish_non_exhaustive()
    }
}

impl OAuth {
    /// Authenticates as `tokens` grant, refreshing through `app`.
    pub fn new(app: OAuthApp, tokens: TokenSet) -> Self {
        let scope = SecretString::from(format!(
            "oauth:{}:{}",
            app.client_id,
            tokens.hub_id.map_or_else(
                || tokens.refresh_token.expose_secret().to_owned(),
                |id| id.to_string()
            )
        ));
        let held = vec![
            app.client_secret.clone(),
            tokens.refresh_token.clone(),
            tokens.access_token.clone(),
        ];
        Self {
            app,
            grant: Grant::RefreshToken,
            time: Arc::new(TokioTime),
            refresh_ahead: Duration::from_secs(300),
            on_refresh: None,
            state: tokio::sync::Mutex::new(TokenState {
                access: tokens.access_token,
                refresh: tokens.refresh_token,
                expires_in: tokens.expires_in,
                expires_at: None,
                refused: None,
                failed: None,
            }),
            scope,
            held: std::sync::Mutex::new(held),
        }
    }

    /// Authenticates as the app itself with the client-credentials grant (the webhooks
    /// journal's APIs): the first call gets a token for `scopes`, and a new one is asked for
    /// ahead of expiry, after an expired-token 401, and with backoff after failures, exactly as
    /// a refresh is.
    pub fn client_credentials(app: OAuthApp, scopes: &[&str]) -> Self {
        let mut auth = Self::new(app, TokenSet::new("", "", Duration::ZERO));
        auth.scope = SecretString::from(format!("oauth:{}:app", auth.app.client_id));
        auth.grant = Grant::ClientCredentials(scopes.join(" "));
        auth.hold_only_client_secret();
        auth
    }

    fn hold_only_client_secret(&self) {
        let mut held = self
            .held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        held.truncate(1);
    }

    /// Calls `hook` with every new token set, so the app can store a rotated refresh token.
    #[must_use]
    pub fn on_refresh(mut self, hook: impl Fn(&TokenSet) + Send + Sync + 'static) -> Self {
        self.on_refresh = Some(Arc::new(hook));
        self
    }

    /// Refreshes this long before the access token expires (default 5 minutes).
    #[must_use]
    pub fn refresh_ahead(mut self, ahead: Duration) -> Self {
        self.refresh_ahead = ahead;
        self
    }

    /// The clock expiry is measured on (tests).
    #[must_use]
    pub fn time(mut self, time: impl Time + 'static) -> Self {
        self.time = Arc::new(time);
        self
    }

    /// Remembers `secrets` to scrub, keeping the client secret and the newest tokens.
    fn hold<'a>(&self, secrets: impl IntoIterator<Item = &'a SecretString>) {
        let mut held = self
            .held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        held.extend(secrets.into_iter().cloned());
        let excess = held.len().saturating_sub(HELD_SECRETS);
        if excess > 0 {
            // The client secret, first, stays; the oldest tokens after it go.
            held.drain(1..=excess);
        }
    }

    async fn refresh(&self, state: &mut TokenState) -> Result<(), Error> {
        if let Some(message) = &state.refused {
            return Err(Error::Reauthorize {
                message: message.clone(),
            });
        }
        if let Some(failed) = state
            .failed
            .as_ref()
            .filter(|failed| self.time.now() < failed.retry_at)
        {
            return Err(Error::TokenRefresh(failed.error.clone()));
        }
        let granted = match &self.grant {
            Grant::RefreshToken => self.app.refresh(&state.refresh).await,
            Grant::ClientCredentials(scopes) => {
                let scopes: Vec<&str> = scopes.split(' ').filter(|s| !s.is_empty()).collect();
                self.app.client_credentials(&scopes).await
            }
        };
        match granted {
            Ok(mut tokens) => {
                state.failed = None;
                state.access = tokens.access_token.clone();
                // An answer without a refresh token keeps the one in hand.
                if tokens.refresh_token.expose_secret().is_empty() {
                    tokens.refresh_token = state.refresh.clone();
                }
                state.refresh = tokens.refresh_token.clone();
                state.expires_in = tokens.expires_in;
                state.expires_at = Some(expiry(self.time.now(), tokens.expires_in));
                self.hold([&tokens.refresh_token, &tokens.access_token]);
                tracing::info!(
                    expires_in_s = tokens.expires_in.as_secs(),
                    "refreshed the OAuth access token"
                );
                if let Some(hook) = &self.on_refresh {
                    hook(&tokens);
                }
                Ok(())
            }
            Err(error) if matches!(error.status(), Some(400 | 401 | 403)) => {
                // The token endpoint's own words: the API's 401 hint about the access token
                // would mislead here.
                let said = match error.api_error() {
                    Some(api) => match api.body.said() {
                        Some(said) => {
                            format!("the token endpoint answered {}: {said}", api.status)
                        }
                        None => format!("the token endpoint answered {}", api.status),
                    },
                    None => error.to_string(),
                };
                let message = truncate(&said, SHOWN_CHARS).into_owned();
                tracing::warn!(
                    "HubSpot refused the OAuth refresh token; the app must be authorized again"
                );
                state.refused = Some(message.clone());
                Err(Error::Reauthorize { message })
            }
            Err(error) => {
                let count = state
                    .failed
                    .as_ref()
                    .map_or(1, |f| f.count.saturating_add(1));
                let wait = REFRESH_BACKOFF
                    .saturating_mul(1 << (count - 1).min(16))
                    .min(MAX_REFRESH_BACKOFF);
                tracing::warn!(
                    failures = count,
                    wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
                    "could not refresh the OAuth access token"
                );
                let error = Arc::new(error);
                state.failed = Some(Failure {
                    error: error.clone(),
                    retry_at: expiry(self.time.now(), wait),
                    count,
                });
                Err(Error::TokenRefresh(error))
            }
        }
    }
}

impl Auth for OAuth {
    fn bearer_token(&self) -> BoxFuture<'_, Result<SecretString, Error>> {
        Box::pin(async move {
            let mut state = self.state.lock().await;
            let now = self.time.now();
            // The clock starts with the first call: tokens handed in are as fresh as they say.
            let lifetime = state.expires_in;
            let expires_at = *state
                .expires_at
                .get_or_insert_with(|| expiry(now, lifetime));
            // `refresh_ahead` before expiry; an absurd `refresh_ahead` means always.
            let due = now
                .checked_add(self.refresh_ahead)
                .is_none_or(|ahead| ahead >= expires_at);
            if due || state.refused.is_some() {
                match self.refresh(&mut state).await {
                    Ok(()) => {}
                    // Refreshed early and failed: the token in hand still works for now.
                    Err(Error::TokenRefresh(_)) if now < expires_at => {}
                    Err(error) => return Err(error),
                }
            }
            Ok(state.access.clone())
        })
    }

    fn secrets(&self) -> Vec<SecretString> {
        self.held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn on_unauthorized<'a>(
        &'a self,
        rejected: &'a SecretString,
        error: &'a ApiError,
    ) -> BoxFuture<'a, bool> {
        Box::pin(async move {
            let expired = error.body.category.as_deref() == Some("EXPIRED_AUTHENTICATION")
                || error
                    .body
                    .message
                    .as_deref()
                    .is_some_and(|m| m.contains("expired"));
            if !expired {
                return false;
            }
            let mut state = self.state.lock().await;
            if state.access.expose_secret() != rejected.expose_secret() {
                // Another call refreshed it meanwhile.
                return true;
            }
            self.refresh(&mut state).await.is_ok()
        })
    }

    fn limit_scope(&self) -> Option<SecretString> {
        Some(self.scope.clone())
    }

    fn starting_limit(&self) -> Option<RateLimit> {
        Some(RateLimit::OAUTH_APP)
    }
}

/// The token endpoint's own client sends no bearer token.
#[derive(Debug)]
struct NoCredentials;

impl Auth for NoCredentials {
    fn bearer_token(&self) -> BoxFuture<'_, Result<SecretString, Error>> {
        Box::pin(std::future::ready(Err(Error::Config(
            "the OAuth token endpoint takes no bearer token".into(),
        ))))
    }
}
