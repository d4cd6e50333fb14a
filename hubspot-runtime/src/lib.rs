//! The runtime behind the HubSpot SDK: every generated endpoint goes through it.
//!
//! # Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `rustls-ring` | yes | HTTPS through rustls on ring, with the platform's certificate verifier. reqwest gets no default crypto provider, so another crate's reqwest client with no TLS feature of its own, in the same build, panics unless a provider is installed first ([`install_crypto_provider`]) |
//! | `rustls` | no | HTTPS through rustls on aws-lc-rs instead (FIPS builds, post-quantum key exchange): about 40 s more CPU on a clean build, for aws-lc's C library |
//! | `native-tls` | no | HTTPS through the platform's TLS library (OpenSSL on Linux) instead |
//! | `default-client` | yes | `.await` outside a [scope](Client::scope) uses a process-wide client: [`set_default_client`], else one from `HUBSPOT_ACCESS_TOKEN` |
//! | `http2` | no | HTTP/2 where the server offers it |
//! | `gzip`, `brotli` | no | compressed responses (asked for and decoded transparently) |
//! | `redis` | no | a rate limit shared across processes (`ClientBuilder::shared_rate_limit`) |
//!
//! Without a TLS feature only `http://` base URLs on loopback work (tests against
//! `hubspot-mock`).
//!
//! A [`Request<T>`] describes one call; [`Request::send`] (or `.await`, with the task's
//! [scoped client](Client::scope) or else the process-wide default) runs it through one executor that retries what is safe to
//! retry, waits as HubSpot asks, and returns a typed [`Error`] for everything else.
//!
//! # Retry rules
//!
//! | Outcome | Retried? | Wait | [`Error::write_outcome`] |
//! |---|---|---|---|
//! | 2xx (incl. 207 multi-status, 204/empty → `()`) | success | – | – |
//! | 2xx whose body cannot be read (malformed, cut short, over the size limit) | no | – | `Applied` |
//! | 429, `policyName` `DAILY` | no: [`Error::RateLimited`] at once | – | `NotApplied` |
//! | 429, any other policy | yes, every method, using no attempt | the lane pauses for every client of the token: `Retry-After` (seconds or HTTP-date), else a full window (with the limiter off: `Retry-After` or backoff, within the attempts) | `NotApplied` |
//! | 423 Locked | yes, every method | `Retry-After`, at least 2 s | `NotApplied` |
//! | 477 Migration in progress | yes, every method | `Retry-After` or backoff | `NotApplied` |
//! | 500, 502, 503, 504, 521, 523, 524 | idempotent requests only | `Retry-After` or backoff | `Unknown` |
//! | other 4xx (400, 401, 403, 404, 409, 414, …) | no: [`Error::Api`] | – | `NotApplied` |
//! | other 5xx | no: [`Error::Api`] | – | `Unknown` |
//! | 3xx | no, never followed: [`Error::Redirected`] | – | `Unknown` |
//! | connection not made (refused, connect timeout, DNS, TLS) | yes, every method | backoff | `NotApplied` |
//! | request HTTP cannot carry (a URL over 64 KiB) | no; nothing is sent | – | `NotApplied` |
//! | timeout, connection lost after sending, a reply that is not HTTP | idempotent requests only | backoff | `Unknown` |
//! | response headers over the limit | no | – | `Unknown` |
//!
//! A give-up ([`Error::GaveUp`]) reports the most any of its attempts may have done. Only
//! `NotApplied` makes a write safe to send again as it is; [`Error::outcome_unknown`] is
//! `Unknown`.
//!
//! [`Error::is_retryable`] is true exactly where the executor retries.
//!
//! - **Idempotent**: GET, PUT, PATCH, DELETE; POST only where the endpoint says so (search, batch
//!   read). A POST create is never retried after it may have reached HubSpot, so it is never
//!   doubled.
//! - **Backoff**: 2 s, doubling, capped at 60 s, 4 attempts in all. Jitter (on by default) draws
//!   each wait from its upper half; [`RetryConfig::jitter`]`(false)` gives exactly 2 s, 4 s, 8 s.
//! - **Limits**: no sleep after the last attempt; no sleep that would end at or past the call's
//!   deadline (2 minutes by default, [`ClientBuilder::deadline`]; [`Error::GaveUp`] with
//!   [`GiveUpReason::DeadlineExceeded`] instead); no `Retry-After` longer than
//!   [`RetryConfig::max_retry_after`] (60 s; [`GiveUpReason::RetryAfterTooLong`] at once). A
//!   retry budget shared by the client (the AWS SDKs' standard retry quota: 500 tokens, 5 a retry,
//!   10 after a timeout, a success pays back its retries' cost or earns 1) stops retries during a
//!   storm.
//! - **Bounds on the server**: redirects are not followed; success bodies are read up to
//!   [`ClientBuilder::max_response_bytes`] (64 MiB), error bodies up to 1 MiB; connections must
//!   open within [`ClientBuilder::connect_timeout`]; the token is scrubbed from all server text
//!   an error keeps, and that text is shown cut to a few hundred characters.
//! - **Rate limits**: every attempt takes a slot of its lane's limiter first, so a sync runs at
//!   the full allowed rate without drawing 429s. The rolling window is a sliding log (never more
//!   than `L` sends in any `W`) that starts at [`RateLimit::FREE_STARTER`] and learns the real
//!   limit from the `X-HubSpot-RateLimit-*` headers; search is held to 5 per second; the daily
//!   cap is refused at once ([`Error::DailyLimitReached`]). A 429 that still arrives pauses its
//!   lane for every client of the token and uses up no attempt: rate limiting only delays a
//!   call, until its deadline. Clients with the same token and base URL share one limiter per
//!   process; the `redis` feature shares it across processes
//!   (`ClientBuilder::shared_rate_limit`). [`ClientBuilder::rate_limiter`]`(false)` turns it
//!   off, and 429s are then retried by the table above, within the attempts.
//! - **Logs**: each retry and give-up is a `tracing` `warn!` with attempt, max attempts, delay,
//!   status, method, path *template* and correlation id. Tokens, filled paths and query values
//!   are never logged, and never appear in `Debug` output or errors.

