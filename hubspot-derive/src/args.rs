//! The attribute's arguments: `method = "PATCH", path = "/…", idempotent = true, lane = "search"`.

use proc_macro2::{Span, TokenStream};
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
    /// The dated API versions with this operation, the one the path is written in first.
    pub(crate) versions: Option<Vec<String>>,
    /// How the request authenticates (`auth = "developer_key"` or `"none"`).
    pub(crate) auth: Auth,
    /// `host = "forms"`: sent to HubSpot's forms host instead of the API's.
    pub(crate) host: Host,
}

/// How an endpoint authenticates.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Auth {
    /// The client's token.
    Token,
    /// The client's developer API key when it has one, else its token.
    DeveloperKey,
    /// Nothing: a public endpoint (an unauthenticated form submission).
    None,
}

/// The host an endpoint is sent to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Host {
    Api,
    Forms,
}

pub(crate) fn parse(tokens: TokenStream, errors: &mut Vec<syn::Error>) -> Args {
    let mut args = Args {
        method: None,
        path: None,
        idempotent: None,
        lane: Lane::Standard,
        versions: None,
        auth: Auth::Token,
        host: Host::Api,
    };
    let mut versions_lit = None;
    let mut seen: Vec<String> = Vec::new();
    let parser = syn::meta::parser(|meta| {
        let name = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let repeated = seen.contains(&name);
        seen.push(name.clone());
        // A wrong value is reported and skipped, so that the arguments after it are still read
        // and a present argument is never reported missing.
        let value = match meta.value() {
            Ok(value) => value,
            Err(error) => {
                errors.push(error);
                skip_to_comma(meta.input);
                return Ok(());
            }
        };
        let expr: syn::Expr = match value.parse() {
            Ok(expr) => expr,
            Err(error) => {
                errors.push(error);
                skip_to_comma(meta.input);
                return Ok(());
            }
        };
        if repeated {
            errors.push(syn::Error::new_spanned(
                &meta.path,
                format!("`{name}` is given more than once"),
            ));
            return Ok(());
        }
        let outcome = match name.as_str() {
            "method" => method(&expr).map(|method| args.method = Some(method)),
            "path" => path_literal(&expr)
                .and_then(|lit| PathTemplate::parse(&lit))
                .map(|path| args.path = Some(path)),
            "idempotent" => boolean(&expr).map(|lit| args.idempotent = Some(lit)),
            "lane" => lane(&expr).map(|lane| args.lane = lane),
            "auth" => auth(&expr).map(|auth| args.auth = auth),
            "host" => host(&expr).map(|host| args.host = host),
            "versions" => versions(&expr).map(|(lit, names)| {
                versions_lit = Some(lit);
                args.versions = Some(names);
            }),
            _ => Err(syn::Error::new_spanned(
                &meta.path,
                "unknown argument: expected `method`, `path`, `idempotent`, `lane`, `versions`, `auth` or `host`",
            )),
        };
        if let Err(error) = outcome {
            errors.push(error);
        }
        Ok(())
    });
    if let Err(error) = syn::parse::Parser::parse2(parser, tokens) {
        errors.push(error);
    }
    if let (Some(path), Some(names), Some(lit)) = (&mut args.path, &args.versions, &versions_lit)
        && let Some(first) = names.first()
        && !path.mark_version(first)
    {
        errors.push(syn::Error::new(
            lit.span(),
            format!(
                "the path has no `/{first}/` segment: a dated path is written in the first version listed"
            ),
        ));
    }
    if !seen.iter().any(|name| name == "method") {
        errors.push(syn::Error::new(
            Span::call_site(),
            "missing `method = \"…\"`: one of GET, POST, PUT, PATCH, DELETE",
        ));
    }
    if !seen.iter().any(|name| name == "path") {
        errors.push(syn::Error::new(
            Span::call_site(),
            "missing `path = \"/…\"`, such as `path = \"/crm/v3/objects/deals/<id>\"`",
        ));
    }
    args
}

/// The string literal `expr` is, or an error saying what `example` should look like.
fn string(expr: &syn::Expr, example: &str) -> syn::Result<LitStr> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) => Ok(lit.clone()),
        // What a `macro_rules!` passes as `$path:literal`.
        syn::Expr::Group(group) => string(&group.expr, example),
        other => Err(syn::Error::new_spanned(
            other,
            format!("expected a string: {example}"),
        )),
    }
}

