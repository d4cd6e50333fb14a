//! `#[hubspot_endpoint]`: turns a body-less signature into a function returning
//! `hubspot_runtime::Request<T>`. Use it through `hubspot_runtime::hubspot_endpoint`; the
//! runtime's docs describe the syntax.

mod args;
mod expand;
mod path;
mod sig;
mod valid;

use proc_macro::TokenStream;

/// Declares a HubSpot endpoint. See `hubspot_runtime::hubspot_endpoint` for the syntax.
#[proc_macro_attribute]
pub fn hubspot_endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::endpoint(args.into(), item.into(), expand::Root::Runtime).into()
}

/// The same macro for code that depends on `hubspot-crm` alone, which re-exports it as
/// `hubspot_crm::hubspot_endpoint`: its expansion names `::hubspot_crm`, not `::hubspot_runtime`.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn hubspot_endpoint_via_crm(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::endpoint(args.into(), item.into(), expand::Root::Crm).into()
}
