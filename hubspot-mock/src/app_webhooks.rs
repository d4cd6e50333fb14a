//! Webhook subscriptions of a public app (`/webhooks/{version}/{appId}/subscriptions`): list,
//! create, read, change, delete and batch-activate. These are app-level APIs: the guard admits
//! them by developer API key (`hapikey`), never by an account's token.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::state::Shared;

fn number(text: &str, what: &str) -> ApiResult<u64> {
    text.parse()
        .map_err(|_| ApiError::validation(format!("{what} {text:?} is not a number")))
}

pub(crate) async fn list(
    State(mock): State<Shared>,
    Path(app): Path<String>,
) -> ApiResult<Json<Value>> {
    let app = number(&app, "app id")?;
    let webhooks = mock.app_webhooks();
    let results: Vec<&Value> = webhooks
        .apps
        .get(&app)
        .map(|s| s.values().collect())
        .unwrap_or_default();
    Ok(Json(json!({ "results": results })))
}

pub(crate) async fn create(
    State(mock): State<Shared>,
    Path(app): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let app = number(&app, "app id")?;
    let event_type = body["eventType"]
        .as_str()
        .filter(|t| t.contains('.'))
        .ok_or_else(|| {
            ApiError::validation("`eventType` is required (such as `contact.creation`)")
        })?;
    let active = body["active"]
        .as_bool()
        .ok_or_else(|| ApiError::validation("`active` is required"))?;
    let property = body["propertyName"].as_str();
    if event_type.ends_with(".propertyChange") && property.is_none() {
        return Err(ApiError::validation(
            "`propertyName` is required for a propertyChange subscription",
        ));
    }
    let at = mock.store().timestamp();
    let mut guard = mock.app_webhooks();
    let webhooks = &mut *guard;
    let subscriptions = webhooks.apps.entry(app).or_default();
    let taken = subscriptions
        .values()
        .any(|s| s["eventType"] == json!(event_type) && s["propertyName"].as_str() == property);
    if taken {
        return Err(ApiError::conflict(format!(
            "app {app} already subscribes to {event_type}"
        )));
    }
    // An id is taken only by a subscription made.
    webhooks.next_id += 1;
    let id = webhooks.next_id;
    let mut subscription = json!({
        "id": id.to_string(), "eventType": event_type, "active": active,
        "createdAt": at, "updatedAt": at,
    });
    for name in ["propertyName", "objectTypeId", "eventTypeName"] {
        if let Some(value) = body[name].as_str() {
            subscription[name] = json!(value);
        }
    }
    subscriptions.insert(id, subscription.clone());
    Ok((StatusCode::CREATED, Json(subscription)))
}

/// Runs `change` on the subscription, answering it as it then is.
fn with_subscription(
    mock: &Shared,
    app: &str,
    id: &str,
    change: impl FnOnce(&mut Value),
) -> ApiResult<Value> {
    let (app, id) = (number(app, "app id")?, number(id, "subscription id")?);
    let mut webhooks = mock.app_webhooks();
    let subscription = webhooks
        .apps
        .get_mut(&app)
        .and_then(|s| s.get_mut(&id))
        .ok_or_else(|| ApiError::not_found("subscription", &id.to_string()))?;
    change(subscription);
    Ok(subscription.clone())
}

pub(crate) async fn get(
    State(mock): State<Shared>,
    Path((app, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    with_subscription(&mock, &app, &id, |_| {}).map(Json)
}

pub(crate) async fn update(
    State(mock): State<Shared>,
    Path((app, id)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let active = body["active"].as_bool();
    let at = mock.store().timestamp();
    with_subscription(&mock, &app, &id, |s| {
        if let Some(active) = active {
            s["active"] = json!(active);
        }
        s["updatedAt"] = json!(at);
    })
    .map(Json)
}

pub(crate) async fn archive(
    State(mock): State<Shared>,
    Path((app, id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let (app, id) = (number(&app, "app id")?, number(&id, "subscription id")?);
    mock.app_webhooks()
        .apps
        .get_mut(&app)
        .and_then(|s| s.remove(&id))
        .map(|_| StatusCode::NO_CONTENT)
        .ok_or_else(|| ApiError::not_found("subscription", &id.to_string()))
}

/// Turns subscriptions on or off by id; an unknown id is a per-item error.
pub(crate) async fn batch_update(
    State(mock): State<Shared>,
    Path(app): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let inputs = body["inputs"]
        .as_array()
        .ok_or_else(|| ApiError::validation("`inputs` is required"))?;
    let at = mock.store().timestamp();
    let mut results = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        let (Some(id), Some(active)) = (input["id"].as_u64(), input["active"].as_bool()) else {
            return Err(ApiError::validation("each input needs `id` and `active`"));
        };
        match with_subscription(&mock, &app, &id.to_string(), |s| {
            s["active"] = json!(active);
            s["updatedAt"] = json!(at);
        }) {
            Ok(subscription) => results.push(subscription),
            Err(error) => errors.push(error.into_item(&[id.to_string()])),
        }
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::MULTI_STATUS
    };
    let mut out =
        json!({"status": "COMPLETE", "results": results, "startedAt": at, "completedAt": at});
    if !errors.is_empty() {
        out["numErrors"] = json!(errors.len());
        out["errors"] = json!(errors);
    }
    Ok((status, Json(out)))
}
