//! The generated CRM APIs end to end over `hubspot-mock`: lists and their memberships, an import
//! uploaded as multipart and retried through a dropped connection, an export polled to completion
//! and downloaded from another host without the token.

use hubspot_crm::models::{CreateInput, ImportRequest, ObjectType};
use hubspot_crm::{Error, contacts, exports, imports, lists};
use hubspot_mock::{Fault, FaultRule};

use crate::crm::{setup, stored};
use hubspot_runtime::WriteOutcome;

#[tokio::test]
async fn a_list_is_created_filled_paged_searched_and_archived() {
    let (_mock, client, _) = setup().await;
    let list = lists::create(&lists::models::ListCreateRequest::new(
        "Renewals",
        "0-1",
        lists::models::PublicObjectListProcessingType::Manual,
    ))
    .send(&client)
    .await
    .unwrap()
    .list
    .unwrap();
    let list_id = list.list_id.clone().unwrap();
    let mut ids = Vec::new();
    for i in 0..3 {
        let contact =
            contacts::create(&CreateInput::new().set("email", format!("l{i}@example.com")))
                .send(&client)
                .await
                .unwrap();
        ids.push(contact.id.as_str().to_owned());
    }
    let mut adding = ids.clone();
    adding.push("999999".into());
    let added = lists::memberships::add(&list_id, &adding)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(added.records_ids_added, ids);
    assert_eq!(added.record_ids_missing, ["999999"]);

    // Two pages of two: the cursor HubSpot hands back leads to the rest.
    let query = |after: Option<String>| {
        let mut query = lists::models::MembershipsListQuery::default().limit(2);
        query.after = after;
        query
    };
    let first = lists::memberships::list(&list_id, &query(None))
        .send(&client)
        .await
        .unwrap();
    assert_eq!(first.results.len(), 2);
    let after = first.next_after().map(str::to_owned);
    let second = lists::memberships::list(&list_id, &query(after))
        .send(&client)
        .await
        .unwrap();
    assert_eq!(second.results.len(), 1);
    assert!(second.next_after().is_none());
    let order: Vec<String> = first
        .results
        .iter()
        .chain(&second.results)
        .map(|m| m.record_id.clone().unwrap())
        .collect();
    assert_eq!(order, ids, "members page in the order they joined");

    let removed = lists::memberships::remove(&list_id, &vec![ids[0].clone()])
        .send(&client)
        .await
        .unwrap();
    assert_eq!(removed.record_ids_removed, [ids[0].clone()]);

    let search = lists::models::ListSearchRequest::new(Vec::<String>::new())
        .offset(0)
        .query("renew");
    let found = lists::search(&search).send(&client).await.unwrap();
    assert_eq!(found.total, Some(1));
    lists::archive(&list_id).send(&client).await.unwrap();
    let gone = lists::get(&list_id, &Default::default())
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(gone.status(), Some(404));
}

