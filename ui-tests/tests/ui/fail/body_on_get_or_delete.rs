use hubspot_crm::hubspot_endpoint;

#[derive(serde::Serialize)]
pub struct Input {}

#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals")]
pub fn list(#[body] input: &Input);

#[hubspot_endpoint(method = "DELETE", path = "/crm/v3/objects/deals/<id>")]
pub fn archive(id: &str, #[body] input: &Input);

fn main() {}
