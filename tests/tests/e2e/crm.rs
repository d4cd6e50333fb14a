//! Every public function of `hubspot-crm`, driven against `hubspot-mock` over real sockets.

use std::pin::pin;

use futures_util::TryStreamExt;
use hubspot_crm::models::*;
use hubspot_crm::{
    Client, Error, associations, batch, contacts, deals, owners, paging, pipelines, tickets,
};
use hubspot_mock::{Fault, FaultRule, Limits, MockConfig, MockServer};
use hubspot_runtime::RetryConfig;
use hubspot_runtime::WriteOutcome;
use hubspot_runtime::time::VirtualTime;

/// A mock with limits high enough for bulk tests, and a client that never really sleeps.
pub(crate) async fn setup() -> (MockServer, Client, VirtualTime) {
    setup_with(MockConfig::default()).await
}

/// [`setup`] from `config`, with rate limits too high to reach.
pub(crate) async fn setup_with(config: MockConfig) -> (MockServer, Client, VirtualTime) {
    let limits = Limits {
        window_max: 100_000,
        search_per_second: 100_000,
        ..Limits::default()
    };
    crate::start(
        config.limits(limits),
        RetryConfig::default().with_jitter(false),
    )
    .await
}

pub(crate) fn stored(mock: &MockServer, plural: &str) -> Vec<serde_json::Value> {
    mock.dump()["objects"][plural].as_array().unwrap().clone()
}

#[tokio::test]
async fn contacts_gdpr_delete_and_conflicts() {
    let (mock, client, _) = setup().await;
    let jane = contacts::create(&CreateInput::new().set("email", "jane@example.com"))
        .send(&client)
        .await
        .unwrap();
    let error = contacts::create(&CreateInput::new().set("email", "jane@example.com"))
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(
        error.api_error().unwrap().existing_object_id(),
        Some(jane.id.as_str())
    );
    contacts::gdpr_delete(&GdprDeleteInput {
        object_id: "jane@example.com".into(),
        id_property: Some("email".into()),
    })
    .send(&client)
    .await
    .unwrap();
    assert!(stored(&mock, "contacts").is_empty());
}

#[tokio::test]
async fn pages_to_the_end_of_a_thousand_records() {
    let (_mock, client, _) = setup().await;
    let inputs = (0..1000).map(|i| CreateInput::new().set("email", format!("p{i}@example.com")));
    let outcome = batch::all(contacts::batch_create, inputs)
        .send(&client)
        .await;
    assert_eq!((outcome.results().count(), outcome.requests), (1000, 10));
    assert!(outcome.is_complete_success());

    let options = ListOptions {
        limit: Some(100),
        properties: vec!["email".into()],
        ..ListOptions::default()
    };
    let all: Vec<Contact> = paging::list_all(contacts::list, options)
        .with_client(&client)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 1000);
    let mut ids: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1000, "no record seen twice");

    let read = batch::read_all(
        |input| contacts::batch_read(&ArchivedOption::default(), input),
        BatchReadInput::new(ids.iter().map(|s| (*s).to_owned()), ["email".to_owned()]),
    )
    .send(&client)
    .await;
    assert_eq!((read.results().count(), read.requests), (1000, 10));
    assert!(
        read.results()
            .all(|(input, record)| input.id == record.id.as_str()),
        "each read is tied to its own input"
    );
    let archive = batch::archive_all(
        contacts::batch_archive,
        ids.iter().map(|id| IdInput::new(*id)),
    )
    .send(&client)
    .await;
    assert_eq!(
        (archive.requests, archive.is_complete_success()),
        (10, true)
    );
}

#[tokio::test]
async fn a_250_input_batch_upsert_is_chunked_and_repeatable() {
    let (mock, client, _) = setup().await;
    let inputs = || {
        (0..250)
            .map(|i| UpsertInput::by("email", format!("u{i}@example.com")).set("firstname", "U"))
    };
    let first = batch::all(contacts::batch_upsert, inputs())
        .send(&client)
        .await;
    assert_eq!((first.results().count(), first.requests), (250, 3));
    assert!(first.results().all(|(_, r)| r.new));
    let again = batch::all(contacts::batch_upsert, inputs())
        .send(&client)
        .await;
    assert!(again.results().all(|(_, r)| !r.new));
    assert_eq!(
        stored(&mock, "contacts").len(),
        250,
        "upserting twice doubles nothing"
    );
}

