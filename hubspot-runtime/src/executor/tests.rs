use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde::Deserialize;

use super::call_url;
use crate::time::{BoxFuture, Time as _, VirtualTime};
use crate::transport::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};
use crate::{
    Client, Error, GiveUpReason, Method, PathBuilder, RateLimitPolicy, Request, RetryConfig,
    WriteOutcome,
};
use reqwest::Url;

type Outcome = Result<HttpResponse, TransportErrorKind>;

/// Answers each attempt with the next scripted outcome and records what was sent.
#[derive(Debug, Clone, Default)]
struct Scripted {
    script: Arc<Mutex<VecDeque<Outcome>>>,
    sent: Arc<Mutex<Vec<HttpRequest>>>,
    time: Option<VirtualTime>,
    attempt_takes: Duration,
    /// Each attempt runs until its timeout, as against a server that drips its body.
    takes_whole_timeout: bool,
    /// When each request was sent, on the virtual clock.
    sent_at: Arc<Mutex<Vec<std::time::Instant>>>,
}

impl Scripted {
    fn new(outcomes: impl IntoIterator<Item = Outcome>) -> Self {
        Self {
            script: Arc::new(Mutex::new(outcomes.into_iter().collect())),
            ..Self::default()
        }
    }

    fn sent(&self) -> Vec<HttpRequest> {
        self.sent.lock().unwrap().clone()
    }

    fn sent_at(&self) -> Vec<std::time::Instant> {
        self.sent_at.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let timeout = request.timeout;
        self.sent.lock().unwrap().push(request);
        if let Some(time) = &self.time {
            self.sent_at.lock().unwrap().push(time.now());
            time.advance(if self.takes_whole_timeout {
                timeout
            } else {
                self.attempt_takes
            });
        }
        let next = self
            .script
            .lock()
            .unwrap()
            .pop_front()
            .expect("the script ran out");
        Box::pin(std::future::ready(
            next.map_err(|kind| TransportError::new(kind, "scripted")),
        ))
    }
}

fn status(code: u16) -> Outcome {
    Ok(HttpResponse::new(code, ""))
}

fn json(code: u16, body: &str) -> Outcome {
    Ok(HttpResponse::new(code, body.to_owned()))
}

fn rate_limited(policy: &str, retry_after: Option<&str>) -> Outcome {
    let body = format!(
        r#"{{"status":"error","message":"You have reached your limit.","errorType":"RATE_LIMIT","correlationId":"corr-429","policyName":"{policy}"}}"#
    );
    let response = HttpResponse::new(429, body);
    Ok(match retry_after {
        Some(value) => response.with_header("retry-after", value),
        None => response,
    })
}

/// The error and its causes, as a reporter such as `anyhow` prints them.
fn chain(error: &Error) -> String {
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(current) = cause {
        text.push_str(": ");
        text.push_str(&current.to_string());
        cause = current.source();
    }
    text
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

struct Harness {
    transport: Scripted,
    time: VirtualTime,
    client: Client,
}

fn harness(outcomes: impl IntoIterator<Item = Outcome>, retry: RetryConfig) -> Harness {
    harness_with(Scripted::new(outcomes), retry, |b| b)
}

fn harness_with(
    mut transport: Scripted,
    retry: RetryConfig,
    configure: impl FnOnce(crate::ClientBuilder) -> crate::ClientBuilder,
) -> Harness {
    let time = VirtualTime::starting_at(SystemTime::UNIX_EPOCH + secs(784_111_777));
    transport.time = Some(time.clone());
    // A host of its own, so no other test shares this client's rate limiter.
    static PORTS: std::sync::atomic::AtomicU16 = std::sync::atomic::AtomicU16::new(10_000);
    let port = PORTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let builder = Client::builder()
        .access_token("pat-na1-top-secret")
        .base_url(format!("http://127.0.0.1:{port}"))
        .transport(transport.clone())
        .time(time.clone())
        .retry(retry);
    let client = configure(builder).build().unwrap();
    Harness {
        transport,
        time,
        client,
    }
}

/// A harness whose client has no rate limiter: 429s go through the retry policy.
fn harness_off(outcomes: impl IntoIterator<Item = Outcome>, retry: RetryConfig) -> Harness {
    harness_with(Scripted::new(outcomes), retry, |b| b.rate_limiter(false))
}

fn exact() -> RetryConfig {
    RetryConfig::default().with_jitter(false)
}

fn get() -> Request<serde_json::Value> {
    Request::new(
        Method::Get,
        "/crm/v3/objects/deals/<id>",
        PathBuilder::new()
            .literal("/crm/v3/objects/deals/")
            .param("id", &"42"),
    )
}

fn create() -> Request<serde_json::Value> {
    Request::new(
        Method::Post,
        "/crm/v3/objects/deals",
        PathBuilder::new().literal("/crm/v3/objects/deals"),
    )
    .json(&serde_json::json!({"properties": {"dealname": "x"}}))
}

#[tokio::test]
async fn backs_off_two_four_eight_without_jitter() {
    let h = harness(
        [status(503), status(502), status(504), json(200, "{}")],
        exact(),
    );
    get().send(&h.client).await.unwrap();
    assert_eq!(h.time.sleeps(), [secs(2), secs(4), secs(8)]);
    assert_eq!(h.transport.sent().len(), 4);
}

#[tokio::test]
async fn jitter_keeps_each_wait_in_its_upper_half() {
    for _ in 0..20 {
        let h = harness(
            [status(503), status(503), status(503), json(200, "{}")],
            RetryConfig::default(),
        );
        get().send(&h.client).await.unwrap();
        let sleeps = h.time.sleeps();
        assert_eq!(sleeps.len(), 3);
        for (sleep, full) in sleeps.iter().zip([secs(2), secs(4), secs(8)]) {
            assert!(
                *sleep >= full / 2 && *sleep <= full,
                "{sleep:?} outside [{:?}, {full:?}]",
                full / 2
            );
        }
    }
}

#[tokio::test]
async fn never_sleeps_after_the_last_attempt() {
    let h = harness(
        [status(503), status(503), status(503), status(503)],
        exact(),
    );
    let error = get().send(&h.client).await.unwrap_err();
    assert_eq!(h.time.sleeps(), [secs(2), secs(4), secs(8)]);
    let Error::GaveUp {
        reason,
        attempts,
        elapsed,
        outcome,
        last,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*reason, GiveUpReason::AttemptsExhausted);
    assert_eq!(*attempts, 4);
    assert_eq!(*outcome, WriteOutcome::Unknown);
    assert_eq!(*elapsed, secs(14));
    assert_eq!(last.as_deref().and_then(Error::status), Some(503));
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.attempts(), Some(4));
    assert!(error.is_retryable());
}

