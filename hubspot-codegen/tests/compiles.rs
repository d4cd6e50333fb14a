//! The code generated from the fixture builds, and its requests are what the fixture declares:
//! the generated module is compiled here as in any API crate, naming `hubspot_runtime` and
//! `hubspot_models` itself.

#![allow(missing_docs, unreachable_pub, dead_code, clippy::unwrap_used)]

#[path = "expected/widgets.rs"]
mod widgets;

use hubspot_crm::ApiVersion;

#[test]
fn dated_paths_take_the_clients_version_and_legacy_ones_keep_theirs() {
    let get = widgets::get("w/1");
    assert_eq!(get.path(), "/crm/widgets/2026-03/w%2F1");
    assert_eq!(get.available_versions(), ["2026-03", "2026-09"]);
    let moved = widgets::get("w1").api_version(&ApiVersion::V2026_09);
    assert_eq!(moved.path(), "/crm/widgets/2026-09/w1");
    let list = widgets::list(
        &widgets::models::ListQuery::default()
            .after("a")
            .limit(5)
            .kinds(["x", "y"]),
    );
    assert_eq!(
        list.path_and_query(),
        "/crm/widgets/2026-03?after=a&kinds=x&kinds=y&limit=5"
    );
    // The one legacy-only operation: no versions, and its form body goes without the token.
    let spin = widgets::spin::create(7, &widgets::models::SpinCreateBody::default());
    assert_eq!(spin.path(), "/crm/v3/widgets/7/spin");
    assert!(spin.available_versions().is_empty());
}

#[test]
fn bodies_serialize_as_the_schema_names_them() {
    let mut create = widgets::models::WidgetCreate::new(widgets::models::Kind::V01);
    create.shape = Some(widgets::models::WidgetCreateShape::Round(
        widgets::models::Round::new(3),
    ));
    let request = widgets::create(&create);
    let body: serde_json::Value = serde_json::from_slice(request.body().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"kind": "0-1", "shape": {"radius": 3}})
    );
    assert!(!request.is_idempotent());
    assert!(widgets::batch_read(&hubspot_crm::models::BatchInput::new([])).is_idempotent());
    assert_eq!(
        widgets::search(&widgets::models::Filter::default()).lane(),
        hubspot_crm::Lane::Search
    );
}

#[test]
fn answers_decode_with_unknown_enum_values_and_a_self_reference() {
    let widget: widgets::models::Widget = serde_json::from_value(serde_json::json!({
        "id": "1", "kind": "NEW_KIND", "createdAt": "2026-01-01T00:00:00Z",
        "parent": {"id": "0", "kind": "GEAR", "createdAt": "2026-01-01T00:00:00Z"},
        "labels": {"a": "b"}, "tags": ["t"], "type": "SMALL"
    }))
    .unwrap();
    assert_eq!(
        widget.kind,
        Some(widgets::models::Kind::Unknown("NEW_KIND".into()))
    );
    assert_eq!(
        widget.parent.and_then(|p| p.kind),
        Some(widgets::models::Kind::Gear)
    );
}

#[test]
fn an_unknown_enum_value_is_sent_back_byte_for_byte() {
    let kind: widgets::models::Kind = serde_json::from_str(r#""GEAR_V2""#).unwrap();
    let create = widgets::models::WidgetCreate::new(kind);
    let request = widgets::create(&create);
    assert_eq!(request.body().unwrap(), br#"{"kind":"GEAR_V2"}"#);
    for known in ["GEAR", "SPRING", "0-1"] {
        let text = format!("{known:?}");
        let kind: widgets::models::Kind = serde_json::from_str(&text).unwrap();
        assert!(
            !matches!(kind, widgets::models::Kind::Unknown(_)),
            "{known}"
        );
        assert_eq!(serde_json::to_string(&kind).unwrap(), text);
    }
}

#[test]
fn numbers_decode_where_the_schema_says_string_and_required_fields_may_be_absent() {
    let widget: widgets::models::Widget = serde_json::from_value(serde_json::json!({
        "id": 3739732, "ownerId": 13, "tags": [1, "b"], "labels": {"n": 2.5},
        "settings": {"anything": [1, {"kept": true}]}
    }))
    .unwrap();
    assert_eq!(widget.id.as_deref(), Some("3739732"));
    assert_eq!(widget.owner_id.as_deref(), Some("13"));
    assert_eq!(widget.tags.unwrap(), ["1", "b"]);
    assert_eq!(widget.labels.unwrap()["n"], "2.5");
    assert_eq!(widget.kind, None);
    assert_eq!(widget.created_at, None);
    // A property-less object keeps whatever it holds.
    assert_eq!(
        widget.settings.unwrap(),
        serde_json::json!({"anything": [1, {"kept": true}]})
    );
}

#[test]
fn a_body_that_truly_does_not_fit_is_still_refused_with_its_path() {
    let error = serde_path_to_error::deserialize::<_, widgets::models::Widget>(
        &mut serde_json::Deserializer::from_str(r#"{"id": "1", "tags": ["a", {"b": 1}]}"#),
    )
    .unwrap_err();
    assert_eq!(error.path().to_string(), "tags[1]");
}

#[test]
fn a_property_less_object_is_sent_as_given() {
    let mut create = widgets::models::WidgetCreate::new(widgets::models::Kind::Gear);
    create.extra = Some(serde_json::json!("plain text"));
    let body: serde_json::Value =
        serde_json::from_slice(widgets::create(&create).body().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"kind": "GEAR", "extra": "plain text"})
    );
}

#[test]
fn a_constructor_takes_at_most_three_identifying_fields_and_never_a_server_set_one() {
    // Five fields a caller must set: `new` takes the two that identify, the rest are named.
    let gadget = widgets::models::Gadget::new("Lamp", "77")
        .kind(widgets::models::Kind::Gear)
        .color("red")
        .weight(3);
    let request = widgets::replace("g1", &gadget);
    let body: serde_json::Value = serde_json::from_slice(request.body().unwrap()).unwrap();
    // `id` and `createdAt` (set by HubSpot in a model it also sends) and the read-only
    // `revision` are never required, and not sent unless set.
    assert_eq!(
        body,
        serde_json::json!({"name": "Lamp", "ownerId": "77", "kind": "GEAR", "color": "red", "weight": 3})
    );
}

#[test]
fn a_verb_segment_is_the_functions_name() {
    assert_eq!(
        widgets::push_live("w1").path(),
        "/crm/widgets/2026-03/w1/push-live"
    );
}

#[test]
fn a_cursor_paged_list_takes_the_next_cursor() {
    use hubspot_crm::paging::Paged as _;
    let mut query = widgets::models::ListQuery::default().limit(2);
    query.set_after("next".to_owned());
    assert_eq!(
        widgets::list(&query).path_and_query(),
        "/crm/widgets/2026-03?after=next&limit=2"
    );
}

#[test]
fn an_operation_only_a_later_version_has_decodes_that_versions_shape() {
    // 2026-03's `Round` has an integer radius; 2026-09's, which only its own operation answers
    // with, a text one: each operation decodes its own version's shape.
    let round: widgets::models::RoundV202609 =
        serde_json::from_value(serde_json::json!({"radius": "3 cm", "unit": "cm"})).unwrap();
    assert_eq!(round.radius.as_deref(), Some("3 cm"));
    let request = widgets::rounds::get("r1");
    assert_eq!(request.available_versions(), ["2026-09"]);
    let earlier = widgets::models::Round::new(3);
    assert_eq!(earlier.radius, 3);
}
