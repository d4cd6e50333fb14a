//! The record every object endpoint returns.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::ids::*;

/// Properties as HubSpot sends them: a requested property with no value is `None`.
pub type Properties = BTreeMap<String, Option<String>>;

/// A CRM record. `P` is [`Properties`] or your own `serde` struct (typed properties).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Object<Id, P = Properties> {
    /// The record id.
    pub id: Id,
    /// The requested (or default) properties.
    pub properties: P,
    /// When the record was created (RFC 3339).
    #[serde(default)]
    pub created_at: String,
    /// When the record last changed (RFC 3339).
    #[serde(default)]
    pub updated_at: String,
    /// Whether the record is archived.
    #[serde(default)]
    pub archived: bool,
    /// When the record was archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<String>,
    /// Past values of the properties asked for with `propertiesWithHistory`, newest first.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties_with_history: BTreeMap<String, Vec<PropertyValue>>,
    /// Associated record ids by object type, when asked for with `associations`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub associations: BTreeMap<String, AssociatedIds>,
    /// The tag of the batch input that wrote this record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_write_trace_id: Option<String>,
    /// A link to the record in HubSpot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl<Id> Object<Id, Properties> {
    /// A property's value, `None` when unset or not returned.
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties.get(name)?.as_deref()
    }
}

macro_rules! record_aliases {
    ($($base:literal $versions:literal {
        $($module:ident $variant:ident $record:ident $id:ident $segment:literal $type_id:literal $noun:literal [$($group:ident)*];)*
    })*) => {$($(
        #[doc = concat!("A ", $noun, " record: [`Object`] with a [`", stringify!($id), "`].")]
        pub type $record<P = Properties> = Object<$id, P>;
    )*)*};
}

for_each_object_type!(record_aliases);

/// A record of a type chosen at run time (a custom object, or any type through `hubspot_crm::objects`).
pub type Record<P = Properties> = Object<String, P>;

/// What the keyset continuation of `hubspot_crm::paging::search_all` needs from a record: its id.
pub trait HasId {
    /// The record id.
    fn record_id(&self) -> &str;
}

impl<Id: AsRef<str>, P> HasId for Object<Id, P> {
    fn record_id(&self) -> &str {
        self.id.as_ref()
    }
}

/// A record from a batch upsert: `new` says whether it was created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Upserted<Id, P = Properties> {
    /// The record.
    #[serde(flatten)]
    pub object: Object<Id, P>,
    /// Whether the upsert created it. It describes the answer, not the call: when an earlier
    /// attempt of the same call created the record and its answer was lost, the retry finds
    /// the record and says `false`.
    pub new: bool,
}

/// One past value of a property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PropertyValue {
    /// The value.
    #[serde(default)]
    pub value: String,
    /// When it was set.
    #[serde(default)]
    pub timestamp: String,
    /// What set it (`API`, `CRM_UI`, …).
    #[serde(default)]
    pub source_type: String,
    /// The source's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
    /// The source's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_label: Option<String>,
    /// The user who set it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by_user_id: Option<i64>,
}

/// Ids of associated records of one type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssociatedIds {
    /// The associated records.
    pub results: Vec<AssociatedId>,
    /// More, when there are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<crate::Paging>,
}

/// One associated record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssociatedId {
    /// Its id.
    #[serde(default, deserialize_with = "crate::ids::string_or_number")]
    pub id: String,
    /// The association type, such as `deal_to_contact`.
    #[serde(default, rename = "type")]
    pub kind: String,
}
