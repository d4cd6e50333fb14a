//! `Request<T>`: a plain description of one call, inspectable without a network.

use std::fmt::{self, Display, Write as _};
use std::future::IntoFuture;
use std::marker::PhantomData;
use std::time::Duration;

use crate::response::{AnswerBody, FromResponse};
use bytes::Bytes;
use futures_util::future::Either;
use percent_encoding::utf8_percent_encode;
use secrecy::SecretString;
use serde::Serialize;

use crate::client::{Client, current_client};
use crate::error::Error;
use crate::executor::{Call, Executor};
use crate::multipart::Multipart;
use crate::query::SEGMENT;
use crate::types::{BoxFuture, Host, Lane, Method};
use crate::version::{ApiVersion, VersionSlot};

/// Builds an encoded path from a template's literal parts and parameter values.
#[derive(Debug, Default)]
pub struct PathBuilder {
    path: String,
    version: Option<VersionSlot>,
    error: Option<Error>,
}

impl PathBuilder {
    /// An empty path.
    pub fn new() -> Self {
        Self {
            // Room for nearly every HubSpot path, so building one does not grow it.
            path: String::with_capacity(128),
            ..Self::default()
        }
    }

    /// Appends a literal part of the template, as is.
    #[must_use]
    pub fn literal(mut self, literal: &str) -> Self {
        self.path.push_str(literal);
        self
    }

    /// Appends the API version segment of a dated endpoint: `available[0]` (the version the
    /// endpoint was declared with) until the client's or the request's version replaces it.
    /// `available` lists every version with this operation under the same path shape.
    #[must_use]
    pub fn version(mut self, available: &'static [&'static str]) -> Self {
        let declared = available.first().copied().unwrap_or_default();
        self.version = Some(VersionSlot {
            at: self.path.len(),
            len: declared.len(),
            available,
        });
        self.path.push_str(declared);
        self
    }

    /// Appends `value` as one percent-encoded path segment. Empty, `.` and `..` values are
    /// refused: they would change which endpoint is called.
    #[must_use]
    pub fn param(mut self, name: &str, value: &dyn Display) -> Self {
        let mut segment = Segment {
            path: &mut self.path,
            len: 0,
            dots_only: true,
        };
        let _ = write!(segment, "{value}");
        let (len, dots_only) = (segment.len, segment.dots_only);
        if (len == 0 || (dots_only && len <= 2)) && self.error.is_none() {
            self.error = Some(Error::InvalidRequest(format!(
                "path parameter `{name}` must not be empty, `.` or `..`"
            )));
        }
        self
    }

    /// Appends `value` as a file-system location (`<path..>`): each `/`-separated part is
    /// percent-encoded as its own segment and the `/` stay. A location with an empty, `.` or
    /// `..` part (`a//b`, `/a`, `../b`) is refused: it would climb out of or skip a folder.
    #[must_use]
    pub fn rest(mut self, name: &str, value: &dyn Display) -> Self {
        let location = value.to_string();
        for (i, part) in location.split('/').enumerate() {
            if i > 0 {
                self.path.push('/');
            }
            if matches!(part, "" | "." | "..") && self.error.is_none() {
                self.error = Some(Error::InvalidRequest(format!(
                    "path parameter `{name}` must not hold an empty, `.` or `..` part"
                )));
            }
            let _ = write!(self.path, "{}", utf8_percent_encode(part, SEGMENT));
        }
        self
    }
}

/// Percent-encodes a value into the path as it is formatted, noting what `param` checks: no
/// copy of the value is made.
struct Segment<'a> {
    path: &'a mut String,
    /// Bytes of the value, before encoding.
    len: usize,
    dots_only: bool,
}

impl fmt::Write for Segment<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.len += text.len();
        self.dots_only &= text.bytes().all(|b| b == b'.');
        // Every byte that is not ASCII is encoded on its own, so chunks encode as the whole.
        write!(self.path, "{}", utf8_percent_encode(text, SEGMENT))
    }
}

