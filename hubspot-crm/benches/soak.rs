//! The soak run: 20,480 mixed operations (retry-safe creates, updates, batch upserts,
//! `search_all`, association writes, list and property reads) from 32 tasks over 4 clients
//! against hubspot-mock, with every fault at once: 503s before a write is applied, connections
//! dropped after it, truncated bodies, slow answers, a 429 storm, OAuth tokens expiring
//! mid-run, and the `redis-server` two of the clients share their limit through killed and
//! started again. Afterwards it reads the mock's store and reports what was lost, doubled or
//! failed, the panics, the 429s drawn and this process's memory.
//!
//! The mock runs in a child process (this binary again), so the memory measured is the
//! client's alone. `cargo bench -p hubspot-crm --bench soak`; it needs `redis-server`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use hubspot_crm::batch::{self, ItemStatus};
use hubspot_crm::models::{
    Filter, ListOptions, ObjectInput, ObjectType, SearchRequest, UpsertInput,
};
use hubspot_crm::oauth::{OAuth, OAuthApp};
use hubspot_crm::{
    Client, Error, Lane, RateLimit, WriteOutcome, associations, contacts, paging, properties, safe,
};
use hubspot_mock::{Fault, FaultRule, Limits, MockConfig, MockServer, OAuthConfig, RedisServer};
use serde_json::{Value, json};

const TASKS: usize = 32;
const OPS_PER_TASK: usize = 640;
/// Contacts each task owns and updates; each task also owns one company to link them to.
const OWNED: usize = 4;
const SHARED_TOKEN: &str = "pat-na1-soak-shared-0123456789";
const OWN_TOKEN: &str = "pat-na1-soak-own-0123456789";
/// The mock's limits, per token: 400 a second in the rolling window, 40 searches a second.
const WINDOW_MAX: u32 = 400;
const SEARCHES_PER_SECOND: u32 = 40;
/// Tokens drawing on separate limits: the shared one, the own one, and the OAuth app's.
const TOKENS: u32 = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Its own reqwest client needs a crypto provider (README, "TLS").
    hubspot_crm::install_crypto_provider();
    if std::env::var_os("SOAK_ROLE").is_some_and(|role| role == "mock") {
        return serve_mock();
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(drive())
}

/// The child: serves the mock until its stdin closes.
fn serve_mock() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let config = MockConfig {
            tokens: vec![SHARED_TOKEN.into(), OWN_TOKEN.into()],
            limits: Limits {
                window_max: WINDOW_MAX,
                window: Duration::from_secs(1),
                search_per_second: SEARCHES_PER_SECOND,
                daily: u32::MAX,
            },
            oauth: OAuthConfig {
                token_lifetime: Duration::from_secs(20),
                rotate_refresh_tokens: true,
                ..OAuthConfig::default()
            },
            ..MockConfig::default()
        }
        .lax_properties();
        let mock = MockServer::start(config).await?;
        println!("{}", mock.base_url());
        // Serve until the parent goes away.
        tokio::task::spawn_blocking(|| std::io::stdin().read_to_end(&mut Vec::new())).await??;
        drop(mock);
        Ok(())
    })
}

/// The mock in its child process, and its control API.
struct Mock {
    child: Child,
    base_url: String,
    control: reqwest::Client,
}

impl Mock {
    fn start() -> Result<Self, Box<dyn std::error::Error>> {
        let mut child = Command::new(std::env::current_exe()?)
            .env("SOAK_ROLE", "mock")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut base_url = String::new();
        BufReader::new(stdout).read_line(&mut base_url)?;
        Ok(Self {
            child,
            base_url: base_url.trim().to_owned(),
            control: reqwest::Client::new(),
        })
    }

    async fn post(&self, path: &str, body: Value) -> Result<(), reqwest::Error> {
        let url = format!("{}{path}", self.base_url);
        self.control
            .post(url)
            .json(&body)
            .send()
            .await?
            .error_for_status()?;
        Ok(())
    }

