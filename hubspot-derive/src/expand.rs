//! Parses, validates and writes the request function. Generated code names everything by
//! absolute path through the `__private` module of the crate the caller depends on, so it
//! compiles in any module.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{LitBool, LitStr};

use crate::args::{self, Args, Auth, Host, Lane, Method};
use crate::path::Segment;
use crate::sig::{self, EndpointItem, Param, Role};
use crate::valid;

/// The crate whose `__private` module generated code goes through.
#[derive(Clone, Copy)]
pub(crate) enum Root {
    /// `hubspot_runtime`, for code that depends on the runtime.
    Runtime,
    /// `hubspot_crm`, for code that depends on the CRM crate alone.
    Crm,
}

impl Root {
    fn private(self) -> TokenStream {
        match self {
            Self::Runtime => quote!(::hubspot_runtime::__private),
            Self::Crm => quote!(::hubspot_crm::__private),
        }
    }
}

pub(crate) fn endpoint(args: TokenStream, item: TokenStream, root: Root) -> TokenStream {
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
    let private = root.private();
    let signature = signature(&args, &item, &params, &private);
    if errors.is_empty() {
        let body = body(&args, &item, &params, &private);
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
fn signature(
    args: &Args,
    item: &EndpointItem,
    params: &[Param],
    private: &TokenStream,
) -> TokenStream {
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
        .map(|((method, _), path)| doc_lines(args, *method, &path.lit));
    quote! {
        #(#attrs)*
        #doc
        #[must_use = "a request does nothing until it is sent or awaited"]
        #[inline]
        #vis fn #name #generics(#(#inputs),*)
            -> #private::Request<#response> #where_clause
    }
}

fn body(args: &Args, item: &EndpointItem, params: &[Param], private: &TokenStream) -> TokenStream {
    let response = sig::response_type(&item.sig);
    // Checked here, spanned on the user's return type, rather than at a caller's `.send()`.
    let response_check = quote_spanned! {response.span()=>
        #private::assert_response::<#response>();
    };
    let (Some((method, _)), Some(path)) = (&args.method, &args.path) else {
        return quote!(::core::unreachable!());
    };
    let method = format_ident!("{}", method.variant());
    let template = &path.lit;
    let versions = args.versions.iter().flatten();
    let segments = path.segments.iter().map(|segment| match segment {
        Segment::Literal(text) => quote!(.literal(#text)),
        Segment::Version => {
            let versions = versions.clone();
            quote!(.version(&[#(#versions),*]))
        }
        Segment::Param(name) | Segment::Rest(name) => {
            match params.iter().find(|p| p.key == *name) {
                Some(param) => {
                    let ident = &param.name;
                    let append = match segment {
                        Segment::Rest(_) => format_ident!("rest"),
                        _ => format_ident!("param"),
                    };
                    quote!(.#append(#name, &#ident))
                }
                None => quote!(),
            }
        }
    });
    let idempotent = args
        .idempotent
        .as_ref()
        .map(|lit| quote!(.idempotent(#lit)));
    let lane = (args.lane == Lane::Search).then(|| quote!(.with_lane(#private::Lane::Search)));
    let auth = match args.auth {
        Auth::Token => None,
        Auth::DeveloperKey => Some(quote!(.developer_api_key())),
        Auth::None => Some(quote!(.without_auth())),
    };
    let host = (args.host == Host::Forms).then(|| quote!(.on_host(#private::Host::Forms)));
    let ignore_body =
        matches!(item.sig.output, syn::ReturnType::Default).then(|| quote!(.ignore_body()));
    let by_role = |role| {
        params
            .iter()
            .filter(move |p| p.role == role)
            .map(|p| &p.name)
    };
    let queries = by_role(Role::Query);
    let bodies = by_role(Role::Body);
    // A form body authenticates by its own fields (HubSpot's OAuth endpoints): no bearer token.
    let forms = by_role(Role::Form);
    let multiparts = by_role(Role::Multipart);
    let texts = by_role(Role::Text);
    let conversions = params
        .iter()
        .filter(|p| p.role == Role::Path)
        .filter_map(|p| {
            let target = sig::into_target(&p.ty)?;
            let name = &p.name;
            Some(quote!(let #name: #target = ::core::convert::Into::into(#name);))
        });
    let name = &item.sig.ident;
    quote! {
        #response_check
        #(#conversions)*
        #private::Request::<#response>::new(
            #private::Method::#method,
            #template,
            #private::PathBuilder::new() #(#segments)*,
        )
        .operation(::core::concat!(::core::module_path!(), "::", ::core::stringify!(#name)))
        #idempotent
        #lane
        #auth
        #host
        #ignore_body
        #(.query(&#queries))*
        #(.json(&#bodies))*
        #(.form_body(&#forms).without_auth())*
        #(.multipart(#multiparts))*
        #(.text(#texts))*
    }
}

/// The doc lines naming the method, the path and whether a failed call is retried, added under
/// the user's docs.
fn doc_lines(args: &Args, method: Method, path: &LitStr) -> TokenStream {
    let idempotent = args
        .idempotent
        .as_ref()
        .map_or(method != Method::Post, LitBool::value);
    let lane = match args.lane {
        Lane::Search => " in the search rate-limit lane",
        Lane::Standard => "",
    };
    let retries = if idempotent {
        "Retry-safe: retried on rate limits, 5xx and network failures."
    } else {
        "Not retry-safe: retried only when it cannot have reached HubSpot (rate limits, a \
         connection never opened), so it is never sent twice."
    };
    let versions = match &args.versions {
        Some(names) => format!(
            " Dated: in {} (the client's `api_version` chooses; the path shows {}).",
            names.join(", "),
            names.first().map_or("", String::as_str),
        ),
        None => String::new(),
    };
    let host = match args.host {
        Host::Forms => " to the forms host",
        Host::Api => "",
    };
    let key = match args.auth {
        Auth::DeveloperKey => {
            " Authenticates with the client's developer API key when it has one, else its token."
        }
        Auth::None => " Sends no credentials.",
        Auth::Token => "",
    };
    let text = format!(
        " Sends `{} {}`{host}{lane}. {retries}{versions}{key}",
        method.as_str(),
        path.value()
    );
    let text = LitStr::new(&text, Span::call_site());
    quote!(#[doc = ""] #[doc = #text])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(args: TokenStream, item: TokenStream) -> String {
        endpoint(args, item, Root::Crm).to_string()
    }

    #[test]
    fn docs_name_the_method_path_and_retry_safety() {
        let create = expand(
            quote!(method = "POST", path = "/crm/v3/objects/notes"),
            quote!(
                pub fn create(#[body] input: &Input) -> Note;
            ),
        );
        assert!(
            create.contains("Sends `POST /crm/v3/objects/notes`. Not retry-safe"),
            "{create}"
        );
        assert!(
            create.contains(":: hubspot_crm :: __private :: Request"),
            "{create}"
        );
        let search = expand(
            quote!(
                method = "POST",
                path = "/s",
                idempotent = true,
                lane = "search"
            ),
            quote!(
                pub fn search(#[body] input: &Input) -> Page;
            ),
        );
        assert!(
            search.contains("Sends `POST /s` in the search rate-limit lane. Retry-safe"),
            "{search}"
        );
        let get = expand(
            quote!(method = "GET", path = "/x/<id>"),
            quote!(
                pub fn get(id: &str) -> X;
            ),
        );
        assert!(get.contains("assert_response :: < X >"), "{get}");
    }

    #[test]
    fn a_dated_path_leaves_its_version_to_the_client() {
        let get = expand(
            quote!(
                method = "GET",
                path = "/crm/objects/2026-03/deals/<id>",
                versions = "2026-03, 2026-09"
            ),
            quote!(
                pub fn get(id: &str) -> Deal;
            ),
        );
        assert!(
            get.contains(
                ". literal (\"/crm/objects/\") . version (& [\"2026-03\" , \"2026-09\"]) . literal (\"/deals/\")"
            ),
            "{get}"
        );
        assert!(get.contains("Dated: in 2026-03, 2026-09"), "{get}");
        let archive = expand(
            quote!(method = "DELETE", path = "/x/<id>"),
            quote!(
                pub fn archive(id: &str);
            ),
        );
        assert!(archive.contains(". ignore_body ()"), "{archive}");
        assert!(!archive.contains("Dated"), "{archive}");
    }

    #[test]
    fn developer_key_and_host_reach_the_request_and_its_docs() {
        let settings = expand(
            quote!(
                method = "GET",
                path = "/webhooks/v3/<app_id>/settings",
                auth = "developer_key"
            ),
            quote!(
                pub fn get(app_id: i64) -> Settings;
            ),
        );
        assert!(settings.contains(". developer_api_key ()"), "{settings}");
        assert!(
            settings.contains("developer API key when it has one"),
            "{settings}"
        );
        assert!(!settings.contains("on_host"), "{settings}");
        let submit = expand(
            quote!(
                method = "POST",
                path = "/submissions/v3/integration/submit/<portal_id>/<form_guid>",
                host = "forms",
                auth = "none"
            ),
            quote!(
                pub fn submit(portal_id: &str, form_guid: &str, #[body] s: &Submission) -> Answer;
            ),
        );
        assert!(
            submit.contains(". on_host (:: hubspot_crm :: __private :: Host :: Forms)"),
            "{submit}"
        );
        assert!(
            submit.contains("` to the forms host. Not retry-safe"),
            "{submit}"
        );
        assert!(!submit.contains("developer_api_key"), "{submit}");
        assert!(submit.contains(". without_auth ()"), "{submit}");
        assert!(submit.contains("Sends no credentials."), "{submit}");
    }

    #[test]
    fn an_impl_into_path_parameter_is_converted_before_it_is_encoded() {
        let update = expand(
            quote!(method = "PATCH", path = "/deals/<id>"),
            quote!(
                pub fn update(id: impl Into<DealId>, #[body] input: &Input) -> Deal;
            ),
        );
        assert!(update.contains("id : impl Into < DealId >"), "{update}");
        assert!(
            update.contains("let id : DealId = :: core :: convert :: Into :: into (id) ;"),
            "{update}"
        );
    }
}
