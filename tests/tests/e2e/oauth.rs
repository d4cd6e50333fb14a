//! OAuth against hubspot-mock: the install flow, refresh ahead of expiry (once for many calls),
//! after a 401, a revoked grant, rotation, the app rate-limit preset, and no secret anywhere.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hubspot_crm::contacts;
use hubspot_crm::models::ListOptions;
use hubspot_mock::{Limits, MockConfig, MockServer, OAuthConfig};
use hubspot_runtime::WriteOutcome;
use hubspot_runtime::oauth::{OAuth, OAuthApp, Pkce, TokenEndpoint, TokenSet};
use hubspot_runtime::time::VirtualTime;
use hubspot_runtime::{Client, Error};
use secrecy::ExposeSecret;

const SECRET: &str = "mock-client-secret";

async fn mock(rotate: bool) -> MockServer {
    MockServer::start(
        MockConfig {
            oauth: OAuthConfig {
                rotate_refresh_tokens: rotate,
                ..OAuthConfig::default()
            },
            ..MockConfig::default()
        }
        .limits(Limits {
            window_max: 100_000,
            ..Limits::default()
        }),
    )
    .await
    .unwrap()
}

fn app(mock: &MockServer, time: &VirtualTime) -> OAuthApp {
    OAuthApp::builder("mock-client-id", SECRET, "http://127.0.0.1:1/callback")
        .api_base_url(mock.base_url())
        .authorize_base_url(mock.base_url())
        .time(time.clone())
        .build()
        .unwrap()
}

/// Walks the install page as a browser would, and exchanges the code it hands back.
async fn install(app: &OAuthApp) -> TokenSet {
    let url = app.authorize_url(
        &["crm.objects.contacts.read"],
        &["crm.objects.deals.read"],
        "st-1",
    );
    let browser = tests::http_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = browser.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("http://127.0.0.1:1/callback?code="),
        "{location}"
    );
    assert!(location.ends_with("&state=st-1"), "{location}");
    let code = location
        .split("code=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap();
    app.exchange_code(code).await.unwrap()
}

/// A mock, a shared virtual clock, and an app installed on it.
async fn installed(rotate: bool) -> (MockServer, VirtualTime, OAuthApp, TokenSet) {
    let mock = mock(rotate).await;
    let time = VirtualTime::new();
    let app = app(&mock, &time);
    let tokens = install(&app).await;
    (mock, time, app, tokens)
}

/// Moves both clocks past the access token's expiry.
fn expire(mock: &MockServer, time: &VirtualTime) {
    time.advance(Duration::from_secs(1801));
    mock.advance_clock(Duration::from_secs(1801));
}

fn client(mock: &MockServer, auth: OAuth, time: &VirtualTime) -> Client {
    Client::builder()
        .auth(auth)
        .base_url(mock.base_url())
        .time(time.clone())
        .build()
        .unwrap()
}

async fn list(client: &Client) -> Result<(), Error> {
    contacts::list(&ListOptions::default())
        .send(client)
        .await
        .map(|_| ())
}

