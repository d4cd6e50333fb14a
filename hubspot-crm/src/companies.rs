//! Companies: every CRM object operation on `/crm/v3/objects/companies`.
//!
//! Each function returns a [`Request`](hubspot_runtime::Request): `.await` it (default client) or
//! `.send(&client)`. For typed properties, decode as `Company<YourStruct>` with
//! [`Request::decode_as`](hubspot_runtime::Request::decode_as).

use hubspot_runtime::hubspot_endpoint;
use serde::Serialize;

use crate::models::{
    ArchivedOption, BatchInput, BatchReadInput, BatchResult, Company, CompanyId, CreateInput,
    IdInput, IdProperty, ListOptions, MergeInput, ObjectInput, Page, ReadOptions, SearchPage,
    SearchRequest, UpdateInput, UpsertInput, Upserted,
};

/// Read a company with its default properties.
///
/// # Errors
/// `Error::Api` with status 404 when no live company has this id.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/companies/<id>")]
pub fn get(id: &CompanyId) -> Company;

/// Read a company with chosen properties, history and associations (or by a unique property).
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/companies/<id>")]
pub fn get_with(id: &CompanyId, #[query] options: &ReadOptions) -> Company;

/// Read the company whose unique property `by` holds `value` (an e-mail, a key of yours).
///
/// # Errors
/// `Error::Api` with status 404 when none does.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/companies/<value>")]
pub fn get_by(value: &str, #[query] by: &IdProperty) -> Company;

/// List companies, one page; [`paging::list_all`](crate::paging::list_all) follows every page.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/companies")]
pub fn list(#[query] options: &ListOptions) -> Page<Company>;

/// Create a company (201). Not retried once it may have reached HubSpot: see `batch_upsert`
/// for a retry-safe write.
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/companies")]
pub fn create<P: Serialize>(#[body] input: &CreateInput<P>) -> Company;

/// Overwrite a company's properties (an empty string clears one).
#[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/companies/<id>")]
pub fn update<P: Serialize>(id: &CompanyId, #[body] input: &ObjectInput<P>) -> Company;

/// Overwrite the properties of the company whose unique property `by` has the value `value`.
#[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/companies/<value>")]
pub fn update_by<P: Serialize>(
    value: &str,
    #[query] by: &IdProperty,
    #[body] input: &ObjectInput<P>,
) -> Company;

/// Archive a company (204; restorable for 90 days).
#[hubspot_endpoint(method = "DELETE", path = "/crm/v3/objects/companies/<id>")]
pub fn archive(id: &CompanyId);

/// Read up to 100 companies by id; the ones not found are in the result's `errors` (207).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/companies/batch/read",
    idempotent = true
)]
pub fn batch_read(
    #[query] options: &ArchivedOption,
    #[body] input: &BatchReadInput,
) -> BatchResult<Company>;

/// Create up to 100 companies (201, or 207 with per-item errors).
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/companies/batch/create")]
pub fn batch_create<P: Serialize>(
    #[body] input: &BatchInput<CreateInput<P>>,
) -> BatchResult<Company>;

/// Update up to 100 companies by id (200, or 207 with per-item errors).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/companies/batch/update",
    idempotent = true
)]
pub fn batch_update<P: Serialize>(
    #[body] input: &BatchInput<UpdateInput<P>>,
) -> BatchResult<Company>;

/// Create or update up to 100 companies by a unique property: safe to retry.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/companies/batch/upsert",
    idempotent = true
)]
pub fn batch_upsert<P: Serialize>(
    #[body] input: &BatchInput<UpsertInput<P>>,
) -> BatchResult<Upserted<CompanyId>>;

/// Archive up to 100 companies (204).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/companies/batch/archive",
    idempotent = true
)]
pub fn batch_archive(#[body] input: &BatchInput<IdInput>);

/// Search companies, one page; [`paging::search_all`](crate::paging::search_all) follows every page.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/companies/search",
    idempotent = true,
    lane = "search"
)]
pub fn search(#[body] request: &SearchRequest) -> SearchPage<Company>;

/// Merge one company into another; returns the company that stays.
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/companies/merge")]
pub fn merge(#[body] input: &MergeInput) -> Company;
