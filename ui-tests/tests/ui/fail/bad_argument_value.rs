use hubspot_crm::hubspot_endpoint;

// One error, on `GET`: the path after it is still read, so it is not reported missing.
#[hubspot_endpoint(method = GET, path = "/crm/v3/objects/deals")]
pub fn list();

#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals/<id>", idempotent = "yes")]
pub fn get(id: &str);

fn main() {}
