//! The rate limit shared through a real `redis-server` on 127.0.0.1: several clients, each with
//! its own limiter as separate processes would have, stay under one limit together; when Redis
//! goes away they fall back to their own limiters without losing or repeating a request. And a
//! Redis that misbehaves on 127.0.0.1 (stalls, answers the wrong types, resets mid-script, has
//! lost its scripts, or is not Redis at all): each time the client falls back within a bounded
//! time, says so once, sends every call exactly once, and never hands the token to the peer or
//! to a log.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use hubspot_mock::RedisServer;
use hubspot_runtime::time::{BoxFuture, Time, VirtualTime};
use hubspot_runtime::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use hubspot_runtime::{Client, Lane, LimitEvent, Method, PathBuilder, RateLimit, Request};
use tests::captured_logs;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A `redis-server`, or `None` off CI when it is not installed (CI installs it, and there its
/// absence fails the test).
fn redis() -> Option<RedisServer> {
    match RedisServer::start().expect("redis-server starts") {
        Some(server) => Some(server),
        None if std::env::var_os("CI").is_some() => panic!("redis-server is not installed"),
        None => {
            eprintln!("skipped: redis-server is not installed");
            None
        }
    }
}

/// Answers 200 at once and records when each request was sent, on the shared virtual clock.
#[derive(Debug, Clone)]
struct Recorder {
    time: VirtualTime,
    sent: Arc<Mutex<Vec<SystemTime>>>,
}

impl Recorder {
    fn new(time: &VirtualTime) -> Self {
        Self {
            time: time.clone(),
            sent: Arc::default(),
        }
    }
}

impl Transport for Recorder {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent.lock().unwrap().push(self.time.system_now());
        Box::pin(std::future::ready(Ok(HttpResponse::new(200, "{}"))))
    }
}

/// What a client's limiter reported.
type Events = Arc<Mutex<Vec<LimitEvent>>>;

fn client(redis_url: &str, transport: Recorder, base_url: &str) -> (Client, Events) {
    let events = Events::default();
    let heard = events.clone();
    let client = Client::builder()
        .access_token("pat-na1-shared-0123456789")
        .base_url(base_url)
        .transport(transport.clone())
        .time(transport.time)
        .rate_limit(
            Lane::Standard,
            Some(RateLimit::new(10, Duration::from_secs(1))),
        )
        .shared_rate_limit(redis_url)
        .on_limit_event(move |event| heard.lock().unwrap().push(event.clone()))
        .build()
        .unwrap();
    (client, events)
}

fn get() -> Request<serde_json::Value> {
    Request::new(
        Method::Get,
        "/crm/objects/2026-03/deals",
        PathBuilder::new().literal("/crm/objects/2026-03/deals"),
    )
}

fn assert_at_most_per_second(sent: &[SystemTime], limit: usize) {
    let mut sent = sent.to_vec();
    sent.sort();
    for (i, t) in sent.iter().enumerate() {
        let in_window = sent[i..]
            .iter()
            .take_while(|u| u.duration_since(*t).unwrap() < Duration::from_secs(1))
            .count();
        assert!(
            in_window <= limit,
            "{in_window} sends in one second from send {i}"
        );
    }
}

#[tokio::test]
async fn several_clients_share_one_window_through_redis() {
    let Some(redis) = redis() else { return };
    let time = VirtualTime::new();
    let recorder = Recorder::new(&time);
    let sent = recorder.sent.clone();
    // Three clients, each with its own limiter, as three processes would have.
    let clients: Vec<Client> = (0..3)
        .map(|_| client(&redis.url(), recorder.clone(), "https://api.hubapi.com").0)
        .collect();
    // Round robin, so each send is stamped at the instant its slot was granted: with their own
    // limiters alone the three would send 30 in the first second.
    for _ in 0..15 {
        for client in &clients {
            get().send(client).await.unwrap();
        }
    }
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 45, "every call sent exactly once");
    assert_at_most_per_second(&sent, 10);
    assert!(
        !time.sleeps().is_empty(),
        "the clients had to wait for each other"
    );
}

