//! The quickstart: contacts, deals, an association, a stage change, a search, paging and a
//! 250-contact batch upsert, against HubSpot or (with no token) an embedded `hubspot-mock` that
//! injects 429s and 503s.
//!
//! Run it: `cargo run -p hubspot-crm --example quickstart`

mod common;

use std::error::Error;
use std::time::{SystemTime, UNIX_EPOCH};

use futures_util::TryStreamExt;
use hubspot_crm::models::{
    CreateInput, Direction, Filter, ListOptions, ObjectInput, ObjectType, PipelineId,
    SearchRequest, UpsertInput,
};
use hubspot_crm::{associations, batch, contacts, deals, paging, pipelines};
use hubspot_mock::{Fault, FaultRule, RetryAfter};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    common::show_retries();
    let faults = vec![
        // Two rate limits on the first create: a 429 is safe to retry even for a create.
        FaultRule::next(
            2,
            "POST",
            "/crm/objects/2026-03/contacts",
            Fault::Status {
                status: 429,
                retry_after: Some(RetryAfter::Seconds(1)),
            },
        ),
        // A 503 on an update and on a batch upsert: both are idempotent, so they are retried.
        FaultRule::next(
            1,
            "PATCH",
            "/crm/objects/2026-03/deals/*",
            Fault::Status {
                status: 503,
                retry_after: None,
            },
        ),
        FaultRule::next(
            1,
            "POST",
            "/crm/objects/2026-03/contacts/batch/upsert",
            Fault::Status {
                status: 503,
                retry_after: None,
            },
        ),
    ];
    let target = common::connect(faults).await?;
    let client = &target.client;
    let run = SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs();

    let email = format!("quickstart-{run}@example.com");
    let contact = contacts::create(
        &CreateInput::new()
            .set("email", &email)
            .set("firstname", "Ada"),
    )
    .send(client)
    .await?;
    println!("Created contact {} <{email}>.", contact.id);

    let pipeline = pipelines::get(&ObjectType::Deals, &PipelineId::new("default"))
        .send(client)
        .await?;
    let (Some(first), Some(won)) = (
        pipeline.stages.first(),
        pipeline
            .stages
            .iter()
            .find(|s| s.id.as_str() == "closedwon"),
    ) else {
        return Err("the default deal pipeline has no closedwon stage".into());
    };
    let deal = deals::create(
        &CreateInput::new()
            .set("dealname", format!("Quickstart deal {run}"))
            .set("pipeline", pipeline.id.as_str())
            .set("dealstage", first.id.as_str())
            .set("amount", "1500"),
    )
    .send(client)
    .await?;
    println!("Created deal {} in stage {}.", deal.id, first.label);

    associations::link(&contact.id, &deal.id)
        .send(client)
        .await?;
    println!("Associated contact {} with deal {}.", contact.id, deal.id);

    let deal = deals::update(
        &deal.id,
        &ObjectInput::new().set("dealstage", won.id.as_str()),
    )
    .send(client)
    .await?;
    println!(
        "Moved deal {} to {}.",
        deal.id,
        deal.property("dealstage").unwrap_or("?")
    );

    let search = SearchRequest::builder()
        .filter(Filter::eq("dealstage", won.id.as_str()))
        .sort("amount", Direction::Descending)
        .properties(["dealname", "amount"])
        .limit(10)
        .build()?;
    let found = deals::search(&search).send(client).await?;
    println!(
        "Search: {} won deal(s); first: {}.",
        found.total,
        found
            .results
            .first()
            .and_then(|d| d.property("dealname"))
            .unwrap_or("none")
    );

    let upserts = (0..250).map(|i| {
        UpsertInput::by("email", format!("bulk-{i}@example.com"))
            .set("firstname", format!("Bulk {i}"))
    });
    let outcome = batch::all(contacts::batch_upsert, upserts)
        .send(client)
        .await;
    let created = outcome.results().filter(|(_, r)| r.new).count();
    println!(
        "Batch-upserted {} contacts in {} requests ({created} new, {} per-item errors).",
        outcome.results().count(),
        outcome.requests,
        outcome.failed().count()
    );
    outcome.into_result()?;

    let options = ListOptions {
        limit: Some(100),
        properties: vec!["email".into()],
        ..ListOptions::default()
    };
    let mut all = paging::list_all(contacts::list, options).with_client(client);
    let mut listed = 0;
    while all.try_next().await?.is_some() {
        listed += 1;
    }
    println!("Paged through {listed} contacts.");

    common::report(&target);
    Ok(())
}
