//! The properties API, retry-safe creates through every fault, unknown outcomes settled by a
//! read-back, and batch outcomes that keep unsent and unknown inputs apart.

use std::time::Duration;

use hubspot_crm::batch::ItemStatus;
use hubspot_crm::models::{
    ArchivedOption, CreateInput, IdProperty, ObjectType, PropertyCreate, PropertyGroupInput,
    PropertyUpdate, UpsertInput,
};
use hubspot_crm::{batch, companies, deals, properties, safe};
use hubspot_mock::{Fault, FaultRule, MockConfig, MockServer};
use hubspot_runtime::{Client, Error, RetryConfig};

use crate::start;
use hubspot_runtime::WriteOutcome;

fn deals_with(mock: &MockServer, key: &str, value: &str) -> usize {
    mock.dump()["objects"]["deals"].as_array().map_or(0, |all| {
        all.iter()
            .filter(|d| d["properties"][key] == value && d["archivedAt"].is_null())
            .count()
    })
}

fn order(key: &str) -> UpsertInput {
    UpsertInput::by("erp_id", key)
        .set("dealname", format!("Order {key}"))
        .set("pipeline", "default")
        .set("dealstage", "appointmentscheduled")
}

#[tokio::test]
async fn the_properties_api_reads_creates_updates_and_archives() {
    let (_mock, client, _) = start(MockConfig::default(), RetryConfig::default()).await;
    let all = properties::list(&ObjectType::Deals, &ArchivedOption::default())
        .send(&client)
        .await
        .unwrap();
    assert!(all.results.iter().any(|p| p.name == "dealname"));

    let input = PropertyCreate::text("erp_region", "ERP region", "dealinformation");
    let created = properties::create(&ObjectType::Deals, &input)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        (created.name.as_str(), created.kind.as_str()),
        ("erp_region", "string")
    );
    assert!(!created.has_unique_value);
    let again = properties::create(&ObjectType::Deals, &input)
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(again.status(), Some(409), "{again}");

    let update = PropertyUpdate {
        label: Some("Region (ERP)".into()),
        ..PropertyUpdate::default()
    };
    let updated = properties::update(&ObjectType::Deals, "erp_region", &update)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(updated.label, "Region (ERP)");
    assert_eq!(
        properties::get(&ObjectType::custom("0-3"), "erp_region")
            .send(&client)
            .await
            .unwrap()
            .label,
        "Region (ERP)"
    );
    properties::archive(&ObjectType::Deals, "erp_region")
        .send(&client)
        .await
        .unwrap();
    let gone = properties::get(&ObjectType::Deals, "erp_region")
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(gone.status(), Some(404));

    let groups = properties::list_groups(&ObjectType::Deals)
        .send(&client)
        .await
        .unwrap();
    assert!(groups.results.iter().any(|g| g.name == "dealinformation"));
    let group = PropertyGroupInput {
        name: Some("erp".into()),
        label: Some("ERP".into()),
        display_order: None,
    };
    properties::create_group(&ObjectType::Deals, &group)
        .send(&client)
        .await
        .unwrap();
    let relabel = PropertyGroupInput {
        label: Some("ERP sync".into()),
        ..PropertyGroupInput::default()
    };
    let changed = properties::update_group(&ObjectType::Deals, "erp", &relabel)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(changed.label, "ERP sync");
    assert_eq!(
        properties::get_group(&ObjectType::Deals, "erp")
            .send(&client)
            .await
            .unwrap()
            .label,
        "ERP sync"
    );
    properties::archive_group(&ObjectType::Deals, "erp")
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        properties::get_group(&ObjectType::Deals, "erp")
            .send(&client)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
}

