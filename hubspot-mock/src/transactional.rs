//! Transactional single-send (`/marketing/transactional/{version}/single-email/send`): an
//! email template sent to one address. HubSpot sends at most one email per `sendId`: a second
//! request with the same one is answered `IDEMPOTENT_IGNORE` and sends nothing.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::state::Shared;

pub(crate) async fn send(
    State(mock): State<Shared>,
    Json(request): Json<Value>,
) -> ApiResult<Json<Value>> {
    if !request["emailId"].is_i64() && !request["emailId"].is_u64() {
        return Err(ApiError::validation(
            "`emailId` is required and is a number",
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
    let at = mock.store().timestamp();
    let send_id = request.pointer("/message/sendId").and_then(Value::as_str);
    let mut transactional = mock.transactional();
    let repeated = send_id.is_some_and(|id| {
        transactional
            .sent
            .iter()
            .any(|s| s.pointer("/message/sendId").and_then(Value::as_str) == Some(id))
    });
    let mut status = json!({
        "statusId": crate::error::correlation_id(), "status": "COMPLETE",
        "requestedAt": at, "startedAt": at, "completedAt": at,
    });
    if repeated {
        status["sendResult"] = json!("IDEMPOTENT_IGNORE");
    } else {
        status["sendResult"] = json!("SENT");
        status["eventId"] = json!({"id": crate::error::correlation_id(), "created": at});
        transactional.sent.push(request);
    }
    Ok(Json(status))
}
