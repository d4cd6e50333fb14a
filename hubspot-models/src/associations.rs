//! Associations v4 models and HubSpot's default association type ids.

use serde::{Deserialize, Serialize};

use crate::IdInput;
use crate::ids::string_or_number;

/// Who defined an association type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum AssociationCategory {
    /// HubSpot's own types (the defaults below).
    HubspotDefined,
    /// An integration's types.
    IntegratorDefined,
    /// Labels defined in the account.
    UserDefined,
    /// Work associations.
    Work,
}

/// An association type to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AssociationSpec {
    /// Who defined the type.
    pub association_category: AssociationCategory,
    /// The type id.
    pub association_type_id: i32,
}

impl AssociationSpec {
    /// A HubSpot-defined type, such as [`types::CONTACT_TO_DEAL`].
    pub fn hubspot(type_id: i32) -> Self {
        Self {
            association_category: AssociationCategory::HubspotDefined,
            association_type_id: type_id,
        }
    }

    /// A label defined in the account.
    pub fn user(type_id: i32) -> Self {
        Self {
            association_category: AssociationCategory::UserDefined,
            association_type_id: type_id,
        }
    }
}

/// HubSpot-defined association type ids.
pub mod types {
    /// Contact to company.
    pub const CONTACT_TO_COMPANY: i32 = 279;
    /// Contact to its primary company.
    pub const CONTACT_TO_PRIMARY_COMPANY: i32 = 1;
    /// Company to contact.
    pub const COMPANY_TO_CONTACT: i32 = 280;
    /// Contact to deal.
    pub const CONTACT_TO_DEAL: i32 = 4;
    /// Deal to contact.
    pub const DEAL_TO_CONTACT: i32 = 3;
    /// Deal to company.
    pub const DEAL_TO_COMPANY: i32 = 341;
    /// Deal to its primary company.
    pub const DEAL_TO_PRIMARY_COMPANY: i32 = 5;
    /// Company to deal.
    pub const COMPANY_TO_DEAL: i32 = 342;
    /// Contact to ticket.
    pub const CONTACT_TO_TICKET: i32 = 15;
    /// Ticket to contact.
    pub const TICKET_TO_CONTACT: i32 = 16;
    /// Deal to ticket.
    pub const DEAL_TO_TICKET: i32 = 27;
    /// Ticket to deal.
    pub const TICKET_TO_DEAL: i32 = 28;
    /// Deal to line item.
    pub const DEAL_TO_LINE_ITEM: i32 = 19;
    /// Line item to deal.
    pub const LINE_ITEM_TO_DEAL: i32 = 20;
    /// Company to ticket.
    pub const COMPANY_TO_TICKET: i32 = 25;
    /// Ticket to company.
    pub const TICKET_TO_COMPANY: i32 = 26;

    /// Declares an engagement's default types both ways: `ENGAGEMENT_TO_X` is `id`, `X_TO_ENGAGEMENT` is `id - 1`.
    macro_rules! engagement_types {
        ($($to:ident $from:ident $id:literal $doc:literal;)*) => {$(
            #[doc = concat!($doc, ".")]
            pub const $to: i32 = $id;
            #[doc = concat!("The inverse of ", stringify!($to), ".")]
            pub const $from: i32 = $id - 1;
        )*};
    }