// Layers, bottom up; each module uses only those above it in this list.
mod auth;
mod client;
mod datetime;
mod decode;
mod error;
mod executor;
mod fetch;
mod http;
pub mod ids;
mod json_path;
pub mod lenient;
mod limit;
mod multipart;
pub mod oauth;
mod pkce;
mod query;
mod request;
mod response;
mod retry;
mod stats;
mod stream;
mod text;
pub mod time;
mod tls;
pub mod transport;
mod types;
mod version;

pub use auth::{Auth, StaticToken};
pub use client::{
    ACCESS_TOKEN_ENV, BASE_URL_ENV, Client, ClientBuilder, DEFAULT_BASE_URL,
    DEFAULT_FORMS_BASE_URL, DEVELOPER_API_KEY_ENV,
};
#[cfg(feature = "default-client")]
pub use client::{default_client, set_default_client};
pub use datetime::{DateTime, DateTimeError};
pub use error::{
    ApiError, ApiErrorBody, DecodeError, Error, ErrorDetail, GiveUpReason, RateLimitPolicy,
    WriteOutcome,
};

/// A call's result: `T`, or the [`Error`] that says what happened to the request.
pub type Result<T, E = Error> = std::result::Result<T, E>;
pub use fetch::MAX_POLL;
pub use limit::{LimitEvent, LimitObserver, RateLimit};
pub use multipart::{MAX_PART_BYTES, Multipart};
pub use query::comma_separated;
pub use request::{PathBuilder, Request};
pub use response::{FromResponse, Raw};
pub use retry::RetryConfig;
pub use secrecy::SecretString;
pub use stats::{ByLane, ClientStats, Retries};
pub use stream::{BodySink, Progress};
pub use tls::install_crypto_provider;
/// What a streamed body is written to ([`Client::download_to`], [`Request::send_to`]): a
/// `tokio::fs::File`, a socket, a `Vec<u8>`.
pub use tokio::io::AsyncWrite;
pub use types::{Host, Lane, Method};
pub use version::ApiVersion;