#[tokio::test]
async fn an_upsert_import_is_retried_through_a_dropped_connection_without_duplicates() {
    let (mock, client, time) = setup().await;
    let dir = std::env::temp_dir().join(format!("hubspot-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("contacts.csv");
    std::fs::write(
        &file,
        "Email,First name\na@example.com,Ada\nb@example.com,Bea\nnot-an-email,Cy\n",
    )
    .unwrap();
    let request = ImportRequest::csv("Spring", &ObjectType::Contacts, "contacts.csv")
        .column("Email", "email")
        .column("First name", "firstname")
        .upsert_by("email");
    // The first upload is applied, then its connection closes without an answer.
    mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/imports/2026-03",
        Fault::Drop,
    ));
    let import = imports::start(&request, &file)
        .unwrap()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        time.sleeps().len(),
        1,
        "one backoff before the second upload"
    );
    let people = stored(&mock, "contacts");
    assert_eq!(people.len(), 2, "applied twice, upserted once: {people:?}");

    // The row HubSpot refused is one of the import's errors, paged.
    let id: i64 = import.id.as_deref().unwrap().parse().unwrap();
    let errors = imports::errors::list(id, &Default::default())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(errors.results.len(), 1);
    assert_eq!(
        errors.results[0].source_data.as_ref().unwrap().line_number,
        Some(4)
    );
    let again = imports::get(id).send(&client).await.unwrap();
    assert_eq!(again.id, import.id);

    // A create-only import is not retried once it may have reached HubSpot.
    let creating =
        ImportRequest::csv("Again", &ObjectType::Contacts, "contacts.csv").column("Email", "email");
    mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/imports/2026-03",
        Fault::Drop,
    ));
    let error = imports::start(&creating, &file)
        .unwrap()
        .send(&client)
        .await
        .unwrap_err();
    assert!(error.write_outcome() == WriteOutcome::Unknown, "{error:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn an_import_refused_as_too_large_is_not_waited_out() {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(
            wiremock::ResponseTemplate::new(429).set_body_json(serde_json::json!({
                "status": "error", "message": "The import file exceeds the maximum size",
                "category": "RATE_LIMITS",
            })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = hubspot_crm::Client::builder()
        .access_token("pat-test")
        .base_url(server.uri())
        .build()
        .unwrap();
    let body = hubspot_crm::Multipart::new().bytes("files", "big.csv", "text/csv", "email\n");
    let error = imports::upload(body)
        .refuses_size_with_429()
        .send(&client)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::TooLarge(_)), "{error:?}");
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn an_export_is_polled_to_completion_and_downloaded_without_the_token() {
    let (mock, client, time) = setup().await;
    for email in ["x@example.com", "y@example.com"] {
        contacts::create(&CreateInput::new().set("email", email))
            .send(&client)
            .await
            .unwrap();
    }
    let view = exports::models::PublicExportViewRequest::new(
        Vec::<String>::new(),
        "All contacts",
        "contacts",
    )
    .format(exports::models::PublicExportViewRequestFormat::Csv)
    .language(exports::models::PublicExportViewRequestLanguage::EN)
    .object_properties(["email"]);
    let task = exports::start(&exports::models::PublicExportRequest::View(view))
        .send(&client)
        .await
        .unwrap();
    let task: i64 = task.id.as_deref().unwrap().parse().unwrap();
    let file = exports::download(task).send(&client).await.unwrap();
    let text = String::from_utf8_lossy(&file);
    assert!(
        text.starts_with("email\n")
            && text.contains("x@example.com")
            && text.contains("y@example.com"),
        "{text}"
    );
    assert_eq!(
        time.sleeps(),
        [exports::POLL_INTERVAL],
        "one wait while the task ran"
    );

    // The file's host refuses HubSpot's token, and its links expire after 5 minutes.
    let url = exports::wait(task).send(&client).await.unwrap();
    assert!(url.starts_with(&mock.download_url()), "{url}");
    let with_token = tests::http()
        .get(&url)
        .bearer_auth(hubspot_mock::MockConfig::DEFAULT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(with_token.status(), 400);
    mock.advance_clock(std::time::Duration::from_secs(301));
    let expired = client.download(&url).await.unwrap_err();
    assert_eq!(expired.status(), Some(403));
    // A fresh link comes from asking the task again, streamed to a file as well.
    assert!(exports::download(task).send(&client).await.is_ok());
    mock.advance_clock(std::time::Duration::from_secs(301));
    let path =
        std::env::temp_dir().join(format!("hubspot-export-{task}-{}.csv", std::process::id()));
    let mut file = tokio::fs::File::create(&path).await.unwrap();
    let mut last = None;
    let written = exports::download_to(&client, task, &mut file, &mut |p| last = Some(p.written))
        .await
        .unwrap();
    drop(file);
    let streamed = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(written, streamed.len() as u64);
    assert_eq!(last, Some(written));
    assert!(streamed.contains("x@example.com"), "{streamed}");
}
