//! Files and folders (`/files/2026-03`, feature `files`): every operation of HubSpot's Files
//! API, and typed helpers over its non-JSON shapes: an upload ([`upload_file`]) whose
//! `options` part is [`UploadOptions`], a replacement ([`replace_file`]), an import from a URL
//! polled until its task completes ([`import_and_wait`]), and a file's bytes fetched through a
//! signed URL without the HubSpot token ([`download`]).
//!
//! ```no_run
//! use hubspot_crm::files::{self, DuplicateScope, DuplicateStrategy, Upload, UploadOptions};
//! use hubspot_crm::files::models::FileAccess;
//!
//! # async fn run() -> Result<(), hubspot_crm::Error> {
//! // Retried through a dropped connection without a second copy: HubSpot answers a retry with
//! // the file the first attempt stored.
//! let options = UploadOptions::new(FileAccess::Private)
//!     .duplicates(DuplicateStrategy::ReturnExisting, DuplicateScope::ExactFolder);
//! let file = files::upload_file(Upload::path("report.pdf", "/reports", options))?.await?;
//! if let Some(id) = file.id.as_deref() {
//!     let bytes = files::download(id).await?;
//!     println!("{id} is {} bytes", bytes.len());
//! }
//! # Ok(()) }
//! ```

use std::path::PathBuf;
use std::time::Duration;

use bytes::Bytes;
use serde::Serialize;

use crate::pending::Pending;
use crate::{AsyncWrite, Progress};
use crate::{Client, Error, Multipart, Request};

pub use crate::generated::files::*;

/// How often an import task's status is asked for.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// What HubSpot does when the file uploaded is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum DuplicateStrategy {
    /// Store it again.
    None,
    /// Refuse the upload.
    Reject,
    /// Answer with the file already there: an upload that is safe to retry.
    ReturnExisting,
}

/// Where HubSpot looks for a duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum DuplicateScope {
    /// Every folder of the account.
    EntirePortal,
    /// The folder uploaded to.
    ExactFolder,
}

/// The `options` part of an upload, sent as the JSON text HubSpot reads.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UploadOptions {
    /// Who can read the file.
    pub access: models::FileAccess,
    /// How long HubSpot keeps it (`P3M`, `P1Y`, …); forever when `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl: Option<String>,
    /// Whether a file of the same name in the folder is replaced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overwrite: Option<bool>,
    /// What a duplicate does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_validation_strategy: Option<DuplicateStrategy>,
    /// Where a duplicate is looked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_validation_scope: Option<DuplicateScope>,
}

impl UploadOptions {
    /// Options with `access` and HubSpot's defaults for the rest.
    #[must_use]
    pub fn new(access: models::FileAccess) -> Self {
        Self {
            access,
            ttl: None,
            overwrite: None,
            duplicate_validation_strategy: None,
            duplicate_validation_scope: None,
        }
    }

    /// Sets what a duplicate does, and where one is looked for.
    #[must_use]
    pub fn duplicates(mut self, strategy: DuplicateStrategy, scope: DuplicateScope) -> Self {
        self.duplicate_validation_strategy = Some(strategy);
        self.duplicate_validation_scope = Some(scope);
        self
    }

    /// Sets whether a file of the same name in the folder is replaced.
    #[must_use]
    pub fn overwrite(mut self, overwrite: bool) -> Self {
        self.overwrite = Some(overwrite);
        self
    }

    /// Sets how long HubSpot keeps the file (an ISO 8601 duration such as `P1M`).
    #[must_use]
    pub fn ttl(mut self, ttl: impl Into<String>) -> Self {
        self.ttl = Some(ttl.into());
        self
    }

    /// Whether sending the upload twice leaves one file: a duplicate is answered with the
    /// first, or replaces it.
    #[must_use]
    pub fn is_retry_safe(&self) -> bool {
        self.duplicate_validation_strategy == Some(DuplicateStrategy::ReturnExisting)
            || self.overwrite == Some(true)
    }
}

/// Where an uploaded file's content comes from.
#[derive(Debug, Clone)]
enum Content {
    /// A file on disk, read again for each attempt.
    Path(PathBuf),
    /// Bytes in memory, with the file's name.
    Bytes(String, Bytes),
}

/// Where an upload goes.
#[derive(Debug, Clone)]
enum Folder {
    Path(String),
    Id(String),
}

/// One file to upload: its content, its folder and its [`UploadOptions`].
#[derive(Debug, Clone)]
#[must_use]
pub struct Upload {
    content: Content,
    content_type: &'static str,
    name: Option<String>,
    folder: Folder,
    options: UploadOptions,
}

impl Upload {
    /// The file at `path`, into the folder at `folder_path` (created if missing).
    pub fn path(
        path: impl Into<PathBuf>,
        folder_path: impl Into<String>,
        options: UploadOptions,
    ) -> Self {
        Self::new(Content::Path(path.into()), folder_path, options)
    }

    /// `content` as a file named `file_name`, into the folder at `folder_path`.
    pub fn bytes(
        file_name: impl Into<String>,
        content: impl Into<Bytes>,
        folder_path: impl Into<String>,
        options: UploadOptions,
    ) -> Self {
        Self::new(
            Content::Bytes(file_name.into(), content.into()),
            folder_path,
            options,
        )
    }

