//! A job across families, safe to run again: webinar attendees upserted as contacts, a list
//! named after the event with them as members, the slide deck uploaded to Files, one custom
//! event occurrence and one thank-you e-mail per attendee. Every write is one HubSpot can take
//! twice without doubling it (upserts by e-mail, the list by name, members by id, the file by
//! name in its folder, events by `uuid`, e-mails by `sendId`), with the keys derived from the
//! job's own, so the run is repeated whole: as after a crash, and with a second run at once.
//!
//! `cargo run -p hubspot-crm --features events,marketing,files --example event_followup -- 250`
//! (attendees; 50 by default). Without `HUBSPOT_ACCESS_TOKEN` it runs against the embedded mock,
//! whose writes get 10 % 503s and 5 % drops after they were applied, and counts what it holds.

mod common;

use std::collections::BTreeMap;
use std::error::Error;

use hubspot_crm::events::send::models::BehavioralEventHttpCompletionRequest as Occurrence;
use hubspot_crm::files::models::FileAccess;
use hubspot_crm::files::{self, DuplicateScope, DuplicateStrategy, Upload, UploadOptions};
use hubspot_crm::lists::models::{ListCreateRequest, PublicObjectListProcessingType};
use hubspot_crm::marketing::transactional::models::{
    PublicSingleSendEmail, PublicSingleSendRequestEgg,
};
use hubspot_crm::models::{BatchInput, UpsertInput};
use hubspot_crm::runtime::ids::stable_uuid;
use hubspot_crm::{Client, contacts, lists, safe};
use hubspot_mock::{Fault, FaultRule};

const JOB: &str = "webinar-2026-12";
const EVENT: &str = "pe62515_webinar_attended";
/// The thank-you e-mail's template in the account.
const EMAIL_ID: i64 = 4242;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let on = |method: &str, share, fault| FaultRule {
        method: Some(method.to_owned()),
        ..FaultRule::random(share, fault)
    };
    let (unavailable, drop) = (Fault::status(503), Fault::Drop);
    let faults =
        ["POST", "PUT"].map(|m| [on(m, 0.10, unavailable.clone()), on(m, 0.05, drop.clone())]);
    let target = common::connect(faults.into_iter().flatten().collect()).await?;
    let count: usize = std::env::args().nth(1).map_or(Ok(50), |n| n.parse())?;
    let attendees: Vec<String> = (0..count)
        .map(|n| format!("attendee-{n}@example.com"))
        .collect();
    // A run that stops (a call out of attempts) loses nothing: the next run takes it up.
    let show = |outcome: Result<String, hubspot_crm::Error>| {
        outcome.unwrap_or_else(|error| format!("stopped ({error}); a rerun takes it up"))
    };
    for run in ["Run", "Rerun (as after a crash)"] {
        println!("{run}: {}", show(job(&target.client, &attendees).await));
    }
    let (a, b) = tokio::join!(
        job(&target.client, &attendees),
        job(&target.client, &attendees)
    );
    println!("Two runs at once: {} / {}", show(a), show(b));
    println!(
        "A last run: {}",
        show(job(&target.client, &attendees).await)
    );
    if let Some(mock) = &target.mock {
        let state = mock.dump();
        let held = |key: &str| state[key].as_array().map_or(0, Vec::len);
        let members = state["lists"][0]["members"].as_array().map_or(0, Vec::len);
        println!(
            "hubspot-mock holds {} contacts, {} list(s) with {members} members, {} file(s), {} event occurrences and {} e-mails for {} attendees; {} faults were injected.",
            state["objects"]["contacts"].as_array().map_or(0, Vec::len),
            held("lists"),
            held("files"),
            held("events"),
            held("emails"),
            attendees.len(),
            mock.stats().faults,
        );
    }
    Ok(())
}

/// One whole run of the job; says what it did.
async fn job(client: &Client, attendees: &[String]) -> Result<String, hubspot_crm::Error> {
    let mut ids = Vec::new();
    for chunk in attendees.chunks(100) {
        let inputs = chunk
            .iter()
            .map(|email| UpsertInput::by("email", email.as_str()).set("firstname", "Guest"));
        let upserted = contacts::batch_upsert(&BatchInput::new(inputs))
            .send(client)
            .await?;
        ids.extend(
            upserted
                .results
                .into_iter()
                .map(|record| record.object.id.to_string()),
        );
    }
    let request = ListCreateRequest::new(
        format!("{JOB} attendees"),
        "0-1",
        PublicObjectListProcessingType::Manual,
    );
    let list = safe::ensure_list(request).send(client).await?;
    let list_id = list.value.list_id.unwrap_or_default();
    lists::memberships::add(&list_id, &ids).send(client).await?;

    let options = UploadOptions::new(FileAccess::PublicNotIndexable).duplicates(
        DuplicateStrategy::ReturnExisting,
        DuplicateScope::ExactFolder,
    );
    let deck = Upload::bytes(
        format!("{JOB}-slides.pdf"),
        &b"%PDF-1.7 slides"[..],
        "/webinars",
        options,
    );
    let file = files::upload_file(deck)?.send(client).await?;

    let occurrences = attendees.iter().map(|email| {
        Occurrence::new(EVENT, BTreeMap::new())
            .email(email.as_str())
            .uuid(stable_uuid(JOB, email))
    });
    for batch in occurrences.collect::<Vec<_>>().chunks(500) {
        safe::send_events(batch.to_vec())?.send(client).await?;
    }
    for email in attendees {
        let message = PublicSingleSendEmail::new(
            Vec::<String>::new(),
            Vec::<String>::new(),
            Vec::<String>::new(),
        )
        .to(email.as_str())
        .send_id(stable_uuid(&format!("{JOB}/thanks"), email));
        let thanks = PublicSingleSendRequestEgg::new(EMAIL_ID)
            .contact_properties(BTreeMap::new())
            .custom_properties(BTreeMap::new())
            .message(message);
        safe::send_email(thanks)?.send(client).await?;
    }
    Ok(format!(
        "{} contacts, list {list_id} ({}), deck {}, {} events and e-mails sent",
        ids.len(),
        if list.created { "created" } else { "found" },
        file.url.as_deref().or(file.id.as_deref()).unwrap_or("?"),
        attendees.len()
    ))
}
