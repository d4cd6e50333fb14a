//! Misbehaving servers on 127.0.0.1: each can neither fake a write, exhaust memory, hang a call
//! nor read back the token.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use hubspot_crm::models::ListOptions;
use hubspot_crm::{contacts, paging};
use hubspot_runtime::time::VirtualTime;
use hubspot_runtime::transport::TransportErrorKind;
use hubspot_runtime::{
    Client, Error, GiveUpReason, Method, PathBuilder, Request, RetryConfig, WriteOutcome,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "pat-na1-hostile-0123456789";

/// A server that reads each request's head and body, then lets `respond` write whatever it
/// likes. It counts the requests it read and the response bytes that left it.
struct RawServer {
    addr: SocketAddr,
    requests: Arc<AtomicUsize>,
    written: Arc<AtomicU64>,
    done: Arc<Notify>,
}

/// The socket of one exchange, counting what is written.
struct Reply {
    stream: TcpStream,
    written: Arc<AtomicU64>,
}

impl Reply {
    /// Writes `bytes`; false once the client is gone.
    async fn send(&mut self, bytes: &[u8]) -> bool {
        let ok = self.stream.write_all(bytes).await.is_ok();
        if ok {
            self.written.fetch_add(bytes.len() as u64, Ordering::SeqCst);
        }
        ok
    }
}

impl RawServer {
    async fn start<F, Fut>(respond: F) -> Self
    where
        F: Fn(Reply) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let server = Self {
            addr: listener.local_addr().unwrap(),
            requests: Arc::default(),
            written: Arc::default(),
            done: Arc::default(),
        };
        let (requests, written, done) = (
            server.requests.clone(),
            server.written.clone(),
            server.done.clone(),
        );
        let respond = Arc::new(respond);
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let (requests, written, done, respond) = (
                    requests.clone(),
                    written.clone(),
                    done.clone(),
                    respond.clone(),
                );
                tokio::spawn(async move {
                    if read_request(&mut stream).await {
                        requests.fetch_add(1, Ordering::SeqCst);
                        respond(Reply { stream, written }).await;
                    }
                    done.notify_one();
                });
            }
        });
        server
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    fn written(&self) -> u64 {
        self.written.load(Ordering::SeqCst)
    }

    /// Waits (10 s at most) until an exchange has finished on the server's side.
    async fn finished(&self) {
        let _ = tokio::time::timeout(Duration::from_secs(10), self.done.notified()).await;
    }
}

/// Reads a request head and its `Content-Length` body; false if the client went away.
async fn read_request(stream: &mut TcpStream) -> bool {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        if buffer.len() > 1 << 20 {
            return false;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
    true
}

fn client(base_url: &str) -> Client {
    builder(base_url).build().unwrap()
}

fn builder(base_url: &str) -> hubspot_runtime::ClientBuilder {
    Client::builder()
        .access_token(TOKEN)
        .base_url(base_url)
        .time(VirtualTime::new())
        .retry(RetryConfig::default().with_jitter(false))
}

fn get_deal() -> Request<serde_json::Value> {
    Request::new(
        Method::Get,
        "/crm/objects/2026-03/deals/<id>",
        PathBuilder::new()
            .literal("/crm/objects/2026-03/deals/")
            .param("id", &"7"),
    )
}

fn patch_deal() -> Request<serde_json::Value> {
    Request::new(
        Method::Patch,
        "/crm/objects/2026-03/deals/<id>",
        PathBuilder::new()
            .literal("/crm/objects/2026-03/deals/")
            .param("id", &"7"),
    )
    .json(&serde_json::json!({"properties": {"amount": "1"}}))
}

fn create_deal() -> Request<serde_json::Value> {
    Request::new(
        Method::Post,
        "/crm/objects/2026-03/deals",
        PathBuilder::new().literal("/crm/objects/2026-03/deals"),
    )
    .json(&serde_json::json!({"properties": {"dealname": "x"}}))
}

fn transport_kind(error: &Error) -> Option<TransportErrorKind> {
    let mut current = error;
    loop {
        match current {
            Error::Transport(transport) => return Some(transport.kind()),
            Error::GaveUp {
                last: Some(last), ..
            } => current = last,
            _ => return None,
        }
    }
}

const CHUNK: usize = 64 * 1024;
const FOUR_GIB: u64 = 4 << 30;

/// Streams up to 4 GiB of JSON-ish bytes, chunked, stopping when the client goes away.
async fn stream_forever(mut reply: Reply, head: &'static str) {
    if !reply.send(head.as_bytes()).await {
        return;
    }
    let chunked = head.contains("chunked");
    let payload = vec![b' '; CHUNK];
    let mut framed = format!("{CHUNK:x}\r\n").into_bytes();
    framed.extend_from_slice(&payload);
    framed.extend_from_slice(b"\r\n");
    let frame = if chunked { &framed } else { &payload };
    let mut sent = 0u64;
    while sent < FOUR_GIB && reply.send(frame).await {
        sent += CHUNK as u64;
    }
}

/// A GET through a client capped at `cap` response bytes, which must fail with `BodyTooLarge`.
async fn get_with_cap(server: &RawServer, cap: u64) -> Error {
    let client = builder(&server.url())
        .max_response_bytes(cap)
        .build()
        .unwrap();
    let error = get_deal().send(&client).await.unwrap_err();
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::BodyTooLarge),
        "{error:?}"
    );
    error
}

