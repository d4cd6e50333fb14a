//! Every object type, custom objects, engagements with associations, association labels and
//! search past the 10,000 cap, against `hubspot-mock`.

use std::collections::HashSet;
use std::pin::pin;

use futures_util::TryStreamExt;
use hubspot_crm::models::*;
use hubspot_crm::{Request, associations, batch, objects, paging, schemas};
use hubspot_crm::{
    appointments, calls, carts, communications, companies, contacts, contracts, courses, deals,
    discounts, emails, feedback_submissions, fees, goal_targets, invoices, leads, line_items,
    listings, meetings, notes, orders, payments, postal_mail, products, quotes, services,
    subscriptions, tasks, taxes, tickets, users,
};
use hubspot_mock::MockServer;

use crate::crm::{setup, setup_with, stored};

/// A mock that stores any property: these suites write labels no type defines.
async fn lax_setup() -> (
    MockServer,
    hubspot_crm::Client,
    hubspot_runtime::time::VirtualTime,
) {
    setup_with(hubspot_mock::MockConfig::default().lax_properties()).await
}

/// One object module's functions, so one test can drive every module through the same steps.
struct Ops<Id: 'static> {
    object_type: ObjectType,
    create: fn(&CreateInput) -> Request<Object<Id>>,
    // Owned ids: a fn pointer cannot stand for `impl Into<Id>` at every borrow's lifetime.
    get: fn(Id) -> Request<Object<Id>>,
    get_with: fn(Id, &ReadOptions) -> Request<Object<Id>>,
    get_by: fn(&str, &IdProperty) -> Request<Object<Id>>,
    update: fn(Id, &ObjectInput) -> Request<Object<Id>>,
    update_by: fn(&str, &IdProperty, &ObjectInput) -> Request<Object<Id>>,
    list: fn(&ListOptions) -> Request<Page<Object<Id>>>,
    archive: fn(Id) -> Request<()>,
    batch_read: fn(&ArchivedOption, &BatchReadInput) -> Request<BatchResult<Object<Id>>>,
    batch_create: fn(&BatchInput<CreateInput>) -> Request<BatchResult<Object<Id>>>,
    batch_update: fn(&BatchInput<UpdateInput>) -> Request<BatchResult<Object<Id>>>,
    batch_upsert: fn(&BatchInput<UpsertInput>) -> Request<BatchResult<Upserted<Id>>>,
    batch_archive: fn(&BatchInput<IdInput>) -> Request<()>,
    search: fn(&SearchRequest) -> Request<SearchPage<Object<Id>>>,
}

macro_rules! ops {
    ($module:ident, $variant:ident) => {
        Ops {
            object_type: ObjectType::$variant,
            create: $module::create,
            get: $module::get,
            get_with: $module::get_with,
            get_by: $module::get_by,
            update: $module::update,
            update_by: $module::update_by,
            list: $module::list,
            archive: $module::archive,
            batch_read: $module::batch_read,
            batch_create: $module::batch_create,
            batch_update: $module::batch_update,
            batch_upsert: $module::batch_upsert,
            batch_archive: $module::batch_archive,
            search: $module::search,
        }
    };
}

/// Properties a create of this type must carry, plus a unique `external_id`.
fn create_input(object_type: &ObjectType, i: u32) -> CreateInput {
    let input = CreateInput::new()
        .set("hs_timestamp", "2026-11-29T00:00:00Z")
        .set("label", format!("record {i}"));
    match object_type {
        ObjectType::Contacts => input.set("email", format!("c{i}@example.com")),
        ObjectType::Deals => input
            .set("dealname", format!("Deal {i}"))
            .set("pipeline", "default")
            .set("dealstage", "appointmentscheduled"),
        ObjectType::Tickets => input
            .set("subject", format!("Ticket {i}"))
            .set("hs_pipeline", "0")
            .set("hs_pipeline_stage", "1"),
        _ => input,
    }
}

