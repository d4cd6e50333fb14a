//! 200 webhook senders that each stall one byte short of a 1 MiB body (half announcing its
//! length, half chunked), against the `VerifiedEvents` extractor served in a child process,
//! side by side in one run: with no budget across requests (each bounded alone, as before the
//! budget) and with the default budget. Prints the server's peak resident memory, whether a
//! signed request sent meanwhile was served, and how many senders were told to retry.
//!
//! `cargo bench -p tests --bench webhook_flood`

// A bench that cannot start its server has nothing to measure: it stops there.
#![allow(clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use axum::Router;
use axum::routing::post;
use hubspot_crm::webhooks::{VerifiedEvents, WebhookConfig};

const SENDERS: usize = 200;
const V1_SECRET: &str = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const BODY: &str = r#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#;
/// The v1 signature of `BODY` under `V1_SECRET`.
const V1: &str = "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--serve") {
        serve(args.get(at + 1).map(String::as_str) == Some("unbounded"));
        return;
    }
    println!("| receiver | peak RSS (MiB) | signed request | told to retry | still held |");
    println!("|---|---|---|---|---|");
    for mode in ["unbounded", "budget"] {
        let row = flood(mode);
        println!(
            "| {mode} | {:.1} | {} | {} | {} |",
            row.peak_kib as f64 / 1024.0,
            row.signed,
            row.retry,
            row.held
        );
    }
}

/// The child: the extractor on a free port, printed on stdout.
fn serve(unbounded: bool) {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let mut config = WebhookConfig::new(V1_SECRET, "https://example.com")
            .accept_legacy_signatures()
            .body_timeout(Duration::from_secs(60));
        if unbounded {
            config = config.max_in_flight(usize::MAX, usize::MAX);
        }
        async fn on_events(VerifiedEvents(events): VerifiedEvents) -> String {
            events.len().to_string()
        }
        let app = Router::new()
            .route("/webhooks/hubspot", post(on_events))
            .with_state(config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        println!("{}", listener.local_addr().expect("an address"));
        axum::serve(listener, app).await.expect("serving");
    });
}

struct Row {
    peak_kib: u64,
    signed: String,
    retry: usize,
    held: usize,
}

fn flood(mode: &str) -> Row {
    let mut child: Child = Command::new(std::env::current_exe().expect("this binary"))
        .args(["--serve", mode])
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("its stdout"))
        .read_line(&mut line)
        .expect("its address");
    let addr: std::net::SocketAddr = line.trim().parse().expect("an address");
    let pid = child.id();
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let row = runtime.block_on(async move {
        let senders: Vec<_> = (0..SENDERS)
            .map(|i| {
                tokio::spawn(tests::stall_one_byte_short(
                    addr,
                    V1,
                    i % 2 == 1,
                    Duration::from_secs(4),
                ))
            })
            .collect();
        // Let every sender send what it will, and the server read it.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let signed = tests::http()
            .post(format!("http://{addr}/webhooks/hubspot"))
            .header("x-hubspot-signature", V1)
            .body(BODY)
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .map_or_else(|e| format!("failed: {e}"), |r| r.status().to_string());
        let peak_kib = peak_rss_kib(pid);
        let (mut retry, mut held) = (0, 0);
        for sender in senders {
            match sender.await.expect("a sender").as_deref() {
                Some("HTTP/1.1 503") => retry += 1,
                None => held += 1,
                Some(_) => {}
            }
        }
        Row {
            peak_kib,
            signed,
            retry,
            held,
        }
    });
    let _ = child.kill();
    let _ = child.wait();
    row
}

/// The child's peak resident set (`VmHWM`), in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("its status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}
