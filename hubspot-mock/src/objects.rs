//! CRM object endpoints: get, list, create, update, archive, batch, merge, gdpr-delete.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::object_type::ObjectType;
use crate::state::Shared;
use crate::store::Store;
use crate::store::changes::Action;

/// Query parameters; lists may be repeated or comma-joined.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn list(&self, name: &str) -> Option<Vec<String>> {
        let values: Vec<String> = self
            .0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        (!values.is_empty()).then_some(values)
    }

    pub(crate) fn flag(&self, name: &str) -> bool {
        self.get(name) == Some("true")
    }
}

pub(crate) type QueryParams = Query<Vec<(String, String)>>;

fn params(Query(pairs): QueryParams) -> Params {
    Params(pairs)
}

/// Reads `properties` from a JSON input: strings, numbers and booleans become strings.
pub(crate) fn properties_of(input: &Value) -> ApiResult<BTreeMap<String, String>> {
    let Some(map) = input.get("properties").and_then(Value::as_object) else {
        return Err(ApiError::validation(
            "Invalid input JSON: `properties` must be an object",
        ));
    };
    map.iter()
        .map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Null => String::new(),
                _ => {
                    return Err(ApiError::validation(format!(
                        "Property {k} must be a string"
                    )));
                }
            };
            Ok((k.clone(), text))
        })
        .collect()
}

/// An id as HubSpot sends it: a string, or a number in some endpoints.
pub(crate) fn id_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn render(store: &Store, object_type: ObjectType, id: u64, params: &Params) -> Value {
    let Some(record) = store.get(object_type, id) else {
        return Value::Null;
    };
    let requested = params.list("properties");
    let history = params.list("propertiesWithHistory").unwrap_or_default();
    let mut out = record.to_json(object_type, requested.as_deref(), &history);
    if let Some(types) = params.list("associations") {
        let mut associations = Map::new();
        for name in types {
            let Ok(to_type) = store.object_type(&name) else {
                continue;
            };
            let kind = format!("{}_to_{}", object_type.singular(), to_type.singular());
            let results: Vec<Value> = store
                .associated((object_type, id), to_type)
                .into_iter()
                .flat_map(|(to_id, edges)| edges.into_iter().map(move |_| to_id))
                .map(|to_id| json!({"id": to_id.to_string(), "type": kind}))
                .collect();
            if !results.is_empty() {
                associations.insert(to_type.plural().to_owned(), json!({"results": results}));
            }
        }
        if !associations.is_empty() {
            out["associations"] = Value::Object(associations);
        }
    }
    out
}

/// A write's answer: as HubSpot does, the type's default properties and every property the
/// input wrote (`jobtitle` comes back from the create that set it).
fn render_write(store: &Store, object_type: ObjectType, id: u64, input: &Value) -> Value {
    let mut names: Vec<String> = object_type
        .default_properties()
        .iter()
        .map(|name| (*name).to_owned())
        .collect();
    if let Some(written) = input.get("properties").and_then(Value::as_object) {
        names.extend(
            written
                .keys()
                .filter(|name| !names.contains(name))
                .cloned()
                .collect::<Vec<_>>(),
        );
    }
    store.get(object_type, id).map_or(Value::Null, |record| {
        record.to_json(object_type, Some(&names), &[])
    })
}

/// HubSpot's create responses carry the properties that have a value, not the unset defaults.
fn without_unset(mut record: Value) -> Value {
    if let Some(properties) = record["properties"].as_object_mut() {
        properties.retain(|_, value| !value.is_null());
    }
    record
}

pub(crate) async fn list(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    query: QueryParams,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    let params = params(query);
    let limit: usize = match params.get("limit") {
        None => 10,
        Some(text) => text
            .parse()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| {
                ApiError::validation(format!("limit must be between 1 and 100, not {text}"))
            })?,
    };
    let after: u64 = match params.get("after") {
        None => 0,
        Some(text) => text
            .parse()
            .map_err(|_| ApiError::validation(format!("Invalid paging cursor: {text}")))?,
    };
    let archived = params.flag("archived");
    let store = mock.store();
    let mut ids = store
        .records(object_type)
        .filter(|r| r.id >= after && r.archived_at.is_some() == archived)
        .map(|r| r.id);
    let page: Vec<u64> = ids.by_ref().take(limit).collect();
    let results: Vec<Value> = page
        .iter()
        .map(|id| render(&store, object_type, *id, &params))
        .collect();
    let mut out = json!({"results": results});
    if ids.next().is_some()
        && let Some(last) = page.last()
    {
        let after = (last + 1).to_string();
        out["paging"] = json!({"next": {"after": after, "link": format!("/crm/v3/objects/{}?after={after}", object_type.plural())}});
    }
    Ok(Json(out))
}