#[tokio::test]
async fn when_redis_goes_away_each_client_falls_back_and_loses_nothing() {
    let Some(mut redis) = redis() else { return };
    let logs = captured_logs();
    let time = VirtualTime::new();
    let recorder = Recorder::new(&time);
    let sent = recorder.sent.clone();
    let (client, events) = client(&redis.url(), recorder, "https://api.hubapi.com/fallback");
    for _ in 0..5 {
        get().send(&client).await.unwrap();
    }
    let mut connection = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg("hubspot:*")
        .query_async(&mut connection)
        .await
        .unwrap();
    assert!(!keys.is_empty(), "the lanes live in Redis");
    assert!(
        keys.iter().all(|k| !k.contains("pat-na1")),
        "no token in key names"
    );
    drop(connection);

    redis.stop();
    for _ in 0..25 {
        get().send(&client).await.unwrap();
    }
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 30, "every call sent exactly once");
    // The local fallback still holds the limit, counting what was sent through Redis.
    assert_at_most_per_second(&sent, 10);
    let unavailable = events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| matches!(e, LimitEvent::SharedUnavailable))
        .count();
    assert_eq!(unavailable, 1, "said once per outage");
    let logs = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("Redis is unavailable"), "{logs}");
}

#[tokio::test]
async fn a_redis_that_loses_its_keys_and_scripts_mid_run_keeps_being_shared() {
    let Some(redis) = redis() else { return };
    let time = VirtualTime::new();
    let recorder = Recorder::new(&time);
    let sent = recorder.sent.clone();
    let events = Arc::new(Mutex::new(Vec::new()));
    let clients: Vec<Client> = (0..2)
        .map(|_| {
            let heard = events.clone();
            Client::builder()
                .access_token("pat-na1-shared-flushed-0123456789")
                .base_url("https://api.hubapi.com/flushed")
                .transport(recorder.clone())
                .time(time.clone())
                .rate_limit(
                    Lane::Standard,
                    Some(RateLimit::new(10, Duration::from_secs(1))),
                )
                .shared_rate_limit(redis.url())
                .on_limit_event(move |event| heard.lock().unwrap().push(event.clone()))
                .build()
                .unwrap()
        })
        .collect();
    let mut connection = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    for round in 0..3 {
        let before = sent.lock().unwrap().len();
        for _ in 0..10 {
            for client in &clients {
                get().send(client).await.unwrap();
            }
        }
        // Within a round the two clients shared one window of 10 a second.
        assert_at_most_per_second(&sent.lock().unwrap()[before..], 10);
        if round < 2 {
            // Another operator's FLUSHALL and SCRIPT FLUSH between rounds.
            let _: () = redis::cmd("FLUSHALL")
                .query_async(&mut connection)
                .await
                .unwrap();
            let _: () = redis::cmd("SCRIPT")
                .arg("FLUSH")
                .query_async(&mut connection)
                .await
                .unwrap();
        }
    }
    assert_eq!(
        sent.lock().unwrap().len(),
        60,
        "every call sent exactly once"
    );
    let events = events.lock().unwrap().clone();
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, LimitEvent::SharedUnavailable)),
        "the clients fell back instead of loading the scripts again: {events:?}"
    );
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg("hubspot:*")
        .query_async(&mut connection)
        .await
        .unwrap();
    assert!(!keys.is_empty(), "the lanes live in Redis again");
}

/// The token of the hostile-peer cases.
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

async fn falls_back_from(peer: Peer) {
    let logs = captured_logs();
    let (url, received) = fake_redis(peer).await;
    let time = VirtualTime::new();
    let recorder = Recorder::new(&time);
    let sent = recorder.sent.clone();
    let events = Arc::new(Mutex::new(Vec::new()));
    let heard = events.clone();
    let client = Client::builder()
        .access_token(TOKEN)
        // Its own host per case: the log lines below are this case's.
        .base_url(format!("https://api.hubapi.com/{peer:?}"))
        .transport(recorder)
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
