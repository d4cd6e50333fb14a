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
    pub(crate) segment: String,
    pub(crate) type_id: String,
    pub(crate) groups: Vec<String>,
}

/// The hand-declared endpoints, by (method, path shape), and the object table.
pub(crate) struct Curated {
    endpoints: Vec<(String, String, String)>,
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
        let table = src.join("object_table.rs");
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

    /// The hand-declared function with this method and path shape, as `module::function`.
    pub(crate) fn endpoint(&self, method: &str, shape: &str) -> Option<&str> {
        self.endpoints
            .iter()
            .find(|(m, s, _)| m == method && s == shape)
            .map(|(_, _, name)| name.as_str())
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
fn declared(text: &str, module: &str) -> Result<Vec<(String, String, String)>, Error> {
    let tokens: TokenStream = text
        .parse()
        .map_err(|e| Error(format!("hubspot-crm/src/{module}.rs: {e}")))?;
    let tokens = flatten(tokens);
    let base = tokens
        .windows(3)
        .find_map(|w| match w {
            [
                TokenTree::Ident(name),
                TokenTree::Punct(bang),
                TokenTree::Group(args),
            ] if name == "object_endpoints" && bang.as_char() == '!' => {
                args.stream().into_iter().find_map(|t| string(&t))
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
        if let Some(name) = name {
            out.push((method, shape(&path), format!("{module}::{name}")));
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

/// The rows of `object_table.rs`: `module Variant Record Id "segment" "type id" "noun" [groups];`.
fn rows(text: &str) -> Vec<ObjectRow> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let (head, groups) = line.strip_suffix("];")?.split_once('[')?;
            let quoted: Vec<&str> = head.split('"').collect();
            let module = head.split_whitespace().next()?;
            if quoted.len() < 6 || !module.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return None;
            }
            Some(ObjectRow {
                module: module.to_owned(),
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
    "2026-03"
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
        assert_eq!(
            found,
            [
                (
                    "GET".into(),
                    "/crm/objects/{v}/{}/{}".into(),
                    "objects::get".into()
                ),
                (
                    "PUT".into(),
                    "/crm/objects/{v}/{}/{}/associations/default/{}/{}".into(),
                    "objects::create_default".into()
                ),
            ]
        );
        let rows =
            rows(r#"    deals Deals Deal DealId "deals" "0-3" "deal" [read search write merge];"#);
        assert_eq!(rows[0].module, "deals");
        assert_eq!(rows[0].type_id, "0-3");
        assert_eq!(rows[0].groups, ["read", "search", "write", "merge"]);
    }
}
