//! Transactional single-send (`/marketing/transactional/{version}/single-email/send`): one of
//! the account's transactional e-mails (`emailId`, `MockConfig::transactional_emails`) sent to
//! one address. HubSpot sends at most one email per `sendId`: a second request with the same
//! one is answered `IDEMPOTENT_IGNORE` and sends nothing. A send is `PENDING` until
//! [`SENDING_TAKES`] has passed on the mock's clock, then `COMPLETE`, as its status reads
//! (`/marketing/{version}/email/send-statuses/{statusId}`).

use std::time::Duration;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::data::transactional::{SENDING_TAKES, Send};
use crate::error::{ApiError, ApiResult};
use crate::state::Shared;

pub(crate) async fn send(
    State(mock): State<Shared>,
    Json(request): Json<Value>,
) -> ApiResult<Json<Value>> {
    let Some(email_id) = request["emailId"].as_i64() else {
        return Err(ApiError::validation(
            "`emailId` is required and is a number",
        ));
    };
    if !mock.config.transactional_emails.contains(&email_id) {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "OBJECT_NOT_FOUND",
            format!("no transactional email has emailId {email_id}"),
        ));
    }
    let addressed = request
        .pointer("/message/to")
        .and_then(Value::as_str)
        .is_some_and(|to| to.contains('@'));
    if !addressed {
        return Err(ApiError::validation(
            "`message.to` is required and is an address",
        ));
    }
    let send_id = request.pointer("/message/sendId").and_then(Value::as_str);
    let mut transactional = mock.transactional();
    let repeated = send_id.is_some_and(|id| {
        transactional
            .sent
            .iter()
            .any(|s| s.pointer("/message/sendId").and_then(Value::as_str) == Some(id))
    });
    let takes = if repeated {
        Duration::ZERO
    } else {
        SENDING_TAKES
    };
    let send = Send {
        status_id: crate::error::correlation_id(),
        requested_at: mock.store().timestamp(),
        completes: (mock.now() + takes, mock.timestamp_in(takes)),
        result: if repeated {
            "IDEMPOTENT_IGNORE"
        } else {
            "SENT"
        },
        event_id: (!repeated).then(crate::error::correlation_id),
    };
    if !repeated {
        transactional.sent.push(request);
    }
    transactional.sends.push(send.clone());
    drop(transactional);
    Ok(Json(status(&mock, &send)))
}

/// `GET /marketing/{version}/email/send-statuses/{statusId}`: where a send is.
pub(crate) async fn send_status(
    State(mock): State<Shared>,
    Path(status_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let send = mock
        .transactional()
        .sends
        .iter()
        .find(|send| send.status_id == status_id)
        .cloned()
        .ok_or_else(|| ApiError::not_found("send status", &status_id))?;
    Ok(Json(status(&mock, &send)))
}

/// A send's status: `PENDING` until it completes, then `COMPLETE`.
fn status(mock: &Shared, send: &Send) -> Value {
    let (completes, completed_at) = &send.completes;
    let done = mock.now() >= *completes;
    let mut status = json!({
        "statusId": send.status_id,
        "status": if done { "COMPLETE" } else { "PENDING" },
        "requestedAt": send.requested_at,
        "sendResult": send.result,
    });
    if done {
        status["startedAt"] = json!(send.requested_at);
        status["completedAt"] = json!(completed_at);
    }
    if let Some(id) = &send.event_id {
        status["eventId"] = json!({"id": id, "created": send.requested_at});
    }
    status
}
