//! Deals: every CRM object operation on `/crm/v3/objects/deals`.
//!
//! Each function returns a [`Request`](hubspot_runtime::Request): `.await` it (default client) or
//! `.send(&client)`. For typed properties, decode as `Deal<YourStruct>` with
//! [`Request::decode_as`](hubspot_runtime::Request::decode_as).

use hubspot_runtime::hubspot_endpoint;
use serde::Serialize;

use crate::models::{
    ArchivedOption, BatchInput, BatchReadInput, BatchResult, CreateInput, Deal, DealId, IdInput,
    IdProperty, ListOptions, MergeInput, ObjectInput, Page, ReadOptions, SearchPage, SearchRequest,
    UpdateInput, UpsertInput, Upserted,
};

/// Read a deal with its default properties.
///
/// # Errors
/// `Error::Api` with status 404 when no live deal has this id.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals/<id>")]
pub fn get(id: &DealId) -> Deal;

/// Read a deal with chosen properties, history and associations (or by a unique property).
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals/<id>")]
pub fn get_with(id: &DealId, #[query] options: &ReadOptions) -> Deal;

/// Read the deal whose unique property `by` holds `value` (an e-mail, a key of yours).
///
/// # Errors
/// `Error::Api` with status 404 when none does.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals/<value>")]
pub fn get_by(value: &str, #[query] by: &IdProperty) -> Deal;

/// List deals, one page; [`paging::list_all`](crate::paging::list_all) follows every page.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals")]
pub fn list(#[query] options: &ListOptions) -> Page<Deal>;

/// Create a deal (201). Not retried once it may have reached HubSpot: see `batch_upsert`
/// for a retry-safe write.
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/deals")]
pub fn create<P: Serialize>(#[body] input: &CreateInput<P>) -> Deal;

/// Overwrite a deal's properties (an empty string clears one).
#[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/deals/<id>")]
pub fn update<P: Serialize>(id: &DealId, #[body] input: &ObjectInput<P>) -> Deal;

/// Overwrite the properties of the deal whose unique property `by` has the value `value`.
#[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/deals/<value>")]
pub fn update_by<P: Serialize>(
    value: &str,
    #[query] by: &IdProperty,
    #[body] input: &ObjectInput<P>,
) -> Deal;

/// Archive a deal (204; restorable for 90 days).
#[hubspot_endpoint(method = "DELETE", path = "/crm/v3/objects/deals/<id>")]
pub fn archive(id: &DealId);

/// Read up to 100 deals by id; the ones not found are in the result's `errors` (207).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/deals/batch/read",
    idempotent = true
)]
pub fn batch_read(
    #[query] options: &ArchivedOption,
    #[body] input: &BatchReadInput,
) -> BatchResult<Deal>;

/// Create up to 100 deals (201, or 207 with per-item errors).
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/deals/batch/create")]
pub fn batch_create<P: Serialize>(#[body] input: &BatchInput<CreateInput<P>>) -> BatchResult<Deal>;

/// Update up to 100 deals by id (200, or 207 with per-item errors).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/deals/batch/update",
    idempotent = true
)]
pub fn batch_update<P: Serialize>(#[body] input: &BatchInput<UpdateInput<P>>) -> BatchResult<Deal>;

/// Create or update up to 100 deals by a unique property: safe to retry.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/deals/batch/upsert",
    idempotent = true
)]
pub fn batch_upsert<P: Serialize>(
    #[body] input: &BatchInput<UpsertInput<P>>,
) -> BatchResult<Upserted<DealId>>;

/// Archive up to 100 deals (204).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/deals/batch/archive",
    idempotent = true
)]
pub fn batch_archive(#[body] input: &BatchInput<IdInput>);

/// Search deals, one page; [`paging::search_all`](crate::paging::search_all) follows every page.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/deals/search",
    idempotent = true,
    lane = "search"
)]
pub fn search(#[body] request: &SearchRequest) -> SearchPage<Deal>;

/// Merge one deal into another; returns the deal that stays.
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/deals/merge")]
pub fn merge(#[body] input: &MergeInput) -> Deal;
