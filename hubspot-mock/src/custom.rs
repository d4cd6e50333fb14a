//! Custom object schemas (`/crm/v3/schemas`) and association label definitions
//! (`/crm/v4/associations/{from}/{to}/labels`).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::association_types::{Definition, default_type_id};
use crate::error::{ApiError, ApiResult};
use crate::object_type::ObjectType;
use crate::objects::QueryParams;
use crate::schema::default_group;
use crate::state::Shared;
use crate::store::Store;

fn strings(body: &Value, field: &str) -> Vec<String> {
    body[field]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn text<'a>(body: &'a Value, field: &str) -> ApiResult<&'a str> {
    body[field]
        .as_str()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::validation(format!("Invalid input JSON: `{field}` is required")))
}

/// A schema as HubSpot returns it: the stored definition with its live properties.
fn render(store: &Store, object_type: ObjectType) -> Value {
    let mut schema = store
        .custom_schema(object_type)
        .cloned()
        .unwrap_or_default();
    schema["properties"] = json!(store.schema().properties(object_type, false));
    schema["associations"] = json!(
        store
            .definitions()
            .iter()
            .filter(|d| d.from == object_type && d.label.is_empty())
            .map(association)
            .collect::<Vec<_>>()
    );
    schema
}

fn association(definition: &Definition) -> Value {
    json!({
        "id": definition.type_id.to_string(),
        "fromObjectTypeId": definition.from.type_id(),
        "toObjectTypeId": definition.to.type_id(),
        "name": definition.name,
    })
}

/// Defines one association type each way between two types; returns the forward one.
pub(crate) async fn list_schemas(
    State(mock): State<Shared>,
    Query(params): QueryParams,
) -> Json<Value> {
    let archived = params.iter().any(|(k, v)| k == "archived" && v == "true");
    let store = mock.store();
    let results: Vec<Value> = store
        .custom_schemas()
        .filter(|(_, schema)| schema["archived"] == json!(archived))
        .map(|(t, _)| render(&store, t))
        .collect();
    Json(json!({ "results": results }))
}

pub(crate) async fn get_schema(
    State(mock): State<Shared>,
    Path(object): Path<String>,
) -> ApiResult<Json<Value>> {
    let store = mock.store();
    let object_type = custom_type(&store, &object)?;
    Ok(Json(render(&store, object_type)))
}

fn custom_type(store: &Store, segment: &str) -> ApiResult<ObjectType> {
    store
        .object_type(segment)
        .ok()
        .filter(|t| t.is_custom())
        .ok_or_else(|| ApiError::not_found("object schema", segment))
}

pub(crate) async fn create_schema(
    State(mock): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let name = text(&body, "name")?.to_owned();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic())
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(ApiError::validation(format!(
            "Schema name {name} must start with a letter and hold only letters, digits and underscores"
        )));
    }
    let (singular, plural) = (
        text(&body["labels"], "singular")?,
        text(&body["labels"], "plural")?,
    );
    let properties = body["properties"].as_array().cloned().unwrap_or_default();
    let defined: Vec<&str> = properties
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    let required = strings(&body, "requiredProperties");
    let primary = body["primaryDisplayProperty"].as_str();
    if let Some(missing) = required
        .iter()
        .map(String::as_str)
        .chain(primary)
        .find(|n| !defined.contains(n))
    {
        return Err(ApiError::validation(format!(
            "Property {missing} is not among the schema's properties"
        )));
    }
    let mut store = mock.store();
    if store
        .custom_schemas()
        .any(|(_, schema)| schema["name"] == json!(name) && schema["archived"] == json!(false))
    {
        return Err(ApiError::conflict(format!(
            "Object type with name {name} already exists"
        )));
    }
    let number = store.next_number();
    let portal = mock.config.oauth.hub_id;
    // A record shows its display properties when a request names none.
    let shown = primary
        .map(str::to_owned)
        .into_iter()
        .chain(strings(&body, "secondaryDisplayProperties"))
        .collect();
    let object_type = ObjectType::custom(format!("p{portal}_{name}"), name.clone(), number, shown);
    let at = store.timestamp();
    let schema = json!({
        "id": number.to_string(),
        "name": name,
        "labels": {"singular": singular, "plural": plural},
        "objectTypeId": object_type.type_id(),
        "fullyQualifiedName": object_type.plural(),
        "primaryDisplayProperty": primary,
        "secondaryDisplayProperties": strings(&body, "secondaryDisplayProperties"),
        "requiredProperties": required,
        "searchableProperties": strings(&body, "searchableProperties"),
        "archived": false,
        "createdAt": at,
        "updatedAt": at,
    });
    store.schema_mut().seed(object_type);
    for mut property in properties {
        if property["groupName"].as_str().is_none_or(str::is_empty) {
            property["groupName"] = json!(default_group(object_type));
        }
        store
            .schema_mut()
            .create_property(object_type, &property, Vec::new())?;
    }
    store.add_custom_schema(object_type, schema);
    for other in strings(&body, "associatedObjects") {
        let other = store.object_type(&other)?;
        store.define(
            (object_type, other),
            ("", ""),
            &format!("{}_to_{}", name, other.singular()),
        );
    }
    Ok((StatusCode::CREATED, Json(render(&store, object_type))).into_response())
}

