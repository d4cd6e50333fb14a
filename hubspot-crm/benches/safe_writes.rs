//! Writes through a storm, against `hubspot-mock` with its rate limit on: 5 % of deal writes
//! answered 503 before they are applied, 2 % applied and then their connection dropped.
//! 1,000 creates then 3,000 updates (three per deal), from 10 tasks, side by side in one run:
//! plain creates, then retry-safe creates (`safe::create`, an upsert by a unique key). Prints
//! creates and updates failed, duplicates, records lost and wall time.
//!
//! `cargo bench -p hubspot-crm --bench safe_writes`

// A bench that cannot start its mock or client has nothing to measure: it stops there.
#![allow(clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use futures_util::{StreamExt, stream};
use hubspot_crm::models::{CreateInput, DealId, ObjectInput, UpsertInput};
use hubspot_crm::{Client, Error};
use hubspot_crm::{deals, safe};
use hubspot_mock::{Fault, FaultRule, Limits, MockConfig, MockServer};

const CREATES: usize = 1_000;
const UPDATES_PER_DEAL: usize = 3;
const TASKS: usize = 10;
const KEY: &str = "bench_key";

fn storm() -> MockConfig {
    let on_deals = |probability, fault| FaultRule {
        path: Some("/crm/objects/2026-03/deals*".into()),
        ..FaultRule::random(probability, fault)
    };
    MockConfig {
        faults: vec![
            on_deals(
                0.05,
                Fault::Status {
                    status: 503,
                    retry_after: None,
                },
            ),
            on_deals(0.02, Fault::Drop),
        ],
        ..MockConfig::default()
    }
    .limits(Limits {
        window_max: 1_000,
        window: Duration::from_secs(1),
        search_per_second: 5,
        daily: u32::MAX,
    })
}

#[derive(Clone, Copy)]
enum Creates {
    Plain,
    RetrySafe,
}

struct Row {
    name: &'static str,
    creates_failed: usize,
    updates_failed: usize,
    duplicates: usize,
    lost: usize,
    wall: Duration,
}

async fn create(client: &Client, how: Creates, n: usize) -> Result<DealId, Error> {
    let name = format!("deal-{n}");
    match how {
        Creates::Plain => {
            let input = CreateInput::new()
                .set("dealname", name.as_str())
                .set("pipeline", "default")
                .set("dealstage", "appointmentscheduled");
            deals::create(&input).send(client).await.map(|deal| deal.id)
        }
        Creates::RetrySafe => {
            let input = UpsertInput::by(KEY, name.as_str())
                .set("dealname", name.as_str())
                .set("pipeline", "default")
                .set("dealstage", "appointmentscheduled");
            safe::create(deals::batch_upsert, input)
                .send(client)
                .await
                .map(|deal| deal.object.id)
        }
    }
}

async fn run(name: &'static str, how: Creates) -> Row {
    let mock = MockServer::start(storm()).await.expect("the mock starts");
    let client = Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(mock.base_url())
        .build()
        .expect("the client builds");
    if matches!(how, Creates::RetrySafe) {
        safe::unique_property(&hubspot_crm::models::ObjectType::Deals, KEY)
            .send(&client)
            .await
            .expect("the key property exists");
    }
    let started = Instant::now();
    let created: Vec<Result<DealId, Error>> = stream::iter(0..CREATES)
        .map(|n| create(&client, how, n))
        .buffer_unordered(TASKS)
        .collect()
        .await;
    let ids: Vec<&DealId> = created.iter().filter_map(|r| r.as_ref().ok()).collect();
    let updates = ids
        .iter()
        .flat_map(|id| (0..UPDATES_PER_DEAL).map(move |n| (*id, n)));
    let updated: Vec<Result<(), Error>> = stream::iter(updates)
        .map(|(id, n)| {
            let client = &client;
            async move {
                let input = ObjectInput::new().set("amount", (n * 100).to_string());
                deals::update(id, &input).send(client).await.map(|_| ())
            }
        })
        .buffer_unordered(TASKS)
        .collect()
        .await;
    let wall = started.elapsed();
    let mut stored: BTreeMap<String, usize> = BTreeMap::new();
    for deal in mock.dump()["objects"]["deals"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if let Some(name) = deal["properties"]["dealname"].as_str() {
            *stored.entry(name.to_owned()).or_default() += 1;
        }
    }
    Row {
        name,
        creates_failed: created.iter().filter(|r| r.is_err()).count(),
        updates_failed: updated.iter().filter(|r| r.is_err()).count(),
        duplicates: stored.values().map(|n| n - 1).sum(),
        lost: (0..CREATES)
            .filter(|n| !stored.contains_key(&format!("deal-{n}")))
            .count(),
        wall,
    }
}

/// 10,001 contact upserts by e-mail in batches of 100, without faults: how fast the mock finds
/// a record by a unique property.
async fn upserts_by_email() -> Duration {
    let mock = MockServer::start(MockConfig::default().limits(Limits {
        window_max: 1_000_000,
        daily: u32::MAX,
        ..Limits::default()
    }))
    .await
    .expect("the mock starts");
    let client = Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(mock.base_url())
        .build()
        .expect("the client builds");
    let inputs = (0..10_001).map(|n| UpsertInput::by("email", format!("c{n}@example.com")));
    let started = Instant::now();
    let outcome = hubspot_crm::batch::all(hubspot_crm::contacts::batch_upsert, inputs)
        .send(&client)
        .await;
    assert!(outcome.is_complete_success() && outcome.results().count() == 10_001);
    started.elapsed()
}

#[tokio::main]
async fn main() {
    let rows = [
        run("plain creates", Creates::Plain).await,
        run("retry-safe creates (safe::create)", Creates::RetrySafe).await,
    ];
    println!(
        "{:<36} {:>14} {:>14} {:>10} {:>6} {:>8}",
        "creates", "creates failed", "updates failed", "duplicates", "lost", "wall s"
    );
    for row in rows {
        println!(
            "{:<36} {:>14} {:>14} {:>10} {:>6} {:>8.2}",
            row.name,
            row.creates_failed,
            row.updates_failed,
            row.duplicates,
            row.lost,
            row.wall.as_secs_f64()
        );
    }
    println!(
        "10,001 contact upserts by email, 101 batches: {:.2} s",
        upserts_by_email().await.as_secs_f64()
    );
}
