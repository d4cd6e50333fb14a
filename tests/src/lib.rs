//! The workspace test suite lives in `tests/`; this library doc-tests the README, so every
//! example there compiles, and holds what several test binaries share.

#[doc = include_str!("../../README.md")]
mod readme {}

/// A bare reqwest client builder for what the SDK does not send (a browser, a webhook sender,
/// the mock's control API). The default TLS feature leaves reqwest without a crypto provider of
/// its own, so one is installed first, as an app that makes reqwest clients beside the SDK's
/// does (README, "TLS").
pub fn http_builder() -> reqwest::ClientBuilder {
    hubspot_runtime::install_crypto_provider();
    reqwest::Client::builder()
}

/// [`http_builder`]'s client with reqwest's defaults.
///
/// # Panics
/// When reqwest cannot build a client with its defaults: a test cannot go on without one.
#[allow(clippy::expect_used)]
pub fn http() -> reqwest::Client {
    http_builder()
        .build()
        .expect("reqwest builds a client with its defaults")
}

/// A webhook sender that announces a 1 MiB body (or sends it chunked, announcing nothing),
/// signed v1 with `signature`, sends all of it but its last byte and stalls. Returns the status
/// line the server answered with within `wait`, `closed` when it closed first, or `None` while
/// it still holds the connection. What the webhook tests and the flood bench send.
pub async fn stall_one_byte_short(
    addr: std::net::SocketAddr,
    signature: &str,
    chunked: bool,
    wait: std::time::Duration,
) -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    const SIZE: usize = 1 << 20;
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let framing = if chunked {
        "transfer-encoding: chunked".to_owned()
    } else {
        format!("content-length: {SIZE}")
    };
    let head = format!(
        "POST /webhooks/hubspot HTTP/1.1\r\nhost: example.com\r\nx-hubspot-signature: {signature}\r\n{framing}\r\n\r\n"
    );
    let chunk = vec![b'['; 64 << 10];
    // A refused sender's writes fail once the server closes: what it sent is then moot.
    let _ = async {
        stream.write_all(head.as_bytes()).await?;
        let mut left = SIZE - 1;
        while left > 0 {
            let n = left.min(chunk.len());
            if chunked {
                stream.write_all(format!("{n:x}\r\n").as_bytes()).await?;
                stream.write_all(&chunk[..n]).await?;
                stream.write_all(b"\r\n").await?;
            } else {
                stream.write_all(&chunk[..n]).await?;
            }
            left -= n;
        }
        std::io::Result::Ok(())
    }
    .await;
    let mut answer = [0_u8; 12];
    match tokio::time::timeout(wait, stream.read_exact(&mut answer)).await {
        Ok(Ok(_)) => Some(String::from_utf8_lossy(&answer).into_owned()),
        Ok(Err(_)) => Some("closed".into()),
        Err(_) => None,
    }
}

/// Every log line the test binary writes, at every level: one process-wide subscriber, since a
/// thread-local one races with `tracing`'s per-callsite interest cache under parallel tests.
pub fn captured_logs() -> std::sync::Arc<std::sync::Mutex<Vec<u8>>> {
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
        // Only this function installs a subscriber; if another did, logs go there instead.
        let _ = tracing::subscriber::set_global_default(subscriber);
        buffer
    })
    .clone()
}

struct LogWriter(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
