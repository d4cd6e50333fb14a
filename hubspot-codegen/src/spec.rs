//! Reading the collection: `PublicApiSpecs/<Family>/<Api>/Rollouts/<n>/<version>/<name>.json`,
//! each an OpenAPI 3 document. Only interface facts are read from it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::Error;

/// The HTTP methods an operation can have.
pub(crate) const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// One OpenAPI document: an API in one version.
pub(crate) struct SpecFile {
    pub(crate) family: String,
    pub(crate) api: String,
    pub(crate) version: String,
    pub(crate) doc: Value,
}

impl SpecFile {
    /// The document's component schemas, by name.
    pub(crate) fn schemas(&self) -> Option<&serde_json::Map<String, Value>> {
        self.doc.pointer("/components/schemas")?.as_object()
    }

    /// The document's `paths` object.
    pub(crate) fn paths(&self) -> Option<&Value> {
        self.doc.get("paths")
    }

    /// Every operation: (method in capitals, path, the operation object).
    pub(crate) fn operations(&self) -> Vec<(String, &str, &Value)> {
        let mut out = Vec::new();
        if let Some(paths) = self.doc.get("paths").and_then(Value::as_object) {
            for (path, item) in paths {
                for method in METHODS {
                    if let Some(op) = item.get(method) {
                        out.push((method.to_ascii_uppercase(), path.as_str(), op));
                    }
                }
            }
        }
        out
    }
}

/// Whether `version` is a dated one (`2026-03`, `2026-09-beta`) rather than legacy (`v3`).
pub(crate) fn is_dated(version: &str) -> bool {
    let date = version.strip_suffix("-beta").unwrap_or(version);
    let bytes = date.as_bytes();
    bytes.len() == 7
        && bytes[4] == b'-'
        && bytes[..4].iter().chain(&bytes[5..]).all(u8::is_ascii_digit)
}

/// Every OpenAPI document under `root`, sorted by family, API, version and file name so that
/// what is made from them does not depend on the order the file system lists them in. Files that
/// are not OpenAPI documents (the collection also holds Postman collections) are left out.
pub(crate) fn load(root: &Path) -> Result<Vec<SpecFile>, Error> {
    let base = root.join("PublicApiSpecs");
    let mut files = Vec::new();
    walk(&base, &mut files)?;
    files.sort();
    let mut specs = Vec::new();
    for file in files {
        let Ok(relative) = file.strip_prefix(&base) else {
            continue;
        };
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // <Family>/<Api>/Rollouts/<n>/<version>/<name>.json, nothing deeper.
        let [family, api, rollouts, _, version, _] = parts.as_slice() else {
            continue;
        };
        if rollouts != "Rollouts" {
            continue;
        }
        let text = fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
        let doc: Value = serde_json::from_str(&text)
            .map_err(|e| Error(format!("{}: not JSON: {e}", file.display())))?;
        if doc.get("openapi").is_none() {
            continue;
        }
        specs.push(SpecFile {
            family: family.clone(),
            api: api.clone(),
            version: version.clone(),
            doc,
        });
    }
    if specs.is_empty() {
        return Err(Error(format!(
            "no OpenAPI documents under {}: pass a checkout of HubSpot-public-api-spec-collection",
            base.display()
        )));
    }
    Ok(specs)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// The shape of an operation's path: the version segment and every parameter name blanked, so
/// that the same operation matches across versions and specs.
pub(crate) fn shape(path: &str, version: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment == version {
                "{v}"
            } else if segment.starts_with('{') {
                "{}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The dated versions of every (method, shape) in the collection.
pub(crate) fn dated_versions(specs: &[SpecFile]) -> BTreeMap<(String, String), Vec<String>> {
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for spec in specs.iter().filter(|s| is_dated(&s.version)) {
        for (method, path, _) in spec.operations() {
            let versions = out.entry((method, shape(path, &spec.version))).or_default();
            if !versions.contains(&spec.version) {
                versions.push(spec.version.clone());
                versions.sort();
            }
        }
    }
    out
}