/// One HubSpot call that decodes its response into `T`.
///
/// It is plain data until sent: tests can inspect it without a network. Send it with
/// [`Request::send`], or `.await` it to use the task's [scoped client](Client::scope), else the
/// process-wide default (feature `default-client`).
///
/// ```
/// # use hubspot_runtime as hubspot_crm;
/// use hubspot_crm::{Method, PathBuilder, Request};
///
/// let path = PathBuilder::new().literal("/crm/v3/objects/deals/").param("id", &"a/b");
/// let request: Request<serde_json::Value> = Request::new(Method::Get, "/crm/v3/objects/deals/<id>", path)
///     .query_param("properties", "dealname,amount");
/// assert_eq!(request.path(), "/crm/v3/objects/deals/a%2Fb");
/// assert!(request.is_idempotent());
/// assert_eq!(request.path_and_query(), "/crm/v3/objects/deals/a%2Fb?properties=dealname,amount");
/// ```
pub struct Request<T> {
    parts: Call,
    error: Option<Error>,
    /// Success bodies are not read into `T`: it is decoded from `null`.
    ignore_body: bool,
    response: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The filled path, query and body can hold personal data; the template cannot.
        f.debug_struct("Request")
            .field("method", &self.parts.method)
            .field("template", &self.parts.template)
            .field("idempotent", &self.parts.idempotent)
            .field("lane", &self.parts.lane)
            .finish_non_exhaustive()
    }
}

impl<T> Request<T> {
    /// A request with no query and no body, idempotent unless the method is `POST`.
    pub fn new(method: Method, template: &'static str, path: PathBuilder) -> Self {
        Self {
            parts: Call {
                method,
                template,
                path: path.path,
                version: path.version,
                version_chosen: false,
                query: Vec::new(),
                body: None,
                idempotent: method.is_idempotent(),
                lane: Lane::Standard,
                deadline: None,
                until_deadline: false,
                content_type: std::borrow::Cow::Borrowed("application/json"),
                multipart: None,
                size_429: false,
                authenticated: true,
                secrets: Vec::new(),
                developer_key: false,
                host: Host::Api,
                body_sink: None,
                operation: "",
            },
            error: path.error,
            ignore_body: false,
            response: PhantomData,
        }
    }

    /// Decodes the response as if its body were empty, whatever a success sends: for an
    /// endpoint declared without a return type, whose answer (204, or 200 with a summary in
    /// some versions) says nothing the caller needs.
    #[must_use]
    pub fn ignore_body(mut self) -> Self {
        self.ignore_body = true;
        self
    }

    /// Adds the fields of `query` as query parameters: `None` fields are left out, a list repeats
    /// its name per item (unless its field is [`comma_separated`](crate::comma_separated)).
    #[must_use]
    pub fn query<Q: Serialize + ?Sized>(mut self, query: &Q) -> Self {
        match crate::query::to_pairs(query) {
            Ok(pairs) => self.parts.query.extend(pairs),
            Err(error) => self.fail(error),
        }
        self
    }

