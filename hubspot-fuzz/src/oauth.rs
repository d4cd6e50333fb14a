//! Whatever an OAuth token endpoint answers (and the API after it): a grant ends in tokens or
//! a typed error, any `expires_in` is held to its bound, and neither the client secret nor the
//! refresh token shows in an error.

use std::time::Duration;

use hubspot_crm::oauth::{MAX_TOKEN_LIFETIME, OAuth, OAuthApp, TokenSet};
use hubspot_crm::time::VirtualTime;
use hubspot_crm::{Client, Error, RetryConfig, SecretString, contacts};

use crate::fake::{Scripted, assert_hidden, block_on, pieces, response};

const CLIENT_SECRET: &str = "fuzz-oauth-client-secret";
const REFRESH_TOKEN: &str = "fuzz-refresh-token-0000-0000";
const CODE: &str = "fuzz-authorization-code-0000";

/// Fuzz target: up to two token endpoint answers, then the API's.
pub fn token_endpoint(data: &[u8]) {
    let transport = Scripted::default();
    let time = VirtualTime::new();
    let built = OAuthApp::builder("fuzz-client", CLIENT_SECRET, "http://127.0.0.1:9/callback")
        .api_base_url("http://127.0.0.1:9")
        .transport(transport.clone())
        .time(time.clone())
        .build();
    let app = match built {
        Ok(app) => app,
        Err(error) => panic!("the fuzz app does not build: {error}"),
    };
    let answers: Vec<_> = pieces(data, 4).into_iter().map(response).collect();

    // The code grant knows no refresh token yet: an answer may quote any it likes.
    transport.script(answers.clone());
    check(block_on(app.exchange_code(CODE)), &[CLIENT_SECRET, CODE]);
    transport.script(answers.clone());
    check(
        block_on(app.refresh(&SecretString::from(REFRESH_TOKEN))),
        &[CLIENT_SECRET, REFRESH_TOKEN],
    );

    // An expired token in hand: the API call refreshes first, through the same peer.
    transport.script(answers);
    let auth =
        OAuth::new(app, TokenSet::new("expired", REFRESH_TOKEN, Duration::ZERO)).time(time.clone());
    let client = Client::builder()
        .auth(auth)
        .base_url("http://127.0.0.1:9")
        .transport(transport)
        .time(time)
        .retry(RetryConfig::default().with_max_attempts(2))
        .build();
    let client = match client {
        Ok(client) => client,
        Err(error) => panic!("the fuzz client does not build: {error}"),
    };
    if let Err(error) = block_on(contacts::get("1").send(&client)) {
        hidden(&error, &[CLIENT_SECRET, REFRESH_TOKEN]);
    }
}

fn check(granted: Result<TokenSet, Error>, secrets: &[&str]) {
    match granted {
        Ok(tokens) => assert!(tokens.expires_in <= MAX_TOKEN_LIFETIME),
        Err(error) => hidden(&error, secrets),
    }
}

fn hidden(error: &Error, secrets: &[&str]) {
    assert_hidden(&error.to_string(), secrets);
    assert_hidden(&format!("{error:?}"), secrets);
}