/// Every object operation of one module, checked against what the mock stored.
async fn every_operation<Id>(mock: &MockServer, client: &hubspot_crm::Client, ops: Ops<Id>)
where
    Id: AsRef<str>
        + From<String>
        + Clone
        + std::fmt::Debug
        + PartialEq
        + serde::de::DeserializeOwned
        + Send
        + 'static,
{
    let name = ops.object_type.as_str().to_owned();
    let at = |step: &str| format!("{name}: {step}");
    hubspot_crm::safe::unique_property(&ops.object_type, "external_id")
        .send(client)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", at("unique property")));
    let first = (ops.create)(&create_input(&ops.object_type, 0).set("external_id", "ext-0"))
        .send(client)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", at("create")));
    assert_eq!(
        (ops.get)(first.id.clone()).send(client).await.unwrap().id,
        first.id,
        "{}",
        at("get")
    );
    let by = IdProperty::new("external_id");
    assert_eq!(
        (ops.get_by)("ext-0", &by).send(client).await.unwrap().id,
        first.id,
        "{}",
        at("get_by")
    );
    (ops.update)(first.id.clone(), &ObjectInput::new().set("note", "updated"))
        .send(client)
        .await
        .unwrap();
    (ops.update_by)("ext-0", &by, &ObjectInput::new().set("note", "by property"))
        .send(client)
        .await
        .unwrap();
    let options = ReadOptions {
        properties: vec!["note".into()],
        properties_with_history: vec!["note".into()],
        ..ReadOptions::default()
    };
    let with = (ops.get_with)(first.id.clone(), &options)
        .send(client)
        .await
        .unwrap();
    assert_eq!(
        with.properties["note"].as_deref(),
        Some("by property"),
        "{}",
        at("get_with")
    );
    assert_eq!(
        with.properties_with_history["note"].len(),
        2,
        "{}",
        at("history")
    );

    let created = (ops.batch_create)(&BatchInput::new(
        (1..4).map(|i| create_input(&ops.object_type, i)),
    ))
    .send(client)
    .await
    .unwrap_or_else(|e| panic!("{}: {e}", at("batch_create")));
    let ids: Vec<Id> = created.results.iter().map(|o| o.id.clone()).collect();
    assert_eq!(ids.len(), 3, "{}", at("batch_create"));
    let read = (ops.batch_read)(
        &ArchivedOption::default(),
        &BatchReadInput::new([ids[0].as_ref(), "999999"], ["label"]),
    )
    .send(client)
    .await
    .unwrap();
    assert_eq!(
        (read.results.len(), read.errors.len()),
        (1, 1),
        "{}",
        at("batch_read 207")
    );
    let update = |id: &Id| UpdateInput {
        id: id.as_ref().to_owned(),
        properties: PropertyValues::from([("note".to_owned(), "batch".to_owned())]),
        id_property: None,
        object_write_trace_id: None,
    };
    let updated = (ops.batch_update)(&BatchInput::new([update(&ids[0]), update(&ids[1])]))
        .send(client)
        .await
        .unwrap();
    assert_eq!(updated.results.len(), 2, "{}", at("batch_update"));
    let mut new = UpsertInput::by("external_id", "ext-new");
    new.properties = create_input(&ops.object_type, 9).properties;
    let upserted = (ops.batch_upsert)(&BatchInput::new([
        UpsertInput::by("external_id", "ext-0").set("note", "upserted"),
        new,
    ]))
    .send(client)
    .await
    .unwrap_or_else(|e| panic!("{}: {e}", at("batch_upsert")));
    let news: Vec<bool> = upserted.results.iter().map(|u| u.new).collect();
    assert_eq!(news, [false, true], "{}", at("batch_upsert"));

    let page = (ops.list)(&ListOptions {
        limit: Some(2),
        ..ListOptions::default()
    })
    .send(client)
    .await
    .unwrap();
    assert_eq!(page.results.len(), 2, "{}", at("list"));
    assert!(page.next_after().is_some(), "{}", at("list paging"));
    let search = SearchRequest::builder()
        .filter(Filter::eq("note", "batch"))
        .build()
        .unwrap();
    assert_eq!(
        (ops.search)(&search).send(client).await.unwrap().total,
        2,
        "{}",
        at("search")
    );

    (ops.archive)(first.id.clone()).send(client).await.unwrap();
    assert_eq!(
        (ops.get)(first.id.clone())
            .send(client)
            .await
            .unwrap_err()
            .status(),
        Some(404),
        "{}",
        at("archive")
    );
    (ops.batch_archive)(&BatchInput::new([IdInput::new(ids[2].as_ref())]))
        .send(client)
        .await
        .unwrap();
    let live = stored(mock, &name)
        .iter()
        .filter(|o| o["archived"] == false)
        .count();
    // ids[0], ids[1] and ext-new remain.
    assert_eq!(live, 3, "{}", at("what the mock holds"));
}

