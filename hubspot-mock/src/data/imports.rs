//! What the imports API keeps. The shared state holds it; the handlers are above both.

use std::collections::BTreeMap;

use serde_json::Value;

/// One finished import.
#[derive(Debug, Clone)]
pub(crate) struct Import {
    pub(crate) json: Value,
    pub(crate) errors: Vec<Value>,
}

/// Every import of the account.
#[derive(Debug, Default)]
pub(crate) struct Imports {
    pub(crate) next_id: u64,
    pub(crate) imports: BTreeMap<u64, Import>,
}
