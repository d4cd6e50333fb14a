//! The object types the mock serves: HubSpot's standard ones from one table, and the custom ones
//! the schemas API defines.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Serialize, Serializer};

use crate::error::{ApiError, ApiResult};

/// What the mock knows of one type.
#[derive(Debug)]
struct Kind {
    /// The path name: `deals`, or the type id for types HubSpot names only by id.
    name: &'static str,
    singular: &'static str,
    type_id: &'static str,
    /// Returned when a request names no properties.
    defaults: &'static [&'static str],
    /// A create must set these.
    required: &'static [&'static str],
    /// The free-text `query` of a search looks in these.
    searchable: &'static [&'static str],
    /// Other names the path may use.
    aliases: &'static [&'static str],
}

const fn kind(
    name: &'static str,
    singular: &'static str,
    type_id: &'static str,
    defaults: &'static [&'static str],
    required: &'static [&'static str],
    searchable: &'static [&'static str],
) -> Kind {
    Kind {
        name,
        singular,
        type_id,
        defaults,
        required,
        searchable,
        aliases: &[],
    }
}

/// Engagements must say when they happened.
const TIMESTAMP: &[&str] = &["hs_timestamp"];

// One type a line: name, singular, type id, default, required and searchable properties.
#[rustfmt::skip]
static STANDARD: [Kind; 31] = [
    kind("contacts", "contact", "0-1", &["firstname", "lastname", "email"], &[], &["firstname", "lastname", "email", "phone", "company"]),
    kind("companies", "company", "0-2", &["name", "domain"], &[], &["name", "domain", "website", "phone"]),
    kind("deals", "deal", "0-3", &["dealname", "amount", "closedate", "pipeline", "dealstage"], &["dealname", "dealstage", "pipeline"], &["dealname"]),
    kind("tickets", "ticket", "0-5", &["subject", "content", "hs_pipeline", "hs_pipeline_stage"], &["subject", "hs_pipeline_stage", "hs_pipeline"], &["subject", "content"]),
    kind("line_items", "line_item", "0-8", &["name", "price", "quantity"], &[], &["name"]),
    kind("products", "product", "0-7", &["name", "price", "description"], &[], &["name", "description"]),
    kind("quotes", "quote", "0-14", &["hs_title", "hs_expiration_date"], &[], &["hs_title"]),
    kind("calls", "call", "0-48", &["hs_call_title", "hs_call_body", "hs_timestamp"], TIMESTAMP, &["hs_call_title", "hs_call_body"]),
    kind("emails", "email", "0-49", &["hs_email_subject", "hs_email_text", "hs_timestamp"], TIMESTAMP, &["hs_email_subject", "hs_email_text"]),
    kind("meetings", "meeting", "0-47", &["hs_meeting_title", "hs_meeting_body", "hs_timestamp"], TIMESTAMP, &["hs_meeting_title", "hs_meeting_body"]),
    kind("notes", "note", "0-46", &["hs_note_body", "hs_timestamp"], TIMESTAMP, &["hs_note_body"]),
    kind("tasks", "task", "0-27", &["hs_task_subject", "hs_task_body", "hs_timestamp"], TIMESTAMP, &["hs_task_subject", "hs_task_body"]),
    kind("communications", "communication", "0-18", &["hs_communication_channel_type", "hs_communication_body", "hs_timestamp"], TIMESTAMP, &["hs_communication_body"]),
    kind("postal_mail", "postal_mail", "0-116", &["hs_postal_mail_body", "hs_timestamp"], TIMESTAMP, &["hs_postal_mail_body"]),
    kind("feedback_submissions", "feedback_submission", "0-19", &["hs_content", "hs_survey_name"], &[], &["hs_content"]),
    kind("leads", "lead", "0-136", &["hs_lead_name"], &[], &["hs_lead_name"]),
    kind("invoices", "invoice", "0-53", &["hs_title", "hs_currency"], &[], &["hs_title"]),
    kind("orders", "order", "0-123", &["hs_order_name"], &[], &["hs_order_name"]),
    kind("carts", "cart", "0-142", &["hs_cart_name"], &[], &["hs_cart_name"]),
    Kind { aliases: &["payments"], ..kind("commerce_payments", "payment", "0-101", &["hs_initial_amount", "hs_currency_code"], &[], &[]) },
    kind("subscriptions", "subscription", "0-69", &["hs_name"], &[], &["hs_name"]),
    kind("discounts", "discount", "0-84", &["hs_label", "hs_value"], &[], &["hs_label"]),
    kind("fees", "fee", "0-85", &["hs_label", "hs_value"], &[], &["hs_label"]),
    kind("taxes", "tax", "0-86", &["hs_label", "hs_value"], &[], &["hs_label"]),
    kind("goal_targets", "goal_target", "0-74", &["hs_goal_name"], &[], &["hs_goal_name"]),
    kind("users", "user", "0-115", &["hs_email", "hs_given_name", "hs_family_name"], &[], &["hs_email"]),
    kind("contracts", "contract", "0-721", &["hs_name"], &[], &["hs_name"]),
    Kind { aliases: &["courses"], ..kind("0-410", "course", "0-410", &["hs_course_name"], &[], &["hs_course_name"]) },
    Kind { aliases: &["listings"], ..kind("0-420", "listing", "0-420", &["hs_name"], &[], &["hs_name"]) },
    Kind { aliases: &["services"], ..kind("0-162", "service", "0-162", &["hs_name"], &[], &["hs_name"]) },
    kind("appointments", "appointment", "0-421", &["hs_appointment_name", "hs_appointment_start"], &[], &["hs_appointment_name"]),
];

