//! What the exports API keeps. The shared state holds it; the handlers are above both.

use std::collections::BTreeMap;
use std::time::Instant;

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
