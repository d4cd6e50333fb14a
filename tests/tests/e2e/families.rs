//! The families beside the CRM end to end over `hubspot-mock`: files (uploads retried without a
//! second copy, duplicate validation, signed URLs read without the token), custom behavioral
//! events, transactional single-send, app webhook subscriptions by developer API key, and
//! communication-preference statuses.

use std::time::Duration;

use hubspot_crm::communication_preferences::{models as preferences, statuses};
use hubspot_crm::events::send as events;
use hubspot_crm::files::models::FileAccess;
use hubspot_crm::files::{self, DuplicateScope, DuplicateStrategy, Upload, UploadOptions};
use hubspot_crm::marketing::transactional;
use hubspot_crm::models::BatchInput;
use hubspot_crm::webhooks::{models as hooks, subscriptions};
use hubspot_crm::{Client, RetryConfig};
use hubspot_mock::{Fault, FaultRule, MockConfig, MockServer};

use crate::crm::setup;
use hubspot_runtime::WriteOutcome;

const UPLOADS: &str = "/files/2026-03/files";

fn returning_existing() -> UploadOptions {
    UploadOptions::new(FileAccess::Private).duplicates(
        DuplicateStrategy::ReturnExisting,
        DuplicateScope::ExactFolder,
    )
}

#[tokio::test]
async fn an_upload_from_disk_is_retried_through_a_dropped_connection_into_one_file() {
    let (mock, client, time) = setup().await;
    let dir = std::env::temp_dir().join(format!("hubspot-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.pdf");
    std::fs::write(&path, b"%PDF-1.7 quarterly").unwrap();
    // The first upload is stored, then its connection closes without an answer.
    mock.inject(FaultRule::next(1, "POST", UPLOADS, Fault::Drop));
    let file = files::upload_file(Upload::path(&path, "/reports", returning_existing()))
        .unwrap()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        time.sleeps().len(),
        1,
        "one backoff before the second upload"
    );
    assert_eq!(mock.stats().dropped, 1);
    let stored = mock.files();
    assert_eq!(stored.len(), 1, "uploaded twice, stored once: {stored:?}");
    assert_eq!(stored[0]["id"], file.id.as_deref().unwrap());
    assert_eq!(file.path.as_deref(), Some("/reports/report.pdf"));
    assert_eq!(file.size, Some(18));
    assert_eq!(file.access, Some(FileAccess::Private));

    // Its bytes come back through a signed URL on the other listener, without the token.
    let bytes = files::download(file.id.as_deref().unwrap())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(&bytes[..], b"%PDF-1.7 quarterly");
    let mut streamed = Vec::new();
    let written = files::download_to(
        &client,
        file.id.as_deref().unwrap(),
        &mut streamed,
        &mut |_| {},
    )
    .await
    .unwrap();
    assert_eq!((written, &streamed[..]), (18, &b"%PDF-1.7 quarterly"[..]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn an_upload_that_is_not_retry_safe_is_sent_once() {
    let (mock, client, _) = setup().await;
    mock.inject(FaultRule::next(1, "POST", UPLOADS, Fault::Drop));
    let once = UploadOptions::new(FileAccess::Private);
    assert!(!once.is_retry_safe());
    let error = files::upload_file(Upload::bytes("a.txt", "x", "/notes", once))
        .unwrap()
        .send(&client)
        .await
        .unwrap_err();
    assert!(error.write_outcome() == WriteOutcome::Unknown, "{error:?}");
    assert_eq!(mock.files().len(), 1, "the one attempt was stored, once");
}

#[tokio::test]
async fn duplicate_validation_returns_rejects_or_stores_again() {
    let (mock, client, _) = setup().await;
    let upload = |options| {
        files::upload_file(Upload::bytes("logo.png", "png-bytes", "/brand", options)).unwrap()
    };
    let first = upload(returning_existing()).send(&client).await.unwrap();
    let again = upload(returning_existing()).send(&client).await.unwrap();
    assert_eq!(again.id, first.id, "RETURN_EXISTING answers with the first");

    let reject = UploadOptions::new(FileAccess::Private)
        .duplicates(DuplicateStrategy::Reject, DuplicateScope::EntirePortal);
    let error = upload(reject).send(&client).await.unwrap_err();
    assert_eq!(error.status(), Some(409), "{error:?}");
    assert!(error.write_outcome() != WriteOutcome::Unknown);

    // The same bytes in another folder are no duplicate within that folder.
    let elsewhere = files::upload_file(Upload::bytes(
        "logo.png",
        "png-bytes",
        "/other",
        returning_existing(),
    ))
    .unwrap()
    .send(&client)
    .await
    .unwrap();
    assert_ne!(elsewhere.id, first.id);
    let none = upload(UploadOptions::new(FileAccess::Private))
        .send(&client)
        .await
        .unwrap();
    assert_ne!(none.id, first.id, "NONE stores another copy");
    assert_eq!(mock.files().len(), 3);
}

#[tokio::test]
async fn a_file_is_read_replaced_and_archived() {
    let (mock, client, _) = setup().await;
    let file = files::upload_file(Upload::bytes(
        "notes.txt",
        "v1",
        "/docs",
        returning_existing(),
    ))
    .unwrap()
    .send(&client)
    .await
    .unwrap();
    let read = files::get(file.id.as_deref().unwrap(), &Default::default())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(read.name.as_deref(), Some("notes"));
    assert_eq!(read.extension.as_deref(), Some("txt"));

    // A replacement goes through a dropped connection too: it is retry-safe.
    let replacing = format!("{UPLOADS}/{}", file.id.as_deref().unwrap());
    mock.inject(FaultRule::next(1, "PUT", &replacing, Fault::Drop));
    let replaced = files::replace_file(
        file.id.as_deref().unwrap(),
        Upload::bytes("notes.txt", "version two", "/docs", returning_existing()),
    )
    .unwrap()
    .send(&client)
    .await
    .unwrap();
    assert_eq!(replaced.id, file.id);
    assert_eq!(replaced.size, Some(11));
    let bytes = files::download(file.id.as_deref().unwrap())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(&bytes[..], b"version two");

    files::archive(file.id.as_deref().unwrap())
        .send(&client)
        .await
        .unwrap();
    let gone = files::get(file.id.as_deref().unwrap(), &Default::default())
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(gone.status(), Some(404));
    assert!(mock.files().is_empty());
}

#[tokio::test]
async fn a_signed_url_expires_and_its_host_never_sees_the_token() {
    let (mock, client, _) = setup().await;
    let file = files::upload_file(Upload::bytes(
        "a.csv",
        "id\n1\n",
        "/x",
        returning_existing(),
    ))
    .unwrap()
    .send(&client)
    .await
    .unwrap();
    let query = files::models::SignedUrlGetQuery::default().expiration_seconds(60);
    let signed = files::signed_url::get(file.id.as_deref().unwrap(), &query)
        .send(&client)
        .await
        .unwrap();
    assert!(
        signed
            .url
            .as_deref()
            .unwrap()
            .starts_with(&mock.download_url()),
        "{:?}",
        signed.url
    );
    assert_eq!(signed.size, Some(5));

    // The download host refuses HubSpot's token: the SDK's own fetch never sends it.
    let with_token = tests::http()
        .get(signed.url.as_deref().unwrap())
        .bearer_auth(MockConfig::DEFAULT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(with_token.status(), 400, "the control: a token is refused");
    assert_eq!(
        &client
            .download(signed.url.as_deref().unwrap())
            .await
            .unwrap()[..],
        b"id\n1\n"
    );

    mock.advance_clock(Duration::from_secs(61));
    let expired = client
        .download(signed.url.as_deref().unwrap())
        .await
        .unwrap_err();
    assert_eq!(expired.status(), Some(403), "{expired:?}");
    let forged = signed
        .url
        .as_deref()
        .unwrap()
        .replace("signature=", "signature=x");
    let error = client.download(&forged).await.unwrap_err();
    assert_eq!(error.status(), Some(403), "{error:?}");
}

fn occurrence(email: &str, n: usize) -> events::models::BehavioralEventHttpCompletionRequest {
    let mut properties = std::collections::BTreeMap::new();
    properties.insert("plan".to_owned(), format!("tier-{n}"));
    let mut event =
        events::models::BehavioralEventHttpCompletionRequest::new("pe1234_signup", properties);
    event.email = Some(email.to_owned());
    event
}

#[tokio::test]
async fn behavioral_events_are_sent_one_at_a_time_and_in_batches() {
    let (mock, client, _) = setup().await;
    events::single(&occurrence("a@example.com", 0))
        .send(&client)
        .await
        .unwrap();
    let batch: Vec<_> = (1..=250)
        .map(|n| occurrence(&format!("p{n}@example.com"), n))
        .collect();
    events::batch(&BatchInput::new(batch))
        .send(&client)
        .await
        .unwrap();
    let kept = mock.events();
    assert_eq!(kept.len(), 251);
    assert_eq!(kept[0]["email"], "a@example.com");
    assert_eq!(kept[250]["properties"]["plan"], "tier-250");

    // An occurrence naming nobody is refused with HubSpot's message, and its batch with it.
    let mut anonymous = occurrence("x@example.com", 9);
    anonymous.email = None;
    let error = events::batch(&BatchInput::new(vec![
        occurrence("b@example.com", 1),
        anonymous,
    ]))
    .send(&client)
    .await
    .unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert!(error.to_string().contains("inputs[1]"), "{error}");
    assert_eq!(
        mock.events().len(),
        251,
        "nothing of a refused batch is kept"
    );
}

fn email(to: &str, send_id: Option<&str>) -> transactional::models::PublicSingleSendRequestEgg {
    let mut message = transactional::models::PublicSingleSendEmail::new(
        Vec::<String>::new(),
        Vec::<String>::new(),
        Vec::<String>::new(),
    )
    .to(to);
    message.send_id = send_id.map(str::to_owned);
    transactional::models::PublicSingleSendRequestEgg::new(MockConfig::DEFAULT_EMAIL_ID)
        .contact_properties(std::collections::BTreeMap::new())
        .custom_properties(std::collections::BTreeMap::new())
        .message(message)
}

#[tokio::test]
async fn a_transactional_email_is_sent_once_per_send_id() {
    let (mock, client, _) = setup().await;
    let sent = transactional::single_email::send(&email("jo@example.com", Some("order-7")))
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        sent.send_result,
        Some(transactional::models::EmailSendStatusViewSendResult::SENT)
    );
    let repeated = transactional::single_email::send(&email("jo@example.com", Some("order-7")))
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        repeated.send_result,
        Some(transactional::models::EmailSendStatusViewSendResult::IDEMPOTENT_IGNORE)
    );
    assert_eq!(mock.sent_emails().len(), 1);

    let error = transactional::single_email::send(&email("nobody", None))
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert!(error.to_string().contains("message.to"), "{error}");
}

/// A send names one of the account's transactional e-mails, and is `PENDING` until the mock's
/// clock has let it go out; its status reads `COMPLETE` then.
#[tokio::test]
async fn a_transactional_send_is_pending_then_complete_and_needs_a_known_email() {
    let (mock, client, _) = setup().await;
    let sent = transactional::single_email::send(&email("al@example.com", Some("order-8")))
        .send(&client)
        .await
        .unwrap();
    assert_eq!(
        sent.status,
        Some(transactional::models::EmailSendStatusViewStatus::Pending)
    );
    let status_id = sent.status_id.clone().unwrap();
    let read = || async {
        let url = format!(
            "{}/marketing/v3/email/send-statuses/{status_id}",
            mock.base_url()
        );
        let answer = tests::http()
            .get(url)
            .bearer_auth(MockConfig::DEFAULT_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        serde_json::from_str::<serde_json::Value>(&answer.text().await.unwrap()).unwrap()
    };
    assert_eq!(read().await["status"], "PENDING");
    mock.advance_clock(Duration::from_secs(5));
    let done = read().await;
    assert_eq!(done["status"], "COMPLETE");
    assert_eq!(done["sendResult"], "SENT");
    assert!(done["completedAt"].is_string(), "{done}");

    let mut unknown = email("al@example.com", None);
    unknown.email_id = MockConfig::DEFAULT_EMAIL_ID + 1;
    let error = transactional::single_email::send(&unknown)
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404), "{error:?}");
    assert_eq!(mock.sent_emails().len(), 1);
}

/// A client with the mock's token and its app's developer API key.
fn app_client(mock: &MockServer, key: &str) -> Client {
    Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .developer_api_key(key)
        .base_url(mock.base_url())
        .retry(RetryConfig::default().with_jitter(false))
        .build()
        .unwrap()
}

#[tokio::test]
async fn webhook_subscriptions_are_managed_by_developer_api_key() {
    let mock = MockServer::start(MockConfig::default()).await.unwrap();
    let client = app_client(&mock, MockConfig::DEFAULT_DEVELOPER_KEY);
    let app = 777;
    let mut change = hooks::SubscriptionCreateRequest::new(
        true,
        hooks::SubscriptionResponseEventType::CONTACT_PROPERTY_CHANGE,
    );
    change.property_name = Some("email".into());
    let created = subscriptions::create(app, &change)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(created.property_name.as_deref(), Some("email"));
    let deals = hooks::SubscriptionCreateRequest::new(
        false,
        hooks::SubscriptionResponseEventType::DEAL_CREATION,
    );
    let second = subscriptions::create(app, &deals)
        .send(&client)
        .await
        .unwrap();
    let taken = subscriptions::create(app, &deals)
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(taken.status(), Some(409));

    let id: i64 = second.id.as_deref().unwrap().parse().unwrap();
    let activate = hooks::SubscriptionBatchUpdateRequest::new(true, id as i32);
    let batch = subscriptions::batch_update(app, &BatchInput::new(vec![activate]))
        .send(&client)
        .await
        .unwrap();
    assert!(batch.is_complete_success());
    assert!(
        subscriptions::get(app, id)
            .send(&client)
            .await
            .unwrap()
            .active
            .unwrap()
    );
    let off = hooks::SubscriptionPatchRequest::default().active(false);
    let updated = subscriptions::update(app, id, &off)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(updated.active, Some(false));
    subscriptions::archive(app, id).send(&client).await.unwrap();
    let left = subscriptions::list(app).send(&client).await.unwrap();
    assert_eq!(left.results.len(), 1);
    assert_eq!(left.results[0].id, created.id);

    // The mock refuses a wrong key (the positive control for the key sent above).
    let wrong = app_client(&mock, "not-the-key");
    let error = subscriptions::list(app).send(&wrong).await.unwrap_err();
    assert_eq!(error.status(), Some(401));
    assert!(!format!("{error} {error:?}").contains("not-the-key"));
}

#[tokio::test]
async fn subscription_statuses_are_set_read_and_unsubscribed_from_all() {
    let (_mock, client, _) = setup().await;
    let who = "lee@example.com";
    let email_channel = || preferences::StatusesGetQuery::new("EMAIL");
    let before = statuses::get(who, &email_channel())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(before.results.len(), 2);
    assert!(
        before
            .results
            .iter()
            .all(|s| s.status == Some(preferences::PublicStatusStatus::NotSpecified))
    );

    let mut subscribe = preferences::PartialPublicStatusRequest::new(
        preferences::PublicStatusChannel::Email,
        preferences::PublicStatusStatus::Subscribed,
        1,
    );
    subscribe.legal_basis = Some(preferences::PublicStatusLegalBasis::ConsentWithNotice);
    let set = statuses::create(who, &subscribe)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(set.results.len(), 1);
    assert_eq!(
        set.results[0].status,
        Some(preferences::PublicStatusStatus::Subscribed)
    );

    let batch = statuses::batch_read(
        &preferences::StatusesBatchReadQuery::new("EMAIL"),
        &BatchInput::new(vec![who.to_owned(), "other@example.com".to_owned()]),
    )
    .send(&client)
    .await
    .unwrap();
    let lee = &batch.results[0].statuses;
    assert_eq!(
        lee[0].status,
        Some(preferences::PublicStatusStatus::Subscribed)
    );
    assert_eq!(
        batch.results[1].statuses[0].status,
        Some(preferences::PublicStatusStatus::NotSpecified)
    );

    let query = preferences::StatusesUnsubscribeAllQuery::new("EMAIL");
    let all = statuses::unsubscribe_all(who, &query)
        .send(&client)
        .await
        .unwrap();
    assert!(
        all.results
            .iter()
            .all(|s| s.status == Some(preferences::PublicStatusStatus::Unsubscribed))
    );
    let unknown = preferences::PartialPublicStatusRequest::new(
        preferences::PublicStatusChannel::Email,
        preferences::PublicStatusStatus::Subscribed,
        99,
    );
    let error = statuses::create(who, &unknown)
        .send(&client)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(400));
}

