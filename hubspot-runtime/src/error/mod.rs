//! The one error type every call returns. It sits at the bottom of the runtime: it knows nothing
//! of the client, the executor or the transport.

mod api;
mod transport;

pub use api::{ApiError, ApiErrorBody, ErrorDetail, RateLimitPolicy};
pub use transport::{TransportError, TransportErrorKind};

use std::fmt;
use std::time::Duration;

/// Everything that can go wrong with a HubSpot call.
///
/// Errors never contain the access token (it is scrubbed from whatever the server sends back),
/// the filled-in path or query values. Each cause appears once in a chain: either in `Display`
/// or as [`source`](std::error::Error::source), never both.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client is not configured (no access token, a bad base URL).
    #[error("configuration error: {0}")]
    Config(String),
    /// The request could not be built (a body or query that does not serialize to JSON).
    #[error("could not encode the request")]
    Encode(#[source] serde_json::Error),
    /// Writing a streamed body to the caller's writer failed; what came before was written.
    #[error("could not write the streamed body")]
    Write(#[source] std::io::Error),
    /// An argument would make an invalid or different request (an empty path id, a nested
    /// query value, a URL too long to send). Nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// A paged listing reached a cap the server puts on how far it pages (CRM search stops at
    /// 10,000 results): narrow the query, for instance by a `createdate` range, to see the rest.
    #[error(
        "stopped at the {cap}-result cap of this listing ({total} results matched): narrow the query to see the rest"
    )]
    PagingCapReached {
        /// How many results the listing can page through.
        cap: u64,
        /// How many results matched.
        total: u64,
    },
    /// A paged listing stopped advancing: the server sent a cursor it had sent before, or a
    /// next cursor with an empty page. Following it would loop forever.
    #[error("the listing stopped advancing at page {page}: the server repeated a paging cursor")]
    PagingStalled {
        /// The page (1 for the first) whose cursor did not advance.
        page: u64,
    },
    /// HubSpot answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// HubSpot refused the data (a 400 whose category is `VALIDATION_ERROR`: a property value
    /// it does not accept, or, from 2026-09, one of the account's own validation rules). Never
    /// retried: the same request fails the same way; the details name the fields.
    #[error("{0}")]
    Validation(Box<ApiError>),
    /// HubSpot refused an upload as too large with a 429 that is not a rate limit (an import
    /// over 1,048,576 rows or 512 MB): split it. Never retried, never waited out.
    #[error(
        "HubSpot refused the upload as too large (a 429 that is not a rate limit): split it and send the parts"
    )]
    TooLarge(Box<ApiError>),
    /// The operation does not exist in the API version chosen for it (by the client's
    /// [`api_version`](crate::ClientBuilder::api_version) or the request's). Nothing was sent.
    #[error(
        "`{template}` is not in API version {version}: it is in {}; nothing was sent",
        available.join(", ")
    )]
    UnsupportedVersion {
        /// The endpoint's path template.
        template: &'static str,
        /// The version asked for.
        version: crate::ApiVersion,
        /// The versions that have the operation.
        available: &'static [&'static str],
    },
    /// HubSpot rate-limited the call (429), and it was not retried further.
    #[error("rate limited by HubSpot ({policy}){}: {error}", retry_after_suffix(*.retry_after))]
    RateLimited {
        /// Which limit was hit.
        policy: RateLimitPolicy,
        /// How long HubSpot asked to wait, if it said.
        retry_after: Option<Duration>,
        /// The 429 response.
        error: Box<ApiError>,
    },
    /// The OAuth grant was refused (a revoked or expired refresh token): no call can succeed
    /// until the user authorizes the app again.
    #[error(
        "the OAuth authorization is no longer valid ({message}): the app must be authorized again"
    )]
    Reauthorize {
        /// What HubSpot said, bounded and scrubbed.
        message: String,
    },
    /// No fresh OAuth access token could be had (the token endpoint failed, timed out, or is
    /// backing off after a failure), so the call was not sent. The cause is the
    /// [`source`](std::error::Error::source): the token endpoint's answer, not the API's.
    #[error("could not get a fresh OAuth access token, so the request was not sent")]
    TokenRefresh(#[source] std::sync::Arc<Error>),
    /// HubSpot's daily request cap for this token is used up (as its last answers reported, or
    /// a `DAILY` 429): refused without sending. HubSpot resets it at midnight in the account's
    /// time zone; until then the client lets one request through every 10 minutes to see.
    #[error(
        "the daily request limit{} is used up: HubSpot resets it at midnight in the account's time zone",
        daily_suffix(*limit)
    )]
    DailyLimitReached {
        /// The daily cap, if HubSpot reported it.
        limit: Option<u64>,
    },
    /// The server answered with a redirect (3xx). Redirects are never followed: the token and
    /// the body go to the configured host only. A server that redirects may have acted on the
    /// request, so a write's outcome is unknown.
    #[error(
        "the server answered {status} with a redirect{}; redirects are not followed",
        host_suffix(location_host.as_deref())
    )]
    Redirected {
        /// The 3xx status.
        status: u16,
        /// The host the redirect pointed at, if it named one.
        location_host: Option<String>,
    },
    /// The HTTP exchange failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// A success response whose body does not match the expected type.
    #[error(
        "could not decode the {status} response{} at `{path}`",
        content_suffix(source.content_type())
    )]
    Decode {
        /// The HTTP status of the response.
        status: u16,
        /// Where in the JSON document decoding failed (`results[3].id`).
        path: String,
        /// What went wrong there.
        #[source]
        source: DecodeError,
    },
    /// Retrying stopped before success. The last attempt's error, if there was an attempt, is
    /// the [`source`](std::error::Error::source) (none when the deadline passed while waiting
    /// for a rate-limit slot, before any attempt).
    #[error("gave up after {attempts} attempt(s) in {elapsed:?} ({reason})")]
    GaveUp {
        /// Why retrying stopped.
        reason: GiveUpReason,
        /// How many attempts were made.
        attempts: u32,
        /// Time from the first attempt to giving up.
        elapsed: Duration,
        /// What is known of the write over every attempt, not only the last: an earlier
        /// attempt that timed out may have applied it although the last one was refused.
        outcome: WriteOutcome,
        /// The last attempt's error.
        #[source]
        last: Option<Box<Error>>,
    },
}

