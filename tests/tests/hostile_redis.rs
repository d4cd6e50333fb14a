//! A Redis that misbehaves, on 127.0.0.1: one that stalls, answers with the wrong types, resets
//! the connection mid-script, has lost its scripts, or is not Redis at all. Each time the
//! client falls back to its own limiter within a bounded time, says so once, sends every call
//! exactly once, and never hands the token to the peer or to a log.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use hubspot_runtime::time::{BoxFuture, Time, VirtualTime};
use hubspot_runtime::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use hubspot_runtime::{Client, Lane, LimitEvent, Method, PathBuilder, RateLimit, Request};
use tests::captured_logs;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const TOKEN: &str = "pat-na1-hostile-redis-0123456789";

/// How the fake Redis answers.
#[derive(Debug, Clone, Copy)]
enum Peer {
    /// Reads, never answers.
    Stalls,
    /// Answers every command with a bulk string where the scripts return integers.
    WrongTypes,
    /// Reads the first command, then resets the connection.
    Resets,
    /// Knows no script: `NOSCRIPT` to every command.
    LostScripts,
    /// An HTTP server at the Redis URL.
    Stranger,
    /// Bytes that are not RESP at all.
    Garbage,
}

impl Peer {
    fn answer(self) -> Option<&'static [u8]> {
        match self {
            Self::Stalls | Self::Resets => None,
            Self::WrongTypes => Some(b"$5\r\nhello\r\n"),
            Self::LostScripts => Some(b"-NOSCRIPT No matching script. Please use EVAL.\r\n"),
            Self::Stranger => Some(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"),
            Self::Garbage => Some(b"\x00\xff\xfe?not resp at all\r\n\r\n\x07"),
        }
    }
}

/// Serves `peer` on a free port; returns its `redis://` URL and every byte it received.
async fn fake_redis(peer: Peer) -> (String, Arc<Mutex<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("redis://{}", listener.local_addr().unwrap());
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let log = log.clone();
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                loop {
                    let Ok(n) = socket.read(&mut buffer).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    log.lock().unwrap().extend_from_slice(&buffer[..n]);
                    match peer {
                        Peer::Resets => {
                            // A zero linger sends a reset at once; only a non-zero one blocks.
                            #[allow(deprecated)]
                            let _ = socket.set_linger(Some(Duration::ZERO));
                            return;
                        }
                        Peer::Stalls => {}
                        _ => {
                            // One answer per command, and commands may come pipelined.
                            let commands = buffer[..n].iter().filter(|b| **b == b'*').count();
                            for _ in 0..commands.max(1) {
                                if socket.write_all(peer.answer().unwrap()).await.is_err() {
                                    return;
                                }
                            }
                        }
                    }
                }
            });
        }
    });
    (url, received)
}

/// Answers 200 at once and records each send on the virtual clock.
#[derive(Debug, Clone)]
struct Recorder {
    time: VirtualTime,
    sent: Arc<Mutex<Vec<SystemTime>>>,
}

impl Transport for Recorder {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent.lock().unwrap().push(self.time.system_now());
        Box::pin(std::future::ready(Ok(HttpResponse::new(200, "{}"))))
    }
}

fn get() -> Request<serde_json::Value> {
    Request::new(
        Method::Get,
        "/crm/v3/objects/deals",
        PathBuilder::new().literal("/crm/v3/objects/deals"),
    )
}

async fn falls_back_from(peer: Peer) {
    let logs = captured_logs();
    let (url, received) = fake_redis(peer).await;
    let time = VirtualTime::new();
    let sent = Arc::new(Mutex::new(Vec::new()));
    let events = Arc::new(Mutex::new(Vec::new()));
    let heard = events.clone();
    let client = Client::builder()
        .access_token(TOKEN)
        // Its own host per case: the log lines below are this case's.
        .base_url(format!("https://api.hubapi.com/{peer:?}"))
        .transport(Recorder {
            time: time.clone(),
            sent: sent.clone(),
        })
        .time(time.clone())
        .rate_limit(
            Lane::Standard,
            Some(RateLimit::new(10, Duration::from_secs(1))),
        )
        .shared_rate_limit(url)
        .on_limit_event(move |event| heard.lock().unwrap().push(event.clone()))
        .build()
        .unwrap();

    let started = Instant::now();
    for _ in 0..20 {
        get().send(&client).await.unwrap();
    }
    // One Redis timeout (and a connect) at most, then the process paces itself.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{peer:?}: took {:?}",
        started.elapsed()
    );
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 20, "{peer:?}: every call sent exactly once");
    // The local fallback held the limit: 20 sends at 10 per second span over a second.
    let span = sent.last().unwrap().duration_since(sent[0]).unwrap();
    assert!(span >= Duration::from_secs(1), "{peer:?}: {span:?}");

    let events = events.lock().unwrap().clone();
    let unavailable = events
        .iter()
        .filter(|e| matches!(e, LimitEvent::SharedUnavailable))
        .count();
    assert_eq!(unavailable, 1, "{peer:?}: {events:?}");

    // Positive control: the peer was spoken to (so the next check can fail).
    let received = received.lock().unwrap().clone();
    assert!(
        !received.is_empty(),
        "{peer:?}: the client never reached the peer"
    );
    let received = String::from_utf8_lossy(&received);
    assert!(
        !received.contains(TOKEN),
        "{peer:?}: the token went to Redis"
    );
    assert!(
        !received.contains("pat-na1"),
        "{peer:?}: part of the token went to Redis"
    );

    let logs = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("Redis is unavailable"), "{peer:?}: {logs}");
    assert!(!logs.contains(TOKEN), "{peer:?}: the token is in the logs");
}

#[tokio::test]
async fn a_redis_that_stalls() {
    falls_back_from(Peer::Stalls).await;
}

#[tokio::test]
async fn a_redis_that_answers_the_wrong_types() {
    falls_back_from(Peer::WrongTypes).await;
}

#[tokio::test]
async fn a_redis_that_resets_mid_script() {
    falls_back_from(Peer::Resets).await;
}

#[tokio::test]
async fn a_redis_that_lost_its_scripts() {
    falls_back_from(Peer::LostScripts).await;
}

#[tokio::test]
async fn a_stranger_at_the_redis_url() {
    falls_back_from(Peer::Stranger).await;
}

#[tokio::test]
async fn garbage_instead_of_resp() {
    falls_back_from(Peer::Garbage).await;
}
