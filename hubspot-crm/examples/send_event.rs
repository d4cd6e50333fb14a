//! Send custom behavioral event occurrences in batches of 500, as fast as HubSpot's rate limits
//! allow: every batch is started at once and the client's limiter paces them, so the sync runs
//! at the full rate without drawing 429s.
//!
//! Run it: `cargo run -p hubspot-crm --features events --example send_event -- pe12345_signup 5000`
//! (the event's fully qualified name, defined in the account, and how many occurrences). Without
//! `HUBSPOT_ACCESS_TOKEN` it sends 60,000 occurrences of a sample event to the embedded mock.

mod common;

use std::collections::BTreeMap;
use std::error::Error;
use std::time::Instant;

use hubspot_crm::events::send::{self, models::BehavioralEventHttpCompletionRequest};
use hubspot_crm::models::BatchInput;

/// How many occurrences HubSpot takes in one batch.
const BATCH: usize = 500;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    common::show_retries();
    let mut args = std::env::args().skip(1);
    let event = args.next();
    let count: usize = match args.next() {
        Some(n) => n.parse().map_err(|_| format!("not a count: {n:?}"))?,
        None => 60_000,
    };
    let target = common::connect(Vec::new()).await?;
    let event = match (event, &target.mock) {
        (Some(event), _) => event,
        (None, Some(_)) => "pe62515_example_signup".to_owned(),
        (None, None) => {
            return Err(
                "name the event to send: its fully qualified name, such as pe12345_signup".into(),
            );
        }
    };
    let occurrences: Vec<BehavioralEventHttpCompletionRequest> = (0..count)
        .map(|n| {
            let properties =
                BTreeMap::from([("plan".to_owned(), ["free", "pro"][n % 2].to_owned())]);
            let mut occurrence =
                BehavioralEventHttpCompletionRequest::new(event.clone(), properties);
            occurrence.email = Some(format!("event-{n}@example.com"));
            occurrence
        })
        .collect();

    let started = Instant::now();
    let mut batches = tokio::task::JoinSet::new();
    for chunk in occurrences.chunks(BATCH) {
        let request = send::batch(&BatchInput::new(chunk.to_vec()));
        let client = target.client.clone();
        let sent = chunk.len();
        batches.spawn(async move { request.send(&client).await.map(|()| sent) });
    }
    let (mut sent, mut failed) = (0, 0);
    while let Some(outcome) = batches.join_next().await {
        match outcome? {
            Ok(n) => sent += n,
            Err(error) => {
                failed += 1;
                eprintln!("a batch failed: {error}");
            }
        }
    }
    let elapsed = started.elapsed();
    println!(
        "Sent {sent} occurrences of {event} in {} batches in {:.1} s ({:.0} per second); {failed} batch(es) failed.",
        count.div_ceil(BATCH),
        elapsed.as_secs_f64(),
        sent as f64 / elapsed.as_secs_f64().max(f64::EPSILON)
    );
    if let Some(mock) = &target.mock {
        let stats = mock.stats();
        println!(
            "hubspot-mock kept {} occurrences from {} requests and refused {} for its rate limits.",
            mock.events().len(),
            stats.requests,
            stats.rate_limited
        );
    }
    Ok(())
}
