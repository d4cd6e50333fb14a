//! What the webhooks journal keeps: subscriptions and snapshot requests. The entries themselves
//! are the store's change log, read through the subscriptions in force when each change was made.

use std::collections::BTreeMap;
use std::time::Instant;

use serde_json::{Value, json};

use crate::store::changes::{Action, Change};

/// One subscription, as it was upserted.
#[derive(Debug, Clone)]
pub(crate) struct Subscription {
    pub(crate) id: u64,
    /// The first change it sees: a subscription journals what happens after it is made.
    pub(crate) from_seq: u64,
    /// The upsert request, with HubSpot's response fields added.
    pub(crate) body: Value,
}

impl Subscription {
    fn texts(&self, field: &str) -> Vec<String> {
        self.body[field]
            .as_array()
            .map(|values| {
                values
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether `change` is one this subscription journals.
    pub(crate) fn sees(&self, seq: u64, change: &Change) -> bool {
        if seq < self.from_seq
            || !self
                .texts("actions")
                .iter()
                .any(|a| a == change.action.as_str())
        {
            return false;
        }
        let object_ids = self.texts("objectIds");
        let object_id = change.object_id.to_string();
        if !object_ids.is_empty() && !object_ids.contains(&object_id) {
            return false;
        }
        match self.body["subscriptionType"].as_str().unwrap_or("OBJECT") {
            "LIST_MEMBERSHIP" => {
                let lists = self.texts("listIds");
                lists.is_empty() || change.list_id.as_ref().is_some_and(|l| lists.contains(l))
            }
            "ASSOCIATION" => {
                let types = self.texts("associatedObjectTypeIds");
                self.body["objectTypeId"].as_str() == Some(change.object_type_id.as_str())
                    && (types.is_empty()
                        || change
                            .associated_object_type_id
                            .as_ref()
                            .is_some_and(|t| types.contains(t)))
            }
            _ => {
                let properties = self.texts("properties");
                self.body["objectTypeId"].as_str() == Some(change.object_type_id.as_str())
                    && (change.action != Action::Update
                        || properties.is_empty()
                        || change.properties.keys().any(|p| properties.contains(p)))
            }
        }
    }
}

/// A snapshot request's status.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    pub(crate) id: String,
    pub(crate) initiated_at: u128,
}

/// Every subscription and snapshot of the app.
#[derive(Debug, Default)]
pub(crate) struct Journal {
    pub(crate) next_id: u64,
    pub(crate) subscriptions: Vec<Subscription>,
    pub(crate) snapshots: Vec<Snapshot>,
    /// When each entry's download URL was last handed out.
    handed_out: BTreeMap<u64, Instant>,
}

impl Journal {
    /// Whether change `seq` is an entry: a subscription sees it, or the app asked for it.
    pub(crate) fn has_entry(&self, seq: u64, change: &Change) -> bool {
        change.action == Action::Snapshot || self.subscriptions.iter().any(|s| s.sees(seq, change))
    }

    /// Notes when entry `seq`'s URL was handed out, forgetting entries the log no longer
    /// keeps (those before `first_kept`), so the map is bounded as the log is.
    pub(crate) fn handed_out(&mut self, seq: u64, at: Instant, first_kept: u64) {
        self.handed_out = self.handed_out.split_off(&first_kept);
        self.handed_out.insert(seq, at);
    }

    pub(crate) fn handed_out_at(&self, seq: u64) -> Option<Instant> {
        self.handed_out.get(&seq).copied()
    }

    /// The events one change makes, one per subscription that sees it (a snapshot, asked for
    /// by the app, is always journaled); empty when no subscription sees it.
    pub(crate) fn events(&self, seq: u64, change: &Change, portal_id: u64) -> Vec<Value> {
        let event = |subscription_id: Option<u64>| {
            let mut event = json!(change);
            event["eventId"] = json!(seq);
            event["portalId"] = json!(portal_id);
            if let Some(id) = subscription_id {
                event["subscriptionId"] = json!(id);
            }
            event
        };
        if change.action == Action::Snapshot {
            return vec![event(None)];
        }
        self.subscriptions
            .iter()
            .filter(|s| s.sees(seq, change))
            .map(|s| event(Some(s.id)))
            .collect()
    }

    /// Everything kept, for inspection.
    pub(crate) fn dump(&self) -> Value {
        self.subscriptions.iter().map(|s| s.body.clone()).collect()
    }
}

/// The journal offset of change `seq`: a UUID, as HubSpot's are.
pub(crate) fn offset_of(seq: u64) -> String {
    format!("00000000-0000-4000-8000-{seq:012x}")
}

/// The change an offset names, if it is one the mock handed out.
pub(crate) fn seq_of(offset: &str) -> Option<u64> {
    let tail = offset.strip_prefix("00000000-0000-4000-8000-")?;
    (tail.len() == 12).then(|| u64::from_str_radix(tail, 16).ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_back() {
        for seq in [0, 1, 4095, 1 << 40] {
            assert_eq!(seq_of(&offset_of(seq)), Some(seq));
        }
        assert_eq!(seq_of("not-an-offset"), None);
        assert_eq!(seq_of("00000000-0000-4000-8000-zzzzzzzzzzzz"), None);
    }
}
