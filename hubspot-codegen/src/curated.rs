//! What `hubspot-crm` declares by hand: the endpoints of its hand-written modules (their models
//! are curated: typed ids, `Object<Id, P>`, builders) and the object table's rows. Read from the
//! crate's own sources so that the two cannot drift apart.

use std::fs;
use std::path::Path;

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
            endpoints.extend(declared(&text, module));
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

/// Every `#[hubspot_endpoint(method = "…", path = …)] pub fn name` in `text`, with a
/// `concat!($base, …)` path read against the file's `object_endpoints!("base", …)` call.
fn declared(text: &str, module: &str) -> Vec<(String, String, String)> {
    let base = text
        .split("\nobject_endpoints!(")
        .nth(1)
        .and_then(|rest| rest.split('"').nth(1))
        .unwrap_or_default();
    let mut out = Vec::new();
    for chunk in text.split("hubspot_endpoint(").skip(1) {
        let Some(end) = chunk.find(")]") else {
            continue;
        };
        let args = &chunk[..end];
        let Some(method) = quoted_after(args, "method = ") else {
            continue;
        };
        let path = if let Some(concat) = args.split("concat!(").nth(1) {
            if concat.contains("$segment") {
                continue;
            }
            let body = concat.split(')').next().unwrap_or_default();
            let literals: String = body.split('"').skip(1).step_by(2).collect();
            format!("{base}{literals}")
        } else {
            match quoted_after(args, "path = ") {
                Some(path) => path,
                None => continue,
            }
        };
        let Some(name) = chunk[end..]
            .split("pub fn ")
            .nth(1)
            .and_then(|rest| rest.split(['(', '<']).next())
        else {
            continue;
        };
        out.push((method, shape(&path), format!("{module}::{}", name.trim())));
    }
    out
}

fn quoted_after(args: &str, key: &str) -> Option<String> {
    let rest = args.split(key).nth(1)?;
    let rest = rest.trim_start().strip_prefix('"')?;
    Some(rest.split('"').next()?.to_owned())
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
    fn declarations_and_rows_are_read_from_the_source() {
        let text = r#"
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
"#;
        let found = declared(text, "objects");
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
