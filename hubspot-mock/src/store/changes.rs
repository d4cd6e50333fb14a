//! The CRM's change log: every write the store takes, in order, as the webhooks journal reads
//! it. Plain data below the store; the journal's handlers read it.

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

/// How many changes the log keeps; older offsets expire, as HubSpot's journal keeps 3 days.
pub(crate) const KEPT: usize = 100_000;

/// What happened, named as the journal's subscriptions name it ([`Action::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Create,
    Update,
    Delete,
    Merge,
    GdprDelete,
    AssociationAdded,
    AssociationRemoved,
    AddedToList,
    RemovedFromList,
    Snapshot,
}

impl Action {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Create => "CREATE",
            Self::Update => "UPDATE",
            Self::Delete => "DELETE",
            Self::Merge => "MERGE",
            Self::GdprDelete => "GDPR_DELETE",
            Self::AssociationAdded => "ASSOCIATION_ADDED",
            Self::AssociationRemoved => "ASSOCIATION_REMOVED",
            Self::AddedToList => "ADDED_TO_LIST",
            Self::RemovedFromList => "REMOVED_FROM_LIST",
            Self::Snapshot => "SNAPSHOT",
        }
    }
}

impl Serialize for Action {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One change to one record.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Change {
    pub(crate) action: Action,
    pub(crate) object_type_id: String,
    pub(crate) object_id: u64,
    pub(crate) occurred_at: String,
    /// The values written (a create or update) or read (a snapshot).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) properties: BTreeMap<String, String>,
    /// The other end of an association change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) associated_object_type_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) associated_object_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) association_type_id: Option<i64>,
    /// The list of a membership change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) list_id: Option<String>,
    /// The records merged into this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) merged_object_ids: Vec<u64>,
}

impl Change {
    pub(crate) fn new(action: Action, object_type_id: &str, object_id: u64, at: String) -> Self {
        Self {
            action,
            object_type_id: object_type_id.to_owned(),
            object_id,
            occurred_at: at,
            properties: BTreeMap::new(),
            associated_object_type_id: None,
            associated_object_id: None,
            association_type_id: None,
            list_id: None,
            merged_object_ids: Vec::new(),
        }
    }
}

/// The last [`KEPT`] changes, each with its sequence number (its place since the store began).
#[derive(Debug, Default)]
pub(crate) struct Changes {
    kept: VecDeque<Change>,
    /// The sequence number of the oldest kept change.
    first: u64,
}

impl Changes {
    pub(crate) fn push(&mut self, change: Change) {
        if self.kept.len() == KEPT {
            self.kept.pop_front();
            self.first += 1;
        }
        self.kept.push_back(change);
    }

    /// The sequence number the next change will get.
    pub(crate) fn next_seq(&self) -> u64 {
        self.first + self.kept.len() as u64
    }

    /// The oldest sequence number still kept.
    pub(crate) fn first_seq(&self) -> u64 {
        self.first
    }

    /// Every kept change from `seq` on, with its sequence number.
    pub(crate) fn from(&self, seq: u64) -> impl DoubleEndedIterator<Item = (u64, &Change)> {
        let skip = usize::try_from(seq.saturating_sub(self.first)).unwrap_or(usize::MAX);
        let first = self.first;
        self.kept
            .iter()
            .enumerate()
            .skip(skip)
            .map(move |(at, change)| (first + at as u64, change))
    }

    /// The change with sequence number `seq`, if still kept.
    pub(crate) fn get(&self, seq: u64) -> Option<&Change> {
        let at = usize::try_from(seq.checked_sub(self.first)?).ok()?;
        self.kept.get(at)
    }
}
