use hubspot_crm::{Request, hubspot_endpoint};

#[derive(serde::Deserialize)]
pub struct Labels {
    pub labels: Vec<String>,
}

/// Associate two records with their default label.
#[hubspot_endpoint(
    method = "PUT",
    path = "/crm/v4/objects/<from_type>/<from_id>/associations/default/<to_type>/<to_id>"
)]
pub fn associate(from_type: &str, from_id: u64, to_type: &str, to_id: &str) -> Labels;

pub(crate) fn main() {
    let request: Request<Labels> = associate("contacts", 42, "deals", "a/b");
    assert_eq!(
        request.path(),
        "/crm/v4/objects/contacts/42/associations/default/deals/a%2Fb"
    );
    assert_eq!(
        request.template(),
        "/crm/v4/objects/<from_type>/<from_id>/associations/default/<to_type>/<to_id>"
    );
    assert!(request.is_idempotent());
}
