//! A success body streamed to a writer instead of held in memory: a file download, an export,
//! a HubDB table. The transport hands chunks through a small channel to the caller's writer,
//! so memory stays at a few chunks whatever the body's size.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bytes::Bytes;
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::client::Client;
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::request::Request;
use crate::response::Raw;

/// Chunks in flight between the transport and the writer: the memory a download holds.
const CHUNKS_IN_FLIGHT: usize = 4;

/// How much of a streamed body has been written, told after every chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Bytes written so far.
    pub written: u64,
    /// The size the server announced (`Content-Length`), if it did.
    pub total: Option<u64>,
}

/// Where a transport sends a success body's chunks when the request streams it
/// ([`HttpRequest::body_sink`](crate::transport::HttpRequest::body_sink)).
#[derive(Debug, Clone)]
pub struct BodySink {
    chunks: mpsc::Sender<Chunk>,
    started: Arc<AtomicBool>,
}

/// What goes through the channel: the announced size once, then the body.
#[derive(Debug)]
enum Chunk {
    Total(Option<u64>),
    Data(Bytes),
}

impl BodySink {
    /// Tells the writer the size the server announced, before the first chunk.
    pub async fn announce(&self, total: Option<u64>) -> Result<(), TransportError> {
        self.chunks
            .send(Chunk::Total(total))
            .await
            .map_err(|_| stopped())
    }

    /// Hands one chunk to the writer, waiting while it is behind.
    ///
    /// # Errors
    /// The writer stopped (it failed, or the caller gave up): stop reading.
    pub async fn send(&self, chunk: Bytes) -> Result<(), TransportError> {
        self.started.store(true, Ordering::Release);
        self.chunks
            .send(Chunk::Data(chunk))
            .await
            .map_err(|_| stopped())
    }

    /// Whether any of the body went to the writer: an attempt after that would write it twice.
    pub(crate) fn started(&self) -> bool {
        self.started.load(Ordering::Acquire)
    }
}

fn stopped() -> TransportError {
    TransportError::new(
        TransportErrorKind::Other,
        "the writer stopped taking the body",
    )
}

/// A sink and the writer's end of it.
fn channel() -> (BodySink, mpsc::Receiver<Chunk>) {
    let (chunks, receiver) = mpsc::channel(CHUNKS_IN_FLIGHT);
    let sink = BodySink {
        chunks,
        started: Arc::new(AtomicBool::new(false)),
    };
    (sink, receiver)
}

