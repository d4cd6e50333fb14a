//! Request validation with HubSpot's published v1 and v2 examples and independently computed v3
//! vectors, tampering of every signed part, and an axum handler behind the extractor on a real
//! socket.

use std::time::{Duration, SystemTime};

use axum::Router;
use axum::routing::post;
use hubspot_crm::webhooks::{
    self, Accepted, SignatureVersion, VerifiedEvents, WebhookConfig, WebhookError,
};
use hubspot_runtime::SecretString;

const SECRET: &str = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const BODY: &str = r#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#;
/// HubSpot's docs: v1 of the secret and BODY, v2 of a GET to https://www.example.com/webhook_uri.
const V1: &str = "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de";
const V2: &str = "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e";
/// Computed with Python's hmac for a POST of BODY to V3_URI at V3_TIMESTAMP.
const V3: &str = "VcCKTN4HmCfkCDUDtIg4i0TU6v1jt/Rnk1Fv4cqM2Jk=";
const V3_URI: &str = "https://example.com/webhooks/hubspot?app=1";
const V3_TIMESTAMP: &str = "1700000000000";
/// The same, empty body, for `https://example.com/hooks/a:b?x=/y` sent URL-encoded.
const V3_ENCODED: &str = "fzmxJ1qcOxJGXN1dczWUIR+asfROfrDz8KSqhvNtxuQ=";

fn secret() -> SecretString {
    SecretString::from(SECRET)
}

fn at(millis: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_millis(millis)
}

#[test]
fn hubspots_published_v1_and_v2_examples_verify() {
    webhooks::verify_v1(&secret(), BODY.as_bytes(), V1).unwrap();
    webhooks::verify_v1(&secret(), BODY.as_bytes(), &V1.to_uppercase()).unwrap();
    webhooks::verify_v2(
        &secret(),
        "GET",
        "https://www.example.com/webhook_uri",
        b"",
        V2,
    )
    .unwrap();
    let events = webhooks::parse_events(BODY.as_bytes()).unwrap();
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(
        (
            event.event_id,
            event.portal_id,
            event.app_id,
            event.object_id
        ),
        (1, 62515, 54321, Some(123))
    );
    assert_eq!(event.change_flag.as_deref(), Some("NEW"));
}

#[test]
fn v3_vectors_verify_within_five_minutes() {
    let now = at(1_700_000_000_000 + 299_000);
    webhooks::verify_v3(
        &secret(),
        "POST",
        V3_URI,
        BODY.as_bytes(),
        V3_TIMESTAMP,
        V3,
        now,
    )
    .unwrap();
    let encoded = "https://example.com/hooks/a%3Ab?x=%2Fy";
    webhooks::verify_v3(
        &secret(),
        "POST",
        encoded,
        b"",
        V3_TIMESTAMP,
        V3_ENCODED,
        now,
    )
    .unwrap();
}

#[test]
fn tampering_with_any_signed_part_is_refused() {
    let now = at(1_700_000_000_000);
    let tampered = BODY.replace("\"objectId\":123", "\"objectId\":124");
    let bad = |result: Result<(), WebhookError>| matches!(result, Err(WebhookError::BadSignature));
    assert!(bad(webhooks::verify_v1(&secret(), tampered.as_bytes(), V1)));
    assert!(bad(webhooks::verify_v1(
        &SecretString::from("other"),
        BODY.as_bytes(),
        V1
    )));
    assert!(bad(webhooks::verify_v2(
        &secret(),
        "POST",
        "https://www.example.com/webhook_uri",
        b"",
        V2
    )));
    assert!(bad(webhooks::verify_v2(
        &secret(),
        "GET",
        "https://www.example.com/other",
        b"",
        V2
    )));
    let v3 = |method: &str, uri: &str, body: &str, signature: &str| {
        webhooks::verify_v3(
            &secret(),
            method,
            uri,
            body.as_bytes(),
            V3_TIMESTAMP,
            signature,
            now,
        )
    };
    assert!(bad(v3("POST", V3_URI, &tampered, V3)));
    assert!(bad(v3("PUT", V3_URI, BODY, V3)));
    assert!(bad(v3(
        "POST",
        "https://example.com/webhooks/hubspot?app=2",
        BODY,
        V3
    )));
    assert!(bad(v3("POST", V3_URI, BODY, "not base64 at all!")));
    // Another timestamp is signed differently, even when fresh.
    let other = webhooks::verify_v3(
        &secret(),
        "POST",
        V3_URI,
        BODY.as_bytes(),
        "1700000000001",
        V3,
        now,
    );
    assert!(matches!(other, Err(WebhookError::BadSignature)));
    for stale in [
        at(1_700_000_000_000 + 301_000),
        at(1_700_000_000_000 - 301_000),
    ] {
        let result = webhooks::verify_v3(
            &secret(),
            "POST",
            V3_URI,
            BODY.as_bytes(),
            V3_TIMESTAMP,
            V3,
            stale,
        );
        assert!(
            matches!(result, Err(WebhookError::StaleTimestamp(_))),
            "{result:?}"
        );
    }
    let result = webhooks::verify_v3(&secret(), "POST", V3_URI, BODY.as_bytes(), "soon", V3, now);
    assert!(matches!(result, Err(WebhookError::BadTimestamp)));
}