pub(crate) async fn get(
    State(mock): State<Shared>,
    Path((object, id)): Path<(String, String)>,
    query: QueryParams,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    let params = params(query);
    let store = mock.store();
    let archived = params.flag("archived");
    let found = match params.get("idProperty") {
        Some(property) => store.find(object_type, &id, Some(property)),
        None => id.parse().ok().filter(|n| {
            store
                .get(object_type, *n)
                .is_some_and(|r| archived || r.archived_at.is_none())
        }),
    };
    let found = found.ok_or_else(|| ApiError::not_found(object_type.singular(), &id))?;
    Ok(Json(render(&store, object_type, found, &params)))
}

fn create_associations(
    store: &mut Store,
    object_type: ObjectType,
    id: u64,
    input: &Value,
) -> ApiResult<()> {
    let Some(list) = input.get("associations").and_then(Value::as_array) else {
        return Ok(());
    };
    for association in list {
        let to_id = association
            .pointer("/to/id")
            .and_then(id_of)
            .and_then(|s| s.parse::<u64>().ok())
            .ok_or_else(|| ApiError::validation("association `to.id` is missing"))?;
        for spec in association
            .get("types")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let type_id = spec
                .get("associationTypeId")
                .and_then(Value::as_i64)
                .unwrap_or_default();
            let to_type = store
                .association_target(object_type, type_id)
                .ok_or_else(|| {
                    ApiError::validation(format!(
                        "association type {type_id} is not defined for {}",
                        object_type.plural()
                    ))
                })?;
            if store.get(to_type, to_id).is_none() {
                return Err(ApiError::validation(format!(
                    "{} {to_id} does not exist",
                    to_type.singular()
                )));
            }
            let category = spec
                .get("associationCategory")
                .and_then(Value::as_str)
                .unwrap_or("HUBSPOT_DEFINED");
            store.associate((object_type, id), (to_type, to_id), category, type_id);
        }
    }
    Ok(())
}

