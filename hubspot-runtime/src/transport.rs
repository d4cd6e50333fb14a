//! The wire: one HTTP exchange, with no retry logic. Production uses reqwest with rustls; unit
//! tests script responses with a fake.

use std::error::Error as StdError;
use std::fmt;
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use bytes::BytesMut;
use http::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

use crate::error::Error;
pub use crate::error::{TransportError, TransportErrorKind};
pub use crate::http::{HttpRequest, HttpResponse};
use crate::stream::BodySink;
use crate::types::{BoxFuture, Method};

/// Error bodies are read up to this many bytes and the rest is dropped: the status and the start
/// of the body say all there is to say, and a hostile server should not fill memory with them.
pub const ERROR_BODY_LIMIT: u64 = 1 << 20;

/// Sends one HTTP request. Implementations do not retry (the executor does), never follow
/// redirects (a 3xx is returned as a response), honour [`HttpRequest::timeout`] for the whole
/// exchange, body included, and read at most [`HttpRequest::max_response_bytes`] of a success
/// body and [`ERROR_BODY_LIMIT`] of an error body. A request with a
/// [`body_sink`](HttpRequest::body_sink) may have its success body streamed into it instead
/// (each chunk within the timeout); one that is not is forwarded by the caller.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and reads the response.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// A shared transport is a transport: one `Arc<dyn Transport>` can serve several clients.
impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

/// The production transport: reqwest over the TLS feature's backend (rustls on ring by
/// default), redirects off, no retries of its own.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// How long opening a connection may take by default. A connection that did not open in
    /// time is known not to have carried the request, so it is retried for every method.
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

    /// A transport with the default connect timeout.
    ///
    /// # Errors
    /// [`Error::Config`] when the TLS backend cannot be initialised.
    pub fn new() -> Result<Self, Error> {
        Self::with_connect_timeout(Self::DEFAULT_CONNECT_TIMEOUT)
    }

    /// A transport whose connections must open within `timeout`.
    ///
    /// # Errors
    /// [`Error::Config`] when the TLS backend cannot be initialised.
    pub fn with_connect_timeout(timeout: Duration) -> Result<Self, Error> {
        Self::with_roots(timeout, &[])
    }

    /// A transport that also trusts the PEM root certificates in `roots` (a corporate proxy's
    /// CA, a test server's).
    pub(crate) fn with_roots(timeout: Duration, roots: &[Vec<u8>]) -> Result<Self, Error> {
        let builder = reqwest::Client::builder()
            // A redirect would turn a create into a GET reported as success, or carry the
            // token and body to another host.
            .redirect(reqwest::redirect::Policy::none())
            // Retries live in one place: the executor, which knows what is safe to repeat.
            .retry(reqwest::retry::never())
            .connect_timeout(timeout);
        let client = crate::tls::configure(builder, roots)?
            .build()
            .map_err(|e| Error::Config(format!("could not start the HTTP client: {e}")))?;
        Ok(Self { client })
    }

    /// The reqwest request for `request`, and what bounds its exchange. Done before the
    /// exchange's future is made, so that future (boxed for every call) holds only what lives
    /// across its awaits.
    fn prepare(request: HttpRequest) -> Result<Prepared, TransportError> {
        let mut outgoing = to_reqwest(request.method, request.url)?;
        let headers = outgoing.headers_mut();
        headers.insert(reqwest::header::USER_AGENT, request.user_agent);
        headers.insert(reqwest::header::ACCEPT, APPLICATION_JSON);
        if let Some(token) = &request.bearer {
            headers.insert(reqwest::header::AUTHORIZATION, bearer(token)?);
        }
        if let Some(body) = request.body {
            let content_type = match request.content_type {
                std::borrow::Cow::Borrowed(text) => Ok(HeaderValue::from_static(text)),
                std::borrow::Cow::Owned(text) => HeaderValue::try_from(text),
            }
            .map_err(|_| {
                TransportError::new(
                    TransportErrorKind::InvalidRequest,
                    "the content type is not a valid header value",
                )
            })?;
            headers.insert(reqwest::header::CONTENT_TYPE, content_type);
            *outgoing.body_mut() = Some(body.into());
        }
        Ok(Prepared {
            outgoing,
            timeout: request.timeout,
            max_response_bytes: request.max_response_bytes,
            sink: request.body_sink,
        })
    }

    /// Reads the answer to `sent`, a request reqwest is sending, within `timeout`.
    async fn exchange(
        sent: impl Future<Output = Result<reqwest::Response, reqwest::Error>>,
        timeout: Duration,
        max_response_bytes: u64,
        sink: Option<BodySink>,
    ) -> Result<HttpResponse, TransportError> {
        // One timer bounds the whole exchange, body included, so a dripping body ends too. It
        // is ours rather than reqwest's per-request timeout, which boxes and wraps every body:
        // that cost a few microseconds a call.
        let sleep = tokio::time::sleep(timeout);
        let mut sleep = std::pin::pin!(sleep);
        let timed_out =
            || TransportError::new(TransportErrorKind::Timeout, "the request timed out");
        let mut response = within(sleep.as_mut(), sent)
            .await
            .ok_or_else(timed_out)?
            .map_err(from_reqwest)?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let success = (200..300).contains(&status);
        let limit = if success {
            max_response_bytes
        } else {
            max_response_bytes.min(ERROR_BODY_LIMIT)
        };
        let declared = response.content_length();
        if success && let Some(sink) = sink {
            Self::stream(&mut response, sleep, timeout, &sink)
                .await
                .map_err(|error| error.with_response_status(status))?;
            return Ok(HttpResponse {
                status,
                headers,
                body: bytes::Bytes::new(),
            });
        }
        if success && let Some(length) = declared.filter(|length| *length > limit) {
            return Err(too_large(format!(
                "the response declares {length} bytes, over the {limit}-byte limit"
            ))
            .with_response_status(status));
        }
        // Never trust a declared length for the allocation.
        let capacity = declared.unwrap_or(0).min(limit).min(64 * 1024);
        let mut body = BytesMut::with_capacity(usize::try_from(capacity).unwrap_or(0));
        while let Some(chunk) = within(sleep.as_mut(), response.chunk())
            .await
            .ok_or_else(|| timed_out().with_response_status(status))?
            .map_err(|error| from_reqwest(error).with_response_status(status))?
        {
            let room = usize::try_from(limit).unwrap_or(usize::MAX) - body.len();
            if chunk.len() > room {
                if success {
                    return Err(too_large(format!(
                        "the response body is over the {limit}-byte limit"
                    ))
                    .with_response_status(status));
                }
                body.extend_from_slice(&chunk[..room]);
                break;
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse {
            status,
            headers,
            body: body.freeze(),
        })
    }
}

