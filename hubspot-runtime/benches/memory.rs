//! Peak memory while a server on 127.0.0.1 streams a 2 GiB response body, side by side in one
//! run: the runtime's client (64 MiB default cap), the same body streamed to a writer
//! (`Request::send_to`, no cap), and a bare reqwest `bytes()` read, which is what the transport
//! did before the cap.
//!
//! `cargo bench -p hubspot-runtime --bench memory` prints a table. Peak resident memory is
//! `VmHWM` from `/proc/self/status`, reset between rows through `/proc/self/clear_refs` (Linux).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use hubspot_runtime::{Client, Method, PathBuilder, Raw, Request};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const BODY: u64 = 2 << 30;
const CHUNK: usize = 256 * 1024;

/// How the server frames the 2 GiB.
#[derive(Clone, Copy)]
enum Framing {
    Chunked,
    Declared,
}

/// Serves every connection a 2 GiB body; counts the bytes that left the server.
async fn serve(framing: Framing, written: Arc<AtomicU64>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let written = written.clone();
            tokio::spawn(async move {
                let mut head = [0u8; 4096];
                let _ = stream.read(&mut head).await;
                let head = match framing {
                    Framing::Chunked => {
                        "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_owned()
                    }
                    Framing::Declared => {
                        format!("HTTP/1.1 200 OK\r\ncontent-length: {BODY}\r\n\r\n")
                    }
                };
                if stream.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let mut frame = Vec::new();
                if matches!(framing, Framing::Chunked) {
                    frame.extend_from_slice(format!("{CHUNK:x}\r\n").as_bytes());
                }
                frame.extend(std::iter::repeat_n(b' ', CHUNK));
                if matches!(framing, Framing::Chunked) {
                    frame.extend_from_slice(b"\r\n");
                }
                let mut sent = 0u64;
                while sent < BODY {
                    if stream.write_all(&frame).await.is_err() {
                        return;
                    }
                    sent += CHUNK as u64;
                    written.fetch_add(CHUNK as u64, Ordering::Relaxed);
                }
                if matches!(framing, Framing::Chunked) {
                    let _ = stream.write_all(b"0\r\n\r\n").await;
                }
            });
        }
    });
    url
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

struct Row {
    name: &'static str,
    outcome: String,
    peak_mib: f64,
    read_mib: f64,
    seconds: f64,
}

async fn measure<F, Fut>(name: &'static str, framing: Framing, run: F) -> Row
where
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = String>,
{
    let written = Arc::new(AtomicU64::new(0));
    let url = serve(framing, written.clone()).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    reset_peak();
    let base = peak_rss_kib();
    let started = Instant::now();
    let outcome = run(url).await;
    let seconds = started.elapsed().as_secs_f64();
    // Let the server notice the closed connection before reading its count.
    tokio::time::sleep(Duration::from_millis(300)).await;
    Row {
        name,
        outcome,
        peak_mib: peak_rss_kib().saturating_sub(base) as f64 / 1024.0,
        read_mib: written.load(Ordering::Relaxed) as f64 / (1024.0 * 1024.0),
        seconds,
    }
}

async fn ours(url: String) -> String {
    let client = Client::builder()
        .access_token("pat-na1-bench")
        .base_url(url)
        .build()
        .unwrap();
    let request: Request<serde_json::Value> =
        Request::new(Method::Get, "/big", PathBuilder::new().literal("/big"));
    match request.send(&client).await {
        Ok(_) => "decoded (!)".to_owned(),
        Err(error) => error.to_string(),
    }
}

async fn ours_streamed(url: String) -> String {
    let client = Client::builder()
        .access_token("pat-na1-bench")
        .base_url(url)
        .build()
        .unwrap();
    let request: Request<Raw> =
        Request::new(Method::Get, "/big", PathBuilder::new().literal("/big"));
    match request
        .send_to(&client, &mut tokio::io::sink(), &mut |_| {})
        .await
    {
        Ok(written) => format!("streamed {} MiB to a writer", written >> 20),
        Err(error) => error.to_string(),
    }
}

async fn bare_reqwest(url: String) -> String {
    // Its own reqwest client needs a crypto provider (README, "TLS").
    hubspot_runtime::install_crypto_provider();
    let response = reqwest::get(format!("{url}/big")).await.unwrap();
    match response.bytes().await {
        Ok(body) => format!("buffered {} MiB", body.len() >> 20),
        Err(error) => error.to_string(),
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let rows = runtime.block_on(async {
        vec![
            measure("hubspot-runtime, chunked 2 GiB", Framing::Chunked, ours).await,
            measure(
                "hubspot-runtime, Content-Length 2 GiB",
                Framing::Declared,
                ours,
            )
            .await,
            measure(
                "hubspot-runtime send_to, chunked 2 GiB",
                Framing::Chunked,
                ours_streamed,
            )
            .await,
            measure(
                "bare reqwest bytes(), chunked 2 GiB",
                Framing::Chunked,
                bare_reqwest,
            )
            .await,
        ]
    });
    println!(
        "{:<40} {:>14} {:>14} {:>8}  outcome",
        "client", "peak RSS (MiB)", "served (MiB)", "secs"
    );
    for row in rows {
        let outcome: String = row.outcome.chars().take(70).collect();
        println!(
            "{:<40} {:>14.1} {:>14.1} {:>8.2}  {}",
            row.name, row.peak_mib, row.read_mib, row.seconds, outcome
        );
    }
}
