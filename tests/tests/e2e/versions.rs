//! Dated API versions: the client's and the request's choice reach the path, an operation missing
//! from the chosen version is refused before sending, and both association id forms decode.

use hubspot_crm::models::{
    AssociatedObject, AssociationArchiveInput, BatchInput, CreateInput, IdInput, ObjectInput,
    ObjectType, Page, PageOptions,
};
use hubspot_crm::{ApiVersion, Client, Error, associations, contacts, deals, owners};
use hubspot_mock::{MockConfig, MockServer};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::crm::setup;

fn client_for(mock: &MockServer, version: ApiVersion) -> Client {
    Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(mock.base_url())
        .api_version(version)
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_clients_version_and_the_requests_reach_the_path() {
    let server = wiremock::MockServer::start().await;
    for version in ["2026-09", "2026-09-beta"] {
        Mock::given(method("GET"))
            .and(path(format!("/crm/objects/{version}/deals/7")))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "id": "7", "properties": {}, "createdAt": "2026-01-01T00:00:00Z",
                "updatedAt": "2026-01-01T00:00:00Z", "archived": false,
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    assert_eq!(deals::get("7").path(), "/crm/objects/2026-03/deals/7");
    let september = Client::builder()
        .access_token("pat-test")
        .base_url(server.uri())
        .api_version(ApiVersion::V2026_09)
        .build()
        .unwrap();
    assert_eq!(
        deals::get("7").send(&september).await.unwrap().id.as_str(),
        "7"
    );
    let beta = ApiVersion::parse("2026-09-beta").unwrap();
    let request = deals::get("7").api_version(&beta);
    assert_eq!(request.path(), "/crm/objects/2026-09-beta/deals/7");
    assert_eq!(request.send(&september).await.unwrap().id.as_str(), "7");
}

#[tokio::test]
async fn an_operation_missing_from_the_chosen_version_is_refused_before_sending() {
    let (mock, _, _) = setup().await;
    let before = mock.stats().requests;
    // HubSpot's spec has no owners API in 2026-09-beta.
    let beta = client_for(&mock, ApiVersion::parse("2026-09-beta").unwrap());
    let error = owners::list(&PageOptions::default())
        .send(&beta)
        .await
        .unwrap_err();
    let Error::UnsupportedVersion {
        template,
        version,
        available,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*template, "/crm/owners/2026-03");
    assert_eq!(version.as_str(), "2026-09-beta");
    assert!(available.contains(&"2026-03"), "{available:?}");
    assert!(!error.is_retryable());
    assert_eq!(error.write_outcome(), hubspot_crm::WriteOutcome::NotApplied);
    assert!(error.to_string().contains("nothing was sent"), "{error}");
    // A legacy path has no version to change.
    let legacy = legacy_owners().api_version(&ApiVersion::V2026_09);
    assert!(matches!(
        legacy.send(&beta).await,
        Err(Error::UnsupportedVersion { available: [], .. })
    ));
    assert_eq!(mock.stats().requests, before);
}

/// The owners list under its legacy path: a client's version leaves it alone.
#[hubspot_crm::hubspot_endpoint(method = "GET", path = "/crm/v3/owners")]
fn legacy_owners() -> Page<hubspot_crm::models::Owner>;

#[tokio::test]
async fn a_legacy_path_ignores_the_clients_version() {
    let (mock, _, _) = setup().await;
    let september = client_for(&mock, ApiVersion::V2026_09);
    let owners = legacy_owners().send(&september).await.unwrap();
    assert!(!owners.results.is_empty());
}

/// The same listing under v4, where HubSpot writes record ids as integers.
#[hubspot_crm::hubspot_endpoint(
    method = "GET",
    path = "/crm/v4/objects/<from_type>/<from_id>/associations/<to_type>"
)]
fn list_v4(from_type: &ObjectType, from_id: &str, to_type: &ObjectType) -> Page<AssociatedObject>;

#[tokio::test]
async fn associations_decode_in_both_id_forms_and_a_dated_batch_archive_answers_200() {
    let (mock, client, _) = setup().await;
    let contact = contacts::create(&CreateInput::new().set("email", "a@example.com"))
        .send(&client)
        .await
        .unwrap();
    let deal = deals::create(
        &CreateInput::new()
            .set("dealname", "d")
            .set("pipeline", "default")
            .set("dealstage", "appointmentscheduled"),
    )
    .send(&client)
    .await
    .unwrap();
    associations::create_default(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Deals,
        deal.id.as_str(),
    )
    .send(&client)
    .await
    .unwrap();

    let raw = |path: String| {
        let base = mock.base_url();
        async move {
            tests::http()
                .get(format!("{base}{path}"))
                .bearer_auth(MockConfig::DEFAULT_TOKEN)
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap()
        }
    };
    let json = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).unwrap();
    let dated = json(
        &raw(format!(
            "/crm/objects/2026-03/contacts/{}/associations/deals",
            contact.id
        ))
        .await,
    );
    assert!(dated["results"][0]["toObjectId"].is_string(), "{dated}");
    let v4 = json(
        &raw(format!(
            "/crm/v4/objects/contacts/{}/associations/deals",
            contact.id
        ))
        .await,
    );
    assert!(v4["results"][0]["toObjectId"].is_u64(), "{v4}");

    let from_dated = associations::list(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Deals,
        &PageOptions::default(),
    )
    .send(&client)
    .await
    .unwrap();
    let from_v4 = list_v4(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Deals,
    )
    .send(&client)
    .await
    .unwrap();
    for page in [&from_dated, &from_v4] {
        assert_eq!(page.results[0].to_object_id, deal.id.as_str());
    }

    // 2026-03 answers a batch archive with 200 and a summary, which `()` accepts.
    associations::batch_archive(
        &ObjectType::Contacts,
        &ObjectType::Deals,
        &BatchInput::new([AssociationArchiveInput {
            from: IdInput::new(&contact.id),
            to: vec![IdInput::new(deal.id.as_str())],
        }]),
    )
    .send(&client)
    .await
    .unwrap();
    let after = associations::list(
        &ObjectType::Contacts,
        contact.id.as_str(),
        &ObjectType::Deals,
        &PageOptions::default(),
    )
    .send(&client)
    .await
    .unwrap();
    assert!(after.results.is_empty());
}

