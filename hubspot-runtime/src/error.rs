//! The one error type every call returns.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::transport::TransportError;

/// Everything that can go wrong with a HubSpot call.
///
/// Errors never contain the access token, the filled-in path or query values.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client is not configured (no access token, a bad base URL).
    #[error("configuration error: {0}")]
    Config(String),
    /// The request could not be built (a body or query that does not serialize to JSON).
    #[error("could not encode the request: {0}")]
    Encode(#[source] serde_json::Error),
    /// An argument would make an invalid or different request (an empty path id, a nested
    /// query value).
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
    /// HubSpot answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
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
    /// The HTTP exchange failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// A success response whose body does not match the expected type.
    #[error("could not decode the {status} response at `{path}`: {source}")]
    Decode {
        /// The HTTP status of the response.
        status: u16,
        /// Where in the JSON document decoding failed (`results[3].id`).
        path: String,
        /// What serde said.
        #[source]
        source: serde_json::Error,
    },
    /// Retrying stopped before success; `last` is the final failure (none when the deadline
    /// passed while waiting for a rate-limit slot, before any attempt).
    #[error("gave up after {attempts} attempt(s) in {elapsed:?} ({reason}){}", last_suffix(last.as_deref()))]
    GaveUp {
        /// Why retrying stopped.
        reason: GiveUpReason,
        /// How many attempts were made.
        attempts: u32,
        /// Time from the first attempt to giving up.
        elapsed: Duration,
        /// The last attempt's error.
        last: Option<Box<Error>>,
    },
}

fn last_suffix(last: Option<&Error>) -> String {
    last.map_or_else(String::new, |error| format!(": {error}"))
}

fn retry_after_suffix(retry_after: Option<Duration>) -> String {
    retry_after.map_or_else(String::new, |d| format!(", retry after {d:?}"))
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
}

impl fmt::Display for GiveUpReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AttemptsExhausted => f.write_str("attempts exhausted"),
            Self::DeadlineExceeded { next_delay } => {
                write!(f, "the next wait of {next_delay:?} would pass the deadline")
            }
            Self::RetryBudgetExhausted => f.write_str("retry budget exhausted"),
        }
    }
}

impl Error {
    /// Whether the failure is transient: the same call may succeed later. A `DAILY` rate limit,
    /// a 4xx and a decode error are not; 5xx, other 429s, 423, 477 and transport failures are.
    /// For a create, a transient failure whose outcome is unknown may still have been applied.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Api(error) => is_retryable_status(error.status),
            Self::RateLimited { policy, .. } => *policy != RateLimitPolicy::Daily,
            Self::Transport(_) => true,
            Self::GaveUp { last, .. } => last.as_deref().is_none_or(Self::is_retryable),
            Self::Config(_)
            | Self::Encode(_)
            | Self::InvalidRequest(_)
            | Self::PagingCapReached { .. }
            | Self::Decode { .. } => false,
        }
    }

    /// The HTTP status of the (last) response, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(error) | Self::RateLimited { error, .. } => Some(error.status),
            Self::Decode { status, .. } => Some(*status),
            Self::GaveUp { last, .. } => last.as_deref()?.status(),
            Self::Config(_)
            | Self::Encode(_)
            | Self::InvalidRequest(_)
            | Self::PagingCapReached { .. }
            | Self::Transport(_) => None,
        }
    }

    /// HubSpot's correlation id for the (last) failed response: quote it to HubSpot support.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Self::Api(error) | Self::RateLimited { error, .. } => error.correlation_id(),
            Self::GaveUp { last, .. } => last.as_deref()?.correlation_id(),
            _ => None,
        }
    }

    /// The HubSpot error, when HubSpot answered with one.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Self::Api(error) | Self::RateLimited { error, .. } => Some(error),
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

    /// Whether a write may have been applied although the call failed (a timeout or dropped
    /// connection after sending). Check before creating again.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Self::Transport(error) => error.request_may_have_been_sent(),
            Self::GaveUp { last, .. } => last.as_deref().is_some_and(Self::outcome_unknown),
            _ => false,
        }
    }
}

pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(
        status,
        423 | 429 | 477 | 500 | 502 | 503 | 504 | 521 | 523 | 524
    )
}

