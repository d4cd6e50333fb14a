use hubspot_crm::hubspot_endpoint;

pub struct Deals;

impl Deals {
    #[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals/<id>")]
    pub fn get(&self, id: &str);
}

fn main() {}
