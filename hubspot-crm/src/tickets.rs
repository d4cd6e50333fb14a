//! Tickets: every CRM object operation on `/crm/v3/objects/tickets`.
//!
//! Each function returns a [`Request`](hubspot_runtime::Request): `.await` it (default client) or
//! `.send(&client)`. For typed properties, decode as `Ticket<YourStruct>` with
//! [`Request::decode_as`](hubspot_runtime::Request::decode_as).

use hubspot_runtime::hubspot_endpoint;
use serde::Serialize;

use crate::models::{
    ArchivedOption, BatchInput, BatchReadInput, BatchResult, CreateInput, IdInput, IdProperty,
    ListOptions, MergeInput, ObjectInput, Page, ReadOptions, SearchPage, SearchRequest, Ticket,
    TicketId, UpdateInput, UpsertInput, Upserted,
};

/// Read a ticket with its default properties.
///
/// # Errors
/// `Error::Api` with status 404 when no live ticket has this id.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/tickets/<id>")]
pub fn get(id: &TicketId) -> Ticket;

/// Read a ticket with chosen properties, history and associations (or by a unique property).
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/tickets/<id>")]
pub fn get_with(id: &TicketId, #[query] options: &ReadOptions) -> Ticket;

/// Read the ticket whose unique property `by` holds `value` (an e-mail, a key of yours).
///
/// # Errors
/// `Error::Api` with status 404 when none does.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/tickets/<value>")]
pub fn get_by(value: &str, #[query] by: &IdProperty) -> Ticket;

/// List tickets, one page; [`paging::list_all`](crate::paging::list_all) follows every page.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/tickets")]
pub fn list(#[query] options: &ListOptions) -> Page<Ticket>;

/// Create a ticket (201). Not retried once it may have reached HubSpot: see `batch_upsert`
/// for a retry-safe write.
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/tickets")]
pub fn create<P: Serialize>(#[body] input: &CreateInput<P>) -> Ticket;

/// Overwrite a ticket's properties (an empty string clears one).
#[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/tickets/<id>")]
pub fn update<P: Serialize>(id: &TicketId, #[body] input: &ObjectInput<P>) -> Ticket;

/// Overwrite the properties of the ticket whose unique property `by` has the value `value`.
#[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/tickets/<value>")]
pub fn update_by<P: Serialize>(
    value: &str,
    #[query] by: &IdProperty,
    #[body] input: &ObjectInput<P>,
) -> Ticket;

/// Archive a ticket (204; restorable for 90 days).
#[hubspot_endpoint(method = "DELETE", path = "/crm/v3/objects/tickets/<id>")]
pub fn archive(id: &TicketId);

/// Read up to 100 tickets by id; the ones not found are in the result's `errors` (207).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/tickets/batch/read",
    idempotent = true
)]
pub fn batch_read(
    #[query] options: &ArchivedOption,
    #[body] input: &BatchReadInput,
) -> BatchResult<Ticket>;

/// Create up to 100 tickets (201, or 207 with per-item errors).
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/tickets/batch/create")]
pub fn batch_create<P: Serialize>(
    #[body] input: &BatchInput<CreateInput<P>>,
) -> BatchResult<Ticket>;

/// Update up to 100 tickets by id (200, or 207 with per-item errors).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/tickets/batch/update",
    idempotent = true
)]
pub fn batch_update<P: Serialize>(
    #[body] input: &BatchInput<UpdateInput<P>>,
) -> BatchResult<Ticket>;

/// Create or update up to 100 tickets by a unique property: safe to retry.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/tickets/batch/upsert",
    idempotent = true
)]
pub fn batch_upsert<P: Serialize>(
    #[body] input: &BatchInput<UpsertInput<P>>,
) -> BatchResult<Upserted<TicketId>>;

/// Archive up to 100 tickets (204).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/tickets/batch/archive",
    idempotent = true
)]
pub fn batch_archive(#[body] input: &BatchInput<IdInput>);

/// Search tickets, one page; [`paging::search_all`](crate::paging::search_all) follows every page.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/tickets/search",
    idempotent = true,
    lane = "search"
)]
pub fn search(#[body] request: &SearchRequest) -> SearchPage<Ticket>;

/// Merge one ticket into another; returns the ticket that stays.
#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/tickets/merge")]
pub fn merge(#[body] input: &MergeInput) -> Ticket;