#[tokio::test]
async fn without_the_limiter_retry_after_wins_when_longer_than_backoff() {
    let h = harness_off(
        [
            rate_limited("TEN_SECONDLY_ROLLING", Some("7")),
            rate_limited("TEN_SECONDLY_ROLLING", Some("1")),
            json(200, "{}"),
        ],
        exact(),
    );
    get().send(&h.client).await.unwrap();
    assert_eq!(h.time.sleeps(), [secs(7), secs(4)]);
}

#[tokio::test]
async fn retry_after_http_date_is_relative_to_the_clock() {
    // The harness clock reads Sun, 06 Nov 1994 08:49:37 GMT.
    let h = harness(
        [
            rate_limited(
                "TEN_SECONDLY_ROLLING",
                Some("Sun, 06 Nov 1994 08:49:50 GMT"),
            ),
            json(200, "{}"),
        ],
        exact(),
    );
    get().send(&h.client).await.unwrap();
    assert_eq!(h.time.sleeps(), [secs(13)]);
}

#[tokio::test]
async fn without_the_limiter_a_bad_retry_after_falls_back_to_backoff() {
    let h = harness_off(
        [
            rate_limited("TEN_SECONDLY_ROLLING", Some("-5")),
            rate_limited("TEN_SECONDLY_ROLLING", Some("later")),
            rate_limited("TEN_SECONDLY_ROLLING", Some("60")),
            json(200, "{}"),
        ],
        exact(),
    );
    get().send(&h.client).await.unwrap();
    assert_eq!(h.time.sleeps(), [secs(2), secs(4), secs(60)]);
}

#[tokio::test]
async fn a_far_future_retry_after_ends_the_call_at_once_on_429_423_477_and_503() {
    let day = "86400";
    let date = "Mon, 07 Nov 1994 08:49:37 GMT";
    let far = [
        rate_limited("TEN_SECONDLY_ROLLING", Some(day)),
        rate_limited("TEN_SECONDLY_ROLLING", Some(date)),
        Ok(HttpResponse::new(423, "").with_header("retry-after", day)),
        Ok(HttpResponse::new(477, "").with_header("retry-after", date)),
        Ok(HttpResponse::new(503, "").with_header("retry-after", day)),
    ];
    for outcome in far {
        let h = harness([outcome], exact());
        let error = get().send(&h.client).await.unwrap_err();
        assert!(
            matches!(&error, Error::GaveUp { reason: GiveUpReason::RetryAfterTooLong { requested }, attempts: 1, .. } if *requested == secs(86_400)),
            "{error:?}"
        );
        assert!(h.time.sleeps().is_empty());
        assert!(error.is_retryable(), "HubSpot may take it later");
    }
}

