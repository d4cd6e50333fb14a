//! Requests from HubSpot (webhooks, workflow actions, UI extensions), verified by signature
//! before anything is believed, and webhook events as typed values.
//!
//! | Header | Version | Signed |
//! |---|---|---|
//! | `X-HubSpot-Signature-v3` + `X-HubSpot-Request-Timestamp` | v3 | base64 HMAC-SHA256 of method, URI, body, timestamp; refused past 5 minutes |
//! | `X-HubSpot-Signature`, `X-HubSpot-Signature-Version: v2` | v2 | hex SHA-256 of secret, method, URI, body |
//! | `X-HubSpot-Signature`, version `v1` (or none) | v1 | hex SHA-256 of secret and body |
//!
//! Signatures are compared in constant time. `uri` is the full URL HubSpot called, scheme,
//! host and query included.
//!
//! **Only v3 is accepted by default.** v1 and v2 sign no timestamp, so a captured request
//! verifies forever; and since HubSpot sends its v1/v2 headers beside the v3 ones, anyone who
//! captured one request could strip its v3 headers and replay it. An app whose subscriptions
//! still send only v1 or v2 opts in with [`Accepted::V3AndLegacy`] (and
//! `WebhookConfig::accept_legacy_signatures` for the extractor of the `axum` feature), taking
//! that risk: it should then deduplicate events by `eventId`.
//!
//! ```
//! use hubspot_crm::webhooks;
//! use hubspot_crm::SecretString;
//!
//! let secret = SecretString::from("yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy");
//! let body = br#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#;
//! let signature = "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de";
//! // A legacy signature, checked on its own: `verify` would refuse it by default.
//! webhooks::verify_v1(&secret, body, signature)?;
//! let events = webhooks::parse_events(body)?;
//! assert_eq!(events[0].subscription_type, "contact.creation");
//! # Ok::<(), webhooks::WebhookError>(())
//! ```

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use hubspot_runtime::SecretString;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// How old a v3 request may be.
pub const MAX_AGE: Duration = Duration::from_secs(300);

/// Why a request from HubSpot was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// No signature header: not a request from HubSpot.
    #[error("the request carries no HubSpot signature")]
    MissingSignature,
    /// The signature does not match: forged, altered, or signed with another secret.
    #[error("the HubSpot signature does not match the request")]
    BadSignature,
    /// A v3 timestamp older than five minutes (or from the future): a replay.
    #[error("the request timestamp is {0:?} away from now, over the 5 minutes allowed")]
    StaleTimestamp(Duration),
    /// A v3 request without a readable timestamp.
    #[error("the request timestamp is missing or not a number")]
    BadTimestamp,
    /// A signature version this crate does not know.
    #[error("unknown signature version")]
    UnknownVersion,
    /// Only a v1 or v2 signature, which signs no timestamp and so can be replayed; refused
    /// unless legacy signatures are accepted ([`Accepted::V3AndLegacy`]).
    #[error(
        "only a v1/v2 signature, which can be replayed: v3 (X-HubSpot-Signature-v3) is required"
    )]
    LegacySignature,
    /// The body is not a list of events.
    #[error("the body is not a list of webhook events: {0}")]
    Body(String),
    /// The body is over the extractor's limit (1 MiB; HubSpot sends at most 100 events).
    #[error("the body is over the {0}-byte limit")]
    BodyTooLarge(usize),
    /// The body did not arrive within the extractor's time limit: a stalled sender.
    #[error("the body did not arrive within {0:?}")]
    BodyTimeout(Duration),
    /// The receiver already holds as many body bytes or bodies as its config allows
    /// (`WebhookConfig::max_in_flight`): the sender is to retry later.
    #[error(
        "the receiver is at its limit of bodies in flight ({max_bytes} bytes, {max_bodies} bodies): retry later"
    )]
    Busy {
        /// The config's byte budget.
        max_bytes: usize,
        /// The config's limit of bodies.
        max_bodies: usize,
    },
}

