//! Streamed bodies against servers on 127.0.0.1 that misbehave: a download carries no token, a
//! call is retried until its body starts and never after, a stalled body ends within the attempt
//! timeout, and a writer that fails stops the download with its own error.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

mod common;

use common::Tally;
use futures_util::future::BoxFuture;
use hubspot_runtime::time::VirtualTime;
use hubspot_runtime::transport::TransportErrorKind;
use hubspot_runtime::{Client, Error, Method, PathBuilder, Raw, Request};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

type Script = Arc<dyn Fn(usize, TcpStream) -> BoxFuture<'static, ()> + Send + Sync>;

/// Serves each connection with `script` (given its index); returns the base URL and the
/// request heads read.
async fn serve(script: Script) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    tokio::spawn(async move {
        let mut index = 0;
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).await.unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            seen.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&head).to_lowercase());
            tokio::spawn(script(index, stream));
            index += 1;
        }
    });
    (base, heads)
}

/// A `200` announcing `declared` bytes, of which `sent` are sent before the connection stays
/// open (`hold`) or closes.
async fn answer(mut stream: TcpStream, declared: usize, sent: usize, hold: bool) {
    let head =
        format!("HTTP/1.1 200 OK\r\ncontent-type: text/csv\r\ncontent-length: {declared}\r\n\r\n");
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(&vec![b'x'; sent]).await;
    if hold {
        tokio::time::sleep(Duration::from_secs(30)).await;
    }
}

/// A client on a virtual clock: its retry waits are recorded, not slept.
fn client(base: &str) -> Client {
    Client::builder()
        .access_token("pat-na1-secret")
        .base_url(base)
        .attempt_timeout(Duration::from_millis(500))
        .time(VirtualTime::new())
        .build()
        .unwrap()
}

fn export() -> Request<Raw> {
    Request::new(
        Method::Get,
        "/export",
        PathBuilder::new().literal("/export"),
    )
}

#[tokio::test]
async fn a_download_streams_without_the_token_and_tells_its_progress() {
    let (base, heads) = serve(Arc::new(|_, stream| {
        Box::pin(answer(stream, 300_000, 300_000, false))
    }))
    .await;
    let mut file = Vec::new();
    let mut told = Vec::new();
    let written = client(&base)
        .download_to(&format!("{base}/file.csv"), &mut file, &mut |p| {
            told.push(p)
        })
        .await
        .unwrap();
    assert_eq!((written, file.len()), (300_000, 300_000));
    assert_eq!(
        told.last().map(|p| (p.written, p.total)),
        Some((300_000, Some(300_000)))
    );
    assert!(told.windows(2).all(|w| w[0].written < w[1].written));
    let heads = heads.lock().unwrap();
    assert!(!heads[0].contains("authorization"), "{}", heads[0]);
}

#[tokio::test]
async fn a_call_is_retried_until_its_body_starts() {
    let script: Script = Arc::new(|index, mut stream| {
        Box::pin(async move {
            if index == 0 {
                let _ = stream
                    .write_all(b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n")
                    .await;
            } else {
                answer(stream, 5_000, 5_000, false).await;
            }
        })
    });
    let (base, heads) = serve(script).await;
    let mut file = Vec::new();
    let written = export()
        .send_to(&client(&base), &mut file, &mut |_| {})
        .await
        .unwrap();
    assert_eq!((written, file.len()), (5_000, 5_000));
    let heads = heads.lock().unwrap();
    assert_eq!(heads.len(), 2);
    assert!(heads[1].contains("authorization: bearer pat-na1-secret"));
}

#[tokio::test]
async fn a_body_cut_off_after_its_start_is_not_sent_again() {
    let (base, heads) = serve(Arc::new(|_, stream| {
        Box::pin(answer(stream, 100_000, 40_000, false))
    }))
    .await;
    let mut file = Vec::new();
    let error = export()
        .send_to(&client(&base), &mut file, &mut |_| {})
        .await
        .unwrap_err();
    assert_eq!(
        heads.lock().unwrap().len(),
        1,
        "sent again after its body started"
    );
    assert!(!file.is_empty() && file.len() < 100_000, "{}", file.len());
    assert!(
        matches!(&error, Error::Transport(_) | Error::GaveUp { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_stalled_body_ends_within_the_attempt_timeout() {
    let (base, _) = serve(Arc::new(|_, stream| {
        Box::pin(answer(stream, 100_000, 10_000, true))
    }))
    .await;
    let mut file = Vec::new();
    let started = std::time::Instant::now();
    let error = client(&base)
        .download_to(&format!("{base}/file.csv"), &mut file, &mut |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Transport(e) if e.kind() == TransportErrorKind::Timeout),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(file.len(), 10_000);
}

#[tokio::test]
async fn a_failing_writer_stops_the_download_with_its_error() {
    let (base, heads) = serve(Arc::new(|_, stream| {
        Box::pin(answer(stream, 4 << 20, 4 << 20, false))
    }))
    .await;
    let error = export()
        .send_to(&client(&base), &mut Tally::full_after(100_000), &mut |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Write(e) if e.to_string() == "no space left"),
        "{error:?}"
    );
    assert_eq!(heads.lock().unwrap().len(), 1);
}