#[tokio::test]
async fn an_app_api_called_with_only_an_account_token_is_refused() {
    let mock = MockServer::start(MockConfig::default()).await.unwrap();
    let client = Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(mock.base_url())
        .build()
        .unwrap();
    let error = subscriptions::list(1).send(&client).await.unwrap_err();
    assert_eq!(error.status(), Some(401), "{error:?}");
    assert!(error.to_string().contains("hapikey"), "{error}");
    assert_eq!(mock.stats().unauthorized, 1);
}

/// `safe::send_event` and `safe::send_email` under dropped connections (the write applied,
/// the answer lost) and a rerun after a crash: each occurrence and each e-mail is kept once.
#[tokio::test]
async fn safe_family_sends_are_kept_once_through_drops_and_a_rerun() {
    use hubspot_crm::runtime::ids::stable_uuid;
    use hubspot_crm::safe;
    let (mock, client, _) = setup().await;
    mock.inject(FaultRule::next(3, "POST", "/events/v3/send", Fault::Drop));
    mock.inject(FaultRule::next(
        3,
        "POST",
        "/marketing/v3/transactional/single-email/send",
        Fault::Drop,
    ));
    // A run, and its rerun after a crash: the ids come from the job's own keys.
    for _run in 0..2 {
        for attendee in ["a@example.com", "b@example.com"] {
            let event = occurrence(attendee, 1).uuid(stable_uuid("webinar-2026-12", attendee));
            safe::send_event(event)
                .unwrap()
                .send(&client)
                .await
                .unwrap();
            let mut message = email(attendee, None);
            if let Some(message) = message.message.as_mut() {
                message.send_id = Some(stable_uuid("webinar-2026-12/thanks", attendee));
            }
            safe::send_email(message)
                .unwrap()
                .send(&client)
                .await
                .unwrap();
        }
    }
    assert!(mock.unfired_faults().is_empty(), "a drop never happened");
    assert_eq!(mock.events().len(), 2, "{:?}", mock.events());
    assert_eq!(mock.sent_emails().len(), 2);
    let state = mock.dump();
    assert_eq!(state["events"].as_array().map(Vec::len), Some(2));
    assert_eq!(state["emails"].as_array().map(Vec::len), Some(2));
    // Without ids of the caller's, each call makes its own: retries stay safe.
    safe::send_event(occurrence("c@example.com", 2))
        .unwrap()
        .send(&client)
        .await
        .unwrap();
    assert!(
        mock.events()[2]["uuid"]
            .as_str()
            .is_some_and(|id| id.len() == 36)
    );
    let no_message = transactional::models::PublicSingleSendRequestEgg::new(4242);
    assert!(matches!(
        safe::send_email(no_message),
        Err(hubspot_crm::Error::InvalidRequest(_))
    ));
}

