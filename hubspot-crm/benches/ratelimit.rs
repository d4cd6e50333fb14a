//! A sync against HubSpot's rolling rate limit: 100 deal creates, then 300 deal updates, 10 at a
//! time, against `hubspot-mock` enforcing 100 requests per rolling window scaled down to 1 s (the
//! floor is three windows: 400 requests need four bursts of 100). Each row runs the same workload
//! side by side in one run and prints wall time against the floor, the 429s the server sent,
//! the writes that failed, and goodput as a share of the limit.
//!
//! `cargo bench -p hubspot-crm --bench ratelimit`

// A bench that cannot start its mock or client has nothing to measure: it stops there.
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use futures_util::{StreamExt, stream};
use hubspot_crm::deals;
use hubspot_crm::models::{CreateInput, DealId, ObjectInput};
use hubspot_mock::{Limits, MockConfig, MockServer};
use hubspot_runtime::{Client, ClientBuilder, Lane, RateLimit};

const LIMIT: u32 = 100;
const WINDOW: Duration = Duration::from_secs(1);
const CREATES: usize = 100;
const UPDATES_PER_DEAL: usize = 3;
const CONCURRENCY: usize = 10;

struct Outcome {
    requests: usize,
    failed: usize,
}

/// The workload, on `client`: creates, then updates of every created deal.
async fn workload(client: &Client, tag: &str) -> Outcome {
    let created: Vec<Result<DealId, hubspot_runtime::Error>> = stream::iter(0..CREATES)
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
    let updated: Vec<Result<(), hubspot_runtime::Error>> = stream::iter(updates)
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
        let goodput = (row.requests - row.failed) as f64
            / row.wall.as_secs_f64()
            / (f64::from(LIMIT) / WINDOW.as_secs_f64());
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

#[tokio::main]
async fn main() {
    let rows = vec![
        run("default client", |b| b).await,
        run("rate_limit(Standard, 100 per window)", |b| {
            b.rate_limit(Lane::Standard, Some(RateLimit::new(LIMIT, WINDOW)))
        })
        .await,
    ];
    print(&rows);
}
