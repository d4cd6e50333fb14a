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
    let output = hubspot_codegen::generate(&args.spec, Some(&args.workspace))?;
    let io = |path: &std::path::Path, e: std::io::Error| {
        hubspot_codegen::Error(format!("{}: {e}", path.display()))
    };
    let mut stale = Vec::new();
    // Files of APIs that are no longer generated go too.
    for dir in [hubspot_codegen::GENERATED_DIR, hubspot_codegen::TESTS_DIR] {
        for relative in files_below(&args.workspace, &PathBuf::from(dir)) {
            let name = relative.file_name().unwrap_or_default();
            if hubspot_codegen::HAND_WRITTEN.iter().any(|h| name == *h)
                || output.files.contains_key(&relative)
            {
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
    print!("{}", output.report);
    if args.check && !stale.is_empty() {
        return Err(hubspot_codegen::Error(format!(
            "{} generated file(s) are out of date: {stale:?}",
            stale.len()
        )));
    }
    Ok(())
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