/// A list by name: made once whether asked again, by two runs at once, or after a create whose
/// answer was lost.
#[tokio::test]
async fn ensure_list_makes_one_list_per_name() {
    use hubspot_crm::lists::models::{ListCreateRequest, PublicObjectListProcessingType};
    use hubspot_crm::safe;
    let (mock, client, _) = setup().await;
    let request =
        |name: &str| ListCreateRequest::new(name, "0-1", PublicObjectListProcessingType::Manual);
    let first = safe::ensure_list(request("Webinar"))
        .send(&client)
        .await
        .unwrap();
    assert!(first.created);
    let again = safe::ensure_list(request("Webinar"))
        .send(&client)
        .await
        .unwrap();
    assert!(!again.created);
    assert_eq!(again.value.list_id, first.value.list_id);

    // Two runs at once.
    let (a, b) = tokio::join!(
        safe::ensure_list(request("Launch")).send(&client),
        safe::ensure_list(request("Launch")).send(&client)
    );
    assert_eq!(a.unwrap().value.list_id, b.unwrap().value.list_id);

    // A create applied whose answer was lost.
    mock.inject(FaultRule::next(
        1,
        "POST",
        "/crm/lists/2026-03",
        Fault::Drop,
    ));
    let lost = safe::ensure_list(request("Survey"))
        .send(&client)
        .await
        .unwrap();
    assert!(!lost.created);
    assert!(mock.unfired_faults().is_empty());
    // Over the control API, as a standalone mock shows it: one list per name.
    let state = crate::control(&mock, "/__mock/objects").await;
    let names: Vec<&str> = state["lists"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|list| list["name"].as_str())
        .collect();
    assert_eq!(names, ["Webinar", "Launch", "Survey"]);
}

