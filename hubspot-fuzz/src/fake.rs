//! The peer every target talks to: a transport that answers from the fuzzer's input, and the
//! pieces of input it is cut into.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use hubspot_crm::runtime::transport::{
    HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};
use hubspot_crm::time::{BoxFuture, VirtualTime};
use hubspot_crm::{Client, RetryConfig};

/// The token every target's client sends: no error or log may show it.
pub(crate) const TOKEN: &str = "pat-na1-fuzz-0000-secret-token";

/// Answers each request with the next scripted response; a refused connection once they run
/// out. Keeps what was sent.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scripted {
    answers: Arc<Mutex<VecDeque<HttpResponse>>>,
    sent: Arc<Mutex<Vec<HttpRequest>>>,
}

impl Scripted {
    pub(crate) fn script(&self, answers: impl IntoIterator<Item = HttpResponse>) {
        let mut queue = self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        queue.clear();
        queue.extend(answers);
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    pub(crate) fn sent(&self) -> Vec<HttpRequest> {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Transport for Scripted {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
        let next = self
            .answers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front();
        Box::pin(async move {
            next.ok_or_else(|| TransportError::new(TransportErrorKind::Connect, "script ended"))
        })
    }
}

/// One runtime per process: building one per input would be most of the work.
pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .unwrap_or_else(|error| panic!("no runtime: {error}"))
        })
        .block_on(future)
}

/// A client on virtual time (its retries wait for nothing) over `transport`.
pub(crate) fn client(transport: Scripted) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .base_url("http://127.0.0.1:9")
        .transport(transport)
        .time(VirtualTime::new())
        .retry(RetryConfig::default().with_max_attempts(3))
        .build()
        .unwrap_or_else(|error| panic!("the fuzz client does not build: {error}"))
}

/// Cuts `data` into at most `max` pieces at each `\0\0`.
pub(crate) fn pieces(data: &[u8], max: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while out.len() + 1 < max
        && let Some(at) = rest.windows(2).position(|w| w == b"\0\0")
    {
        out.push(&rest[..at]);
        rest = &rest[at + 2..];
    }
    out.push(rest);
    out
}

/// A response from one piece: a status line of digits (else 200), header lines `name: value`
/// up to a blank line, then the body.
pub(crate) fn response(piece: &[u8]) -> HttpResponse {
    let text = String::from_utf8_lossy(piece);
    let (head, body) = match text.split_once("\n\n") {
        Some((head, body)) => (head.to_owned(), body.as_bytes().to_vec()),
        None => (String::new(), piece.to_vec()),
    };
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.trim().parse::<u16>().ok())
        .filter(|status| (100..1000).contains(status))
        .unwrap_or(200);
    let mut response = HttpResponse::new(status, body);
    for line in lines.take(32) {
        if let Some((name, value)) = line.split_once(':') {
            response = response.with_header(name.trim(), value.trim());
        }
    }
    response
}

/// Panics if `text` shows any of `secrets`.
pub(crate) fn assert_hidden(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "a secret shows in {text:?}");
    }
}
