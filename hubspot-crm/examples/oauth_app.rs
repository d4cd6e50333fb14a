//! A public app's OAuth flow against an embedded `hubspot-mock`: build the install URL, let the
//! (mock) install page hand back a code, exchange it, then make calls across an access token's
//! expiry while the client refreshes it. The mock's tokens live 3 seconds here, so the refresh
//! shows without waiting half an hour.
//!
//! `cargo run -p hubspot-crm --example oauth_app`

use std::error::Error;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use hubspot_crm::Client;
use hubspot_crm::contacts;
use hubspot_crm::models::{CreateInput, ListOptions};
use hubspot_crm::oauth::{OAuth, OAuthApp};
use hubspot_mock::{MockConfig, MockServer, OAuthConfig};

const REDIRECT_URI: &str = "http://127.0.0.1:3000/oauth/callback";

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // Its own reqwest client needs a crypto provider (README, "TLS").
    hubspot_crm::install_crypto_provider();
    let oauth = OAuthConfig {
        token_lifetime: Duration::from_secs(3),
        rotate_refresh_tokens: true,
        ..OAuthConfig::default()
    };
    let mock = MockServer::start(MockConfig {
        oauth: oauth.clone(),
        ..MockConfig::default()
    })
    .await?;
    println!("hubspot-mock at {}", mock.base_url());

    let app = OAuthApp::builder(&oauth.client_id, &oauth.client_secret, REDIRECT_URI)
        .api_base_url(mock.base_url())
        .authorize_base_url(mock.base_url())
        .build()?;
    let install = app.authorize_url(&["crm.objects.contacts.write"], &[], "state-42");
    println!("1. Send the user to the install URL:\n   {install}");

    // What the user's browser does: HubSpot's page redirects to the app with a code.
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let answer = browser.get(&install).send().await?;
    let location = answer
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or("the install page did not redirect")?;
    let code = location
        .split_once("code=")
        .and_then(|(_, rest)| rest.split('&').next())
        .ok_or("no code in the redirect")?;
    println!("2. HubSpot redirected to the app with a code (and state=state-42, to check).");

    let tokens = app.exchange_code(code).await?;
    println!(
        "3. Exchanged it: an access token for {:?} s, account {:?} ({tokens:?} shows no secret).",
        tokens.expires_in.as_secs(),
        tokens.hub_id
    );

    let refreshes = Arc::new(AtomicUsize::new(0));
    let counter = refreshes.clone();
    let auth = OAuth::new(app, tokens)
        .refresh_ahead(Duration::from_secs(1))
        .on_refresh(move |_tokens| {
            // A real app stores the (possibly rotated) refresh token here.
            counter.fetch_add(1, Ordering::SeqCst);
        });
    let client = Client::builder()
        .auth(auth)
        .base_url(mock.base_url())
        .build()?;

    for round in 1..=3 {
        let created = contacts::create(
            &CreateInput::new().set("email", format!("oauth-{round}@example.com")),
        )
        .send(&client)
        .await?;
        let total = contacts::list(&ListOptions::default())
            .send(&client)
            .await?
            .results
            .len();
        println!(
            "4.{round} Created contact {} ({total} listed); refreshes so far: {}.",
            created.id,
            refreshes.load(Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(2500)).await;
    }
    println!(
        "Done: {} token grants at the mock (1 code + refreshes), no call failed.",
        mock.stats().token_grants
    );
    Ok(())
}
