//! Exports (`/crm/exports/{version}`): an export is an asynchronous task. Its status says
//! `PROCESSING` at first and `COMPLETE` on the next read, with a download URL on the mock's
//! second listener; that URL expires 5 minutes (of the mock's clock) after it was handed out,
//! and the listener refuses any request that carries an `Authorization` header: HubSpot's
//! token must never go there.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::data::DOWNLOAD_LIFETIME;
use crate::data::exports::Export;
use crate::error::{ApiError, ApiResult};
use crate::state::Shared;

pub(crate) async fn start(
    State(mock): State<Shared>,
    Json(body): Json<Value>,
) -> ApiResult<Response> {
    let object = body["objectType"]
        .as_str()
        .ok_or_else(|| ApiError::validation("`objectType` is required"))?;
    // HubSpot's guides write `CONTACT`; the paths' names are lower case.
    let object_type = mock.object_type(&object.to_ascii_lowercase())?;
    let properties: Vec<String> = body["objectProperties"]
        .as_array()
        .ok_or_else(|| ApiError::validation("`objectProperties` is required"))?
        .iter()
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect();
    let mut csv = properties.join(",");
    csv.push('\n');
    for record in mock
        .store()
        .records(object_type)
        .filter(|r| r.archived_at.is_none())
    {
        let row: Vec<&str> = properties
            .iter()
            .map(|p| record.value(p).unwrap_or_default())
            .collect();
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    let mut exports = mock.exports();
    exports.next_id += 1;
    let id = exports.next_id;
    exports.exports.insert(
        id,
        Export {
            csv,
            reads: 0,
            url_at: None,
        },
    );
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({"id": id.to_string(), "links": {}})),
    )
        .into_response())
}

pub(crate) async fn status(
    State(mock): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let now = mock.now();
    let at = mock.store().timestamp();
    let base = mock.download_base().to_owned();
    let mut exports = mock.exports();
    let task: u64 = id
        .parse()
        .map_err(|_| ApiError::not_found("export task", &id))?;
    let export = exports
        .exports
        .get_mut(&task)
        .ok_or_else(|| ApiError::not_found("export task", &id))?;
    export.reads += 1;
    let mut out =
        json!({"status": "PROCESSING", "startedAt": at, "completedAt": at, "requestedAt": at});
    if export.reads > 1 {
        export.url_at = Some(now);
        out["status"] = json!("COMPLETE");
        out["result"] = json!(format!(
            "{base}/exports/{task}.csv?signature=mock-{}",
            export.reads
        ));
    }
    Ok(Json(out))
}

/// The download listener's one route.
pub(crate) async fn download(
    State(mock): State<Shared>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Some(refusal) = crate::guard::refuse_credentials(&headers) {
        return refusal;
    }
    let now = mock.now();
    let exports = mock.exports();
    let found = file
        .strip_suffix(".csv")
        .and_then(|id| id.parse::<u64>().ok())
        .and_then(|id| exports.exports.get(&id));
    match found {
        Some(export)
            if export
                .url_at
                .is_some_and(|at| now.duration_since(at) < DOWNLOAD_LIFETIME) =>
        {
            ([("content-type", "text/csv")], export.csv.clone()).into_response()
        }
        Some(_) => crate::guard::expired(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
