//! Writing the plan as Rust: one file per API (its `models` module, then its endpoints by
//! module), and the `generated` module that declares them. The text is formatted by rustfmt
//! afterwards; here it only has to be valid and deterministic.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::names::snake;
use crate::plan::{ApiPlan, BodyKind, Endpoint, PathParam};
use crate::shared::SharedValues;
use crate::shared_models::{Item, SharedModel, SharedModels};
use crate::types::{Def, Field, Models, Ty, Use, positional, variants};

/// Paths HubSpot has announced it switches off, by prefix, with what to call instead: their
/// functions are `#[deprecated]` with that note.
const SHUTDOWNS: &[(&str, &str)] = &[(
    "/oauth/v1/",
    "HubSpot switches OAuth v1 off on 2027-02-16: read a token with \
     `oauth::token::introspect`, revoke one with `oauth::token::revoke`",
)];

/// `generated/mod.rs`: one module per API, declared here or re-exported from its crate.
pub(crate) fn root(plans: &[ApiPlan<'_>]) -> String {
    let mut out = String::new();
    out.push_str(
        "\n//! The API modules `hubspot-codegen` writes; each is re-exported at the crate root, or\n//! merged into the hand-written module of the same name. Those behind a feature are crates of\n//! their own (`hubspot-cms`, `hubspot-crm-extras`), re-exported here.\n\n",
    );
    for (top, (family, krate)) in top_modules(plans) {
        let visibility = if family.is_none() && crate::names::is_merged(top) {
            "pub(crate)"
        } else {
            "pub"
        };
        if let Some(feature) = crate::names::feature(top) {
            let _ = writeln!(
                out,
                "#[cfg(feature = \"{feature}\")]\n#[cfg_attr(docsrs, doc(cfg(feature = \"{feature}\")))]"
            );
        }
        let _ = match krate {
            None => writeln!(out, "{visibility} mod {top};"),
            // A family's crate is its module; the extras' crate holds one module per API.
            Some(krate) => {
                let ident = krate.replace('-', "_");
                let path = if krate == crate::layout::EXTRAS {
                    format!("{ident}::{top}")
                } else {
                    format!("{ident} as {top}")
                };
                writeln!(out, "#[doc(inline)]\n{visibility} use {path};")
            }
        };
    }
    out
}

/// The modules at the root of `generated`, in order: each with its family's name where it
/// holds several APIs (`cms`), and the crate it is in where that is not `hubspot-crm`.
pub(crate) fn top_modules<'p>(
    plans: &'p [ApiPlan<'_>],
) -> BTreeMap<&'p str, (Option<&'p str>, Option<String>)> {
    let mut out = BTreeMap::new();
    for plan in plans.iter().filter(|p| !p.endpoints.is_empty()) {
        let path = plan.path();
        let family = (path.len() > 1).then_some(plan.family.as_str());
        out.insert(path[0], (family, crate::layout::crate_of(plan)));
    }
    out
}

/// The APIs of a family of several, each a module below the family's (`cms::pages`).
fn members<'p, 'a>(module: &str, plans: &'p [ApiPlan<'a>]) -> Vec<&'p ApiPlan<'a>> {
    plans
        .iter()
        .filter(|p| !p.endpoints.is_empty() && p.path().len() > 1 && p.path()[0] == module)
        .collect()
}