/// Declares a HubSpot endpoint: a one-line attribute on a body-less signature becomes a function
/// that returns a [`Request<T>`].
///
/// ```
/// use hubspot_runtime::{Request, hubspot_endpoint};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Deserialize)]
/// pub struct Object { pub id: String }
/// #[derive(Serialize)]
/// pub struct Input { pub properties: std::collections::BTreeMap<String, String> }
/// #[derive(Serialize)]
/// pub struct Get<'a> {
///     #[serde(serialize_with = "hubspot_runtime::comma_separated")]
///     pub properties: &'a [&'a str],
///     pub archived: Option<bool>,
/// }
///
/// /// Update a deal's properties.
/// #[hubspot_endpoint(method = "PATCH", path = "/crm/v3/objects/deals/<id>")]
/// pub fn update(id: &str, #[body] input: &Input) -> Object;
///
/// /// Read a deal.
/// #[hubspot_endpoint(method = "GET", path = "/crm/v3/objects/deals/<id>")]
/// pub fn get(id: &str, #[query] query: &Get<'_>) -> Object;
///
/// /// Archive a deal (204, no body).
/// #[hubspot_endpoint(method = "DELETE", path = "/crm/v3/objects/deals/<id>")]
/// pub fn archive(id: &str);
///
/// let request: Request<Object> = get("a/b", &Get { properties: &["dealname", "amount"], archived: None });
/// assert_eq!(request.path_and_query(), "/crm/v3/objects/deals/a%2Fb?properties=dealname,amount");
/// let _: Request<()> = archive("7");
/// ```
///
/// - **Arguments**: `method` (`"GET"`, `"POST"`, `"PUT"`, `"PATCH"`, `"DELETE"`) and `path` are
///   required. `idempotent = true|false` overrides the method's default (GET, PUT, PATCH and
///   DELETE are idempotent; POST is not), and `lane = "search"` puts the request in the search
///   rate-limit lane. `versions = "2026-03, 2026-09"` makes a dated endpoint: the path is written
///   in the first version listed, and sends in the client's
///   [`api_version`](ClientBuilder::api_version) (or the request's), which must be one of those
///   listed ([`Error::UnsupportedVersion`] otherwise, before anything is sent). Without it the
///   path is sent as written. `auth = "developer_key"` sends the client's developer API key
///   ([`ClientBuilder::developer_api_key`]) instead of its token, when it has one;
///   `auth = "none"` sends no credentials (a public endpoint). `host = "forms"` sends to the
///   forms host ([`ClientBuilder::forms_base_url`]) instead of the API's.
/// - **Parameters** each have one role: a *path parameter* named by a `<name>` placeholder (any
///   `Display` type, sent as one percent-encoded segment) or a *location* named by a final
///   `<name..>` placeholder (a file's path, `templates/home.html`: its parts are encoded one
///   by one and its `/` stay, while an empty, `.` or `..` part is refused), the JSON *body* marked `#[body]` (at
///   most one; not on GET or DELETE), *query* parameters marked `#[query]` (a `Serialize`
///   struct: `None` fields are left out, a list repeats its key, `name=a&name=b`, as
///   HubSpot's spec writes every query array; [`comma_separated`] joins one with commas), or a *form* body
///   marked `#[form]` (a struct sent `application/x-www-form-urlencoded`, as HubSpot's OAuth
///   endpoints take; they authenticate by its fields, so no bearer token is sent), or a
///   [`Multipart`] body marked `#[multipart]` (by value), or a `text/plain` body marked
///   `#[text]` (a `&str`).
/// - **Return type** `-> T` decodes the response as `T`, which must be
///   `serde::de::DeserializeOwned` or [`Raw`] (the bytes, for a CSV or text answer; checked on
///   the signature); no return type decodes an empty or 204 response as `()`.
/// - **Paths** are a string literal, or `concat!` of string literals so that a `macro_rules!`
///   can declare endpoints. A placeholder named by a keyword, such as `<type>`, takes a raw
///   identifier parameter, `r#type`.
/// - **Docs**: the generated function keeps yours and adds the method, the path and whether a
///   failed call is retried.
///
/// A path that does not match the parameters does not compile, and the error points at the
/// placeholder or parameter at fault; every error of a declaration is reported in one build.
/// With `hubspot-crm` as your only dependency, use `hubspot_crm::hubspot_endpoint`.
pub use hubspot_derive::hubspot_endpoint;

/// `hubspot_crm::hubspot_endpoint`: the macro, expanding through `::hubspot_crm`.
#[doc(hidden)]
pub use hubspot_derive::hubspot_endpoint_via_crm;

/// What `#[hubspot_endpoint]` expands to. Not public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::request::{PathBuilder, Request};
    pub use crate::types::{Host, Lane, Method};

    /// Fails to compile, at the endpoint's return type, when the response cannot be decoded.
    pub fn assert_response<T: crate::FromResponse>() {}
}
