use hubspot_crm::hubspot_endpoint;

pub struct Deal {
    pub id: String,
}

#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals/<id>")]
pub fn get(id: &str) -> Deal;

fn main() {}
