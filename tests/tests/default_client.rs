//! Which client `.await` uses: the task's scoped client, else the process-wide default. It lives
//! in its own test binary: the default client is process-wide. Everything comes from
//! `hubspot_crm`, as in an app that depends on it alone.

// Test helpers outside `#[test]` functions unwrap too: a panic is how a test reports.
#![allow(clippy::unwrap_used)]

use hubspot_crm::models::ObjectInput;
use hubspot_crm::{Client, Error, deals, set_default_client};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers a deal update only for `token`.
async fn account(token: &str) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/crm/objects/2026-03/deals/123"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "123", "properties": {"owner": token}, "createdAt": "", "updatedAt": ""
        })))
        .mount(&server)
        .await;
    let client = Client::builder()
        .access_token(token)
        .base_url(server.uri())
        .build()
        .unwrap();
    (server, client)
}

async fn update() -> Result<String, Error> {
    let props = ObjectInput::new().set("dealstage", "closedwon");
    let deal = deals::update("123", &props).await?;
    Ok(deal.property("owner").unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_scoped_client_wins_over_the_default_which_can_be_replaced() {
    // Before any client is installed, and with no token in the environment (CI unsets it).
    if std::env::var_os("HUBSPOT_ACCESS_TOKEN").is_none() {
        let error = update().await.unwrap_err();
        assert!(
            matches!(&error, Error::Config(m) if m.contains("HUBSPOT_ACCESS_TOKEN") && m.contains("scope")),
            "{error:?}"
        );
    }

    let (default_server, default) = account("default").await;
    let (_acme_server, acme) = account("acme").await;
    let (_globex_server, globex) = account("globex").await;
    assert!(set_default_client(default).is_none());
    assert_eq!(update().await.unwrap(), "default");

    assert_eq!(acme.scope(update()).await.unwrap(), "acme");
    // Scopes nest, and each task keeps its own.
    let nested = acme.scope(async {
        let inner = globex.scope(update()).await.unwrap();
        (inner, update().await.unwrap())
    });
    assert_eq!(nested.await, ("globex".to_owned(), "acme".to_owned()));
    let (a, g) = tokio::join!(acme.scope(update()), globex.scope(update()));
    assert_eq!(
        (a.unwrap(), g.unwrap()),
        ("acme".to_owned(), "globex".to_owned())
    );
    assert!(Client::scoped().is_none(), "outside a scope");
    assert_eq!(update().await.unwrap(), "default");

    // Tests replace the default; the one before comes back.
    let replaced = set_default_client(globex.clone()).unwrap();
    assert_eq!(replaced.base_url(), default_server.uri());
    assert_eq!(update().await.unwrap(), "globex");
}
