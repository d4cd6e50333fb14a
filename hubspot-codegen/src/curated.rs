//! What `hubspot-crm` declares by hand: the endpoints of its hand-written modules (their models
//! are curated: typed ids, `Object<Id, P>`, builders) and the object table's rows. Read from the
//! crate's own sources so that the two cannot drift apart.

use std::fs;
use std::path::Path;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::Error;

/// The hand-written modules whose endpoints the generator leaves alone.
const MODULES: [&str; 8] = [
    "exports",
    "imports",
    "objects",
    "associations",
    "properties",
    "pipelines",
    "owners",
    "schemas",
];

/// One row of `object_table.rs`.
pub(crate) struct ObjectRow {
    pub(crate) module: String,
    /// The versions of the row's block, which every operation of the row declares.
    pub(crate) versions: Vec<String>,
    pub(crate) segment: String,
    pub(crate) type_id: String,
    pub(crate) groups: Vec<String>,
}

/// One hand-declared endpoint.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Declared {
    pub(crate) method: String,
    /// The path's shape: `/crm/objects/{v}/{}/{}`.
    pub(crate) shape: String,
    /// `module::function`.
    pub(crate) name: String,
    /// The `versions = "…"` it lists; empty for a legacy path.
    pub(crate) versions: Vec<String>,
}

/// The hand-declared endpoints, by (method, path shape), and the object table.
pub(crate) struct Curated {
    endpoints: Vec<Declared>,
    rows: Vec<ObjectRow>,
}

impl Curated {
    /// Reads `hubspot-crm/src` under the workspace `root`.
    pub(crate) fn read(root: &Path) -> Result<Self, Error> {
        let src = root.join("hubspot-crm/src");
        let mut endpoints = Vec::new();
        for module in MODULES {
            let file = src.join(format!("{module}.rs"));
            let text = fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
            endpoints.extend(declared(&text, module)?);
        }
        let table = root.join("hubspot-models/src/object_table.rs");
        let text = fs::read_to_string(&table).map_err(|e| Error::io(&table, e))?;
        Ok(Self {
            endpoints,
            rows: rows(&text),
        })
    }

