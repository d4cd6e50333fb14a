use hubspot_crm::hubspot_endpoint;

#[derive(serde::Serialize)]
pub struct Input {}

#[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/<type>/<id>", timeout = 5)]
pub fn get(id: &str, extra: u32, #[body] input: &Input);

fn caller() {
    // No cascade: the function still exists with its declared signature.
    let _ = get("1", 2, &Input {});
}

fn main() {}
