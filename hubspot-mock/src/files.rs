//! Files (`/files/{version}/files`): multipart uploads into folders named by path or id, with
//! HubSpot's duplicate validation (`NONE`, `REJECT`, `RETURN_EXISTING`, in the folder or the
//! whole account) and `overwrite`; read, replace, archive; and signed URLs on the mock's second
//! listener, which refuses any request that carries an `Authorization` header and any URL past
//! its expiry (of the mock's clock).

use std::collections::BTreeMap;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::data::files::{ACCESS, SIGNED_URL_LIFETIME, StoredFile, kind, split_name};
use crate::error::{ApiError, ApiResult};
use crate::multipart::next_part;
use crate::state::Shared;

/// What an upload's `options` part asks for.
#[derive(Debug)]
struct Options {
    access: String,
    overwrite: bool,
    strategy: String,
    whole_account: bool,
}

/// The parts of an upload or a replacement.
#[derive(Debug, Default)]
struct Parts {
    file: Option<(String, Bytes)>,
    file_name: Option<String>,
    folder_path: Option<String>,
    folder_id: Option<String>,
    options: Option<Value>,
}

async fn parts(mut multipart: Multipart) -> ApiResult<Parts> {
    let mut parts = Parts::default();
    while let Some((name, file_name, field)) = next_part(&mut multipart).await? {
        let unreadable = |e| ApiError::multipart(Some(&name), e);
        match name.as_str() {
            "file" => {
                let bytes = field.bytes().await.map_err(unreadable)?;
                parts.file = Some((file_name.unwrap_or_default(), bytes));
            }
            "fileName" => parts.file_name = Some(field.text().await.map_err(unreadable)?),
            "folderPath" => parts.folder_path = Some(field.text().await.map_err(unreadable)?),
            "folderId" => parts.folder_id = Some(field.text().await.map_err(unreadable)?),
            "options" => {
                let text = field.text().await.map_err(unreadable)?;
                parts.options = Some(serde_json::from_str(&text).map_err(|e| {
                    ApiError::validation(format!("`options` is not a JSON object: {e}"))
                })?);
            }
            _ => {}
        }
    }
    Ok(parts)
}

fn options(value: Option<&Value>) -> ApiResult<Options> {
    let value = value.ok_or_else(|| ApiError::validation("the `options` part is missing"))?;
    let access = value["access"]
        .as_str()
        .filter(|a| ACCESS.contains(a))
        .ok_or_else(|| {
            ApiError::validation(format!("`options.access` must be one of {ACCESS:?}"))
        })?;
    let strategy = value["duplicateValidationStrategy"]
        .as_str()
        .unwrap_or("NONE");
    if !["NONE", "REJECT", "RETURN_EXISTING"].contains(&strategy) {
        return Err(ApiError::validation(format!(
            "unknown duplicateValidationStrategy {strategy:?}"
        )));
    }
    Ok(Options {
        access: access.to_owned(),
        overwrite: value["overwrite"].as_bool().unwrap_or(false),
        strategy: strategy.to_owned(),
        whole_account: value["duplicateValidationScope"] == json!("ENTIRE_PORTAL"),
    })
}

pub(crate) async fn upload(
    State(mock): State<Shared>,
    multipart: Multipart,
) -> ApiResult<Response> {
    let parts = parts(multipart).await?;
    let options = options(parts.options.as_ref())?;
    let (uploaded_name, content) = parts
        .file
        .ok_or_else(|| ApiError::validation("the `file` part is missing"))?;
    let (stem, extension) = split_name(&uploaded_name);
    let name = parts.file_name.map_or(stem, |n| split_name(&n).0);
    let at = mock.store().timestamp();
    let mut files = mock.files();
    mock.download_base().clone_into(&mut files.public_base);
    let folder_id = match (parts.folder_path, parts.folder_id) {
        (Some(path), _) => files.folder(&path),
        (None, Some(id)) => id
            .parse::<u64>()
            .ok()
            .filter(|id| files.folders.values().any(|f| f == id))
            .ok_or_else(|| ApiError::not_found("folder", &id))?,
        (None, None) => {
            return Err(ApiError::validation(
                "one of `folderPath` or `folderId` is required",
            ));
        }
    };
    let same_name = |f: &StoredFile| f.name == name && f.extension == extension;
    let duplicate = files
        .files
        .iter()
        .filter(|(_, f)| !f.archived && same_name(f) && f.content == content)
        .find(|(_, f)| options.whole_account || f.folder_id == folder_id)
        .map(|(id, _)| *id);
    match (options.strategy.as_str(), duplicate) {
        ("RETURN_EXISTING", Some(id)) => {
            if let Some(file) = files.files.get(&id) {
                return Ok((StatusCode::OK, Json(files.to_json(id, file))).into_response());
            }
        }
        ("REJECT", Some(id)) => {
            return Err(ApiError::conflict(format!(
                "Upload rejected: file {id} is a duplicate"
            )));
        }
        _ => {}
    }
    let replaced = options
        .overwrite
        .then(|| {
            files
                .files
                .iter()
                .find(|(_, f)| !f.archived && f.folder_id == folder_id && same_name(f))
                .map(|(id, _)| *id)
        })
        .flatten();
    let id = replaced.unwrap_or_else(|| files.next_id());
    let created_at = replaced
        .and_then(|id| files.files.get(&id))
        .map_or_else(|| at.clone(), |f| f.created_at.clone());
    let file = StoredFile {
        name,
        extension,
        folder_id,
        content,
        access: options.access,
        created_at,
        updated_at: at,
        archived: false,
    };
    let json = files.to_json(id, &file);
    files.files.insert(id, file);
    Ok((StatusCode::CREATED, Json(json)).into_response())
}

