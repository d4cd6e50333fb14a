//! What stands in front of every API route: auth, rate limits, faults, rate-limit headers. Also
//! the control endpoints tests use.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Json;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::Notify;

use crate::error::{ApiError, correlation_id};
use crate::faults::{Fault, FaultRule, RetryAfter};
use crate::grants::TokenState;
use crate::limits::{Refusal, Usage};
use crate::state::{Shared, lock};

/// Closes the request's connection without an answer when notified.
#[derive(Debug, Clone)]
pub(crate) struct ConnectionKill(pub(crate) Arc<Notify>);

pub(crate) async fn guard(State(mock): State<Shared>, request: Request, next: Next) -> Response {
    mock.stats().requests += 1;
    let token = match authenticate(&mock, &request) {
        Ok(credential) => credential,
        Err(refusal) => {
            mock.stats().unauthorized += 1;
            return refusal.into_response();
        }
    };
    let search = request.uri().path().ends_with("/search");
    let usage = match lock(&mock.limiter).admit(&token, search, mock.now(), &mock.config.limits) {
        Ok(usage) => usage,
        Err((refusal, wait)) => {
            mock.stats().rate_limited += 1;
            return rate_limited(&mock, refusal, wait, search);
        }
    };
    let fault = lock(&mock.faults).pick(request.method().as_str(), request.uri().path());
    if fault.is_some() {
        mock.stats().faults += 1;
    }
    let kill = request.extensions().get::<ConnectionKill>().cloned();
    let mut response = match fault {
        Some(Fault::Status {
            status,
            retry_after,
        }) => status_fault(status, retry_after),
        Some(Fault::Html) => html_502(),
        Some(Fault::Delay { ms }) => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            hubspot_shaped(next.run(request).await).await
        }
        Some(Fault::Drop) => {
            let _applied = next.run(request).await;
            if let Some(ConnectionKill(kill)) = kill {
                mock.stats().dropped += 1;
                kill.notify_one();
                return std::future::pending::<Response>().await;
            }
            StatusCode::BAD_GATEWAY.into_response()
        }
        Some(Fault::Malformed) => {
            let applied = next.run(request).await;
            let (parts, _) = applied.into_parts();
            let mut response = Response::from_parts(parts, Body::from(r#"{"results": [{"id": "#));
            response
                .headers_mut()
                .remove(axum::http::header::CONTENT_LENGTH);
            response
        }
        None => hubspot_shaped(next.run(request).await).await,
    };
    if !search {
        rate_limit_headers(response.headers_mut(), &mock.config.limits, usage);
    }
    response
}

/// The credential a request is admitted by, which its rate limits are counted against: a
/// developer API key (`hapikey`) for the app-level APIs, which take nothing else, and an
/// account's token (static or granted by OAuth) for the rest.
fn authenticate(mock: &Shared, request: &Request) -> Result<String, ApiError> {
    let path = request.uri().path();
    if path.starts_with("/webhooks/")
        || crate::schema_answers::takes_developer_key(request.method().as_str(), path)
    {
        let key = request.uri().query().and_then(|query| {
            query
                .split('&')
                .find_map(|pair| pair.strip_prefix("hapikey="))
                .map(str::to_owned)
        });
        return key
            .filter(|k| mock.config.developer_keys.iter().any(|d| d == k))
            .ok_or_else(ApiError::developer_key_required);
    }
    let token = bearer(request.headers());
    let state = token
        .as_deref()
        .map(|t| lock(&mock.grants).state(t, mock.now()));
    match (token, state) {
        (Some(token), Some(TokenState::Live)) => Ok(token),
        (_, Some(TokenState::Expired(ago))) => Err(ApiError::expired(ago)),
        (Some(token), _) if accepted(&mock.config.tokens, &token) => Ok(token),
        _ => Err(ApiError::unauthorized()),
    }
}

/// S3's answer to a pre-signed URL past its expiry, as the download listener gives it.
pub(crate) fn expired() -> Response {
    (StatusCode::FORBIDDEN, "Request has expired").into_response()
}

/// What the download listener says to a request that brings credentials: it takes none, so
/// the SDK's downloads are checked never to carry HubSpot's token there.
pub(crate) fn refuse_credentials(headers: &HeaderMap) -> Option<Response> {
    headers.contains_key("authorization").then(|| {
        (
            StatusCode::BAD_REQUEST,
            "this host takes no Authorization header",
        )
            .into_response()
    })
}

/// axum answers a body it cannot parse with plain text; HubSpot answers with its error JSON.
async fn hubspot_shaped(response: Response) -> Response {
    let plain = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/plain"));
    if !response.status().is_client_error() || !plain {
        return response;
    }
    let text = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let message = format!("Invalid input JSON: {}", String::from_utf8_lossy(&text));
    // HubSpot reports every unreadable body as a 400 validation error.
    ApiError::validation(message).into_response()
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then(|| token.to_owned())
}

fn accepted(tokens: &[String], token: &str) -> bool {
    tokens.is_empty() || tokens.iter().any(|t| t == token)
}

fn header(value: impl ToString) -> HeaderValue {
    HeaderValue::from_str(&value.to_string()).unwrap_or_else(|_| HeaderValue::from_static("0"))
}

fn rate_limit_headers(headers: &mut HeaderMap, limits: &crate::Limits, usage: Usage) {
    headers.insert("x-hubspot-ratelimit-max", header(limits.window_max));
    headers.insert("x-hubspot-ratelimit-remaining", header(usage.remaining));
    headers.insert(
        "x-hubspot-ratelimit-interval-milliseconds",
        header(limits.window.as_millis()),
    );
    headers.insert("x-hubspot-ratelimit-daily", header(limits.daily));
    headers.insert(
        "x-hubspot-ratelimit-daily-remaining",
        header(usage.daily_remaining),
    );
}

fn rate_limited(mock: &Shared, refusal: Refusal, wait: Duration, search: bool) -> Response {
    let body = json!({
        "status": "error",
        "message": refusal.message(),
        "errorType": "RATE_LIMIT",
        "correlationId": correlation_id(),
        "policyName": refusal.policy(),
        "requestId": correlation_id(),
    });
    let mut response = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
    if mock.config.retry_after_on_429 {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        response
            .headers_mut()
            .insert("retry-after", header(seconds));
    }
    if !search {
        let limits = &mock.config.limits;
        let usage = Usage {
            remaining: 0,
            daily_remaining: if refusal == Refusal::Daily {
                0
            } else {
                limits.daily
            },
        };
        rate_limit_headers(response.headers_mut(), limits, usage);
    }
    response
}

fn status_fault(status: u16, retry_after: Option<RetryAfter>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
    let body = if status == 429 {
        json!({"status": "error", "message": Refusal::Window.message(), "errorType": "RATE_LIMIT", "correlationId": correlation_id(), "policyName": Refusal::Window.policy()})
    } else {
        json!({"status": "error", "message": format!("injected fault: {status}"), "correlationId": correlation_id(), "category": "INJECTED_FAULT"})
    };
    let mut response = (code, Json(body)).into_response();
    let value = match retry_after {
        Some(RetryAfter::Seconds(seconds)) => Some(header(seconds)),
        Some(RetryAfter::HttpDate(seconds)) => Some(header(httpdate::fmt_http_date(
            SystemTime::now() + Duration::from_secs(seconds),
        ))),
        None => None,
    };
    if let Some(value) = value {
        response.headers_mut().insert("retry-after", value);
    }
    response
}

fn html_502() -> Response {
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
    (
        StatusCode::BAD_GATEWAY,
        [(axum::http::header::CONTENT_TYPE, "text/html")],
        page,
    )
        .into_response()
}

pub(crate) async fn stats(State(mock): State<Shared>) -> Json<crate::Stats> {
    Json(mock.stats().clone())
}

pub(crate) async fn dump(State(mock): State<Shared>) -> Json<Value> {
    Json(mock.dump())
}

pub(crate) async fn add_fault(
    State(mock): State<Shared>,
    Json(rule): Json<FaultRule>,
) -> StatusCode {
    lock(&mock.faults).add(rule);
    StatusCode::NO_CONTENT
}

/// `GET /__mock/faults`: the rules in force, each with how often it fired.
pub(crate) async fn list_faults(State(mock): State<Shared>) -> Json<Vec<crate::ActiveRule>> {
    Json(lock(&mock.faults).active())
}

pub(crate) async fn clear_faults(State(mock): State<Shared>) -> StatusCode {
    lock(&mock.faults).clear();
    StatusCode::NO_CONTENT
}

pub(crate) async fn advance_clock(State(mock): State<Shared>, Json(body): Json<Value>) -> Response {
    match body.get("advanceMs").and_then(Value::as_u64) {
        Some(ms) => {
            mock.advance(Duration::from_millis(ms));
            StatusCode::NO_CONTENT.into_response()
        }
        None => ApiError::validation("expected {\"advanceMs\": <milliseconds>}").into_response(),
    }
}

pub(crate) async fn reset(State(mock): State<Shared>) -> StatusCode {
    mock.reset();
    StatusCode::NO_CONTENT
}
