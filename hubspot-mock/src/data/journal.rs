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
    body: Value,
    /// What of `body` decides which changes it sees, read once: every journal read tests
    /// every kept change against every subscription.
    filter: Filter,
}

/// The fields of a subscription that choose its changes.
#[derive(Debug, Clone)]
struct Filter {
    kind: String,
    object_type_id: Option<String>,
    actions: Vec<String>,
    object_ids: Vec<String>,
    list_ids: Vec<String>,
    associated_object_type_ids: Vec<String>,
    properties: Vec<String>,
}

impl Filter {
    fn of(body: &Value) -> Self {
        let texts = |field: &str| -> Vec<String> {
            body[field]
                .as_array()
                .map(|values| {
                    values
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        Self {
            kind: body["subscriptionType"]
                .as_str()
                .unwrap_or("OBJECT")
                .to_owned(),
            object_type_id: body["objectTypeId"].as_str().map(str::to_owned),
            actions: texts("actions"),
            object_ids: texts("objectIds"),
            list_ids: texts("listIds"),
            associated_object_type_ids: texts("associatedObjectTypeIds"),
            properties: texts("properties"),
        }
    }
}

impl Subscription {
    pub(crate) fn new(id: u64, from_seq: u64, body: Value) -> Self {
        Self {
            id,
            from_seq,
            filter: Filter::of(&body),
            body,
        }
    }

    /// The subscription as HubSpot returns it.
    pub(crate) fn body(&self) -> &Value {
        &self.body
    }

    /// Replaces the subscription's fields (an upsert of the same one).
    pub(crate) fn replace(&mut self, body: Value) {
        self.filter = Filter::of(&body);
        self.body = body;
    }

    /// Whether `change` is one this subscription journals.
    pub(crate) fn sees(&self, seq: u64, change: &Change) -> bool {
        let filter = &self.filter;
        if seq < self.from_seq || !filter.actions.iter().any(|a| a == change.action.as_str()) {
            return false;
        }
        if !filter.object_ids.is_empty()
            && !filter.object_ids.contains(&change.object_id.to_string())
        {
            return false;
        }
        let same_type = filter.object_type_id.as_deref() == Some(change.object_type_id.as_str());
        match filter.kind.as_str() {
            "LIST_MEMBERSHIP" => {
                filter.list_ids.is_empty()
                    || change
                        .list_id
                        .as_ref()
                        .is_some_and(|l| filter.list_ids.contains(l))
            }
            "ASSOCIATION" => {
                same_type
                    && (filter.associated_object_type_ids.is_empty()
                        || change
                            .associated_object_type_id
                            .as_ref()
                            .is_some_and(|t| filter.associated_object_type_ids.contains(t)))
            }
            _ => {
                same_type
                    && (change.action != Action::Update
                        || filter.properties.is_empty()
                        || change
                            .properties
                            .keys()
                            .any(|p| filter.properties.contains(p)))
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

/// What every offset the mock hands out starts with; the change's number follows, in hex.
const OFFSET_PREFIX: &str = "00000000-0000-4000-8000-";

/// The journal offset of change `seq`: a UUID, as HubSpot's are.
pub(crate) fn offset_of(seq: u64) -> String {
    format!("{OFFSET_PREFIX}{seq:012x}")
}

/// The change an offset names, if it is one the mock handed out.
pub(crate) fn seq_of(offset: &str) -> Option<u64> {
    let tail = offset.strip_prefix(OFFSET_PREFIX)?;
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