/// Which signature a request was verified with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureVersion {
    /// SHA-256 of secret and body.
    V1,
    /// SHA-256 of secret, method, URI and body.
    V2,
    /// HMAC-SHA256 of method, URI, body and timestamp.
    V3,
}

/// Which signature versions a request may be verified with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Accepted {
    /// v3 only: timestamped, refused after five minutes. The default.
    #[default]
    V3Only,
    /// v3 when the request carries it, else v1 or v2, which can be replayed: for apps whose
    /// subscriptions still sign only that way.
    V3AndLegacy,
}

/// Verifies a request by its v3 signature (v1 and v2 are refused: see the
/// [module docs](self)). `header` looks a header up by name (case-insensitively, as HTTP
/// header maps do).
///
/// # Errors
/// [`WebhookError`] naming what failed; [`WebhookError::LegacySignature`] for a request signed
/// only with v1 or v2.
pub fn verify<'h>(
    secret: &SecretString,
    method: &str,
    uri: &str,
    body: &[u8],
    header: impl Fn(&str) -> Option<&'h str>,
    now: SystemTime,
) -> Result<SignatureVersion, WebhookError> {
    verify_accepting(Accepted::V3Only, secret, method, uri, body, header, now)
}

/// [`verify`], accepting the signature versions `accepted` allows, newest first.
///
/// # Errors
/// [`WebhookError`] naming what failed.
pub fn verify_accepting<'h>(
    accepted: Accepted,
    secret: &SecretString,
    method: &str,
    uri: &str,
    body: &[u8],
    header: impl Fn(&str) -> Option<&'h str>,
    now: SystemTime,
) -> Result<SignatureVersion, WebhookError> {
    if let Some(signature) = header("x-hubspot-signature-v3") {
        let timestamp = header("x-hubspot-request-timestamp").ok_or(WebhookError::BadTimestamp)?;
        verify_v3(secret, method, uri, body, timestamp, signature, now)?;
        return Ok(SignatureVersion::V3);
    }
    let signature = header("x-hubspot-signature").ok_or(WebhookError::MissingSignature)?;
    if accepted == Accepted::V3Only {
        return Err(WebhookError::LegacySignature);
    }
    match header("x-hubspot-signature-version").unwrap_or("v1") {
        "v1" => verify_v1(secret, body, signature).map(|()| SignatureVersion::V1),
        "v2" => verify_v2(secret, method, uri, body, signature).map(|()| SignatureVersion::V2),
        _ => Err(WebhookError::UnknownVersion),
    }
}

/// Verifies a v1 signature: hex SHA-256 of the client secret followed by the body. It signs
/// no timestamp, so a captured request verifies forever.
///
/// # Errors
/// [`WebhookError::BadSignature`].
pub fn verify_v1(secret: &SecretString, body: &[u8], signature: &str) -> Result<(), WebhookError> {
    let digest = Sha256::new()
        .chain_update(secret.expose_secret())
        .chain_update(body)
        .finalize();
    same(&hex(&digest), signature)
}

/// Verifies a v2 signature: hex SHA-256 of the client secret, method, URI and body. It signs
/// no timestamp, so a captured request verifies forever.
///
/// # Errors
/// [`WebhookError::BadSignature`].
pub fn verify_v2(
    secret: &SecretString,
    method: &str,
    uri: &str,
    body: &[u8],
    signature: &str,
) -> Result<(), WebhookError> {
    let digest = Sha256::new()
        .chain_update(secret.expose_secret())
        .chain_update(method)
        .chain_update(uri)
        .chain_update(body)
        .finalize();
    same(&hex(&digest), signature)
}