    engagement_types! {
        NOTE_TO_CONTACT CONTACT_TO_NOTE 202 "Note to contact";
        NOTE_TO_COMPANY COMPANY_TO_NOTE 190 "Note to company";
        NOTE_TO_DEAL DEAL_TO_NOTE 214 "Note to deal";
        NOTE_TO_TICKET TICKET_TO_NOTE 228 "Note to ticket";
        CALL_TO_CONTACT CONTACT_TO_CALL 194 "Call to contact";
        CALL_TO_COMPANY COMPANY_TO_CALL 182 "Call to company";
        CALL_TO_DEAL DEAL_TO_CALL 206 "Call to deal";
        CALL_TO_TICKET TICKET_TO_CALL 220 "Call to ticket";
        EMAIL_TO_CONTACT CONTACT_TO_EMAIL 198 "Email to contact";
        EMAIL_TO_COMPANY COMPANY_TO_EMAIL 186 "Email to company";
        EMAIL_TO_DEAL DEAL_TO_EMAIL 210 "Email to deal";
        EMAIL_TO_TICKET TICKET_TO_EMAIL 224 "Email to ticket";
        MEETING_TO_CONTACT CONTACT_TO_MEETING 200 "Meeting to contact";
        MEETING_TO_COMPANY COMPANY_TO_MEETING 188 "Meeting to company";
        MEETING_TO_DEAL DEAL_TO_MEETING 212 "Meeting to deal";
        MEETING_TO_TICKET TICKET_TO_MEETING 226 "Meeting to ticket";
        TASK_TO_CONTACT CONTACT_TO_TASK 204 "Task to contact";
        TASK_TO_COMPANY COMPANY_TO_TASK 192 "Task to company";
        TASK_TO_DEAL DEAL_TO_TASK 216 "Task to deal";
        TASK_TO_TICKET TICKET_TO_TASK 230 "Task to ticket";
    }
}

/// A new association label: `name` is its internal name; give `inverse_label` for a pair of
/// labels (one each way).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelCreate {
    /// The label people see.
    pub label: String,
    /// The internal name.
    pub name: String,
    /// The label of the other direction, for a paired label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inverse_label: Option<String>,
}

/// A label's new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelUpdate {
    /// The label's type id.
    pub association_type_id: i32,
    /// The new label.
    pub label: String,
    /// The new label of the other direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inverse_label: Option<String>,
}

/// The association a default create made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DefaultAssociation {
    /// The source record.
    pub from: IdInput,
    /// The target record.
    pub to: IdInput,
    /// The type used.
    pub association_spec: AssociationSpec,
}

/// The labels between two records after a labelled create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct LabelsBetween {
    /// The source type id, such as `0-1`.
    pub from_object_type_id: String,
    /// The source record.
    #[serde(deserialize_with = "string_or_number")]
    pub from_object_id: String,
    /// The target type id.
    pub to_object_type_id: String,
    /// The target record.
    #[serde(deserialize_with = "string_or_number")]
    pub to_object_id: String,
    /// The labels now between them.
    pub labels: Vec<String>,
}

/// A record associated with the one listed, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AssociatedObject {
    /// The associated record.
    #[serde(deserialize_with = "string_or_number")]
    pub to_object_id: String,
    /// The association types between the two.
    pub association_types: Vec<AssociationType>,
}

/// An association type between two records, with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct AssociationType {
    /// Who defined it.
    pub category: AssociationCategory,
    /// Its id.
    pub type_id: i32,
    /// Its label; `None` for unlabelled defaults.
    #[serde(default)]
    pub label: Option<String>,
}

/// One record whose associations a batch read lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociationReadInput {
    /// The record.
    pub id: String,
    /// The cursor from a previous page of its associations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// A batch read's associations of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssociationReadResult {
    /// The record.
    pub from: IdInput,
    /// Its associated records.
    pub to: Vec<AssociatedObject>,
    /// The cursor to more, when there are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<crate::Paging>,
}

/// One association of a batch create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociationCreateInput {
    /// The source record.
    pub from: IdInput,
    /// The target record.
    pub to: IdInput,
    /// The types to create.
    pub types: Vec<AssociationSpec>,
}

/// One default association of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultAssociationInput {
    /// The source record.
    pub from: IdInput,
    /// The target record.
    pub to: IdInput,
}

/// The associations of one record to remove in a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssociationArchiveInput {
    /// The source record.
    pub from: IdInput,
    /// The targets to dissociate.
    pub to: Vec<IdInput>,
}
