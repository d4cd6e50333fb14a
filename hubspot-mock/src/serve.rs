//! The accept loop. Hand-rolled rather than `axum::serve` so a `drop` fault can close one
//! connection without answering.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;
use tower::ServiceExt;

use crate::config::{MockConfig, Stats};
use crate::faults::{ActiveRule, FaultRule};
use crate::guard::ConnectionKill;
use crate::state::{Mock, Shared, lock};

/// A running mock: its address, inspection and control. Stops when dropped.
#[derive(Debug)]
pub struct MockServer {
    addr: SocketAddr,
    download_addr: SocketAddr,
    mock: Shared,
    accept: JoinHandle<()>,
    downloads: JoinHandle<()>,
}

impl MockServer {
    /// Starts on 127.0.0.1 (`config.port`, 0 for a free one) and serves in the background.
    ///
    /// # Errors
    /// When the port cannot be bound.
    pub async fn start(config: MockConfig) -> io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", config.port)).await?;
        Self::serve(listener, config)
    }

    /// Serves on an already bound listener.
    ///
    /// # Errors
    /// When the listener has no local address.
    pub fn serve(listener: TcpListener, config: MockConfig) -> io::Result<Self> {
        let addr = listener.local_addr()?;
        // Export files are served from another listener, as HubSpot serves them from another
        // host: the SDK must reach it without the token.
        let download_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        download_listener.set_nonblocking(true)?;
        let download_addr = download_listener.local_addr()?;
        let download_listener = TcpListener::from_std(download_listener)?;
        let mock: Shared = Arc::new(Mock::new(config));
        mock.set_download_base(format!("http://{download_addr}"));
        let router = crate::routes::router(mock.clone());
        let accept = tokio::spawn(accept_loop(listener, router));
        let downloads = tokio::spawn(accept_loop(
            download_listener,
            crate::routes::downloads(mock.clone()),
        ));
        Ok(Self {
            addr,
            download_addr,
            mock,
            accept,
            downloads,
        })
    }

    /// The base URL of the listener that serves export files (`http://127.0.0.1:…`).
    pub fn download_url(&self) -> String {
        format!("http://{}", self.download_addr)
    }

    /// The base URL to give the SDK, such as `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Request, 429 and fault counters.
    pub fn stats(&self) -> Stats {
        self.mock.stats().clone()
    }

    /// Every family's state, as `GET /__mock/objects` returns it: `objects` by type,
    /// `associations`, `lists` (with their `members`), `files`, `events`, `emails` sent and the
    /// `journal` (`subscriptions` and `events`) and `marketing` (forms, e-mails, submissions).
    pub fn dump(&self) -> serde_json::Value {
        self.mock.dump()
    }

    /// Every live file, as a read of it answers.
    pub fn files(&self) -> Vec<serde_json::Value> {
        self.mock.files().dump()
    }

    /// Every behavioral event occurrence accepted, as sent, in order.
    pub fn events(&self) -> Vec<serde_json::Value> {
        self.mock.events().occurrences.clone()
    }

    /// Every transactional email sent, as requested, in order (a repeated `sendId` sends
    /// none).
    pub fn sent_emails(&self) -> Vec<serde_json::Value> {
        self.mock.transactional().sent.clone()
    }

    /// Adds a fault rule.
    pub fn inject(&self, rule: FaultRule) {
        lock(&self.mock.faults).add(rule);
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        lock(&self.mock.faults).clear();
    }

    /// The fault rules in force, each with how often it fired.
    pub fn faults(&self) -> Vec<ActiveRule> {
        lock(&self.mock.faults).active()
    }

    /// The rules in force that never fired: a test whose fault never happened tests nothing.
    pub fn unfired_faults(&self) -> Vec<FaultRule> {
        self.faults()
            .into_iter()
            .filter(|active| active.fired == 0)
            .map(|active| active.rule)
            .collect()
    }

    /// Moves the rate limiter's clock forward, so a test sees a window recover without waiting.
    pub fn advance_clock(&self, by: Duration) {
        self.mock.advance(by);
    }

    /// Clears objects, counters, limits, faults and every other API's state (lists, files,
    /// events, …).
    pub fn reset(&self) {
        self.mock.reset();
    }

    /// Runs until the accept loop ends (it only ends on an accept error).
    ///
    /// # Errors
    /// When the accept task panicked.
    pub async fn wait(&mut self) -> io::Result<()> {
        (&mut self.accept).await.map_err(io::Error::other)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.accept.abort();
        self.downloads.abort();
    }
}

async fn accept_loop(listener: TcpListener, router: Router) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                connections.spawn(serve_connection(stream, router.clone()));
            }
            // Out of file descriptors and the like: back off instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
        while connections.try_join_next().is_some() {}
    }
}

async fn serve_connection(stream: tokio::net::TcpStream, router: Router) {
    let kill = Arc::new(Notify::new());
    let handle = ConnectionKill(kill.clone());
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(handle.clone());
        trim_trailing_slash(&mut request);
        let router = router.clone();
        async move {
            Ok::<_, Infallible>(
                router
                    .oneshot(request.map(axum::body::Body::new))
                    .await
                    .unwrap_or_else(|never| match never {}),
            )
        }
    });
    let connection =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = connection => {}
        // Dropping the connection future closes the socket with no response written.
        () = kill.notified() => {}
    }
}

/// HubSpot serves `/crm/v3/lists/` as `/crm/v3/lists`, and its own clients send such paths.
fn trim_trailing_slash<B>(request: &mut hyper::Request<B>) {
    let uri = request.uri();
    let path = uri.path();
    if path.len() <= 1 || !path.ends_with('/') {
        return;
    }
    let trimmed = path.trim_end_matches('/');
    let path_and_query = match uri.query() {
        Some(query) => format!("{trimmed}?{query}"),
        None => trimmed.to_owned(),
    };
    let mut parts = uri.clone().into_parts();
    if let Ok(rewritten) = path_and_query.parse() {
        parts.path_and_query = Some(rewritten);
        if let Ok(uri) = hyper::Uri::from_parts(parts) {
            *request.uri_mut() = uri;
        }
    }
}
