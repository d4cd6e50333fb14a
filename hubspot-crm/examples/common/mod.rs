//! What every example shares: a client for real HubSpot, or for an embedded `hubspot-mock`.

// Each example uses a different part of this module.
#![allow(dead_code)]

use std::error::Error;
use std::time::Duration;

use hubspot_crm::{Client, RetryConfig};
use hubspot_mock::{FaultRule, MockConfig, MockServer};

/// Where the examples send their requests.
pub(crate) struct Target {
    /// The client to use.
    pub(crate) client: Client,
    /// The embedded mock, when no token is set (dropping it stops it).
    pub(crate) mock: Option<MockServer>,
}

/// Connects to HubSpot when `HUBSPOT_ACCESS_TOKEN` is set, else starts `hubspot-mock` in-process
/// with `faults` and shorter backoff, so the retries show without long waits.
pub(crate) async fn connect(faults: Vec<FaultRule>) -> Result<Target, Box<dyn Error>> {
    if std::env::var_os(hubspot_crm::ACCESS_TOKEN_ENV).is_some() {
        eprintln!("Using HubSpot ({} is set).", hubspot_crm::ACCESS_TOKEN_ENV);
        return Ok(Target {
            client: Client::from_env()?,
            mock: None,
        });
    }
    let mock = MockServer::start(MockConfig {
        faults,
        ..MockConfig::default()
    })
    .await?;
    eprintln!(
        "No {} set: using hubspot-mock at {} (backoff starts at 250 ms here, not 2 s, so the \
         injected faults do not hold the example up).",
        hubspot_crm::ACCESS_TOKEN_ENV,
        mock.base_url()
    );
    let client = Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(mock.base_url())
        .retry(RetryConfig::default().with_initial_backoff(Duration::from_millis(250)))
        .build()?;
    Ok(Target {
        client,
        mock: Some(mock),
    })
}

/// Prints retries (`tracing` warnings from the runtime) as they happen.
pub(crate) fn show_retries() {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_target(false)
        .without_time()
        .init();
}

/// How many records of a type the embedded mock holds, when there is one.
pub(crate) fn stored(target: &Target, plural: &str) -> Option<usize> {
    let objects = target.mock.as_ref()?.dump();
    objects["objects"][plural].as_array().map(Vec::len)
}

/// Prints what the mock served, when there is one.
pub(crate) fn report(target: &Target) {
    if let Some(mock) = &target.mock {
        let stats = mock.stats();
        println!(
            "hubspot-mock served {} requests: {} injected faults (429s and 503s among them), \
             {} refused by its own rate limits.",
            stats.requests, stats.faults, stats.rate_limited
        );
    }
}
