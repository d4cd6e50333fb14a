//! A sync against HubSpot's rolling rate limit: 100 deal creates, then 300 deal updates, 10 at a
//! time, against `hubspot-mock` enforcing 100 requests per rolling window scaled down to 1 s (the
//! floor is three windows: 400 requests need four bursts of 100). Each row runs the same workload
//! side by side in one run and prints wall time against the floor, the 429s the server sent,
//! the writes that failed, and goodput: the requests after the first window's burst, per second,
//! as a share of the limit's rate (100 % is a sync held exactly at the limit). The last row runs the workload
//! in four processes at once, sharing one limit through a `redis-server` on 127.0.0.1 (skipped
//! when none is installed).
//!
//! `cargo bench -p hubspot-crm --bench ratelimit`

// A bench that cannot start its mock or client has nothing to measure: it stops there.
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use futures_util::{StreamExt, stream};
use hubspot_crm::deals;
use hubspot_crm::models::{CreateInput, DealId, ObjectInput};
use hubspot_crm::{Client, ClientBuilder};
use hubspot_mock::{Limits, MockConfig, MockServer, RedisServer};

const LIMIT: u32 = 100;
const WINDOW: Duration = Duration::from_secs(1);
const CREATES: usize = 100;
const UPDATES_PER_DEAL: usize = 3;
const CONCURRENCY: usize = 10;
const PROCESSES: usize = 4;
/// Set in a worker process: `<mock URL> <Redis URL> <tag>`.
const WORKER: &str = "RATELIMIT_BENCH_WORKER";

struct Outcome {
    requests: usize,
    failed: usize,
}

/// The workload, on `client`: creates, then updates of every created deal.
async fn workload(client: &Client, tag: &str) -> Outcome {
    let created: Vec<Result<DealId, hubspot_crm::Error>> = stream::iter(0..CREATES)
        .map(|i| async move {
            let input = CreateInput::new()
                .set("dealname", format!("{tag}-{i}"))
                .set("pipeline", "default")
                .set("dealstage", "appointmentscheduled");
            deals::create(&input).send(client).await.map(|deal| deal.id)
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let ids: Vec<DealId> = created
        .iter()
        .filter_map(|r| r.as_ref().ok().cloned())
        .collect();
    let mut failed = created.iter().filter(|r| r.is_err()).count();
    let updates = ids
        .iter()
        .flat_map(|id| (0..UPDATES_PER_DEAL).map(move |n| (id, n)));
    let updated: Vec<Result<(), hubspot_crm::Error>> = stream::iter(updates)
        .map(|(id, n)| async move {
            let input = ObjectInput::new().set("amount", (n * 100).to_string());
            deals::update(id, &input).send(client).await.map(|_| ())
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    failed += updated.iter().filter(|r| r.is_err()).count();
    Outcome {
        requests: CREATES * (1 + UPDATES_PER_DEAL),
        failed,
    }
}

fn mock_config() -> MockConfig {
    MockConfig::default().limits(Limits {
        window_max: LIMIT,
        window: WINDOW,
        search_per_second: 5,
        daily: u32::MAX,
    })
}

/// The shortest time `requests` can take: one burst of `LIMIT` per window.
fn floor(requests: usize) -> Duration {
    let bursts = requests.div_ceil(LIMIT as usize);
    WINDOW * u32::try_from(bursts.saturating_sub(1)).unwrap_or(u32::MAX)
}

struct Row {
    name: String,
    wall: Duration,
    floor: Duration,
    rate_limited: u64,
    failed: usize,
    requests: usize,
}

async fn run(name: &str, configure: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Row {
    let mock = MockServer::start(mock_config())
        .await
        .expect("the mock starts");
    let client = configure(
        Client::builder()
            .access_token(MockConfig::DEFAULT_TOKEN)
            .base_url(mock.base_url()),
    )
    .build()
    .expect("the client builds");
    let started = Instant::now();
    let outcome = workload(&client, name).await;
    let wall = started.elapsed();
    Row {
        name: name.to_owned(),
        wall,
        floor: floor(outcome.requests),
        rate_limited: mock.stats().rate_limited,
        failed: outcome.failed,
        requests: outcome.requests,
    }
}

fn print(rows: &[Row]) {
    println!(
        "{:<44} {:>8} {:>8} {:>7} {:>6} {:>7} {:>9}",
        "client", "wall s", "floor s", "x floor", "429s", "failed", "goodput"
    );
    for row in rows {
        // The first burst of `LIMIT` is free at any rate; what follows is paced by the window.
        let paced = (row.requests - row.failed).saturating_sub(LIMIT as usize);
        let goodput =
            paced as f64 / row.wall.as_secs_f64() / (f64::from(LIMIT) / WINDOW.as_secs_f64());
        println!(
            "{:<44} {:>8.2} {:>8.2} {:>7.3} {:>6} {:>7} {:>8.0}%",
            row.name,
            row.wall.as_secs_f64(),
            row.floor.as_secs_f64(),
            row.wall.as_secs_f64() / row.floor.as_secs_f64(),
            row.rate_limited,
            row.failed,
            goodput * 100.0
        );
    }
}

/// Runs the workload in `PROCESSES` copies of this binary at once, sharing one limit through
/// Redis.
async fn run_processes(name: &str) -> Option<Row> {
    let Ok(Some(redis)) = RedisServer::start() else {
        eprintln!("{name}: skipped, redis-server is not installed");
        return None;
    };
    let mock = MockServer::start(mock_config())
        .await
        .expect("the mock starts");
    let exe = std::env::current_exe().expect("the bench knows its own path");
    let started = Instant::now();
    let children: Vec<_> = (0..PROCESSES)
        .map(|n| {
            std::process::Command::new(&exe)
                .env(WORKER, format!("{} {} p{n}", mock.base_url(), redis.url()))
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("a worker starts")
        })
        .collect();
    let mut failed = 0;
    for child in children {
        let output = child.wait_with_output().expect("a worker ends");
        failed += String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse::<usize>()
            .unwrap_or(CREATES * (1 + UPDATES_PER_DEAL));
    }
    let wall = started.elapsed();
    let requests = PROCESSES * CREATES * (1 + UPDATES_PER_DEAL);
    Some(Row {
        name: name.to_owned(),
        wall,
        floor: floor(requests),
        rate_limited: mock.stats().rate_limited,
        failed,
        requests,
    })
}

/// A worker process: the workload through the shared limit; prints how many writes failed.
async fn worker(spec: &str) {
    let mut parts = spec.split(' ');
    let (Some(base_url), Some(redis_url), Some(tag)) = (parts.next(), parts.next(), parts.next())
    else {
        return;
    };
    let client = Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(base_url)
        .shared_rate_limit(redis_url)
        .build()
        .expect("the client builds");
    println!("{}", workload(&client, tag).await.failed);
}

#[tokio::main]
async fn main() {
    if let Ok(spec) = std::env::var(WORKER) {
        worker(&spec).await;
        return;
    }
    let mut rows = vec![
        run("no limiter (retries only)", |b| b.rate_limiter(false)).await,
        run("default client", |b| b).await,
    ];
    rows.extend(run_processes("4 processes sharing the limit via Redis").await);
    print(&rows);
}