/// A read-only type's module: a record written through [`objects`] reads back through it.
async fn read_only_operations<Id>(
    client: &hubspot_crm::Client,
    object_type: ObjectType,
    get: fn(Id) -> Request<Object<Id>>,
    list: fn(&ListOptions) -> Request<Page<Object<Id>>>,
    batch_read: fn(&ArchivedOption, &BatchReadInput) -> Request<BatchResult<Object<Id>>>,
) where
    Id: AsRef<str>
        + From<String>
        + Clone
        + std::fmt::Debug
        + PartialEq
        + serde::de::DeserializeOwned
        + Send
        + 'static,
{
    let created = objects::create(&object_type, &create_input(&object_type, 0))
        .send(client)
        .await
        .unwrap();
    let id = Id::from(created.id.as_str().to_owned());
    assert_eq!(get(id.clone()).send(client).await.unwrap().id, id);
    let page = list(&ListOptions::default()).send(client).await.unwrap();
    assert_eq!(page.results.len(), 1, "{object_type}");
    let read = batch_read(
        &ArchivedOption::default(),
        &BatchReadInput::new([id.as_ref()], ["label"]),
    )
    .send(client)
    .await
    .unwrap();
    assert_eq!(read.results.len(), 1, "{object_type}");
}

/// The table: every standard object type's module, driven through the same steps.
#[tokio::test]
async fn every_object_type_every_operation() {
    let (mock, client, _) = lax_setup().await;
    macro_rules! table {
        ($($module:ident $variant:ident,)*) => {{
            let mut covered = Vec::new();
            $(
                every_operation(&mock, &client, ops!($module, $variant)).await;
                covered.push(ObjectType::$variant);
            )*
            covered
        }};
    }
    let covered = table! {
        contacts Contacts, companies Companies, deals Deals, tickets Tickets,
        line_items LineItems, products Products, quotes Quotes, calls Calls, emails Emails,
        meetings Meetings, notes Notes, tasks Tasks, communications Communications,
        postal_mail PostalMail, leads Leads,
        invoices Invoices, orders Orders, carts Carts, payments Payments,
        subscriptions Subscriptions, discounts Discounts, fees Fees, taxes Taxes,
        users Users, courses Courses,
        listings Listings, services Services, appointments Appointments,
        goal_targets GoalTargets,
    };
    // The types HubSpot's spec gives only reads: written through the generic module.
    let mut covered = covered;
    read_only_operations(
        &client,
        ObjectType::Contracts,
        contracts::get,
        contracts::list,
        contracts::batch_read,
    )
    .await;
    read_only_operations(
        &client,
        ObjectType::FeedbackSubmissions,
        feedback_submissions::get,
        feedback_submissions::list,
        feedback_submissions::batch_read,
    )
    .await;
    let search = SearchRequest::builder().build().unwrap();
    assert_eq!(
        feedback_submissions::search(&search)
            .send(&client)
            .await
            .unwrap()
            .total,
        1
    );
    covered.insert(14, ObjectType::FeedbackSubmissions);
    covered.insert(25, ObjectType::Contracts);
    assert_eq!(
        covered,
        ObjectType::STANDARD,
        "the table covers every standard type, in order"
    );
    let merged = contacts::merge(&MergeInput {
        primary_object_id: "x".into(),
        object_id_to_merge: "y".into(),
    });
    assert_eq!(merged.path(), "/crm/objects/2026-03/contacts/merge");
    assert_eq!(
        appointments::list(&ListOptions::default()).path(),
        "/crm/objects/2026-03/appointments"
    );
    assert_eq!(courses::get("7").path(), "/crm/objects/2026-03/0-410/7");
    // Logs name the type's own path, not the generic one.
    assert_eq!(
        deals::get("7").template(),
        "/crm/objects/2026-03/deals/<id>"
    );
    assert_eq!(
        notes::batch_upsert::<PropertyValues>(&BatchInput::new([])).template(),
        "/crm/objects/2026-03/notes/batch/upsert"
    );
}

