//! The retry loop: sends attempts through the transport, asks the policy what to do with each
//! failure, sleeps through the injected clock, and records why it stopped. It owns everything it
//! uses; the client only builds it.

use std::sync::Arc;

use std::task::Poll;
use std::time::{Duration, Instant};
use tracing::Instrument as _;

use bytes::Bytes;
use reqwest::Url;
use secrecy::{ExposeSecret, SecretString};

use crate::auth::{Auth, check_token};
use crate::decode::error_from_response;
use crate::error::{Error, GiveUpReason, TransportError, TransportErrorKind, WriteOutcome};
use crate::http::{HttpRequest, HttpResponse};
use crate::limit::{LimitEvent, LimitObserver, Limiter, Permit, RateLimit, Refusal, Reported};
use crate::multipart::Multipart;
use crate::retry::{Action, Attempted, RetryBudget, RetryConfig, decide, without_token};
use crate::stats::{Counters, RetryCause};
use crate::stream::BodySink;
use crate::text::{Redactor, SHOWN_CHARS, truncate};
use crate::time::Time;
use crate::transport::Transport;
use crate::types::{Host, Lane, Method};
use crate::version::{ApiVersion, VersionSlot};

/// The longest URL that can be sent: the `http` crate's limit on a request target. A longer one
/// would fail the same way on every attempt, so it fails before the first.
const MAX_URL_BYTES: usize = 65_534;

/// A request reduced to what the executor needs.
#[derive(Debug)]
pub(crate) struct Call {
    pub(crate) method: Method,
    pub(crate) template: &'static str,
    /// The encoded path.
    pub(crate) path: String,
    /// Where a dated endpoint's version is in `path`.
    pub(crate) version: Option<VersionSlot>,
    /// The request chose its version: the client's does not replace it.
    pub(crate) version_chosen: bool,
    /// The query parameters, not yet encoded.
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Option<Bytes>,
    pub(crate) idempotent: bool,
    pub(crate) lane: Lane,
    pub(crate) deadline: Option<Duration>,
    /// Retry until the deadline rather than up to the configured attempts.
    pub(crate) until_deadline: bool,
    pub(crate) content_type: std::borrow::Cow<'static, str>,
    /// A 429 without a rate-limit policy is HubSpot refusing the upload's size.
    pub(crate) size_429: bool,
    /// A multipart body, built again for each attempt (`body` is then `None`).
    pub(crate) multipart: Option<(Arc<Multipart>, String)>,
    /// Send the auth's bearer token (all but OAuth token endpoints).
    pub(crate) authenticated: bool,
    /// More secrets to scrub from what errors keep.
    pub(crate) secrets: Vec<SecretString>,
    /// Send the client's developer API key (`hapikey`) instead of the token, when it has one.
    pub(crate) developer_key: bool,
    pub(crate) host: Host,
    /// Where a success body is streamed instead of held ([`Request::send_to`](crate::Request::send_to)).
    pub(crate) body_sink: Option<BodySink>,
    /// The function that made the call (`module_path!()::name`), for its span.
    pub(crate) operation: &'static str,
}

impl Call {
    /// The operation as a caller names it: `deals::update`, `cms::source_code::get`. An API
    /// crate's name is its module's in `hubspot-crm` (`hubspot_cms::…` is `cms::…`).
    fn operation(&self) -> &'static str {
        let name = self.operation;
        [
            "hubspot_crm::generated::",
            "hubspot_crm_extras::",
            "hubspot_crm::",
            "hubspot_runtime::",
            "hubspot_",
        ]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(name)
    }

    /// Whether a failed attempt can be followed by another: not when a multipart part was read
    /// from a stream, which the first attempt used up, nor when a streamed answer's first bytes
    /// already went to the caller's writer.
    fn replayable(&self) -> bool {
        self.multipart
            .as_ref()
            .is_none_or(|(multipart, _)| multipart.is_replayable())
            && !self.body_sink.as_ref().is_some_and(BodySink::started)
    }

    /// The body of one attempt.
    fn body(&self) -> Result<Option<Bytes>, Error> {
        match &self.multipart {
            Some((multipart, boundary)) => multipart.encode(boundary).map(Some),
            None => Ok(self.body.clone()),
        }
    }

    /// The path with its query string, as sent.
    pub(crate) fn path_and_query(&self) -> String {
        crate::query::encode(&self.path, &self.query)
    }
}

