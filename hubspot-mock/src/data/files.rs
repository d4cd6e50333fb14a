//! What the files API keeps. The shared state holds it; the handlers are above both.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};

/// How long a signed URL works unless `expirationSeconds` says otherwise (HubSpot: an hour).
pub(crate) const SIGNED_URL_LIFETIME: Duration = Duration::from_secs(3600);

/// The access levels HubSpot accepts in an upload's options.
pub(crate) const ACCESS: [&str; 8] = [
    "PUBLIC_INDEXABLE",
    "PUBLIC_NOT_INDEXABLE",
    "HIDDEN_INDEXABLE",
    "HIDDEN_NOT_INDEXABLE",
    "HIDDEN_PRIVATE",
    "PRIVATE",
    "HIDDEN_SENSITIVE",
    "SENSITIVE",
];

/// One stored file.
#[derive(Debug, Clone)]
pub(crate) struct StoredFile {
    pub(crate) name: String,
    pub(crate) extension: String,
    pub(crate) folder_id: u64,
    pub(crate) content: Bytes,
    pub(crate) access: String,
    pub(crate) created_at: String,
    pub(crate) updated_at: String,
    pub(crate) archived: bool,
}

/// Every file and folder of the account, and the signed URLs handed out.
#[derive(Debug, Default)]
pub(crate) struct Files {
    pub(crate) next_id: u64,
    pub(crate) files: BTreeMap<u64, StoredFile>,
    /// Folder path (`/reports`) to id; folders are made by the uploads that name them.
    pub(crate) folders: BTreeMap<String, u64>,
    /// Signature to the file it opens and when it stops working.
    pub(crate) signatures: BTreeMap<String, (u64, Instant)>,
    /// The download listener's base URL, under which public files have their `url`.
    pub(crate) public_base: String,
}

impl Files {
    pub(crate) fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub(crate) fn folder(&mut self, path: &str) -> u64 {
        let path = format!("/{}", path.trim_matches('/'));
        if let Some(id) = self.folders.get(&path) {
            return *id;
        }
        let id = self.next_id();
        self.folders.insert(path, id);
        id
    }

    pub(crate) fn folder_path(&self, id: u64) -> &str {
        self.folders
            .iter()
            .find(|(_, f)| **f == id)
            .map_or("", |(path, _)| path.as_str())
    }

    pub(crate) fn live(&self, id: &str) -> ApiResult<(u64, &StoredFile)> {
        id.parse::<u64>()
            .ok()
            .and_then(|id| self.files.get(&id).map(|f| (id, f)))
            .filter(|(_, f)| !f.archived)
            .ok_or_else(|| ApiError::not_found("file", id))
    }

    pub(crate) fn to_json(&self, id: u64, file: &StoredFile) -> Value {
        let folder = self.folder_path(file.folder_id).trim_end_matches('/');
        json!({
            "id": id.to_string(), "name": file.name, "extension": file.extension,
            "path": format!("{folder}/{}.{}", file.name, file.extension),
            "parentFolderId": file.folder_id.to_string(), "size": file.content.len(),
            "type": kind(&file.extension), "access": file.access, "archived": file.archived,
            "isUsableInContent": true, "encoding": "binary",
            "createdAt": file.created_at, "updatedAt": file.updated_at,
            // Only public files have a URL anyone can open; the others are read by signed URL.
            "url": file.access.starts_with("PUBLIC").then(|| {
                format!("{}/hubfs/{id}/{}.{}", self.public_base, file.name, file.extension)
            }),
        })
    }

    /// Every live file as HubSpot would answer a read of it.
    pub(crate) fn dump(&self) -> Vec<Value> {
        self.files
            .iter()
            .filter(|(_, f)| !f.archived)
            .map(|(id, f)| self.to_json(*id, f))
            .collect()
    }
}

/// HubSpot's coarse file type, from the extension.
pub(crate) fn kind(extension: &str) -> &'static str {
    match extension.to_ascii_lowercase().as_str() {
        "png" | "jpg" | "jpeg" | "gif" | "svg" | "webp" => "IMG",
        "mp4" | "mov" | "webm" => "MOVIE",
        "mp3" | "wav" => "AUDIO",
        "pdf" | "doc" | "docx" | "txt" | "csv" | "xls" | "xlsx" | "ppt" | "pptx" => "DOCUMENT",
        _ => "OTHER",
    }
}

/// `report.pdf` as (`report`, `pdf`).
pub(crate) fn split_name(name: &str) -> (String, String) {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => (stem.to_owned(), extension.to_owned()),
        _ => (name.to_owned(), String::new()),
    }
}
