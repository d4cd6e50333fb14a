//! The one table of HubSpot's standard object types. Each row makes the type's [`ObjectType`]
//! variant, its typed id, its record alias and its endpoint module: adding a type is one row.
//!
//! A row is `module Variant Record Id "path segment" "type id" "noun" [extra operations]`,
//! grouped by the API the type lives under.
//!
//! [`ObjectType`]: crate::models::ObjectType

/// Calls `$callback!` with every row.
macro_rules! for_each_object_type {
    ($callback:ident) => {
        $callback! {
            v3 "/crm/v3/objects" {
                contacts Contacts Contact ContactId "contacts" "0-1" "contact" [merge gdpr_delete];
                companies Companies Company CompanyId "companies" "0-2" "company" [merge];
                deals Deals Deal DealId "deals" "0-3" "deal" [merge];
                tickets Tickets Ticket TicketId "tickets" "0-5" "ticket" [merge];
                line_items LineItems LineItem LineItemId "line_items" "0-8" "line item" [];
                products Products Product ProductId "products" "0-7" "product" [];
                quotes Quotes Quote QuoteId "quotes" "0-14" "quote" [];
                calls Calls Call CallId "calls" "0-48" "call" [];
                emails Emails Email EmailId "emails" "0-49" "email" [];
                meetings Meetings Meeting MeetingId "meetings" "0-47" "meeting" [];
                notes Notes Note NoteId "notes" "0-46" "note" [];
                tasks Tasks Task TaskId "tasks" "0-27" "task" [];
                communications Communications Communication CommunicationId "communications" "0-18" "communication" [];
                postal_mail PostalMail PostalMail PostalMailId "postal_mail" "0-116" "postal mail" [];
                feedback_submissions FeedbackSubmissions FeedbackSubmission FeedbackSubmissionId "feedback_submissions" "0-19" "feedback submission" [];
                leads Leads Lead LeadId "leads" "0-136" "lead" [];
                invoices Invoices Invoice InvoiceId "invoices" "0-53" "invoice" [];
                orders Orders Order OrderId "orders" "0-123" "order" [];
                carts Carts Cart CartId "carts" "0-142" "cart" [];
                payments Payments Payment PaymentId "payments" "0-101" "payment" [];
                subscriptions Subscriptions Subscription SubscriptionId "subscriptions" "0-69" "subscription" [];
                discounts Discounts Discount DiscountId "discounts" "0-84" "discount" [];
                fees Fees Fee FeeId "fees" "0-85" "fee" [];
                taxes Taxes Tax TaxId "taxes" "0-86" "tax" [];
                goal_targets GoalTargets GoalTarget GoalTargetId "goal_targets" "0-74" "goal target" [];
                users Users User UserId "users" "0-115" "user" [];
                contracts Contracts Contract ContractId "contracts" "0-721" "contract" [];
                courses Courses Course CourseId "0-410" "0-410" "course" [];
                listings Listings Listing ListingId "0-420" "0-420" "listing" [];
                services Services Service ServiceId "0-162" "0-162" "service" [];
            }
            legacy "/crm/objects/v3" {
                appointments Appointments Appointment AppointmentId "appointments" "0-421" "appointment" [];
            }
        }
    };
}
