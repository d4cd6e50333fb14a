//! What a call did, readable from code: the client's counters, and the `tracing` span each call
//! opens with OpenTelemetry's HTTP attribute names.

use hubspot_crm::models::{CreateInput, SearchRequest};
use hubspot_crm::{Client, ClientStats, RetryConfig, WriteOutcome, contacts, deals};
use hubspot_runtime::time::VirtualTime;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn record() -> serde_json::Value {
    serde_json::json!({
        "id": "7", "properties": {}, "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z", "archived": false,
    })
}

/// Answers `first` to the first `times` requests to `at`, then `then`.
async fn answer(
    server: &MockServer,
    verb: &str,
    at: &str,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

fn rate_limited() -> ResponseTemplate {
    ResponseTemplate::new(429).set_body_json(serde_json::json!({
        "status": "error", "message": "You have reached your ten_secondly_rolling limit.",
        "errorType": "RATE_LIMIT", "policyName": "TEN_SECONDLY_ROLLING",
    }))
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .access_token("pat-test")
        .base_url(server.uri())
        .time(VirtualTime::new())
        .retry(RetryConfig::default().with_max_attempts(2))
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_client_counts_calls_attempts_retries_by_cause_429s_by_lane_and_outcomes() {
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(record());
    answer(
        &server,
        "GET",
        "/crm/objects/2026-03/deals/7",
        ResponseTemplate::new(503),
        1,
        ok.clone(),
    )
    .await;
    let page =
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"total": 0, "results": []}));
    answer(
        &server,
        "POST",
        "/crm/objects/2026-03/contacts/search",
        rate_limited(),
        1,
        page,
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/crm/objects/2026-03/deals/404"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/crm/objects/2026-03/deals"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let client = client(&server);
    let before = client.stats();
    assert_eq!(before, ClientStats::default());

    deals::get("7").send(&client).await.unwrap();
    let search = SearchRequest::builder().build().unwrap();
    contacts::search(&search).send(&client).await.unwrap();
    assert!(deals::get("404").send(&client).await.is_err());
    let create = deals::create(&CreateInput::new())
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(create.write_outcome(), WriteOutcome::Unknown);

    let stats = client.stats();
    assert_eq!(stats.calls, 4);
    assert_eq!(stats.attempts, 6, "{stats:?}");
    assert_eq!((stats.succeeded, stats.failed), (2, 2));
    assert_eq!(stats.outcome_unknown, 1);
    let retries = stats.retries;
    assert_eq!(
        (
            retries.rate_limit,
            retries.server_error,
            retries.transport,
            retries.reauthorized
        ),
        (1, 1, 0, 0)
    );
    assert_eq!(
        (stats.rate_limited.standard, stats.rate_limited.search),
        (0, 1)
    );
    // The counters are the client's, shared by its clones.
    assert_eq!(client.clone().stats(), stats);
}

#[tokio::test]
async fn each_call_is_a_span_named_for_its_operation_with_http_attributes() {
    let logs = tests::captured_logs();
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(record());
    answer(
        &server,
        "GET",
        "/crm/objects/2026-03/deals/31",
        ResponseTemplate::new(503),
        1,
        ok,
    )
    .await;
    let client = client(&server);
    deals::get("31").send(&client).await.unwrap();
    let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    // The retry's warning is logged inside the call's span, which carries its attributes.
    let line = logged
        .lines()
        .find(|line| {
            line.contains("retrying HubSpot request")
                && line.contains("hubspot.operation=\"deals::get\"")
        })
        .unwrap_or_else(|| panic!("no retry inside a deals::get span in:\n{logged}"));
    for attribute in [
        "hubspot.request{",
        "otel.kind=\"client\"",
        "http.request.method=\"GET\"",
        "url.template=\"/crm/objects/2026-03/deals/<id>\"",
        "server.address=\"127.0.0.1\"",
        "http.response.status_code=503",
    ] {
        assert!(line.contains(attribute), "{attribute} missing from: {line}");
    }
    // The filled path (an id, an e-mail) is never an attribute.
    assert!(!line.contains("deals/31"), "{line}");
}

/// A family's functions live in a crate of their own (`hubspot_cms`, `hubspot_crm_extras`): a
/// span names them as `hubspot_crm` does (`cms::domains::get`), whatever the crate.
#[tokio::test]
async fn a_span_names_a_family_crates_operation_by_its_path_in_hubspot_crm() {
    let logs = tests::captured_logs();
    let server = MockServer::start().await;
    let ok = ResponseTemplate::new(200).set_body_json(serde_json::json!({}));
    for at in [
        "/cms/domains/2026-03/5",
        "/forecast-settings/v3/forecast-types",
    ] {
        answer(
            &server,
            "GET",
            at,
            ResponseTemplate::new(503),
            1,
            ok.clone(),
        )
        .await;
    }
    let client = client(&server);
    hubspot_crm::cms::domains::get("5")
        .send(&client)
        .await
        .unwrap();
    hubspot_crm::forecast_types::get()
        .send(&client)
        .await
        .unwrap();
    let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    for operation in ["cms::domains::get", "forecast_types::get"] {
        let named = format!("hubspot.operation=\"{operation}\"");
        assert!(
            logged
                .lines()
                .any(|line| line.contains("retrying HubSpot request") && line.contains(&named)),
            "no retry inside a {operation} span in:\n{logged}"
        );
    }
}
