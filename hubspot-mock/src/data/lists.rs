//! What the lists API keeps. The shared state holds it; the handlers are above both.

use std::collections::BTreeMap;

use serde_json::{Value, json};

/// One list and its members.
#[derive(Debug, Clone)]
pub(crate) struct List {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) object_type_id: String,
    pub(crate) processing_type: String,
    pub(crate) created_at: String,
    /// Record id to the time it joined, in the order they joined.
    pub(crate) members: Vec<(String, String)>,
}

/// Every list of the account.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    pub(crate) next_id: u64,
    pub(crate) lists: BTreeMap<u64, List>,
}

impl List {
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "listId": self.id.to_string(), "listVersion": 1, "name": self.name,
            "objectTypeId": self.object_type_id, "processingType": self.processing_type,
            "processingStatus": "COMPLETE", "createdAt": self.created_at,
            "updatedAt": self.created_at, "size": self.members.len(),
        })
    }
}

impl Lists {
    /// Every list with its members' ids, as a read of it answers plus `members`.
    pub(crate) fn dump(&self) -> Vec<Value> {
        self.lists
            .values()
            .map(|list| {
                let mut out = list.to_json();
                out["members"] = list.members.iter().map(|(id, _)| json!(id)).collect();
                out
            })
            .collect()
    }
}
