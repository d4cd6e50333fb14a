//! Whatever a user writes in `#[hubspot_endpoint(...)]` and the signature under it: the macro
//! answers with code or spanned errors, never a panic.

use proc_macro2::TokenStream;
use quote::quote;

use crate::expand::{Root, endpoint};

/// Fuzz target: arguments and signature as Rust tokens (split at the first `\0\0`), or, when
/// they do not lex, the input as the path template of a fixed signature.
pub fn endpoint_macro(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (args, item) = text.split_once("\0\0").unwrap_or((&text, ""));
    if let (Ok(args), Ok(item)) = (args.parse::<TokenStream>(), item.parse::<TokenStream>()) {
        expand_both(&args, &item);
    }
    let template = syn::LitStr::new(&text, proc_macro2::Span::call_site());
    let args = quote!(method = "PATCH", path = #template);
    let item = quote!(
        pub fn update(id: &str, other: u32, #[body] input: &Input) -> Output;
    );
    expand_both(&args, &item);
}

fn expand_both(args: &TokenStream, item: &TokenStream) {
    for root in [Root::Runtime, Root::Crm] {
        let _ = endpoint(args.clone(), item.clone(), root).to_string();
    }
}
