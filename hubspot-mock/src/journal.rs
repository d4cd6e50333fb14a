//! The webhooks journal (`/webhooks-journal/...`): subscriptions, snapshots, and the journal an
//! app polls. Every CRM write the mock takes (creates, updates, deletions, merges, GDPR
//! deletions, association and list-membership changes) is an entry for the subscriptions that
//! see it, in order. An entry's `url` points at the second listener, where its file is served
//! without the HubSpot token for 5 minutes of the mock's clock. HubSpot does not document the
//! file's contents; the mock's is a JSON array of events, one per subscription that sees the
//! change: `eventId`, `subscriptionId`, `portalId`, `action`, `objectTypeId`, `objectId`,
//! `occurredAt` and what the change carries (`properties` written, the associated record, the
//! list, the merged ids).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::data::DOWNLOAD_LIFETIME;
use crate::data::journal::{Journal, Snapshot, Subscription, offset_of, seq_of};
use crate::error::{ApiError, ApiResult};
use crate::objects::{batch_response, id_of};
use crate::state::Shared;
use crate::store::Store;
use crate::store::changes::Action;

/// The app the mock's journal belongs to.
const APP_ID: u64 = 1;
/// The most entries one batch read returns.
const BATCH_MAX: u64 = 100;

type QueryMap = Query<BTreeMap<String, String>>;

const SUBSCRIPTION_TYPES: [&str; 5] = [
    "OBJECT",
    "ASSOCIATION",
    "LIST_MEMBERSHIP",
    "APP_LIFECYCLE_EVENT",
    "GDPR_PRIVACY_DELETION",
];

/// Creates a subscription, or updates the one for the same type, object type and account.
pub(crate) async fn upsert_subscription(
    State(mock): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let kind = body["subscriptionType"]
        .as_str()
        .unwrap_or("OBJECT")
        .to_owned();
    if !SUBSCRIPTION_TYPES.contains(&kind.as_str()) {
        return Err(ApiError::validation(format!(
            "Invalid input JSON: unknown subscriptionType {kind}"
        )));
    }
    if body["actions"].as_array().is_none_or(Vec::is_empty) {
        return Err(ApiError::validation(
            "Invalid input JSON: `actions` must name at least one action",
        ));
    }
    let (at, from_seq) = {
        let store = mock.store();
        (store.timestamp(), store.changes().next_seq())
    };
    let mut journal = mock.journal();
    let key = |b: &Value| {
        (
            b["subscriptionType"]
                .as_str()
                .unwrap_or("OBJECT")
                .to_owned(),
            b["objectTypeId"].clone(),
            b["portalId"].clone(),
        )
    };
    let mut saved = body;
    saved["subscriptionType"] = json!(kind);
    saved["appId"] = json!(APP_ID);
    saved["updatedAt"] = json!(at);
    if let Some(found) = journal
        .subscriptions
        .iter_mut()
        .find(|s| key(s.body()) == key(&saved))
    {
        saved["id"] = json!(found.id);
        saved["createdAt"] = found.body()["createdAt"].clone();
        found.replace(saved.clone());
        return Ok(Json(saved));
    }
    journal.next_id += 1;
    let id = journal.next_id;
    saved["id"] = json!(id);
    saved["createdAt"] = json!(at);
    journal
        .subscriptions
        .push(Subscription::new(id, from_seq, saved.clone()));
    Ok(Json(saved))
}

pub(crate) async fn list_subscriptions(State(mock): State<Shared>) -> Json<Value> {
    Json(json!({"results": mock.journal().dump()}))
}

fn subscription_id(id: &str) -> ApiResult<u64> {
    id.parse()
        .map_err(|_| ApiError::not_found("subscription", id))
}

pub(crate) async fn get_subscription(
    State(mock): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let wanted = subscription_id(&id)?;
    let journal = mock.journal();
    let found = journal
        .subscriptions
        .iter()
        .find(|s| s.id == wanted)
        .ok_or_else(|| ApiError::not_found("subscription", &id))?;
    Ok(Json(found.body().clone()))
}

