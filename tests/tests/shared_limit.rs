//! The rate limit shared through a real `redis-server` on 127.0.0.1: several clients, each with
//! its own limiter as separate processes would have, stay under one limit together; when Redis
//! goes away they fall back to their own limiters without losing or repeating a request.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use hubspot_mock::RedisServer;
use hubspot_runtime::time::{BoxFuture, Time, VirtualTime};
use hubspot_runtime::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use hubspot_runtime::{Client, Lane, LimitEvent, Method, PathBuilder, RateLimit, Request};
use tests::captured_logs;

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

impl Transport for Recorder {
    fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent.lock().unwrap().push(self.time.system_now());
        Box::pin(std::future::ready(Ok(HttpResponse::new(200, "{}"))))
    }
}

fn client(redis_url: &str, transport: Recorder, base_url: &str) -> Client {
    Client::builder()
        .access_token("pat-na1-shared-0123456789")
        .base_url(base_url)
        .transport(transport.clone())
        .time(transport.time)
        .rate_limit(
            Lane::Standard,
            Some(RateLimit::new(10, Duration::from_secs(1))),
        )
        .shared_rate_limit(redis_url)
        .build()
        .unwrap()
}

fn get() -> Request<serde_json::Value> {
    Request::new(
        Method::Get,
        "/crm/v3/objects/deals",
        PathBuilder::new().literal("/crm/v3/objects/deals"),
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
    let sent = Arc::new(Mutex::new(Vec::new()));
    let recorder = Recorder {
        time: time.clone(),
        sent: sent.clone(),
    };
    // Three clients, each with its own limiter, as three processes would have.
    let clients: Vec<Client> = (0..3)
        .map(|_| client(&redis.url(), recorder.clone(), "https://api.hubapi.com"))
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
    let sent = Arc::new(Mutex::new(Vec::new()));
    let recorder = Recorder {
        time: time.clone(),
        sent: sent.clone(),
    };
    let client = client(&redis.url(), recorder, "https://api.hubapi.com/fallback");
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
    let logs = String::from_utf8(logs.lock().unwrap().clone()).unwrap();
    assert_eq!(logs.matches("Redis is unavailable").count(), 1, "{logs}");
}

#[tokio::test]
async fn a_redis_that_loses_its_keys_and_scripts_mid_run_keeps_being_shared() {
    let Some(redis) = redis() else { return };
    let time = VirtualTime::new();
    let sent = Arc::new(Mutex::new(Vec::new()));
    let recorder = Recorder {
        time: time.clone(),
        sent: sent.clone(),
    };
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