async fn assert_stopped_near_the_cap(head: &'static str) {
    let server = RawServer::start(move |reply| stream_forever(reply, head)).await;
    let cap = 1 << 20;
    let error = get_with_cap(&server, cap).await;
    // The status said 200: whatever the body, the request was applied.
    assert_eq!(error.write_outcome(), WriteOutcome::Applied, "{error}");
    assert!(!error.is_retryable());
    server.finished().await;
    // What the server got out is the cap plus what the two sockets' buffers hold, not 4 GiB.
    let written = server.written();
    assert!(
        written < cap + (32 << 20),
        "{written} bytes left the server"
    );
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn a_multi_gigabyte_body_is_refused_near_the_cap() {
    // Declared: refused before the body is read.
    assert_stopped_near_the_cap(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4294967296\r\n\r\n",
    )
    .await;
}

#[tokio::test]
async fn an_endless_chunked_body_is_cut_at_the_cap() {
    assert_stopped_near_the_cap(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
    )
    .await;
}

/// Sends a 1,000-byte body one byte every 20 ms.
async fn drip(mut reply: Reply) {
    if !reply
        .send(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n")
        .await
    {
        return;
    }
    for _ in 0..1000 {
        if !reply.send(b" ").await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_dripping_body_ends_at_the_deadline() {
    let server = RawServer::start(drip).await;
    // Real time: the deadline is what bounds the socket read.
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(server.url())
        .deadline(Duration::from_millis(400))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = get_deal().send(&client).await.unwrap_err();
    let took = started.elapsed();
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::Timeout),
        "{error:?}"
    );
    assert!(took < Duration::from_secs(3), "{took:?}");
    // The per-call deadline of a request wins over the client's.
    let started = Instant::now();
    let client = client_with_deadline(&server.url(), None);
    let error = get_deal()
        .deadline(Duration::from_millis(300))
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::Timeout),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn a_dripping_body_ends_at_the_attempt_timeout_without_a_deadline() {
    let server = RawServer::start(drip).await;
    let client = builder(&server.url())
        .deadline(None)
        .attempt_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = create_deal().send(&client).await.unwrap_err();
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::Timeout),
        "{error:?}"
    );
    // Its 200 status line had arrived: the create was applied, though its body never came.
    assert_eq!(error.write_outcome(), WriteOutcome::Applied, "{error}");
    assert!(!error.is_retryable());
    assert_eq!(
        server.requests(),
        1,
        "a create that timed out is not resent"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

fn client_with_deadline(base_url: &str, deadline: Option<Duration>) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .base_url(base_url)
        .deadline(deadline)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_short_success_body_is_a_lost_connection_after_the_write_was_applied() {
    let server = RawServer::start(|mut reply| async move {
        reply
            .send(b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"id\":")
            .await;
    })
    .await;
    let client = client(&server.url());
    let error = create_deal().send(&client).await.unwrap_err();
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::Other),
        "{error:?}"
    );
    // A 201 was received: the create happened, and saying "unknown" would invite a resend.
    assert_eq!(error.write_outcome(), WriteOutcome::Applied, "{error}");
    assert!(error.write_outcome() != WriteOutcome::Unknown && !error.is_retryable());
    assert!(error.to_string().contains("was applied"), "{error}");
    assert_eq!(server.requests(), 1);

    // A read is retried, then given up with the same cause.
    let error = get_deal().send(&client).await.unwrap_err();
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::Other),
        "{error:?}"
    );
    assert_eq!(error.attempts(), Some(4));
}