pub(crate) async fn delete_subscription(
    State(mock): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let wanted = subscription_id(&id)?;
    let mut journal = mock.journal();
    let before = journal.subscriptions.len();
    journal.subscriptions.retain(|s| s.id != wanted);
    if journal.subscriptions.len() == before {
        return Err(ApiError::not_found("subscription", &id));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Drops every subscription of one account.
pub(crate) async fn delete_portal(
    State(mock): State<Shared>,
    Path(portal): Path<String>,
) -> StatusCode {
    let portal: Option<u64> = portal.parse().ok();
    mock.journal()
        .subscriptions
        .retain(|s| s.body()["portalId"].as_u64() != portal);
    StatusCode::NO_CONTENT
}

/// Journals the current values of the properties asked for, for each record asked for.
pub(crate) async fn snapshot(
    State(mock): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let requests = body["snapshotRequests"].as_array().ok_or_else(|| {
        ApiError::validation("Invalid input JSON: `snapshotRequests` is required")
    })?;
    let portal = mock.config.oauth.hub_id;
    let mut store = mock.store();
    let mut responses = Vec::new();
    for request in requests {
        let type_id = request["objectTypeId"].as_str().unwrap_or_default();
        let object_type = store.object_type(type_id)?;
        let id = id_of(&request["objectId"])
            .ok_or_else(|| ApiError::validation("Invalid input JSON: `objectId` is required"))?;
        let object_id = store
            .find(object_type, &id, None)
            .ok_or_else(|| ApiError::not_found(object_type.singular(), &id))?;
        let record = store
            .get(object_type, object_id)
            .ok_or_else(|| ApiError::not_found(object_type.singular(), &id))?;
        let wanted: Vec<&str> = request["properties"]
            .as_array()
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let properties = record
            .properties
            .iter()
            .filter(|(name, _)| wanted.is_empty() || wanted.contains(&name.as_str()))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        let mut change = store.change(Action::Snapshot, object_type, object_id);
        change.properties = properties;
        let seq = store.changes().next_seq();
        store.log(change);
        let status_id = offset_of(seq);
        mock.journal().snapshots.push(Snapshot {
            id: status_id.clone(),
            initiated_at: mock.epoch_millis(),
        });
        responses.push(json!({
            "objectId": object_id,
            "objectTypeId": object_type.type_id(),
            "portalId": request["portalId"].as_u64().unwrap_or(portal),
            "snapshotStatusId": status_id,
        }));
    }
    Ok(Json(json!({"snapshotResponses": responses})))
}

/// A snapshot's status: the mock takes snapshots at once.
pub(crate) async fn status(
    State(mock): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let journal = mock.journal();
    let found = journal
        .snapshots
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| ApiError::not_found("snapshot", &id))?;
    Ok(Json(json!({
        "id": found.id,
        "initiatedAt": found.initiated_at,
        "completedAt": found.initiated_at,
        "status": "SUCCESS",
    })))
}

/// The journal as one request sees it: the entries there, if it may read the mock's account.
struct View<'a> {
    store: &'a Store,
    journal: &'a Journal,
    /// The request asked for the mock's one account (or for none in particular).
    ours: bool,
}

impl View<'_> {
    /// Entries (sequence numbers of changes some subscription sees) from `seq` on.
    fn entries_from(&self, seq: u64) -> impl DoubleEndedIterator<Item = u64> + '_ {
        self.store
            .changes()
            .from(seq)
            .filter(move |(seq, change)| self.ours && self.journal.has_entry(*seq, change))
            .map(|(seq, _)| seq)
    }

    /// The change an offset names, if it is still kept.
    fn known(&self, offset: &str) -> ApiResult<u64> {
        seq_of(offset)
            .filter(|seq| *seq >= self.store.changes().first_seq())
            .filter(|seq| *seq < self.store.changes().next_seq())
            .ok_or_else(|| ApiError::not_found("journal offset", offset))
    }
}

/// Runs `read` over the journal as the request's account sees it.
fn with_view<T>(
    mock: &Shared,
    query: &BTreeMap<String, String>,
    read: impl FnOnce(&View) -> T,
) -> T {
    let hub = mock.config.oauth.hub_id.to_string();
    let ours = query
        .get("installPortalId")
        .is_none_or(|asked| *asked == hub);
    let store = mock.store();
    let journal = mock.journal();
    read(&View {
        store: &store,
        journal: &journal,
        ours,
    })
}

/// What a journal read answers for one entry: its offset and a download URL that expires.
fn fetched(mock: &Shared, seq: u64) -> Value {
    let first_kept = mock.store().changes().first_seq();
    mock.journal().handed_out(seq, mock.now(), first_kept);
    json!({
        "currentOffset": offset_of(seq),
        "expiresAt": mock.timestamp_in(DOWNLOAD_LIFETIME),
        "url": format!("{}/journal/{}.json", mock.download_base(), offset_of(seq)),
    })
}

fn empty() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "OBJECT_NOT_FOUND",
        "The journal has no entries for this app yet",
    )
}