/// A success response, and the secrets to scrub from what an error keeps of it, should it
/// fail to decode.
pub(crate) struct Answer<'a> {
    pub(crate) response: HttpResponse,
    /// The token the attempt sent.
    sent: Option<SecretString>,
    /// The request's own secrets.
    secrets: Vec<SecretString>,
    auth: &'a dyn Auth,
}

impl Answer<'_> {
    /// What scrubs the call's secrets from the server's text. Made only for an answer that
    /// fails to decode: most never need one, and an OAuth app's secrets are behind a lock.
    pub(crate) fn redactor(&self) -> Redactor {
        redactor(self.sent.as_ref(), &self.secrets, self.auth)
    }
}

/// What scrubs every secret of a call: the token `sent`, the request's own `secrets`, and
/// those `auth` holds.
fn redactor(sent: Option<&SecretString>, secrets: &[SecretString], auth: &dyn Auth) -> Redactor {
    let held = auth.secrets();
    Redactor::new(sent.into_iter().chain(secrets).chain(&held))
}

/// Bounds on one call: per attempt, in all, and on what is read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) attempt_timeout: Duration,
    pub(crate) deadline: Option<Duration>,
    pub(crate) max_response_bytes: u64,
}

/// Runs calls: everything a call needs, owned.
pub(crate) struct Executor {
    pub(crate) base_url: String,
    /// The base URLs, parsed when the client was built: a call then parses only its own path
    /// and query, not its scheme and host again.
    pub(crate) api_base: Url,
    pub(crate) forms_base: Url,
    /// Sent as `hapikey` by the app-level endpoints that take one.
    pub(crate) developer_key: Option<SecretString>,
    pub(crate) user_agent: http::HeaderValue,
    pub(crate) auth: Arc<dyn Auth>,
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) time: Arc<dyn Time>,
    pub(crate) retry: RetryConfig,
    pub(crate) budget: RetryBudget,
    /// `None` turns client-side rate limiting off: 429s are then retried like other transient
    /// failures, within the attempts.
    pub(crate) limiter: Option<Arc<Limiter>>,
    pub(crate) observer: Option<LimitObserver>,
    pub(crate) limits: Limits,
    /// The version of dated endpoints, unless a request chose its own.
    pub(crate) api_version: ApiVersion,
    /// Whether the client's user chose `api_version`: an operation it lacks is then refused,
    /// not sent in another version.
    pub(crate) version_pinned: bool,
    /// What the calls did, for [`Client::stats`](crate::Client::stats).
    pub(crate) counters: Counters,
}

