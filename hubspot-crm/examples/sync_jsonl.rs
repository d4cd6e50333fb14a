//! Sync every contact to JSON lines on stdout, page by page in constant memory.
//!
//! Run it: `cargo run -p hubspot-crm --example sync_jsonl > contacts.jsonl`

mod common;

use std::error::Error;
use std::io::Write;
use std::pin::pin;

use futures_util::TryStreamExt;
use hubspot_crm::models::{ListOptions, UpsertInput};
use hubspot_crm::{batch, contacts, paging};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let target = common::connect(Vec::new()).await?;
    if target.mock.is_some() {
        // Give the empty mock something to sync.
        let seed = (0..120).map(|i| {
            UpsertInput::by("email", format!("sync-{i}@example.com"))
                .set("firstname", format!("Sync {i}"))
        });
        batch::all(contacts::batch_upsert, seed)
            .send(&target.client)
            .await
            .into_result()?;
    }
    let options = ListOptions {
        limit: Some(100),
        properties: vec!["email".into(), "firstname".into(), "lastname".into()],
        ..ListOptions::default()
    };
    let mut stdout = std::io::stdout().lock();
    let mut contacts = pin!(paging::list_all(contacts::list, options).with_client(&target.client));
    let mut count = 0;
    while let Some(contact) = contacts.try_next().await? {
        serde_json::to_writer(&mut stdout, &contact)?;
        stdout.write_all(b"\n")?;
        count += 1;
    }
    eprintln!("Wrote {count} contacts.");
    Ok(())
}
