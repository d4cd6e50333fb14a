//! A body 64 times the client's `max_response_bytes` streams to a writer while the process's
//! peak resident memory grows by less than a sixteenth of it (Linux: `VmHWM`, reset through
//! `/proc/self/clear_refs`). Alone in its binary, so that no other test moves the peak.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::Tally;
use hubspot_runtime::Client;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Peak resident memory (`VmHWM`), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap()
        * 1024
}

const LIMIT: u64 = 1 << 20;
const BODY: u64 = 64 * LIMIT;

#[tokio::test]
async fn a_download_larger_than_the_body_limit_streams_in_constant_memory() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/export.csv", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut head = [0u8; 4096];
        let _ = stream.read(&mut head).await;
        let answer = format!("HTTP/1.1 200 OK\r\ncontent-length: {BODY}\r\n\r\n");
        stream.write_all(answer.as_bytes()).await.unwrap();
        let chunk = vec![b'x'; 64 << 10];
        for _ in 0..BODY / chunk.len() as u64 {
            stream.write_all(&chunk).await.unwrap();
        }
    });
    let client = Client::builder()
        .access_token("pat-test")
        .max_response_bytes(LIMIT)
        .build()
        .unwrap();
    // What the client and the runtime hold already is not the download's.
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let before = peak_rss();
    let mut tally = Tally::default();
    let mut last = None;
    let written = client
        .download_to(&url, &mut tally, &mut |progress| last = Some(progress))
        .await
        .unwrap();
    let held = peak_rss().saturating_sub(before);
    assert_eq!((written, tally.written), (BODY, BODY));
    let last = last.unwrap();
    assert_eq!((last.written, last.total), (BODY, Some(BODY)));
    assert!(
        held < BODY / 16,
        "the peak grew by {held} bytes during the download of {BODY}"
    );
}
