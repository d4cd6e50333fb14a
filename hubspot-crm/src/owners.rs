//! CRM owners (read-only).

use crate::hubspot_endpoint;

use crate::models::{Owner, OwnerId, Page, PageOptions};

/// List owners, one page.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/owners")]
pub fn list(#[query] options: &PageOptions) -> Page<Owner>;

/// Read one owner.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/owners/<id>")]
pub fn get(id: &OwnerId) -> Owner;
