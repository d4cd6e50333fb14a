//! HubSpot-shaped error responses.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An error response with HubSpot's body and a fresh correlation id.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    body: Value,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, category: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            body: json!({
                "status": "error",
                "message": message.into(),
                "correlationId": correlation_id(),
                "category": category,
            }),
        }
    }

    /// The message the body carries.
    pub(crate) fn message(&self) -> String {
        self.body["message"].as_str().unwrap_or_default().to_owned()
    }

    pub(crate) fn validation(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "VALIDATION_ERROR", message)
    }

    /// A multipart body that cannot be split into parts, or a part that cannot be read.
    pub(crate) fn multipart(part: Option<&str>, error: impl std::fmt::Display) -> Self {
        Self::validation(match part {
            Some(name) => format!("unreadable part `{name}`: {error}"),
            None => format!("malformed multipart body: {error}"),
        })
    }

    /// HubSpot's 400 for a property value it refuses: the message lists each refusal as JSON,
    /// and `errors` names the property and the code (`PROPERTY_DOESNT_EXIST`, `INVALID_EMAIL`).
    pub(crate) fn invalid_property(name: &str, code: &str, message: &str) -> Self {
        let refusal = json!([{"isValid": false, "message": message, "error": code, "name": name}]);
        let mut error = Self::validation(format!("Property values were not valid: {refusal}"));
        error.body["errors"] = json!([{
            "message": message,
            "code": code,
            "context": {"propertyName": [name]},
        }]);
        error
    }

    /// The forms host's 400: `errors` name each refused field with its `errorType`.
    pub(crate) fn form_refusal(refusals: Vec<(String, &str)>) -> Self {
        let mut error = Self::validation("The request is not valid");
        error.body["errors"] = refusals
            .into_iter()
            .map(|(message, kind)| json!({"message": message, "errorType": kind}))
            .collect();
        error
    }

    pub(crate) fn not_found(what: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "OBJECT_NOT_FOUND",
            format!("{what} {id} was not found"),
        )
    }

    pub(crate) fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "CONFLICT", message)
    }

    pub(crate) fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_AUTHENTICATION",
            "Authentication credentials not found. This API supports OAuth 2.0 authentication.",
        )
    }

    /// HubSpot's answer to an app-level API called without its app's developer API key.
    pub(crate) fn developer_key_required() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "INVALID_AUTHENTICATION",
            "This API takes the app's developer API key (`hapikey`), not an account's token.",
        )
    }

    /// HubSpot's answer to an OAuth access token past its expiry.
    pub(crate) fn expired(ago: std::time::Duration) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "EXPIRED_AUTHENTICATION",
            format!(
                "The OAuth token used to make this call expired {} second(s) ago.",
                ago.as_secs()
            ),
        )
    }

    /// The body shaped as a batch's per-item error: `status`, `category`, `message`, `context`
    /// naming the inputs, one entry in `errors`, and `links`, as HubSpot sends them.
    pub(crate) fn into_item(self, ids: &[String]) -> Value {
        let mut body = self.body;
        if let Some(fields) = body.as_object_mut() {
            fields.remove("correlationId");
        }
        if body.get("errors").is_none() {
            body["errors"] = json!([{"message": body["message"], "code": body["category"]}]);
        }
        body["context"] = json!({ "id": ids });
        body["links"] =
            json!({"knowledge-base": "https://www.hubspot.com/products/service/knowledge-base"});
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

pub(crate) fn correlation_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;
