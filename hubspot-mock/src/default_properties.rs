//! HubSpot's default properties of every standard object type (the CRM's core types, the seven
//! engagement types, commerce, leads, goals, users and the industry types), as every new account
//! has them: name, type and, where HubSpot fixes them, options. Code written against a real account sets
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

// Commerce and the rest, as HubSpot's guides for each type list the properties an integration
// sets. Options are given only where HubSpot fixes them; an enumeration without options takes
// any value, as one an account fills does.
#[rustfmt::skip]
const QUOTES: &[Default] = &[
    ("hs_title", "string", NONE), ("hs_expiration_date", "datetime", NONE),
    ("hs_status", "enumeration", &["DRAFT", "APPROVAL_NOT_NEEDED", "PENDING_APPROVAL", "APPROVED", "REJECTED"]),
    ("hs_language", "enumeration", NONE), ("hs_locale", "enumeration", NONE),
    ("hs_currency", "enumeration", NONE), ("hs_template_type", "enumeration", NONE),
    ("hs_quote_amount", "number", NONE), ("hs_quote_number", "string", NONE),
    ("hs_comments", "string", NONE), ("hs_terms", "string", NONE),
    ("hs_domain", "string", NONE), ("hs_slug", "string", NONE), ("hs_quote_link", "string", NONE),
    ("hs_esign_enabled", "bool", &["true", "false"]), ("hs_payment_enabled", "bool", &["true", "false"]),
    ("hs_sender_firstname", "string", NONE), ("hs_sender_lastname", "string", NONE),
    ("hs_sender_email", "string", NONE), ("hs_sender_phone", "string", NONE),
    ("hs_sender_jobtitle", "string", NONE), ("hs_sender_company_name", "string", NONE),
    ("hs_sender_company_domain", "string", NONE), ("hs_sender_company_address", "string", NONE),
    ("hs_sender_company_city", "string", NONE), ("hs_sender_company_state", "string", NONE),
    ("hs_sender_company_zip", "string", NONE), ("hs_sender_company_country", "string", NONE),
    ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const LEADS: &[Default] = &[
    ("hs_lead_name", "string", NONE), ("hs_pipeline", "enumeration", NONE),
    ("hs_pipeline_stage", "enumeration", NONE), ("hs_lead_type", "enumeration", NONE),
    ("hs_lead_label", "enumeration", NONE), ("hs_lead_source", "enumeration", NONE),
    ("hs_lead_disqualification_reason", "enumeration", NONE),
    ("hs_lead_disqualification_note", "string", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const INVOICES: &[Default] = &[
    ("hs_title", "string", NONE), ("hs_currency", "enumeration", NONE),
    ("hs_invoice_date", "datetime", NONE), ("hs_due_date", "datetime", NONE),
    ("hs_invoice_status", "enumeration", &["draft", "open", "paid", "voided"]),
    ("hs_number", "string", NONE), ("hs_purchase_order_number", "string", NONE),
    ("hs_comments", "string", NONE), ("hs_tax_id", "string", NONE),
    ("hs_amount_billed", "number", NONE), ("hs_balance_due", "number", NONE),
    ("hs_invoice_link", "string", NONE), ("hs_allowed_payment_methods", "enumeration", NONE),
    ("hs_external_invoice_id", "string", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const ORDERS: &[Default] = &[
    ("hs_order_name", "string", NONE), ("hs_currency_code", "enumeration", NONE),
    ("hs_source_store", "string", NONE), ("hs_fulfillment_status", "string", NONE),
    ("hs_payment_status", "string", NONE), ("hs_external_order_id", "string", NONE),
    ("hs_external_order_status", "string", NONE), ("hs_external_created_date", "datetime", NONE),
    ("hs_order_note", "string", NONE), ("hs_order_discount", "number", NONE),
    ("hs_subtotal_price", "number", NONE), ("hs_total_price", "number", NONE),
    ("hs_tax", "number", NONE), ("hs_shipping_cost", "number", NONE),
    ("hs_refund_amount", "number", NONE), ("hs_pipeline", "enumeration", NONE),
    ("hs_pipeline_stage", "enumeration", NONE), ("hs_billing_address_name", "string", NONE),
    ("hs_billing_address_street", "string", NONE), ("hs_billing_address_city", "string", NONE),
    ("hs_billing_address_state", "string", NONE), ("hs_billing_address_postal_code", "string", NONE),
    ("hs_billing_address_country", "string", NONE), ("hs_shipping_address_name", "string", NONE),
    ("hs_shipping_address_street", "string", NONE), ("hs_shipping_address_city", "string", NONE),
    ("hs_shipping_address_state", "string", NONE), ("hs_shipping_address_postal_code", "string", NONE),
    ("hs_shipping_address_country", "string", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const CARTS: &[Default] = &[
    ("hs_cart_name", "string", NONE), ("hs_external_cart_id", "string", NONE),
    ("hs_source_store", "string", NONE), ("hs_currency_code", "enumeration", NONE),
    ("hs_cart_url", "string", NONE), ("hs_external_status", "string", NONE),
    ("hs_cart_discount", "number", NONE), ("hs_subtotal_price", "number", NONE),
    ("hs_total_price", "number", NONE), ("hs_tax", "number", NONE),
    ("hs_shipping_cost", "number", NONE), ("hs_tags", "enumeration", NONE),
    ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const PAYMENTS: &[Default] = &[
    ("hs_initial_amount", "number", NONE), ("hs_currency_code", "enumeration", NONE),
    ("hs_latest_status", "enumeration", NONE), ("hs_payment_method_type", "enumeration", NONE),
    ("hs_customer_email", "string", NONE), ("hs_processed_date", "datetime", NONE),
    ("hs_reference_number", "string", NONE), ("hs_payment_source_name", "string", NONE),
    ("hs_external_reference_id", "string", NONE), ("hs_net_amount", "number", NONE),
    ("hs_fees_amount", "number", NONE), ("hs_refunds_amount", "number", NONE),
];

#[rustfmt::skip]
const SUBSCRIPTIONS: &[Default] = &[
    ("hs_name", "string", NONE), ("hs_status", "enumeration", NONE),
    ("hs_currency_code", "enumeration", NONE), ("hs_recurring_billing_start_date", "date", NONE),
    ("hs_recurring_billing_end_date", "date", NONE), ("hs_next_payment_due_date", "date", NONE),
    ("hs_recurring_billing_period", "string", NONE),
    ("hs_recurring_billing_frequency", "enumeration", NONE),
    ("hs_subscription_amount", "number", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

/// Discounts, fees and taxes: a labelled value, a percentage or a fixed amount.
#[rustfmt::skip]
const ADJUSTMENTS: &[Default] = &[
    ("hs_label", "string", NONE), ("hs_value", "number", NONE),
    ("hs_type", "enumeration", &["PERCENT", "FIXED"]), ("hs_duration", "enumeration", NONE),
    ("hs_sort_order", "number", NONE),
];

#[rustfmt::skip]
const GOAL_TARGETS: &[Default] = &[
    ("hs_goal_name", "string", NONE), ("hs_goal_type", "enumeration", NONE),
    ("hs_target_amount", "number", NONE), ("hs_kpi_value", "number", NONE),
    ("hs_progress_percentage", "number", NONE), ("hs_start_datetime", "datetime", NONE),
    ("hs_end_datetime", "datetime", NONE), ("hs_assignee_user_id", "number", NONE),
    ("hs_assignee_team_id", "number", NONE), ("hs_created_by_user_id", "number", NONE),
    ("hs_status", "enumeration", NONE),
];

#[rustfmt::skip]
const USERS: &[Default] = &[
    ("hs_email", "string", NONE), ("hs_given_name", "string", NONE),
    ("hs_family_name", "string", NONE), ("hs_internal_user_id", "number", NONE),
    ("hs_job_title", "string", NONE), ("hs_main_phone", "string", NONE),
    ("hs_additional_phone", "string", NONE), ("hs_availability_status", "enumeration", NONE),
    ("hs_standard_time_zone", "enumeration", NONE), ("hs_working_hours", "string", NONE),
    ("hs_out_of_office_hours", "string", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const CONTRACTS: &[Default] = &[
    ("hs_name", "string", NONE), ("hs_contract_status", "enumeration", NONE),
    ("hs_start_date", "date", NONE), ("hs_end_date", "date", NONE),
    ("hs_contract_value", "number", NONE), ("hs_currency_code", "enumeration", NONE),
];

/// Courses, listings, services and appointments share a pipeline and an owner.
#[rustfmt::skip]
const COURSES: &[Default] = &[
    ("hs_course_name", "string", NONE), ("hs_course_id", "string", NONE),
    ("hs_description", "string", NONE), ("hs_start_date", "date", NONE),
    ("hs_end_date", "date", NONE), ("hs_pipeline", "enumeration", NONE),
    ("hs_pipeline_stage", "enumeration", NONE), ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const LISTINGS: &[Default] = &[
    ("hs_name", "string", NONE), ("hs_price", "number", NONE),
    ("hs_address_1", "string", NONE), ("hs_address_2", "string", NONE),
    ("hs_city", "string", NONE), ("hs_state_province", "string", NONE),
    ("hs_zip", "string", NONE), ("hs_neighborhood", "string", NONE),
    ("hs_bedrooms", "number", NONE), ("hs_bathrooms", "number", NONE),
    ("hs_square_footage", "number", NONE), ("hs_lot_size", "number", NONE),
    ("hs_year_built", "number", NONE), ("hs_listing_type", "enumeration", NONE),
    ("hs_pipeline", "enumeration", NONE), ("hs_pipeline_stage", "enumeration", NONE),
    ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const SERVICES: &[Default] = &[
    ("hs_name", "string", NONE), ("hs_description", "string", NONE),
    ("hs_start_date", "date", NONE), ("hs_target_end_date", "date", NONE),
    ("hs_pipeline", "enumeration", NONE), ("hs_pipeline_stage", "enumeration", NONE),
    ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const APPOINTMENTS: &[Default] = &[
    ("hs_appointment_name", "string", NONE), ("hs_appointment_start", "datetime", NONE),
    ("hs_appointment_end", "datetime", NONE), ("hs_appointment_type", "enumeration", NONE),
    ("hs_pipeline", "enumeration", NONE), ("hs_pipeline_stage", "enumeration", NONE),
    ("hubspot_owner_id", "enumeration", NONE),
];

#[rustfmt::skip]
const FEEDBACK_SUBMISSIONS: &[Default] = &[
    ("hs_content", "string", NONE), ("hs_survey_name", "string", NONE),
    ("hs_survey_id", "number", NONE), ("hs_survey_type", "enumeration", NONE),
    ("hs_survey_channel", "enumeration", NONE), ("hs_response_group", "enumeration", NONE),
    ("hs_sentiment", "enumeration", NONE), ("hs_value", "number", NONE),
    ("hs_submission_name", "string", NONE), ("hs_submission_timestamp", "datetime", NONE),
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
        "quotes" => QUOTES,
        "leads" => LEADS,
        "invoices" => INVOICES,
        "orders" => ORDERS,
        "carts" => CARTS,
        "commerce_payments" => PAYMENTS,
        "subscriptions" => SUBSCRIPTIONS,
        "discounts" | "fees" | "taxes" => ADJUSTMENTS,
        "goal_targets" => GOAL_TARGETS,
        "users" => USERS,
        "contracts" => CONTRACTS,
        "0-410" => COURSES,
        "0-420" => LISTINGS,
        "0-162" => SERVICES,
        "appointments" => APPOINTMENTS,
        "feedback_submissions" => FEEDBACK_SUBMISSIONS,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use crate::object_type::ObjectType;

    #[test]
    fn every_standard_type_knows_its_default_properties() {
        let bare: Vec<&str> = ObjectType::standard()
            .map(ObjectType::plural)
            .filter(|plural| super::of(plural).is_empty())
            .collect();
        assert!(bare.is_empty(), "no default properties for {bare:?}");
    }
}
