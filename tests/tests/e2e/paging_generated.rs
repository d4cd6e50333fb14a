//! Generated lists from three families stream through `paging::list_all`, page after page, as
//! the hand-written CRM lists do: each follows the cursor its server hands back, to the end.

use futures_util::TryStreamExt;
use hubspot_crm::{Client, automation, lists, paging, settings};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Serves `pages` at `route`: the first without a cursor, each next one at the cursor the one
/// before it handed back (`c1`, `c2`, …); the last hands back none.
async fn serve_pages(server: &MockServer, route: &str, pages: &[Vec<Value>]) {
    for (i, results) in pages.iter().enumerate() {
        let mut body = json!({ "results": results });
        if i + 1 < pages.len() {
            body["paging"] = json!({ "next": { "after": format!("c{}", i + 1) } });
        }
        let request = Mock::given(method("GET")).and(path(route));
        let request = if i == 0 {
            request.and(query_param_is_missing("after"))
        } else {
            request.and(query_param("after", format!("c{i}")))
        };
        request
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(server)
            .await;
    }
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .access_token("pat-paging")
        .base_url(server.uri())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_lists_membership_listing_streams_past_two_pages() {
    let server = MockServer::start().await;
    let member =
        |id: &str| json!({ "recordId": id, "membershipTimestamp": "2026-01-01T00:00:00Z" });
    serve_pages(
        &server,
        "/crm/lists/2026-03/42/memberships",
        &[
            vec![member("1"), member("2")],
            vec![member("3"), member("4")],
            vec![member("5")],
        ],
    )
    .await;
    let list = |query: &lists::models::MembershipsListQuery| lists::memberships::list("42", query);
    let ids: Vec<String> = paging::list_all(
        list,
        lists::models::MembershipsListQuery::default().limit(2),
    )
    .with_client(&client(&server))
    .map_ok(|m| m.record_id.unwrap_or_default())
    .try_collect()
    .await
    .unwrap();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
}

#[tokio::test]
async fn a_settings_users_listing_streams_past_two_pages() {
    let server = MockServer::start().await;
    // HubSpot sends user ids as text here and as numbers elsewhere: both decode.
    serve_pages(
        &server,
        "/settings/users/2026-03",
        &[
            vec![json!({ "id": "7", "email": "a@example.com" })],
            vec![json!({ "id": 8, "email": "b@example.com" })],
            vec![json!({ "id": "9", "email": "c@example.com" })],
        ],
    )
    .await;
    let emails: Vec<String> = paging::list_all(
        settings::users::list,
        settings::users::models::ListQuery::default(),
    )
    .with_client(&client(&server))
    .map_ok(|u| {
        format!(
            "{}:{}",
            u.id.unwrap_or_default(),
            u.email.unwrap_or_default()
        )
    })
    .try_collect()
    .await
    .unwrap();
    assert_eq!(
        emails,
        ["7:a@example.com", "8:b@example.com", "9:c@example.com"]
    );
}

#[tokio::test]
async fn an_automation_flows_listing_streams_past_two_pages() {
    let server = MockServer::start().await;
    let flow = |id: &str| json!({ "id": id, "isEnabled": true, "objectTypeId": "0-1" });
    serve_pages(
        &server,
        "/automation/v4/flows",
        &[
            vec![flow("f1")],
            vec![flow("f2")],
            vec![flow("f3"), flow("f4")],
        ],
    )
    .await;
    let ids: Vec<String> = paging::list_all(
        automation::flows::list,
        automation::flows::models::ListQuery::default(),
    )
    .with_client(&client(&server))
    .map_ok(|f| f.id.unwrap_or_default())
    .try_collect()
    .await
    .unwrap();
    assert_eq!(ids, ["f1", "f2", "f3", "f4"]);
}
