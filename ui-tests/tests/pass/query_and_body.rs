use hubspot_crm::{Lane, Method, Request, hubspot_endpoint};

#[derive(serde::Serialize)]
pub struct Search {
    pub query: String,
}

#[derive(serde::Serialize)]
pub struct Options {
    pub archived: Option<bool>,
    pub properties: Vec<String>,
}

#[derive(serde::Deserialize)]
pub struct Page {
    pub total: u32,
}

/// Search deals.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/v3/objects/deals/search",
    idempotent = true,
    lane = "search"
)]
pub fn search(#[query] options: &Options, #[body] search: &Search) -> Page;

pub(crate) fn main() {
    let options = Options {
        archived: None,
        properties: vec!["a".into(), "b".into()],
    };
    let request: Request<Page> = search(&options, &Search { query: "x".into() });
    assert_eq!(request.method(), Method::Post);
    assert_eq!(
        request.path_and_query(),
        "/crm/v3/objects/deals/search?properties=a&properties=b"
    );
    assert_eq!(request.body(), Some(&br#"{"query":"x"}"#[..]));
    assert!(request.is_idempotent());
    assert_eq!(request.lane(), Lane::Search);
}