#[tokio::test]
async fn the_install_flow_exchanges_a_code_and_calls_the_api() {
    let mock = mock(false).await;
    let time = VirtualTime::new();
    let app = app(&mock, &time);
    let url = app.authorize_url(&["a", "b"], &["c"], "s t");
    assert!(url.contains("client_id=mock%2Dclient%2Did&redirect_uri=http%3A%2F%2F127%2E0%2E0%2E1%3A1%2Fcallback&scope=a%20b&optional_scope=c&state=s%20t"), "{url}");
    let tokens = install(&app).await;
    assert_eq!(tokens.expires_in, Duration::from_secs(1800));
    assert_eq!(tokens.hub_id, Some(62515));
    // Served by HubSpot until OAuth v1 ends on 2027-02-16.
    #[allow(deprecated)]
    let info = app
        .token_info(&tokens.access_token)
        .send(app.token_client())
        .await
        .unwrap();
    assert_eq!(info.hub_id, 62515);
    assert_eq!(info.scopes, ["crm.objects.contacts.read"]);
    let client = client(&mock, OAuth::new(app, tokens).time(time.clone()), &time);
    list(&client).await.unwrap();
    // A bad code is HubSpot's error, not a panic or a token.
    let again = OAuthApp::builder("mock-client-id", SECRET, "http://127.0.0.1:1/callback")
        .api_base_url(mock.base_url())
        .build()
        .unwrap()
        .exchange_code("not-a-code")
        .await
        .unwrap_err();
    assert_eq!(again.status(), Some(400));
    assert!(again.to_string().contains("auth code"), "{again}");

    // The v3 token endpoint takes the same grant.
    let v3 = OAuthApp::builder("mock-client-id", SECRET, "http://127.0.0.1:1/callback")
        .api_base_url(mock.base_url())
        .authorize_base_url(mock.base_url())
        .token_endpoint(TokenEndpoint::V3)
        .build()
        .unwrap();
    let tokens = install(&v3).await;
    v3.refresh(&tokens.refresh_token).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_calls_across_an_expiry_cause_exactly_one_refresh() {
    let (mock, time, app, tokens) = installed(false).await;
    let client = client(&mock, OAuth::new(app, tokens).time(time.clone()), &time);
    list(&client).await.unwrap();
    assert_eq!(mock.stats().token_grants, 1);
    // Past the expiry, on both clocks.
    expire(&mock, &time);
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { list(&client).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(mock.stats().token_grants, 2, "one code, one refresh");
    assert_eq!(
        mock.stats().unauthorized,
        0,
        "refreshed ahead, never sent an expired token"
    );
}

#[tokio::test]
async fn a_401_for_an_expired_token_is_refreshed_and_retried_once() {
    let (mock, time, app, tokens) = installed(false).await;
    let client = client(&mock, OAuth::new(app, tokens).time(time.clone()), &time);
    list(&client).await.unwrap();
    // Only the server's clock moves: the client believes its token is fresh.
    mock.advance_clock(Duration::from_secs(1801));
    let before = mock.stats().requests;
    list(&client).await.unwrap();
    assert_eq!(mock.stats().unauthorized, 1);
    assert_eq!(
        mock.stats().requests - before,
        2,
        "the call and its one retry"
    );
    assert_eq!(mock.stats().token_grants, 2);
}

#[tokio::test]
async fn a_revoked_refresh_token_is_a_clear_error_and_no_loop() {
    let (mock, time, app, tokens) = installed(false).await;
    let revoke = format!(
        "{}/oauth/v1/refresh-tokens/{}",
        mock.base_url(),
        tokens.refresh_token.expose_secret()
    );
    let status = tests::http().delete(revoke).send().await.unwrap().status();
    assert_eq!(status, 204);
    let client = client(&mock, OAuth::new(app, tokens).time(time.clone()), &time);
    list(&client).await.unwrap();
    expire(&mock, &time);
    for _ in 0..3 {
        let error = list(&client).await.unwrap_err();
        assert!(matches!(error, Error::Reauthorize { .. }), "{error:?}");
        assert!(!error.is_retryable());
        assert!(error.to_string().contains("authorized again"), "{error}");
    }
    assert_eq!(
        mock.stats().token_grants,
        2,
        "the code and one refused refresh, then no more"
    );
}

#[tokio::test]
async fn the_persistence_hook_sees_each_rotation() {
    let (mock, time, app, tokens) = installed(true).await;
    let first = tokens.refresh_token.expose_secret().to_owned();
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let sink = seen.clone();
    let auth = OAuth::new(app, tokens)
        .time(time.clone())
        .on_refresh(move |tokens| {
            sink.lock()
                .unwrap()
                .push(tokens.refresh_token.expose_secret().to_owned());
        });
    let client = client(&mock, auth, &time);
    for _ in 0..3 {
        list(&client).await.unwrap();
        expire(&mock, &time);
    }
    let seen = seen.lock().unwrap().clone();
    // Two refreshes; the second used the token the first rotated in (the old one was retired).
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen[0] != first && seen[1] != seen[0]);
}

#[tokio::test]
async fn an_oauth_client_starts_at_the_public_app_limit() {
    let (mock, time, app, tokens) = installed(false).await;
    let client = Client::builder()
        .auth(OAuth::new(app, tokens).time(time.clone()))
        .base_url(mock.base_url())
        .time(time.clone())
        .learn_rate_limits(false)
        .build()
        .unwrap();
    for _ in 0..111 {
        list(&client).await.unwrap();
    }
    // 110 per 10 s: the 111th waits for the first to leave the window.
    assert_eq!(time.sleeps(), [Duration::from_millis(10_200)]);
}

#[tokio::test]
async fn no_secret_reaches_a_log_line_debug_output_or_an_error() {
    let logs = tests::captured_logs();
    let (mock, time, app, tokens) = installed(true).await;
    let mut secrets = vec![
        SECRET.to_owned(),
        tokens.access_token.expose_secret().to_owned(),
        tokens.refresh_token.expose_secret().to_owned(),
    ];
    let seen: Arc<Mutex<Vec<TokenSet>>> = Arc::default();
    let sink = seen.clone();
    let auth = OAuth::new(app.clone(), tokens.clone())
        .time(time.clone())
        .on_refresh(move |tokens| sink.lock().unwrap().push(tokens.clone()));
    let mut texts = vec![
        format!("{app:?}"),
        format!("{tokens:?}"),
        format!("{auth:?}"),
    ];
    let client = client(&mock, auth, &time);
    list(&client).await.unwrap();
    expire(&mock, &time);
    list(&client).await.unwrap();
    for tokens in seen.lock().unwrap().iter() {
        secrets.push(tokens.access_token.expose_secret().to_owned());
        secrets.push(tokens.refresh_token.expose_secret().to_owned());
        texts.push(format!("{tokens:?}"));
    }
    // A token endpoint that echoes the form back in its error.
    let echo = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(|request: &wiremock::Request| {
            let form = String::from_utf8_lossy(&request.body).into_owned();
            wiremock::ResponseTemplate::new(400)
                .set_body_json(serde_json::json!({"status": "BAD_REFRESH_TOKEN", "message": form}))
        })
        .mount(&echo)
        .await;
    let echoing = OAuthApp::builder("mock-client-id", SECRET, "http://127.0.0.1:1/callback")
        .api_base_url(echo.uri())
        .build()
        .unwrap();
    let error = echoing.refresh(&tokens.refresh_token).await.unwrap_err();
    texts.push(error.to_string());
    texts.push(format!("{error:?}"));
    texts.push(error.api_error().unwrap().body_text().to_owned());
    let logged = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    // The positive control: the refresh this test made was logged, so the logs were read.
    assert!(
        logged.contains("refreshed the OAuth access token"),
        "no log was captured"
    );
    texts.push(logged);
    for text in &texts {
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "a secret leaked into: {text}"
            );
        }
    }
    assert!(texts.iter().any(|t| t.contains("[REDACTED]")));
}

