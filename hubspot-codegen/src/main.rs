//! `cargo run -p hubspot-codegen -- --spec <checkout>`: regenerates every generated file of
//! `hubspot-crm` in place and prints the per-API report.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

/// Regenerates hubspot-crm's generated modules from HubSpot's OpenAPI collection.
#[derive(Parser)]
struct Args {
    /// A local checkout of HubSpot-public-api-spec-collection.
    #[arg(long)]
    spec: PathBuf,
    /// The workspace to write into.
    #[arg(long, default_value = ".")]
    workspace: PathBuf,
    /// Write nothing: fail if a generated file would change.
    #[arg(long)]
    check: bool,
    /// The checkout's commit, where it is not a git checkout (an exported archive).
    #[arg(long)]
    spec_commit: Option<String>,
    /// Generate from a commit other than the pinned one, and pin it.
    #[arg(long)]
    new_commit: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("hubspot-codegen: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), hubspot_codegen::Error> {
    let io = |path: &std::path::Path, e: std::io::Error| {
        hubspot_codegen::Error(format!("{}: {e}", path.display()))
    };
    let commit = commit_of(args)?;
    let pin_file = args.workspace.join(hubspot_codegen::PINNED_COMMIT_FILE);
    let pinned = fs::read_to_string(&pin_file).map_err(|e| io(&pin_file, e))?;
    let moves = hubspot_codegen::check_commit(pinned.trim(), &commit, args.new_commit)?;
    hubspot_codegen::check_rustfmt()?;
    let output = hubspot_codegen::generate(&args.spec, &commit, Some(&args.workspace))?;
    let mut stale = Vec::new();
    // Files of APIs that are no longer generated go too.
    for dir in [
        hubspot_codegen::GENERATED_DIR,
        hubspot_codegen::APIS_DIR,
        hubspot_codegen::TESTS_DIR,
    ] {
        for relative in files_below(&args.workspace, &PathBuf::from(dir)) {
            if output.files.contains_key(&relative) {
                continue;
            }
            stale.push(relative.clone());
            if !args.check {
                let path = args.workspace.join(&relative);
                fs::remove_file(&path).map_err(|e| io(&path, e))?;
            }
        }
    }
    for (relative, text) in &output.files {
        let path = args.workspace.join(relative);
        if fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        stale.push(relative.clone());
        if !args.check {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
            }
            fs::write(&path, text).map_err(|e| io(&path, e))?;
        }
    }
    if moves && !args.check {
        fs::write(&pin_file, format!("{commit}\n")).map_err(|e| io(&pin_file, e))?;
    }
    print!("{}", output.report);
    if args.check && !stale.is_empty() {
        return Err(hubspot_codegen::Error(format!(
            "{} generated file(s) are out of date: {stale:?}",
            stale.len()
        )));
    }
    Ok(())
}

/// The checkout's commit: `--spec-commit`, else what git says of it.
fn commit_of(args: &Args) -> Result<String, hubspot_codegen::Error> {
    if let Some(commit) = &args.spec_commit {
        return Ok(commit.trim().to_owned());
    }
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(&args.spec)
        .args(["rev-parse", "HEAD"])
        .output()
        .map_err(|e| hubspot_codegen::Error(format!("could not run git: {e}")))?;
    let commit = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if !output.status.success() || commit.len() != 40 {
        return Err(hubspot_codegen::Error(format!(
            "{} is not a git checkout: pass its commit with --spec-commit",
            args.spec.display()
        )));
    }
    Ok(commit)
}

/// Every file below `dir` (relative to `root`), in its subdirectories too.
fn files_below(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(root.join(dir)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let relative = dir.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            out.extend(files_below(root, &relative));
        } else {
            out.push(relative);
        }
    }
    out
}
