//! Credentials beside the access token, against servers on 127.0.0.1: the developer API key of
//! app-level endpoints, the client-credentials token of app-level OAuth (the Webhooks Journal),
//! and form submissions on their own host, with and without the token.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hubspot_crm::forms::{self, Consent, LegalConsentOptions, Submission, SubmissionContext};
use hubspot_crm::{webhooks, webhooks_journal};
use hubspot_runtime::oauth::{OAuth, OAuthApp};
use hubspot_runtime::time::VirtualTime;
use hubspot_runtime::{Client, Error, WriteOutcome};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "pat-na1-app-auth-token";
const KEY: &str = "dev-key-3f9a1c";

/// A server answering every request with `status` and a body that echoes the request's URL, as
/// a careless proxy's error page might.
async fn echoing_url(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(move |request: &Request| {
            ResponseTemplate::new(status).set_body_json(serde_json::json!({
                "status": "error",
                "message": format!("refused {}", request.url),
                "correlationId": "c-1",
            }))
        })
        .mount(&server)
        .await;
    server
}

/// Asserts that `request` carried the access token.
fn assert_token(request: &Request) {
    assert_eq!(
        request.headers["authorization"].to_str().unwrap(),
        format!("Bearer {TOKEN}")
    );
}

/// A server answering every request with 204.
async fn answering_204() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    server
}

fn client_with_key(server: &MockServer) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .developer_api_key(KEY)
        .base_url(server.uri())
        .time(VirtualTime::new())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_developer_key_replaces_the_token_on_app_endpoints_only() {
    let server = answering_204().await;
    let client = client_with_key(&server);
    webhooks::settings::archive(77).send(&client).await.unwrap();
    webhooks_journal::subscriptions::archive(5)
        .send(&client)
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    let [app, journal] = received.as_slice() else {
        panic!("{} requests", received.len());
    };
    assert_eq!(app.url.path(), "/webhooks/2026-03/77/settings");
    assert_eq!(app.url.query(), Some(format!("hapikey={KEY}").as_str()));
    assert!(!app.headers.contains_key("authorization"));
    // The positive control: an endpoint that takes the token still sends it, without the key.
    assert_eq!(journal.url.query(), None);
    assert_token(journal);
}

#[tokio::test]
async fn an_app_endpoint_without_a_key_sends_the_token() {
    let server = answering_204().await;
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(server.uri())
        .build()
        .unwrap();
    webhooks::settings::archive(77).send(&client).await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].url.query(), None);
    assert_token(&received[0]);
}

#[tokio::test]
async fn a_key_only_client_refuses_token_endpoints_before_sending() {
    let server = answering_204().await;
    let client = Client::builder()
        .developer_api_key(KEY)
        .base_url(server.uri())
        .build()
        .unwrap();
    let error = webhooks_journal::subscriptions::archive(5)
        .send(&client)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error:?}");
    assert_eq!(error.write_outcome(), WriteOutcome::NotApplied);
    assert!(server.received_requests().await.unwrap().is_empty());
    // The same client reaches the app endpoints.
    webhooks::settings::archive(77).send(&client).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_developer_key_never_reaches_an_error_debug_output_or_a_log() {
    let logs = tests::captured_logs();
    let mut texts = Vec::new();
    // A server that echoes the URL, key included, in its 401 and in its 503s (retried, logged).
    for status in [401, 503] {
        let server = echoing_url(status).await;
        let client = client_with_key(&server);
        texts.push(format!("{client:?}"));
        let error = webhooks::settings::archive(77)
            .send(&client)
            .await
            .unwrap_err();
        let received = server.received_requests().await.unwrap();
        // The positive control: the key did go out, so an echo could have carried it back.
        assert!(received[0].url.as_str().contains(KEY));
        let api = error.api_error().expect("an API error");
        assert!(
            api.body_text().contains("[REDACTED]"),
            "{}",
            api.body_text()
        );
        texts.extend([
            error.to_string(),
            format!("{error:?}"),
            api.body_text().into(),
        ]);
    }
    // A connection that drops before answering: a transport error.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            drop(socket);
        }
    });
    let client = Client::builder()
        .access_token(TOKEN)
        .developer_api_key(KEY)
        .base_url(format!("http://{address}"))
        .time(VirtualTime::new())
        .build()
        .unwrap();
    let error = webhooks::settings::archive(77)
        .send(&client)
        .await
        .unwrap_err();
    texts.extend([error.to_string(), format!("{error:?}")]);
    texts.push(format!(
        "{:?}",
        Client::builder().developer_api_key(KEY).access_token(TOKEN)
    ));
    let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    assert!(
        logged.contains("/webhooks/2026-03/<app_id>/settings"),
        "no log was captured"
    );
    texts.push(logged);
    for text in &texts {
        assert!(!text.contains(KEY), "the key leaked into: {text}");
    }
}