impl Executor {
    /// Runs `call` to its answer or its error. The call is borrowed: the future that owns it
    /// holds it once, in place, where an `async fn` taking it would hold it twice (as its
    /// argument and as its local), in every call's future, which a spawned task copies whole.
    pub(crate) async fn execute(&self, call: &mut Call) -> Result<Answer<'_>, Error> {
        self.counters.call();
        let span = self.span(call);
        let result = self.run(call).instrument(span.clone()).await;
        self.counters.finished(result.as_ref().err());
        if let Err(error) = &result {
            span.record("error.type", error_type(error));
        }
        result
    }

    /// The call's span, named and described with OpenTelemetry's HTTP client attributes: never
    /// the filled path or query, which can hold personal data.
    fn span(&self, call: &Call) -> tracing::Span {
        let base = self.base(call.host);
        tracing::info_span!(
            "hubspot.request",
            otel.name = %format_args!("{} {}", call.method.as_str(), call.template),
            otel.kind = "client",
            hubspot.operation = call.operation(),
            http.request.method = call.method.as_str(),
            url.template = call.template,
            server.address = base.host_str(),
            server.port = base.port_or_known_default(),
            http.response.status_code = tracing::field::Empty,
            http.request.resend_count = tracing::field::Empty,
            error.type = tracing::field::Empty,
        )
    }

    async fn run(&self, call: &mut Call) -> Result<Answer<'_>, Error> {
        if let (Some(slot), false) = (&mut call.version, call.version_chosen) {
            if self.version_pinned {
                slot.apply(&mut call.path, &self.api_version, call.template)?;
            } else {
                slot.apply_or_nearest(&mut call.path, &self.api_version);
            }
        }
        let time = &*self.time;
        let start = time.now();
        let deadline = call.deadline.or(self.limits.deadline).map(|d| start + d);
        if call.developer_key
            && let Some(key) = &self.developer_key
        {
            call.query
                .push(("hapikey".to_owned(), key.expose_secret().to_owned()));
            call.secrets.push(key.clone());
            call.authenticated = false;
        }
        let url = call_url(self.base(call.host), &call.path, &call.query);
        if url.as_str().len() > MAX_URL_BYTES {
            return Err(Error::InvalidRequest(format!(
                "the URL would be {} bytes, over the {MAX_URL_BYTES} that can be sent; nothing was sent",
                url.as_str().len()
            )));
        }
        let mut tries = Tries {
            start,
            attempt: 0,
            rate_limited: 0,
            reauthorized: false,
            outcome: WriteOutcome::NotApplied,
            spent: 0,
            last: None,
        };
        loop {
            // Phase 1: a token.
            let bearer = if call.authenticated {
                match self.bearer(deadline).await {
                    Ok(bearer) => Some(bearer),
                    Err(error) => {
                        return Err(match without_token(tries.attempt) {
                            Action::GiveUp(reason) => {
                                tries.give_up(time, reason, Some(Box::new(error)))
                            }
                            _ => error,
                        });
                    }
                }
            } else {
                None
            };
            // Phase 2: a permit (an in-flight place and a slot of the lane), held until the
            // answer arrives.
            let permit = match self.permit(call, deadline).await {
                Ok(permit) => permit,
                Err(Refusal::DailyExhausted { limit }) => {
                    let error = Box::new(Error::DailyLimitReached { limit });
                    return Err(tries.exit(time, call.method != Method::Get, error));
                }
                Err(Refusal::Deadline { next_delay }) => {
                    let reason = GiveUpReason::DeadlineExceeded { next_delay };
                    tracing::warn!(attempt = tries.attempt, method = call.method.as_str(), path = call.template, lane = ?call.lane, reason = %reason, "gave up on HubSpot request");
                    let last = tries.last.take();
                    return Err(tries.give_up(time, reason, last));
                }
            };
            // Phase 3: the attempt.
            tries.attempt += 1;
            self.counters.attempt();
            if tries.attempt > 1 {
                tracing::Span::current().record("http.request.resend_count", tries.attempt - 1);
            }
            let error = match self
                .attempt(call, &url, bearer.as_ref(), permit, deadline)
                .await
            {
                Ok(response) => {
                    self.budget.on_success(tries.spent);
                    return Ok(Answer {
                        response,
                        sent: bearer,
                        secrets: std::mem::take(&mut call.secrets),
                        auth: &*self.auth,
                    });
                }
                Err(error) => error,
            };
            // Phase 4: the decision, carried out.
            // Boxed before the decision: kept as `last` if there is another attempt.
            let error = Box::new(error);
            let last = self
                .next_attempt(call, error, bearer.as_ref(), deadline, &mut tries)
                .await?;
            tries.last = Some(last);
        }
    }

    /// Phase 4: what the retry policy decides after a failed attempt, carried out (a wait, a
    /// paused lane, a fresh token). `Ok` holds the error to report should a later attempt give
    /// up; `Err` is the call's result.
    ///
    /// Its own future: what it holds (the error, the decision) would otherwise be kept beside
    /// every other phase's in each call's future.
    async fn next_attempt(
        &self,
        call: &Call,
        error: Box<Error>,
        bearer: Option<&SecretString>,
        deadline: Option<Instant>,
        tries: &mut Tries,
    ) -> Result<Box<Error>, Error> {
        let time = &*self.time;
        tries.outcome = tries.outcome.max(error.write_outcome());
        let writes = call.method != Method::Get;
        if matches!(*error, Error::RateLimited { .. }) {
            self.counters.rate_limited(call.lane);
        }
        let action = {
            let at = Attempted {
                attempt: tries.attempt,
                rate_limited: tries.rate_limited,
                idempotent: call.idempotent,
                max_attempts: self.retry.max_attempts(),
                until_deadline: call.until_deadline,
                left: deadline.map(|deadline| deadline.saturating_duration_since(time.now())),
                limiter: self.limiter.is_some(),
                can_reauthorize: bearer.is_some() && !tries.reauthorized,
                writes,
                outcome: tries.outcome,
                replayable: call.replayable(),
                size_limited: call.size_429,
            };
            decide(&error, &at, &self.retry, fastrand::f64())
        };
        let event = Event {
            call,
            attempt: tries.attempt,
            max_attempts: self.retry.max_attempts(),
            error: &error,
        };
        match action {
            Action::PauseLane {
                policy,
                retry_after,
                retry,
            } => {
                let Some(limiter) = &self.limiter else {
                    event.failed();
                    return Err(tries.exit(time, writes, error));
                };
                let (lane, pause) = limiter
                    .rate_limited(call.lane, &policy, retry_after, time)
                    .await;
                if !retry {
                    event.failed();
                    return Err(tries.exit(time, writes, error));
                }
                self.emit(&LimitEvent::RateLimited {
                    lane,
                    policy,
                    pause,
                });
                self.counters.retry(RetryCause::RateLimit);
                event.retrying(pause);
                tries.rate_limited += 1;
            }
            Action::Reauthorize => {
                let renewed = match (&*error, bearer) {
                    (Error::Api(api), Some(rejected)) => {
                        self.auth.on_unauthorized(rejected, api).await
                    }
                    _ => false,
                };
                if !renewed {
                    event.failed();
                    return Err(tries.exit(time, writes, error));
                }
                tracing::info!(
                    path = call.template,
                    "retrying with a fresh token after a 401"
                );
                tries.reauthorized = true;
                self.counters.retry(RetryCause::Reauthorized);
            }
            Action::Retry { delay, cost } => {
                if !self.budget.try_withdraw(cost) {
                    let reason = GiveUpReason::RetryBudgetExhausted;
                    event.gave_up(reason);
                    return Err(tries.give_up(time, reason, Some(error)));
                }
                tries.spent += cost;
                self.counters.retry(RetryCause::of(&error));
                event.retrying(delay);
                time.sleep(delay).await;
            }
            Action::Fail => {
                event.failed();
                return Err(tries.exit(time, writes, error));
            }
            Action::TooLarge => {
                event.failed();
                let too_large = match *error {
                    Error::RateLimited { error: api, .. } => Box::new(Error::TooLarge(api)),
                    other => Box::new(other),
                };
                return Err(tries.exit(time, writes, too_large));
            }
            Action::GiveUp(reason) => {
                event.gave_up(reason);
                return Err(tries.give_up(time, reason, Some(error)));
            }
        }
        Ok(error)
    }

    /// The limiter's permit for one attempt of `call`, or `None` when there is no limiter.
    async fn permit(
        &self,
        call: &Call,
        deadline: Option<Instant>,
    ) -> Result<Option<Permit<'_>>, Refusal> {
        let Some(limiter) = &self.limiter else {
            return Ok(None);
        };
        let waited = |wait| {
            tracing::debug!(lane = ?call.lane, wait_ms = millis(wait), path = call.template, "waiting for a rate-limit slot");
            self.emit(&LimitEvent::Waited {
                lane: call.lane,
                wait,
            });
        };
        limiter
            .permit(call.lane, &*self.time, deadline, waited)
            .await
            .map(Some)
    }

    /// One attempt: the exchange, bounded by the attempt timeout and the deadline; the permit
    /// settles from the answer; a non-2xx answer or a failed exchange is the error.
    async fn attempt(
        &self,
        call: &Call,
        url: &Url,
        bearer: Option<&SecretString>,
        permit: Option<Permit<'_>>,
        deadline: Option<Instant>,
    ) -> Result<HttpResponse, Error> {
        let timeout = match deadline {
            Some(deadline) => self
                .limits
                .attempt_timeout
                .min(deadline.saturating_duration_since(self.time.now())),
            None => self.limits.attempt_timeout,
        };
        let request = self.request(call, url, bearer.cloned(), timeout)?;
        let response = match self.transport.send(request).await {
            Ok(response) => {
                tracing::Span::current().record("http.response.status_code", response.status);
                response
            }
            // The base URLs carry no credentials: their authority is `host[:port]`.
            Err(error) => {
                let error = error.at_host(self.base(call.host).authority());
                return Err(Error::Transport(error).for_request(call.idempotent));
            }
        };
        if let Some(permit) = permit {
            let reported = Reported::from_headers(&response.headers);
            self.learned(permit.settle(reported, &*self.time).await);
        }
        if (200..300).contains(&response.status) {
            // Only a read can be asked again: a write's answer, whole or not, stands. A streamed
            // answer is not JSON to check, and is in the caller's writer already.
            if call.idempotent
                && call.body_sink.is_none()
                && let Some(error) = incomplete_json(&response)
            {
                let error = error
                    .with_response_status(response.status)
                    .at_host(self.base(call.host).authority());
                return Err(Error::Transport(error).for_request(true));
            }
            return Ok(response);
        }
        let redactor = redactor(bearer, &call.secrets, &*self.auth);
        let error = error_from_response(&response, url.as_str(), self.time.system_now(), &redactor);
        Err(error.for_request(call.idempotent))
    }

    /// The token for the next attempt, within the call's deadline: a refresh that hangs (a
    /// token endpoint that drips) ends with the call, not after the token client's own timeout.
    async fn bearer(&self, deadline: Option<Instant>) -> Result<SecretString, Error> {
        // A static token, or an OAuth one that needs no refresh, is ready at once: it needs no
        // timer. (The block ends what the first poll returned before any wait.)
        let token = {
            let mut token = self.auth.bearer_token();
            match std::future::poll_fn(|cx| Poll::Ready(token.as_mut().poll(cx))).await {
                Poll::Ready(bearer) => return checked(bearer),
                Poll::Pending => token,
            }
        };
        let Some(deadline) = deadline else {
            return checked(token.await);
        };
        // Real time, as the attempt timeout is: the injected clock only paces retries.
        let left = deadline.saturating_duration_since(self.time.now());
        match tokio::time::timeout(left, token).await {
            Ok(bearer) => checked(bearer),
            Err(_) => Err(Error::TokenRefresh(Arc::new(Error::GaveUp {
                reason: GiveUpReason::DeadlineExceeded { next_delay: left },
                attempts: 0,
                elapsed: left,
                outcome: WriteOutcome::NotApplied,
                last: None,
            }))),
        }
    }

    /// Tells of the rolling-window limit a settled permit learned, if any.
    fn learned(&self, learned: Option<RateLimit>) {
        if let Some(limit) = learned {
            tracing::info!(
                requests = limit.requests(),
                per_ms = millis(limit.per()),
                "learned HubSpot's rate limit"
            );
            self.emit(&LimitEvent::Learned { limit });
        }
    }

    fn emit(&self, event: &LimitEvent) {
        if let Some(observer) = &self.observer {
            observer(event);
        }
    }

    fn base(&self, host: Host) -> &Url {
        match host {
            Host::Api => &self.api_base,
            Host::Forms => &self.forms_base,
        }
    }

    fn request(
        &self,
        call: &Call,
        url: &Url,
        bearer: Option<SecretString>,
        timeout: Duration,
    ) -> Result<HttpRequest, Error> {
        Ok(HttpRequest {
            method: call.method,
            url: url.clone(),
            bearer,
            content_type: call.content_type.clone(),
            user_agent: self.user_agent.clone(),
            body: call.body()?,
            timeout,
            max_response_bytes: self.limits.max_response_bytes,
            body_sink: call.body_sink.clone(),
        })
    }
}

