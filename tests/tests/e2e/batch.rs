//! `batch::all` for real imports: every input accounted for by itself, whatever the server does.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use futures_util::TryStreamExt;
use hubspot_crm::batch::{Applied, ItemStatus};
use hubspot_crm::models::{
    BatchInput, CreateInput, DefaultAssociationInput, IdInput, ObjectType, PageOptions,
    UpdateInput, UpsertInput,
};
use hubspot_crm::{
    Client, Error, WriteOutcome, associations, batch, contacts, deals, owners, paging, safe,
};
use hubspot_mock::{Fault, FaultRule, Limits, MockConfig};
use serde_json::{Value, json};

use crate::crm::{setup, stored};

fn contact(i: usize) -> CreateInput {
    CreateInput::new().set("email", format!("c{i}@example.com"))
}

fn deal(i: usize) -> CreateInput {
    CreateInput::new()
        .set("dealname", format!("Deal {i}"))
        .set("pipeline", "default")
        .set("dealstage", "appointmentscheduled")
}

/// The regression of the 200-for-100 import: HubSpot applied the chunk and its 200 answer was
/// cut short. Before, the chunk came back as `unsent`, and resending it, as the docs taught,
/// stored 200 deals for 100 inputs.
#[tokio::test]
async fn a_chunk_answered_2xx_with_a_broken_body_is_applied_never_unsent() {
    let (mock, client, _) = setup().await;
    let path = "/crm/objects/2026-03/deals/batch/create";
    mock.inject(FaultRule::next(1, "POST", path, Fault::Malformed));
    let outcome = batch::all(deals::batch_create, (0..100).map(deal))
        .send(&client)
        .await;
    assert_eq!(outcome.items.len(), 100);
    for item in &outcome.items {
        assert!(
            matches!(&item.status, ItemStatus::Applied(Applied::Unreadable(error)) if error.write_outcome() == WriteOutcome::Applied),
            "{:?}",
            item.status
        );
    }
    assert_eq!(outcome.unsent().count() + outcome.unknown().count(), 0);

    // Resending what the outcome says may be resent, as its docs teach, doubles nothing.
    let resend: Vec<CreateInput> = outcome.unsent().chain(outcome.unknown()).cloned().collect();
    let again = batch::all(deals::batch_create, resend).send(&client).await;
    assert_eq!(again.requests, 0);
    assert_eq!(stored(&mock, "deals").len(), 100, "one deal per input");
}

#[tokio::test]
async fn a_retry_safe_chunk_with_a_broken_answer_is_sent_again_to_read_its_records() {
    let (mock, client, _) = setup().await;
    let path = "/crm/objects/2026-03/contacts/batch/upsert";
    mock.inject(FaultRule::next(1, "POST", path, Fault::Malformed));
    let inputs = (0..10).map(|i| UpsertInput::by("email", format!("r{i}@example.com")));
    let outcome = batch::all(contacts::batch_upsert, inputs)
        .send(&client)
        .await;
    assert!(outcome.is_complete_success());
    // The executor sent the retry-safe chunk again itself when its JSON broke off: one call.
    assert_eq!(outcome.requests, 1);
    // The first answer was lost after the upsert was applied: the second finds the records.
    assert!(outcome.results().all(|(_, record)| !record.new));
    assert_eq!(stored(&mock, "contacts").len(), 10);
}

/// Found by the `batch::all` property: a chunk applied (its answer unreadable), then refused
/// when it was sent again to read that answer, was reported failed: as if nothing had been
/// written.
#[tokio::test]
async fn an_applied_chunk_whose_reread_is_refused_stays_applied() {
    let (mock, client, _) = setup().await;
    let path = "/crm/objects/2026-03/contacts/batch/upsert";
    mock.inject(FaultRule::next(1, "POST", path, Fault::Malformed));
    mock.inject(FaultRule::next(100, "POST", path, Fault::status(400)));
    let inputs = (0..4).map(|i| UpsertInput::by("email", format!("reread{i}@example.com")));
    let outcome = batch::all(contacts::batch_upsert, inputs)
        .send(&client)
        .await;
    assert_eq!(
        stored(&mock, "contacts").len(),
        4,
        "the first send applied them"
    );
    for item in &outcome.items {
        assert!(
            matches!(&item.status, ItemStatus::Applied(Applied::Unreadable(_))),
            "{:?}",
            item.status
        );
    }
}

