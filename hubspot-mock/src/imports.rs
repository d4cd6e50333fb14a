//! Imports (`/crm/imports/{version}`): a multipart upload of an `importRequest` (JSON) and CSV
//! files becomes records, row by row; rows HubSpot would refuse become the import's errors,
//! paged like HubSpot's. An import is done by the time the upload is answered.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Multipart, Path, Query, State};
use serde_json::{Value, json};

use crate::data::imports::Import;
use crate::error::{ApiError, ApiResult};
use crate::lists::offset_page;
use crate::multipart::next_part;
use crate::state::Shared;

/// The parts of an upload: the request, and each file's name and text.
async fn parts(mut multipart: Multipart) -> ApiResult<(Value, Vec<(String, String)>)> {
    let mut request = None;
    let mut files = Vec::new();
    while let Some((name, file_name, field)) = next_part(&mut multipart).await? {
        let text = field
            .text()
            .await
            .map_err(|e| ApiError::multipart(Some(&name), e))?;
        match name.as_str() {
            "importRequest" => {
                request = Some(serde_json::from_str(&text).map_err(|e| {
                    ApiError::validation(format!("importRequest is not JSON: {e}"))
                })?);
            }
            "files" => files.push((file_name.unwrap_or_default(), text)),
            _ => {}
        }
    }
    let request =
        request.ok_or_else(|| ApiError::validation("the `importRequest` part is missing"))?;
    if files.is_empty() {
        return Err(ApiError::validation("the `files` part is missing"));
    }
    Ok((request, files))
}

pub(crate) async fn start(
    State(mock): State<Shared>,
    multipart: Multipart,
) -> ApiResult<Json<Value>> {
    let (request, files) = parts(multipart).await?;
    let mut errors = Vec::new();
    let mut created = 0;
    let mut type_ids = Vec::new();
    for (i, (file_name, text)) in files.iter().enumerate() {
        let spec = request
            .pointer("/files")
            .and_then(Value::as_array)
            .and_then(|files| {
                files
                    .iter()
                    .find(|f| f["fileName"] == json!(file_name))
                    .or(files.get(i))
            })
            .ok_or_else(|| ApiError::validation(format!("no file entry for {file_name:?}")))?;
        let mappings = spec
            .pointer("/fileImportPage/columnMappings")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut lines = text.lines();
        let header: Vec<&str> = lines
            .next()
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .collect();
        for (row, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let mut by_type: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
            for mapping in &mappings {
                let (Some(column), Some(property), Some(type_id)) = (
                    mapping["columnName"].as_str(),
                    mapping["propertyName"].as_str(),
                    mapping["columnObjectTypeId"].as_str(),
                ) else {
                    continue;
                };
                if let Some(at) = header.iter().position(|h| *h == column)
                    && let Some(value) = cells.get(at).filter(|v| !v.is_empty())
                {
                    by_type
                        .entry(type_id.to_owned())
                        .or_default()
                        .insert(property.to_owned(), (*value).to_owned());
                }
            }
            for (type_id, properties) in by_type {
                if !type_ids.contains(&type_id) {
                    type_ids.push(type_id.clone());
                }
                // An upsert matches rows to records by the column marked as an alternate id.
                let upsert_by = (request["importOperations"][&type_id] == json!("UPSERT"))
                    .then(|| {
                        mappings.iter().find(|m| {
                            m["idColumnType"] == json!("HUBSPOT_ALTERNATE_ID")
                                && m["columnObjectTypeId"] == json!(type_id)
                        })
                    })
                    .flatten()
                    .and_then(|m| m["propertyName"].as_str());
                let outcome = mock.object_type(&type_id).and_then(|object_type| {
                    let mut store = mock.store();
                    let existing = upsert_by.and_then(|property| {
                        let value = properties.get(property)?;
                        store.find(object_type, value, Some(property))
                    });
                    match existing {
                        Some(id) => store.update(object_type, id, properties).map(|()| id),
                        None => store.create(object_type, properties),
                    }
                });
                match outcome {
                    Ok(_) => created += 1,
                    Err(error) => errors.push(json!({
                        "id": (errors.len() + 1).to_string(), "createdAt": 0,
                        "errorType": "INVALID_PROPERTY_VALUE", "errorMessage": error.message(),
                        "objectTypeId": type_id,
                        "sourceData": {"rowData": cells, "lineNumber": row + 2, "fileId": i + 1,
                            "additionalRowData": [], "containsEncryptedProperties": false},
                    })),
                }
            }
        }
    }
    let at = mock.store().timestamp();
    let mut imports = mock.imports();
    imports.next_id += 1;
    let id = imports.next_id;
    let json = json!({
        "id": id.to_string(), "state": "DONE", "createdAt": at, "updatedAt": at,
        "optOutImport": false, "mappedObjectTypeIds": type_ids,
        "importName": request["name"],
        "metadata": {"counters": {"TOTAL_ROWS": created + errors.len(), "CREATED_OBJECTS": created,
            "ERRORS": errors.len()}, "fileIds": (1..=files.len()).map(|f| f.to_string()).collect::<Vec<_>>(),
            "objectLists": []},
    });
    imports.imports.insert(
        id,
        Import {
            json: json.clone(),
            errors,
        },
    );
    Ok(Json(json))
}

fn import_id(text: &str) -> ApiResult<u64> {
    text.parse()
        .map_err(|_| ApiError::not_found("import", text))
}

pub(crate) async fn get(
    State(mock): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let imports = mock.imports();
    let import = imports
        .imports
        .get(&import_id(&id)?)
        .ok_or_else(|| ApiError::not_found("import", &id))?;
    Ok(Json(import.json.clone()))
}

/// The errors of one import, `limit` (default 100) at a time after the `after`th.
pub(crate) async fn errors(
    State(mock): State<Shared>,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let imports = mock.imports();
    let import = imports
        .imports
        .get(&import_id(&id)?)
        .ok_or_else(|| ApiError::not_found("import", &id))?;
    Ok(Json(offset_page(&import.errors, &query, 500)))
}