pub(crate) async fn create(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Json(input): Json<Value>,
) -> ApiResult<Response> {
    let object_type = mock.object_type(&object)?;
    let properties = properties_of(&input)?;
    let mut store = mock.store();
    let id = store.create(object_type, properties)?;
    create_associations(&mut store, object_type, id, &input)?;
    let body = without_unset(render_write(&store, object_type, id, &input));
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub(crate) async fn update(
    State(mock): State<Shared>,
    Path((object, id)): Path<(String, String)>,
    query: QueryParams,
    Json(input): Json<Value>,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    let params = params(query);
    let properties = properties_of(&input)?;
    let mut store = mock.store();
    let found = store
        .find(object_type, &id, params.get("idProperty"))
        .ok_or_else(|| ApiError::not_found(object_type.singular(), &id))?;
    store.update(object_type, found, properties)?;
    Ok(Json(render_write(&store, object_type, found, &input)))
}

pub(crate) async fn archive(
    State(mock): State<Shared>,
    Path((object, id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let object_type = mock.object_type(&object)?;
    let mut store = mock.store();
    if let Ok(id) = id.parse() {
        store.archive(object_type, id);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// At most this many inputs per object batch request.
const BATCH_LIMIT: usize = 100;

/// A batch body's `inputs`, refused past `limit`.
pub(crate) fn batch_inputs(body: &Value, limit: usize) -> ApiResult<&Vec<Value>> {
    let inputs = body
        .get("inputs")
        .and_then(Value::as_array)
        .ok_or_else(|| ApiError::validation("Invalid input JSON: `inputs` must be a list"))?;
    if inputs.len() > limit {
        return Err(ApiError::validation(format!(
            "Batch input limit exceeded: {} inputs, the limit is {limit}",
            inputs.len()
        )));
    }
    Ok(inputs)
}

/// A batch response: 200 (or `success`) when every input worked, 207 with `errors` otherwise.
pub(crate) fn batch_response(
    success: StatusCode,
    results: Vec<Value>,
    errors: Vec<Value>,
    at: String,
) -> Response {
    let mut body =
        json!({"status": "COMPLETE", "results": results, "startedAt": at, "completedAt": at});
    let status = if errors.is_empty() {
        success
    } else {
        body["numErrors"] = json!(errors.len());
        body["errors"] = Value::Array(errors);
        StatusCode::MULTI_STATUS
    };
    (status, Json(body)).into_response()
}

pub(crate) async fn batch(
    State(mock): State<Shared>,
    Path((object, operation)): Path<(String, String)>,
    query: QueryParams,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let object_type = mock.object_type(&object)?;
    let inputs = batch_inputs(&body, BATCH_LIMIT)?;
    let mut store = mock.store();
    if operation != "create" {
        check_ids(inputs, body.get("idProperty").and_then(Value::as_str))?;
    }
    let mut results = Vec::new();
    let mut errors = Vec::new();
    let mut success = StatusCode::OK;
    match operation.as_str() {
        "read" => {
            let mut params = params(query);
            for key in ["properties", "propertiesWithHistory"] {
                if let Some(list) = body.get(key).and_then(Value::as_array) {
                    let joined: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
                    params.0.push((key.to_owned(), joined.join(",")));
                }
            }
            let id_property = body.get("idProperty").and_then(Value::as_str);
            for input in inputs {
                let id = input.get("id").and_then(id_of).unwrap_or_default();
                match store.find(object_type, &id, id_property) {
                    Some(found) => results.push(render(&store, object_type, found, &params)),
                    None => errors
                        .push(ApiError::not_found(object_type.singular(), &id).into_item(&[id])),
                }
            }
        }
        "create" | "update" | "upsert" => {
            let write = Write::of(&operation);
            if write == Write::Create {
                success = StatusCode::CREATED;
            }
            // Without trace ids (or upserting by e-mail, where HubSpot takes no partial
            // upserts) HubSpot refuses the whole batch for one bad input: look before writing.
            for input in inputs {
                let atomic = trace_of(input).is_none()
                    || (write == Write::Upsert && id_property_of(input) == Some("email"));
                if atomic {
                    precheck(&store, object_type, write, input)?;
                }
            }
            let mut created = Vec::new();
            for input in inputs {
                match apply_write(&mut store, object_type, write, input) {
                    Ok((id, new)) => {
                        let mut record = render_write(&store, object_type, id, input);
                        if write == Write::Create {
                            record = without_unset(record);
                        }
                        if write == Write::Upsert {
                            record["new"] = json!(new);
                        }
                        if let Some(trace) = trace_of(input) {
                            record["objectWriteTraceId"] = json!(trace);
                        }
                        // HubSpot's upsert answer is not in input order: updates come first.
                        if new && write == Write::Upsert {
                            created.push(record);
                        } else {
                            results.push(record);
                        }
                    }
                    Err(error) => {
                        let ids: Vec<String> =
                            input.get("id").and_then(id_of).into_iter().collect();
                        let mut item = error.into_item(&ids);
                        if let Some(trace) = trace_of(input) {
                            item["context"]["objectWriteTraceId"] = json!([trace]);
                        }
                        errors.push(item);
                    }
                }
            }
            results.extend(created);
        }
        "archive" => {
            for input in inputs {
                if let Some(id) = input.get("id").and_then(id_of).and_then(|s| s.parse().ok()) {
                    store.archive(object_type, id);
                }
            }
            return Ok(StatusCode::NO_CONTENT.into_response());
        }
        other => return Err(ApiError::not_found("batch operation", other)),
    }
    Ok(batch_response(success, results, errors, store.timestamp()))
}

/// The three batch writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    Create,
    Update,
    Upsert,
}

impl Write {
    fn of(operation: &str) -> Self {
        match operation {
            "create" => Self::Create,
            "update" => Self::Update,
            _ => Self::Upsert,
        }
    }
}

fn trace_of(input: &Value) -> Option<String> {
    input.get("objectWriteTraceId").and_then(id_of)
}

fn id_property_of(input: &Value) -> Option<&str> {
    input.get("idProperty").and_then(Value::as_str)
}

/// HubSpot refuses a batch with a blank id, or the same id twice, as a whole.
fn check_ids(inputs: &[Value], shared_id_property: Option<&str>) -> ApiResult<()> {
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        let id = input.get("id").and_then(id_of).unwrap_or_default();
        if id.trim().is_empty() {
            return Err(ApiError::validation(
                "Invalid input JSON: every input needs a non-blank `id`",
            ));
        }
        let id_property = id_property_of(input).or(shared_id_property);
        let key = match id_property {
            Some("email") => id.to_lowercase(),
            _ => id.clone(),
        };
        if !seen.insert((id_property.unwrap_or("hs_object_id").to_owned(), key)) {
            return Err(ApiError::validation(format!(
                "Duplicate IDs found in batch input: [{id}]. IDs must be unique"
            )));
        }
    }
    Ok(())
}

/// Whether `apply_write` would be refused for its values, without writing.
fn precheck(store: &Store, object_type: ObjectType, write: Write, input: &Value) -> ApiResult<()> {
    let properties = properties_of(input)?;
    let id = input.get("id").and_then(id_of).unwrap_or_default();
    let id_property = id_property_of(input);
    check_id_property(store, object_type, id_property)?;
    let found = match write {
        Write::Create => None,
        Write::Update | Write::Upsert => store.find(object_type, &id, id_property),
    };
    match (write, found) {
        // A missing record is a per-item error even so, as HubSpot answers it.
        (Write::Update, None) => Ok(()),
        (_, Some(found)) => store.check_update(object_type, found, &properties),
        (_, None) => {
            let mut properties = properties;
            if let Some(property) = id_property.filter(|_| write == Write::Upsert) {
                properties.entry(property.to_owned()).or_insert(id);
            }
            store.check_create(object_type, &properties)
        }
    }
}

fn check_id_property(
    store: &Store,
    object_type: ObjectType,
    id_property: Option<&str>,
) -> ApiResult<()> {
    match id_property {
        Some(property)
            if property != "hs_object_id" && !store.schema().is_unique(object_type, property) =>
        {
            Err(ApiError::validation(format!(
                "{property} is not a unique property of {}: it cannot be an idProperty",
                object_type.plural()
            )))
        }
        _ => Ok(()),
    }
}

/// One batch write: the record's id, and whether it was created.
fn apply_write(
    store: &mut Store,
    object_type: ObjectType,
    write: Write,
    input: &Value,
) -> ApiResult<(u64, bool)> {
    let mut properties = properties_of(input)?;
    if write == Write::Create {
        let id = store.create(object_type, properties)?;
        create_associations(store, object_type, id, input)?;
        return Ok((id, true));
    }
    let id = input.get("id").and_then(id_of).unwrap_or_default();
    let id_property = id_property_of(input);
    check_id_property(store, object_type, id_property)?;
    match store.find(object_type, &id, id_property) {
        Some(found) => store
            .update(object_type, found, properties)
            .map(|()| (found, false)),
        None if write == Write::Upsert => {
            if let Some(property) = id_property {
                properties
                    .entry(property.to_owned())
                    .or_insert_with(|| id.clone());
            }
            store
                .create(object_type, properties)
                .map(|found| (found, true))
        }
        None => Err(ApiError::not_found(object_type.singular(), &id)),
    }
}

pub(crate) async fn merge(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    let field = |name: &str| {
        body.get(name).and_then(id_of).ok_or_else(|| {
            ApiError::validation(format!("Invalid input JSON: `{name}` is required"))
        })
    };
    let (primary, merged) = (field("primaryObjectId")?, field("objectIdToMerge")?);
    let mut store = mock.store();
    let primary_id = store
        .find(object_type, &primary, None)
        .ok_or_else(|| ApiError::not_found(object_type.singular(), &primary))?;
    let merged_id = store
        .find(object_type, &merged, None)
        .ok_or_else(|| ApiError::not_found(object_type.singular(), &merged))?;
    if primary_id == merged_id {
        return Err(ApiError::validation(
            "An object cannot be merged into itself",
        ));
    }
    let primary_props = store
        .get(object_type, primary_id)
        .map(|r| r.properties.clone())
        .unwrap_or_default();
    let missing: BTreeMap<String, String> = store
        .get(object_type, merged_id)
        .map(|r| r.properties.clone())
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, v)| !v.is_empty() && primary_props.get(k).is_none_or(String::is_empty))
        .collect();
    let edges: Vec<_> = store
        .edges_from((object_type, merged_id))
        .cloned()
        .collect();
    // The merged record goes first, so its unique e-mail can move to the primary.
    store.purge(object_type, merged_id);
    store.update(object_type, primary_id, missing)?;
    for edge in edges {
        store.associate(
            (object_type, primary_id),
            (edge.to_type, edge.to_id),
            &edge.category,
            edge.type_id,
        );
    }
    let mut change = store.change(Action::Merge, object_type, primary_id);
    change.merged_object_ids.push(merged_id);
    store.log(change);
    Ok(Json(render(
        &store,
        object_type,
        primary_id,
        &Params::default(),
    )))
}

pub(crate) async fn gdpr_delete(
    State(mock): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<StatusCode> {
    let id = body
        .get("objectId")
        .and_then(id_of)
        .ok_or_else(|| ApiError::validation("Invalid input JSON: `objectId` is required"))?;
    let id_property = body.get("idProperty").and_then(Value::as_str);
    let mut store = mock.store();
    match store.find(ObjectType::CONTACTS, &id, id_property) {
        Some(found) => {
            store.purge(ObjectType::CONTACTS, found);
            let change = store.change(Action::GdprDelete, ObjectType::CONTACTS, found);
            store.log(change);
        }
        None if id_property == Some("email") => {
            store.block_email(&id);
        }
        None => return Err(ApiError::not_found("contact", &id)),
    }
    Ok(StatusCode::NO_CONTENT)
}