/// An error response from HubSpot: its status and parsed body.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The parsed error body; every field is optional, as HubSpot documents.
    pub body: ApiErrorBody,
    /// The start of the body when it was not JSON (a proxy's HTML page).
    pub raw_body: Option<String>,
    /// The `Retry-After` delay, if the response had a usable one.
    pub retry_after: Option<Duration>,
    /// The `X-HubSpot-Correlation-Id` header, used when the body has none.
    pub correlation_header: Option<String>,
}

impl ApiError {
    /// HubSpot's correlation id, from the body or else the header.
    pub fn correlation_id(&self) -> Option<&str> {
        self.body
            .correlation_id
            .as_deref()
            .or(self.correlation_header.as_deref())
    }

    /// The id of the object that already exists, for a 409 such as
    /// `"Contact already exists. Existing ID: 37765128953"`.
    pub fn existing_object_id(&self) -> Option<&str> {
        if self.status != 409 {
            return None;
        }
        let message = self.body.message.as_deref()?;
        let (_, rest) = message.split_once("Existing ID:")?;
        let rest = rest.trim_start();
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HubSpot returned {}", self.status)?;
        if let Some(category) = &self.body.category {
            write!(f, " {category}")?;
        }
        if let Some(message) = &self.body.message {
            write!(f, ": {message}")?;
        } else if let Some(raw) = &self.raw_body {
            write!(f, ": {raw}")?;
        }
        if let Some(id) = self.correlation_id() {
            write!(f, " (correlation id {id})")?;
        }
        Ok(())
    }
}

/// HubSpot's error body. Every field is optional: HubSpot says to treat them so.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ApiErrorBody {
    /// `"error"` in most bodies, or the HTTP status in some batch items.
    #[serde(
        default,
        deserialize_with = "string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<String>,
    /// A human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Error category, such as `VALIDATION_ERROR`, `CONFLICT`, `RATE_LIMITS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Finer category; a string or an object depending on the endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_category: Option<serde_json::Value>,
    /// The id to quote to HubSpot support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
    /// Per-field details.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorDetail>,
    /// Extra context, such as `requiredGranularScopes` or a batch item's `objectWriteTraceId`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, Vec<String>>,
    /// Related links.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub links: BTreeMap<String, String>,
    /// The id of the failed input, in some batch errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `RATE_LIMIT` on a 429.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// Which limit a 429 hit: `DAILY`, `TEN_SECONDLY_ROLLING`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<String>,
    /// Legacy request id on some 429 bodies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// One entry of an error body's `errors` list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ErrorDetail {
    /// What is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A machine-readable code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Which part of the request it concerns.
    #[serde(rename = "in")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Finer category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_category: Option<String>,
    /// Extra context.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub context: BTreeMap<String, Vec<String>>,
}

fn string_or_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            Some(serde_json::Value::String(s)) => Some(s),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => None,
        },
    )
}

/// Which HubSpot rate limit a 429 reports.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RateLimitPolicy {
    /// The account's daily cap: it resets at midnight in the account's time zone, so it is not retried.
    Daily,
    /// The per-app rolling 10-second window.
    TenSecondlyRolling,
    /// The per-second limit of the search endpoints.
    Secondly,
    /// A policy name this SDK does not know.
    Other(String),
    /// The 429 did not say.
    Unknown,
}

impl RateLimitPolicy {
    /// Reads the policy from a 429 body's `policyName`, else its message.
    pub fn from_body(body: &ApiErrorBody) -> Self {
        match body.policy_name.as_deref() {
            Some("DAILY") => Self::Daily,
            Some("TEN_SECONDLY_ROLLING") => Self::TenSecondlyRolling,
            Some("SECONDLY") => Self::Secondly,
            Some(other) => Self::Other(other.to_owned()),
            None => match body.message.as_deref() {
                Some(m) if m.contains("daily limit") => Self::Daily,
                Some(m) if m.contains("ten_secondly_rolling") => Self::TenSecondlyRolling,
                Some(m) if m.contains("secondly limit") => Self::Secondly,
                _ => Self::Unknown,
            },
        }
    }
}

impl fmt::Display for RateLimitPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Daily => f.write_str("DAILY"),
            Self::TenSecondlyRolling => f.write_str("TEN_SECONDLY_ROLLING"),
            Self::Secondly => f.write_str("SECONDLY"),
            Self::Other(name) => f.write_str(name),
            Self::Unknown => f.write_str("unknown policy"),
        }
    }
}