fn nothing_after(offset: &str) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "OBJECT_NOT_FOUND",
        format!("No journal entry after offset {offset} yet"),
    )
}

pub(crate) async fn earliest(
    State(mock): State<Shared>,
    Query(query): QueryMap,
) -> ApiResult<Json<Value>> {
    let seq = with_view(&mock, &query, |view| view.entries_from(0).next()).ok_or_else(empty)?;
    Ok(Json(fetched(&mock, seq)))
}

pub(crate) async fn latest(
    State(mock): State<Shared>,
    Query(query): QueryMap,
) -> ApiResult<Json<Value>> {
    let seq =
        with_view(&mock, &query, |view| view.entries_from(0).next_back()).ok_or_else(empty)?;
    Ok(Json(fetched(&mock, seq)))
}

pub(crate) async fn next(
    State(mock): State<Shared>,
    Path(offset): Path<String>,
    Query(query): QueryMap,
) -> ApiResult<Json<Value>> {
    let seq = with_view(&mock, &query, |view| {
        view.known(&offset)
            .map(|after| view.entries_from(after + 1).next())
    })?
    .ok_or_else(|| nothing_after(&offset))?;
    Ok(Json(fetched(&mock, seq)))
}

fn count_of(count: &str) -> ApiResult<usize> {
    count
        .parse::<u64>()
        .ok()
        .filter(|n| (1..=BATCH_MAX).contains(n))
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| {
            ApiError::validation(format!(
                "count must be between 1 and {BATCH_MAX}, not {count}"
            ))
        })
}

fn batch(mock: &Shared, seqs: &[u64], errors: Vec<Value>) -> Response {
    let results = seqs.iter().map(|seq| fetched(mock, *seq)).collect();
    batch_response(StatusCode::OK, results, errors, mock.store().timestamp())
}

pub(crate) async fn batch_earliest(
    State(mock): State<Shared>,
    Path(count): Path<String>,
    Query(query): QueryMap,
) -> ApiResult<Response> {
    let count = count_of(&count)?;
    let seqs: Vec<u64> = with_view(&mock, &query, |view| {
        view.entries_from(0).take(count).collect()
    });
    Ok(batch(&mock, &seqs, Vec::new()))
}

pub(crate) async fn batch_latest(
    State(mock): State<Shared>,
    Path(count): Path<String>,
    Query(query): QueryMap,
) -> ApiResult<Response> {
    let count = count_of(&count)?;
    let mut seqs: Vec<u64> = with_view(&mock, &query, |view| {
        view.entries_from(0).rev().take(count).collect()
    });
    seqs.reverse();
    Ok(batch(&mock, &seqs, Vec::new()))
}

pub(crate) async fn batch_next(
    State(mock): State<Shared>,
    Path((offset, count)): Path<(String, String)>,
    Query(query): QueryMap,
) -> ApiResult<Response> {
    let count = count_of(&count)?;
    let seqs: Vec<u64> = with_view(&mock, &query, |view| {
        view.known(&offset)
            .map(|after| view.entries_from(after + 1).take(count).collect())
    })?;
    Ok(batch(&mock, &seqs, Vec::new()))
}

/// The entries at the offsets given; unknown or expired ones are per-item errors.
pub(crate) async fn batch_read(
    State(mock): State<Shared>,
    Query(query): QueryMap,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let inputs = crate::objects::batch_inputs(&body, BATCH_MAX as usize)?;
    let (seqs, errors) = with_view(&mock, &query, |view| {
        let mut seqs = Vec::new();
        let mut errors = Vec::new();
        for input in inputs {
            let offset = input.as_str().unwrap_or_default();
            match view.known(offset) {
                Ok(seq) => seqs.push(seq),
                Err(error) => errors.push(error.into_item(&[offset.to_owned()])),
            }
        }
        (seqs, errors)
    });
    Ok(batch(&mock, &seqs, errors))
}

/// An entry's file, on the download listener: no HubSpot token, and only while its URL lives.
pub(crate) async fn download(
    State(mock): State<Shared>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(refusal) = crate::guard::refuse_credentials(&headers) {
        return refusal;
    }
    let Some(seq) = file.strip_suffix(".json").and_then(seq_of) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let now = mock.now();
    let portal = mock.config.oauth.hub_id;
    let store = mock.store();
    let journal = mock.journal();
    match (store.changes().get(seq), journal.handed_out_at(seq)) {
        (Some(change), Some(at)) if now.duration_since(at) < DOWNLOAD_LIFETIME => {
            Json(journal.events(seq, change, portal)).into_response()
        }
        (Some(_), Some(_)) => crate::guard::expired(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