#[tokio::test]
async fn redirects_are_never_followed() {
    let elsewhere = RawServer::start(|mut reply| async move {
        reply
            .send(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}")
            .await;
    })
    .await;
    for status in [301u16, 302, 303, 307, 308] {
        let location = format!("{}/crm/objects/2026-03/deals/7", elsewhere.url());
        let server = RawServer::start(move |mut reply| {
            let head = format!(
                "HTTP/1.1 {status} Moved\r\nlocation: {location}\r\ncontent-length: 0\r\n\r\n"
            );
            async move {
                reply.send(head.as_bytes()).await;
            }
        })
        .await;
        let client = client(&server.url());
        for request in [patch_deal(), create_deal()] {
            let error = request.send(&client).await.unwrap_err();
            let expected_host = elsewhere.addr.to_string();
            assert!(
                matches!(&error, Error::Redirected { status: s, location_host: Some(host) } if *s == status && *host == expected_host),
                "{status}: {error:?}"
            );
            assert!(error.write_outcome() == WriteOutcome::Unknown && !error.is_retryable());
        }
        assert_eq!(server.requests(), 2, "{status}: each sent once");
    }
    assert_eq!(
        elsewhere.requests(),
        0,
        "nothing reached the redirect target"
    );
}

#[tokio::test]
async fn huge_response_headers_are_a_typed_error_and_not_retried() {
    let server = RawServer::start(|mut reply| async move {
        let mut head = String::from("HTTP/1.1 200 OK\r\n");
        let filler = "x".repeat(1000);
        for i in 0..1024 {
            head.push_str(&format!("x-filler-{i}: {filler}\r\n"));
        }
        head.push_str("content-length: 2\r\n\r\n{}");
        reply.send(head.as_bytes()).await;
    })
    .await;
    let error = get_deal().send(&client(&server.url())).await.unwrap_err();
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::HeadersTooLarge),
        "{error:?}"
    );
    assert!(error.write_outcome() == WriteOutcome::Unknown && !error.is_retryable());
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn a_token_echoed_by_the_server_never_reaches_errors_or_logs() {
    let logs = tests::captured_logs();
    let server = MockServer::start().await;
    let json = serde_json::json!({
        "status": "error",
        "message": format!("Authentication credentials not found: Bearer {TOKEN}"),
        "correlationId": TOKEN,
        "category": "INVALID_AUTHENTICATION",
    });
    let html = format!("<html><body>bad token {TOKEN}</body></html>");
    let cases = [
        ResponseTemplate::new(401).set_body_json(json.clone()),
        ResponseTemplate::new(401).set_body_string(html.clone()),
        // Retried first, so the token would be in the retry log lines' correlation id.
        ResponseTemplate::new(503)
            .insert_header("x-hubspot-correlation-id", TOKEN)
            .set_body_string(html),
    ];
    for response in cases {
        server.reset().await;
        Mock::given(method("GET"))
            .respond_with(response)
            .mount(&server)
            .await;
        let error = get_deal().send(&client(&server.uri())).await.unwrap_err();
        let api = error.api_error().unwrap();
        assert!(
            api.body_text().contains("[REDACTED]"),
            "{}",
            api.body_text()
        );
        for text in [
            error.to_string(),
            format!("{error:?}"),
            format!("{error:#?}"),
            format!("{:?}", api.body),
            api.body_text().to_owned(),
        ] {
            assert!(!text.contains(TOKEN), "token leaked: {text}");
        }
    }
    let logs = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("retrying HubSpot request"), "{logs}");
    assert!(!logs.contains(TOKEN), "token leaked into the logs");
}

