//! Lists (`/crm/lists/{version}`): create, read (by id, or by object type and name), delete,
//! add and remove members, page through memberships, search by name. Memberships are kept per list, in the order records joined.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::data::lists::List;
use crate::error::{ApiError, ApiResult};
use crate::state::Shared;
use crate::store::changes::Action;

/// A page of `items` as HubSpot pages by offset: `limit` (default 100, at most `max`) after the
/// `after`th, with the next cursor while more remain.
pub(crate) fn offset_page(items: &[Value], query: &BTreeMap<String, String>, max: usize) -> Value {
    let limit = query
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(100usize)
        .clamp(1, max);
    let after: usize = query.get("after").and_then(|a| a.parse().ok()).unwrap_or(0);
    let page: Vec<Value> = items.iter().skip(after).take(limit).cloned().collect();
    let mut out = json!({"results": page});
    if after.saturating_add(limit) < items.len() {
        out["paging"] = json!({"next": {"after": (after + limit).to_string()}});
    }
    out
}

fn list_id(text: &str) -> ApiResult<u64> {
    text.parse().map_err(|_| ApiError::not_found("list", text))
}

fn text_field<'v>(body: &'v Value, name: &str) -> ApiResult<&'v str> {
    body.get(name)
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::validation(format!("`{name}` is required")))
}

pub(crate) async fn create(
    State(mock): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let name = text_field(&body, "name")?.to_owned();
    let object_type_id = text_field(&body, "objectTypeId")?.to_owned();
    let processing_type = text_field(&body, "processingType")?.to_owned();
    let created_at = mock.store().timestamp();
    let mut lists = mock.lists();
    if lists.lists.values().any(|l| l.name == name) {
        return Err(ApiError::conflict(format!("a list named {name:?} exists")));
    }
    lists.next_id += 1;
    let list = List {
        id: lists.next_id,
        name,
        object_type_id,
        processing_type,
        created_at,
        members: Vec::new(),
    };
    let out = json!({"list": list.to_json()});
    lists.lists.insert(list.id, list);
    Ok(Json(out))
}

pub(crate) async fn get(
    State(mock): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let lists = mock.lists();
    let list = lists
        .lists
        .get(&list_id(&id)?)
        .ok_or_else(|| ApiError::not_found("list", &id))?;
    Ok(Json(json!({"list": list.to_json()})))
}

/// `object-type-id/{type}/name/{name}`: the list of that type with exactly that name.
pub(crate) async fn get_by_name(
    State(mock): State<Shared>,
    Path((object_type_id, name)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let lists = mock.lists();
    let list = lists
        .lists
        .values()
        .find(|l| l.name == name && l.object_type_id == object_type_id)
        .ok_or_else(|| ApiError::not_found("list", &name))?;
    Ok(Json(json!({"list": list.to_json()})))
}

pub(crate) async fn archive(
    State(mock): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    mock.lists()
        .lists
        .remove(&list_id(&id)?)
        .ok_or_else(|| ApiError::not_found("list", &id))?;
    Ok(StatusCode::NO_CONTENT)
}

fn ids(body: &Value) -> ApiResult<Vec<String>> {
    body.as_array()
        .ok_or_else(|| ApiError::validation("expected a list of record ids"))?
        .iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| ApiError::validation("record ids are strings"))
        })
        .collect()
}

/// `memberships/add` and `memberships/remove`: members must be live records of the list's type.
pub(crate) async fn change(
    State(mock): State<Shared>,
    Path((id, operation)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let records = ids(&body)?;
    let at = mock.store().timestamp();
    let type_id = {
        let lists = mock.lists();
        lists
            .lists
            .get(&list_id(&id)?)
            .ok_or_else(|| ApiError::not_found("list", &id))?
            .object_type_id
            .clone()
    };
    let object_type = mock.object_type(&type_id)?;
    let existing: Vec<bool> = {
        let store = mock.store();
        records
            .iter()
            .map(|r| store.find(object_type, r, None).is_some())
            .collect()
    };
    let mut lists = mock.lists();
    let list = lists
        .lists
        .get_mut(&list_id(&id)?)
        .ok_or_else(|| ApiError::not_found("list", &id))?;
    let (mut added, mut removed, mut missing) = (Vec::new(), Vec::new(), Vec::new());
    for (record, exists) in records.into_iter().zip(existing) {
        let member = list.members.iter().position(|(m, _)| *m == record);
        match (operation.as_str(), exists, member) {
            (_, false, _) => missing.push(record),
            ("add", true, None) => {
                list.members.push((record.clone(), at.clone()));
                added.push(record);
            }
            ("remove", true, Some(at)) => {
                list.members.remove(at);
                removed.push(record);
            }
            ("add" | "remove", true, _) => {}
            (other, ..) => return Err(ApiError::not_found("memberships operation", other)),
        }
    }
    drop(lists);
    let mut store = mock.store();
    for (action, records) in [
        (Action::AddedToList, &added),
        (Action::RemovedFromList, &removed),
    ] {
        for record in records.iter().filter_map(|r| r.parse().ok()) {
            let mut change = store.change(action, object_type, record);
            change.list_id = Some(id.clone());
            store.log(change);
        }
    }
    Ok(Json(
        json!({"recordsIdsAdded": added, "recordIdsRemoved": removed, "recordIdsMissing": missing}),
    ))
}

/// Members in joining order, `limit` (default 100, at most 250) at a time after the `after`th.
pub(crate) async fn memberships(
    State(mock): State<Shared>,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let lists = mock.lists();
    let list = lists
        .lists
        .get(&list_id(&id)?)
        .ok_or_else(|| ApiError::not_found("list", &id))?;
    let members: Vec<Value> = list
        .members
        .iter()
        .map(|(record, at)| json!({"recordId": record, "membershipTimestamp": at}))
        .collect();
    let mut out = offset_page(&members, &query, 250);
    out["total"] = json!(list.members.len());
    Ok(Json(out))
}

/// Lists whose name contains `query`, `count` at a time from `offset`.
pub(crate) async fn search(
    State(mock): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let query = body
        .get("query")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_lowercase();
    let offset = body.get("offset").and_then(Value::as_u64).unwrap_or(0) as usize;
    let count = body
        .get("count")
        .and_then(Value::as_u64)
        .unwrap_or(20)
        .clamp(1, 500) as usize;
    let lists = mock.lists();
    let matching: Vec<&List> = lists
        .lists
        .values()
        .filter(|l| l.name.to_lowercase().contains(&query))
        .collect();
    let page: Vec<Value> = matching
        .iter()
        .skip(offset)
        .take(count)
        .map(|l| {
            let mut found = l.to_json();
            found["additionalProperties"] = json!({"hs_list_size": l.members.len().to_string()});
            found
        })
        .collect();
    Ok(Json(json!({
        "lists": page, "offset": offset + page.len(), "hasMore": offset + page.len() < matching.len(),
        "total": matching.len(),
    })))
}
