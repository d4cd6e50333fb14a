//! Every object operation, for a type chosen at run time: a custom object, or any standard type
//! through [`ObjectType`]. The typed modules ([`crate::deals`], [`crate::notes`], …) call these.
//!
//! ```no_run
//! use hubspot_crm::{objects, models::{CreateInput, ObjectType}};
//!
//! # async fn run() -> Result<(), hubspot_crm::Error> {
//! let cars = ObjectType::custom("p1234_cars");
//! let car = objects::create(&cars, &CreateInput::new().set("model", "Model T")).await?;
//! let again = objects::get(&cars, &car.id).await?;
//! assert_eq!(again.property("model"), Some("Model T"));
//! # Ok(()) }
//! ```

use serde::Serialize;

use crate::hubspot_endpoint;

// The operations HubSpot's spec has beyond the ones declared here, generated.
pub use crate::generated::objects::*;
use crate::models::{
    ArchivedOption, BatchInput, BatchReadInput, BatchResult, CreateInput, IdInput, IdProperty,
    ListOptions, MergeInput, ObjectInput, ObjectType, Page, ReadOptions, Record, SearchPage,
    SearchRequest, UpdateInput, UpsertInput, Upserted,
};

/// The operations every object type shares, under one base path.
macro_rules! object_endpoints {
    ($base:literal, $versions:literal) => {
        /// Read one record by id, with its default properties.
        ///
        /// # Errors
        /// `Error::Api` with status 404 when no live record has this id.
        #[hubspot_endpoint(method = "GET", versions = $versions, path = concat!($base, "/<object_type>/<id>"))]
        pub fn get(object_type: &ObjectType, id: &str) -> Record;

        /// Read one record with chosen properties, history and associations.
        #[hubspot_endpoint(method = "GET", versions = $versions, path = concat!($base, "/<object_type>/<id>"))]
        pub fn get_with(object_type: &ObjectType, id: &str, #[query] options: &ReadOptions) -> Record;

        /// Read the record whose unique property `by` holds `value`.
        ///
        /// # Errors
        /// `Error::Api` with status 404 when none does.
        #[hubspot_endpoint(method = "GET", versions = $versions, path = concat!($base, "/<object_type>/<value>"))]
        pub fn get_by(object_type: &ObjectType, value: &str, #[query] by: &IdProperty) -> Record;

        /// List records, one page; [`paging::list_all`](crate::paging::list_all) follows every page.
        #[hubspot_endpoint(method = "GET", versions = $versions, path = concat!($base, "/<object_type>"))]
        pub fn list(object_type: &ObjectType, #[query] options: &ListOptions) -> Page<Record>;

        /// Create a record (201), with associations if the input has them.
        #[hubspot_endpoint(method = "POST", versions = $versions, path = concat!($base, "/<object_type>"))]
        pub fn create<P: Serialize>(object_type: &ObjectType, #[body] input: &CreateInput<P>) -> Record;

        /// Overwrite a record's properties (an empty string clears one).
        #[hubspot_endpoint(method = "PATCH", versions = $versions, path = concat!($base, "/<object_type>/<id>"))]
        pub fn update<P: Serialize>(
            object_type: &ObjectType,
            id: &str,
            #[body] input: &ObjectInput<P>,
        ) -> Record;

        /// Overwrite the properties of the record whose unique property `by` holds `value`.
        #[hubspot_endpoint(method = "PATCH", versions = $versions, path = concat!($base, "/<object_type>/<value>"))]
        pub fn update_by<P: Serialize>(
            object_type: &ObjectType,
            value: &str,
            #[query] by: &IdProperty,
            #[body] input: &ObjectInput<P>,
        ) -> Record;

        /// Archive a record (204; restorable for 90 days).
        #[hubspot_endpoint(method = "DELETE", versions = $versions, path = concat!($base, "/<object_type>/<id>"))]
        pub fn archive(object_type: &ObjectType, id: &str);

        /// Read up to 100 records by id; the ones not found are in the result's `errors` (207).
        #[hubspot_endpoint(method = "POST", versions = $versions, path = concat!($base, "/<object_type>/batch/read"), idempotent = true)]
        pub fn batch_read(
            object_type: &ObjectType,
            #[query] options: &ArchivedOption,
            #[body] input: &BatchReadInput,
        ) -> BatchResult<Record>;

        /// Create up to 100 records (201, or 207 with per-item errors).
        #[hubspot_endpoint(method = "POST", versions = $versions, path = concat!($base, "/<object_type>/batch/create"))]
        pub fn batch_create<P: Serialize>(
            object_type: &ObjectType,
            #[body] input: &BatchInput<CreateInput<P>>,
        ) -> BatchResult<Record>;

        /// Update up to 100 records by id (200, or 207 with per-item errors).
        #[hubspot_endpoint(method = "POST", versions = $versions, path = concat!($base, "/<object_type>/batch/update"), idempotent = true)]
        pub fn batch_update<P: Serialize>(
            object_type: &ObjectType,
            #[body] input: &BatchInput<UpdateInput<P>>,
        ) -> BatchResult<Record>;

        /// Create or update up to 100 records by a unique property.
        #[hubspot_endpoint(method = "POST", versions = $versions, path = concat!($base, "/<object_type>/batch/upsert"), idempotent = true)]
        pub fn batch_upsert<P: Serialize>(
            object_type: &ObjectType,
            #[body] input: &BatchInput<UpsertInput<P>>,
        ) -> BatchResult<Upserted<String>>;

        /// Archive up to 100 records (204).
        #[hubspot_endpoint(method = "POST", versions = $versions, path = concat!($base, "/<object_type>/batch/archive"), idempotent = true)]
        pub fn batch_archive(object_type: &ObjectType, #[body] input: &BatchInput<IdInput>);

        /// Search records, one page; [`paging::search_all`](crate::paging::search_all) follows
        /// every page, past HubSpot's 10,000-result cap where the request allows it.
        #[hubspot_endpoint(method = "POST", versions = $versions, path = concat!($base, "/<object_type>/search"), idempotent = true, lane = "search")]
        pub fn search(object_type: &ObjectType, #[body] request: &SearchRequest) -> SearchPage<Record>;

        /// Merge one record into another; returns the record that stays. HubSpot merges
        /// contacts, companies, deals and tickets.
        #[hubspot_endpoint(method = "POST", versions = $versions, path = concat!($base, "/<object_type>/merge"))]
        pub fn merge(object_type: &ObjectType, #[body] input: &MergeInput) -> Record;
    };
}

object_endpoints!(
    "/crm/objects/2026-03",
    "2026-03, 2025-09, 2026-09, 2026-09-beta, 2027-03-beta"
);

/// Writes one typed module per row of the object table: each operation is an annotated
/// signature on the row's own path, so the macro writes its function, docs and retry-safety.
/// A row names the groups of operations HubSpot's spec of that type has.
macro_rules! object_modules {
    ($($base:literal $versions:literal {
        $($module:ident $variant:ident $record:ident $id:ident $segment:literal $type_id:literal $noun:literal [$($group:ident)*];)*
    })*) => {$($(
        #[doc = concat!("The ", $noun, " object (`", $type_id, "`): its operations on `", $base, "/", $segment, "`.")]
        ///
        /// Each function returns a [`Request`](crate::Request): `.await` it (scoped or default
        /// client) or `.send(&client)`. An id parameter takes a typed id, a reference to one,
        /// or text: `get("123")`, `get(&deal.id)`. For typed properties, decode with
        /// [`Request::decode_as`](crate::Request::decode_as).
        pub mod $module {
            #[allow(unused_imports)]
            use crate::models::{$id, $record};

            $(crate::objects::object_group!($group $base $versions $segment $noun $record $id);)*
        }
    )*)*};
}

/// The operations of one group (`read`, `search`, `write`, `merge`, `gdpr_delete`) for a row.
macro_rules! object_group {
    (read $base:literal $versions:literal $segment:literal $noun:literal $record:ident $id:ident) => {
        #[doc = concat!("Read one ", $noun, " by id, with its default properties.")]
        ///
        /// # Errors
        #[doc = concat!("`Error::Api` with status 404 when no live ", $noun, " has this id.")]
        #[crate::hubspot_endpoint(method = "GET", path = concat!($base, "/", $segment, "/<id>"), versions = $versions)]
        pub fn get(id: impl Into<$id>) -> $record;

        #[doc = concat!("Read one ", $noun, " with chosen properties, history and associations.")]
        #[crate::hubspot_endpoint(method = "GET", path = concat!($base, "/", $segment, "/<id>"), versions = $versions)]
        pub fn get_with(id: impl Into<$id>, #[query] options: &crate::models::ReadOptions) -> $record;

        #[doc = concat!("Read the ", $noun, " whose unique property `by` holds `value`.")]
        ///
        /// # Errors
        /// `Error::Api` with status 404 when none does.
        #[crate::hubspot_endpoint(method = "GET", path = concat!($base, "/", $segment, "/<value>"), versions = $versions)]
        pub fn get_by(value: &str, #[query] by: &crate::models::IdProperty) -> $record;

        #[doc = concat!("List ", $noun, " records, one page; [`paging::list_all`](crate::paging::list_all) follows every page.")]
        #[crate::hubspot_endpoint(method = "GET", path = concat!($base, "/", $segment), versions = $versions)]
        pub fn list(#[query] options: &crate::models::ListOptions) -> crate::models::Page<$record>;

        #[doc = concat!("Read up to 100 ", $noun, " records by id; the ones not found are in the result's `errors` (207).")]
        #[crate::hubspot_endpoint(method = "POST", path = concat!($base, "/", $segment, "/batch/read"), idempotent = true, versions = $versions)]
        pub fn batch_read(
            #[query] options: &crate::models::ArchivedOption,
            #[body] input: &crate::models::BatchReadInput,
        ) -> crate::models::BatchResult<$record>;
    };
    (search $base:literal $versions:literal $segment:literal $noun:literal $record:ident $id:ident) => {
        #[doc = concat!("Search ", $noun, " records, one page; [`paging::search_all`](crate::paging::search_all) follows every page.")]
        #[crate::hubspot_endpoint(method = "POST", path = concat!($base, "/", $segment, "/search"), idempotent = true, lane = "search", versions = $versions)]
        pub fn search(#[body] request: &crate::models::SearchRequest) -> crate::models::SearchPage<$record>;
    };
    (write $base:literal $versions:literal $segment:literal $noun:literal $record:ident $id:ident) => {
        #[doc = concat!("Create one ", $noun, " (201), with associations if the input has them; `batch_upsert` is the retry-safe create.")]
        #[crate::hubspot_endpoint(method = "POST", path = concat!($base, "/", $segment), versions = $versions)]
        pub fn create<P: serde::Serialize>(#[body] input: &crate::models::CreateInput<P>) -> $record;

        #[doc = concat!("Overwrite one ", $noun, "'s properties (an empty string clears one).")]
        #[crate::hubspot_endpoint(method = "PATCH", path = concat!($base, "/", $segment, "/<id>"), versions = $versions)]
        pub fn update<P: serde::Serialize>(id: impl Into<$id>, #[body] input: &crate::models::ObjectInput<P>) -> $record;

        #[doc = concat!("Overwrite the properties of the ", $noun, " whose unique property `by` holds `value`.")]
        #[crate::hubspot_endpoint(method = "PATCH", path = concat!($base, "/", $segment, "/<value>"), versions = $versions)]
        pub fn update_by<P: serde::Serialize>(
            value: &str,
            #[query] by: &crate::models::IdProperty,
            #[body] input: &crate::models::ObjectInput<P>,
        ) -> $record;

        #[doc = concat!("Archive one ", $noun, " (204; restorable for 90 days).")]
        #[crate::hubspot_endpoint(method = "DELETE", path = concat!($base, "/", $segment, "/<id>"), versions = $versions)]
        pub fn archive(id: impl Into<$id>);

        #[doc = concat!("Create up to 100 ", $noun, " records (201, or 207 with per-item errors).")]
        #[crate::hubspot_endpoint(method = "POST", path = concat!($base, "/", $segment, "/batch/create"), versions = $versions)]
        pub fn batch_create<P: serde::Serialize>(
            #[body] input: &crate::models::BatchInput<crate::models::CreateInput<P>>,
        ) -> crate::models::BatchResult<$record>;

        #[doc = concat!("Update up to 100 ", $noun, " records by id (200, or 207 with per-item errors).")]
        #[crate::hubspot_endpoint(method = "POST", path = concat!($base, "/", $segment, "/batch/update"), idempotent = true, versions = $versions)]
        pub fn batch_update<P: serde::Serialize>(
            #[body] input: &crate::models::BatchInput<crate::models::UpdateInput<P>>,
        ) -> crate::models::BatchResult<$record>;

        #[doc = concat!("Create or update up to 100 ", $noun, " records by a unique property: the retry-safe write.")]
        #[crate::hubspot_endpoint(method = "POST", path = concat!($base, "/", $segment, "/batch/upsert"), idempotent = true, versions = $versions)]
        pub fn batch_upsert<P: serde::Serialize>(
            #[body] input: &crate::models::BatchInput<crate::models::UpsertInput<P>>,
        ) -> crate::models::BatchResult<crate::models::Upserted<$id>>;

        #[doc = concat!("Archive up to 100 ", $noun, " records (204, or 200 with a body in dated versions).")]
        #[crate::hubspot_endpoint(method = "POST", path = concat!($base, "/", $segment, "/batch/archive"), idempotent = true, versions = $versions)]
        pub fn batch_archive(#[body] input: &crate::models::BatchInput<crate::models::IdInput>);
    };
    (merge $base:literal $versions:literal $segment:literal $noun:literal $record:ident $id:ident) => {
        #[doc = concat!("Merge one ", $noun, " into another; returns the ", $noun, " that stays.")]
        #[crate::hubspot_endpoint(method = "POST", path = concat!($base, "/", $segment, "/merge"), versions = $versions)]
        pub fn merge(#[body] input: &crate::models::MergeInput) -> $record;
    };
    (gdpr_delete $base:literal $versions:literal $segment:literal $noun:literal $record:ident $id:ident) => {
        /// Permanently delete a contact and its history (GDPR). An e-mail that is not found is
        /// blocklisted.
        #[crate::hubspot_endpoint(method = "POST", path = concat!($base, "/", $segment, "/gdpr-delete"), versions = $versions)]
        pub fn gdpr_delete(#[body] input: &crate::models::GdprDeleteInput);
    };
}

pub(crate) use {object_group, object_modules};