/// Found by the same property: an upsert whose first attempt was dropped after it was applied,
/// then refused when retried, read as refused (nothing written).
#[tokio::test]
async fn a_refusal_after_a_dropped_attempt_leaves_the_inputs_unknown() {
    let (mock, client, _) = setup().await;
    let path = "/crm/objects/2026-03/contacts/batch/upsert";
    mock.inject(FaultRule::next(1, "POST", path, Fault::Drop));
    mock.inject(FaultRule::next(100, "POST", path, Fault::status(400)));
    let inputs = (0..4).map(|i| UpsertInput::by("email", format!("dropped{i}@example.com")));
    let outcome = batch::all(contacts::batch_upsert, inputs)
        .send(&client)
        .await;
    assert_eq!(
        stored(&mock, "contacts").len(),
        4,
        "the dropped attempt applied them"
    );
    assert_eq!(outcome.unknown().count(), 4, "{:?}", outcome.items);
    assert_eq!(outcome.failed().count() + outcome.unsent().count(), 0);
}

#[tokio::test]
async fn upsert_results_are_tied_to_their_inputs_whatever_the_reply_order() {
    let (_mock, client, _) = setup().await;
    // Every other address exists already, so the mock answers updates first, then creates.
    let existing = (0..50)
        .step_by(2)
        .map(|i| UpsertInput::by("email", format!("u{i}@example.com")));
    batch::all(contacts::batch_upsert, existing)
        .send(&client)
        .await
        .into_result()
        .unwrap();
    let inputs = (0..50).map(|i| {
        UpsertInput::by("email", format!("U{i}@Example.com")).set("firstname", format!("n{i}"))
    });
    let outcome = batch::all(contacts::batch_upsert, inputs)
        .send(&client)
        .await;
    assert!(
        outcome.is_complete_success(),
        "{:?}",
        outcome.unmatched_results.len()
    );
    for (i, item) in outcome.items.iter().enumerate() {
        let ItemStatus::Done(record) = &item.status else {
            panic!("{i}: {:?}", item.status)
        };
        assert_eq!(
            record.object.property("firstname"),
            Some(format!("n{i}").as_str())
        );
        assert_eq!(record.new, i % 2 == 1, "input {i}");
        assert_eq!(
            item.input.object_write_trace_id, None,
            "the trace id the run added is taken off again"
        );
    }
}

/// A server that answers batch updates in reverse order, with no trace ids, and an error for
/// the id `bad`.
async fn reversing_server() -> (String, tokio::task::JoinHandle<()>) {
    async fn answer(Json(body): Json<Value>) -> (axum::http::StatusCode, Json<Value>) {
        let mut results = Vec::new();
        let mut errors = Vec::new();
        for input in body["inputs"].as_array().into_iter().flatten().rev() {
            let id = input["id"].as_str().unwrap_or_default();
            if id == "bad" {
                errors.push(json!({"status": "error", "category": "OBJECT_NOT_FOUND", "message": "not found", "context": {"id": [id]}}));
            } else {
                results.push(json!({"id": id, "properties": input["properties"], "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z", "archived": false}));
            }
        }
        let at = "2026-01-01T00:00:00Z";
        (
            axum::http::StatusCode::MULTI_STATUS,
            Json(
                json!({"status": "COMPLETE", "results": results, "errors": errors, "startedAt": at, "completedAt": at}),
            ),
        )
    }
    serve(axum::Router::new().route(
        "/crm/objects/2026-03/contacts/batch/update",
        axum::routing::post(answer),
    ))
    .await
}

async fn serve(router: axum::Router) -> (String, tokio::task::JoinHandle<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    (url, task)
}

fn client_for(url: &str) -> Client {
    Client::builder()
        .access_token("pat-na1-batch")
        .base_url(url)
        .build()
        .unwrap()
}

