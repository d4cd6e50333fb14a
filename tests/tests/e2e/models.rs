//! Each model round-trips a fixture shaped like HubSpot's documented responses.

use hubspot_crm::models::*;
use hubspot_runtime::ApiErrorBody;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn round_trip<T: DeserializeOwned + Serialize>(fixture: &str) -> T {
    let original: Value = serde_json::from_str(fixture).unwrap();
    let model: T = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(serde_json::to_value(&model).unwrap(), original);
    model
}

#[test]
fn object_with_history_and_associations() {
    let contact: Contact = round_trip(include_str!("../fixtures/object.json"));
    assert_eq!(contact.id, ContactId::new("512"));
    assert_eq!(contact.property("lastname"), None);
    assert_eq!(
        contact.properties_with_history["firstname"][1].value,
        "Brian"
    );
    assert_eq!(
        contact.associations["deals"].results[0].kind,
        "contact_to_deal"
    );
}

#[test]
fn list_page_with_an_archived_record() {
    let page: Page<Deal> = round_trip(include_str!("../fixtures/list_page.json"));
    assert_eq!(page.next_after(), Some("17"));
    assert!(page.results[0].archived);
}

#[test]
fn multi_status_batch_with_item_errors() {
    let batch: BatchResult<Contact> = round_trip(include_str!("../fixtures/batch_207.json"));
    assert_eq!(batch.status, Some(BatchStatus::Complete));
    assert!(!batch.is_complete_success());
    assert_eq!(batch.errors[0].context["objectWriteTraceId"], ["row-2"]);
    assert_eq!(batch.errors[0].errors[0].location.as_deref(), Some("email"));
}

#[test]
fn upsert_results_say_what_was_new() {
    let batch: BatchResult<Upserted<ContactId>> =
        round_trip(include_str!("../fixtures/upsert.json"));
    let news: Vec<bool> = batch.results.iter().map(|r| r.new).collect();
    assert_eq!(news, [true, false]);
}

#[test]
fn search_page_and_request() {
    let page: SearchPage<Deal> = round_trip(include_str!("../fixtures/search_page.json"));
    assert_eq!((page.total, page.next_after()), (2, Some("1")));
    let request: SearchRequest = round_trip(include_str!("../fixtures/search_request.json"));
    assert_eq!(
        request.filter_groups()[0].filters[1].operator,
        Operator::Between
    );
    let built = SearchRequest::builder()
        .filter(Filter::eq("dealstage", "closedwon"))
        .filter(Filter::between("amount", "100", "500"))
        .or()
        .filter(Filter::is_in("dealname", ["renewal", "upsell"]))
        .sort("createdate", Direction::Descending)
        .query("renewal")
        .properties(["dealname", "amount"])
        .limit(100)
        .after("200")
        .build()
        .unwrap();
    assert_eq!(built, request, "the builder writes what HubSpot documents");
}

#[test]
fn associations_and_labels() {
    let page: Page<AssociatedObject> =
        round_trip(include_str!("../fixtures/associations_page.json"));
    assert_eq!(
        page.results[0].association_types[1].label.as_deref(),
        Some("Decision maker")
    );
    let labels: LabelsBetween = round_trip(include_str!("../fixtures/labels_between.json"));
    assert_eq!(labels.labels, ["Decision maker"]);
    // HubSpot's docs show these ids as numbers; they decode the same.
    let numeric = r#"{"fromObjectTypeId":"0-1","fromObjectId":29851,"toObjectTypeId":"0-3","toObjectId":5790939450,"labels":[]}"#;
    let numeric: LabelsBetween = serde_json::from_str(numeric).unwrap();
    assert_eq!(
        (
            numeric.from_object_id.as_str(),
            numeric.to_object_id.as_str()
        ),
        ("29851", "5790939450")
    );
}

#[test]
fn owners_and_pipelines() {
    let owner: Owner = round_trip(include_str!("../fixtures/owner.json"));
    assert_eq!(owner.teams[0].name, "Sales");
    let pipeline: Pipeline = round_trip(include_str!("../fixtures/pipeline.json"));
    assert_eq!(
        pipeline.stage("Closed Won").unwrap().id,
        StageId::new("closedwon")
    );
}

#[test]
fn error_body() {
    let body: ApiErrorBody = round_trip(include_str!("../fixtures/error_409.json"));
    assert_eq!(body.category.as_deref(), Some("CONFLICT"));
}

/// Every standard type parses from its name and its type id.
#[test]
fn every_standard_type_parses_from_its_name_and_type_id() {
    use hubspot_crm::models::ObjectType;
    for object_type in ObjectType::STANDARD {
        assert_eq!(
            &object_type.as_str().parse::<ObjectType>(),
            &Ok(object_type.clone())
        );
        let type_id = object_type.type_id().unwrap_or_default();
        assert_eq!(&type_id.parse::<ObjectType>(), &Ok(object_type.clone()));
    }
    assert_eq!(ObjectType::STANDARD.len(), 31);
}

