//! `hubspot-codegen`: reads a local checkout of HubSpot's OpenAPI collection and writes the
//! annotated endpoint signatures and models of `hubspot-crm`'s generated modules.
//!
//! Only interface facts are taken from the collection (methods, paths, parameter and field
//! names, types, required sets, enum values, scopes): its text (descriptions, summaries,
//! examples) is never copied, and every doc comment is written here from the structure.

mod curated;
mod emit;
mod names;
mod plan;
mod report;
mod shared;
mod spec;
mod tests_emit;
mod types;

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

/// Where the generated modules go, relative to the workspace.
pub const GENERATED_DIR: &str = "hubspot-crm/src/generated";
/// Where their request-shape tests go.
pub const TESTS_DIR: &str = "tests/tests/generated";
/// Hand-written files in those directories, which regenerating keeps.
pub const HAND_WRITTEN: [&str; 1] = ["recorder.rs"];

/// Generates from the collection at `spec`, against the hand-written modules of the workspace at
/// `workspace` (`None`: as if there were none, as the fixture tests do).
///
/// # Errors
/// The collection cannot be read, or rustfmt fails on the output.
pub fn generate(spec: &Path, workspace: Option<&Path>) -> Result<Output, Error> {
    let specs = spec::load(spec)?;
    let curated = match workspace {
        Some(root) => curated::Curated::read(root)?,
        None => curated::Curated::none(),
    };
    let plans = plan::plan(&specs, &curated);
    let shared = shared::SharedValues::of(&plans);
    let mut files = BTreeMap::new();
    let dir = PathBuf::from(GENERATED_DIR);
    files.insert(dir.join("mod.rs"), format(&emit::root(&plans, &shared))?);
    if !shared.sets.is_empty() {
        files.insert(dir.join("values.rs"), format(&emit::values(&shared))?);
    }
    let tests = PathBuf::from(TESTS_DIR);
    files.insert(tests.join("main.rs"), format(&tests_emit::root(&plans))?);
    for (top, family) in emit::top_modules(&plans) {
        if family.is_some() {
            files.insert(
                dir.join(top).join("mod.rs"),
                format(&emit::family(top, &plans))?,
            );
        }
    }
    for plan in plans.iter().filter(|p| !p.endpoints.is_empty()) {
        let path = plan.path();
        files.insert(
            dir.join(format!("{}.rs", path.join("/"))),
            format(&emit::api(plan, &shared))?,
        );
        files.insert(
            tests.join(format!("{}.rs", path.join("_"))),
            format(&tests_emit::api(plan))?,
        );
    }
    Ok(Output {
        files,
        report: Report::of(&plans),
    })
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
