//! An application declares an endpoint the SDK does not cover, depending only on the public crates.
use hubspot_crm::{Request, hubspot_endpoint};

#[derive(serde::Deserialize)]
pub struct Property {
    pub name: String,
    pub label: String,
}

#[derive(serde::Serialize)]
pub struct Archived {
    pub archived: bool,
}

/// Read one property definition.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/v3/properties/<object_type>/<property_name>"
)]
pub fn property(object_type: &str, property_name: &str, #[query] query: &Archived) -> Property;

pub(crate) fn main() {
    let request: Request<Property> = property("deals", "amount", &Archived { archived: false });
    assert_eq!(
        request.path_and_query(),
        "/crm/v3/properties/deals/amount?archived=false"
    );
}
