//! Custom behavioral events (`/events/{version}/send`, `/events/custom/{version}/send`): one
//! occurrence or a batch of up to 500, each naming its event and who did it (`email`, `utk` or
//! `objectId`). Accepted occurrences are kept in the order they arrived; a batch with any
//! occurrence HubSpot would refuse is refused whole, so nothing of it is kept. An occurrence
//! whose `uuid` its event already has is not kept again: HubSpot's reference says that of the
//! occurrences sharing an id within a year, the first is accepted and the others rejected.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::Value;

use crate::error::{ApiError, ApiResult};
use crate::state::Shared;

/// How many occurrences one batch may carry.
const BATCH_MAX: usize = 500;

/// Why HubSpot would refuse this occurrence, if it would.
fn refusal(occurrence: &Value) -> Option<String> {
    let text = |name: &str| occurrence[name].as_str().filter(|v| !v.is_empty());
    if text("eventName").is_none() {
        return Some("`eventName` is required".into());
    }
    if text("email").or(text("utk")).or(text("objectId")).is_none() {
        return Some("one of `email`, `utk` or `objectId` is required".into());
    }
    if !occurrence["properties"].is_object() && !occurrence["properties"].is_null() {
        return Some("`properties` must be an object".into());
    }
    None
}

pub(crate) async fn send(
    State(mock): State<Shared>,
    Json(occurrence): Json<Value>,
) -> ApiResult<StatusCode> {
    if let Some(refusal) = refusal(&occurrence) {
        return Err(ApiError::validation(refusal));
    }
    mock.events().accept([occurrence]);
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn send_batch(
    State(mock): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<StatusCode> {
    let inputs = body["inputs"]
        .as_array()
        .ok_or_else(|| ApiError::validation("`inputs` is required"))?;
    if inputs.len() > BATCH_MAX {
        return Err(ApiError::validation(format!(
            "a batch carries at most {BATCH_MAX} events, not {}",
            inputs.len()
        )));
    }
    let refusals: Vec<String> = inputs
        .iter()
        .enumerate()
        .filter_map(|(i, input)| refusal(input).map(|r| format!("inputs[{i}]: {r}")))
        .collect();
    if !refusals.is_empty() {
        return Err(ApiError::validation(refusals.join("; ")));
    }
    mock.events().accept(inputs.iter().cloned());
    Ok(StatusCode::NO_CONTENT)
}
