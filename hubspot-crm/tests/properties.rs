//! Properties of the helpers over generated inputs (proptest; `PROPTEST_CASES` raises the case
//! counts for a long run):
//! - `search_all` yields each record once, in id order, whatever page sizes the server chooses
//!   and past the 10,000-result cap;
//! - `batch::all` accounts for every input exactly once, and never calls an input applied that
//!   the server did not store, or unapplied one that it did, whatever faults hit the chunks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use futures_util::TryStreamExt;
use hubspot_crm::batch::{self, ItemStatus};
use hubspot_crm::models::{SearchRequest, UpsertInput};
use hubspot_crm::runtime::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use hubspot_crm::time::{BoxFuture, VirtualTime};
use hubspot_crm::{Client, contacts, paging};
use hubspot_mock::{Fault, FaultRule, MockConfig, MockServer};
use proptest::prelude::*;
use serde_json::{Value, json};

/// HubSpot's search, in memory: the records whose id passes the request's `hs_object_id > x`
/// filter, ascending, `after` as an offset, each page as long as the next size the server
/// chose (never longer than asked), and a 400 past the 10,000th result of one query.
#[derive(Debug, Clone)]
struct SearchServer {
    ids: Arc<Vec<u64>>,
    sizes: Arc<Vec<u32>>,
    served: Arc<Mutex<usize>>,
}

impl SearchServer {
    fn answer(&self, body: &Value) -> HttpResponse {
        let above: u64 = body["filterGroups"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|group| group["filters"].as_array().into_iter().flatten())
            .filter(|f| f["propertyName"] == "hs_object_id" && f["operator"] == "GT")
            .filter_map(|f| f["value"].as_str()?.parse().ok())
            .max()
            .unwrap_or(0);
        let offset: usize = body["after"].as_str().map_or(0, |a| a.parse().unwrap());
        let limit = body["limit"].as_u64().unwrap_or(10) as usize;
        let matched: Vec<u64> = self.ids.iter().copied().filter(|id| *id > above).collect();
        let size = {
            let mut served = self.served.lock().unwrap();
            *served += 1;
            (self.sizes[*served % self.sizes.len()] as usize).min(limit)
        };
        if offset + size > 10_000 {
            let refusal = json!({"status": "error", "message": "past the cap", "category": "VALIDATION_ERROR"});
            return HttpResponse::new(400, refusal.to_string());
        }
        let page: Vec<Value> = matched
            .iter()
            .skip(offset)
            .take(size)
            .map(|id| {
                json!({
                    "id": id.to_string(),
                    "properties": {"hs_object_id": id.to_string()},
                    "createdAt": "2024-01-01T00:00:00Z",
                    "updatedAt": "2024-01-01T00:00:00Z",
                    "archived": false,
                })
            })
            .collect();
        let next = offset + page.len();
        let mut answer = json!({"total": matched.len(), "results": page});
        if next < matched.len() {
            answer["paging"] = json!({"next": {"after": next.to_string()}});
        }
        HttpResponse::new(200, answer.to_string())
    }
}

impl Transport for SearchServer {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let body: Value = serde_json::from_slice(request.body.as_deref().unwrap_or(b"{}")).unwrap();
        Box::pin(std::future::ready(Ok(self.answer(&body))))
    }
}

fn search_all(ids: Vec<u64>, sizes: Vec<u32>, limit: u32) -> Vec<u64> {
    let server = SearchServer {
        ids: Arc::new(ids),
        sizes: Arc::new(sizes),
        served: Arc::default(),
    };
    let client = Client::builder()
        .access_token("pat-na1-properties-0123456789")
        .base_url("http://127.0.0.1:9")
        .transport(server)
        .time(VirtualTime::new())
        .rate_limiter(false)
        .build()
        .unwrap();
    let request = SearchRequest::builder().limit(limit).build().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let listing = paging::search_all(contacts::search, request).with_client(&client);
    let found: Vec<_> = runtime.block_on(listing.try_collect::<Vec<_>>()).unwrap();
    found
        .iter()
        .map(|record| record.id.as_ref().parse().unwrap())
        .collect()
}

/// Distinct ascending ids with gaps.
fn ids(max_len: usize) -> impl Strategy<Value = Vec<u64>> {
    proptest::collection::btree_set(1u64..1_000_000, 0..max_len)
        .prop_map(|ids| ids.into_iter().collect())
}

