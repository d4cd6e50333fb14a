use hubspot_crm::hubspot_endpoint;

// The path is written in 2026-09, but the first version listed is 2026-03.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/objects/2026-09/deals/<id>",
    versions = "2026-03, 2026-09"
)]
pub fn get(id: &str);

// A version that is not a date, and one listed twice.
#[hubspot_endpoint(method = "GET", path = "/crm/objects/2026-03/deals", versions = "2026-03, v3")]
pub fn list();

#[hubspot_endpoint(method = "GET", path = "/crm/objects/2026-03/deals", versions = "2026-03 2026-03")]
pub fn list_twice();

// The version must be a whole path segment.
#[hubspot_endpoint(method = "GET", path = "/crm/objects/x2026-03/deals", versions = "2026-03")]
pub fn glued();

fn main() {}