#[tokio::test]
async fn a_custom_object_defined_by_its_schema_then_used() {
    let (mock, client, _) = setup().await;
    let input = SchemaCreate::new("cars", "Car", "Cars", "model")
        .property(PropertyCreate::text("vin", "VIN", "").unique())
        .associated_with(&ObjectType::Contacts);
    let schema = schemas::create(&input).send(&client).await.unwrap();
    let type_id = schema.object_type_id.clone().unwrap();
    assert!(type_id.starts_with("2-"), "{type_id}");
    assert_eq!(schema.fully_qualified_name, "p62515_cars");
    assert_eq!(schema.associations.len(), 1);
    assert!(
        schema
            .properties
            .iter()
            .any(|p| p.name == "vin" && p.has_unique_value)
    );
    let again = schemas::create(&input).send(&client).await.unwrap_err();
    assert_eq!(again.status(), Some(409));

    // By type id, and by fully qualified name: the same records.
    let cars = schema.object_type();
    let by_name = ObjectType::custom(&schema.fully_qualified_name);
    let missing = objects::create(&cars, &CreateInput::new().set("vin", "1"))
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(
        missing.status(),
        Some(400),
        "the schema's required property is enforced"
    );
    let car = objects::create(
        &cars,
        &CreateInput::new().set("model", "Model T").set("vin", "V1"),
    )
    .send(&client)
    .await
    .unwrap();
    let read = objects::get_by(&by_name, "V1", &IdProperty::new("vin"))
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        (read.id.as_str(), read.property("model")),
        (car.id.as_str(), Some("Model T"))
    );
    let found = objects::search(
        &cars,
        &SearchRequest::builder().query("model t").build().unwrap(),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(found.total, 1);
    let contact = contacts::create(&CreateInput::new().set("email", "owner@example.com"))
        .send(&client)
        .await
        .unwrap();
    associations::create_default(&cars, &car.id, &ObjectType::Contacts, contact.id.as_str())
        .send(&client)
        .await
        .unwrap();
    let linked = associations::list(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &cars,
        &PageOptions::default(),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(linked.results[0].to_object_id, car.id);

    let listed = schemas::list(&ArchivedOption::default())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(listed.results.len(), 1);
    let update = SchemaUpdate {
        labels: Some(SchemaLabels {
            singular: "Auto".into(),
            plural: "Autos".into(),
        }),
        ..SchemaUpdate::default()
    };
    let renamed = schemas::update(&cars, &update).send(&client).await.unwrap();
    assert_eq!(renamed.labels.singular, "Auto");
    let link = SchemaAssociationCreate {
        from_object_type_id: type_id.clone(),
        to_object_type_id: "0-3".into(),
        name: Some("car_to_deal".into()),
    };
    let defined = schemas::create_association(&cars, &link)
        .send(&client)
        .await
        .unwrap();
    let defined_from_cars = || async {
        let schema = schemas::get(&cars).send(&client).await.unwrap();
        schema.associations.len()
    };
    assert_eq!(defined_from_cars().await, 2);
    schemas::archive_association(&cars, &defined.id)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(defined_from_cars().await, 1);

    let in_use = schemas::archive(&cars).send(&client).await.unwrap_err();
    assert_eq!(
        in_use.status(),
        Some(400),
        "a schema with live records stays"
    );
    objects::archive(&cars, &car.id)
        .send(&client)
        .await
        .unwrap();
    schemas::archive(&cars).send(&client).await.unwrap();
    let gone = objects::list(&cars, &ListOptions::default())
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(gone.status(), Some(400));
    assert_eq!(stored(&mock, "p62515_cars").len(), 1);
}

#[tokio::test]
async fn a_note_created_on_a_contact_and_a_deal_in_one_call() {
    let (_mock, client, _) = setup().await;
    let contact = contacts::create(&CreateInput::new().set("email", "n@example.com"))
        .send(&client)
        .await
        .unwrap();
    let deal = deals::create(
        &CreateInput::new()
            .set("dealname", "D")
            .set("pipeline", "default")
            .set("dealstage", "closedwon"),
    )
    .send(&client)
    .await
    .unwrap();
    let input = CreateInput::new()
        .set("hs_note_body", "Called about the renewal")
        .set("hs_timestamp", "2026-11-29T10:00:00Z")
        .associate(
            contact.id.as_str(),
            AssociationSpec::hubspot(types::NOTE_TO_CONTACT),
        )
        .associate(
            deal.id.as_str(),
            AssociationSpec::hubspot(types::NOTE_TO_DEAL),
        );
    let note = notes::create(&input).send(&client).await.unwrap();
    assert_eq!(
        note.property("hs_note_body"),
        Some("Called about the renewal")
    );

    let from_contact = associations::list(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Notes,
        &PageOptions::default(),
    )
    .send(&client)
    .await
    .unwrap();
    assert_eq!(from_contact.results[0].to_object_id, note.id.as_str());
    assert_eq!(
        from_contact.results[0].association_types[0].type_id,
        types::CONTACT_TO_NOTE
    );
    let options = ReadOptions {
        associations: vec!["deals".into()],
        ..ReadOptions::default()
    };
    let read = notes::get_with(&note.id, &options)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(read.associations["deals"].results[0].id, deal.id.as_str());

    let missing_timestamp = notes::create(&CreateInput::new().set("hs_note_body", "x"))
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(missing_timestamp.status(), Some(400));
    let bad_type = CreateInput::new()
        .set("hs_timestamp", "2026-11-29T10:00:00Z")
        .associate(
            contact.id.as_str(),
            AssociationSpec::hubspot(types::TASK_TO_CONTACT),
        );
    let error = notes::create(&bad_type).send(&client).await.unwrap_err();
    assert_eq!(
        error.status(),
        Some(400),
        "a task's type id does not start at a note"
    );
}

#[tokio::test]
async fn label_definitions_and_a_label_exact_archive() {
    let (_mock, client, _) = setup().await;
    let (from, to) = (&ObjectType::Contacts, &ObjectType::Companies);
    let created = associations::create_label(
        from,
        to,
        &LabelCreate {
            label: "Manager".into(),
            name: "manager".into(),
            inverse_label: Some("Managed".into()),
        },
    )
    .send(&client)
    .await
    .unwrap();
    let [manager, managed] = [created.results[0].type_id, created.results[1].type_id];
    associations::create_label(
        from,
        to,
        &LabelCreate {
            label: "Billing".into(),
            name: "billing".into(),
            inverse_label: None,
        },
    )
    .send(&client)
    .await
    .unwrap();
    let labels = associations::labels(from, to).send(&client).await.unwrap();
    let texts: Vec<Option<&str>> = labels.results.iter().map(|l| l.label.as_deref()).collect();
    assert_eq!(
        texts,
        [None, Some("Manager"), Some("Billing")],
        "HubSpot's default first"
    );
    let inverse = associations::labels(to, from).send(&client).await.unwrap();
    assert!(
        inverse
            .results
            .iter()
            .any(|l| l.type_id == managed && l.label.as_deref() == Some("Managed"))
    );

    associations::update_label(
        from,
        to,
        &LabelUpdate {
            association_type_id: manager,
            label: "Boss".into(),
            inverse_label: None,
        },
    )
    .send(&client)
    .await
    .unwrap();

    let contact = contacts::create(&CreateInput::new().set("email", "l@example.com"))
        .send(&client)
        .await
        .unwrap();
    let company = companies::create(&CreateInput::new().set("name", "Acme"))
        .send(&client)
        .await
        .unwrap();
    let billing = labels.results[2].type_id;
    let specs = [
        AssociationSpec::user(manager),
        AssociationSpec::user(billing),
        AssociationSpec::hubspot(types::CONTACT_TO_COMPANY),
    ];
    let between =
        associations::create_labelled(from, contact.id.as_str(), to, company.id.as_str(), &specs)
            .send(&client)
            .await
            .unwrap();
    let mut names = between.labels.clone();
    names.sort();
    assert_eq!(names, ["Billing", "Boss"]);

    // Remove only "Boss": "Billing" and the unlabelled default stay.
    let exact = AssociationCreateInput {
        from: IdInput::new(contact.id.as_str()),
        to: IdInput::new(company.id.as_str()),
        types: vec![AssociationSpec::user(manager)],
    };
    associations::batch_archive_labels(from, to, &BatchInput::new([exact]))
        .send(&client)
        .await
        .unwrap();
    let left = associations::list(from, contact.id.as_str(), to, &PageOptions::default())
        .send(&client)
        .await
        .unwrap();
    let mut kept: Vec<i32> = left.results[0]
        .association_types
        .iter()
        .map(|t| t.type_id)
        .collect();
    kept.sort_unstable();
    let mut expected = [billing, types::CONTACT_TO_COMPANY];
    expected.sort_unstable();
    assert_eq!(kept, expected);
    let back = associations::list(to, company.id.as_str(), from, &PageOptions::default())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        back.results[0].association_types.len(),
        2,
        "the inverse went too"
    );

    associations::delete_label(from, to, billing)
        .send(&client)
        .await
        .unwrap();
    let after = associations::labels(from, to).send(&client).await.unwrap();
    assert_eq!(after.results.len(), 2);
    let left = associations::list(from, contact.id.as_str(), to, &PageOptions::default())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        left.results[0].association_types.len(),
        1,
        "a deleted label's associations go with it"
    );
    let unknown = associations::delete_label(from, to, billing)
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(unknown.status(), Some(404));
}