/// One object type: a handle to what the mock knows of it, cheap to copy.
#[derive(Clone, Copy)]
pub struct ObjectType(&'static Kind);

impl ObjectType {
    /// Contacts, which some endpoints (GDPR delete, unique e-mail) single out.
    pub const CONTACTS: Self = Self(&STANDARD[0]);
    /// Deals, whose stages must be real.
    pub const DEALS: Self = Self(&STANDARD[2]);
    /// Tickets, which have a pipeline too.
    pub const TICKETS: Self = Self(&STANDARD[3]);

    /// Every standard type.
    pub fn standard() -> impl Iterator<Item = Self> {
        STANDARD.iter().map(Self)
    }

    /// A standard type by path segment: plural or singular name, or type id.
    pub(crate) fn parse(segment: &str) -> Option<Self> {
        Self::standard().find(|t| {
            let kind = t.0;
            segment == kind.name
                || segment == kind.singular
                || segment == kind.type_id
                || kind.aliases.contains(&segment)
        })
    }

    /// A new custom type, `2-{number}`. Its names live as long as the process (a few hundred
    /// bytes per schema created) so that a type stays a `Copy` handle everywhere in the mock.
    pub(crate) fn custom(
        name: String,
        singular: String,
        number: u64,
        defaults: Vec<String>,
    ) -> Self {
        let defaults: Vec<&'static str> = defaults
            .into_iter()
            .map(String::leak)
            .map(|s| &*s)
            .collect();
        Self(Box::leak(Box::new(Kind {
            name: name.leak(),
            singular: singular.leak(),
            type_id: format!("2-{number}").leak(),
            defaults: defaults.leak(),
            required: &[],
            searchable: &[],
            aliases: &[],
        })))
    }

    /// Whether the schemas API made this type.
    pub fn is_custom(self) -> bool {
        self.0.type_id.starts_with("2-")
    }

    /// The type id, such as `0-3`.
    pub fn type_id(self) -> &'static str {
        self.0.type_id
    }

    /// The singular name, as association results use.
    pub fn singular(self) -> &'static str {
        self.0.singular
    }

    /// The plural name (a custom type's fully qualified name).
    pub fn plural(self) -> &'static str {
        self.0.name
    }

    /// Properties returned when none are requested.
    pub(crate) fn default_properties(self) -> &'static [&'static str] {
        self.0.defaults
    }

    pub(crate) fn modified_property(self) -> &'static str {
        if self == Self::CONTACTS {
            "lastmodifieddate"
        } else {
            "hs_lastmodifieddate"
        }
    }

    /// Properties a create must set (a custom type's come from its schema).
    pub(crate) fn required_properties(self) -> &'static [&'static str] {
        self.0.required
    }

    /// Properties the free-text `query` of a search looks in.
    pub(crate) fn searchable(self) -> &'static [&'static str] {
        self.0.searchable
    }

    /// `(0, 3)` for `0-3`: types sort by id.
    fn key(self) -> (u64, u64) {
        let (a, b) = self.0.type_id.split_once('-').unwrap_or(("9", "0"));
        (a.parse().unwrap_or(u64::MAX), b.parse().unwrap_or(u64::MAX))
    }

    /// The error HubSpot gives for a path naming no type it knows.
    pub(crate) fn unknown(segment: &str) -> ApiError {
        ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "VALIDATION_ERROR",
            format!("Unable to infer object type from: {segment}"),
        )
    }
}

pub(crate) fn parse_standard(segment: &str) -> ApiResult<ObjectType> {
    ObjectType::parse(segment).ok_or_else(|| ObjectType::unknown(segment))
}

impl PartialEq for ObjectType {
    fn eq(&self, other: &Self) -> bool {
        self.0.type_id == other.0.type_id
    }
}

impl Eq for ObjectType {}

impl Ord for ObjectType {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for ObjectType {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Hash for ObjectType {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.type_id.hash(state);
    }
}

impl fmt::Debug for ObjectType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl Serialize for ObjectType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.name)
    }
}
