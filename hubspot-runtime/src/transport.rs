//! The wire: one HTTP exchange, with no retry logic. Production uses reqwest with rustls; unit tests
//! script responses with a fake.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use secrecy::{ExposeSecret, SecretString};

use crate::request::Method;
use crate::time::BoxFuture;

/// One HTTP request, ready to send.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    /// The HTTP method.
    pub method: Method,
    /// The full URL, base URL included.
    pub url: String,
    /// The bearer token; `Debug` prints it redacted.
    pub bearer: Option<SecretString>,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// The JSON body, if any.
    pub body: Option<Bytes>,
    /// How long this attempt may take, response body included.
    pub timeout: Duration,
}

/// One HTTP response, body read in full.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The response body.
    pub body: Bytes,
}

impl HttpResponse {
    /// A response with no headers.
    pub fn new(status: u16, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers: reqwest::header::HeaderMap::new(),
            body: body.into(),
        }
    }

    /// Adds a header; a name or value that is not valid HTTP is skipped.
    #[must_use]
    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        if let Ok(value) = reqwest::header::HeaderValue::from_str(value) {
            self.headers.insert(name, value);
        }
        self
    }

    /// The value of a header, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// What went wrong on the wire, which decides whether a retry could duplicate a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made: the request never reached the server.
    Connect,
    /// The attempt timed out: the server may have received and applied the request.
    Timeout,
    /// The exchange failed after the request was (or may have been) sent.
    Other,
}

/// A failed HTTP exchange.
#[derive(Debug, thiserror::Error)]
#[error("{}: {source}", self.describe())]
pub struct TransportError {
    kind: TransportErrorKind,
    #[source]
    source: Box<dyn StdError + Send + Sync>,
}

impl TransportError {
    /// A transport error of `kind`, caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        Self {
            kind,
            source: source.into(),
        }
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether HubSpot may have received (and applied) the request. When true, the outcome of a
    /// write is unknown: check before sending it again.
    pub fn request_may_have_been_sent(&self) -> bool {
        self.kind != TransportErrorKind::Connect
    }

    fn describe(&self) -> &'static str {
        match self.kind {
            TransportErrorKind::Connect => "could not connect; the request was not sent",
            TransportErrorKind::Timeout => {
                "timed out; the request may have been applied, the outcome is unknown"
            }
            TransportErrorKind::Other => {
                "the connection failed after sending; the request may have been applied, the outcome is unknown"
            }
        }
    }
}

/// Sends one HTTP request. Implementations do not retry; the executor does.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the whole response.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// The production transport: reqwest over rustls.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport over a new reqwest client.
    ///
    /// # Errors
    /// Fails when the TLS backend cannot be initialised.
    pub fn new() -> Result<Self, reqwest::Error> {
        Ok(Self::with_client(reqwest::Client::builder().build()?))
    }

    /// A transport over an existing reqwest client (proxies, custom roots, connection pools).
    pub fn with_client(client: reqwest::Client) -> Self {
        Self { client }
    }

    async fn exchange(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = self
            .client
            .request(request.method.to_reqwest(), &request.url)
            .timeout(request.timeout)
            .header(reqwest::header::USER_AGENT, &request.user_agent)
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(token) = &request.bearer {
            // The executor has checked the token; this guards custom callers of the transport.
            let mut value = reqwest::header::HeaderValue::from_str(&format!(
                "Bearer {}",
                token.expose_secret()
            ))
            .map_err(|_| {
                TransportError::new(
                    TransportErrorKind::Connect,
                    "the access token is not a valid header value",
                )
            })?;
            value.set_sensitive(true);
            builder = builder.header(reqwest::header::AUTHORIZATION, value);
        }
        if let Some(body) = request.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let response = builder.send().await.map_err(from_reqwest)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(from_reqwest)?;
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.exchange(request))
    }
}

fn from_reqwest(error: reqwest::Error) -> TransportError {
    // A connect that timed out still never sent the request, so `Connect` wins over `Timeout`.
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Other
    };
    // The URL can carry e-mail addresses (ids, query values); errors must not.
    TransportError::new(kind, error.without_url())
}