    /// Adds one query parameter.
    #[must_use]
    pub fn query_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.query.push((name.into(), value.into()));
        self
    }

    /// Sets the JSON body.
    #[must_use]
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.parts.body = Some(Bytes::from(bytes)),
            Err(error) => self.fail(Error::Encode(error)),
        }
        self
    }

    /// Sets a `text/plain; charset=utf-8` body (a custom workflow action's source code).
    #[must_use]
    pub fn text(mut self, body: &str) -> Self {
        self.parts.body = Some(Bytes::copy_from_slice(body.as_bytes()));
        self.parts.content_type = std::borrow::Cow::Borrowed("text/plain; charset=utf-8");
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body, as OAuth token endpoints take.
    #[must_use]
    pub fn form(mut self, fields: &[(&str, &str)]) -> Self {
        let mut body = String::new();
        for (i, (name, value)) in fields.iter().enumerate() {
            if i > 0 {
                body.push('&');
            }
            let _ = write!(
                body,
                "{}={}",
                utf8_percent_encode(name, SEGMENT),
                utf8_percent_encode(value, SEGMENT)
            );
        }
        self.parts.body = Some(Bytes::from(body));
        self.parts.content_type = std::borrow::Cow::Borrowed("application/x-www-form-urlencoded");
        self
    }

    /// Marks an upload endpoint where HubSpot answers a file that is too large with a 429 that
    /// carries no rate-limit policy: such a 429 ends the call with [`Error::TooLarge`] at once
    /// instead of pausing the lane.
    #[must_use]
    pub fn refuses_size_with_429(mut self) -> Self {
        self.parts.size_429 = true;
        self
    }

    /// Sets a `multipart/form-data` body. Its parts are built again for each attempt (a file is
    /// read again), so it is retried like any body; one with a part read from a stream is sent
    /// once.
    #[must_use]
    pub fn multipart(mut self, body: Multipart) -> Self {
        let boundary = format!(
            "hubspot-rs-{:016x}{:016x}",
            fastrand::u64(..),
            fastrand::u64(..)
        );
        self.parts.content_type =
            std::borrow::Cow::Owned(format!("multipart/form-data; boundary={boundary}"));
        self.parts.body = None;
        self.parts.multipart = Some((std::sync::Arc::new(body), boundary));
        self
    }

    /// Sets an `application/x-www-form-urlencoded` body from the fields of `form`, as
    /// [`query`](Self::query) encodes them: `None` fields are left out, lists are joined with
    /// commas.
    #[must_use]
    pub fn form_body<F: Serialize + ?Sized>(mut self, form: &F) -> Self {
        match crate::query::to_pairs(form) {
            Ok(pairs) => {
                let fields: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|(name, value)| (name.as_str(), value.as_str()))
                    .collect();
                self = self.form(&fields);
            }
            Err(error) => self.fail(error),
        }
        self
    }

    /// Sends no `Authorization` header (an OAuth token endpoint authenticates by the body).
    #[must_use]
    pub fn without_auth(mut self) -> Self {
        self.parts.authenticated = false;
        self
    }

    /// Authenticates with the client's developer API key
    /// ([`ClientBuilder::developer_api_key`](crate::ClientBuilder::developer_api_key)), sent as
    /// the `hapikey` query parameter, instead of the token: for the app-level APIs (webhooks
    /// settings, timeline event types, CRM cards, calling and video-conferencing settings, …)
    /// that take one. A client without a key sends its token, which those APIs also accept
    /// from an OAuth app.
    #[must_use]
    pub fn developer_api_key(mut self) -> Self {
        self.parts.developer_key = true;
        self
    }

    /// Sends this request to `host` instead of the API host.
    #[must_use]
    pub fn on_host(mut self, host: Host) -> Self {
        self.parts.host = host;
        self
    }

    /// Scrubs `secret` (a client secret, a refresh token the body carries) from everything an
    /// error keeps of the server's answer, as the access token always is.
    #[must_use]
    pub fn redact(mut self, secret: &SecretString) -> Self {
        self.parts.secrets.push(secret.clone());
        self
    }

    /// Sends this request in API `version` instead of the client's
    /// ([`ClientBuilder::api_version`](crate::ClientBuilder::api_version)).
    ///
    /// Sending fails with [`Error::UnsupportedVersion`], before anything is sent, when the
    /// operation does not exist in `version`, or has no dated path at all (a legacy-only
    /// operation).
    #[must_use]
    pub fn api_version(mut self, version: &ApiVersion) -> Self {
        let template = self.parts.template;
        let outcome = match &mut self.parts.version {
            Some(slot) => slot.apply(&mut self.parts.path, version, template),
            None => Err(Error::UnsupportedVersion {
                template,
                version: version.clone(),
                available: &[],
            }),
        };
        match outcome {
            Ok(()) => self.parts.version_chosen = true,
            Err(error) => self.fail(error),
        }
        self
    }

    /// The versions this operation exists in, the one its path was declared with first; empty
    /// for a legacy (undated) path.
    pub fn available_versions(&self) -> &'static [&'static str] {
        self.parts.version.map_or(&[], |slot| slot.available)
    }

    /// Marks the request as safe (or not) to repeat after an unknown outcome.
    #[must_use]
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.parts.idempotent = idempotent;
        self
    }

    /// Sets the rate-limit lane.
    #[must_use]
    pub fn with_lane(mut self, lane: Lane) -> Self {
        self.parts.lane = lane;
        self
    }

    /// Bounds the whole call, retries and waits included; overrides the client's deadline.
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.parts.deadline = Some(deadline);
        self
    }

    /// Retries an idempotent request for as long as its deadline allows instead of a fixed
    /// number of attempts: for a retry-safe write that must not be given up while HubSpot is
    /// merely unwell. Without a deadline the client's attempts still apply.
    #[must_use]
    pub fn retry_until_deadline(mut self) -> Self {
        self.parts.until_deadline = true;
        self
    }

    /// The same request, decoding its response as `U`: typed properties over a generic endpoint,
    /// such as `deals::get(&id).decode_as::<Deal<MyDealProperties>>()`.
    #[must_use]
    pub fn decode_as<U>(self) -> Request<U> {
        Request {
            parts: self.parts,
            error: self.error,
            ignore_body: self.ignore_body,
            response: PhantomData,
        }
    }

    fn fail(&mut self, error: Error) {
        self.error.get_or_insert(error);
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.parts.method
    }

    /// The path template, such as `/crm/v3/objects/deals/<id>`: safe to log.
    pub fn template(&self) -> &'static str {
        self.parts.template
    }

    /// The encoded path.
    pub fn path(&self) -> &str {
        &self.parts.path
    }

    /// The encoded path and query string.
    pub fn path_and_query(&self) -> String {
        self.parts.path_and_query()
    }

    /// The JSON body, as sent.
    pub fn body(&self) -> Option<&[u8]> {
        self.parts.body.as_deref()
    }

    /// Whether the request may be retried after an unknown outcome.
    pub fn is_idempotent(&self) -> bool {
        self.parts.idempotent
    }

    /// Names the function that makes this request (`deals::update`) in its `tracing` span.
    /// `#[hubspot_endpoint]` sets it.
    #[must_use]
    pub fn operation(mut self, name: &'static str) -> Self {
        self.parts.operation = name;
        self
    }

    /// The rate-limit lane.
    pub fn lane(&self) -> Lane {
        self.parts.lane
    }

    /// What was wrong with the arguments (a `..` in a location, a body that would not
    /// serialize), which sending returns before anything goes out.
    pub fn invalid(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    pub(crate) fn into_call(self) -> Result<Call, Error> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.parts),
        }
    }
}