#[tokio::test]
async fn a_partial_failure_keeps_per_item_errors_and_a_failed_chunk_keeps_its_inputs() {
    let (mock, client, _) = setup().await;
    contacts::create(&CreateInput::new().set("email", "taken@example.com"))
        .send(&client)
        .await
        .unwrap();
    let inputs =
        ["new@example.com", "taken@example.com"].map(|e| CreateInput::new().set("email", e));
    let outcome = batch::all(contacts::batch_create, inputs)
        .send(&client)
        .await;
    assert_eq!(
        (outcome.results().count(), outcome.failed().count()),
        (1, 1)
    );
    let (input, error) = outcome.failed().next().unwrap();
    assert_eq!(
        input.properties["email"], "taken@example.com",
        "the error is tied to its input"
    );
    assert_eq!(error.body.category.as_deref(), Some("CONFLICT"));

    mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/objects/2026-03/contacts/batch/create",
        Fault::Status {
            status: 400,
            retry_after: None,
        },
    ));
    let inputs = (0..150).map(|i| CreateInput::new().set("email", format!("lost{i}@example.com")));
    let outcome = batch::all(contacts::batch_create, inputs)
        .concurrency(1)
        .send(&client)
        .await;
    // The refused chunk of 100 is split in two halves that go through, and the run goes on.
    assert_eq!((outcome.results().count(), outcome.requests), (150, 4));
    assert!(outcome.is_complete_success());
}

#[tokio::test]
async fn search_with_each_operator() {
    let (_mock, client, _) = setup().await;
    let names = ["Alpha deal", "Beta deal", "Gamma", "Delta deal"];
    let inputs = names.iter().enumerate().map(|(i, name)| {
        CreateInput::new()
            .set("dealname", *name)
            .set("amount", ((i + 1) * 100).to_string())
            .set("pipeline", "default")
            .set("dealstage", "closedwon")
    });
    batch::all(deals::batch_create, inputs)
        .send(&client)
        .await
        .into_result()
        .unwrap();
    let cases: Vec<(Filter, &[&str])> = vec![
        (Filter::eq("amount", "200"), &["Beta deal"]),
        (
            Filter::neq("amount", "200"),
            &["Alpha deal", "Gamma", "Delta deal"],
        ),
        (Filter::lt("amount", "200"), &["Alpha deal"]),
        (Filter::lte("amount", "200"), &["Alpha deal", "Beta deal"]),
        (Filter::gt("amount", "300"), &["Delta deal"]),
        (Filter::gte("amount", "300"), &["Gamma", "Delta deal"]),
        (
            Filter::between("amount", "150", "300"),
            &["Beta deal", "Gamma"],
        ),
        (
            Filter::is_in("dealname", ["gamma", "alpha deal"]),
            &["Alpha deal", "Gamma"],
        ),
        (
            Filter::not_in("dealname", ["gamma"]),
            &["Alpha deal", "Beta deal", "Delta deal"],
        ),
        (Filter::has_property("closedate"), &[]),
        (
            Filter::not_has_property("closedate"),
            &["Alpha deal", "Beta deal", "Gamma", "Delta deal"],
        ),
        (
            Filter::contains_token("dealname", "deal"),
            &["Alpha deal", "Beta deal", "Delta deal"],
        ),
        (Filter::not_contains_token("dealname", "deal"), &["Gamma"]),
    ];
    for (filter, expected) in cases {
        let request = SearchRequest::builder()
            .filter(filter.clone())
            .sort("amount", Direction::Ascending)
            .properties(["dealname"])
            .build()
            .unwrap();
        let page = deals::search(&request).send(&client).await.unwrap();
        let found: Vec<&str> = page
            .results
            .iter()
            .filter_map(|d| d.property("dealname"))
            .collect();
        assert_eq!(found, expected, "{:?}", filter.operator);
    }
}

