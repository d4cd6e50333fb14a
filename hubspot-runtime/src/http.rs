//! One HTTP exchange as plain data: what the executor hands a transport, and what comes back.

use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use secrecy::SecretString;

use crate::stream::BodySink;
use crate::types::Method;

/// One HTTP request, ready to send.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The full URL, base URL included, parsed.
    pub url: reqwest::Url,
    /// The bearer token; `Debug` prints it redacted.
    pub bearer: Option<SecretString>,
    /// The `User-Agent` header, checked once when the client was built.
    pub user_agent: HeaderValue,
    /// The body, if any.
    pub body: Option<Bytes>,
    /// The body's media type: `application/json`, a form for OAuth token endpoints, or
    /// `multipart/form-data` with its boundary.
    pub content_type: std::borrow::Cow<'static, str>,
    /// How long this attempt may take, response body included.
    pub timeout: Duration,
    /// The most bytes of response body to read; a transport fails a longer success body with
    /// [`TransportErrorKind::BodyTooLarge`](crate::error::TransportErrorKind::BodyTooLarge).
    pub max_response_bytes: u64,
    /// Where a success body goes, chunk by chunk, instead of into [`HttpResponse::body`]: the
    /// transport then waits at most `timeout` for each chunk, and `max_response_bytes` does not
    /// apply. A transport that ignores it returns the body, which the caller forwards.
    pub body_sink: Option<BodySink>,
}

/// One HTTP response, body read in full (up to the request's limit).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The response body.
    pub body: Bytes,
}

impl HttpResponse {
    /// A response with no headers.
    pub fn new(status: u16, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers: HeaderMap::new(),
            body: body.into(),
        }
    }

    /// Adds a header; a name or value that is not valid HTTP is skipped.
    #[must_use]
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.headers.insert(name, value);
        }
        self
    }

    /// The value of a header, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}
