//! HubSpot's error responses: the status, the parsed body and what the headers said.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::text::{Shown, truncate};

/// An error response from HubSpot: its status and parsed body.
///
/// Everything in it came from the server: the access token is scrubbed out of all of it, and
/// `Display` and `Debug` show at most a few hundred characters of each piece of text. The whole
/// (scrubbed) body is [`ApiError::body_text`].
#[derive(Clone)]
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
    /// The whole body as text, scrubbed.
    text: String,
    /// Whether the failed request was safe to repeat; set by the executor.
    idempotent: bool,
}

impl ApiError {
    pub(crate) fn new(status: u16, body: ApiErrorBody, text: String) -> Self {
        Self {
            status,
            body,
            raw_body: None,
            retry_after: None,
            correlation_header: None,
            text,
            idempotent: false,
        }
    }

    /// The error of one input of a batch (a 207's `errors` entry), as an error of its own. The
    /// status is the item's, or else the one its category stands for.
    pub fn from_batch_item(body: ApiErrorBody) -> Self {
        let status = body
            .status
            .as_deref()
            .and_then(|s| s.parse().ok())
            .unwrap_or(match body.category.as_deref() {
                Some("CONFLICT") => 409,
                Some("OBJECT_NOT_FOUND") => 404,
                Some("RATE_LIMITS") => 429,
                _ => 400,
            });
        let text = serde_json::to_string(&body).unwrap_or_default();
        Self::new(status, body, text)
    }

    pub(crate) fn for_request(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    pub(crate) fn idempotent(&self) -> bool {
        self.idempotent
    }

    /// The response body as text (lossy UTF-8), with the access token scrubbed out. Error
    /// bodies are read up to 1 MiB.
    pub fn body_text(&self) -> &str {
        &self.text
    }

    /// HubSpot's correlation id, from the body or else the header.
    pub fn correlation_id(&self) -> Option<&str> {
        self.body
            .correlation_id
            .as_deref()
            .or(self.correlation_header.as_deref())
    }

    /// The scopes a 403 says the token lacks, from whichever `context` key HubSpot used
    /// (`missingScopes`, `requiredGranularScopes`, `requiredScopes`), in the body or in its
    /// `errors`; each once, in the order given.
    pub fn missing_scopes(&self) -> Vec<&str> {
        let contexts = std::iter::once(&self.body.context)
            .chain(self.body.errors.iter().map(|detail| &detail.context));
        // A set beside the list: a hostile body can list a hundred thousand scopes.
        let mut seen = std::collections::BTreeSet::new();
        let mut scopes: Vec<&str> = Vec::new();
        for context in contexts {
            for key in SCOPE_KEYS {
                for scope in context.get(key).into_iter().flatten() {
                    if seen.insert(scope.as_str()) {
                        scopes.push(scope);
                    }
                }
            }
        }
        scopes
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

/// The `context` keys under which HubSpot's 403s name the scopes a call needs.
const SCOPE_KEYS: [&str; 3] = ["missingScopes", "requiredGranularScopes", "requiredScopes"];

/// How many missing scopes a message names: a hostile server could list thousands.
const SCOPES_SHOWN: usize = 8;

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HubSpot returned {}", self.status)?;
        if let Some(category) = &self.body.category {
            write!(f, " {}", Shown(category))?;
        }
        if let Some(said) = self.body.said() {
            write!(f, ": {}", Shown(&said))?;
        } else if let Some(raw) = &self.raw_body {
            write!(f, ": {}", Shown(raw))?;
        }
        if let Some(id) = self.correlation_id() {
            write!(f, " (correlation id {})", Shown(id))?;
        }
        if self.status == 401 {
            f.write_str(": check the access token (missing, wrong, revoked or expired)")?;
        }
        if self.status == 403 {
            let scopes = self.missing_scopes();
            if scopes.is_empty() {
                f.write_str(
                    ": the token may lack a scope this call needs, or, for a user-level app, the \
                     user who installed it may lack the permission",
                )?;
            } else {
                f.write_str(": the token lacks the scope(s) ")?;
                for (i, scope) in scopes.iter().take(SCOPES_SHOWN).enumerate() {
                    let comma = if i > 0 { ", " } else { "" };
                    write!(f, "{comma}`{}`", Shown(scope))?;
                }
                if scopes.len() > SCOPES_SHOWN {
                    write!(f, " and {} more", scopes.len() - SCOPES_SHOWN)?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bounded: a hostile server chooses every string here.
        fn shown(text: &Option<String>) -> Option<Shown<'_>> {
            text.as_deref().map(Shown)
        }
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("category", &shown(&self.body.category))
            .field("message", &shown(&self.body.message))
            .field("raw_body", &shown(&self.raw_body))
            .field("correlation_id", &self.correlation_id().map(Shown))
            .field("errors", &self.body.errors.len())
            .field("retry_after", &self.retry_after)
            .finish_non_exhaustive()
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
    /// Extra context, such as `requiredGranularScopes` or a batch item's `objectWriteTraceId`
    /// (decoded by [`crate::lenient::context`]: never fails the error it comes with).
    #[serde(
        default,
        deserialize_with = "crate::lenient::context",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
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
    /// RFC 6749's error code, which HubSpot's token endpoint sends (`invalid_grant`,
    /// `invalid_client`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// RFC 6749's description of [`error`](Self::error): what HubSpot says went wrong.
    #[serde(
        default,
        rename = "error_description",
        skip_serializing_if = "Option::is_none"
    )]
    pub error_description: Option<String>,
}

impl ApiErrorBody {
    /// What HubSpot says went wrong, in its own words: RFC 6749's `error` and
    /// `error_description` where it sent them (its token endpoint does), else `message`.
    pub fn said(&self) -> Option<String> {
        match (&self.error, &self.error_description, &self.message) {
            (Some(code), Some(description), _) => Some(format!("{code}: {description}")),
            (None, Some(description), _) => Some(description.clone()),
            (_, None, Some(message)) => Some(message.clone()),
            (Some(code), None, None) => Some(code.clone()),
            (None, None, None) => None,
        }
    }
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
    /// The forms host's code for a refused field (`FIELD_NOT_IN_FORM_DEFINITION`,
    /// `INVALID_EMAIL`), where the API would say `code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// Extra context (decoded by [`crate::lenient::context`]).
    #[serde(
        default,
        deserialize_with = "crate::lenient::context",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
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
            // Bounded: the name is the server's text and ends up in messages.
            Some(other) => Self::Other(truncate(other, 64).into_owned()),
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
