//! An axum extractor that verifies and parses in one step: a handler that takes
//! [`VerifiedEvents`] only ever sees events HubSpot signed.

use std::time::SystemTime;

use axum::extract::{FromRef, FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hubspot_runtime::SecretString;

use super::{WebhookError, WebhookEvent, parse_events, verify};

/// The most body a webhook request may carry: HubSpot batches at most 100 events.
const MAX_BODY: usize = 1 << 20;

/// What the extractor needs from the app's state: the app's client secret, and the public base
/// URL HubSpot calls (`https://example.com`), since the signed URI is the full one.
#[derive(Clone)]
pub struct WebhookConfig {
    secret: SecretString,
    public_base_url: String,
}

impl WebhookConfig {
    /// The client secret, and the scheme and host HubSpot calls.
    pub fn new(client_secret: impl Into<String>, public_base_url: impl Into<String>) -> Self {
        Self {
            secret: SecretString::from(client_secret.into()),
            public_base_url: public_base_url.into().trim_end_matches('/').to_owned(),
        }
    }
}

impl std::fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("secret", &"[REDACTED]")
            .field("public_base_url", &self.public_base_url)
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
#[derive(Debug, Clone)]
pub struct VerifiedEvents(pub Vec<WebhookEvent>);

/// Why the extractor refused a request: 401 for a signature that does not check out, 400 for a
/// body that is not events, 413 for a body over 1 MiB.
#[derive(Debug)]
pub struct WebhookRejection {
    status: StatusCode,
    error: Option<WebhookError>,
}

impl WebhookRejection {
    /// Why, when the body was read.
    pub fn error(&self) -> Option<&WebhookError> {
        self.error.as_ref()
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let message = self
            .error
            .map_or_else(|| "the body is too large".to_owned(), |e| e.to_string());
        (self.status, message).into_response()
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
        let (parts, body) = request.into_parts();
        let body = axum::body::to_bytes(body, MAX_BODY)
            .await
            .map_err(|_| WebhookRejection {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                error: None,
            })?;
        let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let uri = format!("{}{path}", config.public_base_url);
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let refuse = |status, error| WebhookRejection {
            status,
            error: Some(error),
        };
        verify(
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
