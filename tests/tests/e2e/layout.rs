//! The generated API's layout: each family a crate of its own, re-exported by `hubspot-crm` at
//! the paths an app uses, and a model several APIs define alike generated once, so that a value
//! built for one API is the one another takes.

use std::any::TypeId;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use hubspot_crm::{cms, commerce, conversations, lists, marketing, object_tags};

#[test]
fn a_model_two_apis_define_alike_is_one_type() {
    // Across crates (the CRM's lists and the extras' object tags; marketing and commerce),
    // and within one family's crate.
    let same = [
        (
            TypeId::of::<lists::models::PublicAdsTimeFilter>(),
            TypeId::of::<object_tags::models::PublicAdsTimeFilter>(),
        ),
        (
            TypeId::of::<marketing::forms::models::GetQuery>(),
            TypeId::of::<commerce::price_books::models::GetQuery>(),
        ),
        (
            TypeId::of::<cms::posts::models::ListQuery>(),
            TypeId::of::<cms::tags::models::ListQuery>(),
        ),
        (
            TypeId::of::<conversations::custom_channels::models::PublicContact>(),
            TypeId::of::<conversations::threads::models::PublicContact>(),
        ),
        // A second shape of a name, shared from a module of its own (in a family's crate,
        // and in `hubspot-models` across crates).
        (
            TypeId::of::<cms::url_redirects::models::ListQuery>(),
            TypeId::of::<cms::domains::models::ListQuery>(),
        ),
        (
            TypeId::of::<hubspot_crm::files::models::GetQuery>(),
            TypeId::of::<hubspot_crm::tasks_series::models::GetQuery>(),
        ),
        (
            TypeId::of::<commerce::price_books::models::ListQuery>(),
            TypeId::of::<hubspot_crm::automation::actions::models::ListQuery>(),
        ),
    ];
    // The two shapes of one name stay two types.
    assert_ne!(
        TypeId::of::<cms::url_redirects::models::ListQuery>(),
        TypeId::of::<cms::posts::models::ListQuery>()
    );
    for (index, (one, other)) in same.into_iter().enumerate() {
        assert_eq!(one, other, "pair {index} is two types");
    }
    // A filter built for lists goes to object tags as it is.
    let filter: lists::models::PublicAdsTimeFilter =
        serde_json::from_value(serde_json::json!({})).unwrap();
    let _: object_tags::models::PublicAdsTimeFilter = filter;
}

/// The generated sources: `hubspot-crm`'s own, every API crate's and the shared models.
fn generated_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut dirs = vec![root.join("hubspot-crm/src/generated")];
    for krate in std::fs::read_dir(root.join("apis")).unwrap() {
        dirs.push(krate.unwrap().path().join("src"));
    }
    let mut files = vec![root.join("hubspot-models/src/shared.rs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// Each `pub struct`/`pub enum` of `text`, by name, with its body up to its closing brace.
fn items(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(rest) = trimmed
            .strip_prefix("pub struct ")
            .or_else(|| trimmed.strip_prefix("pub enum "))
        else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let indent = &line[..line.len() - trimmed.len()];
        let end = lines[at..]
            .iter()
            .position(|l| *l == format!("{indent}}}"))
            .map_or(lines.len(), |n| at + n);
        let body: Vec<&str> = lines[at..end].iter().map(|l| l.trim()).collect();
        out.push((name, body.join("\n")));
    }
    out
}

#[test]
fn no_generated_type_is_defined_twice_alike() {
    let mut defined: BTreeMap<(String, String), Vec<PathBuf>> = BTreeMap::new();
    for file in generated_sources() {
        let text = std::fs::read_to_string(&file).unwrap();
        for item in items(&text) {
            defined.entry(item).or_default().push(file.clone());
        }
    }
    assert!(defined.len() > 1_000, "{} types found", defined.len());
    let mut repeated: Vec<&str> = defined
        .iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|((name, _), _)| name.as_str())
        .collect();
    repeated.sort_unstable();
    // The two `PublicEmailContent`s read alike but name models that differ between their
    // APIs: two structures.
    assert_eq!(
        repeated,
        ["PublicEmailContent"],
        "{:#?}",
        defined
            .iter()
            .filter(|(_, files)| files.len() > 1)
            .map(|((name, _), files)| (name, files))
            .collect::<Vec<_>>()
    );
}
