//! Contacts: every CRM object operation on `/crm/v3/objects/contacts`.
//!
//! Each function returns a [`Request`](hubspot_runtime::Request): `.await` it (default client) or
//! `.send(&client)`. For typed properties, decode as `Contact<YourStruct>` with
//! [`Request::decode_as`](hubspot_runtime::Request::decode_as).

use hubspot_runtime::hubspot_endpoint;
use serde::Serialize;

use crate::models::{
    ArchivedOption, BatchInput, BatchReadInput, BatchResult, Contact, ContactId, CreateInput,
    GdprDeleteInput, IdInput, IdProperty, ListOptions, MergeInput, ObjectInput, Page, ReadOptions,
    SearchPage, SearchRequest, UpdateInput, UpsertInput, Upserted,
};

/// Read a contact with its default properties.
///
/// # Errors
/// `Error::Api` with status 404 when no live contact has this id.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/contacts/<id>")]
pub fn get(id: &ContactId) -> Contact;

/// Read a contact with chosen properties, history and associations (or by a unique property).
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/contacts/<id>")]
pub fn get_with(id: &ContactId, #[query] options: &ReadOptions) -> Contact;

/// Read the contact whose unique property `by` holds `value` (an e-mail, a key of yours).
///
/// # Errors
/// `Error::Api` with status 404 when none does.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/contacts/<value>")]
pub fn get_by(value: &str, #[query] by: &IdProperty) -> Contact;

/// List contacts, one page; [`paging::list_all`](crate::paging::list_all) follows every page.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/contacts")]
pub fn list(#[query] options: &ListOptions) -> Page<Contact>;

/// Create a contact (201). Not retried once it may have reached HubSpot: see `batch_upsert`
/// for a retry-safe write.
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/contacts")]
pub fn create<P: Serialize>(#[body] input: &CreateInput<P>) -> Contact;

/// Overwrite a contact's properties (an empty string clears one).
#[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/contacts/<id>")]
pub fn update<P: Serialize>(id: &ContactId, #[body] input: &ObjectInput<P>) -> Contact;

/// Overwrite the properties of the contact whose unique property `by` has the value `value`.
#[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/contacts/<value>")]
pub fn update_by<P: Serialize>(
    value: &str,
    #[query] by: &IdProperty,
    #[body] input: &ObjectInput<P>,
) -> Contact;

/// Archive a contact (204; restorable for 90 days).
#[hubspot_endpoint(method = "DELETE", path = "/crm/v3/objects/contacts/<id>")]
pub fn archive(id: &ContactId);

/// Read up to 100 contacts by id; the ones not found are in the result's `errors` (207).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/contacts/batch/read",
    idempotent = true
)]
pub fn batch_read(
    #[query] options: &ArchivedOption,
    #[body] input: &BatchReadInput,
) -> BatchResult<Contact>;

/// Create up to 100 contacts (201, or 207 with per-item errors).
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/contacts/batch/create")]
pub fn batch_create<P: Serialize>(
    #[body] input: &BatchInput<CreateInput<P>>,
) -> BatchResult<Contact>;

/// Update up to 100 contacts by id (200, or 207 with per-item errors).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/contacts/batch/update",
    idempotent = true
)]
pub fn batch_update<P: Serialize>(
    #[body] input: &BatchInput<UpdateInput<P>>,
) -> BatchResult<Contact>;

/// Create or update up to 100 contacts by a unique property: safe to retry.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/contacts/batch/upsert",
    idempotent = true
)]
pub fn batch_upsert<P: Serialize>(
    #[body] input: &BatchInput<UpsertInput<P>>,
) -> BatchResult<Upserted<ContactId>>;

/// Archive up to 100 contacts (204).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/contacts/batch/archive",
    idempotent = true
)]
pub fn batch_archive(#[body] input: &BatchInput<IdInput>);

/// Search contacts, one page; [`paging::search_all`](crate::paging::search_all) follows every page.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/contacts/search",
    idempotent = true,
    lane = "search"
)]
pub fn search(#[body] request: &SearchRequest) -> SearchPage<Contact>;

/// Merge one contact into another; returns the contact that stays.
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/contacts/merge")]
pub fn merge(#[body] input: &MergeInput) -> Contact;

/// Permanently delete a contact and its history (GDPR). An e-mail that is not found is blocklisted.
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/contacts/gdpr-delete")]
pub fn gdpr_delete(#[body] input: &GdprDeleteInput);