/// What a failed call is known to have done to HubSpot's data: the answer to "may I send this
/// write again?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum WriteOutcome {
    /// Surely not applied: nothing was sent, or HubSpot refused it (a 4xx, a 429). Sending it
    /// again cannot double it.
    NotApplied,
    /// It may or may not have been applied: a timeout, a connection lost after sending, a 5xx,
    /// a redirect. Send it again only as an upsert by a unique property, or read it back first.
    Unknown,
    /// Applied: HubSpot answered 2xx, but the answer could not be read (a malformed, truncated
    /// or oversized body). Sending it again would apply it twice.
    Applied,
}

fn retry_after_suffix(retry_after: Option<Duration>) -> String {
    retry_after.map_or_else(String::new, |d| format!(", retry after {d:?}"))
}

/// Names a content type that explains a decode failure: a proxy's HTML page, say.
fn content_suffix(content_type: Option<&str>) -> String {
    match content_type {
        Some(kind) if !kind.contains("json") => format!(" (a {kind} body, not JSON)"),
        _ => String::new(),
    }
}

fn daily_suffix(limit: Option<u64>) -> String {
    limit.map_or_else(String::new, |limit| format!(" of {limit}"))
}

fn host_suffix(host: Option<&str>) -> String {
    host.map_or_else(String::new, |host| format!(" to {host}"))
}

/// Why a success body could not be decoded: serde's message, with the token scrubbed and the
/// length bounded (serde quotes the values it rejects).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct DecodeError {
    message: String,
    line: usize,
    column: usize,
    content_type: Option<String>,
}

impl DecodeError {
    pub(crate) fn new(
        message: String,
        line: usize,
        column: usize,
        content_type: Option<String>,
    ) -> Self {
        Self {
            message,
            line,
            column,
            content_type,
        }
    }

