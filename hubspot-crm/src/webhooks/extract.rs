//! An axum extractor that verifies and parses in one step: a handler that takes
//! [`VerifiedEvents`] only ever sees events HubSpot signed.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt as _;
use hubspot_runtime::SecretString;

use super::budget::{Budget, Held};
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
    budget: Arc<Budget>,
}

impl WebhookConfig {
    /// How long the body of a request may take to arrive by default.
    pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(10);
    /// The body bytes all requests may hold at once by default: 32 MiB.
    pub const DEFAULT_MAX_BYTES_IN_FLIGHT: usize = 32 << 20;
    /// The bodies that may be read at once by default.
    pub const DEFAULT_MAX_BODIES_IN_FLIGHT: usize = 512;

    /// The client secret, and the scheme and host HubSpot calls. Only v3 signatures are
    /// accepted, and a body must arrive within [`DEFAULT_BODY_TIMEOUT`](Self::DEFAULT_BODY_TIMEOUT).
    pub fn new(client_secret: impl Into<String>, public_base_url: impl Into<String>) -> Self {
        Self {
            secret: SecretString::from(client_secret.into()),
            public_base_url: public_base_url.into().trim_end_matches('/').to_owned(),
            accepted: Accepted::V3Only,
            body_timeout: Self::DEFAULT_BODY_TIMEOUT,
            budget: Arc::new(Budget::new(
                Self::DEFAULT_MAX_BYTES_IN_FLIGHT,
                Self::DEFAULT_MAX_BODIES_IN_FLIGHT,
            )),
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

    /// The most body bytes all requests behind this config (and its clones) may hold at once,
    /// and the most bodies being read at once. A request that would go over either is answered
    /// 503 with `Retry-After` and its connection closed: HubSpot sends it again later. A body
    /// over 64 KiB (HubSpot's batches are far smaller) leaves an eighth of the bytes to smaller
    /// ones, so that slow large senders cannot crowd out HubSpot's requests.
    #[must_use]
    pub fn max_in_flight(mut self, bytes: usize, bodies: usize) -> Self {
        self.budget = Arc::new(Budget::new(bytes, bodies));
        self
    }

    /// Body bytes held right now by requests being read, across every clone of this config.
    pub fn bytes_in_flight(&self) -> usize {
        self.budget.bytes_in_flight()
    }

    /// Bodies being read right now, across every clone of this config.
    pub fn bodies_in_flight(&self) -> usize {
        self.budget.bodies_in_flight()
    }
}

impl std::fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("secret", &"[REDACTED]")
            .field("public_base_url", &self.public_base_url)
            .field("accepted", &self.accepted)
            .field("body_timeout", &self.body_timeout)
            .field("max_bytes_in_flight", &self.budget.max_bytes)
            .field("max_bodies_in_flight", &self.budget.max_bodies)
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
/// default), and all bodies together ([`WebhookConfig::max_in_flight`]: 32 MiB and 512 bodies
/// by default, past which a sender is told to retry). It cannot bound what comes before the handler runs: `axum::serve` waits for a
/// request's headers without a limit. Serve the app with a header-read timeout (hyper-util's
/// `http1::Builder::header_read_timeout`), or behind a proxy that sets one, so that senders
/// that stall before their body cannot hold connections open either.
#[derive(Debug, Clone)]
pub struct VerifiedEvents(pub Vec<WebhookEvent>);

/// Why the extractor refused a request: 401 for a signature that does not check out (or only
/// a legacy one), 400 for a body that is not events, 413 for a body over 1 MiB, 408 for a body
/// that did not arrive in time, 503 (with `Retry-After`) when the receiver's budget of bodies in
/// flight is spent.
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
        let headers = response.headers_mut();
        if matches!(
            self.status,
            StatusCode::REQUEST_TIMEOUT
                | StatusCode::PAYLOAD_TOO_LARGE
                | StatusCode::SERVICE_UNAVAILABLE
        ) {
            // The rest of a refused body is not read on this connection.
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
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
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        let body = tokio::time::timeout(
            config.body_timeout,
            read_body(body, declared, &config.budget),
        )
        .await
        .map_err(|_| {
            refuse(
                StatusCode::REQUEST_TIMEOUT,
                WebhookError::BodyTimeout(config.body_timeout),
            )
        })?
        .map_err(|error| {
            let status = match error {
                WebhookError::BodyTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::SERVICE_UNAVAILABLE,
            };
            refuse(status, error)
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

/// Reads a body of at most [`MAX_BODY`] bytes, each granted by `budget` before it is kept: a
/// declared length is granted up front, so that a sender announcing more than the budget has
/// room for is refused before anything is read.
async fn read_body(
    body: axum::body::Body,
    declared: Option<usize>,
    budget: &Budget,
) -> Result<Vec<u8>, WebhookError> {
    if declared.is_some_and(|n| n > MAX_BODY) {
        return Err(WebhookError::BodyTooLarge(MAX_BODY));
    }
    let busy = || WebhookError::Busy {
        max_bytes: budget.max_bytes,
        max_bodies: budget.max_bodies,
    };
    let mut held: Held = budget.enter().ok_or_else(busy)?;
    if let Some(n) = declared {
        budget.grow(&mut held, n).ok_or_else(busy)?;
    }
    let mut kept = Vec::new();
    let mut chunks = body.into_data_stream();
    while let Some(chunk) = chunks.next().await {
        // A connection that broke mid-body is a body that never arrived.
        let chunk = chunk.map_err(|e| WebhookError::Body(e.to_string()))?;
        let total = kept.len().saturating_add(chunk.len());
        if total > MAX_BODY {
            return Err(WebhookError::BodyTooLarge(MAX_BODY));
        }
        budget.grow(&mut held, total).ok_or_else(busy)?;
        kept.extend_from_slice(&chunk);
    }
    Ok(kept)
}
