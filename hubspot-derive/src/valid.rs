//! Checks across the arguments, the path and the signature.

use syn::Safety;

use crate::args::Args;
use crate::path::PathTemplate;
use crate::sig::{EndpointItem, Param, Role};

pub(crate) fn check(
    args: &Args,
    item: &EndpointItem,
    params: &[Param],
    errors: &mut Vec<syn::Error>,
) {
    if let Some(body) = &item.body {
        errors.push(syn::Error::new_spanned(
            body,
            "an endpoint has no body: end the signature with `;` and the macro writes the function",
        ));
    }
    if let Some(asyncness) = &item.sig.asyncness {
        errors.push(syn::Error::new_spanned(
            asyncness,
            "remove `async`: the generated function returns a `Request` that callers `.await`",
        ));
    }
    let sig = &item.sig;
    let qualifiers = [
        sig.constness
            .as_ref()
            .map(|t| syn::Error::new_spanned(t, "an endpoint cannot be `const`")),
        match &sig.safety {
            Safety::Unsafe(t) => Some(syn::Error::new_spanned(t, "an endpoint cannot be `unsafe`")),
            Safety::Safe(t) => Some(syn::Error::new_spanned(t, "an endpoint cannot be `safe`")),
            Safety::Default => None,
        },
        sig.abi
            .as_ref()
            .map(|t| syn::Error::new_spanned(t, "an endpoint cannot have an ABI")),
        sig.variadic
            .as_ref()
            .map(|t| syn::Error::new_spanned(t, "an endpoint cannot be variadic")),
    ];
    errors.extend(qualifiers.into_iter().flatten());
    if let Some(path) = &args.path {
        check_path(path, params, errors);
    }
    check_bodies(args, params, errors);
}

fn check_path(path: &PathTemplate, params: &[Param], errors: &mut Vec<syn::Error>) {
    let placeholders: Vec<&str> = path.params().collect();
    for (i, name) in placeholders.iter().enumerate() {
        if placeholders[..i].contains(name) {
            errors.push(syn::Error::new(
                path.lit.span(),
                format!("placeholder `<{name}>` appears twice in the path"),
            ));
        } else if !params
            .iter()
            .any(|p| p.role == Role::Path && p.key == *name)
        {
            // A keyword such as `type` can only be a parameter as a raw identifier.
            let param = if syn::parse_str::<syn::Ident>(name).is_ok() {
                (*name).to_owned()
            } else {
                format!("r#{name}")
            };
            errors.push(syn::Error::new(
                path.lit.span(),
                format!(
                    "placeholder `<{name}>` has no parameter: add `{param}: &str` to the signature"
                ),
            ));
        }
    }
    for param in params.iter().filter(|p| p.role == Role::Path) {
        if !placeholders.contains(&param.key.as_str()) {
            errors.push(syn::Error::new_spanned(
                &param.name,
                format!(
                    "parameter `{name}` has no role: name it in the path as `<{key}>`, or mark it `#[body]` or `#[query]`",
                    name = param.name,
                    key = param.key
                ),
            ));
        }
    }
}

fn check_bodies(args: &Args, params: &[Param], errors: &mut Vec<syn::Error>) {
    let bodies: Vec<&Param> = params
        .iter()
        .filter(|p| {
            matches!(
                p.role,
                Role::Body | Role::Form | Role::Multipart | Role::Text
            )
        })
        .collect();
    for extra in bodies.iter().skip(1) {
        if let Some(attr) = &extra.role_attr {
            errors.push(syn::Error::new_spanned(
                attr,
                "an endpoint has at most one body (`#[body]`, `#[form]`, `#[multipart]` or `#[text]`): combine them into one",
            ));
        }
    }
    if let (Some((method, lit)), Some(body)) = (&args.method, bodies.first())
        && !method.allows_body()
        && let Some(attr) = &body.role_attr
    {
        let mut error = syn::Error::new_spanned(
            attr,
            format!(
                "a {} request has no body: remove the body or use `#[query]`",
                method.as_str()
            ),
        );
        error.combine(syn::Error::new(lit.span(), "the method is declared here"));
        errors.push(error);
    }
}