impl ReqwestTransport {
    /// Hands `response`'s body to `sink` chunk by chunk, waiting at most `timeout` for each.
    async fn stream(
        response: &mut reqwest::Response,
        mut sleep: Pin<&mut tokio::time::Sleep>,
        timeout: Duration,
        sink: &BodySink,
    ) -> Result<(), TransportError> {
        sink.announce(response.content_length()).await?;
        loop {
            sleep.as_mut().reset(tokio::time::Instant::now() + timeout);
            let chunk = within(sleep.as_mut(), response.chunk())
                .await
                .ok_or_else(|| {
                    TransportError::new(
                        TransportErrorKind::Timeout,
                        "the body stopped arriving: no chunk within the attempt timeout",
                    )
                })?
                .map_err(from_reqwest)?;
            match chunk {
                Some(chunk) => sink.send(chunk).await?,
                None => return Ok(()),
            }
        }
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        match Self::prepare(request) {
            // reqwest takes the request before the future is made: it then holds only
            // reqwest's own (boxed) future, not the request beside it.
            Ok(Prepared {
                outgoing,
                timeout,
                max_response_bytes,
                sink,
            }) => Box::pin(Self::exchange(
                self.client.execute(outgoing),
                timeout,
                max_response_bytes,
                sink,
            )),
            Err(error) => Box::pin(std::future::ready(Err(error))),
        }
    }
}

/// A request ready for reqwest, with its bounds.
struct Prepared {
    outgoing: reqwest::Request,
    timeout: Duration,
    max_response_bytes: u64,
    sink: Option<BodySink>,
}

/// `work`'s output, or `None` when `deadline` fires first.
async fn within<T>(
    mut deadline: Pin<&mut tokio::time::Sleep>,
    work: impl Future<Output = T>,
) -> Option<T> {
    let mut work = std::pin::pin!(work);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        deadline.as_mut().poll(cx).map(|()| None)
    })
    .await
}

fn too_large(message: String) -> TransportError {
    TransportError::new(TransportErrorKind::BodyTooLarge, message)
}

const APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");

/// A reqwest request for `method` and `url`, headers and body still to come. Built directly
/// rather than through reqwest's builder, which moves the whole request at every step.
fn to_reqwest(method: Method, url: reqwest::Url) -> Result<reqwest::Request, TransportError> {
    let method = match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    };
    if !url.has_host() {
        return Err(TransportError::new(
            TransportErrorKind::InvalidRequest,
            "the URL names no host",
        ));
    }
    Ok(reqwest::Request::new(method, url))
}

/// `Bearer <token>`, marked sensitive (kept out of reqwest's and hyper's `Debug`), built in
/// one allocation.
fn bearer(token: &SecretString) -> Result<HeaderValue, TransportError> {
    let token = token.expose_secret();
    let mut value = BytesMut::with_capacity(7 + token.len());
    value.extend_from_slice(b"Bearer ");
    value.extend_from_slice(token.as_bytes());
    // The executor has checked the token; this guards custom callers of the transport.
    let mut value = HeaderValue::from_maybe_shared(value.freeze()).map_err(|_| {
        TransportError::new(
            TransportErrorKind::InvalidRequest,
            "the access token is not a valid header value",
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn from_reqwest(error: reqwest::Error) -> TransportError {
    // A connect that timed out still never sent the request, so `Connect` wins over `Timeout`.
    let kind = if error.is_builder() {
        TransportErrorKind::InvalidRequest
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else {
        match hyper_error(&error) {
            // hyper's `is_parse_too_large` exists only with its server feature; its message for
            // an oversized head ("message head is too large") is what tells the two apart.
            Some(hyper) if hyper.is_parse() && hyper.to_string().contains("too large") => {
                TransportErrorKind::HeadersTooLarge
            }
            Some(hyper) if hyper.is_parse() => TransportErrorKind::InvalidResponse,
            _ => TransportErrorKind::Other,
        }
    };
    // The URL can carry e-mail addresses (ids, query values); errors must not.
    TransportError::new(kind, error.without_url())
}

/// The HTTP protocol error under a reqwest error, if that is what failed.
fn hyper_error(error: &reqwest::Error) -> Option<&hyper::Error> {
    let mut cause: Option<&(dyn StdError + 'static)> = error.source();
    while let Some(current) = cause {
        if let Some(hyper) = current.downcast_ref::<hyper::Error>() {
            return Some(hyper);
        }
        cause = current.source();
    }
    None
}
