//! Beyond one API call: downloading a file HubSpot points at (an export, a signed file URL) and
//! polling an asynchronous task until it is done. Both use the client's transport, clock and
//! bounds; a download never carries the HubSpot token.

use std::future::Future;
use std::time::Duration;

use bytes::Bytes;

use crate::client::Client;
use crate::decode::error_from_response;
use crate::error::{Error, GiveUpReason, WriteOutcome};
use crate::executor::Executor;
use crate::http::{HttpRequest, HttpResponse};
use crate::stream::BodySink;
use crate::text::Redactor;
use crate::types::Method;

/// How long a poll may last when the client has no deadline: a task that never finishes (or a
/// server that says so forever) must not hold the call for ever.
pub const MAX_POLL: Duration = Duration::from_secs(60 * 60);

impl Executor {
    /// One GET of `url` on a host that is not HubSpot's API: no token, no retry, the client's
    /// timeouts and body limit; a success body goes to `sink` when there is one.
    pub(crate) async fn fetch_unauthenticated(
        &self,
        url: reqwest::Url,
        sink: Option<BodySink>,
    ) -> Result<HttpResponse, Error> {
        let request = HttpRequest {
            method: Method::Get,
            url: url.clone(),
            bearer: None,
            user_agent: self.user_agent.clone(),
            body: None,
            content_type: std::borrow::Cow::Borrowed("application/octet-stream"),
            timeout: self.limits.attempt_timeout,
            max_response_bytes: self.limits.max_response_bytes,
            body_sink: sink.clone(),
        };
        let response = self
            .transport
            .send(request)
            .await
            .map_err(|error| Error::Transport(error.for_request(true)))?;
        if !(200..300).contains(&response.status) {
            let now = self.time.system_now();
            let redactor = Redactor::new(std::iter::empty());
            return Err(error_from_response(&response, url.as_str(), now, &redactor));
        }
        if let Some(sink) = &sink {
            forward(sink, &response).await?;
        }
        Ok(response)
    }
}

/// Hands a body a transport read whole (one that does not stream) to `sink`.
pub(crate) async fn forward(sink: &BodySink, response: &HttpResponse) -> Result<(), Error> {
    if response.body.is_empty() {
        return Ok(());
    }
    sink.announce(Some(response.body.len() as u64)).await?;
    sink.send(response.body.clone()).await?;
    Ok(())
}

impl Client {
    /// Downloads `url`, a file on another host that HubSpot handed out (an export's result, a
    /// file's signed URL), without the HubSpot token, within the client's per-attempt timeout
    /// and [`max_response_bytes`](crate::ClientBuilder::max_response_bytes). Redirects are not
    /// followed; plain `http` is refused unless it is to this machine.
    ///
    /// # Errors
    /// [`Error::Config`] for a URL that is not `https` (or loopback `http`), [`Error::Api`] for
    /// an error status (an expired URL is typically 403 or 404), or the transport's error.
    pub async fn download(&self, url: &str) -> Result<Bytes, Error> {
        let url = crate::client::validate_download_url(url)?;
        let response = self.executor().fetch_unauthenticated(url, None).await?;
        Ok(response.body)
    }

    /// Calls `check` every `interval` until it returns a value, within the client's deadline
    /// (or [`MAX_POLL`] without one):
    /// a typed poller for HubSpot's asynchronous tasks (exports, imports). The waits go
    /// through the client's clock, so tests see them without sleeping.
    ///
    /// # Errors
    /// `check`'s error, or [`Error::GaveUp`] with [`GiveUpReason::DeadlineExceeded`] when the
    /// next check would come after the deadline.
    pub async fn poll<T, F, Fut>(&self, interval: Duration, mut check: F) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Option<T>, Error>>,
    {
        let executor = self.executor();
        let time = &*executor.time;
        let start = time.now();
        let deadline = start + executor.limits.deadline.unwrap_or(MAX_POLL);
        let mut attempts = 0;
        loop {
            attempts += 1;
            if let Some(done) = check().await? {
                return Ok(done);
            }
            if time.now() + interval >= deadline {
                return Err(Error::GaveUp {
                    reason: GiveUpReason::DeadlineExceeded {
                        next_delay: interval,
                    },
                    attempts,
                    elapsed: time.now().saturating_duration_since(start),
                    outcome: WriteOutcome::NotApplied,
                    last: None,
                });
            }
            time.sleep(interval).await;
        }
    }
}