/// Verifies a v3 signature: base64 HMAC-SHA256, keyed by the client secret, of the method, the
/// URI (with the characters HubSpot's docs list URL-decoded), the body and the timestamp, which
/// must be within five minutes of `now`.
///
/// # Errors
/// [`WebhookError::BadTimestamp`], [`WebhookError::StaleTimestamp`] or
/// [`WebhookError::BadSignature`].
pub fn verify_v3(
    secret: &SecretString,
    method: &str,
    uri: &str,
    body: &[u8],
    timestamp: &str,
    signature: &str,
    now: SystemTime,
) -> Result<(), WebhookError> {
    let millis: u64 = timestamp
        .trim()
        .parse()
        .map_err(|_| WebhookError::BadTimestamp)?;
    let sent = SystemTime::UNIX_EPOCH + Duration::from_millis(millis);
    let age = now
        .duration_since(sent)
        .unwrap_or_else(|ahead| ahead.duration());
    if age > MAX_AGE {
        return Err(WebhookError::StaleTimestamp(age));
    }
    let expected = base64::engine::general_purpose::STANDARD
        .decode(signature.trim())
        .map_err(|_| WebhookError::BadSignature)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.expose_secret().as_bytes())
        .map_err(|_| WebhookError::BadSignature)?;
    mac.update(method.as_bytes());
    mac.update(decode_uri(uri).as_bytes());
    mac.update(body);
    mac.update(timestamp.trim().as_bytes());
    mac.verify_slice(&expected)
        .map_err(|_| WebhookError::BadSignature)
}

/// The characters HubSpot's v3 docs say to decode in the URI before signing.
fn decode_uri(uri: &str) -> String {
    const DECODED: [(&str, &str); 12] = [
        ("%3A", ":"),
        ("%2F", "/"),
        ("%3F", "?"),
        ("%40", "@"),
        ("%21", "!"),
        ("%24", "$"),
        ("%27", "'"),
        ("%28", "("),
        ("%29", ")"),
        ("%2A", "*"),
        ("%2C", ","),
        ("%3B", ";"),
    ];
    let mut out = uri.to_owned();
    for (encoded, plain) in DECODED {
        out = out
            .replace(encoded, plain)
            .replace(&encoded.to_lowercase(), plain);
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn same(expected: &str, given: &str) -> Result<(), WebhookError> {
    let given = given.trim().to_ascii_lowercase();
    if expected.as_bytes().ct_eq(given.as_bytes()).into() {
        Ok(())
    } else {
        Err(WebhookError::BadSignature)
    }
}

/// One webhook event. Types HubSpot adds later arrive like any other: `subscription_type` is
/// kept as sent, and fields this crate does not know are in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct WebhookEvent {
    /// The event's id.
    pub event_id: u64,
    /// The subscription that matched.
    pub subscription_id: u64,
    /// The account.
    pub portal_id: u64,
    /// The app.
    pub app_id: u64,
    /// When it happened, in milliseconds since the epoch.
    pub occurred_at: u64,
    /// What happened: `contact.creation`, `deal.propertyChange`, ….
    pub subscription_type: String,
    /// How many times HubSpot tried to deliver it before (0 the first time).
    pub attempt_number: u32,
    /// The record it concerns.
    #[serde(default)]
    pub object_id: Option<u64>,
    /// The property that changed, on a property change.
    #[serde(default)]
    pub property_name: Option<String>,
    /// Its new value, on a property change.
    #[serde(default)]
    pub property_value: Option<String>,
    /// What made the change: `CRM`, `API`, `IMPORT`, ….
    #[serde(default)]
    pub change_source: Option<String>,
    /// `NEW`, `MERGED`, …, on creations and merges.
    #[serde(default)]
    pub change_flag: Option<String>,
    /// Everything else the event carried.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Parses a (verified) body into its events.
///
/// # Errors
/// [`WebhookError::Body`] when it is not a JSON list of events.
pub fn parse_events(body: &[u8]) -> Result<Vec<WebhookEvent>, WebhookError> {
    // Serde quotes what it rejects: keep the message short.
    serde_json::from_slice(body)
        .map_err(|error| WebhookError::Body(error.to_string().chars().take(256).collect()))
}

#[cfg(feature = "axum")]
mod budget;
#[cfg(feature = "axum")]
mod extract;
#[cfg(feature = "axum")]
pub use extract::{VerifiedEvents, WebhookConfig, WebhookRejection};

// The webhooks management API (subscriptions, settings) sits beside verification.
#[cfg(feature = "webhooks")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhooks")))]
pub use crate::generated::webhooks::*;
