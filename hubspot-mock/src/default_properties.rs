//! HubSpot's default properties of the most used object types (contacts, companies, deals,
//! tickets, products, line items and the seven engagement types), as every new account has them:
//! name, type and, where HubSpot fixes them, options. Code written against a real account sets
//! these (`jobtitle`, `lifecyclestage`, `dealtype`) and must not meet `PROPERTY_DOESNT_EXIST`.

/// One default property: name, HubSpot `type` (`string`, `number`, `datetime`, `date`, `bool`,
/// `enumeration`) and the option values of an enumeration HubSpot fixes (empty for an
/// enumeration each account fills, such as owners).
pub(crate) type Default = (&'static str, &'static str, &'static [&'static str]);

const LIFECYCLE: &[&str] = &[
    "subscriber",
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
];
const LEAD_STATUS: &[&str] = &[
    "NEW",
    "OPEN",
    "IN_PROGRESS",
    "OPEN_DEAL",
    "UNQUALIFIED",
    "ATTEMPTED_TO_CONTACT",
    "CONNECTED",
    "BAD_TIMING",
];
const NONE: &[&str] = &[];

#[rustfmt::skip]
const CONTACTS: &[Default] = &[
    ("email", "string", NONE), ("firstname", "string", NONE), ("lastname", "string", NONE),
    ("phone", "string", NONE), ("mobilephone", "string", NONE), ("fax", "string", NONE),
    ("company", "string", NONE), ("jobtitle", "string", NONE), ("website", "string", NONE),
    ("address", "string", NONE), ("city", "string", NONE), ("state", "string", NONE),
    ("zip", "string", NONE), ("country", "string", NONE), ("industry", "string", NONE),
    ("annualrevenue", "string", NONE), ("numemployees", "enumeration", NONE),
    ("salutation", "string", NONE), ("message", "string", NONE), ("date_of_birth", "string", NONE),
    ("twitterhandle", "string", NONE), ("hs_language", "enumeration", NONE),
    ("lifecyclestage", "enumeration", LIFECYCLE), ("hs_lead_status", "enumeration", LEAD_STATUS),
    ("hubspot_owner_id", "enumeration", NONE), ("associatedcompanyid", "number", NONE),
    ("closedate", "datetime", NONE), ("notes_last_updated", "datetime", NONE),
    ("hs_email_domain", "string", NONE), ("hs_persona", "enumeration", NONE),
];

#[rustfmt::skip]
const COMPANIES: &[Default] = &[
    ("name", "string", NONE), ("domain", "string", NONE), ("website", "string", NONE),
    ("phone", "string", NONE), ("address", "string", NONE), ("address2", "string", NONE),
    ("city", "string", NONE), ("state", "string", NONE), ("zip", "string", NONE),
    ("country", "string", NONE), ("industry", "enumeration", NONE), ("description", "string", NONE),
    ("numberofemployees", "number", NONE), ("annualrevenue", "number", NONE),
    ("type", "enumeration", &["PROSPECT", "PARTNER", "RESELLER", "VENDOR", "OTHER"]),
    ("lifecyclestage", "enumeration", LIFECYCLE), ("hs_lead_status", "enumeration", LEAD_STATUS),
    ("hubspot_owner_id", "enumeration", NONE), ("linkedin_company_page", "string", NONE),
    ("twitterhandle", "string", NONE), ("facebook_company_page", "string", NONE),
    ("timezone", "enumeration", NONE), ("founded_year", "string", NONE),
    ("is_public", "bool", &["true", "false"]), ("total_money_raised", "string", NONE),
    ("closedate", "datetime", NONE),
];

#[rustfmt::skip]
const DEALS: &[Default] = &[
    ("dealname", "string", NONE), ("amount", "number", NONE), ("dealstage", "enumeration", NONE),
    ("pipeline", "enumeration", NONE), ("closedate", "datetime", NONE),
    ("dealtype", "enumeration", &["newbusiness", "existingbusiness"]),
    ("description", "string", NONE), ("hubspot_owner_id", "enumeration", NONE),
    ("hs_priority", "enumeration", &["low", "medium", "high"]), ("hs_next_step", "string", NONE),
    ("hs_forecast_probability", "number", NONE), ("closed_lost_reason", "string", NONE),
    ("closed_won_reason", "string", NONE), ("amount_in_home_currency", "number", NONE),
];

#[rustfmt::skip]
const TICKETS: &[Default] = &[
    ("subject", "string", NONE), ("content", "string", NONE), ("hs_pipeline", "enumeration", NONE),
    ("hs_pipeline_stage", "enumeration", NONE),
    ("hs_ticket_priority", "enumeration", &["LOW", "MEDIUM", "HIGH", "URGENT"]),
    ("hs_ticket_category", "enumeration", &["PRODUCT_ISSUE", "BILLING_ISSUE", "FEATURE_REQUEST", "GENERAL_INQUIRY"]),
    ("source_type", "enumeration", &["CHAT", "EMAIL", "FORM", "PHONE"]),
    ("hubspot_owner_id", "enumeration", NONE), ("closed_date", "datetime", NONE),
    ("hs_resolution", "enumeration", NONE),
];

