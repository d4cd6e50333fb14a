//! HubSpot CRM endpoints and models: every CRM object type (contacts, deals, notes, line items,
//! custom objects, …), associations and their labels, owners, pipelines, properties, paging,
//! batches and webhooks; each endpoint a one-line `#[hubspot_endpoint]` signature over shared
//! models. It re-exports what an application needs from `hubspot-runtime`: this is the one
//! dependency to add (with `tokio`).
//!
//! ```no_run
//! use hubspot_crm::{deals, models::ObjectInput};
//!
//! # async fn run() -> hubspot_crm::Result<()> {
//! // Uses the default client, built from HUBSPOT_ACCESS_TOKEN on first use.
//! let props = ObjectInput::new().set("dealstage", "closedwon");
//! let won = deals::update("123", &props).await?;
//! println!("{} is {:?}", won.id, won.property("dealstage"));
//! # Ok(()) }
//! ```
//!
//! The root is laid out by HubSpot's own families: the CRM's modules sit at the root, where
//! CRM code looks for them (`deals`, `lists`, `pipelines`, `timeline`, `calling`, …: everything
//! HubSpot's reference files under CRM, the less used behind a cargo feature each), and every
//! other family is one module behind its feature (`cms`, `marketing`, `automation`, `conversations`, `commerce`, `settings`,
//! `files`, `events`, `scheduler`, `webhooks_journal`, …). `docs/operations.md` in the
//! repository names the function that sends each of HubSpot's operations.
//!
//! `.await` uses the client [scoped](Client::scope) to the task, else the process-wide default
//! (feature `default-client`, on by default); `.send(&client)` names the client. Every call goes
//! through one executor: rate limits and transient failures are retried where that is safe, and
//! creates are never sent twice. The cargo features are `hubspot-runtime`'s (TLS, HTTP/2,
//! compression, the default client, Redis), plus `axum` for the webhook extractor.

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod associations;
pub mod batch;
pub mod exports;
#[cfg(feature = "files")]
#[cfg_attr(docsrs, doc(cfg(feature = "files")))]
pub mod files;
#[cfg(feature = "forms")]
#[cfg_attr(docsrs, doc(cfg(feature = "forms")))]
pub mod forms;
mod generated;
pub mod imports;
#[doc(inline)]
pub use hubspot_models as models;
pub mod objects;
pub mod owners;
pub mod paging;
mod pending;
pub mod pipelines;
pub mod properties;
pub mod safe;
pub mod schemas;
pub mod webhooks;

// One module per standard object type: `contacts`, `deals`, `line_items`, `notes`, …
hubspot_models::for_each_object_type!(object_modules);

use objects::object_modules;

// Every generated API module (`lists`, `imports`, `exports`, `timeline`, …); those of the same
// name as a hand-written module above are merged into it there.
pub use generated::*;

/// OAuth: the runtime's authorization-code flow ([`oauth::OAuthApp`]) and HubSpot's token
/// endpoints, each a generated function.
pub mod oauth {
    pub use crate::generated::oauth::*;
    pub use hubspot_runtime::oauth::*;
}
pub use pending::Pending;

// So that `#[hubspot_endpoint]` in this crate expands to `::hubspot_crm` paths, as in an app's.
extern crate self as hubspot_crm;

/// What a [`Error::Transport`] says went wrong on the wire, to `match` on.
pub use hubspot_runtime::transport::{TransportError, TransportErrorKind};
pub use hubspot_runtime::{
    ACCESS_TOKEN_ENV, ApiError, ApiErrorBody, ApiVersion, AsyncWrite, Auth, BASE_URL_ENV, ByLane,
    Client, ClientBuilder, ClientStats, DEFAULT_BASE_URL, DEFAULT_FORMS_BASE_URL,
    DEVELOPER_API_KEY_ENV, DecodeError, Error, ErrorDetail, GiveUpReason, Host, Lane, LimitEvent,
    LimitObserver, Method, Multipart, Progress, RateLimit, RateLimitPolicy, Raw, Request, Result,
    Retries, RetryConfig, SecretString, StaticToken, WriteOutcome, install_crypto_provider, time,
};
#[cfg(feature = "default-client")]
#[cfg_attr(docsrs, doc(cfg(feature = "default-client")))]
pub use hubspot_runtime::{default_client, set_default_client};

/// The whole runtime, for what the names above leave out.
pub use hubspot_runtime as runtime;

/// Declares an endpoint of your own: `#[hubspot_endpoint(method = "GET", path = "/…/<id>")]` on
/// a body-less signature. It works with `hubspot-crm` as the only dependency; the syntax is
/// [`hubspot_crm::hubspot_endpoint`]'s.
pub use hubspot_runtime::hubspot_endpoint_via_crm as hubspot_endpoint;

/// What `#[hubspot_endpoint]` expands to. Not public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use hubspot_runtime::__private::*;
}
