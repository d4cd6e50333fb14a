//! The one table of HubSpot's standard object types. Each row makes the type's [`ObjectType`]
//! variant, its typed id, its record alias and its endpoint module: adding a type is one row.
//!
//! A row is `module Variant Record Id "path segment" "type id" "noun" [operation groups]`, in a
//! block under the dated base path and the versions that serve its rows (every version of the
//! collection with the type's own operations: the code generator stops when a row lacks one).
//! The groups are those of the type's own 2026-03 spec: `read` (get, list, batch read), `search`, `write` (create, update, archive and
//! their batches), `merge`, `gdpr_delete`. Payments are written through `commerce_payments`,
//! where HubSpot's Commerce Payments API documents their writes.
//!
//! [`ObjectType`]: crate::ObjectType

/// Calls `$callback!` with every row; `hubspot-crm` makes an endpoint module of each.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_object_type {
    ($callback:ident) => {
        $callback! {
            "/crm/objects/2026-03" "2026-03, 2025-09, 2026-09, 2026-09-beta" {
                contacts Contacts Contact ContactId "contacts" "0-1" "contact" [read search write merge gdpr_delete];
                companies Companies Company CompanyId "companies" "0-2" "company" [read search write merge];
                deals Deals Deal DealId "deals" "0-3" "deal" [read search write merge];
                tickets Tickets Ticket TicketId "tickets" "0-5" "ticket" [read search write merge];
                line_items LineItems LineItem LineItemId "line_items" "0-8" "line item" [read search write];
                products Products Product ProductId "products" "0-7" "product" [read search write];
                quotes Quotes Quote QuoteId "quotes" "0-14" "quote" [read search write];
                calls Calls Call CallId "calls" "0-48" "call" [read search write];
                emails Emails Email EmailId "emails" "0-49" "email" [read search write];
                meetings Meetings Meeting MeetingId "meetings" "0-47" "meeting" [read search write];
                notes Notes Note NoteId "notes" "0-46" "note" [read search write];
                tasks Tasks Task TaskId "tasks" "0-27" "task" [read search write];
                communications Communications Communication CommunicationId "communications" "0-18" "communication" [read search write];
                postal_mail PostalMail PostalMail PostalMailId "postal_mail" "0-116" "postal mail" [read search write];
                feedback_submissions FeedbackSubmissions FeedbackSubmission FeedbackSubmissionId "feedback_submissions" "0-19" "feedback submission" [read search];
                leads Leads Lead LeadId "leads" "0-136" "lead" [read search write];
                invoices Invoices Invoice InvoiceId "invoices" "0-53" "invoice" [read search write];
                orders Orders Order OrderId "orders" "0-123" "order" [read search write merge];
                carts Carts Cart CartId "carts" "0-142" "cart" [read search write];
                payments Payments Payment PaymentId "commerce_payments" "0-101" "payment" [read search write];
                subscriptions Subscriptions Subscription SubscriptionId "subscriptions" "0-69" "subscription" [read search write];
                discounts Discounts Discount DiscountId "discounts" "0-84" "discount" [read search write];
                fees Fees Fee FeeId "fees" "0-85" "fee" [read search write];
                taxes Taxes Tax TaxId "taxes" "0-86" "tax" [read search write];
                users Users User UserId "users" "0-115" "user" [read search write];
                contracts Contracts Contract ContractId "contracts" "0-721" "contract" [read];
                courses Courses Course CourseId "0-410" "0-410" "course" [read search write merge];
                listings Listings Listing ListingId "0-420" "0-420" "listing" [read search write];
                services Services Service ServiceId "0-162" "0-162" "service" [read search write merge];
                appointments Appointments Appointment AppointmentId "appointments" "0-421" "appointment" [read search write];
            }
            "/crm/objects/2026-03" "2026-03, 2025-09, 2026-09, 2026-09-beta, 2027-03-beta" {
                goal_targets GoalTargets GoalTarget GoalTargetId "goal_targets" "0-74" "goal target" [read search write];
            }
        }
    };
}
