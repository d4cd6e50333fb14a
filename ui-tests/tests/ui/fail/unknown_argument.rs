use hubspot_crm::hubspot_endpoint;

#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals", retries = 3)]
pub fn list();

fn main() {}
