//! Query parameters of reads and lists.

use serde::Serialize;

/// Options of a single read: which properties, history and associations to return.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadOptions {
    /// Properties to return (missing ones come back as `None`).
    #[serde(serialize_with = "hubspot_runtime::comma_separated")]
    pub properties: Vec<String>,
    /// Properties to return with their history.
    #[serde(serialize_with = "hubspot_runtime::comma_separated")]
    pub properties_with_history: Vec<String>,
    /// Object types whose associated ids to return.
    #[serde(serialize_with = "hubspot_runtime::comma_separated")]
    pub associations: Vec<String>,
    /// Read an archived record.
    pub archived: Option<bool>,
    /// Read by a unique property (`email`) instead of the record id.
    pub id_property: Option<String>,
}

impl ReadOptions {
    /// Returns these properties.
    pub fn properties<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Self {
        Self {
            properties: names.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }
}

/// Options of a list page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListOptions {
    /// Page size (HubSpot: default 10, at most 100).
    pub limit: Option<u32>,
    /// The cursor from the previous page's `paging.next.after`.
    pub after: Option<String>,
    /// Properties to return.
    #[serde(serialize_with = "hubspot_runtime::comma_separated")]
    pub properties: Vec<String>,
    /// Properties to return with their history.
    #[serde(serialize_with = "hubspot_runtime::comma_separated")]
    pub properties_with_history: Vec<String>,
    /// Object types whose associated ids to return.
    #[serde(serialize_with = "hubspot_runtime::comma_separated")]
    pub associations: Vec<String>,
    /// List archived records instead.
    pub archived: Option<bool>,
}

/// `?idProperty=…`: address a record by a unique property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdProperty {
    /// The property, such as `email`.
    pub id_property: String,
}

impl IdProperty {
    /// By this unique property.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            id_property: name.into(),
        }
    }
}

/// `?archived=…` of a batch read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ArchivedOption {
    /// Read archived records.
    pub archived: Option<bool>,
}

/// Paging of a list of associations or owners.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageOptions {
    /// Page size.
    pub limit: Option<u32>,
    /// The cursor from the previous page.
    pub after: Option<String>,
}

/// The options of a paged endpoint: where the next page starts.
pub trait Paged: Clone + Send + 'static {
    /// Sets the cursor from the previous page's `paging.next.after`.
    fn set_after(&mut self, after: String);
}

impl Paged for ListOptions {
    fn set_after(&mut self, after: String) {
        self.after = Some(after);
    }
}

impl Paged for PageOptions {
    fn set_after(&mut self, after: String) {
        self.after = Some(after);
    }
}