#[tokio::test]
async fn daily_limit_is_returned_at_once() {
    let h = harness([rate_limited("DAILY", Some("5"))], exact());
    let error = get().send(&h.client).await.unwrap_err();
    assert!(
        matches!(
            &error,
            Error::RateLimited {
                policy: RateLimitPolicy::Daily,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(h.time.sleeps().is_empty());
    assert_eq!(error.correlation_id(), Some("corr-429"));
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_sleep_that_would_pass_the_deadline_is_not_taken() {
    let h = harness_with(
        Scripted::new([status(503), status(503), status(503)]),
        exact(),
        |b| b.deadline(secs(10)),
    );
    let error = get().send(&h.client).await.unwrap_err();
    // 2 s and 4 s fit in 10 s; the next 8 s would end at 14 s.
    assert_eq!(h.time.sleeps(), [secs(2), secs(4)]);
    assert!(
        matches!(&error, Error::GaveUp { reason: GiveUpReason::DeadlineExceeded { next_delay }, attempts: 3, .. } if *next_delay == secs(8)),
        "{error:?}"
    );
}

#[tokio::test]
async fn attempts_share_what_is_left_of_the_deadline() {
    let mut transport = Scripted::new([status(503), status(503), json(200, "{}")]);
    transport.attempt_takes = secs(3);
    let h = harness_with(transport, exact(), |b| {
        b.deadline(secs(20)).attempt_timeout(secs(30))
    });
    get().deadline(secs(16)).send(&h.client).await.unwrap();
    let timeouts: Vec<_> = h.transport.sent().iter().map(|r| r.timeout).collect();
    // 16 s; after 3 + 2 s: 11 s; after 3 + 4 more: 4 s.
    assert_eq!(timeouts, [secs(16), secs(11), secs(4)]);
}

#[tokio::test]
async fn the_retry_budget_is_shared_and_stops_a_storm() {
    let h = harness(
        [
            status(503),
            status(503),
            status(503),
            status(503),
            status(503),
        ],
        exact().with_retry_budget(Some(12)),
    );
    let first = get().send(&h.client).await.unwrap_err();
    assert!(
        matches!(
            &first,
            Error::GaveUp {
                reason: GiveUpReason::RetryBudgetExhausted,
                attempts: 3,
                ..
            }
        ),
        "{first:?}"
    );
    let second = get().send(&h.client).await.unwrap_err();
    assert!(
        matches!(
            &second,
            Error::GaveUp {
                reason: GiveUpReason::RetryBudgetExhausted,
                attempts: 1,
                ..
            }
        ),
        "{second:?}"
    );
    assert_eq!(h.transport.sent().len(), 4);
    assert_eq!(h.time.sleeps(), [secs(2), secs(4)]);
}

#[tokio::test]
async fn a_give_up_reports_what_an_earlier_attempt_may_have_done() {
    // The first attempt timed out (perhaps applied); the later ones never connected.
    let h = harness(
        [
            Err(TransportErrorKind::Timeout),
            Err(TransportErrorKind::Connect),
            Err(TransportErrorKind::Connect),
            Err(TransportErrorKind::Connect),
        ],
        exact(),
    );
    let error = get().send(&h.client).await.unwrap_err();
    let Error::GaveUp { last, .. } = &error else {
        panic!("{error:?}")
    };
    let last = last.as_deref().unwrap();
    assert_eq!(last.write_outcome(), WriteOutcome::NotApplied, "{last}");
    assert_eq!(error.write_outcome(), WriteOutcome::Unknown, "{error}");
    assert!(error.write_outcome() == WriteOutcome::Unknown);
}

#[tokio::test]
async fn a_success_whose_body_fails_was_applied() {
    let broken = |kind| {
        Err::<HttpResponse, _>(TransportError::new(kind, "scripted").with_response_status(200))
    };
    for kind in [TransportErrorKind::Other, TransportErrorKind::BodyTooLarge] {
        let error = Error::Transport(broken(kind).unwrap_err());
        assert_eq!(error.write_outcome(), WriteOutcome::Applied, "{error}");
        assert!(error.write_outcome() != WriteOutcome::Unknown);
        assert_eq!(error.status(), Some(200));
        assert!(error.to_string().contains("was applied"), "{error}");
    }
    let h = harness([json(201, "{\"id\": ")], exact());
    let error = create().send(&h.client).await.unwrap_err();
    assert!(
        matches!(error, Error::Decode { status: 201, .. }),
        "{error:?}"
    );
    assert_eq!(error.write_outcome(), WriteOutcome::Applied);
    let error = Error::Transport(TransportError::new(TransportErrorKind::Other, "lost"));
    assert_eq!(
        error.write_outcome(),
        WriteOutcome::Unknown,
        "no status: unknown"
    );
}

#[tokio::test]
async fn a_create_is_not_retried_on_503_and_the_error_says_why() {
    let h = harness([status(503)], exact());
    let error = create().send(&h.client).await.unwrap_err();
    assert!(
        matches!(&error, Error::Api(api) if api.status == 503),
        "{error:?}"
    );
    assert_eq!(h.transport.sent().len(), 1);
    assert!(error.write_outcome() == WriteOutcome::Unknown);
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_url_too_long_to_send_fails_before_any_attempt() {
    let h = harness([], exact());
    let id = "x".repeat(100 * 1024);
    let request: Request<()> = Request::new(
        Method::Get,
        "/x/<id>",
        PathBuilder::new().literal("/x/").param("id", &id),
    );
    let error = request.send(&h.client).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest(m) if m.contains("nothing was sent")),
        "{error}"
    );
    assert!(!error.is_retryable() && error.write_outcome() != WriteOutcome::Unknown);
    assert!(h.transport.sent().is_empty());
    assert!(h.time.sleeps().is_empty());
}

#[tokio::test]
async fn an_unsendable_request_is_not_retried() {
    let h = harness([Err(TransportErrorKind::InvalidRequest)], exact());
    let error = get().send(&h.client).await.unwrap_err();
    assert!(matches!(&error, Error::Transport(_)), "{error:?}");
    assert!(!error.is_retryable() && error.write_outcome() != WriteOutcome::Unknown);
    assert_eq!(h.transport.sent().len(), 1);
}

#[tokio::test]
async fn oversized_answers_are_not_retried_and_leave_the_outcome_unknown() {
    for kind in [
        TransportErrorKind::HeadersTooLarge,
        TransportErrorKind::BodyTooLarge,
    ] {
        let h = harness([Err(kind)], exact());
        let error = get().send(&h.client).await.unwrap_err();
        assert!(
            error.write_outcome() == WriteOutcome::Unknown && !error.is_retryable(),
            "{error:?}"
        );
        assert_eq!(h.transport.sent().len(), 1);
    }
}

#[tokio::test]
async fn the_default_deadline_bounds_a_call_whose_attempts_all_time_out() {
    let mut transport = Scripted::new((0..10).map(|_| Err(TransportErrorKind::Timeout)));
    transport.takes_whole_timeout = true;
    let h = harness_with(transport, exact().with_max_attempts(10), |b| b);
    let error = get().send(&h.client).await.unwrap_err();
    let timeouts: Vec<_> = h.transport.sent().iter().map(|r| r.timeout).collect();
    // 30 s each, 2 + 4 + 8 s between; the fourth gets the 16 s left of the 2 minutes.
    assert_eq!(timeouts, [secs(30), secs(30), secs(30), secs(16)]);
    assert!(
        matches!(
            &error,
            Error::GaveUp {
                reason: GiveUpReason::DeadlineExceeded { .. },
                ..
            }
        ),
        "{error:?}"
    );
    assert!(h.time.elapsed() <= secs(120), "{:?}", h.time.elapsed());
}

#[tokio::test]
async fn the_budget_refunds_what_a_success_spent_on_retries() {
    let h = harness(
        [status(503), status(503), json(200, "{}"), json(200, "{}")],
        exact().with_retry_budget(Some(100)),
    );
    let budget = || h.client.executor().budget.available();
    get().send(&h.client).await.unwrap();
    // Two retries cost 10 and the success gave those 10 back.
    assert_eq!(budget(), 100);
    // A first-try success earns one token, up to the capacity.
    h.client.executor().budget.try_withdraw(3);
    get().send(&h.client).await.unwrap();
    assert_eq!(budget(), 98);
}

#[tokio::test]
async fn a_retry_after_a_timeout_costs_double() {
    let h = harness(
        [Err(TransportErrorKind::Timeout), status(503), status(404)],
        exact().with_retry_budget(Some(100)),
    );
    get().send(&h.client).await.unwrap_err();
    assert_eq!(h.client.executor().budget.available(), 100 - 10 - 5);
}

#[tokio::test]
async fn a_wait_that_ends_exactly_at_the_deadline_is_not_taken() {
    let h = harness_with(Scripted::new([status(503)]), exact(), |b| {
        b.deadline(secs(2))
    });
    let error = get().send(&h.client).await.unwrap_err();
    assert!(
        matches!(&error, Error::GaveUp { reason: GiveUpReason::DeadlineExceeded { next_delay }, attempts: 1, .. } if *next_delay == secs(2)),
        "{error:?}"
    );
    assert!(h.time.sleeps().is_empty());
}

#[tokio::test]
async fn each_cause_appears_once_in_the_chain() {
    let h = harness(
        [
            Err(TransportErrorKind::Other),
            Err(TransportErrorKind::Other),
            status(503),
            status(503),
        ],
        exact(),
    );
    let error = get().send(&h.client).await.unwrap_err();
    let mut texts = vec![error.to_string()];
    let mut cause = std::error::Error::source(&error);
    while let Some(current) = cause {
        texts.push(current.to_string());
        cause = current.source();
    }
    // GaveUp, then the last 503 (a HubSpot error has no further source).
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts[1].contains("503"), "{texts:?}");
    for (i, text) in texts.iter().enumerate() {
        for later in &texts[i + 1..] {
            assert!(!text.contains(later.as_str()), "{text:?} repeats {later:?}");
        }
    }
    let transport = TransportError::new(TransportErrorKind::Other, "connection reset by peer");
    assert!(!transport.to_string().contains("reset"));
    assert_eq!(
        std::error::Error::source(&transport).unwrap().to_string(),
        "connection reset by peer"
    );
}

#[tokio::test]
async fn a_create_is_retried_on_429_and_on_a_refused_connection() {
    let h = harness(
        [
            rate_limited("TEN_SECONDLY_ROLLING", None),
            Err(TransportErrorKind::Connect),
            json(201, r#"{"id":"1"}"#),
        ],
        exact(),
    );
    let created = create().send(&h.client).await.unwrap();
    assert_eq!(created["id"], "1");
    assert_eq!(h.transport.sent().len(), 3);
}

#[tokio::test]
async fn a_create_that_timed_out_is_not_retried_and_says_the_outcome_is_unknown() {
    for kind in [TransportErrorKind::Timeout, TransportErrorKind::Other] {
        let h = harness([Err(kind)], exact());
        let error = create().send(&h.client).await.unwrap_err();
        assert!(error.write_outcome() == WriteOutcome::Unknown, "{error:?}");
        assert!(error.to_string().contains("outcome is unknown"), "{error}");
        assert_eq!(h.transport.sent().len(), 1);
    }
}

#[tokio::test]
async fn a_read_that_timed_out_is_retried() {
    let h = harness(
        [
            Err(TransportErrorKind::Timeout),
            Err(TransportErrorKind::Other),
            json(200, "{}"),
        ],
        exact(),
    );
    get().send(&h.client).await.unwrap();
    assert_eq!(h.time.sleeps(), [secs(2), secs(4)]);
}

#[tokio::test]
async fn a_post_marked_idempotent_is_retried_on_503() {
    let h = harness([status(503), json(200, "{}")], exact());
    create().idempotent(true).send(&h.client).await.unwrap();
    assert_eq!(h.transport.sent().len(), 2);
}

/// The error of a write refused at its second attempt, after a first that may have applied.
fn assert_refused_after_unknown(error: &Error) {
    assert!(
        matches!(
            error,
            Error::GaveUp {
                reason: GiveUpReason::RefusedAfterUnknown,
                attempts: 2,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.write_outcome(), WriteOutcome::Unknown, "{error}");
}

#[tokio::test]
async fn a_refusal_after_an_attempt_that_may_have_applied_says_so() {
    let h = harness([Err(TransportErrorKind::Other), status(400)], exact());
    let error = create().idempotent(true).send(&h.client).await.unwrap_err();
    assert_refused_after_unknown(&error);
    assert_eq!(error.status(), Some(400));
    // Control: a refusal at the first attempt is the refusal itself.
    let h = harness([status(400)], exact());
    let error = create().idempotent(true).send(&h.client).await.unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.write_outcome(), WriteOutcome::NotApplied);
}

#[tokio::test]
async fn locked_waits_at_least_two_seconds() {
    let h = harness(
        [status(423), json(200, "{}")],
        exact().with_initial_backoff(Duration::from_millis(100)),
    );
    create().send(&h.client).await.unwrap();
    assert_eq!(h.time.sleeps(), [secs(2)]);
}

#[tokio::test]
async fn migration_in_progress_waits_or_returns() {
    let wait = Ok(HttpResponse::new(477, "").with_header("retry-after", "30"));
    let h = harness([wait, json(200, "{}")], exact());
    get().send(&h.client).await.unwrap();
    assert_eq!(h.time.sleeps(), [secs(30)]);

    let too_long = Ok(HttpResponse::new(477, "").with_header("retry-after", "3600"));
    let h = harness([too_long], exact());
    let error = get().send(&h.client).await.unwrap_err();
    assert_eq!(error.api_error().unwrap().retry_after, Some(secs(3600)));
    assert!(h.time.sleeps().is_empty());
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    for code in [400, 401, 403, 404, 409, 414] {
        let h = harness(
            [json(
                code,
                r#"{"message":"nope","category":"VALIDATION_ERROR","correlationId":"c"}"#,
            )],
            exact(),
        );
        let error = get().send(&h.client).await.unwrap_err();
        assert_eq!(error.status(), Some(code));
        assert_eq!(
            error.api_error().unwrap().body.category.as_deref(),
            Some("VALIDATION_ERROR")
        );
        assert_eq!(h.transport.sent().len(), 1, "{code}");
    }
}

#[derive(Debug, Deserialize)]
struct Batch {
    results: Vec<serde_json::Value>,
    #[serde(default)]
    errors: Vec<crate::ApiErrorBody>,
}

#[tokio::test]
async fn multi_status_is_a_success_with_readable_item_errors() {
    let body = r#"{"status":"COMPLETE","results":[{"id":"1"}],"numErrors":1,"errors":[{"status":"error","category":"OBJECT_NOT_FOUND","message":"not found","context":{"id":["2"]}}]}"#;
    let h = harness([json(207, body)], exact());
    let request: Request<Batch> = Request::new(
        Method::Post,
        "/batch/read",
        PathBuilder::new().literal("/batch/read"),
    )
    .idempotent(true);
    let batch = request.send(&h.client).await.unwrap();
    assert_eq!(batch.results.len(), 1);
    assert_eq!(batch.errors[0].context["id"], ["2"]);
}

#[tokio::test]
async fn no_content_and_empty_bodies_decode_to_unit() {
    let h = harness([status(204), status(200)], exact());
    let archive = || {
        Request::<()>::new(
            Method::Delete,
            "/x/<id>",
            PathBuilder::new().literal("/x/").param("id", &1),
        )
    };
    archive().send(&h.client).await.unwrap();
    archive().send(&h.client).await.unwrap();
}

#[tokio::test]
async fn a_malformed_success_body_is_a_decode_error_and_not_retried() {
    let h = harness([json(200, r#"{"results": 5"#)], exact());
    let request: Request<Batch> = Request::new(Method::Get, "/x", PathBuilder::new().literal("/x"));
    let error = request.send(&h.client).await.unwrap_err();
    assert!(
        matches!(error, Error::Decode { status: 200, .. }),
        "{error:?}"
    );
    assert_eq!(h.transport.sent().len(), 1);
}

#[tokio::test]
async fn a_proxy_html_502_is_retried_then_reported() {
    let page = || {
        Ok(HttpResponse::new(
            502,
            "<html><h1>502 Bad Gateway</h1></html>",
        ))
    };
    let h = harness([page(), page(), page(), page()], exact());
    let error = get().send(&h.client).await.unwrap_err();
    assert!(chain(&error).contains("502 Bad Gateway"), "{error}");
    assert_eq!(h.transport.sent().len(), 4);
}

#[tokio::test]
async fn a_bad_path_argument_fails_before_sending() {
    let h = harness([], exact());
    let request: Request<()> = Request::new(
        Method::Delete,
        "/x/<id>",
        PathBuilder::new().literal("/x/").param("id", &".."),
    );
    let error = request.send(&h.client).await.unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(h.transport.sent().is_empty());
}

#[tokio::test]
async fn logs_carry_the_template_and_never_the_token_or_filled_path() {
    let buffer = captured_logs();

    let h = harness_off(
        [
            rate_limited("TEN_SECONDLY_ROLLING", None),
            status(503),
            status(503),
            status(503),
        ],
        exact(),
    );
    let email = "jane+1@example.com";
    let request: Request<()> = Request::new(
        Method::Get,
        "/crm/v3/objects/contacts/<id>",
        PathBuilder::new()
            .literal("/crm/v3/objects/contacts/")
            .param("id", &email),
    )
    .query_param("idProperty", "email");
    let error = request.send(&h.client).await.unwrap_err();

    // Other tests log concurrently into the same buffer; this test's template is its own.
    let logs: String = String::from_utf8(buffer.lock().unwrap().clone())
        .unwrap()
        .lines()
        .filter(|line| {
            line.contains("/crm/v3/objects/contacts/<id>")
                || line.contains("jane")
                || line.contains("top-secret")
        })
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(
        logs.matches("retrying HubSpot request").count(),
        3,
        "{logs}"
    );
    assert_eq!(
        logs.matches("gave up on HubSpot request").count(),
        1,
        "{logs}"
    );
    for field in [
        "attempt=1",
        "max_attempts=4",
        "delay_ms=2000",
        "status=429",
        "method=\"GET\"",
        "path=\"/crm/v3/objects/contacts/<id>\"",
        "correlation_id=\"corr-429\"",
    ] {
        assert!(logs.contains(field), "missing {field} in {logs}");
    }
    let sent = h.transport.sent();
    for text in [
        logs.clone(),
        format!("{error:?}"),
        error.to_string(),
        format!("{:?}", h.client),
    ] {
        assert!(!text.contains("top-secret"), "token leaked: {text}");
        assert!(!text.contains("jane"), "filled path leaked: {text}");
    }
    assert!(!format!("{:?}", sent[0]).contains("top-secret"));
    assert!(
        sent[0]
            .url
            .as_str()
            .ends_with("/crm/v3/objects/contacts/jane%2B1%40example.com?idProperty=email")
    );
}

/// Every log line of this test binary. A process-wide subscriber, because a thread-local one
/// races with `tracing`'s per-callsite interest cache when tests run in parallel.
fn captured_logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: std::sync::OnceLock<Arc<Mutex<Vec<u8>>>> = std::sync::OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || LogWriter(writer.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber)
            .expect("only this test installs a subscriber");
        buffer
    })
    .clone()
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn search() -> Request<serde_json::Value> {
    Request::new(
        Method::Post,
        "/crm/v3/objects/deals/search",
        PathBuilder::new().literal("/crm/v3/objects/deals/search"),
    )
    .idempotent(true)
    .with_lane(crate::Lane::Search)
}

#[tokio::test]
async fn the_search_lane_is_paced_at_five_per_second() {
    let h = harness((0..7).map(|_| json(200, "{}")), exact());
    for _ in 0..7 {
        search().send(&h.client).await.unwrap();
    }
    // Five at once; the sixth and seventh when the first five leave the window (1 s and a
    // 20 ms margin).
    assert_eq!(h.time.sleeps(), [Duration::from_millis(1020)]);
}

#[tokio::test]
async fn the_standard_lane_starts_at_100_per_10_seconds_and_can_be_unpaced() {
    let h = harness((0..101).map(|_| json(200, "{}")), exact());
    for _ in 0..101 {
        get().send(&h.client).await.unwrap();
    }
    assert_eq!(h.time.sleeps(), [Duration::from_millis(10_200)]);

    let h = harness_with(
        Scripted::new((0..120).map(|_| json(200, "{}"))),
        exact(),
        |b| b.rate_limit(crate::Lane::Standard, None),
    );
    for _ in 0..120 {
        get().send(&h.client).await.unwrap();
    }
    assert!(h.time.sleeps().is_empty());
}

/// A 200 carrying HubSpot's rate-limit headers.
fn limited(max: u32, interval_ms: u64, remaining: u32) -> Outcome {
    Ok(HttpResponse::new(200, "{}")
        .with_header("x-hubspot-ratelimit-max", &max.to_string())
        .with_header(
            "x-hubspot-ratelimit-interval-milliseconds",
            &interval_ms.to_string(),
        )
        .with_header("x-hubspot-ratelimit-remaining", &remaining.to_string()))
}

/// Records every limiter event.
fn events(
    builder: crate::ClientBuilder,
) -> (crate::ClientBuilder, Arc<Mutex<Vec<crate::LimitEvent>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    (
        builder.on_limit_event(move |event| sink.lock().unwrap().push(event.clone())),
        seen,
    )
}

#[tokio::test]
async fn the_limit_is_learned_from_the_headers() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let h = harness_with(
        Scripted::new([
            limited(2, 1000, 1),
            limited(2, 1000, 0),
            limited(2, 1000, 1),
        ]),
        exact(),
        |b| b.on_limit_event(move |event| sink.lock().unwrap().push(event.clone())),
    );
    for _ in 0..3 {
        get().send(&h.client).await.unwrap();
    }
    // Two per second now: the third waits for the first to leave the window.
    assert_eq!(h.time.sleeps(), [Duration::from_millis(1020)]);
    let seen = seen.lock().unwrap();
    assert_eq!(
        seen[0],
        crate::LimitEvent::Learned {
            limit: crate::RateLimit::new(2, secs(1))
        }
    );
    assert!(
        matches!(seen[1], crate::LimitEvent::Waited { .. }),
        "{seen:?}"
    );
}

#[tokio::test]
async fn what_the_server_counted_from_elsewhere_is_left_alone() {
    // The server says 9 of 10 are used after this client's first request.
    let h = harness_with(
        Scripted::new([limited(10, 1000, 1), json(200, "{}"), json(200, "{}")]),
        exact(),
        |b| b,
    );
    for _ in 0..3 {
        get().send(&h.client).await.unwrap();
    }
    assert_eq!(h.time.sleeps(), [Duration::from_millis(1020)]);
}

#[tokio::test]
async fn the_window_holds_under_concurrency() {
    let transport = Scripted::new((0..40).map(|_| json(200, "{}")));
    let h = harness_with(transport, exact(), |b| {
        b.rate_limit(
            crate::Lane::Standard,
            Some(crate::RateLimit::new(10, secs(1))),
        )
    });
    let tasks: Vec<_> = (0..40)
        .map(|_| {
            let client = h.client.clone();
            tokio::spawn(async move { get().send(&client).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let sent = h.transport.sent_at();
    assert_eq!(sent.len(), 40);
    for (i, t) in sent.iter().enumerate() {
        let in_window = sent[i..].iter().filter(|u| **u - *t < secs(1)).count();
        assert!(
            in_window <= 10,
            "{in_window} sends in the second from send {i}"
        );
    }
}

#[tokio::test]
async fn a_429_pauses_the_lane_for_every_client_of_the_token_without_using_attempts() {
    let time = VirtualTime::starting_at(SystemTime::UNIX_EPOCH + secs(784_111_777));
    let a = Scripted::new(
        (0..6)
            .map(|_| rate_limited("TEN_SECONDLY_ROLLING", Some("3")))
            .chain([json(200, "{}")]),
    );
    let b = Scripted::new([json(200, "{}")]);
    let base = "http://127.0.0.1:9999";
    let client = |transport: Scripted| {
        Client::builder()
            .access_token("pat-na1-shared-pause")
            .base_url(base)
            .transport(transport)
            .time(time.clone())
            .retry(exact())
            .build()
            .unwrap()
    };
    let (client_a, client_b) = (client(a.clone()), client(b.clone()));
    // Six 429s in a row: more than the four attempts, yet the call succeeds.
    get().send(&client_a).await.unwrap();
    assert_eq!(a.sent().len(), 7);
    assert_eq!(time.sleeps(), vec![secs(3); 6]);
    // The other client of the same token is held by the last pause too.
    let (client_c, seen) = {
        let (builder, seen) = events(
            Client::builder()
                .access_token("pat-na1-shared-pause")
                .base_url(base)
                .transport(Scripted::new([rate_limited(
                    "TEN_SECONDLY_ROLLING",
                    Some("2"),
                )]))
                .time(time.clone())
                .retry(exact())
                // Too short to wait out the pause: the call ends, the pause stays.
                .deadline(secs(1)),
        );
        (builder.build().unwrap(), seen)
    };
    get().send(&client_c).await.unwrap_err();
    let before = time.sleeps().len();
    get().send(&client_b).await.unwrap();
    assert_eq!(
        time.sleeps()[before..],
        [secs(2)],
        "paused by client c's 429"
    );
    assert!(matches!(
        seen.lock().unwrap()[0],
        crate::LimitEvent::RateLimited { lane: crate::Lane::Standard, pause, .. } if pause == secs(2)
    ));
}

#[tokio::test]
async fn the_daily_cap_is_a_clear_error_without_waiting() {
    let exhausted = Ok(HttpResponse::new(200, "{}")
        .with_header("x-hubspot-ratelimit-daily", "250000")
        .with_header("x-hubspot-ratelimit-daily-remaining", "0"));
    let h = harness([exhausted], exact());
    get().send(&h.client).await.unwrap();
    let error = get().send(&h.client).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::DailyLimitReached {
                limit: Some(250_000)
            }
        ),
        "{error:?}"
    );
    assert!(!error.is_retryable());
    assert_eq!(h.transport.sent().len(), 1, "refused without sending");
    assert!(h.time.sleeps().is_empty());

    // A DAILY 429 closes the lane too.
    let h = harness([rate_limited("DAILY", None)], exact());
    let first = get().send(&h.client).await.unwrap_err();
    assert!(matches!(
        first,
        Error::RateLimited {
            policy: RateLimitPolicy::Daily,
            ..
        }
    ));
    let second = get().send(&h.client).await.unwrap_err();
    assert!(
        matches!(second, Error::DailyLimitReached { .. }),
        "{second:?}"
    );
    assert_eq!(h.transport.sent().len(), 1);
    assert!(h.time.sleeps().is_empty());
}

#[tokio::test]
async fn calls_refused_by_their_deadline_while_waiting_take_no_slot() {
    let h = harness_with(
        Scripted::new((0..2).map(|_| json(200, "{}"))),
        exact(),
        |b| {
            b.rate_limit(
                crate::Lane::Standard,
                Some(crate::RateLimit::new(1, secs(10))),
            )
            .deadline(secs(5))
        },
    );
    get().send(&h.client).await.unwrap();
    for _ in 0..5 {
        let error = get().send(&h.client).await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::GaveUp {
                    reason: GiveUpReason::DeadlineExceeded { .. },
                    attempts: 0,
                    ..
                }
            ),
            "{error:?}"
        );
    }
    h.time.advance(Duration::from_millis(10_200));
    // Had any refused call kept a slot, this one would wait another window.
    get().send(&h.client).await.unwrap();
    assert!(h.time.sleeps().is_empty());
}

/// Virtual time whose sleeps never end: a call that waits stays parked until dropped.
#[derive(Debug, Clone)]
struct StuckTime(VirtualTime);

impl crate::time::Time for StuckTime {
    fn now(&self) -> std::time::Instant {
        self.0.now()
    }
    fn system_now(&self) -> SystemTime {
        self.0.system_now()
    }
    fn sleep(&self, _: Duration) -> BoxFuture<'static, ()> {
        Box::pin(std::future::pending())
    }
}

#[tokio::test]
async fn a_call_dropped_while_waiting_gives_back_its_places() {
    let time = VirtualTime::new();
    let transport = Scripted::new((0..2).map(|_| json(200, "{}")));
    let client = Client::builder()
        .access_token("pat-na1-dropped")
        .base_url("http://127.0.0.1:9998")
        .transport(transport.clone())
        .time(StuckTime(time.clone()))
        .rate_limit(
            crate::Lane::Standard,
            Some(crate::RateLimit::new(1, secs(10))),
        )
        .max_in_flight(1)
        .build()
        .unwrap();
    get().send(&client).await.unwrap();
    let waiting = tokio::spawn({
        let client = client.clone();
        async move { get().send(&client).await }
    });
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    waiting.abort();
    assert!(waiting.await.unwrap_err().is_cancelled());
    time.advance(Duration::from_millis(10_200));
    // Neither the window slot nor the one place in flight was kept by the dropped call.
    tokio::time::timeout(Duration::from_secs(5), get().send(&client))
        .await
        .expect("the next call is not blocked")
        .unwrap();
    assert_eq!(transport.sent().len(), 2);
}

#[tokio::test]
async fn a_rate_limit_slot_past_the_deadline_is_not_waited_for() {
    let h = harness_with(
        Scripted::new((0..5).map(|_| json(200, "{}"))),
        exact(),
        |b| b.deadline(Duration::from_millis(150)),
    );
    for _ in 0..5 {
        search().send(&h.client).await.unwrap();
    }
    let error = search().send(&h.client).await.unwrap_err();
    assert!(
        matches!(
            &error,
            Error::GaveUp {
                reason: GiveUpReason::DeadlineExceeded { .. },
                attempts: 0,
                last: None,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(h.time.sleeps().is_empty());
    assert_eq!(h.transport.sent().len(), 5);
}

proptest::proptest! {
    /// A call's URL, built on the base parsed once, is the URL its whole text parses into,
    /// whatever the parameters and query hold.
    #[test]
    fn a_call_url_is_what_its_text_parses_into(
        prefix in proptest::prop_oneof![
            proptest::strategy::Just(""),
            proptest::strategy::Just("/fallback"),
            proptest::strategy::Just("/a/b"),
        ],
        id in proptest::arbitrary::any::<String>(),
        // What a template's literal parts can hold; the parameters above can hold anything.
        raw in "(/[a-zA-Z0-9._~:@!$&'()*+,;=%-]{0,10}){0,3}",
        pairs in proptest::collection::vec(
            (proptest::arbitrary::any::<String>(), proptest::arbitrary::any::<String>()),
            0..4,
        ),
    ) {
        let text = format!("http://127.0.0.1:8080{prefix}");
        let base = Url::parse(&text).unwrap();
        let built = PathBuilder::new().literal("/crm/objects/").param("id", &id).literal(&raw);
        let path = Request::<()>::new(Method::Get, "/crm/objects/<id>", built).path().to_owned();
        let whole = Url::parse(&format!("{text}{}", crate::query::encode(&path, &pairs))).unwrap();
        let built = call_url(&base, &path, &pairs);
        proptest::prop_assert_eq!(built.as_str(), whole.as_str());
    }
}

/// A write safe to repeat whose first attempt may have been applied (a lost connection), then
/// met an exit the executor takes itself (a 401 no fresh token mends, the daily cap): the error
/// says the write may have been applied, with the refusal as its cause.
#[tokio::test]
async fn every_exit_after_an_attempt_that_may_have_applied_says_so() {
    let unauthorized = json(
        401,
        r#"{"status":"error","message":"Authentication credentials not found."}"#,
    );
    for second in [unauthorized, rate_limited("DAILY", None)] {
        let h = harness_off([Err(TransportErrorKind::Other), second], exact());
        let error = create().idempotent(true).send(&h.client).await.unwrap_err();
        assert_refused_after_unknown(&error);
        assert_eq!(h.transport.sent().len(), 2);
    }
    // Control: the same 401 at the first attempt is the 401 itself, nothing written.
    let h = harness([json(401, "{}")], exact());
    let error = create().idempotent(true).send(&h.client).await.unwrap_err();
    assert!(matches!(error, Error::Api(_)), "{error:?}");
    assert_eq!(error.write_outcome(), WriteOutcome::NotApplied);
}

/// The same with the rate limiter on, which pauses the lane for the day before the error
/// returns: the error still says the write may have been applied.
#[tokio::test]
async fn a_daily_cap_the_limiter_records_after_an_attempt_that_may_have_applied_says_so() {
    let h = harness(
        [Err(TransportErrorKind::Other), rate_limited("DAILY", None)],
        exact(),
    );
    let error = create().idempotent(true).send(&h.client).await.unwrap_err();
    assert_eq!(error.write_outcome(), WriteOutcome::Unknown, "{error:?}");
}