#[tokio::test]
async fn search_all_sorted_by_another_property_stops_cleanly_at_the_ten_thousand_cap() {
    let (_mock, client, _) = setup().await;
    let inputs = (0..10_050).map(|i| CreateInput::new().set("email", format!("s{i}@example.com")));
    batch::all(contacts::batch_create, inputs)
        .send(&client)
        .await
        .into_result()
        .unwrap();
    // Sorted by e-mail, the search cannot continue by id past the cap.
    let request = SearchRequest::builder()
        .filter(Filter::has_property("email"))
        .sort("email", Direction::Ascending)
        .limit(200)
        .build()
        .unwrap();
    let mut results = pin!(paging::search_all(contacts::search, request).with_client(&client));
    let mut seen = 0;
    let error = loop {
        match results.try_next().await {
            Ok(Some(_)) => seen += 1,
            Ok(None) => panic!("the stream ended without saying it was capped"),
            Err(error) => break error,
        }
    };
    assert_eq!(seen, 10_000);
    assert!(
        matches!(
            error,
            Error::PagingCapReached {
                cap: 10_000,
                total: 10_050
            }
        ),
        "{error:?}"
    );

    let small = SearchRequest::builder()
        .query("s1")
        .limit(7)
        .build()
        .unwrap();
    let all: Vec<Contact> = paging::search_all(contacts::search, small)
        .with_client(&client)
        .try_collect()
        .await
        .unwrap();
    // "s1" is in the e-mail of every i that starts with a 1: 1, 10–19, 100–199, 1000–1999 and
    // 10000–10049.
    assert_eq!(all.len(), 1 + 10 + 100 + 1000 + 50);
    assert!(
        all.iter()
            .all(|c| c.property("email").is_some_and(|e| e.starts_with("s1"))),
        "only matches"
    );
}

#[tokio::test]
async fn search_limits_are_enforced_before_sending() {
    let f = || Filter::eq("a", "1");
    let too_many_groups = (0..6).fold(SearchRequest::builder().filter(f()), |b, _| {
        b.or().filter(f())
    });
    let cases = [
        too_many_groups,
        (0..7).fold(SearchRequest::builder(), |b, _| b.filter(f())),
        // Five groups of four: 20 filters, over the 18 allowed in all.
        (0..4).fold(
            SearchRequest::builder()
                .filter(f())
                .filter(f())
                .filter(f())
                .filter(f()),
            |b, _| b.or().filter(f()).filter(f()).filter(f()).filter(f()),
        ),
        SearchRequest::builder().query("x".repeat(3001)),
        SearchRequest::builder().limit(201),
        SearchRequest::builder().limit(0),
        SearchRequest::builder()
            .sort("a", Direction::Ascending)
            .sort("b", Direction::Descending),
        SearchRequest::builder().filter(f()).or(),
    ];
    for builder in cases {
        assert!(matches!(builder.build(), Err(Error::InvalidRequest(_))));
    }
}