#[tokio::test]
async fn search_all_goes_past_the_cap_twice_yielding_each_of_20500_records_once() {
    let (_mock, client, _) = lax_setup().await;
    let inputs = (0..20_500).map(|i| {
        CreateInput::new()
            .set("email", format!("k{i}@example.com"))
            .set("batch", "keyset")
    });
    batch::all(contacts::batch_create, inputs)
        .send(&client)
        .await
        .into_result()
        .unwrap();
    contacts::create(&CreateInput::new().set("email", "other@example.com"))
        .send(&client)
        .await
        .unwrap();

    let request = SearchRequest::builder()
        .filter(Filter::eq("batch", "keyset"))
        .limit(200)
        .build()
        .unwrap();
    let mut stream = pin!(paging::search_all(contacts::search, request).with_client(&client));
    let mut seen = HashSet::new();
    let mut last = 0_u64;
    while let Some(contact) = stream.try_next().await.unwrap() {
        let id: u64 = contact.id.as_str().parse().unwrap();
        assert!(
            id > last,
            "ascending by id, so a restart above the last id skips nothing"
        );
        last = id;
        assert!(seen.insert(id), "{id} twice");
    }
    assert_eq!(seen.len(), 20_500);

    // A request already sorted by id ascending continues too; by id descending it cannot.
    let sorted = |direction| {
        SearchRequest::builder()
            .filter(Filter::eq("batch", "keyset"))
            .sort("hs_object_id", direction)
            .limit(200)
            .build()
            .unwrap()
    };
    let count = paging::search_all(contacts::search, sorted(Direction::Ascending))
        .with_client(&client)
        .try_fold(0, |n, _| async move { Ok(n + 1) })
        .await
        .unwrap();
    assert_eq!(count, 20_500);
    let error = paging::search_all(contacts::search, sorted(Direction::Descending))
        .with_client(&client)
        .try_fold(0, |n, _| async move { Ok(n + 1) })
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            hubspot_crm::Error::PagingCapReached {
                cap: 10_000,
                total: 20_500
            }
        ),
        "{error:?}"
    );
}

