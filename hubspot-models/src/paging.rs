//! Pages and batch results.

use std::collections::BTreeMap;

use hubspot_runtime::ApiErrorBody;
use serde::{Deserialize, Serialize};

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Page<T> {
    /// The items.
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
    /// The cursor to the next page, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
    /// How many items there are in all, where the API says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
}

/// One page of search results, with the total that matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SearchPage<T> {
    /// How many records matched in all (0 where an answer leaves it out, as some of HubSpot's
    /// list answers that share this shape do).
    #[serde(default)]
    pub total: u64,
    /// The items.
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
    /// The cursor to the next page, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
}

impl<T> Page<T> {
    /// The cursor of the next page.
    pub fn next_after(&self) -> Option<&str> {
        self.paging.as_ref()?.next_after()
    }
}

impl<T> SearchPage<T> {
    /// The cursor of the next page.
    pub fn next_after(&self) -> Option<&str> {
        self.paging.as_ref()?.next_after()
    }
}

/// Paging cursors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Paging {
    /// The next page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<NextPage>,
    /// The previous page (search only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<PreviousPage>,
}

impl Paging {
    /// The cursor of the next page.
    pub fn next_after(&self) -> Option<&str> {
        self.next.as_ref().map(|next| next.after.as_str())
    }
}

/// The next page's cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NextPage {
    /// Pass as `after`.
    #[serde(deserialize_with = "crate::ids::string_or_number")]
    pub after: String,
    /// A deprecated link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The previous page's cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PreviousPage {
    /// Pass as `before`.
    pub before: String,
    /// A deprecated link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The state of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BatchStatus {
    /// Not started.
    Pending,
    /// Running.
    Processing,
    /// Canceled.
    Canceled,
    /// Done.
    Complete,
    /// A state this release does not name, kept as HubSpot sent it.
    Unknown(String),
}

impl BatchStatus {
    /// The state as HubSpot writes it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Pending => "PENDING",
            Self::Processing => "PROCESSING",
            Self::Canceled => "CANCELED",
            Self::Complete => "COMPLETE",
            Self::Unknown(state) => state,
        }
    }
}

impl From<String> for BatchStatus {
    fn from(state: String) -> Self {
        match state.as_str() {
            "PENDING" => Self::Pending,
            "PROCESSING" => Self::Processing,
            "CANCELED" => Self::Canceled,
            "COMPLETE" => Self::Complete,
            _ => Self::Unknown(state),
        }
    }
}

impl Serialize for BatchStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BatchStatus {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

/// A batch response. A 207 multi-status is a success too: the inputs that failed are in `errors`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BatchResult<T> {
    /// The batch's state; `None` where an answer leaves it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<BatchStatus>,
    /// What succeeded.
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
    /// What failed, one error per failed input (their ids are in `context`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ApiErrorBody>,
    /// How many inputs failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num_errors: Option<u32>,
    /// When it was requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_at: Option<String>,
    /// When it started.
    #[serde(default)]
    pub started_at: String,
    /// When it completed.
    #[serde(default)]
    pub completed_at: String,
    /// Related links.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub links: BTreeMap<String, String>,
}

impl<T> BatchResult<T> {
    /// Whether every input succeeded.
    pub fn is_complete_success(&self) -> bool {
        self.errors.is_empty()
    }
}