/// A token endpoint on 127.0.0.1 that grants tokens "valid" for `u64::MAX` seconds, rotating
/// the refresh token; the API beside it answers every list.
#[tokio::test]
async fn an_absurd_expires_in_neither_panics_nor_hides_the_rotation() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer as Wire, ResponseTemplate};
    let server = Wire::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/2026-03/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "token_type": "bearer",
            "access_token": "fresh-access",
            "refresh_token": "rotated-refresh",
            "expires_in": u64::MAX,
        })))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/crm/objects/2026-03/contacts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"results": []})))
        .mount(&server)
        .await;
    let time = VirtualTime::new();
    let app = OAuthApp::builder("id", SECRET, "http://127.0.0.1:1/callback")
        .api_base_url(server.uri())
        .time(time.clone())
        .build()
        .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let hook = seen.clone();
    // Handed in already expired, so the first call refreshes.
    let auth = OAuth::new(app, TokenSet::new("old", "old-refresh", Duration::ZERO))
        .time(time.clone())
        .on_refresh(move |tokens| {
            let refresh = tokens.refresh_token.expose_secret().to_owned();
            hook.lock().unwrap().push((refresh, tokens.expires_in));
        });
    let client = Client::builder()
        .auth(auth)
        .base_url(server.uri())
        .time(time.clone())
        .build()
        .unwrap();
    list(&client).await.unwrap();
    list(&client).await.unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        [(
            "rotated-refresh".to_owned(),
            hubspot_runtime::oauth::MAX_TOKEN_LIFETIME
        )],
        "the rotation reached the hook, and the lifetime was held to a day"
    );
    // A day later the token is refreshed again, instead of never.
    time.advance(hubspot_runtime::oauth::MAX_TOKEN_LIFETIME);
    Mock::given(method("POST"))
        .and(path("/oauth/2026-03/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "token_type": "bearer", "access_token": "a2", "refresh_token": "r3", "expires_in": 1800,
        })))
        .mount(&server)
        .await;
    list(&client).await.unwrap();
    assert_eq!(seen.lock().unwrap().len(), 2);
}

/// An API on wiremock that answers every list and create, and an app whose token endpoint is
/// `token_url` (another server on 127.0.0.1), with tokens handed in already expired.
async fn behind_token_endpoint(
    token_url: &str,
    time: &VirtualTime,
) -> (wiremock::MockServer, OAuth) {
    use wiremock::matchers::any;
    use wiremock::{Mock, ResponseTemplate};
    let api = wiremock::MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"results": []})))
        .mount(&api)
        .await;
    let app = OAuthApp::builder("id", SECRET, "http://127.0.0.1:1/callback")
        .api_base_url(token_url)
        .build()
        .unwrap();
    let auth =
        OAuth::new(app, TokenSet::new("old", "old-refresh", Duration::ZERO)).time(time.clone());
    (api, auth)
}

