//! What the exports API keeps. The shared state holds it; the handlers are above both.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How long a download URL works after it was handed out.
pub(crate) const URL_LIFETIME: Duration = Duration::from_secs(300);

/// One export task.
#[derive(Debug, Clone)]
pub(crate) struct Export {
    /// The CSV, made when the export started.
    pub(crate) csv: String,
    pub(crate) reads: u32,
    /// When the current download URL was handed out.
    pub(crate) url_at: Option<Instant>,
}

/// Every export of the account.
#[derive(Debug, Default)]
pub(crate) struct Exports {
    pub(crate) next_id: u64,
    pub(crate) exports: BTreeMap<u64, Export>,
}