    fn new(content: Content, folder_path: impl Into<String>, options: UploadOptions) -> Self {
        Self {
            content,
            content_type: "application/octet-stream",
            name: None,
            folder: Folder::Path(folder_path.into()),
            options,
        }
    }

    /// Into the folder with this id instead of a path.
    pub fn folder_id(mut self, id: impl Into<String>) -> Self {
        self.folder = Folder::Id(id.into());
        self
    }

    /// Names the stored file (`fileName`); by default HubSpot uses the uploaded file's name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The content's media type (`application/octet-stream` unless set).
    pub fn content_type(mut self, content_type: &'static str) -> Self {
        self.content_type = content_type;
        self
    }

    fn into_parts(self, with_folder: bool) -> Result<(Multipart, bool), Error> {
        let retry_safe = self.options.is_retry_safe();
        let options = serde_json::to_string(&self.options).map_err(Error::Encode)?;
        let mut body = match self.content {
            Content::Path(path) => Multipart::new().file("file", path, self.content_type),
            Content::Bytes(name, bytes) => {
                Multipart::new().bytes("file", name, self.content_type, bytes)
            }
        };
        if let Some(name) = self.name {
            body = body.text("fileName", name);
        }
        if with_folder {
            body = match self.folder {
                Folder::Path(path) => body.text("folderPath", path),
                Folder::Id(id) => body.text("folderId", id),
            };
        }
        Ok((body.text("options", options), retry_safe))
    }
}

/// Upload a file. It is retried through rate limits and dropped connections only when
/// [`UploadOptions::is_retry_safe`] (a duplicate returns the existing file, or overwrites it);
/// otherwise it is sent once, so it is never stored twice. A file on disk is read again for
/// each attempt.
///
/// # Errors
/// [`Error::Encode`] when the options do not serialize.
pub fn upload_file(upload: Upload) -> Result<Request<models::File>, Error> {
    let (body, retry_safe) = upload.into_parts(true)?;
    Ok(self::upload(body)
        .refuses_size_with_429()
        .idempotent(retry_safe))
}

/// Replace the content of the file `file_id` (its folder stays). A replacement is retry-safe.
///
/// # Errors
/// [`Error::Encode`] when the options do not serialize.
pub fn replace_file(file_id: &str, upload: Upload) -> Result<Request<models::File>, Error> {
    let (body, _) = upload.into_parts(false)?;
    Ok(self::replace(file_id, body).refuses_size_with_429())
}

/// Fetch the content of the file `file_id`: a signed URL is asked for, then read without the
/// HubSpot token (it is on another host), bounded like any response.
///
/// # Errors
/// The signed-URL call's error, or the download's (an error status, a host that is neither
/// https nor loopback, a file over the client's `max_response_bytes`).
pub fn download(file_id: &str) -> Pending<Bytes> {
    let file_id = file_id.to_owned();
    Pending::new(move |client| async move {
        let url = signed_download_url(&client, &file_id).await?;
        client.download(&url).await
    })
}

/// Stream the content of the file `file_id` to `writer` (a `tokio::fs::File`, say) in constant
/// memory, whatever its size: as [`download`], without the client's `max_response_bytes`;
/// `progress` is told after every chunk. Returns the bytes written.
///
/// # Errors
/// The signed-URL call's error, the download's error status, or [`Error::Write`] when the
/// writer fails.
pub async fn download_to<W: AsyncWrite + Unpin + Send + ?Sized>(
    client: &Client,
    file_id: &str,
    writer: &mut W,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<u64, Error> {
    let url = signed_download_url(client, file_id).await?;
    client.download_to(&url, writer, progress).await
}

async fn signed_download_url(client: &Client, file_id: &str) -> Result<String, Error> {
    let signed = signed_url::get(file_id, &models::SignedUrlGetQuery::default())
        .send(client)
        .await?;
    signed.url.ok_or_else(|| {
        Error::InvalidRequest(format!(
            "the signed URL answer for file {file_id} has no `url`"
        ))
    })
}

/// Import the file at a URL (HubSpot fetches it) and wait for its task to complete, within the
/// client's deadline.
///
/// # Errors
/// The start or status call's error; `Error::GaveUp` when the deadline passes first;
/// `Error::InvalidRequest` when the task was canceled or completed without a file.
pub fn import_and_wait(input: &models::ImportFromUrlInput) -> Pending<models::File> {
    let start = import_from_url::start(input);
    Pending::new(move |client| async move {
        let task = start.send(&client).await?;
        let id = task.id.ok_or_else(|| {
            Error::InvalidRequest("the import answer names no task `id` to wait for".into())
        })?;
        client
            .poll(POLL_INTERVAL, || async {
                let status = import_from_url::status(&id).send(&client).await?;
                match status.status {
                    Some(models::FileActionResponseStatus::Complete) => {
                        status.result.map(Some).ok_or_else(|| {
                            Error::InvalidRequest(format!(
                                "import task {id} completed without a file"
                            ))
                        })
                    }
                    Some(models::FileActionResponseStatus::Canceled) => Err(Error::InvalidRequest(
                        format!("import task {id} was canceled"),
                    )),
                    _ => Ok(None),
                }
            })
            .await
    })
}
