//! `/crm/v3/properties/{objectType}`: property definitions and groups.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::ApiResult;
use crate::objects::QueryParams;
use crate::state::Shared;

pub(crate) async fn list(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Query(params): QueryParams,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    let archived = params.iter().any(|(k, v)| k == "archived" && v == "true");
    let results = mock.store().schema_mut().properties(object_type, archived);
    Ok(Json(json!({ "results": results })))
}

pub(crate) async fn create(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let object_type = mock.object_type(&object)?;
    let mut store = mock.store();
    // Only a unique property needs the values records already hold, to index them.
    let existing = match (
        body.get("name").and_then(Value::as_str),
        body.get("hasUniqueValue"),
    ) {
        (Some(name), Some(Value::Bool(true))) => store.values_of(object_type, name),
        _ => Vec::new(),
    };
    let property = store
        .schema_mut()
        .create_property(object_type, &body, existing)?;
    Ok((StatusCode::CREATED, Json(property)).into_response())
}

pub(crate) async fn get(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    Ok(Json(
        mock.store().schema_mut().property(object_type, &name)?,
    ))
}

pub(crate) async fn update(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    Ok(Json(mock.store().schema_mut().update_property(
        object_type,
        &name,
        &body,
    )?))
}

pub(crate) async fn archive(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let object_type = mock.object_type(&object)?;
    mock.store()
        .schema_mut()
        .archive_property(object_type, &name)?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn list_groups(
    State(mock): State<Shared>,
    Path(object): Path<String>,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    Ok(Json(
        json!({ "results": mock.store().schema_mut().groups(object_type) }),
    ))
}

pub(crate) async fn create_group(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let object_type = mock.object_type(&object)?;
    let group = mock.store().schema_mut().create_group(object_type, &body)?;
    Ok((StatusCode::CREATED, Json(group)).into_response())
}

pub(crate) async fn get_group(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    Ok(Json(mock.store().schema_mut().group(object_type, &name)?))
}

pub(crate) async fn update_group(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    Ok(Json(mock.store().schema_mut().update_group(
        object_type,
        &name,
        &body,
    )?))
}

pub(crate) async fn archive_group(
    State(mock): State<Shared>,
    Path((object, name)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let object_type = mock.object_type(&object)?;
    mock.store()
        .schema_mut()
        .archive_group(object_type, &name)?;
    Ok(StatusCode::NO_CONTENT)
}