pub(crate) async fn update_schema(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let mut store = mock.store();
    let object_type = custom_type(&store, &object)?;
    let at = store.timestamp();
    if let Some(schema) = store.custom_schema_mut(object_type) {
        for field in [
            "labels",
            "primaryDisplayProperty",
            "requiredProperties",
            "searchableProperties",
            "secondaryDisplayProperties",
        ] {
            if let Some(value) = body.get(field) {
                schema[field] = value.clone();
            }
        }
        schema["updatedAt"] = json!(at);
    }
    Ok(Json(render(&store, object_type)))
}

pub(crate) async fn archive_schema(
    State(mock): State<Shared>,
    Path(object): Path<String>,
) -> ApiResult<StatusCode> {
    let mut store = mock.store();
    let object_type = custom_type(&store, &object)?;
    if store.records(object_type).any(|r| r.archived_at.is_none()) {
        return Err(ApiError::validation(format!(
            "Object type {object} still has records: archive them before the schema"
        )));
    }
    if let Some(schema) = store.custom_schema_mut(object_type) {
        schema["archived"] = json!(true);
    }
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn create_schema_association(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let mut store = mock.store();
    let object_type = custom_type(&store, &object)?;
    let from = store.object_type(text(&body, "fromObjectTypeId")?)?;
    let to = store.object_type(text(&body, "toObjectTypeId")?)?;
    if from != object_type && to != object_type {
        return Err(ApiError::validation(
            "An association of a schema must start or end at its type",
        ));
    }
    let name = body["name"].as_str().unwrap_or_default().to_owned();
    let definition = store.define((from, to), ("", ""), &name);
    Ok(Json(association(&definition)))
}

pub(crate) async fn archive_schema_association(
    State(mock): State<Shared>,
    Path((object, id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let mut store = mock.store();
    custom_type(&store, &object)?;
    let type_id: i64 = id
        .parse()
        .map_err(|_| ApiError::not_found("association", &id))?;
    store
        .remove_definition(type_id)
        .ok_or_else(|| ApiError::not_found("association", &id))?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn list_labels(
    State(mock): State<Shared>,
    Path((from, to)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let store = mock.store();
    let (from, to) = (store.object_type(&from)?, store.object_type(&to)?);
    let default = default_type_id(from, to);
    let defaults = (default != 0)
        .then(|| json!({"category": "HUBSPOT_DEFINED", "typeId": default, "label": null}));
    let defined = store
        .definitions()
        .iter()
        .filter(|d| d.from == from && d.to == to)
        .map(|d| json!({"category": "USER_DEFINED", "typeId": d.type_id, "label": if d.label.is_empty() { Value::Null } else { json!(d.label) }}));
    Ok(Json(
        json!({"results": defaults.into_iter().chain(defined).collect::<Vec<_>>()}),
    ))
}

pub(crate) async fn create_label(
    State(mock): State<Shared>,
    Path((from, to)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let mut store = mock.store();
    let (from, to) = (store.object_type(&from)?, store.object_type(&to)?);
    let (label, name) = (
        text(&body, "label")?.to_owned(),
        text(&body, "name")?.to_owned(),
    );
    if store
        .definitions()
        .iter()
        .any(|d| d.from == from && d.to == to && d.name == name)
    {
        return Err(ApiError::conflict(format!(
            "A label named {name} already exists between these types"
        )));
    }
    let inverse = body["inverseLabel"].as_str().unwrap_or(&label).to_owned();
    let definition = store.define((from, to), (&label, &inverse), &name);
    let results = [(definition.type_id, &label), (definition.inverse, &inverse)].map(
        |(type_id, label)| json!({"category": "USER_DEFINED", "typeId": type_id, "label": label}),
    );
    Ok(Json(json!({ "results": results })))
}

pub(crate) async fn update_label(
    State(mock): State<Shared>,
    Path((from, to)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<StatusCode> {
    let mut store = mock.store();
    let (from, to) = (store.object_type(&from)?, store.object_type(&to)?);
    let type_id = body["associationTypeId"].as_i64().ok_or_else(|| {
        ApiError::validation("Invalid input JSON: `associationTypeId` is required")
    })?;
    let label = text(&body, "label")?.to_owned();
    let inverse_label = body["inverseLabel"].as_str().map(str::to_owned);
    store
        .relabel((from, to), type_id, label, inverse_label)
        .ok_or_else(|| ApiError::not_found("association label", &type_id.to_string()))?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn delete_label(
    State(mock): State<Shared>,
    Path((from, to, type_id)): Path<(String, String, String)>,
) -> ApiResult<StatusCode> {
    let mut store = mock.store();
    let (from, to) = (store.object_type(&from)?, store.object_type(&to)?);
    let found = type_id.parse::<i64>().ok().filter(|id| {
        store
            .definitions()
            .iter()
            .any(|d| d.type_id == *id && d.from == from && d.to == to && !d.label.is_empty())
    });
    let type_id = found.ok_or_else(|| ApiError::not_found("association label", &type_id))?;
    store.remove_definition(type_id);
    Ok(StatusCode::NO_CONTENT)
}