#[tokio::test]
async fn a_validation_error_is_its_own_kind_and_is_not_retried() {
    let server = wiremock::MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/crm/objects/2026-09/deals/7"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "status": "error",
            "message": "Property values were not valid",
            "category": "VALIDATION_ERROR",
            "correlationId": "c-1",
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .access_token("pat-test")
        .base_url(server.uri())
        .api_version(ApiVersion::V2026_09)
        .build()
        .unwrap();
    let error = deals::update("7", &ObjectInput::new().set("amount", "x"))
        .send(&client)
        .await
        .unwrap_err();
    let Error::Validation(api) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(api.status, 400);
    assert!(!error.is_retryable());
    assert_eq!(error.status(), Some(400));
}

/// A client on the default version sends an operation 2026-03 lacks in the earliest version
/// that has it; a client pinned to a version still refuses it, before sending.
#[tokio::test]
async fn unpinned_an_operation_only_a_later_version_has_goes_out_in_it() {
    let server = wiremock::MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/crm/lists/2026-09-beta/all"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"results": []})))
        .expect(1)
        .mount(&server)
        .await;
    let body = hubspot_crm::lists::models::ListAllRequest::new(["hs_list_size"], ["MANUAL"]);
    let unpinned = Client::builder()
        .access_token("pat-test")
        .base_url(server.uri())
        .build()
        .unwrap();
    let page = hubspot_crm::lists::all::create(&body)
        .send(&unpinned)
        .await
        .unwrap();
    assert!(page.results.is_empty());

    let pinned = Client::builder()
        .access_token("pat-test")
        .base_url(server.uri())
        .api_version(ApiVersion::V2026_03)
        .build()
        .unwrap();
    let error = hubspot_crm::lists::all::create(&body)
        .send(&pinned)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::UnsupportedVersion { available, .. } if available == &["2026-09-beta"]),
        "{error:?}"
    );
}

/// What the collection has only in 2027-03-beta is reachable: a client pinned to it sends the
/// object table's goal-target operations, the generic reads (price books) and goal targets'
/// merge there, on the wire.
#[tokio::test]
async fn the_2027_03_beta_operations_are_reachable() {
    let server = wiremock::MockServer::start().await;
    let record = serde_json::json!({
        "id": "9", "properties": {}, "createdAt": "2026-01-01T00:00:00Z",
        "updatedAt": "2026-01-01T00:00:00Z", "archived": false,
    });
    for (verb, at) in [
        ("POST", "/crm/objects/2027-03-beta/goal_targets"),
        ("POST", "/crm/objects/2027-03-beta/goal_targets/search"),
        ("GET", "/crm/objects/2027-03-beta/price_books/9"),
        ("POST", "/crm/objects/2027-03-beta/goal_targets/merge"),
    ] {
        let body = if at.ends_with("search") {
            serde_json::json!({"total": 0, "results": []})
        } else {
            record.clone()
        };
        Mock::given(method(verb))
            .and(path(at))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let beta = Client::builder()
        .access_token("pat-test")
        .base_url(server.uri())
        .api_version(ApiVersion::V2027_03_BETA)
        .build()
        .unwrap();
    let created = hubspot_crm::goal_targets::create(&CreateInput::new())
        .send(&beta)
        .await
        .unwrap();
    assert_eq!(created.id.as_str(), "9");
    let search = hubspot_crm::models::SearchRequest::builder()
        .build()
        .unwrap();
    let found = hubspot_crm::goal_targets::search(&search)
        .send(&beta)
        .await
        .unwrap();
    assert_eq!(found.total, 0);
    let price_books = ObjectType::custom("price_books");
    let read = hubspot_crm::objects::get(&price_books, "9")
        .send(&beta)
        .await
        .unwrap();
    assert_eq!(read.id.as_str(), "9");
    let merged = hubspot_crm::objects::merge(
        &ObjectType::GoalTargets,
        &hubspot_crm::models::MergeInput {
            primary_object_id: "9".into(),
            object_id_to_merge: "10".into(),
        },
    )
    .send(&beta)
    .await
    .unwrap();
    assert_eq!(merged.id.as_str(), "9");
    assert_eq!(
        hubspot_crm::goal_targets::get("9")
            .available_versions()
            .last(),
        Some(&"2027-03-beta")
    );
    // A type whose row 2027-03-beta does not serve is still refused there, before sending.
    let refused = deals::get("9").send(&beta).await.unwrap_err();
    assert!(
        matches!(refused, Error::UnsupportedVersion { .. }),
        "{refused:?}"
    );
}