/// Writes what arrives on `receiver` to `writer` until the sender is done, telling `progress`
/// after each chunk. Returns the bytes written, or the writer's error (the receiver is then
/// dropped, which stops the transport).
async fn pump<W: AsyncWrite + Unpin + ?Sized>(
    mut receiver: mpsc::Receiver<Chunk>,
    writer: &mut W,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<u64, std::io::Error> {
    let mut at = Progress {
        written: 0,
        total: None,
    };
    while let Some(chunk) = receiver.recv().await {
        match chunk {
            Chunk::Total(total) => at.total = total,
            Chunk::Data(bytes) => {
                writer.write_all(&bytes).await?;
                at.written += bytes.len() as u64;
                progress(at);
            }
        }
    }
    writer.flush().await?;
    Ok(at.written)
}

/// Runs `send` (which streams into the sink it is given) beside the pump writing to `writer`.
async fn stream_with<W, F>(
    writer: &mut W,
    progress: &mut (dyn FnMut(Progress) + Send),
    send: impl FnOnce(BodySink) -> F,
) -> Result<u64, Error>
where
    W: AsyncWrite + Unpin + ?Sized,
    F: Future<Output = Result<(), Error>>,
{
    let (sink, receiver) = channel();
    let sent = send(sink);
    let written = pump(receiver, writer, progress);
    let (sent, written) = futures_util::future::join(sent, written).await;
    // The writer's failure is the cause when both failed: the transport only saw it stop.
    let written = written.map_err(Error::Write)?;
    sent?;
    Ok(written)
}

impl Client {
    /// Streams `url` (a file on another host HubSpot handed out: an export's result, a file's
    /// signed URL) to `writer`, without the HubSpot token, holding only a few chunks in memory
    /// whatever its size: the client's
    /// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes) does not apply.
    /// The per-attempt timeout bounds the wait for the answer and for each chunk; the client's
    /// deadline, if it has one, bounds the whole. `progress` is told after every chunk.
    ///
    /// ```no_run
    /// # use hubspot_runtime as hubspot_crm;
    /// # async fn run(client: &hubspot_crm::Client, url: &str) -> Result<(), hubspot_crm::Error> {
    /// let mut file = tokio::fs::File::create("export.csv").await.map_err(hubspot_crm::Error::Write)?;
    /// let written = client.download_to(url, &mut file, &mut |p| println!("{} of {:?}", p.written, p.total)).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Client::download`], and [`Error::Write`] when the writer fails. A download that
    /// breaks off after its first byte is not tried again (the writer has its start).
    pub async fn download_to<W: AsyncWrite + Unpin + Send + ?Sized>(
        &self,
        url: &str,
        writer: &mut W,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<u64, Error> {
        let url = crate::client::validate_download_url(url)?;
        let executor = self.executor();
        let send = |sink| {
            within_deadline(
                executor.limits.deadline,
                executor.fetch_unauthenticated(url, Some(sink)),
            )
        };
        stream_with(writer, progress, send).await
    }
}

impl Request<Raw> {
    /// Sends the request with `client` and streams its success body to `writer` instead of
    /// holding it (a HubDB table's export, a file's content), as
    /// [`Client::download_to`] does; the call is retried as any other until its body starts.
    ///
    /// # Errors
    /// As [`Request::send`], and [`Error::Write`] when the writer fails. An answer that breaks
    /// off after its first byte is not tried again.
    pub async fn send_to<W: AsyncWrite + Unpin + Send + ?Sized>(
        self,
        client: &Client,
        writer: &mut W,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<u64, Error> {
        let mut call = self.into_call()?;
        let executor = client.executor();
        let deadline = call.deadline.or(executor.limits.deadline);
        let send = |sink: BodySink| {
            call.body_sink = Some(sink.clone());
            within_deadline(deadline, async move {
                let answer = executor.execute(&mut call).await?;
                // From a transport that read the body whole instead.
                crate::fetch::forward(&sink, &answer.response).await
            })
        };
        stream_with(writer, progress, send).await
    }
}

/// `work`, ended with a timeout when `deadline` passes first: a streamed body is bounded per
/// chunk by the attempt timeout, and as a whole only by the deadline.
async fn within_deadline<T>(
    deadline: Option<std::time::Duration>,
    work: impl Future<Output = Result<T, Error>>,
) -> Result<(), Error> {
    let Some(deadline) = deadline else {
        return work.await.map(drop);
    };
    tokio::time::timeout(deadline, work)
        .await
        .map_err(|_| {
            Error::Transport(TransportError::new(
                TransportErrorKind::Timeout,
                "the body did not arrive within the deadline",
            ))
        })?
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{HttpRequest, HttpResponse};
    use crate::transport::Transport;
    use crate::types::{BoxFuture, Method};
    use crate::{PathBuilder, time::VirtualTime};

    /// A transport that reads every body whole, whatever the request asks.
    #[derive(Debug)]
    struct Whole;

    impl Transport for Whole {
        fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
            Box::pin(std::future::ready(Ok(HttpResponse::new(200, "a,b\n1,2\n"))))
        }
    }

    #[tokio::test]
    async fn a_transport_that_does_not_stream_still_fills_the_writer() {
        let Ok(client) = Client::builder()
            .access_token("token")
            .transport(Whole)
            .time(VirtualTime::new())
            .build()
        else {
            panic!("the client is refused");
        };
        let request: Request<Raw> =
            Request::new(Method::Get, "/x", PathBuilder::new().literal("/x"));
        let mut out = Vec::new();
        let mut told = Vec::new();
        let written = request
            .send_to(&client, &mut out, &mut |p| told.push(p))
            .await;
        assert!(matches!(written, Ok(8)), "{written:?}");
        assert_eq!(out, b"a,b\n1,2\n");
        assert_eq!(
            told,
            [Progress {
                written: 8,
                total: Some(8)
            }]
        );
    }
}
