use hubspot_crm::hubspot_endpoint;

#[hubspot_endpoint(method = "GET")]
pub fn list();

fn main() {}
