//! Generated functions send exactly the method, encoded path, query and body they declare.

use hubspot_runtime::{Client, hubspot_endpoint};
use serde::{Deserialize, Serialize};
use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Serialize)]
pub(crate) struct Input {
    pub(crate) properties: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
pub(crate) struct Options {
    pub(crate) id_property: Option<&'static str>,
    pub(crate) properties: Vec<&'static str>,
}

#[derive(Deserialize)]
pub(crate) struct Object {
    pub(crate) id: String,
}

/// Update an object.
#[hubspot_endpoint(method = "PATCH", path = "/crm/objects/2026-03/<object_type>/<id>")]
pub(crate) fn update(
    object_type: &str,
    id: &str,
    #[query] options: &Options,
    #[body] input: &Input,
) -> Object;

/// Archive an object.
#[hubspot_endpoint(method = "DELETE", path = "/crm/objects/2026-03/contacts/<id>")]
pub(crate) fn archive(id: &str);

const IDS: [(&str, &str); 5] = [
    ("a/b", "a%2Fb"),
    ("x?y=1", "x%3Fy%3D1"),
    ("100%", "100%25"),
    ("ä b", "%C3%A4%20b"),
    ("jane+1@example.com", "jane%2B1%40example.com"),
];

#[tokio::test]
async fn hostile_ids_stay_one_segment_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    // Answers with the id the path carried, decoded, so the round trip is checked end to end.
    Mock::given(any())
        .respond_with(|request: &wiremock::Request| {
            let segment = request.url.path().rsplit('/').next().unwrap_or_default();
            let id = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
            ResponseTemplate::new(200).set_body_json(serde_json::json!({ "id": id }))
        })
        .mount(&server)
        .await;
    let client = Client::builder()
        .access_token("t")
        .base_url(server.uri())
        .build()
        .unwrap();
    let mut properties = serde_json::Map::new();
    properties.insert("dealstage".into(), "closedwon".into());
    let input = Input { properties };
    let options = Options {
        id_property: None,
        properties: vec!["email", "firstname"],
    };

    for (id, encoded) in IDS {
        let updated = update("contacts", id, &options, &input)
            .send(&client)
            .await
            .unwrap();
        assert_eq!(updated.id, id, "the server read back the id that was sent");
        archive(id).send(&client).await.unwrap();
        let received = server.received_requests().await.unwrap();
        let [.., patch, delete] = received.as_slice() else {
            panic!("two requests per id")
        };
        assert_eq!(patch.method.as_str(), "PATCH");
        assert_eq!(
            patch.url.path(),
            format!("/crm/objects/2026-03/contacts/{encoded}"),
            "{id}"
        );
        assert_eq!(
            patch.url.query(),
            Some("properties=email&properties=firstname")
        );
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&patch.body).unwrap(),
            serde_json::json!({"properties": {"dealstage": "closedwon"}})
        );
        assert_eq!(delete.method.as_str(), "DELETE");
        assert_eq!(
            delete.url.path(),
            format!("/crm/objects/2026-03/contacts/{encoded}"),
            "{id}"
        );
        assert_eq!(delete.url.query(), None);
        assert!(delete.body.is_empty());
    }
}
