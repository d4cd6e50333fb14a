//! Syncs a CSV of people (`email,firstname,lastname,company,domain`) into HubSpot: companies
//! by domain and contacts by e-mail, both as upserts (retry-safe, never doubled), then each
//! contact associated with its company. Running it again creates nothing.
//!
//! `cargo run -p hubspot-crm --example sync_csv -- people.csv`. Without a file it makes 2,000
//! rows; without `HUBSPOT_ACCESS_TOKEN` it syncs them twice into hubspot-mock, which answers
//! with 503s, 429s, dropped connections and broken bodies.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use hubspot_crm::batch::{self, BatchOutcome};
use hubspot_crm::models::{DefaultAssociationInput, IdInput, ObjectType, UpsertInput, Upserted};
use hubspot_crm::{Error, associations, companies, contacts, safe};
use hubspot_mock::{Fault, FaultRule};

#[derive(serde::Deserialize)]
struct Row {
    email: String,
    firstname: String,
    lastname: String,
    company: String,
    domain: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    common::show_retries();
    let rows: Vec<Row> = match std::env::args().nth(1) {
        Some(path) => csv::Reader::from_path(path)?
            .deserialize()
            .collect::<Result<_, _>>()?,
        None => (0..2000).map(sample).collect(),
    };
    let target = common::connect(faults()).await?;
    for pass in 1..=if target.mock.is_some() { 2 } else { 1 } {
        let started = Instant::now();
        // Every call inside goes with this client, as `.send(client)` would.
        let summary = target.client.scope(sync(&rows)).await?;
        let seconds = started.elapsed().as_secs_f64();
        println!("Pass {pass}: {summary}, {seconds:.1} s.");
    }
    let held = |plural| common::stored(&target, plural).unwrap_or_default();
    if target.mock.is_some() {
        let (people, firms, rows) = (held("contacts"), held("companies"), rows.len());
        println!("hubspot-mock holds {people} contacts and {firms} companies for {rows} rows.");
    }
    common::report(&target);
    Ok(())
}

async fn sync(rows: &[Row]) -> Result<String, Error> {
    // Companies have no unique property of their own: key them by domain in one of ours.
    safe::unique_property(&ObjectType::Companies, "sync_domain").await?;
    let firms: BTreeMap<&str, &str> = rows.iter().map(|r| (&*r.domain, &*r.company)).collect();
    let firms = firms.into_iter().map(|(domain, name)| {
        UpsertInput::by("sync_domain", domain)
            .set("domain", domain)
            .set("name", name)
    });
    let firms = batch::all(companies::batch_upsert, firms)
        .on_progress(|p| eprintln!("  companies: {}/{}", p.settled(), p.inputs))
        .await;
    let people = rows.iter().map(|row| {
        let input = UpsertInput::by("email", &row.email).set("firstname", &row.firstname);
        input.set("lastname", &row.lastname)
    });
    let people = batch::all(contacts::batch_upsert, people)
        .on_progress(|p| eprintln!("  contacts: {}/{}", p.settled(), p.inputs))
        .await;

    // Associating twice is harmless: links go 2,000 a request and are retried like reads.
    let (firm_ids, person_ids) = (ids(&firms), ids(&people));
    let links: Vec<_> = rows
        .iter()
        .filter_map(|row| {
            let from = IdInput::new(*person_ids.get(&row.email.to_lowercase())?);
            let to = IdInput::new(*firm_ids.get(&row.domain.to_lowercase())?);
            Some(DefaultAssociationInput { from, to })
        })
        .collect();
    let link = |input: &_| {
        associations::batch_create_default(&ObjectType::Contacts, &ObjectType::Companies, input)
    };
    let links = batch::all(link, links).await;
    let requests = firms.requests + people.requests + links.requests;
    let ((firms, firms_failed), (people, people_failed)) = (summary(&firms), summary(&people));
    let failed = firms_failed + people_failed + links.missing().count();
    let linked = links.results().count();
    Ok(format!(
        "companies {firms}, contacts {people}, {linked} associations, {failed} failed, {requests} batch requests"
    ))
}

/// Each upserted key (lowercased) with its record's id.
fn ids<Id: AsRef<str>>(outcome: &BatchOutcome<UpsertInput, Upserted<Id>>) -> HashMap<String, &str> {
    let records = outcome.results();
    records
        .map(|(input, record)| (input.id.to_lowercase(), record.object.id.as_ref()))
        .collect()
}

/// How many records were created and updated; prints each input left without one.
fn summary<Id: std::fmt::Debug>(
    outcome: &BatchOutcome<UpsertInput, Upserted<Id>>,
) -> (String, usize) {
    for item in outcome.missing() {
        eprintln!("  not synced: {}: {:?}", item.input.id, item.status);
    }
    let created = outcome.results().filter(|(_, record)| record.new).count();
    let updated = outcome.results().count() - created;
    (
        format!("{created} new + {updated} updated"),
        outcome.missing().count(),
    )
}

fn sample(i: usize) -> Row {
    let firm = i % 400;
    Row {
        email: format!("person{i}@company{firm}.example"),
        firstname: format!("Person{i}"),
        lastname: "Example".to_owned(),
        company: format!("Company {firm}"),
        domain: format!("company{firm}.example"),
    }
}

/// Every kind of fault on the mock's object writes, drawn from its fixed seed.
fn faults() -> Vec<FaultRule> {
    let on_writes = |probability, fault| FaultRule {
        method: Some("POST".into()),
        path: Some("/crm/objects/2026-03/*".into()),
        ..FaultRule::random(probability, fault)
    };
    vec![
        on_writes(0.10, Fault::status(503)),
        on_writes(0.05, Fault::status_retry_after(429, 1)),
        on_writes(0.05, Fault::Drop),
        on_writes(0.05, Fault::Malformed),
    ]
}