/// A token endpoint on 127.0.0.1 that answers every grant with `status` and `body`.
async fn token_endpoint_answering(status: u16, body: serde_json::Value) -> wiremock::MockServer {
    use wiremock::matchers::method;
    use wiremock::{Mock, ResponseTemplate};
    let tokens = wiremock::MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&tokens)
        .await;
    tokens
}

/// A client of `api` with `auth`, on the virtual clock.
fn client_on(api: &wiremock::MockServer, auth: OAuth, time: &VirtualTime) -> Client {
    Client::builder()
        .auth(auth)
        .base_url(api.uri())
        .time(time.clone())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_refresh_that_hangs_ends_at_each_calls_deadline() {
    // A token endpoint that takes the request and never answers.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let token_url = format!("http://{}", listener.local_addr().unwrap());
    let held = Arc::new(Mutex::new(Vec::new()));
    let keep = held.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            keep.lock().unwrap().push(stream);
        }
    });
    let time = VirtualTime::new();
    let (api, auth) = behind_token_endpoint(&token_url, &time).await;
    let client = Client::builder()
        .auth(auth)
        .base_url(api.uri())
        .deadline(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let calls = (0..3).map(|_| list(&client));
    let results = futures_util::future::join_all(calls).await;
    // Each waits for the one refresh, and each gives up at its own deadline: not 30 s, 60 s
    // and 90 s behind the token client's timeout, one refresh after another.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    for result in results {
        let error = result.unwrap_err();
        assert!(matches!(error, Error::TokenRefresh(_)), "{error:?}");
        assert_eq!(
            error.write_outcome(),
            hubspot_runtime::WriteOutcome::NotApplied
        );
    }
    assert!(
        api.received_requests().await.unwrap().is_empty(),
        "no API request went out"
    );
}

#[tokio::test]
async fn calls_share_a_failed_refresh_which_is_tried_again_after_a_backoff() {
    let body = serde_json::json!({"status": "error", "message": "unavailable"});
    let tokens = token_endpoint_answering(503, body).await;
    let time = VirtualTime::new();
    let (api, auth) = behind_token_endpoint(&tokens.uri(), &time).await;
    let client = client_on(&api, auth, &time);
    let results = futures_util::future::join_all((0..20).map(|_| list(&client))).await;
    assert_eq!(
        tokens.received_requests().await.unwrap().len(),
        1,
        "one refresh for 20 calls"
    );
    for result in results {
        let error = result.unwrap_err();
        let Error::TokenRefresh(cause) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(
            cause.status(),
            Some(503),
            "the token endpoint's 503 is the cause"
        );
        // It is not the API's 503: nothing was sent, and the error says so.
        assert_eq!(error.status(), None);
        assert!(error.write_outcome() != WriteOutcome::Unknown && !error.is_retryable());
        assert!(error.to_string().contains("not sent"), "{error}");
    }
    // A create whose token could not be had was not sent: never "outcome unknown".
    let create = hubspot_crm::contacts::create(&hubspot_crm::models::CreateInput::new())
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(
        create.write_outcome(),
        hubspot_runtime::WriteOutcome::NotApplied
    );
    assert_eq!(
        tokens.received_requests().await.unwrap().len(),
        1,
        "still backing off"
    );
    // After the backoff the next call asks the token endpoint again.
    time.advance(Duration::from_secs(1));
    list(&client).await.unwrap_err();
    assert_eq!(tokens.received_requests().await.unwrap().len(), 2);
    assert!(api.received_requests().await.unwrap().is_empty());
}

/// What a call gets when its token's refresh meets a token endpoint answering `status` with
/// `body`: HubSpot's refusal, which no retry mends.
async fn refresh_refused_with(status: u16, body: serde_json::Value) -> Error {
    let tokens = token_endpoint_answering(status, body).await;
    let time = VirtualTime::new();
    let (api, auth) = behind_token_endpoint(&tokens.uri(), &time).await;
    let client = client_on(&api, auth, &time);
    let error = list(&client).await.unwrap_err();
    assert!(matches!(error, Error::Reauthorize { .. }), "{error:?}");
    error
}

#[tokio::test]
async fn a_token_endpoint_401_is_not_reported_as_a_bad_access_token() {
    let body = serde_json::json!({"status": "BAD_CLIENT_ID", "message": "client id is invalid"});
    let error = refresh_refused_with(401, body).await;
    let text = error.to_string();
    assert!(text.contains("client id is invalid"), "{text}");
    assert!(!text.contains("check the access token"), "{text}");
}