/// A path no HubSpot operation has (one an app declares itself): hubspot-mock says it does not
/// implement it (501), never a 404 that reads as "not found".
#[hubspot_crm::hubspot_endpoint(method = "GET", path = "/crm/nowhere/2026-03/<id>")]
fn nowhere(id: &str) -> serde_json::Value;

#[tokio::test]
async fn an_operation_the_mock_lacks_is_not_implemented_not_missing() {
    let (_mock, client, _) = setup().await;
    let error = nowhere("7").send(&client).await.unwrap_err();
    assert_eq!(error.status(), Some(501), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("hubspot-mock does not implement GET /crm/nowhere/2026-03/7"),
        "{error}"
    );
    let found = hubspot_crm::safe::find(nowhere("7")).send(&client).await;
    assert!(found.is_err(), "a 501 must not read as `None`");
}

/// A public file has a `url` anyone can open, on the download host; a private one has none.
#[tokio::test]
async fn a_public_file_has_a_url_and_a_private_one_none() {
    let (_mock, client, _) = setup().await;
    let upload = |name: &str, access| {
        Upload::bytes(
            name,
            &b"%PDF-1.7 slides"[..],
            "/decks",
            UploadOptions::new(access),
        )
    };
    let public = files::upload_file(upload("deck.pdf", FileAccess::PublicNotIndexable))
        .unwrap()
        .send(&client)
        .await
        .unwrap();
    let url = public.url.as_deref().unwrap();
    let bytes = tests::http()
        .get(url)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&bytes[..], b"%PDF-1.7 slides");
    let private = files::upload_file(upload("notes.pdf", FileAccess::Private))
        .unwrap()
        .send(&client)
        .await
        .unwrap();
    assert_eq!(private.url, None);
}