#[tokio::test]
async fn the_unique_property_helper_creates_once_then_finds_it() {
    let (mock, client, _) = start(MockConfig::default(), RetryConfig::default()).await;
    let first = safe::unique_property(&ObjectType::Deals, "erp_id")
        .send(&client)
        .await
        .unwrap();
    assert!(first.has_unique_value);
    let second = safe::unique_property(&ObjectType::Deals, "erp_id")
        .send(&client)
        .await
        .unwrap();
    assert_eq!(first, second);
    let listed = properties::list(&ObjectType::Deals, &ArchivedOption::default())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        listed.results.iter().filter(|p| p.name == "erp_id").count(),
        1
    );

    // A property without unique values cannot key a retry-safe create.
    let plain = PropertyCreate::text("erp_note", "Note", "dealinformation");
    properties::create(&ObjectType::Deals, &plain)
        .send(&client)
        .await
        .unwrap();
    let error = safe::unique_property(&ObjectType::Deals, "erp_note")
        .send(&client)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error}");

    // The mock keeps the values unique: a second record with the same key is a 409.
    let create = |name: &str| {
        CreateInput::new()
            .set("dealname", name)
            .set("pipeline", "default")
            .set("dealstage", "appointmentscheduled")
            .set("erp_id", "SO-1")
    };
    let deal = deals::create(&create("a")).send(&client).await.unwrap();
    let twin = deals::create(&create("b")).send(&client).await.unwrap_err();
    assert_eq!(
        twin.api_error().and_then(|e| e.existing_object_id()),
        Some(deal.id.as_str())
    );
    assert_eq!(deals_with(&mock, "erp_id", "SO-1"), 1);
}

#[tokio::test]
async fn a_retry_safe_create_leaves_exactly_one_record_through_each_fault() {
    let faults = [
        (
            "429",
            Fault::Status {
                status: 429,
                retry_after: None,
            },
            2,
        ),
        (
            "503",
            Fault::Status {
                status: 503,
                retry_after: None,
            },
            3,
        ),
        ("timeout", Fault::Delay { ms: 1500 }, 1),
        ("drop after write", Fault::Drop, 2),
        (
            "a long 503 storm",
            Fault::Status {
                status: 503,
                retry_after: None,
            },
            8,
        ),
    ];
    for (name, fault, count) in faults {
        let mock = MockServer::start(MockConfig::default()).await.unwrap();
        let client = Client::builder()
            .access_token(MockConfig::DEFAULT_TOKEN)
            .base_url(mock.base_url())
            .time(hubspot_runtime::time::VirtualTime::new())
            .attempt_timeout(Duration::from_millis(300))
            // Room for eight backoffs: a retry-safe create outlasts the four attempts.
            .deadline(Duration::from_secs(600))
            .build()
            .unwrap();
        safe::unique_property(&ObjectType::Deals, "erp_id")
            .send(&client)
            .await
            .unwrap();
        mock.inject(FaultRule::next(
            count,
            "POST",
            "/crm/objects/2026-03/deals/batch/upsert",
            fault,
        ));
        let deal = safe::create(deals::batch_upsert, order("SO-7"))
            .send(&client)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        // Give a delayed write time to land before counting.
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(deals_with(&mock, "erp_id", "SO-7"), 1, "{name}");
        assert_eq!(
            deal.object.property("dealname"),
            Some("Order SO-7"),
            "{name}"
        );
        // And again: found, not doubled.
        let again = safe::create(deals::batch_upsert, order("SO-7"))
            .send(&client)
            .await
            .unwrap();
        assert!(!again.new, "{name}");
        assert_eq!(again.object.id, deal.object.id, "{name}");
        assert_eq!(deals_with(&mock, "erp_id", "SO-7"), 1, "{name}");
    }
}

#[tokio::test]
async fn an_unknown_plain_create_is_settled_by_reading_it_back() {
    let (mock, client, _) = start(MockConfig::default(), RetryConfig::default()).await;
    safe::unique_property(&ObjectType::Deals, "erp_id")
        .send(&client)
        .await
        .unwrap();
    let create = |key: &str| {
        CreateInput::new()
            .set("dealname", format!("Order {key}"))
            .set("pipeline", "default")
            .set("dealstage", "appointmentscheduled")
            .set("erp_id", key)
    };
    // Applied, then the connection dropped.
    mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/objects/2026-03/deals",
        Fault::Drop,
    ));
    let error = deals::create(&create("SO-8"))
        .send(&client)
        .await
        .unwrap_err();
    assert!(error.write_outcome() == WriteOutcome::Unknown, "{error}");
    assert!(
        error
            .to_string()
            .contains("read it back by a unique property"),
        "{error}"
    );
    let found = safe::find(deals::get_by("SO-8", &IdProperty::new("erp_id")))
        .send(&client)
        .await
        .unwrap();
    assert_eq!(found.unwrap().property("dealname"), Some("Order SO-8"));

    // Refused before it was applied: nothing to find, so creating again is safe.
    mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/objects/2026-03/deals",
        Fault::Status {
            status: 503,
            retry_after: None,
        },
    ));
    let error = deals::create(&create("SO-9"))
        .send(&client)
        .await
        .unwrap_err();
    assert!(error.write_outcome() == WriteOutcome::Unknown);
    let found = safe::find(deals::get_by("SO-9", &IdProperty::new("erp_id")))
        .send(&client)
        .await
        .unwrap();
    assert!(found.is_none());
    deals::create(&create("SO-9")).send(&client).await.unwrap();
    assert_eq!(deals_with(&mock, "erp_id", "SO-9"), 1);
}

