//! Parses, validates and writes the request function. Generated code names everything by
//! absolute path through `::hubspot_runtime::__private`, so it compiles in any module.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::LitStr;

use crate::args::{self, Args, Lane};
use crate::path::Segment;
use crate::sig::{self, EndpointItem, Param, Role};
use crate::valid;

pub(crate) fn endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Vec::new();
    let args = args::parse(args, &mut errors);
    let item: EndpointItem = match syn::parse2(item.clone()) {
        Ok(item) => item,
        Err(error) => {
            // Not a function at all: report it and give the item back untouched, so the only
            // error is ours.
            errors.push(error);
            let errors = combine(errors);
            return quote!(#errors #item);
        }
    };
    let params = sig::params(&item.sig, &mut errors);
    valid::check(&args, &item, &params, &mut errors);
    let signature = signature(&args, &item, &params);
    if errors.is_empty() {
        let body = body(&args, &item, &params);
        quote!(#signature { #body })
    } else {
        let errors = combine(errors);
        // The parameters of a function that only stands in for the real one are unused by design.
        quote!(#errors #[allow(unused_variables)] #signature { ::core::unreachable!() })
    }
}

fn combine(errors: Vec<syn::Error>) -> TokenStream {
    errors
        .into_iter()
        .reduce(|mut all, error| {
            all.combine(error);
            all
        })
        .map(|error| error.to_compile_error())
        .unwrap_or_default()
}

/// The generated signature: the user's, minus role attributes, `self` and `async`, returning
/// `Request<T>`, with a doc line naming the method and path.
fn signature(args: &Args, item: &EndpointItem, params: &[Param]) -> TokenStream {
    let EndpointItem {
        attrs, vis, sig, ..
    } = item;
    let name = &sig.ident;
    let (generics, where_clause) = (&sig.generics, &sig.generics.where_clause);
    let response = sig::response_type(sig);
    let inputs = params.iter().map(
        |Param {
             name, ty, attrs, ..
         }| quote!(#(#attrs)* #name: #ty),
    );
    let doc = args
        .method
        .as_ref()
        .zip(args.path.as_ref())
        .map(|((method, _), path)| doc_line(method.as_str(), &path.lit));
    quote! {
        #(#attrs)*
        #doc
        #[must_use = "a request does nothing until it is sent or awaited"]
        #vis fn #name #generics(#(#inputs),*)
            -> ::hubspot_runtime::__private::Request<#response> #where_clause
    }
}

fn body(args: &Args, item: &EndpointItem, params: &[Param]) -> TokenStream {
    let private = quote!(::hubspot_runtime::__private);
    let response = sig::response_type(&item.sig);
    let (Some((method, _)), Some(path)) = (&args.method, &args.path) else {
        return quote!(::core::unreachable!());
    };
    let method = format_ident!("{}", method.variant());
    let template = &path.lit;
    let segments = path.segments.iter().map(|segment| match segment {
        Segment::Literal(text) => quote!(.literal(#text)),
        Segment::Param(name) => match params.iter().find(|p| p.name == name) {
            Some(param) => {
                let ident = &param.name;
                quote!(.param(#name, &#ident))
            }
            None => quote!(),
        },
    });
    let idempotent = args
        .idempotent
        .as_ref()
        .map(|lit| quote!(.idempotent(#lit)));
    let lane = (args.lane == Lane::Search).then(|| quote!(.lane(#private::Lane::Search)));
    let by_role = |role| {
        params
            .iter()
            .filter(move |p| p.role == role)
            .map(|p| &p.name)
    };
    let queries = by_role(Role::Query);
    let bodies = by_role(Role::Body);
    quote! {
        #private::Request::<#response>::new(
            #private::Method::#method,
            #template,
            #private::PathBuilder::new() #(#segments)*,
        )
        #idempotent
        #lane
        #(.query(&#queries))*
        #(.json(&#bodies))*
    }
}

/// The doc line naming the method and path, added under the user's docs.
fn doc_line(method: &str, path: &LitStr) -> TokenStream {
    let text = format!(" Sends `{method} {}`.", path.value());
    let text = LitStr::new(&text, Span::call_site());
    quote!(#[doc = ""] #[doc = #text])
}