/// Occurrences sent are read back, on the contact their e-mail names, by event type.
#[tokio::test]
async fn event_occurrences_are_read_back_by_type_and_record() {
    use hubspot_crm::events::occurrences::{self, models::ListQuery};
    let (_mock, client, _) = setup().await;
    let contact = hubspot_crm::contacts::create(
        &hubspot_crm::models::CreateInput::new().set("email", "a@example.com"),
    )
    .send(&client)
    .await
    .unwrap();
    events::single(&occurrence("a@example.com", 1).uuid("u-1"))
        .send(&client)
        .await
        .unwrap();
    let mut other = occurrence("b@example.com", 2);
    other.event_name = "pe1234_login".into();
    events::single(&other).send(&client).await.unwrap();
    let page = occurrences::list(&ListQuery::default().event_type("pe1234_signup"))
        .send(&client)
        .await
        .unwrap();
    assert_eq!(page.results.len(), 1);
    let read = &page.results[0];
    assert_eq!(read.id.as_deref(), Some("u-1"));
    assert_eq!(read.object_id.as_deref(), Some(contact.id.as_str()));
    assert_eq!(
        read.properties.get("plan").map(String::as_str),
        Some("tier-1")
    );
    let types = occurrences::event_types::get().send(&client).await.unwrap();
    assert_eq!(types.event_types, ["pe1234_login", "pe1234_signup"]);
}