#[tokio::test]
async fn results_and_errors_without_trace_ids_are_matched_by_id() {
    let (url, _server) = reversing_server().await;
    let client = client_for(&url);
    let inputs = ["1", "2", "bad", "4"].map(|id| UpdateInput::new(id).set("note", id));
    let outcome = batch::all(contacts::batch_update, inputs)
        .send(&client)
        .await;
    for item in &outcome.items {
        match &item.status {
            ItemStatus::Done(record) => {
                assert_eq!(record.id.as_str(), item.input.id);
                assert_eq!(record.property("note"), Some(item.input.id.as_str()));
            }
            ItemStatus::Failed(error) => {
                assert_eq!(item.input.id, "bad");
                assert_eq!(error.body.category.as_deref(), Some("OBJECT_NOT_FOUND"));
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        (outcome.results().count(), outcome.failed().count()),
        (3, 1)
    );
}

#[tokio::test]
async fn a_chunk_refused_as_a_whole_is_split_until_the_bad_input_stands_alone() {
    let (mock, client, _) = setup().await;
    // Upserting by e-mail, HubSpot refuses the whole batch for one invalid address.
    let inputs = (0..100).map(|i| {
        let email = if i == 37 {
            "not-an-address".to_owned()
        } else {
            format!("s{i}@example.com")
        };
        UpsertInput::by("email", email)
    });
    let outcome = batch::all(contacts::batch_upsert, inputs)
        .concurrency(1)
        .send(&client)
        .await;
    assert_eq!(
        (outcome.results().count(), outcome.failed().count()),
        (99, 1)
    );
    let (input, error) = outcome.failed().next().unwrap();
    assert_eq!(input.id, "not-an-address");
    assert_eq!(error.status, 400);
    assert!(
        error
            .body
            .errors
            .iter()
            .any(|e| e.code.as_deref() == Some("INVALID_EMAIL"))
    );
    // The bad half is halved again each time: 100, 50 + 50, 25 + 25, 12 + 13, 6 + 7, 3 + 3 and
    // 1 + 2 inputs: 13 requests, where one request per input would take 100.
    assert_eq!(outcome.requests, 13);
    assert_eq!(stored(&mock, "contacts").len(), 99);
}

#[tokio::test]
async fn a_create_batch_reports_a_refused_property_per_input() {
    let (mock, client, _) = setup().await;
    let inputs = (0..5).map(|i| {
        let input = contact(i);
        if i == 2 {
            input.set("no_such_property", "x")
        } else {
            input
        }
    });
    let outcome = batch::all(contacts::batch_create, inputs)
        .send(&client)
        .await;
    assert_eq!(
        outcome.requests, 1,
        "trace ids make HubSpot answer 207, not refuse the batch"
    );
    let failed: Vec<_> = outcome.failed().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].0.properties["email"], "c2@example.com");
    assert!(
        failed[0]
            .1
            .body
            .errors
            .iter()
            .any(|e| e.code.as_deref() == Some("PROPERTY_DOESNT_EXIST"))
    );
    assert_eq!(stored(&mock, "contacts").len(), 4);
}

#[tokio::test]
async fn the_daily_cap_stops_the_run_at_once_and_keeps_the_rest_unsent() {
    let limits = Limits {
        daily: 3,
        ..Limits::default()
    };
    let (_mock, client, _) =
        crate::start(MockConfig::default().limits(limits), Default::default()).await;
    let inputs = (0..1000).map(|i| UpsertInput::by("email", format!("d{i}@example.com")));
    let outcome = batch::all(contacts::batch_upsert, inputs)
        .concurrency(1)
        .send(&client)
        .await;
    assert_eq!(outcome.results().count(), 300);
    assert_eq!(outcome.unsent().count(), 700);
    assert!(
        matches!(&outcome.stopped, Some(error) if error.to_string().contains("daily")),
        "{:?}",
        outcome.stopped
    );
    assert_eq!(outcome.requests, 4, "one refused request, then none");
}

/// A batch endpoint that counts how many of its requests are in flight at once.
async fn counting_server(
    in_flight: Arc<AtomicUsize>,
    most: Arc<AtomicUsize>,
) -> (String, tokio::task::JoinHandle<()>) {
    type Counters = (Arc<AtomicUsize>, Arc<AtomicUsize>);
    async fn answer(
        State((now, most)): State<Counters>,
        Json(body): Json<Value>,
    ) -> (axum::http::StatusCode, Json<Value>) {
        let current = now.fetch_add(1, Ordering::SeqCst) + 1;
        most.fetch_max(current, Ordering::SeqCst);
        // Held long enough for the client to send the others: the server's time, not the client's.
        tokio::time::sleep(Duration::from_millis(50)).await;
        now.fetch_sub(1, Ordering::SeqCst);
        let at = "2026-01-01T00:00:00Z";
        let results: Vec<Value> = body["inputs"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|input| json!({"id": input["id"], "properties": {}, "createdAt": at, "updatedAt": at, "objectWriteTraceId": input["objectWriteTraceId"]}))
            .collect();
        (
            axum::http::StatusCode::OK,
            Json(
                json!({"status": "COMPLETE", "results": results, "startedAt": at, "completedAt": at}),
            ),
        )
    }
    let router = axum::Router::new()
        .route(
            "/crm/objects/2026-03/contacts/batch/update",
            axum::routing::post(answer),
        )
        .with_state((in_flight, most));
    serve(router).await
}