#[tokio::test]
async fn a_huge_correlation_id_is_bounded_in_messages_and_logs() {
    let logs = tests::captured_logs();
    let huge = format!("corr-{}", "z".repeat(64 * 1024));
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("x-hubspot-correlation-id", huge.as_str())
                .set_body_json(
                    serde_json::json!({"message": "x".repeat(64 * 1024), "correlationId": huge}),
                ),
        )
        .mount(&server)
        .await;
    let error = get_deal().send(&client(&server.uri())).await.unwrap_err();
    let last = std::error::Error::source(&error).unwrap().to_string();
    assert!(
        error.to_string().len() < 1024 && last.len() < 1024,
        "{}",
        last.len()
    );
    assert!(format!("{error:?}").len() < 4096);
    let logs = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    let longest = logs
        .lines()
        .filter(|line| line.contains("corr-zzz"))
        .map(str::len)
        .max()
        .unwrap();
    assert!(longest < 1024, "a log line of {longest} bytes");
}

#[tokio::test]
async fn far_future_retry_after_ends_the_call_at_once() {
    for status in [429u16, 423, 477] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("retry-after", "86400")
                    .set_body_json(serde_json::json!({"policyName": "TEN_SECONDLY_ROLLING"})),
            )
            .mount(&server)
            .await;
        let started = Instant::now();
        let error = get_deal().send(&client(&server.uri())).await.unwrap_err();
        assert!(
            matches!(
                &error,
                Error::GaveUp {
                    reason: GiveUpReason::RetryAfterTooLong { .. },
                    attempts: 1,
                    ..
                }
            ),
            "{status}: {error:?}"
        );
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_listing_with_an_error() {
    let server = MockServer::start().await;
    let page = serde_json::json!({
        "results": [{"id": "1", "properties": {}, "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z", "archived": false}],
        "paging": {"next": {"after": "same"}},
    });
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let all: Result<Vec<_>, Error> = paging::list_all(contacts::list, ListOptions::default())
        .with_client(&client)
        .try_collect()
        .await;
    let error = all.unwrap_err();
    assert!(
        matches!(error, Error::PagingStalled { page: 2 }),
        "{error:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    // A next cursor on an empty page does not advance either.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "results": [], "paging": {"next": {"after": "fresh"}},
        })))
        .mount(&server)
        .await;
    let all: Result<Vec<_>, Error> = paging::list_all(contacts::list, ListOptions::default())
        .with_client(&client)
        .try_collect()
        .await;
    assert!(
        matches!(all, Err(Error::PagingStalled { page: 1 })),
        "{all:?}"
    );
}

