//! The runtime over real sockets on 127.0.0.1: headers, encoding, retries, timeouts.

use std::time::Duration;

use hubspot_runtime::WriteOutcome;
use hubspot_runtime::time::VirtualTime;
use hubspot_runtime::{Client, Error, GiveUpReason, Method, PathBuilder, Request, RetryConfig};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(base_url: &str, time: &VirtualTime) -> Client {
    Client::builder()
        .access_token("pat-na1-e2e")
        .base_url(base_url)
        .time(time.clone())
        .retry(RetryConfig::default().with_jitter(false))
        .build()
        .unwrap()
}

fn deal(id: &str) -> Request<serde_json::Value> {
    Request::new(
        Method::Patch,
        "/crm/objects/2026-03/deals/<id>",
        PathBuilder::new()
            .literal("/crm/objects/2026-03/deals/")
            .param("id", &id),
    )
    .json(&serde_json::json!({"properties": {"dealstage": "closedwon"}}))
}

#[tokio::test]
async fn sends_token_body_and_encoded_path() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/crm/objects/2026-03/deals/a%2Fb"))
        .and(header("authorization", "Bearer pat-na1-e2e"))
        .and(header("content-type", "application/json"))
        .and(body_json(
            serde_json::json!({"properties": {"dealstage": "closedwon"}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "a/b"})))
        .expect(1)
        .mount(&server)
        .await;
    let time = VirtualTime::new();
    let updated = deal("a/b")
        .send(&client(&server.uri(), &time))
        .await
        .unwrap();
    assert_eq!(updated["id"], "a/b");
}

#[tokio::test]
async fn retries_a_429_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "3")
                .set_body_json(serde_json::json!({"status":"error","message":"You have reached your ten_secondly_rolling limit.","errorType":"RATE_LIMIT","correlationId":"x","policyName":"TEN_SECONDLY_ROLLING"})),
        )
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "1"})))
        .mount(&server)
        .await;
    let time = VirtualTime::new();
    deal("1").send(&client(&server.uri(), &time)).await.unwrap();
    // Each 429 pauses the lane for the Retry-After HubSpot gave, and uses up no attempt.
    assert_eq!(
        time.sleeps(),
        [Duration::from_secs(3), Duration::from_secs(3)]
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn no_content_decodes_to_unit_and_query_lists_repeat_their_key_unless_comma_separated() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/crm/objects/2026-03/deals/7"))
        .and(query_param("properties", "a"))
        .and(query_param("properties", "b"))
        .and(query_param("associations", "c,d"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    #[derive(serde::Serialize)]
    struct Query {
        properties: Vec<&'static str>,
        #[serde(serialize_with = "hubspot_runtime::comma_separated")]
        associations: Vec<&'static str>,
        after: Option<String>,
    }
    let request: Request<()> = Request::new(
        Method::Delete,
        "/crm/objects/2026-03/deals/<id>",
        PathBuilder::new()
            .literal("/crm/objects/2026-03/deals/")
            .param("id", &7),
    )
    .query(&Query {
        properties: vec!["a", "b"],
        associations: vec!["c", "d"],
        after: None,
    });
    let time = VirtualTime::new();
    request.send(&client(&server.uri(), &time)).await.unwrap();
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_create() {
    // Bind then drop a listener, so the port is free and nothing accepts on it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let time = VirtualTime::new();
    let create: Request<serde_json::Value> = Request::new(
        Method::Post,
        "/crm/objects/2026-03/contacts",
        PathBuilder::new().literal("/crm/objects/2026-03/contacts"),
    )
    .json(&serde_json::json!({"properties": {}}));
    let error = create
        .send(&client(&format!("http://127.0.0.1:{port}"), &time))
        .await
        .unwrap_err();
    let Error::GaveUp {
        reason,
        attempts,
        last,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*reason, *attempts), (GiveUpReason::AttemptsExhausted, 4));
    assert!(error.write_outcome() != WriteOutcome::Unknown, "{error}");
    // The last failure names the host it could not reach.
    let last = last.as_deref().unwrap().to_string();
    assert!(
        last.starts_with(&format!("127.0.0.1:{port}: could not connect")),
        "{last}"
    );
    assert_eq!(time.sleeps().len(), 3);
}

#[tokio::test]
async fn a_create_that_times_out_is_sent_once_and_reported_as_unknown() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_delay(Duration::from_secs(2)))
        .mount(&server)
        .await;
    let time = VirtualTime::new();
    let client = Client::builder()
        .access_token("t")
        .base_url(server.uri())
        .time(time.clone())
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let create: Request<serde_json::Value> = Request::new(
        Method::Post,
        "/crm/objects/2026-03/deals",
        PathBuilder::new().literal("/crm/objects/2026-03/deals"),
    )
    .json(&serde_json::json!({"properties": {}}));
    let error = create.send(&client).await.unwrap_err();
    assert!(error.write_outcome() == WriteOutcome::Unknown, "{error:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert!(time.sleeps().is_empty());
}

/// An OAuth-style token source: the executor asks it for a token on every attempt.
#[derive(Debug)]
struct RotatingToken(std::sync::atomic::AtomicUsize);

impl hubspot_runtime::Auth for RotatingToken {
    fn bearer_token(
        &self,
    ) -> hubspot_runtime::time::BoxFuture<'_, Result<hubspot_runtime::SecretString, Error>> {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(std::future::ready(Ok(hubspot_runtime::SecretString::from(
            format!("oauth-{n}"),
        ))))
    }
}

