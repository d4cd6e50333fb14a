use hubspot_crm::hubspot_endpoint;

#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals/<id")]
pub fn get(id: &str);

fn main() {}