#[test]
fn custom_object_type_names_and_unknown_ones() {
    use hubspot_crm::models::ObjectType;
    assert_eq!("p1234_cars".parse(), Ok(ObjectType::custom("p1234_cars")));
    assert_eq!("courses".parse(), Ok(ObjectType::Courses));
    assert_eq!(ObjectType::Courses.as_str(), "0-410");
    for bad in ["", "2-", "2-x", "p_cars", "pxx_cars", "contcts", "deals/1"] {
        assert!(bad.parse::<ObjectType>().is_err(), "{bad}");
    }
    let unknown: ObjectType = serde_json::from_str("\"0-999\"").unwrap_or(ObjectType::Deals);
    assert_eq!(unknown, ObjectType::custom("0-999"));
}

/// HubSpot's content languages are one set named in a dozen schemas: one type under each name,
/// so a page's language is a blog post's or an email's without conversion.
#[test]
fn a_value_set_several_apis_name_is_one_type() {
    use hubspot_crm::{cms, marketing};
    let email: marketing::emails::models::PublicEmailLanguage =
        serde_json::from_str("\"en-us\"").unwrap();
    let page: cms::pages::models::PageLanguage = email;
    assert_eq!(page, cms::posts::models::BlogPostLanguage::EN_US);
    assert_eq!(serde_json::to_string(&page).unwrap(), "\"en-us\"");
}

#[test]
fn ids_read_from_text_or_whole_numbers_only() {
    let id = |json: &str| serde_json::from_str::<DealId>(json);
    assert_eq!(id(r#""123""#).unwrap(), DealId::from("123"));
    assert_eq!(id(r#""a\"b""#).unwrap().as_str(), "a\"b");
    assert_eq!(
        id("18446744073709551615").unwrap().as_str(),
        "18446744073709551615"
    );
    for bad in ["-1", "1.5", "null", "true", "[]", "{}"] {
        let error = id(bad).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("an id, as text or a whole number"),
            "{bad}: {error}"
        );
    }
}

/// HubSpot's answers leave out fields its schemas call required (a list answer without `total`,
/// a batch without its timestamps, a property without a name in a partial answer): each shared
/// model reads them as empty instead of failing the whole answer, and a value of the wrong type
/// still fails with its path.
#[test]
fn shared_models_read_an_omitted_required_field_as_empty() {
    let search: SearchPage<Record> =
        serde_json::from_str(r#"{"results": [{"id": "7", "properties": {}}]}"#).unwrap();
    assert_eq!((search.total, search.results.len()), (0, 1));
    let page: Page<Owner> =
        serde_json::from_str(r#"{"paging": {"next": {"after": "2"}}}"#).unwrap();
    assert!(page.results.is_empty());
    assert_eq!(page.next_after(), Some("2"));
    let batch: BatchResult<Record> = serde_json::from_str(r#"{"results": []}"#).unwrap();
    assert_eq!((batch.status, batch.started_at.as_str()), (None, ""));
    let property: Property = serde_json::from_str(r#"{"hidden": false, "label": "Tier"}"#).unwrap();
    assert_eq!(
        (property.name.as_str(), property.label.as_str()),
        ("", "Tier")
    );
    let pipeline: Pipeline = serde_json::from_str(r#"{"label": "Sales"}"#).unwrap();
    assert!(pipeline.id.as_str().is_empty() && pipeline.stages.is_empty());
    let schema: Schema = serde_json::from_str(r#"{"name": "cars"}"#).unwrap();
    assert_eq!(
        (schema.name.as_str(), schema.labels.plural.as_str()),
        ("cars", "")
    );

    let later: BatchResult<Record> =
        serde_json::from_str(r#"{"status": "CANCELING", "results": []}"#).unwrap();
    assert_eq!(
        later.status,
        Some(BatchStatus::Unknown("CANCELING".to_owned()))
    );
    assert_eq!(serde_json::to_value(&later).unwrap()["status"], "CANCELING");

    let wrong = serde_json::from_str::<SearchPage<Record>>(r#"{"total": "many", "results": []}"#);
    assert!(wrong.unwrap_err().to_string().contains("invalid type"));
}

/// What a `match` on an error names comes from `hubspot-crm` alone, with its `Result`.
#[test]
fn errors_are_matched_with_hubspot_crm_names_alone() {
    use hubspot_crm::{DecodeError, Error, RateLimitPolicy, TransportError, TransportErrorKind};

    fn what(result: hubspot_crm::Result<()>) -> &'static str {
        match result {
            Ok(()) => "ok",
            Err(Error::RateLimited {
                policy: RateLimitPolicy::Daily,
                ..
            }) => "daily cap",
            Err(Error::Transport(error)) if error.kind() == TransportErrorKind::Timeout => {
                "timeout"
            }
            Err(Error::Decode { source, .. }) => {
                let _: DecodeError = source;
                "decode"
            }
            Err(_) => "other",
        }
    }
    let timeout = TransportError::new(TransportErrorKind::Timeout, "slow");
    assert_eq!(what(Err(Error::Transport(timeout))), "timeout");
    assert_eq!(what(Ok(())), "ok");
}