/// What a call's attempts so far leave to the decision on the next.
struct Tries {
    start: Instant,
    /// Attempts made.
    attempt: u32,
    /// 429s the limiter absorbed: rate limiting delays a call, it does not use up attempts.
    rate_limited: u32,
    /// A 401 the auth could mend (an expired OAuth token) is retried once.
    reauthorized: bool,
    /// The most any attempt so far may have done: a give-up reports it, not only the last.
    outcome: WriteOutcome,
    /// Retry-budget tokens withdrawn, given back when the call succeeds.
    spent: u32,
    /// The last attempt's error, boxed: most calls never have one.
    last: Option<Box<Error>>,
}

impl Tries {
    /// `error` as the call's result. Where an earlier attempt of a write may have been applied
    /// and `error` alone would say nothing was (a 401 no fresh token mends, the daily cap),
    /// the give-up that says so, with `error` as its cause.
    fn exit(&self, time: &dyn Time, writes: bool, error: Box<Error>) -> Error {
        if writes && self.outcome > error.write_outcome() {
            return self.give_up(time, GiveUpReason::RefusedAfterUnknown, Some(error));
        }
        *error
    }

    /// The call gives up for `reason`, after the error `last`.
    fn give_up(&self, time: &dyn Time, reason: GiveUpReason, last: Option<Box<Error>>) -> Error {
        Error::GaveUp {
            reason,
            attempts: self.attempt,
            elapsed: time.now().saturating_duration_since(self.start),
            outcome: self.outcome,
            last,
        }
    }
}

