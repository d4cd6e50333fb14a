//! An axum extractor that verifies and parses in one step: a handler that takes
//! [`VerifiedEvents`] only ever sees events HubSpot signed.

use std::time::{Duration, SystemTime};

use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hubspot_runtime::SecretString;

use super::{Accepted, WebhookError, WebhookEvent, parse_events, verify_accepting};

/// The most body a webhook request may carry: HubSpot batches at most 100 events.
const MAX_BODY: usize = 1 << 20;

/// What the extractor needs from the app's state: the app's client secret, and the public base
/// URL HubSpot calls (`https://example.com`), since the signed URI is the full one.
#[derive(Clone)]
pub struct WebhookConfig {
    secret: SecretString,
    public_base_url: String,
    accepted: Accepted,
    body_timeout: Duration,
}

impl WebhookConfig {
    /// How long the body of a request may take to arrive by default.
    pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(10);

    /// The client secret, and the scheme and host HubSpot calls. Only v3 signatures are
    /// accepted, and a body must arrive within [`DEFAULT_BODY_TIMEOUT`](Self::DEFAULT_BODY_TIMEOUT).
    pub fn new(client_secret: impl Into<String>, public_base_url: impl Into<String>) -> Self {
        Self {
            secret: SecretString::from(client_secret.into()),
            public_base_url: public_base_url.into().trim_end_matches('/').to_owned(),
            accepted: Accepted::V3Only,
            body_timeout: Self::DEFAULT_BODY_TIMEOUT,
        }
    }

    /// Accepts v1 and v2 signatures too, for subscriptions that send no v3. They sign no
    /// timestamp: a captured request can be replayed forever, so deduplicate by `eventId`.
    #[must_use]
    pub fn accept_legacy_signatures(mut self) -> Self {
        self.accepted = Accepted::V3AndLegacy;
        self
    }

    /// How long the body may take to arrive; a slower sender gets 408 and its connection is
    /// closed.
    #[must_use]
    pub fn body_timeout(mut self, timeout: Duration) -> Self {
        self.body_timeout = timeout;
        self
    }
}

impl std::fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("secret", &"[REDACTED]")
            .field("public_base_url", &self.public_base_url)
            .field("accepted", &self.accepted)
            .field("body_timeout", &self.body_timeout)
            .finish()
    }
}

/// The events of a request whose HubSpot signature checked out.
///
/// ```no_run
/// use axum::{Router, routing::post};
/// use hubspot_crm::webhooks::{VerifiedEvents, WebhookConfig};
///
/// async fn on_events(VerifiedEvents(events): VerifiedEvents) -> &'static str {
///     for event in events {
///         println!("{} on {:?}", event.subscription_type, event.object_id);
///     }
///     "ok"
/// }
///
/// let app: Router = Router::new()
///     .route("/webhooks/hubspot", post(on_events))
///     .with_state(WebhookConfig::new("client-secret", "https://example.com"));
/// # let _ = app;
/// ```
///
/// The extractor bounds the body: 1 MiB, arriving within the config's body timeout (10 s by
/// default). It cannot bound what comes before the handler runs: `axum::serve` waits for a
/// request's headers without a limit. Serve the app with a header-read timeout (hyper-util's
/// `http1::Builder::header_read_timeout`), or behind a proxy that sets one, so that senders
/// that stall before their body cannot hold connections open either.
#[derive(Debug, Clone)]
pub struct VerifiedEvents(pub Vec<WebhookEvent>);

/// Why the extractor refused a request: 401 for a signature that does not check out (or only
/// a legacy one), 400 for a body that is not events, 413 for a body over 1 MiB, 408 for a body
/// that did not arrive in time.
#[derive(Debug)]
pub struct WebhookRejection {
    status: StatusCode,
    error: WebhookError,
}

impl WebhookRejection {
    /// Why.
    pub fn error(&self) -> &WebhookError {
        &self.error
    }

    /// The status the request is answered with.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.error.to_string()).into_response();
        if self.status == StatusCode::REQUEST_TIMEOUT {
            // The rest of a stalled body is not waited for on this connection.
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

impl<S> FromRequest<S> for VerifiedEvents
where
    WebhookConfig: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let config = WebhookConfig::from_ref(state);
        let refuse = |status, error| WebhookRejection { status, error };
        let (parts, body) = request.into_parts();
        let body = tokio::time::timeout(config.body_timeout, axum::body::to_bytes(body, MAX_BODY))
            .await
            .map_err(|_| {
                refuse(
                    StatusCode::REQUEST_TIMEOUT,
                    WebhookError::BodyTimeout(config.body_timeout),
                )
            })?
            .map_err(|_| {
                refuse(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    WebhookError::BodyTooLarge(MAX_BODY),
                )
            })?;
        let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let uri = format!("{}{path}", config.public_base_url);
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        verify_accepting(
            config.accepted,
            &config.secret,
            parts.method.as_str(),
            &uri,
            &body,
            header,
            SystemTime::now(),
        )
        .map_err(|error| refuse(StatusCode::UNAUTHORIZED, error))?;
        parse_events(&body)
            .map(VerifiedEvents)
            .map_err(|error| refuse(StatusCode::BAD_REQUEST, error))
    }
}
