use hubspot_crm::hubspot_endpoint;

#[derive(serde::Serialize)]
pub struct Input {}

#[hubspot_endpoint(method = "POST", path = "/crm/v3/objects/deals")]
pub fn create(#[body] #[query] input: &Input);

fn main() {}
