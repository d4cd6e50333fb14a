//! Answers in the shapes HubSpot really sends, one family after another, decode: ids as numbers
//! where the schema says string, "required" fields left out, values no release names. The
//! samples are ours, written after answers seen from HubSpot, never copied from its docs.

use hubspot_crm::{automation, cms, lists, marketing, settings};
use serde_json::json;

/// Decodes `value` as `T`.
fn decode<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

#[test]
fn a_list_with_a_numeric_id_and_no_filter_branch_decodes() {
    let answer: lists::models::ListFetchResponse = decode(json!({
        "list": {
            "listId": 13, "name": "Renewals", "objectTypeId": "0-1", "processingType": "MANUAL",
            "processingStatus": "COMPLETE", "listVersion": 2, "size": 40,
            "createdById": 3739732, "createdAt": "2026-02-01T09:30:00.000Z",
            "membershipSettings": {"includeUnassigned": false}
        }
    }));
    let list = answer.list.unwrap();
    assert_eq!(list.list_id.as_deref(), Some("13"));
    assert_eq!(list.created_by_id.as_deref(), Some("3739732"));
    assert_eq!(
        list.processing_type,
        Some(lists::models::PublicObjectListProcessingType::Manual)
    );
    assert!(list.filter_branch.is_none());
    assert_eq!(
        list.created_at
            .unwrap()
            .to_system_time()
            .unwrap()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
        1_769_938_200
    );
}

#[test]
fn a_marketing_email_without_is_ab_and_with_numeric_user_ids_decodes() {
    let email: marketing::emails::models::PublicEmail = decode(json!({
        "id": "188044446412", "name": "March newsletter", "state": "SCHEDULED_AB",
        "createdById": 3739732, "updatedById": 3739732, "archived": false,
        "to": {"contactIds": {"include": [101, "102"], "exclude": []}},
        "publishDate": 1772366400000_u64
    }));
    assert_eq!(email.created_by_id.as_deref(), Some("3739732"));
    assert!(email.is_ab.is_none());
    assert_eq!(email.name.as_deref(), Some("March newsletter"));
}

#[test]
fn a_hubdb_row_keeps_every_column_value_as_sent() {
    let row: cms::hubdb::models::HubDbTableRowV3 = decode(json!({
        "id": "4512", "createdAt": "2026-01-05T10:00:00Z",
        "values": {"name": "Oslo", "population": 709037, "open": true,
                   "location": {"lat": 59.9, "long": 10.7, "type": "location"}}
    }));
    assert_eq!(row.values["population"], 709037);
    assert_eq!(row.values["location"]["type"], "location");
    let sent = serde_json::to_value(&row.values).unwrap();
    assert_eq!(sent["open"], true);
}

#[test]
fn a_user_with_a_numeric_id_and_an_unknown_role_field_decodes() {
    let user: settings::users::models::PublicUser = decode(json!({
        "id": 7001, "email": "ops@example.com", "roleIds": [12, "13"], "superAdmin": false,
        "sendWelcomeEmail": null, "someFieldAddedLater": {"x": 1}
    }));
    assert_eq!(user.id.as_deref(), Some("7001"));
    assert_eq!(user.role_ids, ["12", "13"]);
}

#[test]
fn an_automation_flow_of_a_type_this_release_does_not_name_is_kept() {
    let flow: automation::flows::models::ApiFlowListing = decode(json!({
        "id": 585051946, "isEnabled": true, "flowType": "FLOW_TYPE_ADDED_LATER",
        "objectTypeId": "0-1", "revisionId": 7
    }));
    assert_eq!(flow.id.as_deref(), Some("585051946"));
    assert_eq!(
        flow.flow_type.as_ref().map(|t| t.as_str()),
        Some("FLOW_TYPE_ADDED_LATER")
    );
}

#[test]
fn a_union_whose_shapes_fix_their_type_decodes_the_shape_its_type_names() {
    use marketing::lead_scoring::models::PublicCompositeConditionConditionsItem as Condition;
    // Every field of both shapes is optional, so either shape would accept either object: the
    // `type` picks the one that keeps what was sent.
    let nested: Condition = decode(json!({
        "type": "COMPOSITE", "operator": "OR",
        "conditions": [{"type": "SINGLE", "property": "lifecyclestage"}]
    }));
    let Condition::PublicCompositeCondition(composite) = nested else {
        panic!("a COMPOSITE condition decoded as another shape: {nested:?}");
    };
    assert!(matches!(
        composite.conditions.as_deref().unwrap_or_default(),
        [Condition::PublicSingleCondition(single)] if single.property.as_deref() == Some("lifecyclestage")
    ));
}

/// One function serves every version of its operation: where versions disagree on a field's
/// type (epoch millis or date-time text, a number or a string id), what either sends decodes.
#[test]
fn a_field_two_versions_type_differently_decodes_from_either() {
    for (created, user) in [
        (json!(1772366400250_i64), json!(77)),
        (json!("2026-03-01T12:00:00.250Z"), json!("77")),
    ] {
        let property: cms::media_bridge::models::Property =
            decode(json!({"name": "duration", "createdAt": created, "createdUserId": user}));
        let created = property.created_at.unwrap();
        assert!(created.to_system_time().is_ok(), "{created}");
        assert_eq!(property.created_user_id.as_deref(), Some("77"));
    }
    for id in [json!(4021), json!("4021")] {
        let source: hubspot_crm::data_studio::models::DataSourceGetResponse =
            decode(json!({"datasourceId": id}));
        assert_eq!(source.datasource_id.as_deref(), Some("4021"));
    }
}