    /// No hand-written endpoints and no rows: what the fixture tests generate against.
    pub(crate) fn none() -> Self {
        Self {
            endpoints: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// The hand-declared function with this method and path shape.
    pub(crate) fn endpoint(&self, method: &str, shape: &str) -> Option<&Declared> {
        self.endpoints
            .iter()
            .find(|d| d.method == method && d.shape == shape)
    }

    /// The object-table row whose type's own path `shape` is under.
    pub(crate) fn object_row(&self, shape: &str) -> Option<&ObjectRow> {
        let segment = shape.strip_prefix("/crm/objects/{v}/")?.split('/').next()?;
        self.rows
            .iter()
            .find(|row| row.segment == segment || row.type_id == segment || row.module == segment)
    }
}

/// Every `#[hubspot_endpoint(method = "…", path = …)] pub fn name` in `text`, wherever it sits
/// (in a module or a `macro_rules!` body), with a `concat!($base, …)` path read against the
/// file's `object_endpoints!("base", …)` call. Read as Rust tokens, so comments, strings and
/// layout cannot mislead it.
fn declared(text: &str, module: &str) -> Result<Vec<Declared>, Error> {
    let tokens: TokenStream = text
        .parse()
        .map_err(|e| Error(format!("hubspot-crm/src/{module}.rs: {e}")))?;
    let tokens = flatten(tokens);
    // `object_endpoints!("base", "versions")`: what `$base` and `$versions` stand for.
    let (base, base_versions) = tokens
        .windows(3)
        .find_map(|w| match w {
            [
                TokenTree::Ident(name),
                TokenTree::Punct(bang),
                TokenTree::Group(args),
            ] if name == "object_endpoints" && bang.as_char() == '!' => {
                let mut literals = args.stream().into_iter().filter_map(|t| string(&t));
                Some((literals.next()?, literals.next().unwrap_or_default()))
            }
            _ => None,
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, window) in tokens.windows(2).enumerate() {
        let [TokenTree::Ident(attr), TokenTree::Group(args)] = window else {
            continue;
        };
        if attr != "hubspot_endpoint" || args.delimiter() != Delimiter::Parenthesis {
            continue;
        }
        let args: Vec<TokenTree> = args.stream().into_iter().collect();
        let Some(method) = value_of(&args, "method").and_then(|v| string(v.first()?)) else {
            continue;
        };
        let Some(path) = value_of(&args, "path").and_then(|value| match value.as_slice() {
            [literal] => string(literal),
            [
                TokenTree::Ident(concat),
                TokenTree::Punct(_),
                TokenTree::Group(parts),
            ] if concat == "concat" => {
                let parts: Vec<TokenTree> = parts.stream().into_iter().collect();
                // A path built from the type's own `$segment` belongs to every row, not here.
                if parts
                    .iter()
                    .any(|t| matches!(t, TokenTree::Ident(i) if i == "segment"))
                {
                    return None;
                }
                let literals: String = parts.iter().filter_map(string).collect();
                Some(format!("{base}{literals}"))
            }
            _ => None,
        }) else {
            continue;
        };
        let name = tokens[i + 2..].windows(2).find_map(|w| match w {
            [TokenTree::Ident(kw), TokenTree::Ident(name)] if kw == "fn" => Some(name.to_string()),
            _ => None,
        });
        let versions = match value_of(&args, "versions").as_deref() {
            Some([literal]) => string(literal).unwrap_or_default(),
            Some([TokenTree::Punct(dollar), TokenTree::Ident(var)])
                if dollar.as_char() == '$' && var == "versions" =>
            {
                base_versions.clone()
            }
            _ => String::new(),
        };
        if let Some(name) = name {
            out.push(Declared {
                method,
                shape: shape(&path),
                name: format!("{module}::{name}"),
                versions: split_versions(&versions),
            });
        }
    }
    Ok(out)
}

/// Every token of `tokens`, with each bracketed or braced group's contents spliced in after
/// it: declarations sit inside `macro_rules!` bodies and modules.
fn flatten(tokens: TokenStream) -> Vec<TokenTree> {
    let mut out = Vec::new();
    for token in tokens {
        if let TokenTree::Group(group) = &token
            && group.delimiter() != Delimiter::Parenthesis
        {
            let inner = group.stream();
            out.push(token);
            out.extend(flatten(inner));
        } else {
            out.push(token);
        }
    }
    out
}

/// The tokens after `key =` in a `key = value, …` list, up to the next comma.
fn value_of(args: &[TokenTree], key: &str) -> Option<Vec<TokenTree>> {
    let at = args.windows(2).position(|w| {
        matches!(w, [TokenTree::Ident(k), TokenTree::Punct(eq)] if k == key && eq.as_char() == '=')
    })?;
    Some(
        args[at + 2..]
            .iter()
            .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
            .cloned()
            .collect(),
    )
}

/// A string literal's value, escapes resolved.
fn string(token: &TokenTree) -> Option<String> {
    syn::parse2::<syn::LitStr>(token.clone().into())
        .ok()
        .map(|lit| lit.value())
}

/// A `<name>` template's shape: the dated segment as `{v}`, placeholders as `{}`.
fn shape(template: &str) -> String {
    template
        .split('/')
        .map(|s| {
            if crate::spec::is_dated(s) {
                "{v}".to_owned()
            } else if s.starts_with('<') {
                "{}".to_owned()
            } else {
                s.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `"2026-03, 2026-09"` as its versions.
fn split_versions(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The rows of `object_table.rs`: `module Variant Record Id "segment" "type id" "noun" [groups];`,
/// each under its block's `"base" "versions" {` line.
fn rows(text: &str) -> Vec<ObjectRow> {
    let mut versions = Vec::new();
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            if let Some(header) = line.strip_suffix('{')
                && let [_, _base, _, list, _] = header.split('"').collect::<Vec<_>>().as_slice()
            {
                versions = split_versions(list);
                return None;
            }
            let (head, groups) = line.strip_suffix("];")?.split_once('[')?;
            let quoted: Vec<&str> = head.split('"').collect();
            let module = head.split_whitespace().next()?;
            if quoted.len() < 6 || !module.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return None;
            }
            Some(ObjectRow {
                module: module.to_owned(),
                versions: versions.clone(),
                segment: quoted[1].to_owned(),
                type_id: quoted[3].to_owned(),
                groups: groups.split_whitespace().map(str::to_owned).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_and_rows_are_read_from_the_source_not_its_comments_or_strings() {
        let text = r##"
object_endpoints!(
    "/crm/objects/2026-03",
    "2026-03, 2026-09"
);
#[hubspot_endpoint(method = "GET", versions = $versions, path = concat!($base, "/<object_type>/<id>"))]
pub fn get(object_type: &ObjectType, id: &str) -> Record;
#[hubspot_endpoint(
    method = "PUT",
    path = "/crm/objects/2026-03/<from_type>/<from_id>/associations/default/<to_type>/<to_id>",
    versions = "2026-03"
)]
pub fn create_default<P>(from_type: &ObjectType);
// #[hubspot_endpoint(method = "DELETE", path = "/crm/objects/2026-03/<id>")] pub fn gone();
const NOTE: &str = "#[hubspot_endpoint(method = \"DELETE\", path = \"/x\")] pub fn no()";
"##;
        let found = declared(text, "objects").unwrap();
        let declared = |method: &str, shape: &str, name: &str, versions: &[&str]| Declared {
            method: method.into(),
            shape: shape.into(),
            name: name.into(),
            versions: versions.iter().map(|v| (*v).to_owned()).collect(),
        };
        assert_eq!(
            found,
            [
                declared(
                    "GET",
                    "/crm/objects/{v}/{}/{}",
                    "objects::get",
                    &["2026-03", "2026-09"]
                ),
                declared(
                    "PUT",
                    "/crm/objects/{v}/{}/{}/associations/default/{}/{}",
                    "objects::create_default",
                    &["2026-03"]
                ),
            ]
        );
        let rows = rows(
            r#"
            "/crm/objects/2026-03" "2026-03, 2025-09" {
                deals Deals Deal DealId "deals" "0-3" "deal" [read search write merge];
            }
            "/crm/objects/2026-03" "2026-03, 2027-03-beta" {
                goal_targets GoalTargets GoalTarget GoalTargetId "goal_targets" "0-74" "goal target" [read];
            }"#,
        );
        assert_eq!(rows[0].versions, ["2026-03", "2025-09"]);
        assert_eq!(rows[1].versions, ["2026-03", "2027-03-beta"]);
        assert_eq!(rows[0].module, "deals");
        assert_eq!(rows[0].type_id, "0-3");
        assert_eq!(rows[0].groups, ["read", "search", "write", "merge"]);
    }
}