    async fn fault(&self, rule: FaultRule) -> Result<(), Box<dyn std::error::Error>> {
        self.post("/__mock/faults", serde_json::to_value(rule)?)
            .await?;
        Ok(())
    }

    async fn get(&self, path: &str) -> Result<Value, reqwest::Error> {
        let url = format!("{}{path}", self.base_url);
        self.control.get(url).send().await?.json().await
    }

    async fn clear_faults(&self) -> Result<(), reqwest::Error> {
        let url = format!("{}/__mock/faults", self.base_url);
        self.control.delete(url).send().await?.error_for_status()?;
        Ok(())
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

/// What one operation did, for the accounting afterwards. Plain numbers, the strings made
/// again afterwards: the bookkeeping must not grow the memory this run measures.
#[derive(Debug, Clone, Copy)]
enum Done {
    /// An update of owned contact `k` to the value `task-op`: acknowledged, or its outcome
    /// unknown.
    Update { k: u8, op: u16, acknowledged: bool },
    /// A retry-safe create of `created-task-op`.
    Created { op: u16, acknowledged: bool },
    /// Input `j` of the batch upsert of `batch-task-op-j`.
    Batched { op: u16, j: u8, acknowledged: bool },
    /// Owned contact `k` linked to the task's company, acknowledged.
    Linked { k: u8 },
}

/// One task's record, allocated in full before the run.
struct Tally {
    task: usize,
    done: Vec<Done>,
    failed: BTreeMap<String, usize>,
}

impl Tally {
    fn new(task: usize) -> Self {
        Self {
            task,
            done: Vec::with_capacity(OPS_PER_TASK * 10),
            failed: BTreeMap::new(),
        }
    }
}

fn created_email(task: usize, op: u16) -> String {
    format!("created-{task}-{op}@soak.example")
}

fn batched_email(task: usize, op: u16, j: u8) -> String {
    format!("batch-{task}-{op}-{j}@soak.example")
}

async fn drive() -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let Some(mut redis) = RedisServer::start()? else {
        return Err("the soak run needs redis-server on the PATH".into());
    };
    let mock = Mock::start()?;
    let clients = clients(&mock, &redis).await?;
    let owned = setup(&clients[1]).await?;

    // Faults from the first operation on, all drawn from the mock's fixed seed.
    let writes = |method: &str, probability, fault| FaultRule {
        method: Some(method.into()),
        path: Some("/crm/*".into()),
        ..FaultRule::random(probability, fault)
    };
    for method in ["POST", "PATCH", "PUT"] {
        mock.fault(writes(method, 0.03, Fault::status(503))).await?;
        mock.fault(writes(method, 0.02, Fault::Drop)).await?;
        mock.fault(writes(method, 0.02, Fault::Malformed)).await?;
    }
    mock.fault(FaultRule::random(0.01, Fault::Delay { ms: 300 }))
        .await?;
    mock.fault(FaultRule::random(0.005, Fault::Html)).await?;

    let total = TASKS * OPS_PER_TASK;
    let progress = Arc::new(AtomicUsize::new(0));
    let memory = Arc::new(Mutex::new(Memory::default()));
    let sampler = tokio::spawn(sample_memory(progress.clone(), memory.clone(), total));

    let mut tasks = tokio::task::JoinSet::new();
    for (task, mine) in owned.iter().enumerate() {
        let client = clients[task % clients.len()].clone();
        tasks.spawn(run_task(task, client, mine.clone(), progress.clone()));
    }

    // The disturbances, each at a point of the run.
    let mut tallies = Vec::new();
    let mut panics = 0;
    let mut stage = 0;
    loop {
        tokio::select! {
            joined = tasks.join_next() => match joined {
                Some(Ok(tally)) => tallies.push(tally),
                Some(Err(error)) => {
                    panics += usize::from(error.is_panic());
                }
                None => break,
            },
            () = tokio::time::sleep(Duration::from_millis(100)) => {}
        }
        let share = progress.load(Ordering::Relaxed) * 100 / total;
        if stage == 0 && share >= 20 {
            // A 429 storm over the next 400 requests (each drawn with probability one half),
            // whatever the limiter did.
            mock.fault(FaultRule {
                count: Some(400),
                ..FaultRule::random(0.5, Fault::status(429))
            })
            .await?;
            stage = 1;
        } else if stage == 1 && share >= 35 {
            redis.stop();
            stage = 2;
        } else if stage == 2 && share >= 50 {
            redis.restart()?;
            // Every OAuth token the mock granted expires at once.
            mock.post("/__mock/clock", json!({"advanceMs": 30_000}))
                .await?;
            stage = 3;
        } else if stage == 3 && share >= 75 {
            mock.post("/__mock/clock", json!({"advanceMs": 30_000}))
                .await?;
            stage = 4;
        }
    }
    let wall = started.elapsed();
    sampler.abort();
    let memory = *memory.lock().unwrap_or_else(PoisonError::into_inner);
    let final_rss = rss_mib();

    mock.clear_faults().await?;
    let stats = mock.get("/__mock/stats").await?;
    let store = mock.get("/__mock/objects").await?;
    let report = account(&tallies, &owned, &store);
    let ops = progress.load(Ordering::Relaxed);
    let requests = stats["requests"].as_u64().unwrap_or_default();
    let floor = requests as f64 / f64::from(WINDOW_MAX * TOKENS);

    println!(
        "soak run: {TASKS} tasks over {} clients, {ops} operations",
        clients.len()
    );
    let row = |label: &str, value: &dyn std::fmt::Display| println!("{label:<44} {value:>12}");
    let seconds = |label: &str, value: f64| println!("{label:<44} {value:>9.1} s");
    let mib = |label: &str, value: f64| println!("{label:<44} {value:>9.1} MiB");
    row("operations", &ops);
    row(
        "  acknowledged writes checked in the store",
        &report.checked,
    );
    row("  lost (acknowledged, not stored)", &report.lost);
    row("  doubled (stored twice)", &report.doubled);
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for tally in &tallies {
        for (kind, n) in &tally.failed {
            *kinds.entry(kind).or_default() += n;
        }
    }
    let failed: usize = kinds.values().sum();
    row("  failed (the caller was told)", &failed);
    for (kind, n) in kinds {
        row(&format!("    {kind}"), &n);
    }
    row("panics", &panics);
    row("API requests the mock served", &requests);
    let count = |name: &str| stats[name].as_u64().unwrap_or_default();
    row("429s drawn from its rate limits", &count("rateLimited"));
    row("faults injected", &count("faults"));
    row("OAuth grants", &count("tokenGrants"));
    seconds("wall time", wall.as_secs_f64());
    seconds("rate-limit floor for those requests", floor);
    mib("RSS after warm-up (20 %)", memory.warm);
    mib("RSS peak", memory.peak.max(final_rss));
    mib("RSS at the end", final_rss);
    println!(
        "soak: {ops} ops, {} lost, {} doubled, {failed} failed, {panics} panics, rss {:.1} -> {:.1} MiB",
        report.lost, report.doubled, memory.warm, final_rss
    );
    Ok(())
}

/// The four clients: two on one token sharing its limit through Redis (as two processes
/// would), one on a token of its own, and one on OAuth tokens that expire mid-run.
async fn clients(
    mock: &Mock,
    redis: &RedisServer,
) -> Result<Vec<Client>, Box<dyn std::error::Error>> {
    let builder = |token: &str| {
        Client::builder()
            .access_token(token)
            .base_url(&mock.base_url)
            .rate_limit(
                Lane::Search,
                Some(RateLimit::per_second(SEARCHES_PER_SECOND)),
            )
            .deadline(Duration::from_secs(60))
    };
    let shared = || builder(SHARED_TOKEN).shared_rate_limit(redis.url()).build();
    let app = OAuthApp::builder(
        OAuthConfig::default().client_id,
        OAuthConfig::default().client_secret,
        "http://127.0.0.1:1/callback",
    )
    .api_base_url(&mock.base_url)
    .authorize_base_url(&mock.base_url)
    .build()?;
    let tokens = app.exchange_code(&install_code(&app).await?).await?;
    let oauth = Client::builder()
        .auth(OAuth::new(app, tokens).refresh_ahead(Duration::from_secs(2)))
        .base_url(&mock.base_url)
        .rate_limit(
            Lane::Search,
            Some(RateLimit::per_second(SEARCHES_PER_SECOND)),
        )
        .deadline(Duration::from_secs(60))
        .build()?;
    Ok(vec![
        shared()?,
        builder(OWN_TOKEN).build()?,
        shared()?,
        oauth,
    ])
}

/// Walks the mock's install page as a browser would: the code it redirects with.
async fn install_code(app: &OAuthApp) -> Result<String, Box<dyn std::error::Error>> {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let url = app.authorize_url(&["crm.objects.contacts.write"], &[], "soak");
    let response = browser.get(url).send().await?;
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .ok_or("no redirect")?;
    let code = location
        .split("code=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .ok_or("no code")?;
    Ok(code.to_owned())
}

/// Each task's own contacts and company, created before the faults start.
async fn setup(client: &Client) -> Result<Vec<Owned>, Box<dyn std::error::Error>> {
    let emails: Vec<String> = (0..TASKS)
        .flat_map(|task| (0..OWNED).map(move |k| format!("owned-{task}-{k}@soak.example")))
        .collect();
    let people = batch::all(
        contacts::batch_upsert,
        emails.iter().map(|email| UpsertInput::by("email", email)),
    )
    .send(client)
    .await;
    let ids: HashMap<String, String> = people
        .results()
        .map(|(input, record)| (input.id.clone(), record.object.id.to_string()))
        .collect();
    let mut owned = Vec::new();
    for task in 0..TASKS {
        let company = hubspot_crm::companies::create(
            &hubspot_crm::models::CreateInput::new().set("name", format!("Soak {task}")),
        )
        .send(client)
        .await?;
        let contacts = (0..OWNED)
            .map(|k| {
                ids.get(&format!("owned-{task}-{k}@soak.example"))
                    .cloned()
                    .ok_or("a contact was not set up")
            })
            .collect::<Result<Vec<_>, _>>()?;
        owned.push(Owned {
            contacts,
            company: company.id.to_string(),
        });
    }
    Ok(owned)
}

#[derive(Debug, Clone)]
struct Owned {
    contacts: Vec<String>,
    company: String,
}

/// One task's operations, round robin over the mix.
async fn run_task(task: usize, client: Client, owned: Owned, progress: Arc<AtomicUsize>) -> Tally {
    let mut tally = Tally::new(task);
    for op in 0..OPS_PER_TASK as u16 {
        let (name, failed) = match (task + usize::from(op)) % 10 {
            0..=2 => ("update", update(&client, &owned, &mut tally, op).await),
            3 | 4 => ("safe create", create(&client, &mut tally, op).await),
            5 => ("batch upsert", upsert_batch(&client, &mut tally, op).await),
            6 => ("search_all", search(&client, task).await),
            7 => ("link", link(&client, &owned, &mut tally, op).await),
            8 => {
                let first = ListOptions {
                    limit: Some(10),
                    ..ListOptions::default()
                };
                ("list", contacts::list(&first).send(&client).await.err())
            }
            _ => (
                "properties",
                properties::list(&ObjectType::Contacts, &Default::default())
                    .send(&client)
                    .await
                    .err(),
            ),
        };
        if let Some(error) = failed {
            let kind = format!("{name}: {}", kind(&error));
            *tally.failed.entry(kind).or_default() += 1;
        }
        progress.fetch_add(1, Ordering::Relaxed);
    }
    tally
}

async fn update(client: &Client, owned: &Owned, tally: &mut Tally, op: u16) -> Option<Error> {
    let k = (usize::from(op) % OWNED) as u8;
    let input = ObjectInput::new().set("soak_value", format!("{}-{op}", tally.task));
    let sent = contacts::update(&*owned.contacts[usize::from(k)], &input)
        .send(client)
        .await;
    let (acknowledged, error) = match sent {
        Ok(_) => (true, None),
        Err(error) => (false, Some(error)),
    };
    if acknowledged
        || error
            .as_ref()
            .is_some_and(|e| e.write_outcome() != WriteOutcome::NotApplied)
    {
        tally.done.push(Done::Update {
            k,
            op,
            acknowledged,
        });
    }
    error
}

async fn create(client: &Client, tally: &mut Tally, op: u16) -> Option<Error> {
    let input = UpsertInput::by("email", created_email(tally.task, op))
        .set("soak_task", tally.task.to_string());
    let created = safe::create(contacts::batch_upsert, input)
        .send(client)
        .await;
    tally.done.push(Done::Created {
        op,
        acknowledged: created.is_ok(),
    });
    created.err()
}

async fn upsert_batch(client: &Client, tally: &mut Tally, op: u16) -> Option<Error> {
    let inputs = (0..10u8).map(|j| {
        UpsertInput::by("email", batched_email(tally.task, op, j))
            .set("soak_task", tally.task.to_string())
    });
    let outcome = batch::all(contacts::batch_upsert, inputs)
        .concurrency(1)
        .send(client)
        .await;
    let acknowledged: HashSet<String> = outcome
        .results()
        .map(|(input, _)| input.id.clone())
        .collect();
    for j in 0..10u8 {
        let acknowledged = acknowledged.contains(&batched_email(tally.task, op, j));
        tally.done.push(Done::Batched {
            op,
            j,
            acknowledged,
        });
    }
    outcome
        .missing()
        .next()
        .map(|item| Error::InvalidRequest(format!("batch item {}", status_name(&item.status))))
}

fn status_name<T>(status: &ItemStatus<T>) -> &'static str {
    match status {
        ItemStatus::Done(_) => "done",
        ItemStatus::Failed(_) => "failed",
        ItemStatus::Applied(_) => "applied without a record",
        ItemStatus::Unknown(_) => "unknown",
        ItemStatus::Unsent(_) => "unsent",
        _ => "other",
    }
}

async fn search(client: &Client, task: usize) -> Option<Error> {
    let request = match SearchRequest::builder()
        .filter(Filter::eq("soak_task", task.to_string()))
        .limit(100)
        .build()
    {
        Ok(request) => request,
        Err(error) => return Some(error),
    };
    let mut found = paging::search_all(contacts::search, request)
        .with_client(client)
        .take(200);
    while let Some(record) = found.next().await {
        if let Err(error) = record {
            return Some(error);
        }
    }
    None
}

async fn link(client: &Client, owned: &Owned, tally: &mut Tally, op: u16) -> Option<Error> {
    let k = (usize::from(op) % OWNED) as u8;
    let linked = associations::create_default(
        &ObjectType::Contacts,
        &owned.contacts[usize::from(k)],
        &ObjectType::Companies,
        &owned.company,
    )
    .send(client)
    .await;
    match linked {
        Ok(_) => {
            tally.done.push(Done::Linked { k });
            None
        }
        Err(error) => Some(error),
    }
}

/// A short name for what failed.
fn kind(error: &Error) -> String {
    match error {
        Error::GaveUp { reason, .. } => format!("gave up: {reason}"),
        Error::Api(api) => format!("HubSpot {}", api.status),
        Error::Transport(transport) => format!("transport: {:?}", transport.kind()),
        Error::InvalidRequest(text) if text.starts_with("batch item") => text.clone(),
        Error::Decode { path, .. } => format!("unreadable 2xx at `{path}`"),
        other => {
            let text = other.to_string();
            text.chars().take(50).collect()
        }
    }
}

#[derive(Debug, Default)]
struct Report {
    checked: usize,
    lost: usize,
    doubled: usize,
}

/// Holds every acknowledged write against the store: an update's last acknowledged value (or
/// one written after it whose outcome was unknown) is the stored one; an acknowledged create
/// is stored once; a link is stored. No e-mail is stored twice.
fn account(tallies: &[Tally], owned: &[Owned], store: &Value) -> Report {
    let records = store["objects"]["contacts"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut by_email: HashMap<String, usize> = HashMap::new();
    let mut values: HashMap<String, String> = HashMap::new();
    for record in &records {
        let properties = &record["properties"];
        if let Some(email) = properties["email"].as_str() {
            *by_email.entry(email.to_lowercase()).or_default() += 1;
        }
        if let (Some(id), Some(value)) = (record["id"].as_str(), properties["soak_value"].as_str())
        {
            values.insert(id.to_owned(), value.to_owned());
        }
    }
    let edges: HashSet<(String, String)> = store["associations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["fromType"] == "contacts" && e["toType"] == "companies")
        .map(|e| (e["fromId"].to_string(), e["toId"].to_string()))
        .collect();

    let mut report = Report {
        doubled: by_email.values().filter(|n| **n > 1).count(),
        ..Report::default()
    };
    let stored_once = |email: String, report: &mut Report| {
        report.checked += 1;
        if by_email.get(&email).copied().unwrap_or_default() == 0 {
            report.lost += 1;
        }
    };
    for tally in tallies {
        let mine = &owned[tally.task];
        // Per owned contact, in order: the values that may be the last one stored.
        let mut may_be_last: BTreeMap<u8, Vec<u16>> = BTreeMap::new();
        for done in &tally.done {
            match *done {
                Done::Update {
                    k,
                    op,
                    acknowledged,
                } => {
                    let candidates = may_be_last.entry(k).or_default();
                    if acknowledged {
                        candidates.clear();
                    }
                    candidates.push(op);
                }
                Done::Created {
                    op,
                    acknowledged: true,
                } => {
                    stored_once(created_email(tally.task, op), &mut report);
                }
                Done::Batched {
                    op,
                    j,
                    acknowledged: true,
                } => {
                    stored_once(batched_email(tally.task, op, j), &mut report);
                }
                Done::Linked { k } => {
                    report.checked += 1;
                    let link = (mine.contacts[usize::from(k)].clone(), mine.company.clone());
                    if !edges.contains(&link) {
                        report.lost += 1;
                    }
                }
                Done::Created { .. } | Done::Batched { .. } => {}
            }
        }
        for (k, candidates) in may_be_last {
            report.checked += 1;
            let stored = values.get(&mine.contacts[usize::from(k)]);
            let last = |op: &u16| stored == Some(&format!("{}-{op}", tally.task));
            if !candidates.iter().any(last) {
                report.lost += 1;
            }
        }
    }
    report
}

#[derive(Debug, Default, Clone, Copy)]
struct Memory {
    warm: f64,
    peak: f64,
}

/// Samples this process's RSS: the value once a fifth of the run is done, and the peak.
async fn sample_memory(progress: Arc<AtomicUsize>, memory: Arc<Mutex<Memory>>, total: usize) {
    loop {
        let rss = rss_mib();
        {
            let mut memory = memory.lock().unwrap_or_else(PoisonError::into_inner);
            memory.peak = memory.peak.max(rss);
            if memory.warm == 0.0 && progress.load(Ordering::Relaxed) * 5 >= total {
                memory.warm = rss;
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Resident memory in MiB, from `/proc/self/statm` (0 where there is none).
fn rss_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / (1024.0 * 1024.0)
}
