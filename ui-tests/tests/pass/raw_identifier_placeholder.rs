//! A placeholder named by a keyword is filled by a raw-identifier parameter.
use hubspot_crm::{Request, hubspot_endpoint};

#[hubspot_endpoint(method = "GET", path = "/crm/v3/properties/<type>/<name>")]
pub fn property(r#type: &str, name: &str) -> serde_json::Value;

pub(crate) fn main() {
    let request: Request<serde_json::Value> = property("deals", "amount");
    assert_eq!(request.path(), "/crm/v3/properties/deals/amount");
}
