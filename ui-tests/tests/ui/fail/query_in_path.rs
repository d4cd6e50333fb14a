use hubspot_crm::hubspot_endpoint;

#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals?limit=10")]
pub fn list();

fn main() {}