/// Whether `module` holds several APIs, a module each, rather than being one API's own.
pub(crate) fn is_family(module: &str, plans: &[ApiPlan<'_>]) -> bool {
    !members(module, plans).is_empty()
}

/// A family's root module: one module per API.
pub(crate) fn family(module: &str, plans: &[ApiPlan<'_>]) -> String {
    let mut out = String::new();
    let members = members(module, plans);
    let families: BTreeSet<&str> = members.iter().map(|p| p.family.as_str()).collect();
    let operations: usize = members.iter().map(|p| p.endpoints.len()).sum();
    let _ = writeln!(
        out,
        "\n//! HubSpot's {} APIs: {operations} operation(s) in {} modules.",
        families.into_iter().collect::<Vec<_>>().join(" and "),
        members.len()
    );
    if let Some(feature) = crate::names::feature(module) {
        let _ = writeln!(
            out,
            "//!\n//! An app reaches them through `hubspot-crm` with its feature `{feature}`, as\n//! `hubspot_crm::{module}`.\n"
        );
    }
    for plan in members {
        let _ = writeln!(
            out,
            "/// HubSpot's {} API: {} operation(s).\npub mod {};",
            plan.api,
            plan.endpoints.len(),
            plan.module
        );
    }
    out
}

/// The catch-all variant of an output enum: `Unknown`, unless HubSpot has a value of that name.
fn catch_all(variants: &[String]) -> &'static str {
    if variants.iter().any(|v| v == "Unknown") {
        "Unrecognized"
    } else {
        "Unknown"
    }
}

/// `hubspot-models/src/values.rs`: each value set several APIs name, once, compiled with any of them.
pub(crate) fn values(shared: &SharedValues) -> String {
    let mut out = String::new();
    out.push_str(
        "\n//! The value sets several APIs name: each API's `models` re-exports the one it names\n//! under its own name.\n",
    );
    for (name, set) in &shared.sets {
        let cfg = set.features.as_ref().map_or_else(String::new, |features| {
            format!("\n#[cfg({})]", any_feature(features.iter().copied()))
        });
        strings(&mut out, name, &set.values, set.usage, &cfg);
    }
    out
}

/// The `cfg` predicate that holds when any of `features` is on.
fn any_feature<'f>(features: impl IntoIterator<Item = &'f str>) -> String {
    let each: Vec<String> = features
        .into_iter()
        .map(|f| format!("feature = \"{f}\""))
        .collect();
    match each.as_slice() {
        [one] => one.clone(),
        _ => format!("any({})", each.join(", ")),
    }
}

/// A crate's `shared.rs`: each model several of its APIs define alike, once (`hubspot-models`'s:
/// those of APIs in several crates). Those only some features compile are in a module per set
/// of features, re-exported under it.
pub(crate) fn shared_models(shared: &SharedModels, home: Option<&str>, gated: bool) -> String {
    let mut out = String::from(
        "\n//! The models several APIs define alike, each generated once: every API's `models`\n//! re-exports the ones it names.\n",
    );
    let mut groups: BTreeMap<Vec<&str>, Vec<&SharedModel>> = BTreeMap::new();
    let mut apart = Vec::new();
    for model in shared.in_home(home) {
        if model.module.is_some() {
            apart.push(model);
            continue;
        }
        match model.features.as_ref().filter(|_| gated) {
            None => out.push_str(&model.text),
            Some(features) => groups
                .entry(features.iter().copied().collect())
                .or_default()
                .push(model),
        }
    }
    for (features, models) in groups {
        let module = features.join("_").replace('-', "_");
        let cfg = any_feature(features.iter().copied());
        let _ = writeln!(
            out,
            "\n/// The shared models of `{}` only.\n#[cfg({cfg})]\nmod {module} {{",
            features.join("`, `")
        );
        // Models of other modules are the parent's, re-exported there.
        if models
            .iter()
            .any(|m| m.refs.iter().any(|r| !models.iter().any(|o| o.name == *r)))
        {
            out.push_str("use super::*;\n");
        }
        for model in models {
            out.push_str(&model.text);
        }
        let _ = writeln!(out, "}}\n#[cfg({cfg})]\npub use {module}::*;");
    }
    // A second shape of a name shared here: in a module of its own, which its APIs name.
    for model in apart {
        let module = model.module.as_deref().unwrap_or_default();
        let _ = writeln!(
            out,
            "\n/// `{}` as some of the APIs sharing models here define it.",
            model.name
        );
        if let Some(features) = model.features.as_ref().filter(|_| gated) {
            let _ = writeln!(out, "#[cfg({})]", any_feature(features.iter().copied()));
        }
        // Other crates name `hubspot-models`' modules; an API crate's are its own.
        let visibility = if home.is_some() { "pub(crate)" } else { "pub" };
        let _ = writeln!(out, "{visibility} mod {module} {{");
        if !model.refs.is_empty() {
            out.push_str("use super::*;\n");
        }
        out.push_str(model.text.trim_start_matches('\n'));
        out.push_str("}\n");
    }
    out
}

/// A model, query or value set's re-export as an API's `models` module writes it.
pub(crate) fn item_text(name: &str, item: Item<'_>, all: &Models<'_>) -> String {
    let mut out = String::new();
    match item {
        Item::Model(def, usage) => model(&mut out, name, def, usage, all),
        Item::Query(endpoint, fields) => {
            query(&mut out, name, fields, &endpoint.function);
            if is_cursor_paged(endpoint, fields) {
                paged(&mut out, name);
            }
        }
        Item::Values(set) if set == name => {
            let _ = writeln!(out, "\npub use hubspot_models::values::{set};");
        }
        Item::Values(set) => {
            let _ = writeln!(out, "\npub use hubspot_models::values::{set} as {name};");
        }
    }
    out
}