    /// The response's `Content-Type`, when it said one.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The line of the body where decoding failed (1-based; 0 for an empty body).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of that line.
    pub fn column(&self) -> usize {
        self.column
    }
}

/// Why the executor stopped retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GiveUpReason {
    /// Every allowed attempt was used.
    AttemptsExhausted,
    /// The next wait (backoff, `Retry-After` or a rate-limit slot) would end past the deadline.
    DeadlineExceeded {
        /// The wait that did not fit.
        next_delay: Duration,
    },
    /// The client's shared retry budget is empty: too many failures recently.
    RetryBudgetExhausted,
    /// No access token could be had for the next attempt: the error is the last one.
    NoToken,
    /// The server asked to wait longer (`Retry-After`) than
    /// [`RetryConfig::max_retry_after`](crate::RetryConfig::max_retry_after) allows.
    RetryAfterTooLong {
        /// The wait the server asked for.
        requested: Duration,
    },
    /// A write safe to repeat was refused (the error is the refusal) after an earlier attempt
    /// of it may have been applied: the refusal does not mean nothing was written.
    RefusedAfterUnknown,
}

impl fmt::Display for GiveUpReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AttemptsExhausted => f.write_str("attempts exhausted"),
            Self::DeadlineExceeded { next_delay } => {
                write!(f, "the next wait of {next_delay:?} would pass the deadline")
            }
            Self::RetryBudgetExhausted => f.write_str("retry budget exhausted"),
            Self::NoToken => f.write_str("no access token for the next attempt"),
            Self::RetryAfterTooLong { requested } => {
                write!(
                    f,
                    "the server asked to wait {requested:?}, longer than allowed"
                )
            }
            Self::RefusedAfterUnknown => {
                f.write_str("refused after an earlier attempt may have been applied")
            }
        }
    }
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

/// The 5xx statuses HubSpot documents as transient ("pause, then retry"). 500 is not in its
/// table, but its own clients retry it.
pub(crate) fn is_transient_server_status(status: u16) -> bool {
    matches!(status, 500 | 502 | 503 | 504 | 521 | 523 | 524)
}

impl Error {
    /// Whether retrying the same call is safe and may succeed: the executor itself retries
    /// exactly these (within its attempts, budget and deadline). A `DAILY` rate limit, a 4xx, a
    /// redirect, a decode error and an oversized response are not retryable; neither is a 5xx,
    /// timeout or lost connection of a request that is not idempotent, since its
    /// [outcome is unknown](Error::outcome_unknown) and a retry could apply it twice.
    pub fn is_retryable(&self) -> bool {
        self.retryable_for(self.request_idempotent())
    }

    /// The retry table, for a request that is (or is not) idempotent.
    pub(crate) fn retryable_for(&self, idempotent: bool) -> bool {
        // Whatever the failure's kind says (a custom transport may pair any kind with a
        // status), a write that may have been applied is sent again only if that is safe.
        if !idempotent && self.write_outcome() != WriteOutcome::NotApplied {
            return false;
        }
        match self {
            Self::RateLimited { policy, .. } => *policy != RateLimitPolicy::Daily,
            Self::Api(error) => match error.status {
                423 | 477 => true,
                status => is_transient_server_status(status) && idempotent,
            },
            Self::Transport(error) => match error.kind() {
                TransportErrorKind::Connect => true,
                TransportErrorKind::Timeout
                | TransportErrorKind::Other
                | TransportErrorKind::InvalidResponse
                | TransportErrorKind::IncompleteBody => idempotent,
                _ => false,
            },
            Self::GaveUp { last, .. } => last
                .as_deref()
                .is_none_or(|last| last.retryable_for(idempotent)),
            Self::Config(_)
            | Self::Encode(_)
            | Self::Write(_)
            | Self::InvalidRequest(_)
            | Self::Validation(_)
            | Self::TooLarge(_)
            | Self::UnsupportedVersion { .. }
            | Self::PagingCapReached { .. }
            | Self::PagingStalled { .. }
            | Self::DailyLimitReached { .. }
            | Self::Reauthorize { .. }
            | Self::TokenRefresh(_)
            | Self::Redirected { .. }
            | Self::Decode { .. } => false,
        }
    }

