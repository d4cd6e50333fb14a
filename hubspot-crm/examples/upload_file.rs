//! Upload a file from disk into a folder, safely retried: with `duplicateValidationStrategy`
//! `RETURN_EXISTING`, an upload whose answer was lost is sent again and HubSpot answers with
//! the file the first attempt stored, so a dropped connection never leaves two copies. Then the
//! file is read back through a signed URL, fetched without the HubSpot token.
//!
//! Run it: `cargo run -p hubspot-crm --features files --example upload_file -- report.pdf`
//! (no path: a small sample file). Without `HUBSPOT_ACCESS_TOKEN`, the embedded mock drops the
//! first upload's connection after storing it.

mod common;

use std::error::Error;
use std::path::PathBuf;

use hubspot_crm::files::models::FileAccess;
use hubspot_crm::files::{self, DuplicateScope, DuplicateStrategy, Upload, UploadOptions};
use hubspot_mock::{Fault, FaultRule};

/// The folder the example uploads into (made if missing).
const FOLDER: &str = "/hubspot-rust-examples";

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    common::show_retries();
    let path = match std::env::args().nth(1) {
        Some(path) => PathBuf::from(path),
        None => {
            let path = std::env::temp_dir().join("hubspot-upload-example.txt");
            std::fs::write(&path, "A sample file, uploaded by hubspot-crm's example.\n")?;
            path
        }
    };
    let size = std::fs::metadata(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .len();
    // The first upload is stored, then its connection closes before the answer.
    let faults = vec![FaultRule::next(
        1,
        "POST",
        "/files/2026-03/files",
        Fault::Drop,
    )];
    let target = common::connect(faults).await?;
    let client = &target.client;

    let options = UploadOptions::new(FileAccess::Private).duplicates(
        DuplicateStrategy::ReturnExisting,
        DuplicateScope::ExactFolder,
    );
    let upload = || Upload::path(&path, FOLDER, options.clone());
    let file = files::upload_file(upload())?.send(client).await?;
    let Some(id) = file.id.as_deref() else {
        return Err("HubSpot's answer names no file id".into());
    };
    println!(
        "Uploaded {} ({size} bytes) as file {id} at {}.",
        path.display(),
        file.path.as_deref().unwrap_or("?")
    );
    let again = files::upload_file(upload())?.send(client).await?;
    println!(
        "Uploaded it again: HubSpot answered with file {} ({}).",
        again.id.as_deref().unwrap_or("?"),
        if again.id == file.id {
            "the same one, no copy"
        } else {
            "another copy"
        }
    );
    let bytes = files::download(id).send(client).await?;
    println!(
        "Read {} bytes back through a signed URL, without the token; they {} the file on disk.",
        bytes.len(),
        if bytes == std::fs::read(&path)? {
            "match"
        } else {
            "do not match"
        }
    );
    if let Some(mock) = &target.mock {
        println!(
            "hubspot-mock holds {} file(s); it dropped {} connection(s).",
            mock.files().len(),
            mock.stats().dropped
        );
    }
    Ok(())
}
