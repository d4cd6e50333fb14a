//! `/crm/v3/properties/{objectType}`: property definitions and groups.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::Shared;
use crate::error::ApiResult;
use crate::objects::QueryParams;
use crate::store::ObjectType;

pub(crate) async fn list(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Query(params): QueryParams,
) -> ApiResult<Json<Value>> {
    let object_type = ObjectType::parse(&object)?;
    let archived = params.iter().any(|(k, v)| k == "archived" && v == "true");
    let results = mock.store().schema.properties(object_type, archived);
    Ok(Json(json!({ "results": results })))
}

pub(crate) async fn create(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let object_type = ObjectType::parse(&object)?;
    let mut store = mock.store();
    let existing: Vec<(u64, std::collections::BTreeMap<String, String>)> = store
        .records(object_type)
        .filter(|r| r.archived_at.is_none())
        .map(|r| (r.id, r.properties.clone()))
        .collect();
    let property = store.schema.create_property(object_type, &body, |name| {
        existing
            .iter()
            .filter_map(|(id, props)| {
                props
                    .get(name)
                    .filter(|v| !v.is_empty())
                    .map(|v| (*id, v.clone()))
            })
            .collect()
    })?;
    Ok((StatusCode::CREATED, Json(property)).into_response())
}

pub(crate) async fn get(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let object_type = ObjectType::parse(&object)?;
    Ok(Json(mock.store().schema.property(object_type, &name)?))
}

pub(crate) async fn update(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let object_type = ObjectType::parse(&object)?;
    Ok(Json(mock.store().schema.update_property(
        object_type,
        &name,
        &body,
    )?))
}

pub(crate) async fn archive(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let object_type = ObjectType::parse(&object)?;
    mock.store().schema.archive_property(object_type, &name)?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn list_groups(
    State(mock): State<Shared>,
    Path(object): Path<String>,
) -> ApiResult<Json<Value>> {
    let object_type = ObjectType::parse(&object)?;
    Ok(Json(
        json!({ "results": mock.store().schema.groups(object_type) }),
    ))
}

pub(crate) async fn create_group(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let object_type = ObjectType::parse(&object)?;
    let group = mock.store().schema.create_group(object_type, &body)?;
    Ok((StatusCode::CREATED, Json(group)).into_response())
}

pub(crate) async fn get_group(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let object_type = ObjectType::parse(&object)?;
    Ok(Json(mock.store().schema.group(object_type, &name)?))
}

pub(crate) async fn update_group(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let object_type = ObjectType::parse(&object)?;
    Ok(Json(mock.store().schema.update_group(
        object_type,
        &name,
        &body,
    )?))
}

pub(crate) async fn archive_group(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let object_type = ObjectType::parse(&object)?;
    mock.store().schema.archive_group(object_type, &name)?;
    Ok(StatusCode::NO_CONTENT)
}