    fn request_idempotent(&self) -> bool {
        match self {
            Self::Api(error)
            | Self::Validation(error)
            | Self::TooLarge(error)
            | Self::RateLimited { error, .. } => error.idempotent(),
            Self::Transport(error) => error.idempotent(),
            Self::GaveUp { last, .. } => last.as_deref().is_some_and(Self::request_idempotent),
            _ => false,
        }
    }

    /// What the failed call is known to have done: [`WriteOutcome::NotApplied`] (send it again
    /// freely), [`WriteOutcome::Unknown`] (a timeout, a connection lost after sending, a 5xx,
    /// a redirect) or [`WriteOutcome::Applied`] (a 2xx whose body could not be read).
    pub fn write_outcome(&self) -> WriteOutcome {
        match self {
            Self::Transport(error) if error.status().is_some_and(is_success) => {
                WriteOutcome::Applied
            }
            Self::Transport(error) if error.request_may_have_been_sent() => WriteOutcome::Unknown,
            Self::Decode { status, .. } if is_success(*status) => WriteOutcome::Applied,
            Self::Api(error) if error.status >= 500 => WriteOutcome::Unknown,
            Self::Redirected { .. } => WriteOutcome::Unknown,
            Self::GaveUp { outcome, last, .. } => last
                .as_deref()
                .map_or(*outcome, |last| (*outcome).max(last.write_outcome())),
            _ => WriteOutcome::NotApplied,
        }
    }

    /// Whether a write may have been applied although the call failed, and nothing says
    /// whether it was: [`write_outcome`](Error::write_outcome) is [`WriteOutcome::Unknown`].
    /// Check before creating again, or create through an upsert by a unique property. (A
    /// write known to be applied is not unknown: see [`WriteOutcome::Applied`].)
    #[deprecated(
        since = "0.1.0",
        note = "reads false for a write that was applied (a 2xx whose answer could not be read); match on `write_outcome()` instead"
    )]
    pub fn outcome_unknown(&self) -> bool {
        self.write_outcome() == WriteOutcome::Unknown
    }

    /// The HTTP status of the (last) response, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(error)
            | Self::Validation(error)
            | Self::TooLarge(error)
            | Self::RateLimited { error, .. } => Some(error.status),
            Self::Decode { status, .. } | Self::Redirected { status, .. } => Some(*status),
            Self::Transport(error) => error.status(),
            Self::GaveUp { last, .. } => last.as_deref()?.status(),
            _ => None,
        }
    }

    /// HubSpot's correlation id for the (last) failed response: quote it to HubSpot support.
    pub fn correlation_id(&self) -> Option<&str> {
        self.api_error()?.correlation_id()
    }

    /// The HubSpot error, when HubSpot answered with one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(error)
            | Self::Validation(error)
            | Self::TooLarge(error)
            | Self::RateLimited { error, .. } => Some(error),
            Self::GaveUp { last, .. } => last.as_deref()?.api_error(),
            _ => None,
        }
    }

    /// How many attempts were made, when the executor retried and then gave up.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Self::GaveUp { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// Time spent from the first attempt to giving up, when the executor retried and then gave up.
    pub fn elapsed(&self) -> Option<Duration> {
        match self {
            Self::GaveUp { elapsed, .. } => Some(*elapsed),
            _ => None,
        }
    }

    /// Records whether the failed request was idempotent, which decides
    /// [`is_retryable`](Error::is_retryable) for failures with an unknown outcome.
    pub(crate) fn for_request(self, idempotent: bool) -> Self {
        match self {
            Self::Api(error) => Self::Api(Box::new(error.for_request(idempotent))),
            Self::Validation(error) => Self::Validation(Box::new(error.for_request(idempotent))),
            Self::RateLimited {
                policy,
                retry_after,
                error,
            } => Self::RateLimited {
                policy,
                retry_after,
                error: Box::new(error.for_request(idempotent)),
            },
            Self::Transport(error) => Self::Transport(error.for_request(idempotent)),
            other => other,
        }
    }
}
