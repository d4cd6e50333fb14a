//! A sync through a seeded storm of faults loses nothing and doubles nothing.

use hubspot_crm::batch::ItemStatus;
use hubspot_crm::models::{CreateInput, UpsertInput};
use hubspot_crm::{Client, batch, contacts};
use hubspot_mock::{Fault, FaultRule, Limits, MockConfig, RetryAfter};
use hubspot_runtime::RetryConfig;
use hubspot_runtime::WriteOutcome;

fn storm() -> Vec<FaultRule> {
    let on_contacts = |probability, fault| FaultRule {
        path: Some("/crm/objects/2026-03/contacts*".into()),
        ..FaultRule::random(probability, fault)
    };
    vec![
        on_contacts(
            0.25,
            Fault::Status {
                status: 429,
                retry_after: Some(RetryAfter::Seconds(1)),
            },
        ),
        on_contacts(
            0.10,
            Fault::Status {
                status: 503,
                retry_after: None,
            },
        ),
        on_contacts(0.05, Fault::Html),
        on_contacts(0.08, Fault::Drop),
    ]
}

/// Finishes a write whose outcome is unknown the way HubSpot advises: an upsert by e-mail.
async fn upsert_until_done(client: &Client, inputs: Vec<UpsertInput>) -> usize {
    let mut pending = inputs;
    let mut rounds = 0;
    while !pending.is_empty() {
        rounds += 1;
        assert!(rounds < 100, "the storm never let the sync finish");
        let outcome = batch::all(contacts::batch_upsert, pending)
            .send(client)
            .await;
        assert!(outcome.stopped.is_none(), "{:?}", outcome.stopped);
        pending = Vec::new();
        for item in outcome.items {
            match item.status {
                ItemStatus::Done(_) => {}
                ItemStatus::Failed(error) => {
                    panic!("only transient failures in this storm: {error}")
                }
                // An upsert is safe to send again whatever became of it: unknown, unsent, or
                // applied with its answer lost.
                _ => pending.push(item.input),
            }
        }
    }
    rounds
}

#[tokio::test]
async fn a_storm_of_faults_loses_and_doubles_nothing() {
    let limits = Limits {
        window_max: 1_000_000,
        ..Limits::default()
    };
    let config = MockConfig {
        faults: storm(),
        seed: 42,
        ..MockConfig::default().limits(limits)
    };
    let (mock, client, time) =
        crate::start(config, RetryConfig::default().with_max_attempts(6)).await;

    // A bulk sync: 300 upserts, re-sending whatever a failed chunk handed back.
    let bulk: Vec<UpsertInput> = (0..300)
        .map(|i| UpsertInput::by("email", format!("bulk{i}@example.com")).set("firstname", "Bulk"))
        .collect();
    let rounds = upsert_until_done(&client, bulk).await;

    // Single creates: a create is never retried once it may have been applied, so an unknown
    // outcome is finished with an upsert, which cannot double it.
    let mut unknown = 0;
    for i in 0..60 {
        let email = format!("single{i}@example.com");
        match contacts::create(
            &CreateInput::new()
                .set("email", &email)
                .set("firstname", "Single"),
        )
        .send(&client)
        .await
        {
            Ok(_) => {}
            Err(error) => {
                assert!(
                    error.is_retryable() || error.write_outcome() == WriteOutcome::Unknown,
                    "{error}"
                );
                unknown += 1;
                upsert_until_done(
                    &client,
                    vec![UpsertInput::by("email", email).set("firstname", "Single")],
                )
                .await;
            }
        }
    }

    let stored = mock.dump()["objects"]["contacts"]
        .as_array()
        .unwrap()
        .clone();
    let mut emails: Vec<&str> = stored
        .iter()
        .map(|c| c["properties"]["email"].as_str().unwrap())
        .collect();
    emails.sort_unstable();
    let total = emails.len();
    emails.dedup();
    assert_eq!(emails.len(), total, "no contact was created twice");
    assert_eq!(total, 360, "no contact was lost");
    assert!(stored.iter().all(
        |c| c["properties"]["firstname"] == "Bulk" || c["properties"]["firstname"] == "Single"
    ));

    let stats = mock.stats();
    assert!(
        stats.faults >= 30 && stats.dropped >= 5,
        "the storm was real: {stats:?}"
    );
    assert!(unknown > 5, "some creates met the storm: {unknown}");
    assert!(!time.sleeps().is_empty());
    println!(
        "storm: {} requests, {} faults ({} dropped), {} bulk rounds, {unknown} creates finished by upsert, {:?} of backoff",
        stats.requests,
        stats.faults,
        stats.dropped,
        rounds,
        time.elapsed()
    );
}

/// A fault rule is written for an operation, not a version: one written for the legacy path
/// fires on the dated path the SDK sends, a rule that never fired is reported, and rules can be
/// listed and cleared from code and over the control API.
#[tokio::test]
async fn a_fault_rule_for_a_legacy_path_fires_on_the_dated_one() {
    let (mock, client, time) = crate::crm::setup().await;
    let deal = hubspot_crm::deals::create(
        &CreateInput::new()
            .set("dealname", "Renewal")
            .set("pipeline", "default")
            .set("dealstage", "appointmentscheduled"),
    )
    .send(&client)
    .await
    .unwrap();
    let legacy = FaultRule::next(
        1,
        "PATCH",
        "/crm/v3/objects/deals/{dealId}",
        Fault::status(503),
    );
    let never = FaultRule::next(
        1,
        "DELETE",
        "/crm/v3/objects/tickets/{ticketId}",
        Fault::status(503),
    );
    mock.inject(legacy);
    mock.inject(never.clone());
    hubspot_crm::deals::update(
        &deal.id,
        &hubspot_crm::models::ObjectInput::new().set("amount", "10"),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(
        time.sleeps().len(),
        1,
        "the 503 was not injected: {:?}",
        time.sleeps()
    );
    assert_eq!(mock.unfired_faults(), [never]);
    let listed = crate::control(&mock, "/__mock/faults").await;
    assert_eq!(listed[0]["fired"], 0);
    assert_eq!(listed[0]["path"], "/crm/v3/objects/tickets/{ticketId}");
    mock.clear_faults();
    assert!(mock.faults().is_empty());
}
