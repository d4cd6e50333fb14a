//! What transactional single-send keeps. The shared state holds it; the handlers are above both.

use serde_json::Value;

/// Every email sent, as requested.
#[derive(Debug, Default)]
pub(crate) struct Transactional {
    pub(crate) sent: Vec<Value>,
}
