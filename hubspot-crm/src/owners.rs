//! CRM owners (read-only).

use crate::hubspot_endpoint;

use crate::models::{Owner, OwnerId, Page, PageOptions};

/// List owners, one page.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/owners/2026-03",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn list(#[query] options: &PageOptions) -> Page<Owner>;

/// Read one owner.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/owners/2026-03/<id>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn get(id: &OwnerId) -> Owner;