#[tokio::test]
async fn a_custom_auth_supplies_each_attempts_token_and_the_user_agent_is_sent() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer oauth-0"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Bearer oauth-1"))
        .and(header("user-agent", "my-sync/2.0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "1"})))
        .expect(1)
        .mount(&server)
        .await;
    let time = VirtualTime::new();
    let client = Client::builder()
        .auth(RotatingToken(std::sync::atomic::AtomicUsize::new(0)))
        .base_url(server.uri())
        .user_agent("my-sync/2.0")
        .time(time.clone())
        .build()
        .unwrap();
    deal("1").send(&client).await.unwrap();
    assert_eq!(time.sleeps().len(), 1);
}

#[test]
fn a_second_client_asking_other_limits_for_the_same_token_is_warned() {
    let logs = tests::captured_logs();
    let warnings = || {
        let text = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
        text.matches("set the rate limits first").count()
    };
    let build = |limit| {
        hubspot_runtime::Client::builder()
            .access_token("pat-na1-two-settings")
            .base_url("http://127.0.0.1:9")
            .rate_limit(hubspot_runtime::Lane::Standard, Some(limit))
            .build()
            .unwrap()
    };
    let before = warnings();
    let first = build(hubspot_runtime::RateLimit::FREE_STARTER);
    let same = build(hubspot_runtime::RateLimit::FREE_STARTER);
    assert_eq!(warnings(), before, "the same settings share quietly");
    let other = build(hubspot_runtime::RateLimit::OAUTH_APP);
    assert_eq!(
        warnings(),
        before + 1,
        "different settings are not ignored silently"
    );
    drop((first, same, other));
}

#[tokio::test]
async fn a_403_names_the_scopes_hubspot_reported_missing_or_the_users_permissions() {
    let server = MockServer::start().await;
    let time = VirtualTime::new();
    let client = client(&server.uri(), &time);
    let answer = |context: serde_json::Value| {
        ResponseTemplate::new(403).set_body_json(serde_json::json!({
            "status": "error",
            "message": "This app has not been granted all the scopes this call needs.",
            "category": "MISSING_SCOPES",
            "context": context,
        }))
    };

    Mock::given(path("/crm/objects/2026-03/deals/1"))
        .respond_with(answer(serde_json::json!({
            "requiredGranularScopes": ["crm.objects.deals.read", "crm.schemas.deals.read"]
        })))
        .mount(&server)
        .await;
    let error = deal("1").send(&client).await.unwrap_err();
    let Error::Api(api) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        api.missing_scopes(),
        ["crm.objects.deals.read", "crm.schemas.deals.read"]
    );
    assert!(
        error
            .to_string()
            .contains("lacks the scope(s) `crm.objects.deals.read`, `crm.schemas.deals.read`"),
        "{error}"
    );

    // No scope named: the installing user's permissions may be why.
    Mock::given(path("/crm/objects/2026-03/deals/2"))
        .respond_with(answer(serde_json::json!({})))
        .mount(&server)
        .await;
    let error = deal("2").send(&client).await.unwrap_err();
    assert!(
        error.to_string().contains("user who installed it"),
        "{error}"
    );

    // A server that lists thousands of scopes gets a bounded message.
    let many: Vec<String> = (0..5000).map(|i| format!("scope.{i}")).collect();
    Mock::given(path("/crm/objects/2026-03/deals/3"))
        .respond_with(answer(serde_json::json!({"missingScopes": many})))
        .mount(&server)
        .await;
    let error = deal("3").send(&client).await.unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("and 4992 more") && text.len() < 1000,
        "{text}"
    );
}