pub(crate) async fn get(
    State(mock): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let files = mock.files();
    let (id, file) = files.live(&id)?;
    Ok(Json(files.to_json(id, file)))
}

/// A replacement keeps the file's id, name and folder; its content and options change.
pub(crate) async fn replace(
    State(mock): State<Shared>,
    Path(id): Path<String>,
    multipart: Multipart,
) -> ApiResult<Json<Value>> {
    let parts = parts(multipart).await?;
    let (_, content) = parts
        .file
        .ok_or_else(|| ApiError::validation("the `file` part is missing"))?;
    let access = parts
        .options
        .as_ref()
        .map(|o| options(Some(o)))
        .transpose()?
        .map(|o| o.access);
    let at = mock.store().timestamp();
    let mut files = mock.files();
    let (id, _) = files.live(&id)?;
    let Some(file) = files.files.get_mut(&id) else {
        return Err(ApiError::not_found("file", &id.to_string()));
    };
    file.content = content;
    file.updated_at = at;
    if let Some(access) = access {
        file.access = access;
    }
    let file = file.clone();
    Ok(Json(files.to_json(id, &file)))
}

pub(crate) async fn archive(
    State(mock): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let mut files = mock.files();
    let (id, _) = files.live(&id)?;
    if let Some(file) = files.files.get_mut(&id) {
        file.archived = true;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// A URL on the download listener that opens the file without the token until it expires.
pub(crate) async fn signed_url(
    State(mock): State<Shared>,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let lifetime = match query.get("expirationSeconds") {
        Some(seconds) => seconds
            .parse()
            .ok()
            .filter(|s| (1..=86_400 * 7).contains(s))
            .map(Duration::from_secs)
            .ok_or_else(|| {
                ApiError::validation("`expirationSeconds` must be between 1 and 604800")
            })?,
        None => SIGNED_URL_LIFETIME,
    };
    let now = mock.now();
    let expires_at = mock.timestamp_in(lifetime);
    let base = mock.download_base();
    let mut files = mock.files();
    let (id, file) = files.live(&id)?;
    let signature = crate::error::correlation_id();
    let answer = json!({
        "name": file.name, "extension": file.extension, "size": file.content.len(),
        "type": kind(&file.extension), "expiresAt": expires_at,
        "url": format!("{base}/files/{id}?signature={signature}"),
    });
    files.signatures.insert(signature, (id, now + lifetime));
    Ok(Json(answer))
}

/// A file's bytes, as the download listener sends them.
fn content(file: &StoredFile) -> Response {
    (
        [("content-type", "application/octet-stream")],
        file.content.clone(),
    )
        .into_response()
}

/// The download listener's route for a public file's `url`: no signature, no token, and only
/// for files whose access is public.
pub(crate) async fn public(
    State(mock): State<Shared>,
    Path((id, _name)): Path<(String, String)>,
) -> Response {
    let files = mock.files();
    match files.live(&id) {
        Ok((_, file)) if file.access.starts_with("PUBLIC") => content(file),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The download listener's route for signed file URLs.
pub(crate) async fn download(
    State(mock): State<Shared>,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Some(refusal) = crate::guard::refuse_credentials(&headers) {
        return refusal;
    }
    let now = mock.now();
    let files = mock.files();
    let signed = query
        .get("signature")
        .and_then(|s| files.signatures.get(s))
        .filter(|(file, _)| id.parse() == Ok(*file));
    match signed {
        Some((file, expires)) if now < *expires => match files.files.get(file) {
            Some(file) if !file.archived => content(file),
            _ => StatusCode::NOT_FOUND.into_response(),
        },
        Some(_) => crate::guard::expired(),
        None => (StatusCode::FORBIDDEN, "The signature does not match").into_response(),
    }
}
