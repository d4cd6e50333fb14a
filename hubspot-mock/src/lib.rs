//! A local HubSpot-compatible server for tests: stateful, rate-limited with HubSpot's headers
//! and 429 bodies, with scripted and seeded-random faults, and inspection endpoints. It serves
//! the CRM's dated paths (`/crm/objects/2026-03/...`) and legacy ones, lists, imports
//! (multipart CSV) and exports; files (multipart uploads with duplicate validation, signed
//! URLs); custom behavioral events; transactional single-send; app webhook subscriptions (by
//! developer API key); and communication-preference statuses. Export files and signed file
//! URLs are served on a second listener that refuses the HubSpot token.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use hubspot_mock::{Fault, FaultRule, MockConfig, MockServer};
//!
//! let mock = MockServer::start(
//!     MockConfig::default().fault(FaultRule::next(2, "POST", "/crm/objects/2026-03/contacts", Fault::Status { status: 503, retry_after: None })),
//! )
//! .await?;
//! // Point the SDK at `mock.base_url()` with the token `MockConfig::DEFAULT_TOKEN`.
//! assert_eq!(mock.stats().requests, 0);
//! # Ok(()) }
//! ```
//!
//! Control endpoints (no auth, never rate-limited or faulted): `GET /__mock/stats`,
//! `GET /__mock/objects`, `POST /__mock/faults` (a [`FaultRule`] as JSON), `GET /__mock/faults` (the
//! rules in force, each with how often it fired), `DELETE /__mock/faults`,
//! `POST /__mock/clock` (`{"advanceMs": 10000}`) and `POST /__mock/reset`.

mod answers;
mod app_webhooks;
mod association_types;
mod associations;
mod clock;
mod config;
mod custom;
mod data;
mod default_properties;
mod documents;
mod error;
mod events;
mod exports;
mod faults;
mod files;
mod grants;
mod guard;
mod imports;
mod journal;
mod limits;
mod lists;
mod multipart;
mod oauth;
mod object_type;
mod objects;
mod pipelines;
mod preferences;
mod properties;
mod readonly;
mod record;
mod redis_server;
mod routes;
mod schema;
mod schema_answers;
mod search;
mod serve;
mod state;
mod store;
mod transactional;

pub use config::{Limits, MockConfig, OAuthConfig, Stats};
pub use faults::{ActiveRule, Fault, FaultRule, RetryAfter};
pub use object_type::ObjectType;
pub use redis_server::RedisServer;
pub use serve::MockServer;
