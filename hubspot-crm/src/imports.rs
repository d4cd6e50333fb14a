//! CRM imports (`/crm/imports/2026-03`): start one from a CSV file, follow it, page through its
//! errors. Starting one is a multipart upload: the file is read again for each attempt, so a
//! dropped connection is retried with the same file, and a file HubSpot refuses as too large
//! (its 429 that is not a rate limit) is [`Error::TooLarge`] at once.
//!
//! ```no_run
//! use hubspot_crm::{imports, models::{ImportRequest, ObjectType}};
//!
//! # async fn run() -> Result<(), hubspot_crm::Error> {
//! let request = ImportRequest::csv("Spring contacts", &ObjectType::Contacts, "contacts.csv")
//!     .column("Email", "email")
//!     .column("First name", "firstname");
//! let started = imports::start(&request, "contacts.csv")?.await?;
//! // HubSpot's schema calls `id` required, but an answer may omit it: it is an `Option`.
//! if let Some(id) = started.id.as_deref().and_then(|id| id.parse().ok()) {
//!     let errors = imports::errors::list(id, &Default::default()).await?;
//!     println!("{} rows failed", errors.results.len());
//! }
//! # Ok(()) }
//! ```

use std::path::PathBuf;

use crate::models::ImportRequest;
use crate::{Error, Multipart, Request, hubspot_endpoint};

pub use crate::generated::imports::*;

/// Start an import from a multipart body: an `importRequest` part (JSON) and `files` parts.
/// [`start`] builds the body from a typed request and one file.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/imports/2026-03",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn upload(#[multipart] body: Multipart) -> models::PublicImportResponse;

/// Start importing the CSV file at `file` as `request` describes. The file is opened again for
/// each attempt; a file HubSpot refuses as too large ends the call with `Error::TooLarge`.
///
/// An import that creates records is a write like any create: never sent twice, so it is not
/// retried once it may have reached HubSpot. One that upserts by a unique property
/// ([`ImportRequest::upsert_by`]) is retry-safe, and is retried like a batch upsert.
///
/// # Errors
/// [`Error::Encode`] when the request does not serialize.
pub fn start(
    request: &ImportRequest,
    file: impl Into<PathBuf>,
) -> Result<Request<models::PublicImportResponse>, Error> {
    let body = Multipart::new()
        .json("importRequest", request)?
        .file("files", file, "text/csv");
    Ok(upload(body)
        .refuses_size_with_429()
        .idempotent(request.is_upsert()))
}