/// One API's file.
pub(crate) fn api(plan: &ApiPlan<'_>, shared: &SharedValues, models: &SharedModels) -> String {
    let mut out = String::new();
    let legacy = plan
        .endpoints
        .iter()
        .filter(|e| e.versions.is_empty())
        .count();
    let _ = writeln!(
        out,
        "\n//! HubSpot's {} API ({}): {} operation(s){}.",
        plan.api,
        plan.family,
        plan.endpoints.len(),
        if legacy > 0 {
            format!(", {legacy} of them under legacy paths only")
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "//!\n//! HubSpot's reference: <{}>.",
        crate::links::reference(plan)
    );
    out.push_str("\n/// The models of this API's requests and answers.\npub mod models {");
    // The models, then the operations' query parameters: each written here or re-exported.
    let mut items: Vec<(&str, Item<'_>)> = Vec::new();
    for (name, (def, usage)) in &plan.models.defs {
        if matches!(def, Def::Struct(fields) if fields.is_empty()) {
            // Only a tagged union's member has no field left: its variant is a unit one.
            continue;
        }
        let item = match shared.set_of(plan, name) {
            Some(set) => Item::Values(set),
            None => Item::Model(def, *usage),
        };
        items.push((name, item));
    }
    for endpoint in &plan.endpoints {
        if let Some((name, fields)) = &endpoint.query {
            items.push((name, Item::Query(endpoint, fields)));
        }
    }
    for (name, item) in items {
        match models.home_of(plan, name) {
            Some(home) => {
                let _ = writeln!(out, "\npub use {home}::{name};");
            }
            None => out.push_str(&item_text(name, item, &plan.models)),
        }
    }
    out.push_str("}\n");
    let mut tree: BTreeMap<Vec<String>, Vec<&Endpoint>> = BTreeMap::new();
    for endpoint in &plan.endpoints {
        tree.entry(endpoint.module.clone())
            .or_default()
            .push(endpoint);
    }
    modules(&mut out, plan, &tree, &[]);
    out
}

fn modules(
    out: &mut String,
    plan: &ApiPlan<'_>,
    tree: &BTreeMap<Vec<String>, Vec<&Endpoint>>,
    at: &[String],
) {
    for endpoint in tree.get(at).into_iter().flatten() {
        function(out, plan, endpoint, at.len());
    }
    let children: Vec<&String> = tree
        .keys()
        .filter(|path| path.len() > at.len() && path.starts_with(at))
        .map(|path| &path[at.len()])
        .fold(Vec::new(), |mut seen, child| {
            if !seen.contains(&child) {
                seen.push(child);
            }
            seen
        });
    for child in children {
        let mut path = at.to_vec();
        path.push(child.clone());
        let _ = writeln!(
            out,
            "\n/// The `{}` operations of the {} API.\npub mod {} {{",
            path.join("::"),
            plan.api,
            crate::names::ident(child)
        );
        modules(out, plan, tree, &path);
        out.push_str("}\n");
    }
}

fn function(out: &mut String, plan: &ApiPlan<'_>, endpoint: &Endpoint, depth: usize) {
    let models = format!("{}models::", "super::".repeat(depth));
    let _ = writeln!(out, "\n/// {}", summary(plan, endpoint));
    if !endpoint.scopes.is_empty() {
        let scopes: Vec<String> = endpoint.scopes.iter().map(|s| format!("`{s}`")).collect();
        let _ = writeln!(out, "///\n/// Scopes (any of): {}.", scopes.join(", "));
    }
    if endpoint.versions.is_empty() {
        out.push_str(
            "///\n/// Legacy path: HubSpot has no dated version of this operation, so the client's\n/// `api_version` does not apply.\n",
        );
    }
    if let Some((_, note)) = SHUTDOWNS
        .iter()
        .find(|(prefix, _)| endpoint.template.starts_with(prefix))
    {
        let _ = writeln!(out, "#[deprecated(note = {note:?})]");
    }
    let mut args = vec![
        format!("method = \"{}\"", endpoint.method),
        format!("path = \"{}\"", endpoint.template),
    ];
    if !endpoint.versions.is_empty() {
        args.push(format!("versions = \"{}\"", endpoint.versions.join(", ")));
    }
    if let Some(idempotent) = endpoint.idempotent {
        args.push(format!("idempotent = {idempotent}"));
    }
    if endpoint.search {
        args.push("lane = \"search\"".into());
    }
    if endpoint.developer_key {
        args.push("auth = \"developer_key\"".into());
    }
    let _ = writeln!(
        out,
        "#[hubspot_runtime::hubspot_endpoint({})]",
        args.join(", ")
    );
    let mut params: Vec<String> = endpoint
        .path_params
        .iter()
        .map(|(name, _, kind)| {
            let ty = match kind {
                PathParam::Text | PathParam::Location => "&str".to_owned(),
                PathParam::Integer => "i64".to_owned(),
                PathParam::Typed(typed) => format!("&hubspot_models::{}", typed.name()),
            };
            format!("{name}: {ty}")
        })
        .collect();
    if let Some((name, _)) = &endpoint.query {
        params.push(format!("#[query] query: &{models}{name}"));
    }
    if let Some(body) = &endpoint.body {
        params.push(match endpoint.body_kind {
            BodyKind::Json => format!("#[body] body: &{}", body.render(&models)),
            BodyKind::Form => format!("#[form] body: &{}", body.render(&models)),
            BodyKind::Multipart => "#[multipart] body: hubspot_runtime::Multipart".to_owned(),
            BodyKind::Text => "#[text] body: &str".to_owned(),
        });
    }
    let response = endpoint
        .response
        .as_ref()
        .map(|r| format!(" -> {}", r.render(&models)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "pub fn {}({}){response};",
        crate::names::ident(&endpoint.function),
        params.join(", ")
    );
}

/// The first doc line, from the operation's name and module: ours, not the spec's. The module
/// is named as code (`` `posts::draft` ``), which reads right whether it is a plural, a singular
/// or a setting.
fn summary(plan: &ApiPlan<'_>, endpoint: &Endpoint) -> String {
    let of = if endpoint.module.is_empty() {
        String::new()
    } else {
        format!(" of `{}`", endpoint.module.join("::"))
    };
    let by_id = endpoint.template.ends_with('>');
    let function = endpoint.function.as_str();
    let text = match function {
        "get" if by_id => format!("Reads one item{of}"),
        "get" if endpoint.module.is_empty() => "Reads the resource".to_owned(),
        "get" => format!("Reads `{}`", endpoint.module.join("::")),
        "list" => format!("Lists the items{of}"),
        "create" => format!("Creates an item{of}"),
        "update" => format!("Updates an item{of}, changing only the fields given"),
        "replace" => format!("Replaces an item{of} with what is given"),
        "archive" => format!("Archives (deletes) an item{of}"),
        "search" => format!("Searches the items{of}"),
        _ => match function.strip_prefix("batch_") {
            Some(action @ ("read" | "create" | "update" | "upsert" | "archive" | "delete")) => {
                let verb = if action == "archive" {
                    "Archives".to_owned()
                } else {
                    format!("{}s", capital(action))
                };
                format!("{verb} a batch of items{of}")
            }
            _ => {
                let at = if endpoint.module.is_empty() {
                    String::new()
                } else {
                    format!(" (`{}`)", endpoint.module.join("::"))
                };
                format!("{}{at}", capital(&function.replace('_', " ")))
            }
        },
    };
    format!("{text}, in the {} API.", plan.api)
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// Only what the use needs: every derive is build time in every app (`Clone` on the models
/// HubSpot sends alone cost a fifth of the generated code's). Inputs are cloned to be sent again;
/// `extra` may start with `Clone` to have it on a model that is only received.
fn derives(usage: Use, extra: &str) -> String {
    let mut list = vec!["Debug"];
    if usage.input && !extra.starts_with("Clone") {
        list.push("Clone");
    }
    list.extend(extra.split(' ').filter(|s| !s.is_empty()));
    if usage.input {
        list.push("serde::Serialize");
    }
    if usage.output {
        list.push("serde::Deserialize");
    }
    format!("#[derive({})]", list.join(", "))
}

fn usage_words(usage: Use) -> &'static str {
    match (usage.input, usage.output) {
        (true, true) => "sent and received",
        (true, false) => "sent",
        _ => "received",
    }
}

fn model(out: &mut String, name: &str, def: &Def, usage: Use, all: &Models<'_>) {
    let models = "";
    match def {
        Def::Struct(fields) => {
            let _ = writeln!(out, "\n/// `{name}`, {}.", usage_words(usage));
            let positional = positional(fields, usage);
            // With nothing to take by position, an input also starts from `Default`.
            let default = if usage.input && positional.is_empty() {
                "Default"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{}\n#[non_exhaustive]\npub struct {name} {{",
                derives(usage, default)
            );
            for field in fields {
                field_line(out, field, usage, is_in(&positional, field));
            }
            out.push_str("}\n");
            if usage.input {
                let _ = writeln!(out, "\nimpl {name} {{");
                constructor(out, name, fields, &positional, usage);
                setters(out, fields, &positional);
                out.push_str("}\n");
            }
        }
        Def::Enum(values) => {
            let _ = writeln!(
                out,
                "\n/// `{name}`: one of HubSpot's values, {}.",
                usage_words(usage)
            );
            text_enum(out, name, values, usage);
        }
        Def::Strings(values) => strings(out, name, values, usage, ""),
        Def::Tagged(tag, variants) => {
            let _ = writeln!(
                out,
                "\n/// `{name}`: one of several shapes, told apart by `{tag}`, {}.",
                usage_words(usage)
            );
            let _ = writeln!(
                out,
                "{}\n#[serde(tag = \"{tag}\")]\n#[non_exhaustive]\n#[allow(clippy::large_enum_variant)]\npub enum {name} {{",
                derives(usage, "")
            );
            let values: Vec<String> = variants.iter().map(|(v, _)| v.clone()).collect();
            let names = crate::types::variants(&values);
            for ((value, ty), variant) in variants.iter().zip(&names) {
                let _ = write!(
                    out,
                    "/// `{tag}: {value}`.\n#[serde(rename = \"{value}\")]\n{variant}"
                );
                if all.is_empty_struct(ty) {
                    out.push_str(",\n");
                } else {
                    let _ = writeln!(out, "({}),", ty.render(models));
                }
            }
            if usage.output {
                let _ = writeln!(
                    out,
                    "/// A shape this release does not name, kept whole and sent back unchanged.\n#[serde(untagged)]\n{}(serde_json::Value),",
                    catch_all(&names)
                );
            }
            out.push_str("}\n");
        }
        Def::OneOf(types) => {
            let _ = writeln!(
                out,
                "\n/// `{name}`: one of several shapes, {}; decoding tries each in turn.",
                usage_words(usage)
            );
            // Where each shape fixes one property to its own value, decoding reads it and picks
            // the shape: trying each in turn would take the first that fits, and shapes whose
            // fields are all optional all fit, losing what the right one holds.
            let tags = usage.output.then(|| union_tags(types, all)).flatten();
            let derived = if tags.is_some() {
                derives(
                    Use {
                        output: false,
                        ..usage
                    },
                    "",
                )
            } else {
                derives(usage, "")
            };
            // Boxing the larger shapes would cost an allocation each for no gain: a value is
            // decoded once and read.
            let untagged = if usage.input || tags.is_none() {
                "\n#[serde(untagged)]"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{derived}{untagged}\n#[allow(clippy::large_enum_variant)]\npub enum {name} {{"
            );
            let mut taken = std::collections::BTreeSet::new();
            let mut names = Vec::new();
            for ty in types {
                let mut variant = variant_name(ty);
                while !taken.insert(variant.clone()) {
                    variant.push('_');
                }
                let _ = writeln!(
                    out,
                    "/// A `{}`.\n{variant}({}),",
                    ty.render(""),
                    ty.render(models)
                );
                names.push(variant);
            }
            out.push_str("}\n");
            if let Some((tag, values)) = tags {
                let arms: Vec<String> = values
                    .iter()
                    .zip(&names)
                    .map(|(value, variant)| {
                        format!(
                            "Some({value:?}) => serde_json::from_value(value).map(Self::{variant}),"
                        )
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "\nimpl<'de> serde::Deserialize<'de> for {name} {{\nfn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\nlet value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;\nlet tag = value.get({tag:?}).and_then(serde_json::Value::as_str).map(str::to_owned);\nmatch tag.as_deref() {{\n{}\n_ => serde_json::from_value(value).map(Self::{}),\n}}\n.map_err(serde::de::Error::custom)\n}}\n}}",
                    arms.join("\n"),
                    names[0]
                );
            }
        }
    }
}

/// The property each alternative of a `oneOf` fixes to a value of its own, and those values in
/// order: where every alternative is a struct with a one-value enum field of the same name.
fn union_tags(types: &[Ty], all: &Models<'_>) -> Option<(String, Vec<String>)> {
    let mut tag: Option<&str> = None;
    let mut values = Vec::new();
    for ty in types {
        let Ty::Named(name) = ty else { return None };
        let Some((Def::Struct(fields), _)) = all.defs.get(name) else {
            return None;
        };
        let fixed = fields.iter().find_map(|f| {
            if tag.is_some_and(|t| t != f.json) {
                return None;
            }
            let Ty::Named(e) = &f.ty else { return None };
            match all.defs.get(e) {
                Some((Def::Enum(one), _)) if one.len() == 1 => {
                    Some((f.json.as_str(), one[0].clone()))
                }
                _ => None,
            }
        })?;
        tag = Some(fixed.0);
        values.push(fixed.1);
    }
    let distinct: BTreeSet<&String> = values.iter().collect();
    let tag = tag?.to_owned();
    (distinct.len() == values.len() && values.len() > 1).then_some((tag, values))
}

/// A string enum: a variant per value HubSpot names, and a catch-all that keeps any other value
/// (lossless: a value HubSpot adds later is sent back as it came, never rewritten to a name of
/// ours). Its serde impls go through `as_str` and `From<String>`, written out: serde's derive
/// for a tagged enum with an untagged catch-all costs several times the code, in every build.
fn text_enum(out: &mut String, name: &str, values: &[String], usage: Use) {
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n#[non_exhaustive]\npub enum {name} {{"
    );
    let names = variants(values);
    for (value, variant) in values.iter().zip(&names) {
        let _ = writeln!(out, "/// `{value}`\n{variant},");
    }
    let other = catch_all(&names);
    let _ = writeln!(
        out,
        "/// A value this release does not name, kept as HubSpot sent it and sent back unchanged.\n/// Build one only to send a value HubSpot documents that this release lacks.\n{other}(String),\n}}"
    );
    let arms = |to_value: bool| -> String {
        values
            .iter()
            .zip(&names)
            .map(|(value, variant)| {
                if to_value {
                    format!("Self::{variant} => {value:?},")
                } else {
                    format!("{value:?} => Self::{variant},")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let _ = writeln!(
        out,
        "\nimpl {name} {{\n/// The value as HubSpot writes it.\n#[must_use]\npub fn as_str(&self) -> &str {{\nmatch self {{\n{}\nSelf::{other}(value) => value,\n}}\n}}\n}}",
        arms(true)
    );
    let _ = writeln!(
        out,
        "\nimpl From<String> for {name} {{\nfn from(value: String) -> Self {{\nmatch value.as_str() {{\n{}\n_ => Self::{other}(value),\n}}\n}}\n}}",
        arms(false)
    );
    if usage.input {
        let _ = writeln!(
            out,
            "\nimpl serde::Serialize for {name} {{\nfn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {{\nserializer.serialize_str(self.as_str())\n}}\n}}"
        );
    }
    if usage.output {
        let _ = writeln!(
            out,
            "\nimpl<'de> serde::Deserialize<'de> for {name} {{\nfn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{\n<String as serde::Deserialize>::deserialize(deserializer).map(Self::from)\n}}\n}}"
        );
    }
}

/// A string enum too large for variants: a newtype with a constant per value. `attrs` goes on
/// both the type and its constants' `impl` (a shared set's `cfg`).
fn strings(out: &mut String, name: &str, values: &[String], usage: Use, attrs: &str) {
    let _ = writeln!(
        out,
        "{attrs}\n/// `{name}`: one of {} values HubSpot names, kept as text.",
        values.len()
    );
    let _ = writeln!(
        out,
        "{}\n#[serde(transparent)]\npub struct {name}(pub std::borrow::Cow<'static, str>);",
        derives(usage, "PartialEq Eq Hash")
    );
    let _ = writeln!(out, "{attrs}\nimpl {name} {{");
    let mut taken = std::collections::BTreeSet::new();
    for value in values {
        let mut constant = snake(value).to_ascii_uppercase();
        if constant.starts_with('_') {
            constant.insert(0, 'V');
        }
        while !taken.insert(constant.clone()) {
            constant.push('_');
        }
        let _ = writeln!(
            out,
            "/// `{value}`\npub const {constant}: Self = Self(std::borrow::Cow::Borrowed(\"{value}\"));"
        );
    }
    out.push_str("}\n");
}

pub(crate) fn variant_name(ty: &Ty) -> String {
    match ty {
        Ty::Named(name) => name.clone(),
        Ty::Shared(path, _) => path.rsplit("::").next().unwrap_or("Shared").to_owned(),
        Ty::String => "Text".into(),
        Ty::I32 | Ty::I64 => "Integer".into(),
        Ty::F64 => "Number".into(),
        Ty::Bool => "Flag".into(),
        Ty::Vec(_) => "List".into(),
        Ty::Map(_) => "Map".into(),
        Ty::Json => "Json".into(),
        Ty::Boxed(inner) => variant_name(inner),
    }
}

/// How a field is held and decoded.
struct Shape {
    /// Held as `Option<T>`.
    optional: bool,
    /// The `lenient` decoder that takes a number where the schema says string.
    lenient: Option<&'static str>,
    /// Absent on the wire decodes (to `None`, or an empty collection).
    default: bool,
}

/// In a model that is sent, a field is held as it is only where `new` takes it by position;
/// every other one is an `Option` set by name. In a model HubSpot sends, a required field is an
/// `Option` too, unless it is a list or map of a model that is never sent back (absent reads as
/// empty): HubSpot's answers omit fields its schemas call required, and one such field must not
/// fail a whole answer, nor be written back as an empty list it never held. Strings HubSpot
/// sends take numbers too.
fn shape(field: &Field, usage: Use, positional: bool) -> Shape {
    let collection = matches!(field.ty, Ty::Vec(_) | Ty::Map(_));
    let required = if usage.input {
        positional
    } else {
        field.required
    };
    let optional = !required || (usage.output && (usage.input || !collection));
    let lenient = if usage.output {
        match (&field.ty, optional) {
            (Ty::String, _) if may_be_a_number(&field.json) => Some("opt_text"),
            (Ty::Vec(inner), false) if **inner == Ty::String => Some("texts"),
            (Ty::Vec(inner), true) if **inner == Ty::String => Some("opt_texts"),
            (Ty::Map(inner), false) if **inner == Ty::String => Some("text_map"),
            (Ty::Map(inner), true) if **inner == Ty::String => Some("opt_text_map"),
            _ => None,
        }
    } else {
        None
    };
    let default = usage.output && (required && collection || optional && lenient.is_some());
    Shape {
        optional,
        lenient,
        default,
    }
}

/// Whether a string field HubSpot sends may hold a number instead: its ids (`createdById: 3739732`,
/// `listId: 13`) and `value`s, which HubSpot's own captured answers carry as numbers. Only these
/// take the lenient decoder: it costs a wrapper per field in every build (a fifth of the
/// generated code's build time when every string had one), and no capture shows a number in any
/// other string field. Lists and maps of strings are lenient throughout.
fn may_be_a_number(json: &str) -> bool {
    matches!(json, "id" | "value")
        || json.ends_with("Id")
        || json.ends_with("Ids")
        || json.ends_with("ID")
        || json.ends_with("_id")
}

/// Whether `field` is one of `fields` (by identity: two fields never share a Rust name).
fn is_in(fields: &[&Field], field: &Field) -> bool {
    fields.iter().any(|f| std::ptr::eq(*f, field))
}

fn field_line(out: &mut String, field: &Field, usage: Use, positional: bool) {
    let format = field
        .format
        .as_deref()
        .map(|f| format!(" ({f})"))
        .unwrap_or_default();
    let shape = shape(field, usage, positional);
    let required = if !field.required {
        ""
    } else if usage.input && field.server_set(usage) {
        ", set by HubSpot"
    } else if usage.output && shape.optional {
        ", required by the schema (`None` where an answer omits it)"
    } else if usage.output {
        ", required by the schema (empty where an answer omits it)"
    } else if positional {
        ", required"
    } else {
        ", required: HubSpot refuses a request without it"
    };
    let _ = writeln!(out, "/// `{}`{format}{required}.", field.json);
    let mut attrs = Vec::new();
    let bare = field.rust.trim_start_matches("r#");
    if bare != field.json {
        attrs.push(format!("rename = \"{}\"", field.json));
    }
    if shape.default {
        attrs.push("default".to_owned());
    }
    if let Some(lenient) = shape.lenient {
        attrs.push(format!(
            "deserialize_with = \"hubspot_runtime::lenient::{lenient}\""
        ));
    }
    if shape.optional && usage.input {
        attrs.push("skip_serializing_if = \"Option::is_none\"".to_owned());
    }
    if !attrs.is_empty() {
        let _ = writeln!(out, "#[serde({})]", attrs.join(", "));
    }
    let ty = field.ty.render("");
    if shape.optional {
        let _ = writeln!(out, "pub {}: Option<{ty}>,", field.rust);
    } else {
        let _ = writeln!(out, "pub {}: {ty},", field.rust);
    }
}

/// The parameter type a constructor or setter takes for `ty`, and the expression that turns
/// `value` into it: what converts into it, so that calls need no `.into()`.
fn conversion(ty: &Ty) -> (String, &'static str) {
    match ty {
        Ty::Vec(inner) => (
            format!("impl IntoIterator<Item = impl Into<{}>>", inner.render("")),
            "value.into_iter().map(Into::into).collect()",
        ),
        ty => (format!("impl Into<{}>", ty.render("")), "value.into()"),
    }
}

/// `new` from the positional fields, the others `None`: the struct is `#[non_exhaustive]`, so
/// that HubSpot adding a field is not a breaking change.
fn constructor(out: &mut String, name: &str, fields: &[Field], positional: &[&Field], usage: Use) {
    if positional.is_empty() {
        return;
    }
    let args: Vec<String> = positional
        .iter()
        .map(|f| format!("{}: {}", f.rust, conversion(&f.ty).0))
        .collect();
    let values: Vec<String> = fields
        .iter()
        .map(|f| {
            if !is_in(positional, f) {
                return format!("{}: None", f.rust);
            }
            let value = conversion(&f.ty).1.replace("value", &f.rust);
            if shape(f, usage, true).optional {
                format!("{}: Some({value})", f.rust)
            } else {
                format!("{}: {value}", f.rust)
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "/// A `{name}` from what identifies it; set the rest by name.\n#[must_use]\npub fn new({}) -> Self {{\nSelf {{ {} }}\n}}",
        args.join(", "),
        values.join(", ")
    );
}

/// An endpoint's query parameters: `#[non_exhaustive]`, so that HubSpot adding a parameter is not
/// a breaking change, built from `Default` (or `new` with the required ones) and setters.
fn query(out: &mut String, name: &str, fields: &[Field], function: &str) {
    let positional = positional(fields, Use::INPUT);
    let _ = writeln!(out, "\n/// The query parameters of `{function}`.");
    let derive = if positional.is_empty() {
        "#[derive(Debug, Clone, Default, serde::Serialize)]"
    } else {
        "#[derive(Debug, Clone, serde::Serialize)]"
    };
    let _ = writeln!(out, "{derive}\n#[non_exhaustive]\npub struct {name} {{");
    for field in fields {
        field_line(out, field, Use::INPUT, is_in(&positional, field));
    }
    out.push_str("}\n");
    if fields.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nimpl {name} {{");
    constructor(out, name, fields, &positional, Use::INPUT);
    setters(out, fields, &positional);
    out.push_str("}\n");
}

/// Whether `paging::list_all` can follow the endpoint's pages: it answers a `Page` and takes the
/// cursor as its `after` query parameter.
fn is_cursor_paged(endpoint: &Endpoint, fields: &[Field]) -> bool {
    matches!(
        &endpoint.response,
        Some(Ty::Shared("hubspot_models::Page", _))
    ) && fields
        .iter()
        .any(|f| f.json == "after" && f.ty == Ty::String)
}

/// The query's `Paged`: where the next page starts.
fn paged(out: &mut String, name: &str) {
    let _ = writeln!(
        out,
        "\nimpl hubspot_models::Paged for {name} {{\nfn set_after(&mut self, after: String) {{\nself.after = Some(after);\n}}\n}}"
    );
}

/// A setter per field `new` does not take, named for it and taking what converts into it, so
/// that calls read `Query::default().limit(100)`.
fn setters(out: &mut String, fields: &[Field], positional: &[&Field]) {
    for field in fields.iter().filter(|f| !is_in(positional, f)) {
        let rust = &field.rust;
        let (param, value) = conversion(&field.ty);
        let _ = writeln!(
            out,
            "/// Sets `{}`.\n#[must_use]\npub fn {rust}(mut self, value: {param}) -> Self {{\nself.{rust} = Some({value});\nself\n}}",
            field.json
        );
    }
}
