use hubspot_crm::{Request, hubspot_endpoint};

/// Archive a deal: HubSpot answers 204 with no body.
#[hubspot_endpoint(method = "DELETE", path = "/crm/v3/objects/deals/<id>")]
pub fn archive(id: &str);

/// A POST that is not idempotent by default and is not made so.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/deals/<id>/touch",
    idempotent = false
)]
pub fn touch(id: &str) -> ();

pub(crate) fn main() {
    let request: Request<()> = archive("1");
    assert!(request.is_idempotent());
    assert!(request.body().is_none());
    assert!(!touch("1").is_idempotent());
}