#[test]
fn verify_picks_the_version_from_the_headers() {
    type Headers = &'static [(&'static str, &'static str)];
    let check = |method: &str, uri: &str, body: &str, headers: Headers| {
        let lookup = |name: &str| headers.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        webhooks::verify_accepting(
            Accepted::V3AndLegacy,
            &secret(),
            method,
            uri,
            body.as_bytes(),
            lookup,
            at(1_700_000_000_000),
        )
    };
    let v3 = check(
        "POST",
        V3_URI,
        BODY,
        &[
            ("x-hubspot-signature-v3", V3),
            ("x-hubspot-request-timestamp", V3_TIMESTAMP),
        ],
    );
    assert_eq!(v3.unwrap(), SignatureVersion::V3);
    let v2_uri = "https://www.example.com/webhook_uri";
    let v2 = check(
        "GET",
        v2_uri,
        "",
        &[
            ("x-hubspot-signature", V2),
            ("x-hubspot-signature-version", "v2"),
        ],
    );
    assert_eq!(v2.unwrap(), SignatureVersion::V2);
    let v1 = check("POST", "https://x", BODY, &[("x-hubspot-signature", V1)]);
    assert_eq!(v1.unwrap(), SignatureVersion::V1);
    let none = check("POST", "https://x", BODY, &[]);
    assert!(matches!(none, Err(WebhookError::MissingSignature)));
    let unknown = check(
        "POST",
        "https://x",
        BODY,
        &[
            ("x-hubspot-signature", V1),
            ("x-hubspot-signature-version", "v9"),
        ],
    );
    assert!(matches!(unknown, Err(WebhookError::UnknownVersion)));
}

#[test]
fn by_default_only_v3_verifies_so_a_stripped_request_cannot_be_replayed() {
    let headers: [(&str, &str); 4] = [
        ("x-hubspot-signature-v3", V3),
        ("x-hubspot-request-timestamp", V3_TIMESTAMP),
        ("x-hubspot-signature", V1),
        ("x-hubspot-signature-version", "v1"),
    ];
    let verify = |headers: &[(&str, &str)], now| {
        let lookup = |name: &str| headers.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
        webhooks::verify(&secret(), "POST", V3_URI, BODY.as_bytes(), lookup, now)
    };
    // HubSpot sends both: the v3 one is checked.
    let fresh = at(1_700_000_000_000);
    assert_eq!(verify(&headers, fresh).unwrap(), SignatureVersion::V3);
    // A day later the capture is stale; stripped of its v3 headers, its v1 one still matches
    // and would verify forever: refused.
    let later = at(1_700_000_000_000 + 86_400_000);
    assert!(matches!(
        verify(&headers, later),
        Err(WebhookError::StaleTimestamp(_))
    ));
    let stripped = &headers[2..];
    assert!(matches!(
        verify(stripped, later),
        Err(WebhookError::LegacySignature)
    ));
    let lookup = |name: &str| stripped.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
    let opted_in = webhooks::verify_accepting(
        Accepted::V3AndLegacy,
        &secret(),
        "POST",
        V3_URI,
        BODY.as_bytes(),
        lookup,
        later,
    );
    assert_eq!(
        opted_in.unwrap(),
        SignatureVersion::V1,
        "the opt-in takes v1"
    );
}

#[test]
fn unknown_event_types_and_fields_are_kept() {
    let body = r#"[{"eventId":9,"subscriptionId":1,"portalId":2,"appId":3,"occurredAt":4,"subscriptionType":"object.newThing","attemptNumber":2,"objectId":5,"brandNewField":{"x":1}}]"#;
    let events = webhooks::parse_events(body.as_bytes()).unwrap();
    assert_eq!(events[0].subscription_type, "object.newThing");
    assert_eq!(events[0].extra["brandNewField"]["x"], 1);
    assert!(matches!(
        webhooks::parse_events(b"{}"),
        Err(WebhookError::Body(_))
    ));
}