#[tokio::test]
async fn a_url_too_long_is_never_sent_nor_retried() {
    let server = MockServer::start().await;
    let id = "9".repeat(100 * 1024);
    let request: Request<serde_json::Value> = Request::new(
        Method::Get,
        "/crm/objects/2026-03/deals/<id>",
        PathBuilder::new()
            .literal("/crm/objects/2026-03/deals/")
            .param("id", &id),
    );
    let error = request.send(&client(&server.uri())).await.unwrap_err();
    assert!(matches!(&error, Error::InvalidRequest(_)), "{error:?}");
    assert!(error.write_outcome() != WriteOutcome::Unknown && !error.is_retryable());
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn plain_http_to_another_host_is_refused_before_any_io() {
    // `build` does no I/O, so refusing there means nothing was sent; none of these hosts is
    // contacted, even by the test.
    for base_url in [
        "http://api.hubapi.com",
        "http://192.0.2.1:8080",
        "http://example.com",
    ] {
        let error = Client::builder()
            .access_token(TOKEN)
            .base_url(base_url)
            .build()
            .unwrap_err();
        assert!(
            matches!(&error, Error::Config(m) if m.contains("clear text")),
            "{error}"
        );
        assert!(!error.to_string().contains(TOKEN));
    }
    assert!(
        Client::builder()
            .access_token(TOKEN)
            .base_url("http://192.0.2.1:8080")
            .allow_insecure_http(true)
            .build()
            .is_ok()
    );
}

/// `body` gzip-compressed.
fn gzip(body: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(body).unwrap();
    encoder.finish().unwrap()
}

#[tokio::test]
async fn a_compressed_body_is_decoded_and_a_gzip_bomb_stops_at_the_cap() {
    let serve = |body: Vec<u8>| {
        let body = Arc::new(body);
        move |mut reply: Reply| {
            let body = body.clone();
            async move {
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                );
                if reply.send(head.as_bytes()).await {
                    reply.send(&body).await;
                }
            }
        }
    };
    let small = RawServer::start(serve(gzip(br#"{"id": "7"}"#))).await;
    let deal = get_deal().send(&client(&small.url())).await.unwrap();
    assert_eq!(deal["id"], "7");

    // 64 MiB of JSON whitespace in about 64 KiB on the wire.
    let bomb = gzip(&vec![b' '; 64 << 20]);
    assert!(bomb.len() < 1 << 20);
    let server = RawServer::start(serve(bomb)).await;
    // The cap counts decoded bytes.
    get_with_cap(&server, 1 << 20).await;
    assert_eq!(server.requests(), 1);
}

/// A server whose first answer to each call is a 200 with JSON that breaks off mid-document (a
/// length that matches, as a failing proxy sends it), and whose next answers are whole.
async fn cut_once_then_whole(whole: &'static str) -> RawServer {
    let answered = Arc::new(AtomicUsize::new(0));
    RawServer::start(move |mut reply| {
        let first = answered.fetch_add(1, Ordering::SeqCst) == 0;
        async move {
            let body = if first { r#"{"results": [{"id": "# } else { whole };
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json;charset=utf-8\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            reply.send(head.as_bytes()).await;
            reply.send(body.as_bytes()).await;
        }
    })
    .await
}

#[tokio::test]
async fn a_read_whose_json_breaks_off_is_read_again() {
    let server = cut_once_then_whole(r#"{"id": "7", "properties": {}}"#).await;
    let client = client(&server.url());
    let deal = get_deal().send(&client).await.unwrap();
    assert_eq!(deal["id"], "7");
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_write_whose_json_breaks_off_is_applied_and_not_sent_again() {
    let server = cut_once_then_whole(r#"{"id": "7", "properties": {}}"#).await;
    let client = client(&server.url());
    let error = create_deal().send(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::Decode { status: 200, .. }),
        "{error:?}"
    );
    assert_eq!(error.write_outcome(), WriteOutcome::Applied, "{error}");
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn whole_json_that_does_not_fit_is_not_read_again() {
    #[derive(Debug, serde::Deserialize)]
    struct Deal {
        #[allow(dead_code)]
        id: u64,
    }
    let server = cut_once_then_whole(r#"{"id": "seven"}"#).await;
    let client = client(&server.url());
    // The first answer breaks off (read again); the second is whole but has text for a number.
    let request = Request::<Deal>::new(
        Method::Get,
        "/crm/objects/2026-03/deals/<id>",
        PathBuilder::new()
            .literal("/crm/objects/2026-03/deals/")
            .param("id", &"7"),
    );
    let error = request.send(&client).await.unwrap_err();
    assert!(
        matches!(&error, Error::Decode { path, .. } if path == "id"),
        "{error:?}"
    );
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_read_that_always_breaks_off_gives_up_saying_why() {
    let server = RawServer::start(|mut reply| async move {
        reply
            .send(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 6\r\n\r\n{\"id\":")
            .await;
    })
    .await;
    let client = client(&server.url());
    let error = get_deal().send(&client).await.unwrap_err();
    assert_eq!(
        transport_kind(&error),
        Some(TransportErrorKind::IncompleteBody),
        "{error:?}"
    );
    assert_eq!(error.attempts(), Some(4));
    let Error::GaveUp {
        last: Some(last), ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert!(
        last.to_string().contains("breaks off mid-document"),
        "{last}"
    );
}