#[tokio::test]
async fn a_create_that_meets_faults_is_never_doubled() {
    let (mock, client, time) = setup().await;
    let path = "/crm/objects/2026-03/contacts";
    let create =
        |email: &str| contacts::create(&CreateInput::new().set("email", email)).send(&client);

    mock.inject(FaultRule::next(
        2,
        "POST",
        path,
        Fault::Status {
            status: 429,
            retry_after: None,
        },
    ));
    create("rate@example.com").await.unwrap();
    assert_eq!(
        time.sleeps().len(),
        2,
        "a 429 is retried: HubSpot did nothing"
    );

    mock.inject(FaultRule::next(
        1,
        "POST",
        path,
        Fault::Status {
            status: 503,
            retry_after: None,
        },
    ));
    let error = create("unavailable@example.com").await.unwrap_err();
    assert_eq!(
        error.status(),
        Some(503),
        "a 503 on a create is returned, not retried"
    );

    mock.inject(FaultRule::next(1, "POST", path, Fault::Drop));
    let error = create("dropped@example.com").await.unwrap_err();
    assert!(error.write_outcome() == WriteOutcome::Unknown, "{error}");
    // The safe way to finish an unknown create: an upsert by e-mail.
    let upserted = contacts::batch_upsert(&BatchInput::new([UpsertInput::by(
        "email",
        "dropped@example.com",
    )]))
    .send(&client)
    .await
    .unwrap();
    assert!(
        !upserted.results[0].new,
        "the dropped create had been applied"
    );

    let emails: Vec<String> = stored(&mock, "contacts")
        .iter()
        .map(|c| c["properties"]["email"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        emails,
        ["rate@example.com", "dropped@example.com"],
        "one record per intended contact"
    );
}

#[tokio::test]
async fn associations_every_operation() {
    let (_mock, client, _) = setup().await;
    let contact = contacts::create(&CreateInput::new().set("email", "a@example.com"))
        .send(&client)
        .await
        .unwrap();
    let deal_input = |name: &str| {
        CreateInput::new()
            .set("dealname", name)
            .set("pipeline", "default")
            .set("dealstage", "closedwon")
    };
    let created = batch::all(
        deals::batch_create,
        ["one", "two", "three", "four"].map(deal_input),
    )
    .send(&client)
    .await
    .into_result()
    .unwrap();
    let deal_ids: Vec<&str> = created.iter().map(|d| d.id.as_str()).collect();

    let linked = associations::link(&contact.id, &created[0].id)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        linked.results[0].association_spec.association_type_id,
        types::CONTACT_TO_DEAL
    );
    associations::create_default(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Deals,
        deal_ids[1],
    )
    .send(&client)
    .await
    .unwrap();
    let labels = associations::create_labelled(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Deals,
        deal_ids[2],
        &[AssociationSpec::user(77)],
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(labels.to_object_id, deal_ids[2]);
    let batch_created = associations::batch_create(
        &ObjectType::Contacts,
        &ObjectType::Deals,
        &BatchInput::new([AssociationCreateInput {
            from: IdInput::new(contact.id.as_str()),
            to: IdInput::new(deal_ids[3]),
            types: vec![AssociationSpec::hubspot(types::CONTACT_TO_DEAL)],
        }]),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(batch_created.results.len(), 1);

    let page = associations::list(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Deals,
        &PageOptions {
            limit: Some(3),
            after: None,
        },
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(page.results.len(), 3);
    assert!(page.next_after().is_some());
    let deal = deals::get_with(
        &created[0].id,
        &ReadOptions {
            associations: vec!["contacts".into()],
            ..ReadOptions::default()
        },
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(
        deal.associations["contacts"].results[0].id,
        contact.id.as_str()
    );

    let read = associations::batch_read(
        &ObjectType::Contacts,
        &ObjectType::Deals,
        &BatchInput::new([AssociationReadInput {
            id: contact.id.to_string(),
            after: None,
        }]),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(read.results[0].to.len(), 4);

    associations::delete(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Deals,
        deal_ids[0],
    )
    .send(&client)
    .await
    .unwrap();
    let archive = AssociationArchiveInput {
        from: IdInput::new(contact.id.as_str()),
        to: vec![IdInput::new(deal_ids[1])],
    };
    associations::batch_archive(
        &ObjectType::Contacts,
        &ObjectType::Deals,
        &BatchInput::new([archive]),
    )
    .send(&client)
    .await
    .unwrap();
    let label = AssociationCreateInput {
        from: IdInput::new(contact.id.as_str()),
        to: IdInput::new(deal_ids[2]),
        types: vec![AssociationSpec::user(77)],
    };
    associations::batch_archive_labels(
        &ObjectType::Contacts,
        &ObjectType::Deals,
        &BatchInput::new([label]),
    )
    .send(&client)
    .await
    .unwrap();
    let defaults = DefaultAssociationInput {
        from: IdInput::new(deal_ids[0]),
        to: IdInput::new(contact.id.as_str()),
    };
    let made = associations::batch_create_default(
        &ObjectType::Deals,
        &ObjectType::Contacts,
        &BatchInput::new([defaults]),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(
        made.results[0].association_spec.association_type_id,
        types::DEAL_TO_CONTACT
    );

    let left: Vec<String> = associations::list(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Deals,
        &PageOptions::default(),
    )
    .send(&client)
    .await
    .unwrap()
    .results
    .into_iter()
    .map(|a| a.to_object_id)
    .collect();
    assert_eq!(left, [deal_ids[0], deal_ids[3]]);

    // Associations made at create time.
    let ticket = CreateInput::new()
        .set("subject", "Broken")
        .set("hs_pipeline", "0")
        .set("hs_pipeline_stage", "1")
        .associate(
            contact.id.as_str(),
            AssociationSpec::hubspot(types::TICKET_TO_CONTACT),
        );
    let ticket = tickets::create(&ticket).send(&client).await.unwrap();
    let options = ReadOptions {
        associations: vec!["contacts".into()],
        ..ReadOptions::properties(["subject"])
    };
    let read = tickets::get_with(&ticket.id, &options)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(read.property("subject"), Some("Broken"));
    assert_eq!(
        read.associations["contacts"].results[0].id,
        contact.id.as_str()
    );
}

#[tokio::test]
async fn owners_and_pipelines() {
    let (_mock, client, _) = setup().await;
    let page = owners::list(&PageOptions::default())
        .send(&client)
        .await
        .unwrap();
    let owner = owners::get(&page.results[0].id)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(owner.email.as_deref(), Some("ada@example.com"));

    let all = pipelines::list(&ObjectType::Deals)
        .send(&client)
        .await
        .unwrap();
    let pipeline = pipelines::get(&ObjectType::Deals, &all.results[0].id)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        pipeline.stage("Closed Won").map(|s| s.id.as_str()),
        Some("closedwon")
    );
    let stages = pipelines::stages::list(&ObjectType::Tickets, &"0".into())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(stages.results.len(), 4);
}

#[tokio::test]
async fn typed_properties_decode_into_a_users_struct() {
    #[derive(serde::Deserialize, serde::Serialize)]
    struct DealProperties {
        dealname: String,
        amount: Option<String>,
    }
    let (_mock, client, _) = setup().await;
    #[derive(serde::Serialize)]
    struct NewDeal {
        dealname: &'static str,
        amount: u32,
        pipeline: &'static str,
        dealstage: &'static str,
    }
    let input = CreateInput {
        properties: NewDeal {
            dealname: "Typed",
            amount: 5,
            pipeline: "default",
            dealstage: "closedwon",
        },
        associations: vec![],
        object_write_trace_id: None,
    };
    let deal = deals::create(&input).send(&client).await.unwrap();
    let typed_deal: Deal<DealProperties> = deals::get(&deal.id)
        .decode_as()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        (
            typed_deal.properties.dealname.as_str(),
            typed_deal.properties.amount.as_deref()
        ),
        ("Typed", Some("5"))
    );
    let update = ObjectInput {
        properties: DealProperties {
            dealname: "Renamed".into(),
            amount: None,
        },
    };
    let renamed = deals::update(&deal.id, &update)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(renamed.property("dealname"), Some("Renamed"));
}

/// The mock knows HubSpot's default properties, so code written against a real account (a
/// contact's `jobtitle`, a deal's `dealtype`) runs against it unchanged, while an unknown
/// property is still refused.
#[tokio::test]
async fn hubspot_default_properties_are_known_and_unknown_ones_refused() {
    let (_mock, client, _) = setup().await;
    let contact = contacts::create(
        &CreateInput::new()
            .set("email", "ada@example.com")
            .set("jobtitle", "Engineer")
            .set("lifecyclestage", "lead"),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(
        contact.property("jobtitle"),
        Some("Engineer"),
        "a create answers with what it wrote, as HubSpot's does"
    );
    let stage = hubspot_crm::properties::get(&ObjectType::Contacts, "lifecyclestage")
        .send(&client)
        .await
        .unwrap();
    assert_eq!(stage.kind, "enumeration");
    let values: Vec<&str> = stage.options.iter().map(|o| o.value.as_str()).collect();
    assert!(values.contains(&"customer"), "{values:?}");
    let deal_type = hubspot_crm::properties::get(&ObjectType::Deals, "dealtype")
        .send(&client)
        .await
        .unwrap();
    assert_eq!(deal_type.options.len(), 2);
    let refused = contacts::create(&CreateInput::new().set("favourite_colour", "teal"))
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(400), "{refused:?}");
}

/// Engagements too: a task, a call and a meeting written as HubSpot's engagement guides write
/// them go in; a status HubSpot does not have is refused.
#[tokio::test]
async fn engagement_default_properties_are_known_with_their_options() {
    let (_mock, client, _) = setup().await;
    let at = "2026-12-06T10:00:00Z";
    let writes = [
        (
            ObjectType::Tasks,
            CreateInput::new()
                .set("hs_timestamp", at)
                .set("hs_task_subject", "Follow up")
                .set("hs_task_status", "NOT_STARTED")
                .set("hs_task_priority", "HIGH")
                .set("hubspot_owner_id", "7"),
        ),
        (
            ObjectType::Calls,
            CreateInput::new()
                .set("hs_timestamp", at)
                .set("hs_call_direction", "OUTBOUND")
                .set("hs_call_duration", "3800")
                .set("hs_call_status", "COMPLETED"),
        ),
        (
            ObjectType::Meetings,
            CreateInput::new()
                .set("hs_timestamp", at)
                .set("hs_meeting_title", "Kick-off")
                .set("hs_meeting_start_time", at)
                .set("hs_meeting_outcome", "SCHEDULED"),
        ),
    ];
    for (object_type, input) in writes {
        hubspot_crm::objects::create(&object_type, &input)
            .send(&client)
            .await
            .unwrap_or_else(|e| panic!("{object_type:?}: {e}"));
    }
    let refused = hubspot_crm::objects::create(
        &ObjectType::Tasks,
        &CreateInput::new()
            .set("hs_timestamp", at)
            .set("hs_task_status", "MAYBE"),
    )
    .send(&client)
    .await
    .unwrap_err();
    assert_eq!(refused.status(), Some(400), "{refused:?}");
}
