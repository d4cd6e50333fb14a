//! What the SDK costs per call: `contacts::get` through the executor (retry policy, pacing,
//! decoding into typed models) against the same GET sent with bare reqwest and decoded into
//! `serde_json::Value`, side by side on one `hubspot-mock`. Prints a table; run with `cargo
//! bench -p hubspot-crm --bench overhead`.
//!
//! This machine is shared and noisy, so each round times both sides back to back (the side that
//! goes first alternates) and the table gives the median of the rounds' own ratios: noise that
//! lasts longer than a round hits both sides of it alike.
//!
//! `OVERHEAD_ONLY=sdk` (or `raw`) runs only that side's concurrent calls, for a profiler
//! (`perf record`, `valgrind --tool=callgrind`) to compare the two.

use std::time::{Duration, Instant};

use hubspot_crm::Client;
use hubspot_crm::contacts;
use hubspot_crm::models::{ContactId, CreateInput};
use hubspot_mock::{Limits, MockConfig, MockServer};

/// Timed rounds, after one untimed round that warms connections and caches.
const ROUNDS: usize = 40;
const CALLS_PER_ROUND: usize = 200;
const CONCURRENCY: usize = 8;
/// Rounds of the `OVERHEAD_ONLY` run.
const PROFILED_ROUNDS: usize = 60;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Its own reqwest client needs a crypto provider (README, "TLS").
    hubspot_crm::install_crypto_provider();
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

    let sdk_task = || {
        let (c, id) = (client.clone(), contact.id.clone());
        async move { sdk_call(&c, &id).await }
    };
    let raw_task = || {
        let (r, u) = (raw.clone(), url.clone());
        async move { raw_call(&r, &u).await }
    };
    let sdk_concurrent = || concurrent(&sdk_task);
    let raw_concurrent = || concurrent(&raw_task);
    if let Ok(side) = std::env::var("OVERHEAD_ONLY") {
        for _ in 0..PROFILED_ROUNDS {
            match side.as_str() {
                "sdk" => sdk_concurrent().await?,
                "raw" => raw_concurrent().await?,
                other => return Err(format!("OVERHEAD_ONLY is sdk or raw, not {other:?}").into()),
            };
        }
        return Ok(());
    }

    let (mut sequential_rounds, mut concurrent_rounds) = (Vec::new(), Vec::new());
    for round in 0..=ROUNDS {
        let sdk_first = round % 2 == 0;
        let sequential_round = paired(
            sdk_first,
            || sequential(|| sdk_call(&client, &contact.id)),
            || sequential(|| raw_call(&raw, &url)),
        )
        .await?;
        let concurrent_round = paired(sdk_first, sdk_concurrent, raw_concurrent).await?;
        if round > 0 {
            sequential_rounds.push(sequential_round);
            concurrent_rounds.push(concurrent_round);
        }
    }
    println!(
        "{CALLS_PER_ROUND} GETs per side and round, {ROUNDS} rounds; mock on 127.0.0.1; medians"
    );
    println!(
        "{:<24} {:>12} {:>14} {:>8} {:>16}",
        "", "hubspot-crm", "bare reqwest", "ratio", "ratio's IQR"
    );
    row("sequential, per call", &sequential_rounds);
    row(
        &format!("{CONCURRENCY} concurrent, per call"),
        &concurrent_rounds,
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

/// One round of both sides, the SDK's first or second: (SDK, bare reqwest).
async fn paired<S, R, SF, RF>(
    sdk_first: bool,
    sdk: S,
    raw: R,
) -> Result<(Duration, Duration), hubspot_crm::Error>
where
    S: Fn() -> SF,
    R: Fn() -> RF,
    SF: std::future::Future<Output = Result<Duration, hubspot_crm::Error>>,
    RF: std::future::Future<Output = Result<Duration, hubspot_crm::Error>>,
{
    if sdk_first {
        let sdk = sdk().await?;
        Ok((sdk, raw().await?))
    } else {
        let raw = raw().await?;
        Ok((sdk().await?, raw))
    }
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

/// The middle of `samples`, and the quartiles around it.
fn quartiles(samples: &mut [f64]) -> [f64; 3] {
    samples.sort_unstable_by(f64::total_cmp);
    let at = |q: usize| samples[(samples.len() - 1) * q / 4];
    [at(1), at(2), at(3)]
}

/// One line of the table: the median time of each side, and the median and quartiles of the
/// rounds' ratios.
fn row(label: &str, rounds: &[(Duration, Duration)]) {
    let side = |pick: fn(&(Duration, Duration)) -> Duration| {
        let mut micros: Vec<f64> = rounds.iter().map(|r| pick(r).as_secs_f64() * 1e6).collect();
        quartiles(&mut micros)[1]
    };
    let mut ratios: Vec<f64> = rounds
        .iter()
        .map(|(sdk, raw)| sdk.as_secs_f64() / raw.as_secs_f64())
        .collect();
    let [low, ratio, high] = quartiles(&mut ratios);
    println!(
        "{label:<24} {:>9.1} µs {:>11.1} µs {ratio:>7.3}x {low:>7.3}–{high:.3}x",
        side(|r| r.0),
        side(|r| r.1),
    );
}