/// HubSpot's token endpoint now answers RFC 6749's `error` and `error_description` beside its
/// old `status` and `message`: the refusal quotes the RFC's words, which say what to do.
#[tokio::test]
async fn an_rfc_6749_refusal_is_reauthorize_quoting_its_description() {
    let body = serde_json::json!({
        "error": "invalid_grant",
        "error_description": "refresh token is invalid, expired or revoked",
        "status": "BAD_REFRESH_TOKEN",
        "message": "missing or invalid refresh token",
    });
    let error = refresh_refused_with(400, body).await;
    let text = error.to_string();
    assert!(
        text.contains("invalid_grant: refresh token is invalid, expired or revoked"),
        "{text}"
    );

    // The RFC's fields alone, as a newer endpoint may send them.
    let body =
        serde_json::json!({"error": "invalid_client", "error_description": "unknown client"});
    let error = refresh_refused_with(401, body).await;
    assert!(
        error.to_string().contains("invalid_client: unknown client"),
        "{error}"
    );
}

/// Walks the install page with a PKCE challenge; returns the code it hands back.
async fn install_code(url: &str) -> String {
    let browser = tests::http_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = browser.get(url).send().await.unwrap();
    assert_eq!(response.status(), 302, "{url}");
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    location
        .split("code=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap()
        .to_owned()
}

/// PKCE: the install URL carries the S256 challenge, the code is redeemed only with its
/// verifier, and a wrong or missing verifier is HubSpot's refusal, spending the code.
#[tokio::test]
async fn a_pkce_install_needs_its_verifier() {
    let mock = mock(false).await;
    let time = VirtualTime::new();
    let app = app(&mock, &time);
    let pkce = Pkce::new().unwrap();
    let url = app.authorize_url_with_pkce(&["crm.objects.contacts.read"], &[], "st", &pkce);
    assert!(
        url.ends_with(&format!(
            "&code_challenge={}&code_challenge_method=S256",
            pkce.challenge()
        )),
        "{url}"
    );
    assert!(!url.contains(pkce.verifier().expose_secret()));
    let code = install_code(&url).await;
    let tokens = app
        .exchange_code_with_pkce(&code, pkce.verifier())
        .await
        .unwrap();
    let client = client(
        &mock,
        OAuth::new(app.clone(), tokens).time(time.clone()),
        &time,
    );
    list(&client).await.unwrap();

    // Another install, answered with some other verifier, then with none.
    let code = install_code(&app.authorize_url_with_pkce(&["a"], &[], "st", &pkce)).await;
    let other = Pkce::new().unwrap();
    let refused = app
        .exchange_code_with_pkce(&code, other.verifier())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(400));
    assert!(
        refused.to_string().contains("code_verifier does not match"),
        "{refused}"
    );
    // The code was spent by the wrong verifier: the right one no longer redeems it.
    assert!(
        app.exchange_code_with_pkce(&code, pkce.verifier())
            .await
            .is_err()
    );
    let code = install_code(&app.authorize_url_with_pkce(&["a"], &[], "st", &pkce)).await;
    assert_eq!(
        app.exchange_code(&code).await.unwrap_err().status(),
        Some(400)
    );
}

/// A token endpoint that echoes the form back in its error never gets the verifier into the
/// error's text, `Debug` output or kept body.
#[tokio::test]
async fn a_hostile_token_endpoint_cannot_show_the_pkce_verifier() {
    let echo = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(|request: &wiremock::Request| {
            let form = String::from_utf8_lossy(&request.body).into_owned();
            wiremock::ResponseTemplate::new(400).set_body_json(serde_json::json!({
                "error": "invalid_grant", "error_description": form, "message": form,
            }))
        })
        .mount(&echo)
        .await;
    let app = OAuthApp::builder("mock-client-id", SECRET, "http://127.0.0.1:1/callback")
        .api_base_url(echo.uri())
        .build()
        .unwrap();
    let pkce = Pkce::new().unwrap();
    let error = app
        .exchange_code_with_pkce("the-code", pkce.verifier())
        .await
        .unwrap_err();
    let verifier = pkce.verifier().expose_secret();
    let kept = error.api_error().unwrap().body_text().to_owned();
    // The positive control: the endpoint did echo the form.
    assert!(kept.contains("code_verifier"), "{kept}");
    for text in [error.to_string(), format!("{error:?}"), kept] {
        assert!(!text.contains(verifier), "the verifier leaked into: {text}");
        assert!(!text.contains("the-code"), "the code leaked into: {text}");
    }
}
