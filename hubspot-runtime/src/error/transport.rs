//! Failures of the HTTP exchange itself, classified by what they say about the request's fate.

use std::error::Error as StdError;

/// What to do about a write whose outcome is unknown.
const UNKNOWN_HINT: &str = " (before sending a write again, read it back by a unique property, or send it as an upsert by one)";

/// What went wrong on the wire, which decides whether a retry could duplicate a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, no route, DNS, TLS handshake, connect
    /// timeout): the request never reached the server. Retried for every method.
    Connect,
    /// The request could not be put on the wire at all (a URL or header HTTP cannot carry). It
    /// was not sent, and sending it again would fail the same way: never retried.
    InvalidRequest,
    /// The attempt timed out: the server may have received and applied the request.
    Timeout,
    /// The connection failed after the request was (or may have been) sent.
    Other,
    /// The server's answer is not valid HTTP. The request may have been applied.
    InvalidResponse,
    /// The response headers are over the transport's limit. The request may have been applied;
    /// not retried, since a server that answers so will answer so again.
    HeadersTooLarge,
    /// The response body is over the client's
    /// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes). Nothing past the limit
    /// was read. The request may have been applied; not retried.
    BodyTooLarge,
    /// A success answer's JSON breaks off mid-document (`{"results": [{"id": `), as a proxy or
    /// a connection that cut it short sends it with a length that matches. The request was
    /// answered: a read is retried, a write is not. JSON that is whole but does not fit the
    /// model is a decode error instead, which a retry would not change.
    IncompleteBody,
}

impl TransportErrorKind {
    /// Whether the request may have reached the server.
    pub fn request_may_have_been_sent(self) -> bool {
        !matches!(self, Self::Connect | Self::InvalidRequest)
    }

    /// What failed, without a word on the request's fate.
    fn symptom(self) -> &'static str {
        match self {
            Self::Connect | Self::InvalidRequest | Self::Other => "the connection failed",
            Self::Timeout => "it timed out",
            Self::InvalidResponse => "it is not valid HTTP",
            Self::HeadersTooLarge => "its headers are too large",
            Self::BodyTooLarge => "its body is over the size limit",
            Self::IncompleteBody => "its JSON breaks off mid-document",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Self::Connect => "could not connect; the request was not sent",
            Self::InvalidRequest => "the request could not be sent as HTTP; it was not sent",
            Self::Timeout => "timed out; the request may have been applied, the outcome is unknown",
            Self::Other => {
                "the connection failed after sending; the request may have been applied, the outcome is unknown"
            }
            Self::InvalidResponse => {
                "the server's answer is not valid HTTP; the request may have been applied, the outcome is unknown"
            }
            Self::HeadersTooLarge => {
                "the response headers are too large; the request may have been applied, the outcome is unknown"
            }
            Self::BodyTooLarge => {
                "the response body is over the size limit and was not read past it; the request may have been applied, the outcome is unknown"
            }
            Self::IncompleteBody => {
                "the answer's JSON breaks off mid-document; the request may have been applied, the outcome is unknown"
            }
        }
    }
}

/// What happened to the request, and what to do about a write whose outcome is unknown.
fn describe(kind: TransportErrorKind, status: Option<u16>) -> String {
    match status {
        Some(status) if (200..300).contains(&status) => format!(
            "HubSpot answered {status}, so the request was applied, but its answer could not be read: {}",
            kind.symptom()
        ),
        _ if kind.request_may_have_been_sent() => format!("{}{UNKNOWN_HINT}", kind.describe()),
        _ => kind.describe().to_owned(),
    }
}

/// A failed HTTP exchange. `Display` says what happened to the request (and, when a write may
/// have been applied, how to find out); the underlying cause is its
/// [`source`](std::error::Error::source).
#[derive(Debug, thiserror::Error)]
#[error(
    "{}{}",
    host.as_deref().map_or_else(String::new, |host| format!("{host}: ")),
    describe(*kind, *status)
)]
pub struct TransportError {
    kind: TransportErrorKind,
    /// The host the request went to (`api.hubapi.com`, `127.0.0.1:8080`).
    host: Option<String>,
    #[source]
    source: Box<dyn StdError + Send + Sync>,
    /// Whether the failed request was safe to repeat; set by the executor.
    idempotent: bool,
    /// The status the server had answered when reading the rest of its answer failed.
    status: Option<u16>,
}

impl TransportError {
    /// A transport error of `kind`, caused by `source`.
    pub fn new(
        kind: TransportErrorKind,
        source: impl Into<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        Self {
            kind,
            host: None,
            source: source.into(),
            idempotent: false,
            status: None,
        }
    }

    /// The same error, after the server had answered `status`: the body failed, not the
    /// request. A 2xx here means the write was applied.
    #[must_use]
    pub fn with_response_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The status of the answer whose body could not be read, when the failure came after it.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The host the request went to, when known.
    pub fn host(&self) -> Option<&str> {
        self.host.as_deref()
    }

    pub(crate) fn at_host(mut self, host: &str) -> Self {
        self.host = Some(host.to_owned());
        self
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether HubSpot may have received (and applied) the request. When true, the outcome of a
    /// write is unknown: check before sending it again.
    pub fn request_may_have_been_sent(&self) -> bool {
        self.kind.request_may_have_been_sent()
    }

    pub(crate) fn for_request(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    pub(crate) fn idempotent(&self) -> bool {
        self.idempotent
    }
}
