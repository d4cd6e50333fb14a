//! `hubspot-codegen`: reads a local checkout of HubSpot's OpenAPI collection and writes the
//! annotated endpoint signatures and models of `hubspot-crm`'s generated modules.
//!
//! Only interface facts are taken from the collection (methods, paths, parameter and field
//! names, types, required sets, enum values, scopes): its text (descriptions, summaries,
//! examples) is never copied, and every doc comment is written here from the structure.

mod curated;
mod emit;
mod index;
mod layout;
mod links;
mod mock_emit;
mod names;
mod plan;
mod report;
mod shared;
mod shared_models;
mod spec;
mod tests_emit;
mod types;
mod writes;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use report::Report;

/// What went wrong, said once.
#[derive(Debug)]
pub struct Error(pub String);

impl Error {
    fn io(path: &Path, error: std::io::Error) -> Self {
        Self(format!("{}: {error}", path.display()))
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// The generated files, by path relative to the workspace, and the per-API report.
pub struct Output {
    /// Each file's formatted text.
    pub files: BTreeMap<PathBuf, String>,
    /// What was emitted, declared by hand or skipped, per API.
    pub report: Report,
}

/// Where the generated modules that stay in `hubspot-crm` go, relative to the workspace.
pub const GENERATED_DIR: &str = layout::GENERATED_DIR;
/// Where the generated API crates go.
pub const APIS_DIR: &str = layout::APIS_DIR;
/// Where their request-shape tests go.
pub const TESTS_DIR: &str = "tests/tests/generated";
/// The index of every operation and the function that sends it, relative to the workspace.
pub const INDEX_FILE: &str = "docs/operations.md";
/// hubspot-mock's answer to every operation, relative to the workspace.
pub const MOCK_ANSWERS_FILE: &str = "hubspot-mock/src/answers.rs";
/// Every generated write and whether it is sent again after an unknown outcome.
pub const WRITES_FILE: &str = "docs/writes.md";

/// The collection's commit the checked-in code is generated from, one line, beside this crate's
/// `Cargo.toml`: regenerating from another commit needs `--new-commit`, which rewrites it.
pub const PINNED_COMMIT_FILE: &str = "hubspot-codegen/spec-commit";

/// The rustfmt whose output is checked in: another version may format differently.
pub const RUSTFMT_VERSION: &str = "rustfmt 1.9.0-stable";

/// Refuses to generate from `commit` when the checked-in code is pinned to another, unless
/// `moving` says the pin is to move. `Ok(true)`: the pin moves to `commit`.
///
/// # Errors
/// The commits differ and `moving` is false: the message names both.
pub fn check_commit(pinned: &str, commit: &str, moving: bool) -> Result<bool, Error> {
    if commit == pinned {
        return Ok(false);
    }
    if moving {
        return Ok(true);
    }
    Err(Error(format!(
        "the checkout is at commit {commit}, but the generated code is pinned to {pinned} \
         ({PINNED_COMMIT_FILE}): check out {pinned} to reproduce it, or pass --new-commit to \
         move to {commit}"
    )))
}

/// Refuses a rustfmt other than [`RUSTFMT_VERSION`], whose output would differ from what is
/// checked in.
///
/// # Errors
/// rustfmt cannot be run, or is another version.
pub fn check_rustfmt() -> Result<(), Error> {
    let output = Command::new("rustfmt")
        .arg("--version")
        .output()
        .map_err(|e| Error(format!("could not run rustfmt: {e}")))?;
    let version = String::from_utf8_lossy(&output.stdout);
    if version.starts_with(RUSTFMT_VERSION) {
        return Ok(());
    }
    Err(Error(format!(
        "the checked-in code is formatted by {RUSTFMT_VERSION}, this is {}: install the Rust \
         version of the workspace's `rust-version`",
        version.trim()
    )))
}

/// Stops where two operations would share a name (generating one and dropping the other would
/// make a released name depend on which HubSpot published first), and where a hand-written
/// declaration lacks a version the collection has (that version would be unreachable).
fn refuse_conflicts(plans: &[plan::ApiPlan<'_>]) -> Result<(), Error> {
    let mut problems = Vec::new();
    for plan in plans {
        for (method, path, _, outcome) in &plan.outcomes {
            let (what, why) = match outcome {
                plan::Outcome::Collides(why) => ("two operations would share a name", why),
                plan::Outcome::LacksVersions(why) => {
                    ("a hand-written declaration lacks versions", why)
                }
                _ => continue,
            };
            problems.push(format!("{what}: {} `{method} {path}`: {why}", plan.api));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(Error(problems.join("\n")))
}

/// Generates from the collection at `spec` (at `commit`, which every file's header names),
/// against the hand-written modules of the workspace at `workspace` (`None`: as if there were
/// none, as the fixture tests do).
///
/// # Errors
/// The collection cannot be read, two operations would share a name, or rustfmt fails on
/// the output.
pub fn generate(spec: &Path, commit: &str, workspace: Option<&Path>) -> Result<Output, Error> {
    let specs = spec::load(spec)?;
    let curated = match workspace {
        Some(root) => curated::Curated::read(root)?,
        None => curated::Curated::none(),
    };
    let plans = plan::plan(&specs, &curated);
    refuse_conflicts(&plans)?;
    let shared = shared::SharedValues::of(&plans);
    let models = shared_models::SharedModels::of(&plans, &shared, emit::item_text);
    let header = header(commit);
    let file = |body: String| format(&(header.clone() + &body));
    let mut files = BTreeMap::new();
    let dir = PathBuf::from(GENERATED_DIR);
    files.insert(dir.join("mod.rs"), file(emit::root(&plans))?);
    if !shared.sets.is_empty() {
        files.insert(
            PathBuf::from(layout::VALUES_FILE),
            file(emit::values(&shared))?,
        );
    }
    files.insert(
        PathBuf::from(layout::SHARED_FILE),
        file(emit::shared_models(&models, None, true))?,
    );
    let crates = layout::crates(&plans);
    for krate in crates.values() {
        files.insert(krate.manifest_path(), layout::manifest(krate, &header));
        let extras = krate.family.is_none();
        let root = match krate.family {
            None => Some(layout::extras_root(krate, &plans)),
            // A family of several APIs: a module each. One API is the crate's root itself.
            Some(family) if emit::is_family(family, &plans) => Some(emit::family(family, &plans)),
            Some(_) => None,
        };
        let Some(mut root) = root else { continue };
        if models.in_home(Some(&krate.name)).next().is_some() {
            root.push_str("\nmod shared;\n");
            files.insert(
                krate.shared_path(),
                file(emit::shared_models(&models, Some(&krate.name), extras))?,
            );
        }
        files.insert(krate.root_path(), file(root)?);
    }
    let tests = PathBuf::from(TESTS_DIR);
    files.insert(tests.join("main.rs"), file(tests_emit::root(&plans))?);
    for plan in plans.iter().filter(|p| !p.endpoints.is_empty()) {
        let path = plan.path();
        files.insert(
            layout::file_of(plan, &crates),
            file(emit::api(plan, &shared, &models))?,
        );
        files.insert(
            tests.join(format!("{}.rs", path.join("_"))),
            file(tests_emit::api(plan))?,
        );
    }
    files.insert(
        PathBuf::from(MOCK_ANSWERS_FILE),
        file(mock_emit::answers(&plans))?,
    );
    files.insert(PathBuf::from(INDEX_FILE), index::operations(&plans, commit));
    files.insert(PathBuf::from(WRITES_FILE), writes::writes(&plans, commit));
    Ok(Output {
        files,
        report: Report::of(&plans),
    })
}

/// The lines every generated file starts with.
fn header(commit: &str) -> String {
    format!(
        "// Generated by hubspot-codegen from HubSpot's OpenAPI collection at commit {commit}:\n// do not edit. Run `cargo run -p hubspot-codegen -- --spec <checkout>` to regenerate.\n"
    )
}

/// Formats `source` with rustfmt, as `cargo fmt` would.
fn format(source: &str) -> Result<String, Error> {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error(format!("could not run rustfmt: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(source.as_bytes())
            .map_err(|e| Error(format!("rustfmt: {e}")))?;
    }
    let output = child
        .wait_with_output()
        .map_err(|e| Error(format!("rustfmt: {e}")))?;
    if !output.status.success() {
        return Err(Error(format!(
            "rustfmt refused the generated code: {}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    String::from_utf8(output.stdout).map_err(|e| Error(format!("rustfmt: {e}")))
}
