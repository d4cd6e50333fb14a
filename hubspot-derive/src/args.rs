//! The attribute's arguments: `method = "PATCH", path = "/…", idempotent = true, lane = "search"`.

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{LitBool, LitStr, Token};

use crate::path::PathTemplate;

/// An HTTP method the macro accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "GET" => Self::Get,
            "POST" => Self::Post,
            "PUT" => Self::Put,
            "PATCH" => Self::Patch,
            "DELETE" => Self::Delete,
            _ => return None,
        })
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }

    pub(crate) fn variant(self) -> &'static str {
        match self {
            Self::Get => "Get",
            Self::Post => "Post",
            Self::Put => "Put",
            Self::Patch => "Patch",
            Self::Delete => "Delete",
        }
    }

    pub(crate) fn allows_body(self) -> bool {
        !matches!(self, Self::Get | Self::Delete)
    }
}

/// The rate-limit lane an endpoint uses.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    Standard,
    Search,
}

/// The parsed arguments. Fields whose argument was wrong or missing are `None`; the errors are
/// kept so that every one is reported in the same build.
pub(crate) struct Args {
    pub(crate) method: Option<(Method, LitStr)>,
    pub(crate) path: Option<PathTemplate>,
    pub(crate) idempotent: Option<LitBool>,
    pub(crate) lane: Lane,
}

pub(crate) fn parse(tokens: TokenStream, errors: &mut Vec<syn::Error>) -> Args {
    let mut args = Args {
        method: None,
        path: None,
        idempotent: None,
        lane: Lane::Standard,
    };
    let mut seen: Vec<String> = Vec::new();
    let mut method_seen = false;
    let mut path_seen = false;
    let parser = syn::meta::parser(|meta| {
        let name = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if seen.contains(&name) {
            errors.push(meta.error(format!("`{name}` is given more than once")));
            let _ = skip_value(&meta);
            return Ok(());
        }
        seen.push(name.clone());
        match name.as_str() {
            "method" => {
                method_seen = true;
                let lit: LitStr = meta.value()?.parse()?;
                match Method::parse(&lit.value()) {
                    Some(method) => args.method = Some((method, lit)),
                    None => errors.push(syn::Error::new(
                        lit.span(),
                        format!(
                            "unknown method {:?}: expected one of \"GET\", \"POST\", \"PUT\", \"PATCH\", \"DELETE\"",
                            lit.value()
                        ),
                    )),
                }
            }
            "path" => {
                path_seen = true;
                let lit = path_literal(meta.value()?)?;
                match PathTemplate::parse(&lit) {
                    Ok(path) => args.path = Some(path),
                    Err(error) => errors.push(error),
                }
            }
            "idempotent" => args.idempotent = Some(meta.value()?.parse()?),
            "lane" => {
                let lit: LitStr = meta.value()?.parse()?;
                match lit.value().as_str() {
                    "standard" => args.lane = Lane::Standard,
                    "search" => args.lane = Lane::Search,
                    other => errors.push(syn::Error::new(
                        lit.span(),
                        format!("unknown lane {other:?}: expected \"standard\" or \"search\""),
                    )),
                }
            }
            _ => {
                errors.push(
                    meta.error(
                        "unknown argument: expected `method`, `path`, `idempotent` or `lane`",
                    ),
                );
                let _ = skip_value(&meta);
            }
        }
        Ok(())
    });
    if let Err(error) = syn::parse::Parser::parse2(parser, tokens) {
        errors.push(error);
    }
    if !method_seen {
        errors.push(syn::Error::new(
            Span::call_site(),
            "missing `method = \"…\"`: one of GET, POST, PUT, PATCH, DELETE",
        ));
    }
    if !path_seen {
        errors.push(syn::Error::new(
            Span::call_site(),
            "missing `path = \"/…\"`, such as `path = \"/crm/v3/objects/deals/<id>\"`",
        ));
    }
    args
}

/// A path is a string literal, or `concat!` of string literals so that a `macro_rules!` can
/// build one from its own arguments.
fn path_literal(input: ParseStream<'_>) -> syn::Result<LitStr> {
    if !input.peek(syn::Ident) {
        return input.parse();
    }
    let mac: syn::Macro = input.parse()?;
    if !mac.path.is_ident("concat") {
        return Err(syn::Error::new_spanned(
            &mac.path,
            "expected a string literal or `concat!` of string literals",
        ));
    }
    let parts = mac.parse_body_with(Punctuated::<LitStr, Token![,]>::parse_terminated)?;
    let text: String = parts.iter().map(LitStr::value).collect();
    let span = parts.first().map_or_else(|| mac.path.span(), LitStr::span);
    Ok(LitStr::new(&text, span))
}

/// Consumes `= value` after an argument that is being rejected, so parsing goes on.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: syn::Expr = meta.value()?.parse()?;
    }
    Ok(())
}
