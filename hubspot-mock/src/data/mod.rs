//! What each family beside the CRM store keeps, below the shared state and the handlers:
//! plain data and its own methods, naming no handler and no state.

pub(crate) mod app_webhooks;
pub(crate) mod documents;
pub(crate) mod events;
pub(crate) mod exports;
pub(crate) mod files;
pub(crate) mod imports;
pub(crate) mod journal;
pub(crate) mod lists;
pub(crate) mod preferences;
pub(crate) mod transactional;

/// How long a download URL of the second listener (an export's file, a journal entry's) works
/// after it was handed out.
pub(crate) const DOWNLOAD_LIFETIME: std::time::Duration = std::time::Duration::from_secs(300);
