use hubspot_crm::hubspot_endpoint;

#[hubspot_endpoint(method = "GET", path = "/cms/source-code/2026-03/<path..>/metadata")]
pub fn metadata(path: &str);

fn main() {}
