//! What transactional single-send keeps. The shared state holds it; the handlers are above both.

use std::time::{Duration, Instant};

use serde_json::Value;

/// How long a send stays `PENDING` on the mock's clock before it is `COMPLETE`.
pub(crate) const SENDING_TAKES: Duration = Duration::from_secs(5);

/// Every email sent, as requested, and every send's status.
#[derive(Debug, Default)]
pub(crate) struct Transactional {
    pub(crate) sent: Vec<Value>,
    pub(crate) sends: Vec<Send>,
}

/// One send request: what its status reads.
#[derive(Debug, Clone)]
pub(crate) struct Send {
    pub(crate) status_id: String,
    /// When it was asked for, as HubSpot writes it.
    pub(crate) requested_at: String,
    /// When it is sent, on the mock's clock and as HubSpot writes it: at once for a repeated
    /// `sendId`, which has nothing to send, else [`SENDING_TAKES`] later.
    pub(crate) completes: (Instant, String),
    /// `SENT`, or `IDEMPOTENT_IGNORE` for a `sendId` already sent.
    pub(crate) result: &'static str,
    pub(crate) event_id: Option<String>,
}
