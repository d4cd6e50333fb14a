//! What the app webhook subscriptions API keeps. The shared state holds it; the handlers are above both.

use std::collections::BTreeMap;

use serde_json::Value;

/// Every app's subscriptions, by app id, then subscription id.
#[derive(Debug, Default)]
pub(crate) struct AppWebhooks {
    pub(crate) next_id: u64,
    pub(crate) apps: BTreeMap<u64, BTreeMap<u64, Value>>,
}
