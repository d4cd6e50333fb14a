use hubspot_crm::hubspot_endpoint;

#[derive(serde::Serialize)]
pub struct Input {}

#[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/deals/<id>")]
pub fn update(id: &str, input: &Input);

fn main() {}
