use hubspot_crm::hubspot_endpoint;

#[hubspot_endpoint(method = "GET", path = "/cms/source-code/2026-03/draft/content/<..>")]
pub fn content(path: &str);

fn main() {}
