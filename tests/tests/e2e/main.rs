//! End-to-end tests over real sockets on 127.0.0.1, in one binary so the suite links once.

// Test helpers outside `#[test]` functions unwrap too: a panic is how a test reports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod crm;
mod endpoints;
mod hostile;
mod models;
mod runtime_http;
mod storm;

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

/// Every log line of this test binary, at every level. One process-wide subscriber, since a
/// thread-local one races with `tracing`'s per-callsite interest cache under parallel tests.
fn captured_logs() -> std::sync::Arc<std::sync::Mutex<Vec<u8>>> {
    use std::sync::{Arc, Mutex, OnceLock};
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || LogWriter(writer.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("only this function installs a subscriber");
        buffer
    })
    .clone()
}

struct LogWriter(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