proptest! {
    #[test]
    fn search_all_yields_each_record_once_in_order(
        ids in ids(400),
        sizes in proptest::collection::vec(1u32..100, 1..20),
        limit in 1u32..100,
    ) {
        prop_assert_eq!(search_all(ids.clone(), sizes, limit), ids);
    }
}

/// `default` cases, or `PROPTEST_CASES` for a long run.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(cases)
}

proptest! {
    // Past the cap: a few large cases, each restarting by keyset at least once.
    #![proptest_config(cases(4))]
    #[test]
    fn search_all_goes_past_the_cap_by_keyset(
        extra in 1u64..3_000,
        sizes in proptest::collection::vec(50u32..=100, 1..8),
    ) {
        let ids: Vec<u64> = (1..=10_000 + extra).map(|i| i * 3).collect();
        prop_assert_eq!(search_all(ids.clone(), sizes, 100), ids);
    }
}

/// Runs a batch upsert of `emails` (the invalid ones refused by the mock) against a mock whose
/// batch endpoint answers with `faults`, and holds every item's status against the store.
async fn batch_against_mock(
    emails: Vec<(String, bool)>,
    faults: Vec<(usize, u32)>,
    seed: u64,
    chunk: usize,
) {
    let kinds = [
        Fault::status(503),
        Fault::Drop,
        Fault::Malformed,
        Fault::status(400),
        Fault::Html,
    ];
    let mut config = MockConfig {
        seed,
        ..MockConfig::default()
    }
    .lax_properties();
    for (kind, percent) in faults {
        config = config.fault(FaultRule {
            method: Some("POST".into()),
            path: Some("/crm/objects/2026-03/contacts/batch/*".into()),
            ..FaultRule::random(
                f64::from(percent) / 100.0,
                kinds[kind % kinds.len()].clone(),
            )
        });
    }
    let mock = MockServer::start(config).await.unwrap();
    let client = Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(mock.base_url())
        .time(VirtualTime::new())
        .build()
        .unwrap();
    let inputs: Vec<UpsertInput> = emails
        .iter()
        .map(|(email, valid)| {
            let email = if *valid {
                email.clone()
            } else {
                format!("not an e-mail {email}")
            };
            UpsertInput::by("email", email).set("firstname", "Prop")
        })
        .collect();
    let outcome = batch::all(contacts::batch_upsert, inputs.clone())
        .chunk_size(chunk)
        .send(&client)
        .await;

    // Every input exactly once, in order.
    assert_eq!(outcome.items.len(), inputs.len());
    for (item, input) in outcome.items.iter().zip(&inputs) {
        assert_eq!(item.input.id, input.id);
    }
    let mut stored: BTreeMap<String, usize> = BTreeMap::new();
    for record in mock.dump()["objects"]["contacts"].as_array().unwrap() {
        if let Some(email) = record["properties"]["email"].as_str() {
            *stored.entry(email.to_lowercase()).or_default() += 1;
        }
    }
    for item in &outcome.items {
        let key = item.input.id.to_lowercase();
        let count = stored.get(&key).copied().unwrap_or_default();
        assert!(count <= 1, "{key} stored {count} times");
        match &item.status {
            ItemStatus::Done(record) => {
                assert_eq!(count, 1, "{key} done but not stored");
                assert!(!record.object.id.as_ref().is_empty());
            }
            ItemStatus::Applied(_) => assert_eq!(count, 1, "{key} applied but not stored"),
            ItemStatus::Failed(_) | ItemStatus::Unsent(_) => {
                assert_eq!(
                    count, 0,
                    "{key} reported unapplied but stored: {:?}",
                    item.status
                );
            }
            ItemStatus::Unknown(_) => {}
            other => panic!("a status this test does not know: {other:?}"),
        }
    }
}

proptest! {
    #![proptest_config(cases(24))]
    #[test]
    fn batch_all_accounts_for_every_input_and_never_misreports_a_write(
        keys in proptest::collection::btree_set(0u32..100_000, 1..120),
        invalid_every in 2usize..40,
        faults in proptest::collection::vec((0usize..5, 0u32..30), 0..4),
        seed in any::<u64>(),
        chunk in 1usize..=100,
    ) {
        let emails: Vec<(String, bool)> = keys
            .iter()
            .enumerate()
            .map(|(i, key)| (format!("p{key}@prop.example"), i % invalid_every != 1))
            .collect();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(batch_against_mock(emails, faults, seed, chunk));
    }
}
