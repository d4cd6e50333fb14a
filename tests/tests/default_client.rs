//! Awaiting a request uses the process-wide default client. It lives in its own test binary:
//! the default client is installed once per process.

use hubspot_runtime::{Client, Error, Method, PathBuilder, Request, set_default_client};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn get() -> Request<serde_json::Value> {
    Request::new(
        Method::Get,
        "/crm/v3/objects/deals/<id>",
        PathBuilder::new()
            .literal("/crm/v3/objects/deals/")
            .param("id", &7),
    )
}

#[tokio::test]
async fn awaiting_uses_the_default_client_and_says_when_there_is_none() {
    // Before any client is installed, and with no token in the environment (CI unsets it).
    if std::env::var_os("HUBSPOT_ACCESS_TOKEN").is_none() {
        let error = get().await.unwrap_err();
        assert!(
            matches!(&error, Error::Config(m) if m.contains("HUBSPOT_ACCESS_TOKEN")),
            "{error:?}"
        );
    }

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/crm/v3/objects/deals/7"))
        .and(header("authorization", "Bearer installed"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "7"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .access_token("installed")
        .base_url(server.uri())
        .build()
        .unwrap();
    set_default_client(client).unwrap();
    let deal = get().await.unwrap();
    assert_eq!(deal["id"], "7");

    let again = Client::builder().access_token("second").build().unwrap();
    assert!(
        set_default_client(again).is_err(),
        "the default client is installed once"
    );
}