/// A token endpoint granting client-credentials tokens `cc-1`, `cc-2`, … valid for 30 minutes,
/// and the form of each grant it got.
async fn client_credentials_endpoint() -> (MockServer, Arc<Mutex<Vec<String>>>) {
    let server = MockServer::start().await;
    let forms: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = forms.clone();
    Mock::given(method("POST"))
        .and(path("/oauth/2026-03/token"))
        .respond_with(move |request: &Request| {
            let mut seen = seen.lock().unwrap();
            seen.push(String::from_utf8_lossy(&request.body).into_owned());
            ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "token_type": "bearer",
                "access_token": format!("cc-{}", seen.len()),
                "expires_in": 1800,
            }))
        })
        .mount(&server)
        .await;
    (server, forms)
}

#[tokio::test]
async fn a_client_credentials_token_is_granted_then_renewed_ahead_of_expiry() {
    let (tokens, grants) = client_credentials_endpoint().await;
    let api = answering_204().await;
    let time = VirtualTime::new();
    let app = OAuthApp::builder("app-id", "app-secret", "http://127.0.0.1:1/callback")
        .api_base_url(tokens.uri())
        .time(time.clone())
        .build()
        .unwrap();
    let auth = OAuth::client_credentials(
        app,
        &[
            "webhooks-journal-data-access",
            "webhooks-journal-subscription-write",
        ],
    )
    .time(time.clone());
    let client = Client::builder()
        .auth(auth)
        .base_url(api.uri())
        .time(time.clone())
        .build()
        .unwrap();
    webhooks_journal::subscriptions::archive(1)
        .send(&client)
        .await
        .unwrap();
    webhooks_journal::subscriptions::archive(2)
        .send(&client)
        .await
        .unwrap();
    // 26 minutes on, within the 5 minutes before expiry: a new grant, not a refresh.
    time.advance(Duration::from_secs(26 * 60));
    webhooks_journal::subscriptions::archive(3)
        .send(&client)
        .await
        .unwrap();
    let grants = grants.lock().unwrap().clone();
    assert_eq!(grants.len(), 2, "{grants:?}");
    for grant in &grants {
        assert!(grant.contains("grant_type=client_credentials"), "{grant}");
        assert!(grant.contains("client_id=app-id"), "{grant}");
        assert!(
            grant.contains(
                "scope=webhooks-journal-data-access%20webhooks-journal-subscription-write"
            ),
            "{grant}"
        );
        assert!(!grant.contains("refresh_token"), "{grant}");
    }
    let bearers: Vec<String> = api
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(bearers, ["Bearer cc-1", "Bearer cc-1", "Bearer cc-2"]);
}

#[tokio::test]
async fn a_failing_client_credentials_grant_is_a_refresh_error_and_nothing_is_sent() {
    let tokens = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string("down for maintenance"))
        .mount(&tokens)
        .await;
    let api = MockServer::start().await;
    let time = VirtualTime::new();
    let app = OAuthApp::builder("app-id", "app-secret", "http://127.0.0.1:1/callback")
        .api_base_url(tokens.uri())
        .time(time.clone())
        .build()
        .unwrap();
    let client = Client::builder()
        .auth(OAuth::client_credentials(app, &[]).time(time.clone()))
        .base_url(api.uri())
        .time(time)
        .build()
        .unwrap();
    let error = webhooks_journal::subscriptions::archive(9)
        .send(&client)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::TokenRefresh(_)), "{error:?}");
    assert_eq!(error.write_outcome(), WriteOutcome::NotApplied);
    assert!(!format!("{error:?}").contains("app-secret"));
    assert!(api.received_requests().await.unwrap().is_empty());
}

/// A client whose forms host is `forms` and whose API host refuses every connection.
fn forms_client(forms: &MockServer) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .base_url("http://127.0.0.1:9")
        .forms_base_url(forms.uri())
        .time(VirtualTime::new())
        .build()
        .unwrap()
}

fn submission() -> Submission {
    Submission::new()
        .field("0-1", "email", "ada@example.com")
        .submitted_at(1_764_000_000_000)
        .context(
            SubmissionContext::new()
                .hutk("hutk-1")
                .page_uri("https://example.com/signup"),
        )
        .legal_consent(LegalConsentOptions::Consent(
            Consent::new(true, "I agree").communication(999, true, "Send me news"),
        ))
}

