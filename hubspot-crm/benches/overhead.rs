//! What the SDK costs per call: `contacts::get` through the executor (retry policy, pacing,
//! decoding into typed models) against the same GET sent with bare reqwest and decoded into
//! `serde_json::Value`, side by side on one `hubspot-mock`, in alternating rounds so machine
//! noise hits both alike. Prints a table; run with `cargo bench -p hubspot-crm`.

use std::time::{Duration, Instant};

use hubspot_crm::Client;
use hubspot_crm::contacts;
use hubspot_crm::models::{ContactId, CreateInput};
use hubspot_mock::{Limits, MockConfig, MockServer};

const ROUNDS: usize = 10;
const CALLS_PER_ROUND: usize = 300;
const CONCURRENCY: usize = 8;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let limits = Limits {
        window_max: 1_000_000,
        daily: u32::MAX,
        ..Limits::default()
    };
    let mock = MockServer::start(MockConfig::default().limits(limits)).await?;
    let client = Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(mock.base_url())
        .build()?;
    let contact = contacts::create(
        &CreateInput::new()
            .set("email", "bench@example.com")
            .set("firstname", "Bench"),
    )
    .send(&client)
    .await?;
    let raw = reqwest::Client::new();
    let url = format!(
        "{}/crm/objects/2026-03/contacts/{}",
        mock.base_url(),
        contact.id
    );

    let mut sdk_sequential = Vec::new();
    let mut raw_sequential = Vec::new();
    let mut sdk_concurrent = Vec::new();
    let mut raw_concurrent = Vec::new();
    for _ in 0..ROUNDS {
        sdk_sequential.push(sequential(|| sdk_call(&client, &contact.id)).await?);
        raw_sequential.push(sequential(|| raw_call(&raw, &url)).await?);
        sdk_concurrent.push(
            concurrent(&|| {
                let (c, id) = (client.clone(), contact.id.clone());
                async move { sdk_call(&c, &id).await }
            })
            .await?,
        );
        raw_concurrent.push(
            concurrent(&|| {
                let (r, u) = (raw.clone(), url.clone());
                async move { raw_call(&r, &u).await }
            })
            .await?,
        );
    }
    println!("{CALLS_PER_ROUND} GETs per round, {ROUNDS} rounds, median round; mock on 127.0.0.1");
    println!(
        "{:<28} {:>14} {:>14} {:>10}",
        "", "hubspot-crm", "bare reqwest", "ratio"
    );
    row(
        "sequential, per call",
        median(&sdk_sequential),
        median(&raw_sequential),
    );
    row(
        &format!("{CONCURRENCY} concurrent, per call"),
        median(&sdk_concurrent),
        median(&raw_concurrent),
    );
    Ok(())
}

async fn sdk_call(client: &Client, id: &ContactId) -> Result<(), hubspot_crm::Error> {
    contacts::get(id).send(client).await.map(drop)
}

async fn raw_call(client: &reqwest::Client, url: &str) -> Result<(), hubspot_crm::Error> {
    let response = client
        .get(url)
        .bearer_auth(MockConfig::DEFAULT_TOKEN)
        .send()
        .await
        .map_err(transport)?;
    let _: serde_json::Value = response.json().await.map_err(transport)?;
    Ok(())
}

fn transport(error: reqwest::Error) -> hubspot_crm::Error {
    hubspot_crm::Error::Config(error.to_string())
}

/// Time per call over one round of sequential calls.
async fn sequential<F, Fut>(call: F) -> Result<Duration, hubspot_crm::Error>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), hubspot_crm::Error>>,
{
    let start = Instant::now();
    for _ in 0..CALLS_PER_ROUND {
        call().await?;
    }
    Ok(start.elapsed() / CALLS_PER_ROUND as u32)
}

/// Time per call over one round split across concurrent tasks.
async fn concurrent<F, Fut>(call: &F) -> Result<Duration, hubspot_crm::Error>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), hubspot_crm::Error>> + Send + 'static,
{
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..CALLS_PER_ROUND {
        tasks.spawn(call());
        while tasks.len() >= CONCURRENCY {
            if let Some(done) = tasks.join_next().await {
                done.map_err(|e| hubspot_crm::Error::Config(e.to_string()))??;
            }
        }
    }
    while let Some(done) = tasks.join_next().await {
        done.map_err(|e| hubspot_crm::Error::Config(e.to_string()))??;
    }
    Ok(start.elapsed() / CALLS_PER_ROUND as u32)
}

fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    sorted[sorted.len() / 2]
}

fn row(label: &str, sdk: Duration, raw: Duration) {
    let ratio = sdk.as_secs_f64() / raw.as_secs_f64();
    println!(
        "{label:<28} {:>11.1} µs {:>11.1} µs {ratio:>9.2}x",
        micros(sdk),
        micros(raw)
    );
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}