/// The owners list as HubSpot's own clients call it, with a trailing slash.
#[hubspot_crm::hubspot_endpoint(method = "GET", path = "/crm/owners/2026-03/")]
fn owners_with_slash() -> Page<Owner>;

#[tokio::test]
async fn the_mock_answers_in_hubspots_shapes() {
    let (_mock, client, _) = setup().await;
    let owners = owners_with_slash().send(&client).await.unwrap();
    assert!(!owners.results.is_empty());

    // A create answers with the properties that have a value, not `null` for the unset ones.
    let created = contacts::create(&CreateInput::new().set("email", "s@example.com"))
        .send(&client)
        .await
        .unwrap();
    assert!(
        created.properties.values().all(Option::is_some),
        "{:?}",
        created.properties
    );
    assert_eq!(created.property("email"), Some("s@example.com"));
    assert!(!created.properties.contains_key("firstname"));

    let read = contacts::batch_read(
        &ArchivedOption::default(),
        &BatchReadInput::new(["424242"], ["email"]),
    )
    .send(&client)
    .await
    .unwrap();
    let item = &read.errors[0];
    assert_eq!(item.status.as_deref(), Some("error"));
    assert_eq!(item.category.as_deref(), Some("OBJECT_NOT_FOUND"));
    assert!(
        item.message
            .as_deref()
            .is_some_and(|m| m.contains("424242"))
    );
    assert_eq!(item.context["id"], ["424242"]);
    assert_eq!(item.errors.len(), 1);
    assert!(!item.links.is_empty());
}

/// The mock's table of standard types and the SDK's are written apart: they must agree on every
/// type's path segment and type id, or a suite could pass against a mock HubSpot would refuse.
#[test]
fn the_mocks_type_table_agrees_with_the_sdks() {
    let mock: Vec<(&str, &str)> = hubspot_mock::ObjectType::standard()
        .map(|t| (t.plural(), t.type_id()))
        .collect();
    let sdk: Vec<(&str, &str)> = ObjectType::STANDARD
        .iter()
        .map(|t| (t.as_str(), t.type_id().unwrap_or_default()))
        .collect();
    let sorted = |mut types: Vec<(&'static str, &'static str)>| {
        types.sort_unstable();
        types
    };
    assert_eq!(sorted(mock), sorted(sdk));
}
