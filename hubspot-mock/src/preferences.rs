//! Communication preferences (`/communication-preferences/{version}/statuses`): each
//! subscriber's status for each of the account's email subscription types, set one at a time
//! or all unsubscribed at once, read one subscriber or a batch. A status never set is
//! `NOT_SPECIFIED`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use serde_json::{Value, json};

use crate::data::preferences::{STATES, SUBSCRIPTIONS, Status};
use crate::error::{ApiError, ApiResult};
use crate::state::Shared;

fn email_channel(query: &BTreeMap<String, String>) -> ApiResult<()> {
    match query.get("channel").map(String::as_str) {
        Some("EMAIL") => Ok(()),
        Some(other) => Err(ApiError::validation(format!(
            "unknown channel {other:?}; the channel is EMAIL"
        ))),
        None => Err(ApiError::validation(
            "the `channel` query parameter is required",
        )),
    }
}

fn complete(results: Vec<Value>, at: &str) -> Json<Value> {
    Json(json!({"status": "COMPLETE", "results": results, "startedAt": at, "completedAt": at}))
}

pub(crate) async fn get(
    State(mock): State<Shared>,
    Path(subscriber): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Value>> {
    email_channel(&query)?;
    let at = mock.store().timestamp();
    Ok(complete(mock.preferences().statuses(&subscriber, &at), &at))
}

pub(crate) async fn set(
    State(mock): State<Shared>,
    Path(subscriber): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    if body["channel"] != json!("EMAIL") {
        return Err(ApiError::validation("`channel` is required and is EMAIL"));
    }
    let state = body["statusState"]
        .as_str()
        .filter(|s| STATES.contains(s))
        .ok_or_else(|| ApiError::validation(format!("`statusState` is one of {STATES:?}")))?;
    let id = body["subscriptionId"]
        .as_u64()
        .filter(|id| SUBSCRIPTIONS.iter().any(|(s, _)| s == id))
        .ok_or_else(|| ApiError::validation("`subscriptionId` names no subscription type"))?;
    let at = mock.store().timestamp();
    let status = Status {
        legal_basis: body["legalBasis"].as_str().map(str::to_owned),
        explanation: body["legalBasisExplanation"].as_str().map(str::to_owned),
        ..Status::new(state, &at)
    };
    let mut preferences = mock.preferences();
    preferences
        .statuses
        .insert((subscriber.to_lowercase(), id), status);
    let set: Vec<Value> = preferences
        .statuses(&subscriber, &at)
        .into_iter()
        .filter(|s| s["subscriptionId"] == json!(id))
        .collect();
    Ok(complete(set, &at))
}

pub(crate) async fn unsubscribe_all(
    State(mock): State<Shared>,
    Path(subscriber): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Value>> {
    email_channel(&query)?;
    let at = mock.store().timestamp();
    let mut preferences = mock.preferences();
    for (id, _) in SUBSCRIPTIONS {
        preferences.statuses.insert(
            (subscriber.to_lowercase(), id),
            Status::new("UNSUBSCRIBED", &at),
        );
    }
    Ok(complete(preferences.statuses(&subscriber, &at), &at))
}

pub(crate) async fn batch_read(
    State(mock): State<Shared>,
    Query(query): Query<BTreeMap<String, String>>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    email_channel(&query)?;
    let subscribers = body["inputs"]
        .as_array()
        .ok_or_else(|| ApiError::validation("`inputs` is required"))?;
    let at = mock.store().timestamp();
    let preferences = mock.preferences();
    let results = subscribers
        .iter()
        .filter_map(Value::as_str)
        .map(|s| json!({"subscriberIdString": s, "statuses": preferences.statuses(s, &at)}))
        .collect();
    Ok(complete(results, &at))
}