async fn on_events(VerifiedEvents(events): VerifiedEvents) -> String {
    events
        .iter()
        .map(|e| {
            format!(
                "{}:{}",
                e.subscription_type,
                e.object_id.unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[tokio::test]
async fn an_axum_handler_behind_the_extractor_sees_only_verified_events() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = Router::new()
        .route("/webhooks/hubspot", post(on_events))
        .with_state(WebhookConfig::new(SECRET, "https://example.com"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let now_ms = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_millis()
        .to_string();
    // Sign as HubSpot would for the public URL the app is reached at.
    let sign = |body: &str, timestamp: &str| {
        use base64::Engine as _;
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
        mac.update(
            format!("POSThttps://example.com/webhooks/hubspot?app=1{body}{timestamp}").as_bytes(),
        );
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    };
    let http = tests::http();
    let send = |body: String, signature: String, timestamp: String| {
        http.post(format!("{base}/webhooks/hubspot?app=1"))
            .header("x-hubspot-signature-v3", signature)
            .header("x-hubspot-request-timestamp", timestamp)
            .body(body)
            .send()
    };
    let ok = send(BODY.to_owned(), sign(BODY, &now_ms), now_ms.clone())
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "contact.creation:123");

    let tampered = BODY.replace("123", "124");
    let refused = send(tampered, sign(BODY, &now_ms), now_ms.clone())
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
    let stale = "1700000000000".to_owned();
    let replayed = send(BODY.to_owned(), sign(BODY, &stale), stale)
        .await
        .unwrap();
    assert_eq!(replayed.status(), 401);
    let unsigned = http
        .post(format!("{base}/webhooks/hubspot?app=1"))
        .body(BODY)
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 401);
    let not_events = send("{}".to_owned(), sign("{}", &now_ms), now_ms)
        .await
        .unwrap();
    assert_eq!(not_events.status(), 400);
    // Only a v1 signature: what a captured request looks like with its v3 headers stripped.
    let downgraded = http
        .post(format!("{base}/webhooks/hubspot?app=1"))
        .header("x-hubspot-signature", V1)
        .body(BODY)
        .send()
        .await
        .unwrap();
    assert_eq!(downgraded.status(), 401);
    assert!(downgraded.text().await.unwrap().contains("v3"));
}

/// Serves the extractor with `config` on a free port.
async fn serve(config: WebhookConfig) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/webhooks/hubspot", post(on_events))
        .with_state(config);
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// Sends `BODY` with its v1 signature; asserts the handler saw its event.
async fn send_signed(addr: std::net::SocketAddr) {
    let answer = tests::http()
        .post(format!("http://{addr}/webhooks/hubspot"))
        .header("x-hubspot-signature", V1)
        .body(BODY)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.text().await.unwrap(), "contact.creation:123");
}

#[tokio::test]
async fn legacy_signatures_verify_only_after_the_opt_in() {
    let addr =
        serve(WebhookConfig::new(SECRET, "https://example.com").accept_legacy_signatures()).await;
    send_signed(addr).await;
}

/// Sends a request head announcing `BODY`, then `sent` bytes of it, then reads until the
/// server closes the connection. `close` asks the server to close it after answering.
async fn send_slowly(addr: std::net::SocketAddr, sent: usize, close: bool) -> (String, Duration) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /webhooks/hubspot HTTP/1.1\r\nhost: example.com\r\nx-hubspot-signature: {V1}\r\ncontent-length: {}\r\n{}\r\n",
        BODY.len(),
        if close { "connection: close\r\n" } else { "" }
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&BODY.as_bytes()[..sent]).await.unwrap();
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    // Bounded by the test, not by the server: a server that never answers fails here.
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the server held the connection open");
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

#[tokio::test]
async fn a_stalled_body_gets_408_and_a_closed_connection_within_the_bound() {
    let config = WebhookConfig::new(SECRET, "https://example.com")
        .accept_legacy_signatures()
        .body_timeout(Duration::from_millis(300));
    let addr = serve(config).await;
    // The stalled sender keeps its connection alive: the server answers and closes it anyway.
    let (answer, took) = send_slowly(addr, 10, false).await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    // The positive control: the whole body, promptly, is taken.
    let (answer, _) = send_slowly(addr, BODY.len(), true).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
}

/// 200 senders that each stall one byte short of a 1 MiB body hold no more than the receiver's
/// budget of body bytes; the senders past it are told to retry (503) and let go at once, and a
/// signed request is served meanwhile.
#[tokio::test]
async fn slow_senders_together_stay_within_the_budget_while_a_signed_request_is_served() {
    const BUDGET: usize = 8 << 20;
    let config = WebhookConfig::new(SECRET, "https://example.com")
        .accept_legacy_signatures()
        .body_timeout(Duration::from_secs(20))
        .max_in_flight(BUDGET, 512);
    let addr = serve(config.clone()).await;
    let senders: Vec<_> = (0..200)
        .map(|i| {
            tokio::spawn(tests::stall_one_byte_short(
                addr,
                V1,
                i % 2 == 1,
                Duration::from_secs(5),
            ))
        })
        .collect();
    // Wait (bounded) until the admitted senders hold most of the budget: the attack is on.
    let mut peak = 0;
    for _ in 0..200 {
        let held = config.bytes_in_flight();
        peak = peak.max(held);
        assert!(held <= BUDGET, "{held} bytes held, over the budget");
        if held >= BUDGET / 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        peak >= BUDGET / 2,
        "the senders never held the budget: {peak}"
    );
    send_signed(addr).await;
    assert!(config.bytes_in_flight() <= BUDGET);
    let mut told_to_retry = 0;
    for sender in senders {
        if sender.await.unwrap().as_deref() == Some("HTTP/1.1 503") {
            told_to_retry += 1;
        }
    }
    // At most 8 bodies of 1 MiB fit the budget: the others are refused, not queued.
    assert!(told_to_retry >= 150, "{told_to_retry} told to retry");
}
