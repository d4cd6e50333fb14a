use hubspot_crm::hubspot_endpoint;

#[hubspot_endpoint(method = "GET", path = "/crm/v3/properties/<type>")]
pub fn list();

fn main() {}
