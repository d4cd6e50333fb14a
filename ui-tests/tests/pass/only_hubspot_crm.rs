//! A newcomer's program, with `hubspot-crm` as its only SDK dependency: a default client, a
//! client scoped to a task, ids from strings, and an endpoint of its own built by a macro.
use hubspot_crm::models::{DealId, ObjectInput};
use hubspot_crm::{Client, Error, Request, deals, hubspot_endpoint, set_default_client};

macro_rules! v3 {
    ($name:ident, $object:literal) => {
        #[hubspot_endpoint(method = "GET", path = concat!("/crm/v3/objects/", $object, "/<id>"))]
        pub fn $name(id: &str) -> serde_json::Value;
    };
}

v3!(get_quote, "quotes");

async fn app() -> Result<(), Error> {
    set_default_client(Client::builder().access_token("pat-na1-…").build()?);
    let props = ObjectInput::new().set("dealstage", "closedwon");
    deals::update("123", &props).await?;

    let acme = Client::builder().access_token("acme-token").build()?;
    acme.scope(async { deals::update("456", &props).await })
        .await?;
    let id: DealId = "789".parse().unwrap_or_else(|never| match never {});
    deals::get(&id).send(&acme).await?;
    Ok(())
}

pub(crate) fn main() {
    let _never_sent = app;
    let request: Request<serde_json::Value> = get_quote("7");
    assert_eq!(request.path(), "/crm/v3/objects/quotes/7");
}