#[tokio::test]
async fn batch_outcomes_keep_unsent_and_unknown_inputs_apart() {
    let (mock, client, _) = start(MockConfig::default(), RetryConfig::default()).await;
    let inputs = || {
        (0..250).map(|i| {
            CreateInput::new()
                .set("dealname", format!("bulk {i}"))
                .set("pipeline", "default")
                .set("dealstage", "appointmentscheduled")
        })
    };
    let path = "/crm/objects/2026-03/deals/batch/create";
    // The second chunk is applied, then its connection drops: its outcome is unknown.
    mock.inject(FaultRule {
        skip: 1,
        ..FaultRule::next(1, "POST", path, Fault::Drop)
    });
    let outcome = batch::all(deals::batch_create, inputs())
        .concurrency(1)
        .send(&client)
        .await;
    assert_eq!(
        (
            outcome.results().count(),
            outcome.unknown().count(),
            outcome.unsent().count()
        ),
        (150, 100, 0),
        "a chunk whose outcome is unknown does not stop the run"
    );
    assert!(outcome.items[100..200].iter().all(|item| matches!(
        &item.status,
        ItemStatus::Unknown(error) if error.write_outcome() == WriteOutcome::Unknown
    )));
    assert_eq!(deals_stored(&mock), 250, "the dropped chunk was applied");

    // A chunk answered 503 before it was applied is still unknown to the client: a plain
    // create is not resent.
    mock.inject(FaultRule {
        skip: 1,
        ..FaultRule::next(
            1,
            "POST",
            path,
            Fault::Status {
                status: 503,
                retry_after: None,
            },
        )
    });
    let outcome = batch::all(deals::batch_create, inputs())
        .concurrency(1)
        .send(&client)
        .await;
    assert_eq!(
        (
            outcome.results().count(),
            outcome.unknown().count(),
            outcome.unsent().count()
        ),
        (150, 100, 0)
    );
    assert_eq!(deals_stored(&mock), 400);
}

fn deals_stored(mock: &MockServer) -> usize {
    mock.dump()["objects"]["deals"]
        .as_array()
        .map_or(0, Vec::len)
}

/// A company by its domain: found when one has it already (however the domain is written),
/// made once when none has, even by two runs at once.
#[tokio::test]
async fn ensure_company_finds_or_makes_one_company_per_domain() {
    let (mock, client, _) = crate::crm::setup().await;
    let existing = companies::create(
        &CreateInput::new()
            .set("name", "Example")
            .set("domain", "example.com"),
    )
    .send(&client)
    .await
    .unwrap();
    let found = safe::ensure_company(
        "https://www.Example.com/about",
        CreateInput::new().set("name", "Example Inc"),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(found.object.id, existing.id);
    assert!(!found.new);
    let (a, b) = tokio::join!(
        safe::ensure_company("fresh.io", CreateInput::new().set("name", "Fresh")).send(&client),
        safe::ensure_company("www.fresh.io", CreateInput::new().set("name", "Fresh")).send(&client)
    );
    assert_eq!(a.unwrap().object.id, b.unwrap().object.id);
    let held = mock.dump()["objects"]["companies"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(held, 2, "{}", mock.dump()["objects"]["companies"]);
    assert_eq!(
        safe::domain_key(" HTTP://WWW.Shop.example.co.uk:8080/x?y "),
        "shop.example.co.uk"
    );
}
