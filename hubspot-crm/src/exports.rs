//! CRM exports (`/crm/exports/2026-03`): start one ([`start`]), wait for its task, then download
//! the file from the URL HubSpot hands out. [`download`] does all three after the start: it
//! polls the task within the client's deadline, fetches the file without the HubSpot token
//! (the URL is on another host, and good for 5 minutes), and polls again for a fresh URL when
//! the one it had expired.

use std::time::Duration;

use bytes::Bytes;

use crate::pending::Pending;
use crate::{AsyncWrite, Progress};
use crate::{Client, Error};

pub use crate::generated::exports::*;

/// How often a task's status is asked for.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// How many times an expired download URL is replaced by a fresh one.
const FRESH_URLS: u32 = 2;

/// Wait for the export task `task_id` to complete and return its download URL.
///
/// # Errors
/// The status call's error; `Error::GaveUp` when the client's deadline passes first;
/// `Error::InvalidRequest` when HubSpot says the task was canceled or completed without a file.
pub fn wait(task_id: i64) -> Pending<String> {
    Pending::new(move |client| async move { ready_url(&client, task_id).await })
}

/// Wait for the export task `task_id` to complete, then download its file.
///
/// # Errors
/// As [`wait`], and the download's own error (an error status, a file over the client's
/// `max_response_bytes`).
pub fn download(task_id: i64) -> Pending<Bytes> {
    Pending::new(move |client| async move {
        let mut fresh = 0;
        loop {
            let url = ready_url(&client, task_id).await?;
            match client.download(&url).await {
                // An expired link: the task hands out a new one.
                Err(error)
                    if matches!(error.status(), Some(403 | 404 | 410)) && fresh < FRESH_URLS =>
                {
                    fresh += 1;
                }
                other => return other,
            }
        }
    })
}

/// Wait for the export task `task_id` to complete, then stream its file to `writer` (a
/// `tokio::fs::File`, say) in constant memory, whatever its size; `progress` is told after
/// every chunk. Returns the bytes written.
///
/// ```no_run
/// # async fn run(client: &hubspot_crm::Client) -> hubspot_crm::Result<()> {
/// use hubspot_crm::{Error, exports};
///
/// let mut file = tokio::fs::File::create("contacts.csv").await.map_err(Error::Write)?;
/// let written = exports::download_to(client, 42, &mut file, &mut |_| {}).await?;
/// # Ok(()) }
/// ```
///
/// # Errors
/// As [`wait`], the download's error status, and [`Error::Write`] when the writer fails.
pub async fn download_to<W: AsyncWrite + Unpin + Send + ?Sized>(
    client: &Client,
    task_id: i64,
    writer: &mut W,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<u64, Error> {
    let mut fresh = 0;
    loop {
        let url = ready_url(client, task_id).await?;
        match client.download_to(&url, writer, progress).await {
            // An expired link fails before its first byte: the task hands out a new one.
            Err(error) if matches!(error.status(), Some(403 | 404 | 410)) && fresh < FRESH_URLS => {
                fresh += 1;
            }
            other => return other,
        }
    }
}

async fn ready_url(client: &Client, task_id: i64) -> Result<String, Error> {
    client
        .poll(POLL_INTERVAL, || async {
            let task = status(task_id).send(client).await?;
            match task.status {
                Some(models::ActionResponseWithSingleResultUriStatus::Complete) => {
                    task.result.map(Some).ok_or_else(|| {
                        Error::InvalidRequest(format!(
                            "export task {task_id} completed without a download URL"
                        ))
                    })
                }
                Some(models::ActionResponseWithSingleResultUriStatus::Canceled) => Err(
                    Error::InvalidRequest(format!("export task {task_id} was canceled")),
                ),
                _ => Ok(None),
            }
        })
        .await
}