#[tokio::test]
async fn a_form_submission_goes_to_the_forms_host_with_no_credentials() {
    let forms_host = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"inlineMessage": "Thanks!"})),
        )
        .mount(&forms_host)
        .await;
    let client = forms_client(&forms_host);
    let answer = forms::submit("123", "form-guid", &submission())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(answer.inline_message.as_deref(), Some("Thanks!"));
    let secure = forms::secure_submit("123", "form-guid", &submission())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(secure.redirect_uri, None);
    let received = forms_host.received_requests().await.unwrap();
    let [public, authenticated] = received.as_slice() else {
        panic!("{} requests", received.len());
    };
    assert_eq!(
        public.url.path(),
        "/submissions/v3/integration/submit/123/form-guid"
    );
    assert!(!public.headers.contains_key("authorization"));
    let body: serde_json::Value = serde_json::from_slice(&public.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "fields": [{"objectTypeId": "0-1", "name": "email", "value": "ada@example.com"}],
            "submittedAt": "1764000000000",
            "context": {"hutk": "hutk-1", "pageUri": "https://example.com/signup"},
            "legalConsentOptions": {"consent": {
                "consentToProcess": true,
                "text": "I agree",
                "communications": [{"value": true, "subscriptionTypeId": 999, "text": "Send me news"}],
            }},
        })
    );
    assert_eq!(
        authenticated.url.path(),
        "/submissions/v3/integration/secure/submit/123/form-guid"
    );
    assert_token(authenticated);
}

#[tokio::test]
async fn a_submission_that_may_have_arrived_is_not_sent_twice() {
    let forms_host = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&forms_host)
        .await;
    let error = forms::submit("123", "form-guid", &submission())
        .send(&forms_client(&forms_host))
        .await
        .unwrap_err();
    assert_eq!(error.write_outcome(), WriteOutcome::Unknown, "{error:?}");
    assert_eq!(forms_host.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_refused_submission_says_why() {
    let forms_host = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "status": "error",
            "message": "The request is not valid",
            "correlationId": "c-9",
            "errors": [{"message": "Error in 'fields.email'. Invalid email address", "errorType": "INVALID_EMAIL"}],
        })))
        .mount(&forms_host)
        .await;
    let error = forms::submit("123", "form-guid", &submission())
        .send(&forms_client(&forms_host))
        .await
        .unwrap_err();
    let api = error.api_error().expect("an API error");
    assert_eq!(api.status, 400);
    assert!(
        error.to_string().contains("The request is not valid"),
        "{error}"
    );
    assert_eq!(api.correlation_id(), Some("c-9"));
    assert_eq!(
        api.body.errors[0].error_type.as_deref(),
        Some("INVALID_EMAIL"),
        "the forms host's code is kept"
    );
}

#[tokio::test]
async fn a_journal_entry_names_a_file_that_is_fetched_without_the_token() {
    let (tokens, _) = client_credentials_endpoint().await;
    let files = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/journal/file.json"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"[{"objectId":1}]"#))
        .mount(&files)
        .await;
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/webhooks-journal/journal/2026-03/earliest"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "url": format!("{}/journal/file.json", files.uri()),
            "expiresAt": "2026-12-02T12:00:00Z",
            "currentOffset": "550e8400-e29b-41d4-a716-446655440000",
        })))
        .mount(&api)
        .await;
    let app = OAuthApp::builder("app-id", "app-secret", "http://127.0.0.1:1/callback")
        .api_base_url(tokens.uri())
        .build()
        .unwrap();
    let client = Client::builder()
        .auth(OAuth::client_credentials(
            app,
            &["developer.webhooks_journal.read"],
        ))
        .base_url(api.uri())
        .build()
        .unwrap();
    let entry = webhooks_journal::journal::earliest::get(&Default::default())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        entry.current_offset.as_deref(),
        Some("550e8400-e29b-41d4-a716-446655440000")
    );
    let file = client
        .download(entry.url.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(&file[..], br#"[{"objectId":1}]"#);
    // The API got the app token; the file host got no credentials at all.
    let asked = api.received_requests().await.unwrap();
    assert_eq!(asked[0].headers["authorization"], "Bearer cc-1");
    let fetched = files.received_requests().await.unwrap();
    assert_eq!(fetched.len(), 1);
    assert!(!fetched[0].headers.contains_key("authorization"));
}
