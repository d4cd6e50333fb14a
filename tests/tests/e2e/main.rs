//! End-to-end tests over real sockets on 127.0.0.1, in one binary so the suite links once.

// Test helpers outside `#[test]` functions unwrap too: a panic is how a test reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod app_auth;
mod batch;
mod crm;
mod crm_apis;
mod decode_families;
mod endpoints;
mod families;
mod hand_written;
mod hostile;
mod layout;
mod models;
mod oauth;
mod objects;
mod observability;
mod paging_generated;
mod runtime_http;
mod safe_writes;
mod storm;
mod versions;
mod webhooks;

use hubspot_mock::{MockConfig, MockServer};
use hubspot_runtime::time::VirtualTime;
use hubspot_runtime::{Client, RetryConfig};

/// Starts a mock with `config`, and a client for it whose waits are recorded, not slept.
async fn start(config: MockConfig, retry: RetryConfig) -> (MockServer, Client, VirtualTime) {
    let mock = MockServer::start(config).await.unwrap();
    let time = VirtualTime::new();
    let client = Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(mock.base_url())
        .time(time.clone())
        .retry(retry)
        .build()
        .unwrap();
    (mock, client, time)
}

/// What the mock's control API answers at `path` (`/__mock/objects`, `/__mock/faults`), as a
/// standalone mock shows it.
async fn control(mock: &MockServer, path: &str) -> serde_json::Value {
    let text = tests::http()
        .get(format!("{}{path}", mock.base_url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    serde_json::from_str(&text).unwrap()
}
