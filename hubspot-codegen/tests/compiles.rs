//! The code generated from the fixture builds, and its requests are what the fixture declares:
//! the generated module is compiled here as it would be inside `hubspot-crm`, with `crate::`
//! paths pointing at the crate's re-exports.

#![allow(missing_docs, unreachable_pub, dead_code, clippy::unwrap_used)]

pub(crate) use hubspot_crm::{Multipart, hubspot_endpoint};

/// What `crate::models::…` names in generated code.
mod models {
    pub use hubspot_crm::models::*;
}

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
    let list = widgets::list(&widgets::models::ListQuery {
        after: Some("a".into()),
        limit: Some(5),
        kinds: Some(vec!["x".into(), "y".into()]),
    });
    assert_eq!(
        list.path_and_query(),
        "/crm/widgets/2026-03?after=a&kinds=x,y&limit=5"
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
    assert!(matches!(widget.kind, widgets::models::Kind::Unknown));
    assert!(matches!(
        widget.parent.as_deref().map(|p| p.kind),
        Some(widgets::models::Kind::Gear)
    ));
}
