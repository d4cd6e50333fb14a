//! The mock over real sockets: every endpoint family, the limits, each fault, inspection.

// Test helpers outside `#[test]` functions unwrap too: a panic is how a test reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use hubspot_mock::{Fault, FaultRule, Limits, MockConfig, MockServer, RetryAfter};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A reqwest client. A workspace build gives reqwest the SDK's provider-less rustls
/// (`rustls-ring`), so ring is installed for the process first.
fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

struct Api {
    mock: MockServer,
    http: reqwest::Client,
}

impl Api {
    async fn start(config: MockConfig) -> Self {
        Self {
            mock: MockServer::start(config).await.unwrap(),
            http: http(),
        }
    }

    async fn default() -> Self {
        Self::start(MockConfig::default()).await
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.mock.base_url()))
            .bearer_auth(MockConfig::DEFAULT_TOKEN);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.unwrap()
    }

    async fn json(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let response = self.call(method, path, body).await;
        let status = response.status();
        let text = response.text().await.unwrap();
        (
            status,
            if text.is_empty() {
                Value::Null
            } else {
                serde_json::from_str(&text).unwrap()
            },
        )
    }

    /// A control endpoint (no auth).
    async fn control(&self, path: &str) -> Value {
        let url = format!("{}{path}", self.mock.base_url());
        self.http
            .get(url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn create(&self, object: &str, properties: Value) -> String {
        let (status, body) = self
            .json(
                Method::POST,
                &format!("/crm/v3/objects/{object}"),
                Some(json!({"properties": properties})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        body["id"].as_str().unwrap().to_owned()
    }
}

fn deal(name: &str, amount: u32) -> Value {
    json!({"dealname": name, "amount": amount.to_string(), "dealstage": "appointmentscheduled", "pipeline": "default"})
}

#[tokio::test]
async fn auth_is_required_and_checked() {
    let api = Api::default().await;
    let url = format!("{}/crm/v3/objects/contacts", api.mock.base_url());
    for request in [api.http.get(&url), api.http.get(&url).bearer_auth("wrong")] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["category"], "INVALID_AUTHENTICATION");
        assert!(body["correlationId"].as_str().unwrap().len() >= 32);
    }
    assert_eq!(api.mock.stats().unauthorized, 2);
}

#[tokio::test]
async fn objects_crud() {
    let api = Api::default().await;
    let id = api
        .create(
            "contacts",
            json!({"email": "jane@example.com", "firstname": "Jane"}),
        )
        .await;

    let (status, body) = api
        .json(
            Method::GET,
            &format!("/crm/v3/objects/contacts/{id}?properties=email,phone"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["properties"]["email"], "jane@example.com");
    assert_eq!(body["properties"]["phone"], Value::Null);
    assert_eq!(body["properties"]["hs_object_id"], id.as_str());
    assert_eq!(body["archived"], false);
    assert!(body["createdAt"].as_str().unwrap().ends_with('Z'));

    let (status, body) = api
        .json(
            Method::PATCH,
            "/crm/v3/objects/contacts/jane%40example.com?idProperty=email",
            Some(json!({"properties": {"lastname": "Doe"}})),
        )
        .await;
    assert_eq!(
        (status, body["properties"]["lastname"].clone()),
        (StatusCode::OK, json!("Doe"))
    );

    let (status, body) = api
        .json(
            Method::GET,
            &format!("/crm/v3/objects/0-1/{id}?propertiesWithHistory=lastname"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["propertiesWithHistory"]["lastname"][0]["value"], "Doe");

    let (status, body) = api
        .json(
            Method::POST,
            "/crm/v3/objects/contacts",
            Some(json!({"properties": {"email": "JANE@example.com"}})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["message"],
        format!("Contact already exists. Existing ID: {id}")
    );
    assert_eq!(body["category"], "CONFLICT");

    assert_eq!(
        api.call(
            Method::DELETE,
            &format!("/crm/v3/objects/contacts/{id}"),
            None
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.call(Method::GET, &format!("/crm/v3/objects/contacts/{id}"), None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let (_, body) = api
        .json(
            Method::GET,
            &format!("/crm/v3/objects/contacts/{id}?archived=true"),
            None,
        )
        .await;
    assert_eq!(body["archived"], true);
}

#[tokio::test]
async fn unreadable_bodies_get_hubspots_error_json() {
    let api = Api::default().await;
    let url = format!("{}/crm/v3/objects/contacts", api.mock.base_url());
    let response = api
        .http
        .post(url)
        .bearer_auth(MockConfig::DEFAULT_TOKEN)
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["category"], "VALIDATION_ERROR");
    assert!(body["correlationId"].is_string());
}

#[tokio::test]
async fn deals_need_real_stages_and_lists_page() {
    let api = Api::default().await;
    let (status, _) = api
        .json(
            Method::POST,
            "/crm/v3/objects/deals",
            Some(json!({"properties": {"dealname": "x"}})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = api.json(Method::POST, "/crm/v3/objects/0-3", Some(json!({"properties": {"dealname": "x", "pipeline": "default", "dealstage": "nope"}}))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for i in 0..25 {
        api.create("deals", deal(&format!("d{i}"), i)).await;
    }
    let mut seen = 0;
    let mut after: Option<String> = None;
    loop {
        let path = match &after {
            Some(a) => format!("/crm/v3/objects/deals?limit=10&after={a}"),
            None => "/crm/v3/objects/deals?limit=10".to_owned(),
        };
        let (_, page) = api.json(Method::GET, &path, None).await;
        seen += page["results"].as_array().unwrap().len();
        assert_eq!(
            page["results"][0]["properties"]["dealstage"],
            "appointmentscheduled"
        );
        match page.pointer("/paging/next/after").and_then(Value::as_str) {
            Some(next) => after = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, 25);
}

#[tokio::test]
async fn batches_report_per_item_errors() {
    let api = Api::default().await;
    let (status, body) = api
        .json(Method::POST, "/crm/v3/objects/contacts/batch/create", Some(json!({"inputs": [{"properties": {"email": "a@x.io"}}, {"properties": {"email": "b@x.io"}}]})))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let first = body["results"][0]["id"].as_str().unwrap().to_owned();

    let (status, body) = api
        .json(
            Method::POST,
            "/crm/v3/objects/contacts/batch/read",
            Some(json!({"inputs": [{"id": first}, {"id": "999999"}], "properties": ["email"]})),
        )
        .await;
    assert_eq!(status, StatusCode::MULTI_STATUS);
    assert_eq!(body["numErrors"], 1);
    assert_eq!(body["errors"][0]["context"]["id"][0], "999999");

    let (status, body) = api
        .json(Method::POST, "/crm/v3/objects/contacts/batch/upsert", Some(json!({"inputs": [{"id": "a@x.io", "idProperty": "email", "properties": {"firstname": "A"}}, {"id": "c@x.io", "idProperty": "email", "properties": {"firstname": "C"}}]})))
        .await;
    assert_eq!(status, StatusCode::OK);
    let news: Vec<bool> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["new"].as_bool().unwrap())
        .collect();
    assert_eq!(news, [false, true]);

    let (status, body) = api.json(Method::POST, "/crm/v3/objects/contacts/batch/update", Some(json!({"inputs": [{"id": first, "properties": {"lastname": "Z"}}, {"id": "424242", "properties": {}}]}))).await;
    assert_eq!(
        (status, body["errors"].as_array().unwrap().len()),
        (StatusCode::MULTI_STATUS, 1)
    );

    let too_many: Vec<Value> = (0..101).map(|i| json!({"id": i.to_string()})).collect();
    let (status, _) = api
        .json(
            Method::POST,
            "/crm/v3/objects/contacts/batch/read",
            Some(json!({"inputs": too_many})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    assert_eq!(
        api.call(
            Method::POST,
            "/crm/v3/objects/contacts/batch/archive",
            Some(json!({"inputs": [{"id": first}]}))
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    let live = api.mock.dump()["objects"]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["archived"] == false)
        .count();
    assert_eq!(live, 2);
}

#[tokio::test]
async fn search_filters_sorts_pages_and_limits() {
    let api = Api::default().await;
    for (i, name) in ["Alpha deal", "Beta deal", "Gamma", "Delta deal"]
        .iter()
        .enumerate()
    {
        api.create("deals", deal(name, (i as u32 + 1) * 100)).await;
    }
    let search = |body: Value| api.json(Method::POST, "/crm/v3/objects/deals/search", Some(body));
    let names = |body: &Value| -> Vec<String> {
        body["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["properties"]["dealname"].as_str().unwrap().to_owned())
            .collect()
    };
    let filter = |f: Value| json!({"filterGroups": [{"filters": [f]}], "sorts": [{"propertyName": "amount", "direction": "ASCENDING"}], "properties": ["dealname", "amount"]});
    let cases = [
        (
            json!({"propertyName": "amount", "operator": "EQ", "value": "200"}),
            vec!["Beta deal"],
        ),
        (
            json!({"propertyName": "amount", "operator": "NEQ", "value": "200"}),
            vec!["Alpha deal", "Gamma", "Delta deal"],
        ),
        (
            json!({"propertyName": "amount", "operator": "LT", "value": "200"}),
            vec!["Alpha deal"],
        ),
        (
            json!({"propertyName": "amount", "operator": "LTE", "value": "200"}),
            vec!["Alpha deal", "Beta deal"],
        ),
        (
            json!({"propertyName": "amount", "operator": "GT", "value": "300"}),
            vec!["Delta deal"],
        ),
        (
            json!({"propertyName": "amount", "operator": "GTE", "value": "300"}),
            vec!["Gamma", "Delta deal"],
        ),
        (
            json!({"propertyName": "amount", "operator": "BETWEEN", "value": "150", "highValue": "300"}),
            vec!["Beta deal", "Gamma"],
        ),
        (
            json!({"propertyName": "dealname", "operator": "IN", "values": ["gamma", "alpha deal"]}),
            vec!["Alpha deal", "Gamma"],
        ),
        (
            json!({"propertyName": "dealname", "operator": "NOT_IN", "values": ["gamma"]}),
            vec!["Alpha deal", "Beta deal", "Delta deal"],
        ),
        (
            json!({"propertyName": "closedate", "operator": "HAS_PROPERTY"}),
            vec![],
        ),
        (
            json!({"propertyName": "closedate", "operator": "NOT_HAS_PROPERTY"}),
            vec!["Alpha deal", "Beta deal", "Gamma", "Delta deal"],
        ),
        (
            json!({"propertyName": "dealname", "operator": "CONTAINS_TOKEN", "value": "deal"}),
            vec!["Alpha deal", "Beta deal", "Delta deal"],
        ),
        (
            json!({"propertyName": "dealname", "operator": "NOT_CONTAINS_TOKEN", "value": "deal"}),
            vec!["Gamma"],
        ),
        (
            json!({"propertyName": "dealname", "operator": "CONTAINS_TOKEN", "value": "*lta*"}),
            vec!["Delta deal"],
        ),
    ];
    for (i, (f, expected)) in cases.into_iter().enumerate() {
        // Search has its own 5/s lane; move the clock so the test is not throttled.
        api.mock.advance_clock(Duration::from_secs(1));
        let (status, body) = search(filter(f.clone())).await;
        assert_eq!(status, StatusCode::OK, "{f} {body}");
        assert_eq!(names(&body), expected, "case {i}: {f}");
        assert_eq!(body["total"], expected.len());
    }
    api.mock.advance_clock(Duration::from_secs(1));
    let (_, body) = search(json!({"query": "deal", "limit": 2, "sorts": ["-amount"]})).await;
    assert_eq!(
        (names(&body), body["total"].clone()),
        (
            vec!["Delta deal".to_owned(), "Beta deal".to_owned()],
            json!(3)
        )
    );
    assert_eq!(body["paging"]["next"]["after"], "2");
    let response = api
        .call(
            Method::POST,
            "/crm/v3/objects/deals/search",
            Some(json!({"query": "deal", "limit": 2, "after": "2"})),
        )
        .await;
    assert!(response.headers().get("x-hubspot-ratelimit-max").is_none());
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["results"].as_array().unwrap().len(), 1);
    assert!(body.get("paging").is_none());

    api.mock.advance_clock(Duration::from_secs(1));
    let f = json!({"propertyName": "amount", "operator": "EQ", "value": "1"});
    for bad in [
        json!({"limit": 201}),
        json!({"after": "9950", "limit": 100}),
        json!({"after": "abc"}),
        json!({"query": "x".repeat(3001)}),
        json!({"filterGroups": vec![json!({"filters": [f]}); 6]}),
        json!({"filterGroups": [{"filters": vec![f.clone(); 7]}]}),
        json!({"filterGroups": vec![json!({"filters": vec![f.clone(); 4]}); 5]}),
    ] {
        api.mock.advance_clock(Duration::from_secs(1));
        let (status, body) = search(bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(body["category"], "VALIDATION_ERROR");
    }
}

#[tokio::test]
async fn merge_and_gdpr_delete() {
    let api = Api::default().await;
    let primary = api.create("contacts", json!({"firstname": "P"})).await;
    let other = api
        .create("contacts", json!({"email": "o@x.io", "firstname": "O"}))
        .await;
    let (status, body) = api
        .json(
            Method::POST,
            "/crm/v3/objects/contacts/merge",
            Some(json!({"primaryObjectId": primary, "objectIdToMerge": other})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (
            body["id"].as_str(),
            body["properties"]["firstname"].as_str(),
            body["properties"]["email"].as_str()
        ),
        (Some(primary.as_str()), Some("P"), Some("o@x.io"))
    );
    assert_eq!(
        api.call(
            Method::GET,
            &format!("/crm/v3/objects/contacts/{other}"),
            None
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );

    let status = api
        .call(
            Method::POST,
            "/crm/v3/objects/contacts/gdpr-delete",
            Some(json!({"objectId": "o@x.io", "idProperty": "email"})),
        )
        .await
        .status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(
        api.mock.dump()["objects"]["contacts"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn associations_v4() {
    let api = Api::default().await;
    let contact = api.create("contacts", json!({"email": "c@x.io"})).await;
    let deals: Vec<String> = create_deals(&api, 3).await;
    let (status, body) = api
        .json(
            Method::PUT,
            &format!(
                "/crm/v4/objects/contact/{contact}/associations/default/deal/{}",
                deals[0]
            ),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["results"][0]["associationSpec"]["associationTypeId"],
        4
    );
    let (status, body) = api
        .json(
            Method::PUT,
            &format!(
                "/crm/v4/objects/contacts/{contact}/associations/deals/{}",
                deals[1]
            ),
            Some(json!([{"associationCategory": "USER_DEFINED", "associationTypeId": 77}])),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body["labels"], json!(["label-77"]));
    let (status, body) = api
        .json(Method::POST, "/crm/v4/associations/contacts/deals/batch/create", Some(json!({"inputs": [{"from": {"id": contact}, "to": {"id": deals[2]}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 4}]}]})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    let (_, body) = api
        .json(
            Method::GET,
            &format!("/crm/v4/objects/contacts/{contact}/associations/deals?limit=2"),
            None,
        )
        .await;
    assert_eq!(body["results"].as_array().unwrap().len(), 2);
    let after = body["paging"]["next"]["after"].as_str().unwrap().to_owned();
    let (_, body) = api
        .json(
            Method::GET,
            &format!("/crm/v4/objects/contacts/{contact}/associations/deals?limit=2&after={after}"),
            None,
        )
        .await;
    assert_eq!(body["results"].as_array().unwrap().len(), 1);

    let (_, body) = api
        .json(
            Method::GET,
            &format!("/crm/v3/objects/deals/{}?associations=contacts", deals[0]),
            None,
        )
        .await;
    assert_eq!(
        body["associations"]["contacts"]["results"][0]["id"],
        contact.as_str()
    );

    let (status, body) = api
        .json(
            Method::POST,
            "/crm/v4/associations/contacts/deals/batch/read",
            Some(json!({"inputs": [{"id": contact}, {"id": "404"}]})),
        )
        .await;
    assert_eq!(
        (status, body["results"][0]["to"].as_array().unwrap().len()),
        (StatusCode::MULTI_STATUS, 3)
    );

    assert_eq!(
        api.call(
            Method::DELETE,
            &format!(
                "/crm/v4/objects/contacts/{contact}/associations/deals/{}",
                deals[0]
            ),
            None
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    let status = api
        .call(
            Method::POST,
            "/crm/v4/associations/contacts/deals/batch/archive",
            Some(json!({"inputs": [{"from": {"id": contact}, "to": [{"id": deals[1]}]}]})),
        )
        .await
        .status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = api
        .json(
            Method::POST,
            "/crm/v4/associations/deals/contacts/batch/associate/default",
            Some(json!({"inputs": [{"from": {"id": deals[0]}, "to": {"id": contact}}]})),
        )
        .await;
    assert_eq!(
        (
            status,
            body["results"][0]["associationSpec"]["associationTypeId"].clone()
        ),
        (StatusCode::OK, json!(3))
    );
    let (_, body) = api
        .json(
            Method::GET,
            &format!("/crm/v4/objects/contacts/{contact}/associations/deals"),
            None,
        )
        .await;
    assert_eq!(body["results"].as_array().unwrap().len(), 2);
}

/// Creates `n` deals, one request each.
async fn create_deals(api: &Api, n: u32) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(api.create("deals", deal(&format!("d{i}"), i)).await);
    }
    ids
}

#[tokio::test]
async fn owners_and_pipelines() {
    let api = Api::default().await;
    let (_, owners) = api.json(Method::GET, "/crm/v3/owners", None).await;
    let id = owners["results"][0]["id"].as_str().unwrap().to_owned();
    let (status, owner) = api
        .json(Method::GET, &format!("/crm/v3/owners/{id}"), None)
        .await;
    assert_eq!(
        (status, owner["email"].clone()),
        (StatusCode::OK, json!("ada@example.com"))
    );
    let (_, pipelines) = api.json(Method::GET, "/crm/v3/pipelines/deals", None).await;
    let stages: Vec<&str> = pipelines["results"][0]["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(stages.contains(&"closedwon"));
    let (status, _) = api
        .json(Method::GET, "/crm/v3/pipelines/deals/default/stages", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        api.call(Method::GET, "/crm/v3/pipelines/deals/nope", None)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_window_limits_then_recovers() {
    let limits = Limits {
        window_max: 5,
        search_per_second: 2,
        daily: 9,
        ..Limits::default()
    };
    let api = Api::start(MockConfig {
        retry_after_on_429: true,
        ..MockConfig::default().limits(limits)
    })
    .await;
    for remaining in (0..5).rev() {
        let response = api
            .call(Method::GET, "/crm/v3/objects/contacts", None)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(header("x-hubspot-ratelimit-max"), "5");
        assert_eq!(
            header("x-hubspot-ratelimit-remaining"),
            remaining.to_string()
        );
        assert_eq!(header("x-hubspot-ratelimit-interval-milliseconds"), "10000");
        assert_eq!(header("x-hubspot-ratelimit-daily"), "9");
        assert_eq!(
            header("x-hubspot-ratelimit-daily-remaining"),
            (4 + remaining).to_string()
        );
    }
    let response = api
        .call(Method::GET, "/crm/v3/objects/contacts", None)
        .await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "10");
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        (
            body["policyName"].as_str(),
            body["errorType"].as_str(),
            body["status"].as_str()
        ),
        (
            Some("TEN_SECONDLY_ROLLING"),
            Some("RATE_LIMIT"),
            Some("error")
        )
    );
    assert!(body["correlationId"].is_string());

    api.mock.advance_clock(Duration::from_secs(10));
    assert_eq!(
        api.call(Method::GET, "/crm/v3/objects/contacts", None)
            .await
            .status(),
        StatusCode::OK
    );

    let search = || {
        api.call(
            Method::POST,
            "/crm/v3/objects/contacts/search",
            Some(json!({})),
        )
    };
    assert_eq!(search().await.status(), StatusCode::OK);
    assert_eq!(search().await.status(), StatusCode::OK);
    let body: Value = search().await.json().await.unwrap();
    assert_eq!(body["policyName"], "SECONDLY");

    api.mock.advance_clock(Duration::from_secs(10));
    assert_eq!(
        api.call(Method::GET, "/crm/v3/objects/contacts", None)
            .await
            .status(),
        StatusCode::OK
    );
    let body: Value = api
        .call(Method::GET, "/crm/v3/objects/contacts", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(body["policyName"], "DAILY");
    assert_eq!(api.mock.stats().rate_limited, 3);
}

#[tokio::test]
async fn scripted_status_faults_with_retry_after() {
    let api = Api::default().await;
    api.mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/v3/objects/contacts",
        Fault::Status {
            status: 503,
            retry_after: Some(RetryAfter::Seconds(3)),
        },
    ));
    api.mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/v3/objects/contacts",
        Fault::Status {
            status: 429,
            retry_after: Some(RetryAfter::HttpDate(5)),
        },
    ));
    let create = || {
        api.call(
            Method::POST,
            "/crm/v3/objects/contacts",
            Some(json!({"properties": {}})),
        )
    };
    let first = create().await;
    assert_eq!(
        (
            first.status(),
            first.headers()["retry-after"].to_str().unwrap()
        ),
        (StatusCode::SERVICE_UNAVAILABLE, "3")
    );
    let second = create().await;
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(httpdate::parse_http_date(second.headers()["retry-after"].to_str().unwrap()).is_ok());
    assert_eq!(create().await.status(), StatusCode::CREATED);
    assert_eq!(
        api.mock.dump()["objects"]["contacts"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "faults before the handler write nothing"
    );
    assert_eq!(api.mock.stats().faults, 2);
}

#[tokio::test]
async fn html_malformed_delay_and_drop_faults() {
    let api = Api::default().await;
    api.mock
        .inject(FaultRule::next(1, "GET", "/crm/v3/objects/*", Fault::Html));
    let response = api.call(Method::GET, "/crm/v3/objects/deals", None).await;
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("<h1>502 Bad Gateway</h1>")
    );

    api.mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/v3/objects/contacts",
        Fault::Malformed,
    ));
    let response = api
        .call(
            Method::POST,
            "/crm/v3/objects/contacts",
            Some(json!({"properties": {"email": "m@x.io"}})),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(serde_json::from_str::<Value>(&response.text().await.unwrap()).is_err());

    api.mock.inject(FaultRule::next(
        1,
        "GET",
        "/crm/v3/owners",
        Fault::Delay { ms: 300 },
    ));
    let quick = api
        .http
        .get(format!("{}/crm/v3/owners", api.mock.base_url()))
        .bearer_auth(MockConfig::DEFAULT_TOKEN)
        .timeout(Duration::from_millis(50))
        .send()
        .await;
    assert!(quick.unwrap_err().is_timeout());

    api.mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/v3/objects/contacts",
        Fault::Drop,
    ));
    let dropped = api
        .http
        .post(format!("{}/crm/v3/objects/contacts", api.mock.base_url()))
        .bearer_auth(MockConfig::DEFAULT_TOKEN)
        .json(&json!({"properties": {"email": "d@x.io"}}))
        .send()
        .await;
    let error = dropped.unwrap_err();
    assert!(!error.is_connect(), "the request was sent: {error}");
    let emails: Vec<String> = api.mock.dump()["objects"]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["properties"]["email"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        emails,
        ["m@x.io", "d@x.io"],
        "the dropped write was applied"
    );
    let stats = api.mock.stats();
    assert_eq!((stats.faults, stats.dropped), (4, 1));
}

#[tokio::test]
async fn seeded_random_faults_repeat_and_the_control_endpoints_work() {
    async fn run(seed: u64) -> Vec<u16> {
        let api = Api::start(MockConfig {
            seed,
            ..MockConfig::default()
        })
        .await;
        let rule = json!({"path": "/crm/v3/owners", "probability": 0.5, "fault": {"kind": "status", "status": 500}});
        let response = api
            .http
            .post(format!("{}/__mock/faults", api.mock.base_url()))
            .json(&rule)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
        let mut statuses = Vec::new();
        for _ in 0..30 {
            statuses.push(
                api.call(Method::GET, "/crm/v3/owners", None)
                    .await
                    .status()
                    .as_u16(),
            );
        }
        let stats = api.control("/__mock/stats").await;
        assert_eq!(
            stats["faults"],
            statuses.iter().filter(|s| **s == 500).count()
        );
        assert_eq!(stats["requests"], 30);
        statuses
    }
    let first = run(7).await;
    assert_eq!(first, run(7).await);
    let faults = first.iter().filter(|s| **s == 500).count();
    assert!((5..=25).contains(&faults), "{faults} of 30");

    let api = Api::default().await;
    api.create("contacts", json!({"email": "x@x.io"})).await;
    let dump = api.control("/__mock/objects").await;
    assert_eq!(
        dump["objects"]["contacts"][0]["properties"]["email"],
        "x@x.io"
    );
    api.http
        .post(format!("{}/__mock/reset", api.mock.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(api.mock.stats().requests, 0);
}

#[tokio::test]
async fn the_binary_serves_what_the_readme_curls() {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hubspot-mock"))
        .args(["--port", "0", "--token", "readme-token"])
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = tokio::io::AsyncBufReadExt::lines(tokio::io::BufReader::new(stderr));
    let line = tokio::time::timeout(Duration::from_secs(20), lines.next_line())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let base = line.rsplit(' ').next().unwrap().to_owned();
    let http = http();
    let created: Value = http
        .post(format!("{base}/crm/v3/objects/contacts"))
        .bearer_auth("readme-token")
        .json(&json!({"properties": {"email": "curl@example.com"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(created["properties"]["email"], "curl@example.com");
    child.kill().await.unwrap();
}

#[tokio::test]
async fn refuses_what_hubspot_refuses_with_its_error_shapes() {
    let api = Api::default().await;
    let post = |path: &'static str, body: Value| {
        let api = &api;
        async move { api.json(Method::POST, path, Some(body)).await }
    };
    let contacts = "/crm/v3/objects/contacts";

    // One record: an invalid e-mail, an unknown property.
    let (status, body) = post(contacts, json!({"properties": {"email": "not an address"}})).await;
    assert_eq!(
        (status, body["category"].as_str()),
        (StatusCode::BAD_REQUEST, Some("VALIDATION_ERROR"))
    );
    assert_eq!(body["errors"][0]["code"], "INVALID_EMAIL");
    let (status, body) = post(contacts, json!({"properties": {"favourite_colour": "red"}})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["errors"][0]["code"], "PROPERTY_DOESNT_EXIST");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Property values were not valid")
    );

    // A batch without trace ids is refused whole, and nothing of it is written.
    let batch = "/crm/v3/objects/contacts/batch/create";
    let inputs = json!({"inputs": [
        {"properties": {"email": "ok@example.com"}},
        {"properties": {"email": "bad@"}},
    ]});
    let (status, _) = post(batch, inputs).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        api.mock.dump()["objects"]["contacts"]
            .as_array()
            .map_or(0, Vec::len),
        0
    );

    // With trace ids, the bad input is a per-item error naming its trace id; the others go in.
    let inputs = json!({"inputs": [
        {"properties": {"email": "ok@example.com"}, "objectWriteTraceId": "t1"},
        {"properties": {"email": "bad@"}, "objectWriteTraceId": "t2"},
    ]});
    let (status, body) = post(batch, inputs).await;
    assert_eq!(status, StatusCode::MULTI_STATUS);
    assert_eq!(body["results"][0]["objectWriteTraceId"], "t1");
    assert_eq!(body["errors"][0]["context"]["objectWriteTraceId"][0], "t2");
    assert_eq!(body["numErrors"], 1);

    // Upserting by e-mail takes no partial batches, trace ids or not.
    let upsert = "/crm/v3/objects/contacts/batch/upsert";
    let inputs = json!({"inputs": [
        {"id": "new@example.com", "idProperty": "email", "properties": {}, "objectWriteTraceId": "a"},
        {"id": "nope", "idProperty": "email", "properties": {}, "objectWriteTraceId": "b"},
    ]});
    assert_eq!(post(upsert, inputs).await.0, StatusCode::BAD_REQUEST);

    // Blank and duplicate ids refuse the whole batch.
    for inputs in [
        json!([{"id": "", "properties": {}}]),
        json!([{"id": "1001", "properties": {}}, {"id": "1001", "properties": {}}]),
    ] {
        let (status, body) = post(
            "/crm/v3/objects/contacts/batch/update",
            json!({"inputs": inputs}),
        )
        .await;
        assert_eq!(
            (status, body["category"].as_str()),
            (StatusCode::BAD_REQUEST, Some("VALIDATION_ERROR")),
            "{body}"
        );
    }
    let dup = json!({"inputs": [
        {"id": "A@example.com", "idProperty": "email", "properties": {}},
        {"id": "a@example.com", "idProperty": "email", "properties": {}},
    ]});
    let (status, body) = post(upsert, dup).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["message"].as_str().unwrap().contains("Duplicate IDs"),
        "{body}"
    );

    // The positive control: the same upsert without the bad input goes through, and the
    // mock answers updates before creates, as HubSpot's answer need not follow input order.
    let inputs = json!({"inputs": [
        {"id": "fresh@example.com", "idProperty": "email", "properties": {}, "objectWriteTraceId": "c"},
        {"id": "ok@example.com", "idProperty": "email", "properties": {}, "objectWriteTraceId": "d"},
    ]});
    let (status, body) = post(upsert, inputs).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let traces: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["objectWriteTraceId"].as_str().unwrap())
        .collect();
    assert_eq!(traces, ["d", "c"]);
}

#[tokio::test]
async fn datetime_filters_compare_as_times() {
    let api = Api::default().await;
    api.create("contacts", json!({"email": "early@example.com"}))
        .await;
    let search = |value: String| {
        let api = &api;
        async move {
            let body = json!({"filterGroups": [{"filters": [{"propertyName": "createdate", "operator": "GTE", "value": value}]}]});
            api.json(Method::POST, "/crm/v3/objects/contacts/search", Some(body))
                .await
                .1["total"]
                .as_u64()
                .unwrap()
        }
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    assert_eq!(
        search((now - 3_600_000).to_string()).await,
        1,
        "created after an hour ago"
    );
    assert_eq!(
        search((now + 3_600_000).to_string()).await,
        0,
        "not after an hour from now"
    );
}

#[tokio::test]
async fn one_clock_moves_timestamps_with_the_rate_limits() {
    let api = Api::default().await;
    let created_at = |id: String| {
        let api = &api;
        async move {
            let (_, body) = api
                .json(Method::GET, &format!("/crm/v3/objects/contacts/{id}"), None)
                .await;
            let text = body["createdAt"].as_str().unwrap().to_owned();
            humantime::parse_rfc3339(&text).unwrap()
        }
    };
    let first = api
        .create("contacts", json!({"email": "a@example.com"}))
        .await;
    api.mock.advance_clock(Duration::from_secs(86_400));
    let second = api
        .create("contacts", json!({"email": "b@example.com"}))
        .await;
    let (first, second) = (created_at(first).await, created_at(second).await);
    let apart = second.duration_since(first).unwrap();
    assert!(apart >= Duration::from_secs(86_400), "{apart:?}");
}

/// An upload's multipart body, written out by hand, with `options` as the JSON text HubSpot
/// reads: (content type, body).
fn upload(options: Option<&str>, folder: Option<(&'static str, &str)>) -> (String, String) {
    const BOUNDARY: &str = "mock-test-boundary";
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nhello\r\n"
    );
    let texts = options.map(|o| ("options", o)).into_iter().chain(folder);
    for (name, value) in texts {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

#[tokio::test]
async fn uploads_refuse_what_hubspot_refuses() {
    let api = Api::default().await;
    let send = |(content_type, body): (String, String)| {
        api.http
            .post(format!("{}/files/2026-03/files", api.mock.base_url()))
            .bearer_auth(MockConfig::DEFAULT_TOKEN)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let private = r#"{"access":"PRIVATE"}"#;
    let cases = [
        (upload(None, Some(("folderPath", "/a"))), "options"),
        (
            upload(Some(r#"{"access":"OPEN"}"#), Some(("folderPath", "/a"))),
            "access",
        ),
        (
            upload(Some("not json"), Some(("folderPath", "/a"))),
            "options",
        ),
        (upload(Some(private), None), "folderPath"),
        (
            upload(
                Some(r#"{"access":"PRIVATE","duplicateValidationStrategy":"MAYBE"}"#),
                Some(("folderPath", "/a")),
            ),
            "duplicateValidationStrategy",
        ),
    ];
    for (form, named) in cases {
        let response = send(form).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        let body: Value = response.json().await.unwrap();
        assert!(body["message"].as_str().unwrap().contains(named), "{body}");
    }
    let unknown_folder = send(upload(Some(private), Some(("folderId", "12345"))))
        .await
        .unwrap();
    assert_eq!(unknown_folder.status(), StatusCode::NOT_FOUND);
    // The control: the same body with a folder is stored.
    let stored = send(upload(Some(private), Some(("folderPath", "/a"))))
        .await
        .unwrap();
    assert_eq!(stored.status(), StatusCode::CREATED);
    assert_eq!(api.mock.files().len(), 1);
    api.mock.reset();
    assert!(api.mock.files().is_empty(), "a reset clears the files too");
}

#[tokio::test]
async fn event_batches_are_bounded_and_app_apis_take_only_a_developer_key() {
    let api = Api::default().await;
    let event = json!({"eventName": "pe1_x", "email": "a@example.com", "properties": {}});
    let over = json!({"inputs": vec![event.clone(); 501]});
    let (status, body) = api
        .json(Method::POST, "/events/2026-03/send/batch", Some(over))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let full = json!({"inputs": vec![event; 500]});
    let (status, _) = api
        .json(Method::POST, "/events/2026-03/send/batch", Some(full))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(api.mock.events().len(), 500);

    // The token alone is refused; the developer key alone is admitted.
    let (status, _) = api
        .json(Method::GET, "/webhooks/2026-03/1/subscriptions", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let keyed = format!(
        "{}/webhooks/2026-03/1/subscriptions?hapikey={}",
        api.mock.base_url(),
        MockConfig::DEFAULT_DEVELOPER_KEY
    );
    let response = api.http.get(keyed).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// What HubSpot's official Python and Node clients send (`scripts/client-flows`): legacy list
/// paths with a trailing slash, the legacy transactional path, and write answers that carry the
/// properties written.
#[tokio::test]
async fn serves_the_paths_and_answers_hubspots_own_clients_expect() {
    let api = Api::default().await;
    let (status, contact) = api
        .json(
            Method::POST,
            "/crm/v3/objects/contacts/",
            Some(json!({"properties": {"email": "ada@example.com", "jobtitle": "Engineer"}})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{contact}");
    assert_eq!(contact["properties"]["jobtitle"], "Engineer", "{contact}");
    let id = contact["id"].as_str().unwrap();
    let (_, updated) = api
        .json(
            Method::PATCH,
            &format!("/crm/v3/objects/contacts/{id}"),
            Some(json!({"properties": {"city": "London"}})),
        )
        .await;
    assert_eq!(updated["properties"]["city"], "London", "{updated}");
    let (_, batch) = api
        .json(
            Method::POST,
            "/crm/v3/objects/contacts/batch/update",
            Some(json!({"inputs": [{"id": id, "properties": {"lifecyclestage": "customer"}}]})),
        )
        .await;
    assert_eq!(
        batch["results"][0]["properties"]["lifecyclestage"], "customer",
        "{batch}"
    );

    // The legacy lists API is the same state as the dated one, slash or not.
    let (status, created) = api
        .json(
            Method::POST,
            "/crm/v3/lists/",
            Some(json!({"name": "Fair", "objectTypeId": "0-1", "processingType": "MANUAL"})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let list_id = created["list"]["listId"].as_str().unwrap();
    let (_, added) = api
        .json(
            Method::PUT,
            &format!("/crm/v3/lists/{list_id}/memberships/add"),
            Some(json!([id])),
        )
        .await;
    assert_eq!(added["recordsIdsAdded"], json!([id]), "{added}");
    let (status, found) = api
        .json(
            Method::GET,
            "/crm/lists/2026-03/object-type-id/0-1/name/Fair",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found["list"]["listId"], list_id, "{found}");

    let (status, sent) = api
        .json(
            Method::POST,
            "/marketing/v3/transactional/single-email/send",
            Some(json!({"emailId": MockConfig::DEFAULT_EMAIL_ID, "message": {"to": "ada@example.com"}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    assert_eq!(sent["status"], "PENDING", "{sent}");
}

/// Commerce, leads and the industry types know HubSpot's default properties and the options
/// HubSpot fixes.
#[tokio::test]
async fn every_type_takes_hubspots_default_properties() {
    let api = Api::default().await;
    for (object, properties) in [
        (
            "quotes",
            json!({"hs_title": "Q1", "hs_status": "DRAFT", "hs_currency": "EUR", "hs_language": "en"}),
        ),
        (
            "invoices",
            json!({"hs_currency": "EUR", "hs_invoice_status": "draft", "hs_due_date": "2027-01-31"}),
        ),
        (
            "leads",
            json!({"hs_lead_name": "Ada", "hs_lead_type": "NEW_BUSINESS", "hs_lead_label": "WARM"}),
        ),
        (
            "orders",
            json!({"hs_order_name": "#1001", "hs_total_price": "12.5", "hs_shipping_address_city": "London"}),
        ),
        (
            "discounts",
            json!({"hs_label": "Fair", "hs_value": "10", "hs_type": "PERCENT"}),
        ),
        (
            "0-420",
            json!({"hs_name": "Flat", "hs_bedrooms": "2", "hs_city": "Leeds"}),
        ),
        (
            "appointments",
            json!({"hs_appointment_name": "Fitting", "hs_appointment_start": "2027-01-02T10:00:00Z"}),
        ),
    ] {
        let (status, body) = api
            .json(
                Method::POST,
                &format!("/crm/objects/2026-03/{object}"),
                Some(json!({"properties": properties})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{object}: {body}");
    }
    let (status, body) = api
        .json(
            Method::POST,
            "/crm/objects/2026-03/invoices",
            Some(json!({"properties": {"hs_invoice_status": "sent-by-pigeon"}})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.to_string().contains("INVALID_OPTION"), "{body}");
}

/// The webhooks journal: CRM changes made through the mock are entries for the subscriptions
/// that see them, in order, each a file served without the token while its URL lives.
#[tokio::test]
async fn crm_changes_appear_in_the_webhooks_journal() {
    let api = Api::default().await;
    let journal = "/webhooks-journal/journal/2026-03";
    let (status, body) = api
        .json(Method::GET, &format!("{journal}/earliest"), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an empty journal: {body}");

    // Made before any subscription: not journaled.
    api.create("contacts", json!({"email": "early@example.com"}))
        .await;
    for subscription in [
        json!({"subscriptionType": "OBJECT", "objectTypeId": "0-1", "portalId": 62515,
               "actions": ["CREATE", "UPDATE", "DELETE", "MERGE"], "properties": ["email", "jobtitle"],
               "objectIds": []}),
        json!({"subscriptionType": "ASSOCIATION", "objectTypeId": "0-1", "portalId": 62515,
               "actions": ["ASSOCIATION_ADDED"], "associatedObjectTypeIds": ["0-2"], "objectIds": []}),
        json!({"subscriptionType": "LIST_MEMBERSHIP", "portalId": 62515,
               "actions": ["ADDED_TO_LIST"], "listIds": [], "objectIds": []}),
    ] {
        let (status, body) = api
            .json(
                Method::POST,
                "/webhooks-journal/subscriptions/2026-03",
                Some(subscription),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body["id"].as_u64().is_some(), "{body}");
    }
    let (_, listed) = api
        .json(Method::GET, "/webhooks-journal/subscriptions/2026-03", None)
        .await;
    assert_eq!(listed["results"].as_array().unwrap().len(), 3, "{listed}");

    let ada = api
        .create(
            "contacts",
            json!({"email": "ada@example.com", "jobtitle": "Engineer"}),
        )
        .await;
    // A property no subscription names: no entry.
    api.json(
        Method::PATCH,
        &format!("/crm/v3/objects/contacts/{ada}"),
        Some(json!({"properties": {"city": "London"}})),
    )
    .await;
    // The same value again changes nothing: no entry.
    api.json(
        Method::PATCH,
        &format!("/crm/v3/objects/contacts/{ada}"),
        Some(json!({"properties": {"jobtitle": "Engineer"}})),
    )
    .await;
    api.json(
        Method::PATCH,
        &format!("/crm/v3/objects/contacts/{ada}"),
        Some(json!({"properties": {"jobtitle": "Lead engineer"}})),
    )
    .await;
    let company = api.create("companies", json!({"name": "Engines"})).await;
    let (status, _) = api
        .json(
            Method::PUT,
            &format!("/crm/v4/objects/contacts/{ada}/associations/default/companies/{company}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, list) = api
        .json(
            Method::POST,
            "/crm/lists/2026-03",
            Some(json!({"name": "Fair", "objectTypeId": "0-1", "processingType": "MANUAL"})),
        )
        .await;
    let list_id = list["list"]["listId"].as_str().unwrap().to_owned();
    api.json(
        Method::PUT,
        &format!("/crm/lists/2026-03/{list_id}/memberships/add"),
        Some(json!([ada])),
    )
    .await;
    api.json(
        Method::DELETE,
        &format!("/crm/v3/objects/contacts/{ada}"),
        None,
    )
    .await;

    // Read the journal as a sync does: earliest, then next until there is none.
    let (status, mut entry) = api
        .json(Method::GET, &format!("{journal}/earliest"), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{entry}");
    let mut events = Vec::new();
    loop {
        let url = entry["url"].as_str().unwrap().to_owned();
        assert!(url.starts_with(&api.mock.download_url()), "{url}");
        let file: Value = api
            .http
            .get(&url)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        events.extend(file.as_array().unwrap().iter().cloned());
        let offset = entry["currentOffset"].as_str().unwrap();
        let (status, next) = api
            .json(
                Method::GET,
                &format!("{journal}/offset/{offset}/next"),
                None,
            )
            .await;
        if status == StatusCode::NOT_FOUND {
            assert!(
                next["message"]
                    .as_str()
                    .unwrap()
                    .contains("No journal entry after"),
                "{next}"
            );
            break;
        }
        assert_eq!(status, StatusCode::OK, "{next}");
        entry = next;
    }
    let seen: Vec<(&str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["objectTypeId"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("CREATE", "0-1"),
            ("UPDATE", "0-1"),
            ("ASSOCIATION_ADDED", "0-1"),
            ("ADDED_TO_LIST", "0-1"),
            ("DELETE", "0-1"),
        ],
        "{events:#?}"
    );
    assert_eq!(events[0]["properties"]["jobtitle"], "Engineer");
    assert_eq!(
        events[1]["properties"],
        json!({"jobtitle": "Lead engineer"})
    );
    assert_eq!(events[2]["associatedObjectId"].to_string(), company);
    assert_eq!(events[3]["listId"], list_id);
    assert!(
        events
            .iter()
            .all(|e| e["objectId"] == ada.parse::<u64>().unwrap() && e["portalId"] == 62515)
    );

    // Batches read the same entries; the latest is the deletion.
    let (_, batch) = api
        .json(Method::GET, &format!("{journal}/batch/earliest/100"), None)
        .await;
    assert_eq!(batch["results"].as_array().unwrap().len(), 5, "{batch}");
    let (_, latest) = api
        .json(Method::GET, &format!("{journal}/latest"), None)
        .await;
    assert_eq!(latest["currentOffset"], entry["currentOffset"]);
    // Another account's local journal holds nothing.
    let (status, _) = api
        .json(
            Method::GET,
            "/webhooks-journal/journal-local/2026-03/earliest?installPortalId=1",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // An offset the mock never handed out is 404.
    let (status, _) = api
        .json(
            Method::GET,
            &format!("{journal}/offset/not-an-offset/next"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The file's URL takes no token and expires after 5 minutes of the mock's clock.
    let url = latest["url"].as_str().unwrap();
    let with_token = api
        .http
        .get(url)
        .bearer_auth("mock-token")
        .send()
        .await
        .unwrap();
    assert_eq!(with_token.status(), StatusCode::BAD_REQUEST);
    api.mock.advance_clock(Duration::from_secs(301));
    let expired = api.http.get(url).send().await.unwrap();
    assert_eq!(expired.status(), StatusCode::FORBIDDEN);

    let dumped = api.control("/__mock/objects").await;
    assert_eq!(
        dumped["journal"]["events"].as_array().unwrap().len(),
        5,
        "{dumped}"
    );
    assert_eq!(
        dumped["journal"]["subscriptions"].as_array().unwrap().len(),
        3
    );
}

/// Snapshots and merges are journal entries too; a snapshot's status reads as done.
#[tokio::test]
async fn snapshots_and_merges_are_journaled() {
    let api = Api::default().await;
    let (_, _) = api
        .json(
            Method::POST,
            "/webhooks-journal/subscriptions/2026-03",
            Some(
                json!({"subscriptionType": "OBJECT", "objectTypeId": "0-1", "portalId": 62515,
                        "actions": ["MERGE"], "properties": [], "objectIds": []}),
            ),
        )
        .await;
    let a = api
        .create(
            "contacts",
            json!({"email": "a@example.com", "jobtitle": "CEO"}),
        )
        .await;
    let b = api
        .create("contacts", json!({"email": "b@example.com"}))
        .await;
    let (status, _) = api
        .json(
            Method::POST,
            "/crm/v3/objects/contacts/merge",
            Some(json!({"primaryObjectId": a, "objectIdToMerge": b})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, snapshot) = api
        .json(
            Method::POST,
            "/webhooks-journal/snapshots/2026-03/crm",
            Some(json!({"snapshotRequests": [{"objectTypeId": "0-1", "objectId": a, "portalId": 62515, "properties": ["jobtitle"]}]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{snapshot}");
    let status_id = snapshot["snapshotResponses"][0]["snapshotStatusId"]
        .as_str()
        .unwrap();
    let (_, done) = api
        .json(
            Method::GET,
            &format!("/webhooks-journal/journal/2026-03/status/{status_id}"),
            None,
        )
        .await;
    assert_eq!(done["status"], "SUCCESS", "{done}");
    let events = api.control("/__mock/objects").await["journal"]["events"].clone();
    assert_eq!(events[0]["action"], "MERGE", "{events}");
    assert_eq!(events[0]["mergedObjectIds"][0].to_string(), b);
    assert_eq!(events[1]["action"], "SNAPSHOT", "{events}");
    assert_eq!(events[1]["properties"], json!({"jobtitle": "CEO"}));
}

/// Marketing forms and e-mails are kept: created, read, listed, updated, published and
/// archived, answered in their schema's shape. Submissions go to a form that exists, take only
/// its fields, and create or update the contact their e-mail names.
#[tokio::test]
async fn forms_take_submissions_and_marketing_emails_are_kept() {
    let api = Api::default().await;
    let form = json!({
        "name": "Fair sign-up", "formType": "hubspot", "archived": false,
        "fieldGroups": [{"groupType": "default_group", "richTextType": "text", "fields": [
            {"objectTypeId": "0-1", "name": "email", "fieldType": "email", "label": "E-mail"},
            {"objectTypeId": "0-1", "name": "firstname", "fieldType": "single_line_text", "label": "Name"},
        ]}],
        "configuration": {"postSubmitAction": {"type": "thank_you", "value": "See you there"}},
    });
    let (status, created) = api
        .json(Method::POST, "/marketing/v3/forms", Some(form))
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let guid = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["name"], "Fair sign-up");
    assert!(created.get("archivedAt").is_none(), "{created}");
    assert!(
        created["displayOptions"].is_object(),
        "schema-shaped: {created}"
    );
    let (_, read) = api
        .json(Method::GET, &format!("/marketing/v3/forms/{guid}"), None)
        .await;
    assert_eq!(read["fieldGroups"], created["fieldGroups"]);
    let (_, patched) = api
        .json(
            Method::PATCH,
            &format!("/marketing/v3/forms/{guid}"),
            Some(json!({"name": "Fair sign-up 2027"})),
        )
        .await;
    assert_eq!(patched["name"], "Fair sign-up 2027");
    assert_eq!(patched["id"], guid.as_str());

    let submit = |fields: Value| {
        let url = format!(
            "{}/submissions/v3/integration/submit/62515/{guid}",
            api.mock.base_url()
        );
        let http = api.http.clone();
        async move {
            let response = http
                .post(url)
                .json(&json!({"fields": fields}))
                .send()
                .await
                .unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap())
        }
    };
    let (status, thanks) = submit(json!([
        {"objectTypeId": "0-1", "name": "email", "value": "ada@example.com"},
        {"objectTypeId": "0-1", "name": "firstname", "value": "Ada"},
    ]))
    .await;
    assert_eq!(status, StatusCode::OK, "{thanks}");
    assert_eq!(thanks["inlineMessage"], "See you there");
    let (status, refused) = submit(json!([
        {"objectTypeId": "0-1", "name": "email", "value": "ada@example.com"},
        {"objectTypeId": "0-1", "name": "jobtitle", "value": "Engineer"},
    ]))
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    assert_eq!(
        refused["errors"][0]["errorType"],
        "FIELD_NOT_IN_FORM_DEFINITION"
    );
    // The secure endpoint, with the token, takes any contact property.
    let (status, _) = api
        .json(
            Method::POST,
            &format!("/submissions/v3/integration/secure/submit/62515/{guid}"),
            Some(json!({"fields": [
                {"objectTypeId": "0-1", "name": "email", "value": "ada@example.com"},
                {"objectTypeId": "0-1", "name": "jobtitle", "value": "Engineer"},
            ]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let dumped = api.control("/__mock/objects").await;
    let contacts = dumped["objects"]["contacts"].as_array().unwrap();
    assert_eq!(
        contacts.len(),
        1,
        "one contact for two submissions: {contacts:?}"
    );
    assert_eq!(contacts[0]["properties"]["jobtitle"], "Engineer");
    assert_eq!(contacts[0]["properties"]["firstname"], "Ada");
    assert_eq!(
        dumped["marketing"]["formSubmissions"][&guid]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let (status, _) = api
        .json(
            Method::POST,
            "/submissions/v3/integration/secure/submit/62515/no-such-form",
            Some(json!({"fields": []})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, email) = api
        .json(
            Method::POST,
            "/marketing/emails/2026-03",
            Some(json!({"name": "Fair follow-up", "subject": "Thanks for coming"})),
        )
        .await;
    assert!(status.is_success(), "{email}");
    let id = email["id"].as_str().unwrap().to_owned();
    assert_eq!(email["state"], "DRAFT");
    let (status, _) = api
        .json(
            Method::POST,
            &format!("/marketing/v3/emails/{id}/publish"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, read) = api
        .json(
            Method::GET,
            &format!("/marketing/emails/2026-03/{id}"),
            None,
        )
        .await;
    assert_eq!(
        (read["state"].as_str(), read["subject"].as_str()),
        (Some("PUBLISHED"), Some("Thanks for coming"))
    );
    let (_, listed) = api
        .json(Method::GET, "/marketing/emails/2026-03", None)
        .await;
    assert_eq!(listed["results"].as_array().unwrap().len(), 1, "{listed}");
    let (status, _) = api
        .json(
            Method::DELETE,
            &format!("/marketing/emails/2026-03/{id}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = api
        .json(
            Method::GET,
            &format!("/marketing/emails/2026-03/{id}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// A body is checked against what its own version requires: a legacy `v3` request, as
/// HubSpot's own clients send it, is not refused for a field only the dated version requires.
#[tokio::test]
async fn a_body_is_checked_as_its_own_version_defines_it() {
    let api = Api::default().await;
    let body = json!({"email": "ada@example.com"});
    let (status, dated) = api
        .json(
            Method::POST,
            "/visitor-identification/2026-03/tokens/create",
            Some(body.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{dated}");
    assert!(
        dated["message"]
            .as_str()
            .unwrap()
            .contains("hsCustomerAgentContext")
    );
    let (status, legacy) = api
        .json(
            Method::POST,
            "/visitor-identification/v3/tokens/create",
            Some(body),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{legacy}");
    // Legacy schema paths and an export's upper-case object type, as HubSpot's guides write them.
    let (status, _) = api
        .json(Method::GET, "/crm-object-schemas/v3/schemas", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, export) = api
        .json(
            Method::POST,
            "/crm/v3/exports/export/async",
            Some(
                json!({"exportType": "VIEW", "format": "CSV", "exportName": "all",
                        "objectType": "CONTACT", "objectProperties": ["email"], "language": "EN"}),
            ),
        )
        .await;
    assert!(status.is_success(), "{export}");
}

/// A schema-shaped answer says so in a header; an answer the mock's state made does not.
#[tokio::test]
async fn a_schema_answer_is_marked_as_one() {
    let api = Api::default().await;
    let schema = api
        .call(Method::GET, "/cms/pages/2026-03/site-pages", None)
        .await;
    assert_eq!(schema.status(), StatusCode::OK);
    assert_eq!(
        schema.headers().get("x-hubspot-mock-answer").unwrap(),
        "schema"
    );
    let refused = api
        .call(
            Method::POST,
            "/visitor-identification/2026-03/tokens/create",
            Some(json!({})),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(refused.headers().contains_key("x-hubspot-mock-answer"));
    let stateful = api
        .call(Method::GET, "/crm/v3/objects/contacts", None)
        .await;
    assert_eq!(stateful.status(), StatusCode::OK);
    assert!(!stateful.headers().contains_key("x-hubspot-mock-answer"));
}