#[rustfmt::skip]
const PRODUCTS: &[Default] = &[
    ("name", "string", NONE), ("price", "number", NONE), ("description", "string", NONE),
    ("hs_sku", "string", NONE), ("hs_cost_of_goods_sold", "number", NONE),
    ("hs_recurring_billing_period", "string", NONE), ("recurringbillingfrequency", "enumeration", NONE),
];

#[rustfmt::skip]
const LINE_ITEMS: &[Default] = &[
    ("name", "string", NONE), ("price", "number", NONE), ("quantity", "number", NONE),
    ("amount", "number", NONE), ("hs_product_id", "number", NONE), ("discount", "number", NONE),
    ("hs_discount_percentage", "number", NONE), ("tax", "number", NONE), ("hs_sku", "string", NONE),
    ("description", "string", NONE), ("recurringbillingfrequency", "enumeration", NONE),
];

// Engagements, as HubSpot's engagement guides list their properties. Every one has an owner,
// attachments and a timestamp; the options given are those HubSpot fixes.
#[rustfmt::skip]
const CALLS: &[Default] = &[
    ("hs_timestamp", "datetime", NONE), ("hs_call_title", "string", NONE),
    ("hs_call_body", "string", NONE), ("hs_call_callee_object_id", "number", NONE),
    ("hs_call_callee_object_type", "enumeration", NONE),
    ("hs_call_direction", "enumeration", &["INBOUND", "OUTBOUND"]),
    ("hs_call_disposition", "enumeration", NONE), ("hs_call_duration", "number", NONE),
    ("hs_call_from_number", "string", NONE), ("hs_call_to_number", "string", NONE),
    ("hs_call_recording_url", "string", NONE),
    ("hs_call_status", "enumeration", &["BUSY", "CALLING_CRM_USER", "CANCELED", "COMPLETED", "CONNECTING", "FAILED", "IN_PROGRESS", "NO_ANSWER", "QUEUED", "RINGING"]),
    ("hs_activity_type", "enumeration", NONE), ("hs_attachment_ids", "enumeration", NONE),
    ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const EMAILS: &[Default] = &[
    ("hs_timestamp", "datetime", NONE), ("hs_email_subject", "string", NONE),
    ("hs_email_text", "string", NONE), ("hs_email_html", "string", NONE),
    ("hs_email_headers", "string", NONE),
    ("hs_email_direction", "enumeration", &["EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"]),
    ("hs_email_status", "enumeration", &["BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT"]),
    ("hs_attachment_ids", "enumeration", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const MEETINGS: &[Default] = &[
    ("hs_timestamp", "datetime", NONE), ("hs_meeting_title", "string", NONE),
    ("hs_meeting_body", "string", NONE), ("hs_internal_meeting_notes", "string", NONE),
    ("hs_meeting_external_url", "string", NONE), ("hs_meeting_location", "string", NONE),
    ("hs_meeting_start_time", "datetime", NONE), ("hs_meeting_end_time", "datetime", NONE),
    ("hs_meeting_outcome", "enumeration", &["SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED"]),
    ("hs_activity_type", "enumeration", NONE), ("hs_attachment_ids", "enumeration", NONE),
    ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const NOTES: &[Default] = &[
    ("hs_timestamp", "datetime", NONE), ("hs_note_body", "string", NONE),
    ("hs_attachment_ids", "enumeration", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const TASKS: &[Default] = &[
    ("hs_timestamp", "datetime", NONE), ("hs_task_subject", "string", NONE),
    ("hs_task_body", "string", NONE),
    ("hs_task_status", "enumeration", &["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"]),
    ("hs_task_priority", "enumeration", &["NONE", "LOW", "MEDIUM", "HIGH"]),
    ("hs_task_type", "enumeration", NONE), ("hs_task_reminders", "string", NONE),
    ("hs_attachment_ids", "enumeration", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const COMMUNICATIONS: &[Default] = &[
    ("hs_timestamp", "datetime", NONE), ("hs_communication_body", "string", NONE),
    ("hs_communication_channel_type", "enumeration", &["WHATS_APP", "LINKEDIN_MESSAGE", "SMS"]),
    ("hs_communication_logged_from", "enumeration", &["CRM"]),
    ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const POSTAL_MAIL: &[Default] = &[
    ("hs_timestamp", "datetime", NONE), ("hs_postal_mail_body", "string", NONE),
    ("hs_attachment_ids", "enumeration", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

/// The default properties of the type named `plural`, beyond the few every type has.
pub(crate) fn of(plural: &str) -> &'static [Default] {
    match plural {
        "contacts" => CONTACTS,
        "companies" => COMPANIES,
        "deals" => DEALS,
        "tickets" => TICKETS,
        "products" => PRODUCTS,
        "line_items" => LINE_ITEMS,
        "calls" => CALLS,
        "emails" => EMAILS,
        "meetings" => MEETINGS,
        "notes" => NOTES,
        "tasks" => TASKS,
        "communications" => COMMUNICATIONS,
        "postal_mail" => POSTAL_MAIL,
        _ => &[],
    }
}
