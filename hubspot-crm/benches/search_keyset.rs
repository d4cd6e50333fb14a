//! Memory of `paging::search_all` past the 10,000-result cap: how far streaming every record of
//! a search raises the process's peak resident memory (`VmHWM`, Linux), for 5,000, 25,000 and
//! 50,000 matches, next to collecting the same search into a `Vec`. The mock runs in a child
//! process, so only the client's memory is measured.
//!
//! `cargo bench -p hubspot-crm --bench search_keyset`

// A bench that cannot start its mock or client has nothing to measure: it stops there.
#![allow(clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use futures_util::TryStreamExt;
use hubspot_crm::Client;
use hubspot_crm::models::{Contact, CreateInput, Filter, SearchRequest};
use hubspot_crm::{batch, contacts, paging};
use hubspot_mock::{Limits, MockConfig, MockServer};

/// Set in the child process that serves the mock.
const CHILD: &str = "SEARCH_KEYSET_MOCK";

/// The process's peak resident memory (`VmHWM`, Linux), in bytes.
fn peak_rss() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib * 1024.0)
}

/// Runs `work` and returns how far it raised the peak resident memory, in bytes.
async fn peak_of<F: std::future::Future<Output = usize>>(work: F) -> (usize, f64) {
    // Resets VmHWM to the current resident size.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = peak_rss();
    let count = work.await;
    (count, peak_rss() - before)
}

/// The child: serves the mock until its parent closes stdin.
fn serve_mock() {
    let runtime = tokio::runtime::Runtime::new().expect("mock runtime");
    runtime.block_on(async {
        let limits = Limits {
            window_max: 1_000_000,
            search_per_second: 1_000_000,
            daily: u32::MAX,
            ..Limits::default()
        };
        let mock = MockServer::start(MockConfig::default().limits(limits).lax_properties())
            .await
            .expect("mock");
        println!("{}", mock.base_url());
        let mut line = String::new();
        let _ = tokio::task::spawn_blocking(move || std::io::stdin().read_line(&mut line)).await;
    });
}

fn main() {
    if std::env::var_os(CHILD).is_some() {
        return serve_mock();
    }
    // The mock in a child process, so that the memory measured is the client's alone.
    let mut child = Command::new(std::env::current_exe().expect("own path"))
        .env(CHILD, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("mock process");
    let mut base_url = String::new();
    let stdout = child.stdout.take().expect("mock stdout");
    BufReader::new(stdout)
        .read_line(&mut base_url)
        .expect("mock url");
    let base_url = base_url.trim().to_owned();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let client = Client::builder()
            .access_token(MockConfig::DEFAULT_TOKEN)
            .base_url(&base_url)
            .rate_limiter(false)
            .build()
            .expect("client");
        println!("| matches | streamed by search_all: peak RSS growth | collected into a Vec: peak RSS growth | stream time |");
        println!("|---|---|---|---|");
        let mut created = 0;
        for (tag, matches) in [("a", 5_000), ("b", 25_000), ("c", 50_000)] {
            let inputs = (0..matches).map(|i| CreateInput::new().set("email", format!("{tag}{i}@example.com")).set("tag", tag));
            batch::all(contacts::batch_create, inputs).send(&client).await.into_result().expect("seed");
            created += matches;
            let search = || SearchRequest::builder().filter(Filter::eq("tag", tag)).limit(200).build().expect("search");
            let started = Instant::now();
            let (streamed, stream_peak) = peak_of(async {
                paging::search_all(contacts::search, search()).with_client(&client)
                    .try_fold(0, |n, _: Contact| async move { Ok(n + 1) })
                    .await
                    .expect("stream")
            })
            .await;
            let elapsed = started.elapsed();
            let (collected, vec_peak) = peak_of(async {
                let all: Vec<Contact> = paging::search_all(contacts::search, search()).with_client(&client).try_collect().await.expect("collect");
                all.len()
            })
            .await;
            assert_eq!((streamed, collected), (matches, matches));
            let mib = |b: f64| b / (1024.0 * 1024.0);
            println!(
                "| {matches} | {:.2} MiB | {:.2} MiB | {:.2} s |",
                mib(stream_peak),
                mib(vec_peak),
                elapsed.as_secs_f64()
            );
        }
        println!("\n{created} contacts in the mock; every search yielded each of its matches once.");
    });
    // Closing stdin ends the child.
    drop(child.stdin.take());
    let _ = child.wait();
}
