//! Custom behavioral events (`/events/{version}/send`, `/events/custom/{version}/send`): one
//! occurrence or a batch of up to 500, each naming its event and who did it (`email`, `utk` or
//! `objectId`). Accepted occurrences are kept in the order they arrived; a batch with any
//! occurrence HubSpot would refuse is refused whole, so nothing of it is kept. An occurrence
//! whose `uuid` its event already has is not kept again: HubSpot's reference says that of the
//! occurrences sharing an id within a year, the first is accepted and the others rejected.
//! Occurrences are read back (`/events/event-occurrences/{version}`, legacy `/events/v3/events`)
//! by event type and record, with the event types that have any.

use std::collections::{BTreeMap, BTreeSet};

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

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

/// An occurrence as a read answers it: on the contact its `email` names, else its `objectId`.
fn unified(occurrence: &Value, contact: Option<u64>) -> Value {
    let object_id = contact
        .map(|id| id.to_string())
        .or_else(|| occurrence["objectId"].as_str().map(str::to_owned));
    json!({
        "id": occurrence["uuid"], "eventType": occurrence["eventName"],
        "objectType": "contact", "objectId": object_id,
        "occurredAt": occurrence["occurredAt"],
        "properties": occurrence.get("properties").cloned().unwrap_or_else(|| json!({})),
    })
}

/// The occurrences of `eventType` (all when absent) on `objectId`, oldest first, paged.
pub(crate) async fn occurrences(
    State(mock): State<Shared>,
    Query(query): Query<BTreeMap<String, String>>,
) -> Json<Value> {
    let kept = mock.events().occurrences.clone();
    let store = mock.store();
    let read: Vec<Value> = kept
        .iter()
        .map(|occurrence| {
            let contact = occurrence["email"]
                .as_str()
                .and_then(|email| store.find(crate::ObjectType::CONTACTS, email, Some("email")));
            unified(occurrence, contact)
        })
        .filter(|event| {
            query
                .get("eventType")
                .is_none_or(|t| event["eventType"] == *t)
        })
        .filter(|event| {
            query
                .get("objectId")
                .is_none_or(|id| event["objectId"] == *id)
        })
        .collect();
    drop(store);
    Json(crate::lists::offset_page(&read, &query, 1000))
}

/// The event types with any occurrence.
pub(crate) async fn event_types(State(mock): State<Shared>) -> Json<Value> {
    let types: BTreeSet<String> = mock
        .events()
        .occurrences
        .iter()
        .filter_map(|occurrence| occurrence["eventName"].as_str().map(str::to_owned))
        .collect();
    Json(json!({"eventTypes": types}))
}