/// The fields every retry and give-up event carries. Only the path template is logged: the
/// filled path and query can hold e-mail addresses. Server text (the correlation id) is bounded.
struct Event<'a> {
    call: &'a Call,
    attempt: u32,
    max_attempts: u32,
    error: &'a Error,
}

impl Event<'_> {
    fn correlation_id(&self) -> Option<String> {
        self.error
            .correlation_id()
            .map(|id| truncate(id, SHOWN_CHARS).into_owned())
    }

    fn retrying(&self, delay: Duration) {
        tracing::warn!(
            attempt = self.attempt,
            max_attempts = self.max_attempts,
            delay_ms = millis(delay),
            status = self.error.status(),
            method = self.call.method.as_str(),
            path = self.call.template,
            lane = ?self.call.lane,
            correlation_id = self.correlation_id(),
            cause = cause(self.error),
            "retrying HubSpot request"
        );
    }

    fn gave_up(&self, reason: GiveUpReason) {
        tracing::warn!(
            attempt = self.attempt,
            max_attempts = self.max_attempts,
            status = self.error.status(),
            method = self.call.method.as_str(),
            path = self.call.template,
            lane = ?self.call.lane,
            correlation_id = self.correlation_id(),
            cause = cause(self.error),
            reason = %reason,
            "gave up on HubSpot request"
        );
    }

    fn failed(&self) {
        tracing::debug!(
            attempt = self.attempt,
            status = self.error.status(),
            method = self.call.method.as_str(),
            path = self.call.template,
            correlation_id = self.correlation_id(),
            cause = cause(self.error),
            "HubSpot request failed without retry"
        );
    }
}

