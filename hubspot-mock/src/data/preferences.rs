//! What the communication preferences API keeps. The shared state holds it; the handlers are above both.

use std::collections::BTreeMap;

use serde_json::{Value, json};

/// The account's subscription types: id and name.
pub(crate) const SUBSCRIPTIONS: [(u64, &str); 2] =
    [(1, "Marketing Information"), (2, "One to One")];

pub(crate) const STATES: [&str; 3] = ["SUBSCRIBED", "UNSUBSCRIBED", "NOT_SPECIFIED"];

/// One subscriber's status for one subscription type.
#[derive(Debug, Clone)]
pub(crate) struct Status {
    pub(crate) state: String,
    pub(crate) legal_basis: Option<String>,
    pub(crate) explanation: Option<String>,
    pub(crate) at: String,
}

/// Every status set, by subscriber (an email address, compared without case) and type.
#[derive(Debug, Default)]
pub(crate) struct Preferences {
    pub(crate) statuses: BTreeMap<(String, u64), Status>,
}

impl Status {
    pub(crate) fn new(state: &str, at: &str) -> Self {
        Self {
            state: state.to_owned(),
            legal_basis: None,
            explanation: None,
            at: at.to_owned(),
        }
    }
}

impl Preferences {
    pub(crate) fn statuses(&self, subscriber: &str, at: &str) -> Vec<Value> {
        SUBSCRIPTIONS
            .iter()
            .map(|(id, name)| {
                let status = self.statuses.get(&(subscriber.to_lowercase(), *id));
                json!({
                    "subscriberIdString": subscriber, "subscriptionId": id,
                    "subscriptionName": name, "channel": "EMAIL", "source": "Public status API",
                    "status": status.map_or("NOT_SPECIFIED", |s| s.state.as_str()),
                    "legalBasis": status.and_then(|s| s.legal_basis.clone()),
                    "legalBasisExplanation": status.and_then(|s| s.explanation.clone()),
                    "timestamp": status.map_or(at, |s| s.at.as_str()),
                })
            })
            .collect()
    }
}
