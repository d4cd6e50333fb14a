//! The bodies of the fuzz targets. `fuzz/` (cargo-fuzz, nightly) calls each on generated
//! inputs; `tests/corpus.rs` replays the checked-in corpus through the same functions on
//! stable, so every input that once failed stays a regression test.
//!
//! Each target panics only on a broken promise (a secret in an error, a cursor that escaped
//! its query value, a write reported applied that was not); any other panic is a bug found.

// Panicking is how a fuzz target reports.
#![allow(clippy::panic)]

// `#[hubspot_endpoint]`'s parse, validate and expand steps, compiled as plain code: a
// proc-macro crate cannot be called outside a macro expansion.
#[path = "../../hubspot-derive/src/args.rs"]
mod args;
#[path = "../../hubspot-derive/src/expand.rs"]
mod expand;
#[path = "../../hubspot-derive/src/path.rs"]
mod path;
#[path = "../../hubspot-derive/src/sig.rs"]
mod sig;
#[path = "../../hubspot-derive/src/valid.rs"]
mod valid;

mod derive;
mod fake;
mod oauth;
mod paging;
mod response;
mod webhooks;

pub use derive::endpoint_macro;
pub use oauth::token_endpoint;
pub use paging::list_cursors;
pub use response::api_response;
pub use webhooks::webhook_request;

/// A fuzz target: panics on an input that breaks a promise.
pub type Target = fn(&[u8]);

/// Every target by name, as `fuzz/` and the corpus directories name them.
pub const TARGETS: &[(&str, Target)] = &[
    ("api_response", api_response),
    ("endpoint_macro", endpoint_macro),
    ("list_cursors", list_cursors),
    ("token_endpoint", token_endpoint),
    ("webhook_request", webhook_request),
];