/// An operation the mock keeps no state for (here CMS's) is answered as its schema says, after
/// HubSpot's checks of a JSON body: each required property there, and of its type.
#[tokio::test]
async fn a_stateless_operation_is_answered_by_its_schema_after_the_body_checks() {
    let (mock, client, _) = setup().await;
    let domain = hubspot_crm::cms::domains::get("5")
        .send(&client)
        .await
        .unwrap();
    assert_eq!(domain.domain.as_deref(), Some("s"));
    let http = tests::http();
    let end = format!(
        "{}/cms/pages/2026-03/site-pages/ab-test/end",
        mock.base_url()
    );
    let send = |body: &'static str| {
        http.post(&end)
            .bearer_auth(MockConfig::DEFAULT_TOKEN)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    for (body, named) in [
        (r#"{"abTestId": "1"}"#, "winnerId"),
        (r#"{"abTestId": 1, "winnerId": "2"}"#, "abTestId"),
        ("[]", "object"),
    ] {
        let refused = send(body).await.unwrap();
        assert_eq!(refused.status(), 400, "{body}");
        let answer: serde_json::Value =
            serde_json::from_str(&refused.text().await.unwrap()).unwrap();
        assert_eq!(answer["category"], "VALIDATION_ERROR", "{body}");
        let message = answer["message"].as_str().unwrap_or_default();
        assert!(message.contains(named), "{body}: {message}");
    }
    let ended = send(r#"{"abTestId": "1", "winnerId": "2"}"#).await.unwrap();
    assert_eq!(ended.status(), 204);
}

/// A sync reads CRM changes made through the SDK from the webhooks journal, with the generated
/// journal functions: subscribe, write, then earliest and next until caught up (a 404).
#[tokio::test]
async fn a_sync_reads_crm_changes_from_the_webhooks_journal() {
    use hubspot_crm::models::CreateInput;
    use hubspot_crm::webhooks_journal::{journal, models as jm, subscriptions as journal_subs};

    let (_mock, client, _) = setup().await;
    let subscription = jm::SubscriptionUpsertRequest::Object(
        jm::ObjectSubscriptionUpsertRequest::new(Vec::<i64>::new(), "0-1", 62515)
            .actions([
                jm::SubscriptionResponseActionsItem::Create,
                jm::SubscriptionResponseActionsItem::Update,
            ])
            .properties(["email".to_owned()]),
    );
    let made = journal_subs::create(&subscription)
        .send(&client)
        .await
        .unwrap();
    assert_eq!(made.object_type_id.as_deref(), Some("0-1"));
    let jane = hubspot_crm::contacts::create(&CreateInput::new().set("email", "jane@example.com"))
        .send(&client)
        .await
        .unwrap();
    hubspot_crm::contacts::update(
        &jane.id,
        &hubspot_crm::models::ObjectInput::new().set("email", "jane@example.org"),
    )
    .send(&client)
    .await
    .unwrap();

    let mut entry = journal::earliest::get(&Default::default())
        .send(&client)
        .await
        .unwrap();
    let mut events = Vec::new();
    loop {
        // The file's URL is pre-signed: fetched without the HubSpot token.
        let file = tests::http()
            .get(entry.url.as_deref().unwrap())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let file: serde_json::Value = serde_json::from_str(&file).unwrap();
        events.extend(file.as_array().unwrap().iter().cloned());
        let offset = entry.current_offset.clone().unwrap();
        match journal::offset::next::get(&offset, &Default::default())
            .send(&client)
            .await
        {
            Ok(next) => entry = next,
            Err(error) => {
                assert_eq!(error.status(), Some(404), "caught up: {error}");
                break;
            }
        }
    }
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["CREATE", "UPDATE"]);
    assert_eq!(events[1]["properties"]["email"], "jane@example.org");
    assert_eq!(events[1]["objectId"].to_string(), jane.id.as_str());
}

/// A form made through the generated Forms API takes submissions through the hand-written
/// `forms::submit`, both against hubspot-mock: the contact is created once for two
/// submissions, and a field the form lacks is refused with the forms host's reason.
#[tokio::test]
async fn a_form_made_through_the_sdk_takes_submissions() {
    use hubspot_crm::forms::{self, Submission};
    use hubspot_crm::marketing::forms as form_api;
    use hubspot_crm::marketing::forms::models as fm;

    let (mock, _, _) = setup().await;
    let client = Client::builder()
        .access_token(MockConfig::DEFAULT_TOKEN)
        .base_url(mock.base_url())
        .forms_base_url(mock.base_url())
        .build()
        .unwrap();
    let group = fm::FieldGroup::new(
        [fm::FieldGroupFieldsItem::Email(fm::EmailField::new(
            "E-mail", "email", "0-1",
        ))],
        fm::FieldGroupGroupType::DefaultGroup,
        fm::FieldGroupRichTextType::Text,
    );
    let request = fm::FormDefinitionCreateRequestBase::Hubspot(
        fm::HubSpotFormDefinitionCreateRequest::new("Fair sign-up").field_groups([group]),
    );
    let form = form_api::create(&request).send(&client).await.unwrap();
    let guid = form.id.clone().unwrap();
    let read = form_api::get(&guid, &Default::default())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(read.name.as_deref(), Some("Fair sign-up"));

    let ada = Submission::new().field("0-1", "email", "ada@example.com");
    for _ in 0..2 {
        let answer = forms::submit("62515", &guid, &ada)
            .send(&client)
            .await
            .unwrap();
        assert!(answer.inline_message.is_some());
    }
    let error = forms::submit(
        "62515",
        &guid,
        &ada.clone().field("0-1", "jobtitle", "Engineer"),
    )
    .send(&client)
    .await
    .unwrap_err();
    let api = error.api_error().expect("the forms host's refusal");
    assert_eq!(api.status, 400);
    assert_eq!(
        api.body.errors[0].error_type.as_deref(),
        Some("FIELD_NOT_IN_FORM_DEFINITION"),
        "{error:?}"
    );
    let contacts = mock.dump()["objects"]["contacts"].clone();
    assert_eq!(contacts.as_array().unwrap().len(), 1, "{contacts}");
}
