//! The annotated item: a body-less function signature whose parameters each have one role.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Block, FnArg, Ident, Pat, ReturnType, Signature, Token, Type, Visibility};

/// What a parameter is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Named by a `<name>` placeholder, or unmarked (checked against the path later).
    Path,
    /// `#[body]`: the JSON body.
    Body,
    /// `#[query]`: a struct serialized to the query string.
    Query,
    /// `#[form]`: a struct sent as an `application/x-www-form-urlencoded` body.
    Form,
    /// `#[multipart]`: a `Multipart` body, by value.
    Multipart,
    /// `#[text]`: a `text/plain` body (`&str`).
    Text,
}

/// One parameter, its role attribute removed.
pub(crate) struct Param {
    pub(crate) name: Ident,
    /// The name a placeholder uses: `type` for `r#type`.
    pub(crate) key: String,
    pub(crate) ty: Box<Type>,
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) role: Role,
    /// The `#[body]`/`#[query]` attribute, for error spans.
    pub(crate) role_attr: Option<Attribute>,
}

/// The item as written: attributes, visibility, signature and (wrongly) a body.
pub(crate) struct EndpointItem {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) sig: Signature,
    pub(crate) body: Option<Block>,
}

impl Parse for EndpointItem {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let starts_fn = input.peek(Token![fn])
            || input.peek(Token![async])
            || input.peek(Token![const])
            || input.peek(Token![unsafe])
            || input.peek(Token![extern]);
        if !starts_fn {
            return Err(input.error(
                "#[hubspot_endpoint] goes on a function signature, such as `pub fn get(id: &str) -> Object;`",
            ));
        }
        let sig: Signature = input.parse()?;
        let body = if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
            None
        } else {
            Some(input.parse()?)
        };
        Ok(Self {
            attrs,
            vis,
            sig,
            body,
        })
    }
}

/// Classifies the parameters by their role attributes, reporting `self`, patterns and
/// conflicting roles.
pub(crate) fn params(sig: &Signature, errors: &mut Vec<syn::Error>) -> Vec<Param> {
    let mut params = Vec::new();
    for input in &sig.inputs {
        let typed = match input {
            FnArg::Receiver(receiver) => {
                errors.push(syn::Error::new_spanned(
                    receiver,
                    "an endpoint is a free function: remove `self`",
                ));
                continue;
            }
            FnArg::Typed(typed) => typed,
        };
        let name = match &*typed.pat {
            Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => pat.ident.clone(),
            pat => {
                errors.push(syn::Error::new_spanned(
                    pat,
                    "endpoint parameters must be plain names, such as `id: &str`",
                ));
                continue;
            }
        };
        let mut role = Role::Path;
        let mut role_attr: Option<Attribute> = None;
        let mut attrs = Vec::new();
        for attr in &typed.attrs {
            let this = if attr.path().is_ident("body") {
                Role::Body
            } else if attr.path().is_ident("query") {
                Role::Query
            } else if attr.path().is_ident("form") {
                Role::Form
            } else if attr.path().is_ident("multipart") {
                Role::Multipart
            } else if attr.path().is_ident("text") {
                Role::Text
            } else {
                attrs.push(attr.clone());
                continue;
            };
            if let Err(error) = attr.meta.require_path_only() {
                errors.push(error);
            }
            if role_attr.is_some() {
                errors.push(syn::Error::new_spanned(
                    attr,
                    format!("`{name}` already has a role: a parameter is a path parameter, the body or the query"),
                ));
                continue;
            }
            role = this;
            role_attr = Some(attr.clone());
        }
        params.push(Param {
            key: name.unraw().to_string(),
            name,
            ty: typed.ty.clone(),
            attrs,
            role,
            role_attr,
        });
    }
    params
}

/// `T` of a parameter typed `impl Into<T>`: the generated function converts it first, so a
/// typed id parameter takes `"123"`, a `DealId` or a `&DealId` alike.
pub(crate) fn into_target(ty: &Type) -> Option<&Type> {
    let Type::ImplTrait(bounds) = ty else {
        return None;
    };
    let mut traits = bounds.bounds.iter().filter_map(|bound| match bound {
        syn::TypeParamBound::Trait(bound) => Some(bound),
        _ => None,
    });
    let bound = traits.next().filter(|_| traits.next().is_none())?;
    let last = bound.path.segments.last().filter(|s| s.ident == "Into")?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(target)) if args.args.len() == 1 => Some(target),
        _ => None,
    }
}

/// The response type: `-> T` or `()`.
pub(crate) fn response_type(sig: &Signature) -> TokenStream {
    match &sig.output {
        ReturnType::Default => quote::quote!(()),
        ReturnType::Type(_, ty) => ty.to_token_stream(),
    }
}