#[tokio::test]
async fn chunks_go_out_concurrently_up_to_the_bound_and_report_progress() {
    let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (url, _server) = counting_server(now, most.clone()).await;
    let client = client_for(&url);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let progress = seen.clone();
    let inputs = (0..1000).map(|i| UpdateInput::new(i.to_string()).set("n", "1"));
    let outcome = batch::all(contacts::batch_update, inputs)
        .concurrency(3)
        .on_progress(move |p| progress.lock().unwrap().push((p.settled(), p.requests)))
        .send(&client)
        .await;
    assert!(outcome.is_complete_success());
    assert_eq!(outcome.requests, 10);
    assert_eq!(
        most.load(Ordering::SeqCst),
        3,
        "three chunks at a time, never more"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 10, "one report per answer");
    assert_eq!(seen.last(), Some(&(1000, 10)));
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{seen:?}");
}

#[tokio::test]
async fn association_batches_are_chunked_at_two_thousand() {
    let (mock, client, _) = setup().await;
    let contacts = batch::all(contacts::batch_create, (0..2500).map(contact))
        .send(&client)
        .await
        .into_result()
        .unwrap();
    let company = hubspot_crm::companies::create(&CreateInput::new().set("name", "Acme"))
        .send(&client)
        .await
        .unwrap();
    let links = contacts.iter().map(|c| DefaultAssociationInput {
        from: IdInput::new(c.id.as_str()),
        to: IdInput::new(company.id.as_str()),
    });
    let send = |input: &BatchInput<DefaultAssociationInput>| {
        associations::batch_create_default(&ObjectType::Contacts, &ObjectType::Companies, input)
    };
    let outcome = batch::all(send, links).send(&client).await;
    assert_eq!(outcome.requests, 2);
    assert!(
        outcome.is_complete_success(),
        "{:?}",
        outcome
            .items
            .iter()
            .find(|i| !matches!(i.status, ItemStatus::Done(_)))
    );
    for item in &outcome.items {
        let ItemStatus::Done(link) = &item.status else {
            unreachable!()
        };
        assert_eq!(
            link.from.id, item.input.from.id,
            "each link tied to its pair"
        );
    }
    let _ = mock;
}

#[tokio::test]
async fn helpers_use_the_scoped_client_like_endpoints() {
    let (mock, client, _) = setup().await;
    client
        .scope(async {
            let outcome = batch::all(contacts::batch_create, (0..3).map(contact)).await;
            assert_eq!(outcome.results().count(), 3);
            let listed: Vec<_> = paging::list_all(contacts::list, Default::default())
                .try_collect()
                .await
                .unwrap();
            assert_eq!(listed.len(), 3);
            let owners: Vec<_> = paging::list_all(owners::list, PageOptions::default())
                .try_collect()
                .await
                .unwrap();
            assert!(!owners.is_empty(), "owners stream like any paged endpoint");
            let deal_key = safe::unique_property(&ObjectType::Deals, "erp_key")
                .await
                .unwrap();
            assert!(deal_key.has_unique_value);
            let found = safe::find(contacts::get("999999")).await.unwrap();
            assert!(found.is_none());
        })
        .await;
    assert_eq!(stored(&mock, "contacts").len(), 3);
}

#[tokio::test]
async fn without_a_client_a_helper_says_so_and_sends_nothing() {
    // No scope here, and this binary installs no default client: `HUBSPOT_ACCESS_TOKEN` is
    // unset under `.ci/run`, so the default client cannot be built.
    if std::env::var_os(hubspot_crm::ACCESS_TOKEN_ENV).is_some() {
        return;
    }
    let outcome = batch::all(contacts::batch_create, (0..3).map(contact)).await;
    assert_eq!(outcome.unsent().count(), 3);
    assert!(matches!(outcome.stopped, Some(Error::Config(_))));
    let error = paging::list_all(contacts::list, Default::default())
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config(_)), "{error}");
}
