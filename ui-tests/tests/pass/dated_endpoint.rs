use hubspot_crm::{ApiVersion, hubspot_endpoint};

/// Read a deal in whichever dated version the client uses.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/objects/2026-03/deals/<id>",
    versions = "2026-03, 2026-09"
)]
pub fn get(id: &str) -> serde_json::Value;

/// A path ending in its version.
#[hubspot_endpoint(method = "GET", path = "/crm/lists/2026-03", versions = "2026-03")]
pub fn lists() -> serde_json::Value;

pub(crate) fn main() {
    let request = get("7");
    assert_eq!(request.path(), "/crm/objects/2026-03/deals/7");
    assert_eq!(request.available_versions(), ["2026-03", "2026-09"]);
    let request = request.api_version(&ApiVersion::V2026_09);
    assert_eq!(request.path(), "/crm/objects/2026-09/deals/7");
    assert_eq!(lists().path(), "/crm/lists/2026-03");
}
