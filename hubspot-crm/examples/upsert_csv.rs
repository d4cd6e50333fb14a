//! Bulk-upsert contacts from a CSV file (first row: property names, one of them `email`), in
//! retry-safe chunks of 100.
//!
//! Run it: `cargo run -p hubspot-crm --example upsert_csv -- contacts.csv` (no file: a built-in sample)

mod common;

use std::error::Error;

use hubspot_crm::models::UpsertInput;
use hubspot_crm::{batch, contacts};

const SAMPLE: &str = "email,firstname,lastname,company\n\
ada@example.com,Ada,Lovelace,Analytical Engines\n\
grace@example.com,Grace,Hopper,\"Navy, US\"\n\
alan@example.com,Alan,Turing,Bletchley Park\n";

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let text = match std::env::args().nth(1) {
        Some(path) => {
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?
        }
        None => SAMPLE.to_owned(),
    };
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers()?.clone();
    let email_column = headers
        .iter()
        .position(|h| h == "email")
        .ok_or("the CSV needs an `email` column")?;
    let mut inputs = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("line {}: {e}", line + 2))?;
        let email = record.get(email_column).unwrap_or_default();
        if email.is_empty() {
            eprintln!("line {}: no e-mail, skipped", line + 2);
            continue;
        }
        let mut input = UpsertInput::by("email", email);
        for (name, value) in headers.iter().zip(record.iter()) {
            if name != "email" && !value.is_empty() {
                input = input.set(name, value);
            }
        }
        inputs.push(input);
    }

    let target = common::connect(Vec::new()).await?;
    let outcome = batch::all(contacts::batch_upsert, inputs)
        .send(&target.client)
        .await;
    let created = outcome.results().filter(|(_, r)| r.new).count();
    println!(
        "Upserted {} contacts ({created} new) in {} requests.",
        outcome.results().count(),
        outcome.requests
    );
    for (input, error) in outcome.failed() {
        println!("failed: {}: {error}", input.id);
    }
    let resend = outcome.unsent().count() + outcome.unknown().count();
    if resend > 0 {
        println!(
            "{resend} contacts may not have been written; rerun to send them again (upserts are safe to repeat)."
        );
    }
    outcome.into_result()?;
    Ok(())
}