fn method(expr: &syn::Expr) -> syn::Result<(Method, LitStr)> {
    let lit = string(expr, "`method = \"GET\"`")?;
    match Method::parse(&lit.value()) {
        Some(method) => Ok((method, lit)),
        None => Err(syn::Error::new(
            lit.span(),
            format!(
                "unknown method {:?}: expected one of \"GET\", \"POST\", \"PUT\", \"PATCH\", \"DELETE\"",
                lit.value()
            ),
        )),
    }
}

fn boolean(expr: &syn::Expr) -> syn::Result<LitBool> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(lit),
            ..
        }) => Ok(lit.clone()),
        other => Err(syn::Error::new_spanned(
            other,
            "expected `true` or `false`: `idempotent = true`",
        )),
    }
}

fn auth(expr: &syn::Expr) -> syn::Result<Auth> {
    let lit = string(expr, "`auth = \"developer_key\"`")?;
    match lit.value().as_str() {
        "token" => Ok(Auth::Token),
        "developer_key" => Ok(Auth::DeveloperKey),
        "none" => Ok(Auth::None),
        other => Err(syn::Error::new_spanned(
            lit,
            format!("unknown auth {other:?}: expected \"token\", \"developer_key\" or \"none\""),
        )),
    }
}

fn host(expr: &syn::Expr) -> syn::Result<Host> {
    let lit = string(expr, "`host = \"forms\"`")?;
    match lit.value().as_str() {
        "api" => Ok(Host::Api),
        "forms" => Ok(Host::Forms),
        other => Err(syn::Error::new_spanned(
            lit,
            format!("unknown host {other:?}: expected \"api\" or \"forms\""),
        )),
    }
}

fn lane(expr: &syn::Expr) -> syn::Result<Lane> {
    let lit = string(expr, "`lane = \"search\"`")?;
    match lit.value().as_str() {
        "standard" => Ok(Lane::Standard),
        "search" => Ok(Lane::Search),
        other => Err(syn::Error::new(
            lit.span(),
            format!("unknown lane {other:?}: expected \"standard\" or \"search\""),
        )),
    }
}

/// `versions = "2026-03, 2026-09"`: dated versions, none twice.
fn versions(expr: &syn::Expr) -> syn::Result<(LitStr, Vec<String>)> {
    let lit = string(expr, "`versions = \"2026-03, 2026-09\"`")?;
    let text = lit.value();
    let mut names: Vec<String> = Vec::new();
    for name in text.split([',', ' ']).filter(|name| !name.is_empty()) {
        if !is_dated(name) {
            return Err(syn::Error::new(
                lit.span(),
                format!("{name:?} is not a dated version: expected `YYYY-MM` or `YYYY-MM-beta`"),
            ));
        }
        if names.iter().any(|seen| seen == name) {
            return Err(syn::Error::new(
                lit.span(),
                format!("version {name} is listed twice"),
            ));
        }
        names.push(name.to_owned());
    }
    if names.is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "no versions listed: `versions = \"2026-03\"`, or leave it out for a legacy path",
        ));
    }
    Ok((lit, names))
}

/// `YYYY-MM` or `YYYY-MM-beta`, as the runtime accepts.
fn is_dated(name: &str) -> bool {
    let date = name.strip_suffix("-beta").unwrap_or(name);
    let bytes = date.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit)
        && (1..=12).contains(&date[5..].parse::<u8>().unwrap_or(0))
}

/// Skips what is left of a malformed argument, up to the comma before the next one.
fn skip_to_comma(input: ParseStream<'_>) {
    while !input.is_empty() && !input.peek(Token![,]) {
        if input.parse::<proc_macro2::TokenTree>().is_err() {
            break;
        }
    }
}

/// A path is a string literal, or `concat!` of string literals so that a `macro_rules!` can
/// build one from its own arguments.
fn path_literal(expr: &syn::Expr) -> syn::Result<LitStr> {
    let example = "`path = \"/crm/v3/objects/deals/<id>\"` or `concat!` of strings";
    let syn::Expr::Macro(syn::ExprMacro { mac, .. }) = expr else {
        return string(expr, example);
    };
    if !mac.path.is_ident("concat") {
        return string(expr, example);
    }
    let parts = mac.parse_body_with(Punctuated::<LitStr, Token![,]>::parse_terminated)?;
    let text: String = parts.iter().map(LitStr::value).collect();
    let span = parts.first().map_or_else(|| mac.path.span(), LitStr::span);
    Ok(LitStr::new(&text, span))
}
