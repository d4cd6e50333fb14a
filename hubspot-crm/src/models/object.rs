//! The record every object endpoint returns.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::models::{CompanyId, ContactId, DealId, TicketId};

/// Properties as HubSpot sends them: a requested property with no value is `None`.
pub type Properties = BTreeMap<String, Option<String>>;

/// A CRM record. `P` is [`Properties`] or your own `serde` struct (typed properties).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Object<Id, P = Properties> {
    /// The record id.
    pub id: Id,
    /// The requested (or default) properties.
    pub properties: P,
    /// When the record was created (RFC 3339).
    pub created_at: String,
    /// When the record last changed (RFC 3339).
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

/// A contact.
pub type Contact<P = Properties> = Object<ContactId, P>;
/// A company.
pub type Company<P = Properties> = Object<CompanyId, P>;
/// A deal.
pub type Deal<P = Properties> = Object<DealId, P>;
/// A ticket.
pub type Ticket<P = Properties> = Object<TicketId, P>;

/// A record from a batch upsert: `new` says whether it was created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Upserted<Id, P = Properties> {
    /// The record.
    #[serde(flatten)]
    pub object: Object<Id, P>,
    /// Whether the upsert created it.
    pub new: bool,
}

/// One past value of a property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyValue {
    /// The value.
    pub value: String,
    /// When it was set.
    pub timestamp: String,
    /// What set it (`API`, `CRM_UI`, …).
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
pub struct AssociatedIds {
    /// The associated records.
    pub results: Vec<AssociatedId>,
    /// More, when there are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<crate::models::Paging>,
}

/// One associated record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssociatedId {
    /// Its id.
    #[serde(deserialize_with = "crate::models::ids::string_or_number")]
    pub id: String,
    /// The association type, such as `deal_to_contact`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// The CRM object types, as path segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ObjectType {
    /// `contacts` (`0-1`)
    Contacts,
    /// `companies` (`0-2`)
    Companies,
    /// `deals` (`0-3`)
    Deals,
    /// `tickets` (`0-5`)
    Tickets,
}

impl ObjectType {
    /// The name used in paths.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Contacts => "contacts",
            Self::Companies => "companies",
            Self::Deals => "deals",
            Self::Tickets => "tickets",
        }
    }

    /// The object type id, such as `0-3`.
    pub fn type_id(self) -> &'static str {
        match self {
            Self::Contacts => "0-1",
            Self::Companies => "0-2",
            Self::Deals => "0-3",
            Self::Tickets => "0-5",
        }
    }
}

impl fmt::Display for ObjectType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
