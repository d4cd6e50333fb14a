//! Which crate each generated API goes in. The CRM's own APIs stay in `hubspot-crm`, beside the
//! hand-written modules they are merged into; every other family is a crate of its own
//! (`hubspot-cms`), and the CRM APIs behind a feature share `hubspot-crm-extras`. Crates build
//! in parallel and are cached apart: an edit to a hand-written CRM file re-checks `hubspot-crm`
//! alone, not every family an app turned on. `hubspot-crm` re-exports each under its feature.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::names::feature;
use crate::plan::ApiPlan;

/// Where the API crates go, relative to the workspace.
pub(crate) const APIS_DIR: &str = "apis";
/// Where the modules that stay in `hubspot-crm` go.
pub(crate) const GENERATED_DIR: &str = "hubspot-crm/src/generated";
/// The value sets several APIs share, in the crate all of them build on.
pub(crate) const VALUES_FILE: &str = "hubspot-models/src/values.rs";
/// The models several APIs define alike, there too.
pub(crate) const SHARED_FILE: &str = "hubspot-models/src/shared.rs";
/// The crate of the CRM APIs behind a feature.
pub(crate) const EXTRAS: &str = "hubspot-crm-extras";

/// An API crate: its name, and the features it has (one per module for the extras, none for a
/// family's own crate, which its one feature of `hubspot-crm` turns on whole).
pub(crate) struct ApiCrate<'p> {
    pub(crate) name: String,
    /// `hubspot-crm`'s features that need it.
    pub(crate) features: Vec<&'static str>,
    /// Its APIs' top-level modules, with the feature of each.
    pub(crate) modules: BTreeMap<&'p str, &'static str>,
    /// The family's module (`cms`), for a family crate.
    pub(crate) family: Option<&'p str>,
}

impl ApiCrate<'_> {
    fn src(&self) -> PathBuf {
        PathBuf::from(APIS_DIR).join(&self.name).join("src")
    }

    /// Its `Cargo.toml`.
    pub(crate) fn manifest_path(&self) -> PathBuf {
        PathBuf::from(APIS_DIR).join(&self.name).join("Cargo.toml")
    }

    /// Its `shared.rs`: the models several of its APIs define alike.
    pub(crate) fn shared_path(&self) -> PathBuf {
        self.src().join("shared.rs")
    }

    /// Its `lib.rs`.
    pub(crate) fn root_path(&self) -> PathBuf {
        self.src().join("lib.rs")
    }
}

/// The crate an API goes in; `None`: `hubspot-crm` itself.
pub(crate) fn crate_of(plan: &ApiPlan<'_>) -> Option<String> {
    let top = plan.path()[0];
    let feature = feature(top)?;
    Some(match plan.family_module {
        Some(_) => format!("hubspot-{feature}"),
        None => EXTRAS.to_owned(),
    })
}

/// Every API crate, by name, in order.
pub(crate) fn crates<'p>(plans: &'p [ApiPlan<'_>]) -> BTreeMap<String, ApiCrate<'p>> {
    let mut out: BTreeMap<String, ApiCrate<'p>> = BTreeMap::new();
    for plan in plans.iter().filter(|p| !p.endpoints.is_empty()) {
        let (Some(name), Some(feature)) = (crate_of(plan), feature(plan.path()[0])) else {
            continue;
        };
        let entry = out.entry(name.clone()).or_insert_with(|| ApiCrate {
            name,
            features: Vec::new(),
            modules: BTreeMap::new(),
            family: plan.family_module.as_deref(),
        });
        if !entry.features.contains(&feature) {
            entry.features.push(feature);
        }
        entry.modules.insert(plan.path()[0], feature);
    }
    for krate in out.values_mut() {
        krate.features.sort_unstable();
    }
    out
}

/// The file an API's module is written to.
pub(crate) fn file_of(plan: &ApiPlan<'_>, crates: &BTreeMap<String, ApiCrate<'_>>) -> PathBuf {
    let path = plan.path();
    let Some(krate) = crate_of(plan).and_then(|name| crates.get(&name)) else {
        return PathBuf::from(GENERATED_DIR).join(format!("{}.rs", path.join("/")));
    };
    match (krate.family, path.as_slice()) {
        (Some(_), [_]) => krate.root_path(),
        (Some(_), [_, rest @ ..]) => krate.src().join(format!("{}.rs", rest.join("/"))),
        _ => krate.src().join(format!("{}.rs", path.join("/"))),
    }
}

/// An API crate's `Cargo.toml`.
pub(crate) fn manifest(krate: &ApiCrate<'_>, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "#{}", line.trim_start_matches('/'));
    }
    out.push('\n');
    let what = match krate.family {
        Some(family) => format!("HubSpot's {family} APIs"),
        None => "The CRM APIs only some apps use".to_owned(),
    };
    let _ = write!(
        out,
        "[package]\nname = \"{}\"\ndescription = \"{what}, for the HubSpot SDK: use them through `hubspot-crm` and its feature{}.\"\nversion.workspace = true\nedition.workspace = true\nrust-version.workspace = true\nlicense.workspace = true\nrepository.workspace = true\n\n",
        krate.name,
        match krate.features.as_slice() {
            [one] => format!(" `{one}`"),
            _ => "s".to_owned(),
        }
    );
    // Generated code has no tests or examples of its own: `tests` sends every operation.
    out.push_str("[lib]\ntest = false\ndoctest = false\nbench = false\n\n");
    let models = |features: &[&str]| {
        features
            .iter()
            .map(|f| format!("\"{f}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if krate.family.is_none() {
        out.push_str("[features]\n");
        for feature in &krate.features {
            let _ = writeln!(out, "{feature} = [\"hubspot-models/{feature}\"]");
        }
        out.push('\n');
        out.push_str("[dependencies]\nhubspot-models.workspace = true\n");
    } else {
        let _ = writeln!(
            out,
            "[dependencies]\nhubspot-models = {{ workspace = true, features = [{}] }}",
            models(&krate.features)
        );
    }
    out.push_str(
        "hubspot-runtime.workspace = true\nserde.workspace = true\nserde_json.workspace = true\n\n[package.metadata.docs.rs]\nall-features = true\nrustdoc-args = [\"--cfg\", \"docsrs\"]\n\n[lints]\nworkspace = true\n",
    );
    out
}

/// The extras crate's `lib.rs`: each module behind its feature.
pub(crate) fn extras_root(krate: &ApiCrate<'_>, plans: &[ApiPlan<'_>]) -> String {
    let mut out = String::from(
        "\n//! The CRM APIs only some apps use, each behind its feature: use them through\n//! `hubspot-crm`, whose features of the same names re-export them at its root.\n\n#![cfg_attr(docsrs, feature(doc_cfg))]\n\n",
    );
    for (module, feature) in &krate.modules {
        let operations: usize = plans
            .iter()
            .filter(|p| p.path() == [*module])
            .map(|p| p.endpoints.len())
            .sum();
        let _ = writeln!(
            out,
            "#[cfg(feature = \"{feature}\")]\n#[cfg_attr(docsrs, doc(cfg(feature = \"{feature}\")))]\n/// HubSpot's `{module}` API: {operations} operation(s).\npub mod {module};"
        );
    }
    out
}
