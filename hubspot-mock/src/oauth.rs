//! HubSpot's OAuth endpoints: the install page (which consents at once), the token endpoint's
//! authorization-code and refresh grants, token metadata and refresh-token deletion. Access
//! tokens it grants are accepted by the API routes until they expire on the mock's clock.

use std::collections::HashMap;

use axum::Form;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::correlation_id;
use crate::grants::Refused;
use crate::state::{Shared, lock};

/// The install page: consents at once and redirects to `redirect_uri` with a code.
pub(crate) async fn authorize(
    State(mock): State<Shared>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let config = &mock.config.oauth;
    let (Some(redirect), Some(client_id)) = (query.get("redirect_uri"), query.get("client_id"))
    else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "redirect_uri and client_id are required",
        );
    };
    if *client_id != config.client_id {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "unknown client_id",
        );
    }
    let scopes = query
        .get("scope")
        .map(|s| s.split(' ').map(str::to_owned).collect())
        .unwrap_or_default();
    let challenge = match (
        query.get("code_challenge"),
        query.get("code_challenge_method").map(String::as_str),
    ) {
        (None, _) => None,
        (Some(challenge), Some("S256")) => Some(challenge.clone()),
        (Some(_), _) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "code_challenge_method must be S256",
            );
        }
    };
    let code = lock(&mock.grants).authorize(scopes, challenge);
    let state = query.get("state").cloned().unwrap_or_default();
    let separator = if redirect.contains('?') { '&' } else { '?' };
    let location = format!("{redirect}{separator}code={code}&state={state}");
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// `POST /oauth/2026-03/token` (and the legacy v1 and v3 paths), form-encoded: the authorization-code and refresh-token grants.
pub(crate) async fn token(
    State(mock): State<Shared>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
    let config = &mock.config.oauth;
    if field("client_id") != config.client_id || field("client_secret") != config.client_secret {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_client",
            "The client id or secret is invalid",
        );
    }
    mock.stats().token_grants += 1;
    let now = mock.now();
    let mut grants = lock(&mock.grants);
    let (access, refresh, scopes) = match field("grant_type") {
        "authorization_code" => {
            let verifier = form.get("code_verifier").map(String::as_str);
            match grants.redeem(config, now, field("code"), verifier) {
                Ok(granted) => granted,
                Err(Refused::UnknownCode) => {
                    return bad_grant("BAD_AUTH_CODE", "missing or unknown auth code");
                }
                Err(Refused::Verifier) => {
                    return bad_grant(
                        "BAD_AUTH_CODE",
                        "the code_verifier does not match the install's code_challenge",
                    );
                }
            }
        }
        "refresh_token" => match grants.refresh(config, now, field("refresh_token")) {
            Some(granted) => granted,
            None => {
                return bad_grant(
                    "BAD_REFRESH_TOKEN",
                    "refresh token is invalid, expired or revoked",
                );
            }
        },
        _ => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "grant_type must be authorization_code or refresh_token",
            );
        }
    };
    Json(json!({
        "token_type": "bearer",
        "access_token": access,
        "refresh_token": refresh,
        "expires_in": config.token_lifetime.as_secs(),
        "hub_id": config.hub_id,
        "scopes": scopes,
        "token_use": "access_token",
    }))
    .into_response()
}

/// `GET /oauth/v1/access-tokens/{token}`: what a live access token grants.
pub(crate) async fn access_token_info(
    State(mock): State<Shared>,
    Path(token): Path<String>,
) -> Response {
    let now = mock.now();
    let grants = lock(&mock.grants);
    match grants.live(&token, now) {
        Some((expires, scopes)) => Json(json!({
            "token": token,
            "hub_id": mock.config.oauth.hub_id,
            "hub_domain": "mock.hubspot.test",
            "app_id": 1,
            "user": "installer@example.com",
            "scopes": scopes,
            "expires_in": expires.saturating_duration_since(now).as_secs(),
            "token_type": "access",
        }))
        .into_response(),
        None => oauth_error(
            StatusCode::NOT_FOUND,
            "not_found",
            "The access token is not valid",
        ),
    }
}

/// `GET /oauth/v1/refresh-tokens/{token}`: what a live refresh token grants.
pub(crate) async fn refresh_token_info(
    State(mock): State<Shared>,
    Path(token): Path<String>,
) -> Response {
    let grants = lock(&mock.grants);
    match grants.refresh_scopes(&token) {
        Some(scopes) => Json(json!({
            "token": token,
            "hub_id": mock.config.oauth.hub_id,
            "hub_domain": "mock.hubspot.test",
            "client_id": mock.config.oauth.client_id,
            "user": "installer@example.com",
            "scopes": scopes,
            "token_type": "refresh",
        }))
        .into_response(),
        None => oauth_error(
            StatusCode::NOT_FOUND,
            "not_found",
            "The refresh token is not valid",
        ),
    }
}

/// `DELETE /oauth/v1/refresh-tokens/{token}`: revokes a refresh token.
pub(crate) async fn delete_refresh_token(
    State(mock): State<Shared>,
    Path(token): Path<String>,
) -> StatusCode {
    if lock(&mock.grants).revoke(&token) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

fn bad_grant(status: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({
            "error": "invalid_grant",
            "error_description": description,
            "status": status,
            "message": description,
            "correlationId": correlation_id(),
        })),
    )
        .into_response()
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({
            "error": error,
            "error_description": description,
            "status": "error",
            "message": description,
            "correlationId": correlation_id(),
        })),
    )
        .into_response()
}
