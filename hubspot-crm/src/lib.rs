//! HubSpot CRM endpoints and models: contacts, companies, deals, tickets, associations, owners
//! and pipelines, each endpoint a one-line `#[hubspot_endpoint]` signature over shared models.
//!
//! ```no_run
//! use hubspot_crm::{deals, models::{DealId, ObjectInput}};
//!
//! # async fn run() -> Result<(), hubspot_runtime::Error> {
//! // Uses the default client, built from HUBSPOT_ACCESS_TOKEN on first use.
//! let won = deals::update(&DealId::new("123"), &ObjectInput::new().set("dealstage", "closedwon")).await?;
//! println!("{} is {:?}", won.id, won.property("dealstage"));
//! # Ok(()) }
//! ```
//!
//! Every call goes through `hubspot_runtime`'s executor: rate limits and transient failures are
//! retried where that is safe, and creates are never sent twice.

#[macro_use]
mod object_table;

pub mod associations;
pub mod batch;
pub mod models;
pub mod objects;
pub mod owners;
pub mod paging;
pub mod pipelines;
pub mod properties;
pub mod safe;
pub mod schemas;
pub mod webhooks;

// One module per standard object type: `contacts`, `deals`, `line_items`, `notes`, …
for_each_object_type!(object_modules);

use objects::object_modules;

pub use hubspot_runtime::{Client, Error, Request, RetryConfig, hubspot_endpoint};
