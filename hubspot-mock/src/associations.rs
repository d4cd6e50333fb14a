//! Associations (v4 and dated): default and labelled create, list, delete, and the batch
//! endpoints.

use axum::Json;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::object_type::ObjectType;
use crate::objects::{batch_inputs, batch_response, id_of};
use crate::state::Shared;
use crate::store::Store;

const BATCH_READ_LIMIT: usize = 1000;
const BATCH_CREATE_LIMIT: usize = 2000;

/// How a version writes associations: v4 with integer record ids and 204 batch archives; dated
/// versions with ids as text and archives answered 200 with a summary.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    V4,
    Dated,
}

impl Dialect {
    fn id(self, id: u64) -> Value {
        match self {
            Self::V4 => json!(id),
            Self::Dated => json!(id.to_string()),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Dialect {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(if parts.uri.path().starts_with("/crm/v4/") {
            Self::V4
        } else {
            Self::Dated
        })
    }
}

fn record(store: &Store, object_type: ObjectType, id: &str) -> ApiResult<u64> {
    store
        .find(object_type, id, None)
        .ok_or_else(|| ApiError::not_found(object_type.singular(), id))
}

fn default_result(from: u64, to: u64, type_id: i64) -> Value {
    json!({"from": {"id": from.to_string()}, "to": {"id": to.to_string()}, "associationSpec": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}})
}

fn labels(
    store: &Store,
    dialect: Dialect,
    from: (ObjectType, u64),
    to: (ObjectType, u64),
) -> Value {
    let edges = store.associated(from, to.0);
    let labels: Vec<Value> = edges
        .get(&to.1)
        .into_iter()
        .flatten()
        .filter(|e| e.category != "HUBSPOT_DEFINED")
        .map(|e| json!(label_text(store, e.type_id)))
        .collect();
    json!({"fromObjectTypeId": from.0.type_id(), "fromObjectId": dialect.id(from.1), "toObjectTypeId": to.0.type_id(), "toObjectId": dialect.id(to.1), "labels": labels})
}

/// A label's text: its definition's, or a stand-in for a type id the account never defined.
fn label_text(store: &Store, type_id: i64) -> String {
    store
        .label(type_id)
        .map_or_else(|| format!("label-{type_id}"), str::to_owned)
}

pub(crate) async fn create_default(
    State(mock): State<Shared>,
    Path((from_type, from_id, to_type, to_id)): Path<(String, String, String, String)>,
) -> ApiResult<Json<Value>> {
    let (from_type, to_type) = (mock.object_type(&from_type)?, mock.object_type(&to_type)?);
    let mut store = mock.store();
    let (from, to) = (
        record(&store, from_type, &from_id)?,
        record(&store, to_type, &to_id)?,
    );
    let type_id = store.default_type_id(from_type, to_type);
    store.associate((from_type, from), (to_type, to), "HUBSPOT_DEFINED", type_id);
    let at = store.timestamp();
    Ok(Json(
        json!({"status": "COMPLETE", "results": [default_result(from, to, type_id)], "startedAt": at, "completedAt": at}),
    ))
}

fn specs(value: &Value) -> ApiResult<Vec<(String, i64)>> {
    value
        .as_array()
        .ok_or_else(|| {
            ApiError::validation("Invalid input JSON: expected a list of association specs")
        })?
        .iter()
        .map(|spec| {
            let category = spec.get("associationCategory").and_then(Value::as_str);
            let type_id = spec.get("associationTypeId").and_then(Value::as_i64);
            match (category, type_id) {
                (Some(c), Some(t)) => Ok((c.to_owned(), t)),
                _ => Err(ApiError::validation(
                    "each spec needs associationCategory and associationTypeId",
                )),
            }
        })
        .collect()
}

pub(crate) async fn create_labelled(
    State(mock): State<Shared>,
    dialect: Dialect,
    Path((from_type, from_id, to_type, to_id)): Path<(String, String, String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let (from_type, to_type) = (mock.object_type(&from_type)?, mock.object_type(&to_type)?);
    let specs = specs(&body)?;
    let mut store = mock.store();
    let (from, to) = (
        record(&store, from_type, &from_id)?,
        record(&store, to_type, &to_id)?,
    );
    for (category, type_id) in specs {
        store.associate((from_type, from), (to_type, to), &category, type_id);
    }
    Ok((
        StatusCode::CREATED,
        Json(labels(&store, dialect, (from_type, from), (to_type, to))),
    )
        .into_response())
}

pub(crate) async fn delete(
    State(mock): State<Shared>,
    Path((from_type, from_id, to_type, to_id)): Path<(String, String, String, String)>,
) -> ApiResult<StatusCode> {
    let (from_type, to_type) = (mock.object_type(&from_type)?, mock.object_type(&to_type)?);
    let mut store = mock.store();
    if let (Ok(from), Ok(to)) = (from_id.parse(), to_id.parse()) {
        store.dissociate((from_type, from), (to_type, to));
    }
    Ok(StatusCode::NO_CONTENT)
}

fn associated_page(
    store: &Store,
    dialect: Dialect,
    from: (ObjectType, u64),
    to_type: ObjectType,
    after: u64,
    limit: usize,
) -> (Vec<Value>, Option<u64>) {
    let all = store.associated(from, to_type);
    let mut iter = all.iter().filter(|(id, _)| **id > after);
    let page: Vec<(u64, Value)> = iter
        .by_ref()
        .take(limit)
        .map(|(id, edges)| {
            let types: Vec<Value> = edges
                .iter()
                .map(|e| json!({"category": e.category, "typeId": e.type_id, "label": if e.category == "HUBSPOT_DEFINED" { Value::Null } else { json!(label_text(store, e.type_id)) }}))
                .collect();
            (*id, json!({"toObjectId": dialect.id(*id), "associationTypes": types}))
        })
        .collect();
    let next = iter.next().and(page.last()).map(|(id, _)| *id);
    (page.into_iter().map(|(_, item)| item).collect(), next)
}

pub(crate) async fn list(
    State(mock): State<Shared>,
    dialect: Dialect,
    Path((from_type, from_id, to_type)): Path<(String, String, String)>,
    Query(query): Query<Vec<(String, String)>>,
) -> ApiResult<Json<Value>> {
    let (from_type, to_type) = (mock.object_type(&from_type)?, mock.object_type(&to_type)?);
    let param = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let limit = param("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(500)
        .clamp(1, 500);
    let after = param("after").and_then(|a| a.parse().ok()).unwrap_or(0);
    let store = mock.store();
    let from = record(&store, from_type, &from_id)?;
    let (results, next) =
        associated_page(&store, dialect, (from_type, from), to_type, after, limit);
    let mut out = json!({"results": results});
    if let Some(next) = next {
        out["paging"] = json!({"next": {"after": next.to_string()}});
    }
    Ok(Json(out))
}

/// `batch/associate/default`, whose operation is two path segments.
pub(crate) async fn batch_associate_default(
    state: State<Shared>,
    dialect: Dialect,
    Path((from, to)): Path<(String, String)>,
    body: Json<Value>,
) -> ApiResult<Response> {
    batch(
        state,
        dialect,
        Path((from, to, "associate-default".to_owned())),
        body,
    )
    .await
}

/// `batch/labels/archive`, whose operation is two path segments.
pub(crate) async fn batch_labels_archive(
    state: State<Shared>,
    dialect: Dialect,
    Path((from, to)): Path<(String, String)>,
    body: Json<Value>,
) -> ApiResult<Response> {
    batch(
        state,
        dialect,
        Path((from, to, "labels-archive".to_owned())),
        body,
    )
    .await
}

pub(crate) async fn batch(
    State(mock): State<Shared>,
    dialect: Dialect,
    Path((from_type, to_type, operation)): Path<(String, String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let (from_type, to_type) = (mock.object_type(&from_type)?, mock.object_type(&to_type)?);
    let mut store = mock.store();
    let mut results = Vec::new();
    let mut errors = Vec::new();
    match operation.as_str() {
        "read" => {
            for input in batch_inputs(&body, BATCH_READ_LIMIT)? {
                let id = input.get("id").and_then(id_of).unwrap_or_default();
                let after = input
                    .get("after")
                    .and_then(id_of)
                    .and_then(|a| a.parse().ok())
                    .unwrap_or(0);
                match record(&store, from_type, &id) {
                    Ok(from) => {
                        let (to, next) = associated_page(
                            &store,
                            dialect,
                            (from_type, from),
                            to_type,
                            after,
                            500,
                        );
                        let mut item = json!({"from": {"id": id}, "to": to});
                        if let Some(next) = next {
                            item["paging"] = json!({"next": {"after": next.to_string()}});
                        }
                        results.push(item);
                    }
                    Err(error) => errors.push(error.into_item(&[id])),
                }
            }
            Ok(batch_response(
                StatusCode::OK,
                results,
                errors,
                store.timestamp(),
            ))
        }
        "create" | "associate-default" => {
            let default = operation == "associate-default";
            for input in batch_inputs(&body, BATCH_CREATE_LIMIT)? {
                let from_id = input
                    .pointer("/from/id")
                    .and_then(id_of)
                    .unwrap_or_default();
                let to_id = input.pointer("/to/id").and_then(id_of).unwrap_or_default();
                let outcome = record(&store, from_type, &from_id)
                    .and_then(|from| Ok((from, record(&store, to_type, &to_id)?)));
                let specs = if default {
                    Ok(vec![(
                        "HUBSPOT_DEFINED".to_owned(),
                        store.default_type_id(from_type, to_type),
                    )])
                } else {
                    specs(input.get("types").unwrap_or(&Value::Null))
                };
                match outcome.and_then(|pair| Ok((pair, specs?))) {
                    Ok(((from, to), specs)) => {
                        for (category, type_id) in &specs {
                            store.associate((from_type, from), (to_type, to), category, *type_id);
                        }
                        results.push(if default {
                            default_result(from, to, store.default_type_id(from_type, to_type))
                        } else {
                            labels(&store, dialect, (from_type, from), (to_type, to))
                        });
                    }
                    Err(error) => errors.push(error.into_item(&[from_id, to_id])),
                }
            }
            let success = if default {
                StatusCode::OK
            } else {
                StatusCode::CREATED
            };
            Ok(batch_response(success, results, errors, store.timestamp()))
        }
        "archive" => {
            for input in batch_inputs(&body, BATCH_CREATE_LIMIT)? {
                let Some(from) = numeric_id(input.pointer("/from/id")) else {
                    continue;
                };
                let targets = input
                    .get("to")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten();
                for to in targets.filter_map(|t| numeric_id(t.get("id"))) {
                    store.dissociate((from_type, from), (to_type, to));
                }
            }
            Ok(archived(dialect, &store))
        }
        "labels-archive" => {
            for input in batch_inputs(&body, BATCH_CREATE_LIMIT)? {
                let (Some(from), Some(to)) = (
                    numeric_id(input.pointer("/from/id")),
                    numeric_id(input.pointer("/to/id")),
                ) else {
                    continue;
                };
                let types: Vec<i64> = specs(input.get("types").unwrap_or(&Value::Null))?
                    .into_iter()
                    .map(|(_, type_id)| type_id)
                    .collect();
                store.dissociate_types((from_type, from), (to_type, to), &types);
            }
            Ok(archived(dialect, &store))
        }
        other => Err(ApiError::not_found("batch operation", other)),
    }
}

/// A batch archive's answer: 204 in v4, 200 with a summary in dated versions.
fn archived(dialect: Dialect, store: &Store) -> Response {
    match dialect {
        Dialect::V4 => StatusCode::NO_CONTENT.into_response(),
        Dialect::Dated => batch_response(StatusCode::OK, Vec::new(), Vec::new(), store.timestamp()),
    }
}

fn numeric_id(value: Option<&Value>) -> Option<u64> {
    value.and_then(id_of).and_then(|s| s.parse().ok())
}