/// OpenTelemetry's `error.type`: the status of an error answer, else what failed.
fn error_type(error: &Error) -> String {
    match error.status() {
        Some(status) if !(200..300).contains(&status) => status.to_string(),
        _ => cause(error).to_owned(),
    }
}

/// Why a JSON success answer cannot be read whole: it ends, or breaks, mid-document. `None`
/// for whole JSON (whether or not it fits the model), an empty body, and bodies that are not
/// JSON by their content type (files, exports).
fn incomplete_json(response: &HttpResponse) -> Option<TransportError> {
    let json = response.header("content-type").is_some_and(|kind| {
        kind.as_bytes()
            .windows(4)
            .any(|word| word.eq_ignore_ascii_case(b"json"))
    });
    if !json || response.body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let error = serde_json::from_slice::<serde::de::IgnoredAny>(&response.body).err()?;
    matches!(
        error.classify(),
        serde_json::error::Category::Eof | serde_json::error::Category::Syntax
    )
    .then(|| {
        TransportError::new(
            TransportErrorKind::IncompleteBody,
            format!(
                "the JSON breaks off at line {}, column {}",
                error.line(),
                error.column()
            ),
        )
    })
}

/// A token the auth gave, if it can be sent.
fn checked(bearer: Result<SecretString, Error>) -> Result<SecretString, Error> {
    let bearer = bearer?;
    check_token(&bearer)?;
    Ok(bearer)
}

/// `base` with `path` after its own path, and `query` as its query string. Only the path and
/// query are parsed; the result is the URL the whole text would parse into.
fn call_url(base: &Url, path: &str, query: &[(String, String)]) -> Url {
    let mut url = base.clone();
    let prefix = base.path().trim_end_matches('/');
    let mut full = String::with_capacity(prefix.len() + path.len());
    full.push_str(prefix);
    full.push_str(path);
    url.set_path(&full);
    if !query.is_empty() {
        let mut text = String::new();
        crate::query::encode_pairs(&mut text, query);
        url.set_query(Some(&text));
    }
    url
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// A short, data-free name for the failure: error messages can echo request data.
fn cause(error: &Error) -> &'static str {
    match error {
        Error::RateLimited { .. } => "rate_limited",
        Error::Api(_) => "api_error",
        Error::Validation(_) => "validation",
        Error::TooLarge(_) => "too_large",
        Error::Redirected { .. } => "redirect",
        Error::Transport(e) => match e.kind() {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::InvalidRequest => "invalid_request",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::InvalidResponse => "invalid_response",
            TransportErrorKind::HeadersTooLarge => "headers_too_large",
            TransportErrorKind::BodyTooLarge => "body_too_large",
            TransportErrorKind::IncompleteBody => "incomplete_body",
            _ => "connection_lost",
        },
        _ => "other",
    }
}

#[cfg(test)]
mod tests;