impl<T: FromResponse> Request<T> {
    /// Sends the request with `client`, retrying as the client's policy says.
    ///
    /// # Errors
    /// Any [`Error`]: see the crate docs for which failures are retried first.
    pub fn send(self, client: &Client) -> impl Future<Output = Result<T, Error>> + '_ {
        let ignore_body = self.ignore_body;
        match self.into_call() {
            Ok(mut call) => {
                Either::Left(async move { answer(client.executor(), &mut call, ignore_body).await })
            }
            Err(error) => Either::Right(std::future::ready(Err(error))),
        }
    }
}

/// `call`'s answer, decoded. The futures that own a call borrow it from here on, so that each
/// holds it once (see `Executor::execute`).
async fn answer<T: FromResponse>(
    executor: &Executor,
    call: &mut Call,
    ignore_body: bool,
) -> Result<T, Error> {
    let answer = executor.execute(call).await?;
    T::from_answer(AnswerBody::new(&answer, ignore_body))
}

impl<T: FromResponse> IntoFuture for Request<T> {
    type Output = Result<T, Error>;
    type IntoFuture = BoxFuture<'static, Result<T, Error>>;

    fn into_future(self) -> Self::IntoFuture {
        let ignore_body = self.ignore_body;
        match self.into_call() {
            Ok(mut call) => Box::pin(async move {
                let client = current_client()?;
                answer(client.executor(), &mut call, ignore_body).await
            }),
            Err(error) => Box::pin(std::future::ready(Err(error))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A call's future holds its call once. When it held it four times (an `async fn` at each
    /// layer keeping its argument and its local), it was 2.5 KB: a spawned call copied all of
    /// it, and an awaited one took a box too large for the allocator's per-thread cache.
    #[test]
    fn a_calls_future_stays_small() {
        let Ok(client) = Client::builder()
            .access_token("token")
            .base_url("http://127.0.0.1:1")
            .build()
        else {
            panic!("the client is refused");
        };
        let request =
            || Request::<serde_json::Value>::new(Method::Get, "/crm/v3/owners", PathBuilder::new());
        let call = std::mem::size_of::<Call>();
        let sent = std::mem::size_of_val(&request().send(&client));
        assert!(sent < 4 * call, "{sent} bytes for a {call}-byte call");
        // glibc's per-thread cache takes blocks up to 1,032 bytes.
        let awaited = std::mem::size_of_val(&*request().into_future());
        assert!(awaited <= 1_000, "{awaited} bytes");
    }
}
