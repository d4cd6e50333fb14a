//! Any number of inputs through a batch endpoint: chunked at the endpoint's limit, sent a few
//! chunks at a time, and every input accounted for by itself, whatever order the replies
//! come in.
//!
//! ```no_run
//! use hubspot_crm::{batch, contacts, models::UpsertInput};
//!
//! # async fn run() -> Result<(), hubspot_crm::Error> {
//! let inputs = (0..250).map(|i| UpsertInput::by("email", format!("user{i}@example.com")).set("firstname", "Ada"));
//! let outcome = batch::all(contacts::batch_upsert, inputs)
//!     .on_progress(|p| eprintln!("{}/{} inputs settled", p.settled(), p.inputs))
//!     .await;
//! for (input, error) in outcome.failed() {
//!     eprintln!("{}: {error}", input.id);
//! }
//! println!("{} upserted", outcome.results().count());
//! # Ok(()) }
//! ```
//!
//! What each input became is an [`ItemStatus`]:
//!
//! | status | what it means | send it again? |
//! |---|---|---|
//! | `Done` | HubSpot returned its record | no |
//! | `Failed` | HubSpot refused it: its per-item error, or the error of a request that held it alone | after fixing it |
//! | `Applied` | HubSpot answered 2xx, but the answer did not name it or could not be read | no: it was written |
//! | `Unknown` | its request may or may not have been applied (a timeout, a 5xx) | only through an upsert |
//! | `Unsent` | surely not applied: refused as a whole, or never sent | yes |

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::IntoFuture;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use futures_util::stream::{FuturesUnordered, StreamExt};
use hubspot_runtime::{
    ApiError, ApiErrorBody, Client, Error, RateLimitPolicy, Request, WriteOutcome,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::models::{
    AssociationArchiveInput, AssociationCreateInput, AssociationReadInput, BatchInput,
    BatchReadInput, BatchResult, CreateInput, DefaultAssociationInput, IdInput, UpdateInput,
    UpsertInput,
};

/// HubSpot's limit on object batch inputs.
pub const CHUNK: usize = 100;

/// How many chunks [`all`] keeps in flight by default. The client's rate limiter still paces
/// every request, so more in flight only hides latency.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// An input of a batch endpoint: how many go in one request, and how HubSpot's answer names it.
pub trait BatchItem: Serialize {
    /// The most inputs of this kind HubSpot takes in one request.
    const MAX_PER_REQUEST: usize;

    /// The input's `objectWriteTraceId`, where it has one.
    fn trace_id(&self) -> Option<&str> {
        None
    }

    /// Sets (or clears) the input's `objectWriteTraceId`. Inputs that carry none ignore it.
    fn set_trace_id(&mut self, _trace: Option<String>) {}

    /// How a result or an error names this input when it carries no trace id.
    fn key(&self) -> Option<Key<'_>>;
}

/// What names an input in HubSpot's answer, besides its trace id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Key<'a> {
    /// The record id (a result's `id`, `from.id` or `fromObjectId`).
    Id(&'a str),
    /// A unique property's value (a result's `properties[name]`).
    Property {
        /// The property.
        name: &'a str,
        /// Its value.
        value: &'a str,
    },
    /// A pair of records (an association's `from` and `to`).
    Pair {
        /// The source record.
        from: &'a str,
        /// The target record.
        to: &'a str,
    },
}

macro_rules! traced_batch_items {
    ($($input:ident => |$this:ident| $key:expr;)*) => {$(
        impl<P: Serialize> BatchItem for $input<P> {
            const MAX_PER_REQUEST: usize = CHUNK;

            fn trace_id(&self) -> Option<&str> {
                self.object_write_trace_id.as_deref()
            }

            fn set_trace_id(&mut self, trace: Option<String>) {
                self.object_write_trace_id = trace;
            }

            fn key(&self) -> Option<Key<'_>> {
                let $this = self;
                $key
            }
        }
    )*};
}

traced_batch_items! {
    CreateInput => |_input| None;
    UpdateInput => |input| Some(id_key(&input.id, input.id_property.as_deref()));
    UpsertInput => |input| Some(id_key(&input.id, input.id_property.as_deref()));
}

fn id_key<'a>(id: &'a str, id_property: Option<&'a str>) -> Key<'a> {
    match id_property {
        None | Some("hs_object_id") => Key::Id(id),
        Some(name) => Key::Property { name, value: id },
    }
}

impl BatchItem for IdInput {
    const MAX_PER_REQUEST: usize = CHUNK;

    fn key(&self) -> Option<Key<'_>> {
        Some(Key::Id(&self.id))
    }
}

/// HubSpot's association batches take more per request than object batches: 1,000 for a
/// read, 2,000 for the writes.
macro_rules! association_batch_items {
    ($($input:ident $max:literal |$this:ident| $key:expr;)*) => {$(
        impl BatchItem for $input {
            const MAX_PER_REQUEST: usize = $max;

            fn key(&self) -> Option<Key<'_>> {
                let $this = self;
                $key
            }
        }
    )*};
}

association_batch_items! {
    AssociationReadInput 1000 |input| Some(Key::Id(&input.id));
    AssociationCreateInput 2000 |input| Some(Key::Pair { from: &input.from.id, to: &input.to.id });
    DefaultAssociationInput 2000 |input| Some(Key::Pair { from: &input.from.id, to: &input.to.id });
    AssociationArchiveInput 2000 |input| Some(Key::Id(&input.from.id));
}

/// What became of one input.
#[derive(Debug)]
#[non_exhaustive]
pub enum ItemStatus<T> {
    /// HubSpot returned its record.
    Done(T),
    /// HubSpot refused it: its per-item error (a 207), or the error of a request that held it
    /// alone (a chunk HubSpot refused as a whole is split until the bad inputs stand alone).
    Failed(Box<ApiError>),
    /// Applied: its request got a 2xx, but the answer did not name it, or could not be read.
    /// Do not send it again.
    Applied(Applied),
    /// Its request may or may not have been applied. Send it again only through an upsert by
    /// a unique property.
    Unknown(Arc<Error>),
    /// Surely not applied: its request was refused as a whole (the error), or never sent
    /// because the run stopped (`None`; the reason is [`BatchOutcome::stopped`]).
    Unsent(Option<Arc<Error>>),
}

/// Why an applied input has no record.
#[derive(Debug)]
#[non_exhaustive]
pub enum Applied {
    /// The 2xx answer named neither a record nor an error for it.
    NotInReply,
    /// The 2xx answer could not be read at all (the error says why).
    Unreadable(Arc<Error>),
    /// Its record is in the answer, but does not decode as the type asked for.
    RecordUnreadable {
        /// The type it did not decode as.
        expected: &'static str,
    },
}

impl fmt::Display for Applied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotInReply => f.write_str("applied, but the answer named no record for it"),
            Self::Unreadable(error) => write!(f, "applied, but the answer was unreadable: {error}"),
            // Serde's message would quote the server's values: name the type instead.
            Self::RecordUnreadable { expected } => {
                write!(f, "applied, but its record does not decode as `{expected}`")
            }
        }
    }
}

/// One input and what became of it.
#[derive(Debug)]
pub struct Item<I, T> {
    /// The input, as given.
    pub input: I,
    /// What became of it.
    pub status: ItemStatus<T>,
}

/// What a chunked batch did: every input, in the order given, with what became of it.
#[derive(Debug)]
#[must_use = "check the failed, unknown and unsent inputs"]
pub struct BatchOutcome<I, T> {
    /// Every input with its status, in input order.
    pub items: Vec<Item<I, T>>,
    /// Records the answers carried that named no input (a server that drops trace ids).
    pub unmatched_results: Vec<T>,
    /// Per-item errors that named no input.
    pub unmatched_errors: Vec<ApiErrorBody>,
    /// Why the run stopped before sending every input (the daily cap, a refused token), if it
    /// did: the inputs it did not send are `Unsent(None)`.
    pub stopped: Option<Error>,
    /// How many requests were sent.
    pub requests: usize,
}

impl<I, T> BatchOutcome<I, T> {
    /// Every input got its record.
    pub fn is_complete_success(&self) -> bool {
        self.stopped.is_none()
            && self
                .items
                .iter()
                .all(|item| matches!(item.status, ItemStatus::Done(_)))
    }

    /// The inputs HubSpot returned a record for, with it.
    pub fn results(&self) -> impl Iterator<Item = (&I, &T)> {
        self.items.iter().filter_map(|item| match &item.status {
            ItemStatus::Done(record) => Some((&item.input, record)),
            _ => None,
        })
    }

    /// The inputs HubSpot refused, with its error.
    pub fn failed(&self) -> impl Iterator<Item = (&I, &ApiError)> {
        self.items.iter().filter_map(|item| match &item.status {
            ItemStatus::Failed(error) => Some((&item.input, &**error)),
            _ => None,
        })
    }

    /// The inputs written without a record to show for it.
    pub fn applied(&self) -> impl Iterator<Item = (&I, &Applied)> {
        self.items.iter().filter_map(|item| match &item.status {
            ItemStatus::Applied(why) => Some((&item.input, why)),
            _ => None,
        })
    }

    /// The inputs that may or may not have been applied.
    pub fn unknown(&self) -> impl Iterator<Item = &I> {
        self.items
            .iter()
            .filter(|item| matches!(item.status, ItemStatus::Unknown(_)))
            .map(|item| &item.input)
    }

    /// Every input without its record, whatever the reason.
    pub fn missing(&self) -> impl Iterator<Item = &Item<I, T>> {
        self.items
            .iter()
            .filter(|item| !matches!(item.status, ItemStatus::Done(_)))
    }

    /// The inputs surely not applied: safe to send again.
    pub fn unsent(&self) -> impl Iterator<Item = &I> {
        self.items
            .iter()
            .filter(|item| matches!(item.status, ItemStatus::Unsent(_)))
            .map(|item| &item.input)
    }

    /// The records in input order, or the first reason an input has none.
    ///
    /// # Errors
    /// Why the run stopped, else the error of the first input that is not `Done`. An input
    /// applied without a record to show (`Applied`) is an error here too: its record is missing.
    pub fn into_result(self) -> Result<Vec<T>, Error> {
        if let Some(error) = self.stopped {
            return Err(error);
        }
        let mut records = Vec::with_capacity(self.items.len());
        let mut first = None;
        // Every other item is dropped on the way, so the first error's `Arc` ends up unshared.
        for item in self.items {
            match item.status {
                ItemStatus::Done(record) if first.is_none() => records.push(record),
                ItemStatus::Done(_) => {}
                status => {
                    first.get_or_insert(status);
                }
            }
        }
        match first {
            None => Ok(records),
            Some(ItemStatus::Failed(error)) => Err(Error::Api(error)),
            Some(ItemStatus::Unknown(error) | ItemStatus::Unsent(Some(error))) => {
                Err(Arc::try_unwrap(error).unwrap_or_else(|shared| {
                    Error::InvalidRequest(format!("a chunk failed: {shared}"))
                }))
            }
            Some(ItemStatus::Applied(Applied::Unreadable(error))) => Err(Arc::try_unwrap(error)
                .unwrap_or_else(|shared| {
                    Error::InvalidRequest(format!("a chunk's answer was unreadable: {shared}"))
                })),
            Some(other) => Err(Error::InvalidRequest(format!(
                "an input has no record: {}",
                describe(&other)
            ))),
        }
    }
}

fn describe<T>(status: &ItemStatus<T>) -> String {
    match status {
        ItemStatus::Applied(why) => why.to_string(),
        ItemStatus::Unsent(None) => "it was not sent".to_owned(),
        _ => "it failed".to_owned(),
    }
}

/// How far a batch run is, handed to [`Batch::on_progress`] after each answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Inputs in all.
    pub inputs: usize,
    /// Inputs with their record.
    pub done: usize,
    /// Inputs HubSpot refused.
    pub failed: usize,
    /// Inputs applied without a record to show.
    pub applied: usize,
    /// Inputs whose outcome is unknown.
    pub unknown: usize,
    /// Inputs surely not applied.
    pub unsent: usize,
    /// Requests sent so far.
    pub requests: usize,
}

impl Progress {
    /// Inputs settled so far, whatever became of them.
    pub fn settled(&self) -> usize {
        self.done + self.failed + self.applied + self.unknown + self.unsent
    }

    fn count<T>(&mut self, status: &ItemStatus<T>) {
        match status {
            ItemStatus::Done(_) => self.done += 1,
            ItemStatus::Failed(_) => self.failed += 1,
            ItemStatus::Applied(_) => self.applied += 1,
            ItemStatus::Unknown(_) => self.unknown += 1,
            ItemStatus::Unsent(_) => self.unsent += 1,
        }
    }
}

type ProgressHook = Box<dyn FnMut(&Progress) + Send>;

/// A batch run, built by [`all`], [`archive_all`] or [`read_all`]: `.await` it (the task's
/// scoped client, else the default) or [`send`](Batch::send) it with a client.
#[must_use = "a batch does nothing until awaited or sent"]
pub struct Batch<I, T, F> {
    send: F,
    inputs: Vec<I>,
    chunk: usize,
    concurrency: usize,
    progress: Option<ProgressHook>,
    /// How an input is named when its trace id is not echoed (read by a unique property).
    key_property: Option<String>,
    /// Whether a 2xx that names an input not at all means it is done (archives answer 204).
    silent_success: Option<fn() -> T>,
}

/// Sends `inputs` through a batch endpoint (`contacts::batch_upsert`,
/// `associations::batch_create` in a closure, …), in chunks of the endpoint's limit
/// ([`BatchItem::MAX_PER_REQUEST`]), [`DEFAULT_CONCURRENCY`] chunks at a time.
///
/// - Each input is tagged with a trace id (where its type has one) and its result or per-item
///   error is found by it, else by its id or key: replies may come in any order.
/// - A chunk that fails as a whole does not stop the run. One that HubSpot refuses with a 4xx
///   (one invalid e-mail fails a whole upsert of 100) is split in halves, and so on, until
///   the inputs it refuses stand alone and every other one is sent.
/// - The daily cap, or a token HubSpot refuses (401, 403), stops the run at once: the inputs
///   not yet sent are `Unsent`, and [`BatchOutcome::stopped`] says why.
/// - A retry-safe write (an upsert, an update) whose 2xx answer cannot be read is sent again,
///   twice at most, to read its records; a create's inputs are then `Applied`.
pub fn all<I, T, F>(send: F, inputs: impl IntoIterator<Item = I>) -> Batch<I, T, F>
where
    I: BatchItem,
    F: Fn(&BatchInput<I>) -> Request<BatchResult<T>>,
{
    all_of(send, inputs)
}

/// Archives any number of records through a batch archive endpoint, in chunks of 100. A 204
/// names no record, so an archived input is `Done(())`.
pub fn archive_all<F>(send: F, ids: impl IntoIterator<Item = IdInput>) -> Batch<IdInput, (), F>
where
    F: Fn(&BatchInput<IdInput>) -> Request<()>,
{
    Batch {
        silent_success: Some(|| ()),
        ..all_of(send, ids)
    }
}

/// Reads any number of records through a batch read endpoint, in chunks of 100 ids, each
/// chunk with the requested properties.
pub fn read_all<T, F>(
    send: F,
    input: BatchReadInput,
) -> Batch<IdInput, T, impl Fn(&BatchInput<IdInput>) -> Request<BatchResult<T>>>
where
    F: Fn(&BatchReadInput) -> Request<BatchResult<T>>,
{
    let BatchReadInput {
        inputs,
        properties,
        properties_with_history,
        id_property,
    } = input;
    let key_property = id_property.clone().filter(|name| name != "hs_object_id");
    let read = move |chunk: &BatchInput<IdInput>| {
        send(&BatchReadInput {
            inputs: chunk.inputs.clone(),
            properties: properties.clone(),
            properties_with_history: properties_with_history.clone(),
            id_property: id_property.clone(),
        })
    };
    Batch {
        key_property,
        ..all_of(read, inputs)
    }
}

/// [`all`] for any response type: the archive and read helpers adapt their endpoints to it.
fn all_of<I: BatchItem, T, F>(send: F, inputs: impl IntoIterator<Item = I>) -> Batch<I, T, F> {
    Batch {
        send,
        inputs: inputs.into_iter().collect(),
        chunk: I::MAX_PER_REQUEST,
        concurrency: DEFAULT_CONCURRENCY,
        progress: None,
        key_property: None,
        silent_success: None,
    }
}

impl<I, T, F, R> Batch<I, T, F>
where
    I: BatchItem,
    T: DeserializeOwned,
    F: Fn(&BatchInput<I>) -> Request<R>,
{
    /// Inputs per request, at most the endpoint's limit (HubSpot refuses more).
    pub fn chunk_size(mut self, size: usize) -> Self {
        self.chunk = size.clamp(1, I::MAX_PER_REQUEST);
        self
    }

    /// Chunks in flight at once (at least 1). The client's rate limiter paces them all.
    pub fn concurrency(mut self, chunks: usize) -> Self {
        self.concurrency = chunks.max(1);
        self
    }

    /// Called after each answer with the run's progress so far.
    pub fn on_progress(mut self, hook: impl FnMut(&Progress) + Send + 'static) -> Self {
        self.progress = Some(Box::new(hook));
        self
    }

    /// Runs the batch with `client`.
    pub async fn send(self, client: &Client) -> BatchOutcome<I, T> {
        Run::new(self).go(client).await
    }
}

impl<I, T, F, R> IntoFuture for Batch<I, T, F>
where
    I: BatchItem + Send + 'static,
    T: DeserializeOwned + Send + 'static,
    F: Fn(&BatchInput<I>) -> Request<R> + Send + 'static,
    R: 'static,
{
    type Output = BatchOutcome<I, T>;
    type IntoFuture = BoxFuture<'static, BatchOutcome<I, T>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            match Client::current() {
                Ok(client) => self.send(&client).await,
                Err(error) => Run::new(self).stop_all(error),
            }
        })
    }
}

/// A 2xx answer of a batch endpoint, each record kept as JSON until it is tied to its input.
#[derive(serde::Deserialize)]
struct Reply {
    #[serde(default)]
    results: Vec<Value>,
    #[serde(default)]
    errors: Vec<ApiErrorBody>,
}

/// The state of a run: each input with its status once known, and the chunks still to send.
struct Run<I, T, F> {
    batch: Batch<I, T, F>,
    /// An input leaves its slot while its chunk is being serialized.
    inputs: Vec<Option<I>>,
    status: Vec<Option<ItemStatus<T>>>,
    /// Which inputs got a trace id from us, to clear it before handing them back.
    tagged: Vec<bool>,
    /// Why each input sent again to read its answer is known applied: whatever a later send
    /// says, it stays applied.
    applied: Vec<Option<Arc<Error>>>,
    queue: VecDeque<Chunk>,
    progress: Progress,
    unmatched_results: Vec<T>,
    unmatched_errors: Vec<ApiErrorBody>,
    stopped: Option<Error>,
}

impl<I, T, F, R> Run<I, T, F>
where
    I: BatchItem,
    T: DeserializeOwned,
    F: Fn(&BatchInput<I>) -> Request<R>,
{
    fn new(mut batch: Batch<I, T, F>) -> Self {
        let inputs: Vec<Option<I>> = std::mem::take(&mut batch.inputs)
            .into_iter()
            .map(Some)
            .collect();
        let count = inputs.len();
        let indices: Vec<usize> = (0..count).collect();
        let queue = indices
            .chunks(batch.chunk.max(1))
            .map(|inputs| Chunk::new(inputs.to_vec()))
            .collect();
        Self {
            batch,
            inputs,
            status: (0..count).map(|_| None).collect(),
            tagged: vec![false; count],
            applied: vec![None; count],
            queue,
            progress: Progress {
                inputs: count,
                ..Progress::default()
            },
            unmatched_results: Vec::new(),
            unmatched_errors: Vec::new(),
            stopped: None,
        }
    }

    async fn go(mut self, client: &Client) -> BatchOutcome<I, T> {
        let mut in_flight = FuturesUnordered::new();
        loop {
            while self.stopped.is_none() && in_flight.len() < self.batch.concurrency {
                let Some(chunk) = self.queue.pop_front() else {
                    break;
                };
                let request = self.request(&chunk.inputs);
                let idempotent = request.is_idempotent();
                self.progress.requests += 1;
                in_flight.push(async move {
                    let answer = request.send(client).await;
                    (chunk, idempotent, answer)
                });
            }
            let Some((chunk, idempotent, answer)) = in_flight.next().await else {
                break;
            };
            self.settle(chunk, idempotent, answer);
            if let Some(hook) = &mut self.batch.progress {
                hook(&self.progress);
            }
        }
        self.finish()
    }

    /// The request for a chunk, its inputs tagged with trace ids first.
    fn request(&mut self, chunk: &[usize]) -> Request<Option<Reply>> {
        let mut inputs = Vec::with_capacity(chunk.len());
        for &index in chunk {
            if let Some(mut input) = self.inputs[index].take() {
                if input.trace_id().is_none() {
                    input.set_trace_id(Some(trace_of(index)));
                    self.tagged[index] = input.trace_id().is_some();
                }
                inputs.push(input);
            }
        }
        let batch = BatchInput { inputs };
        // The body is serialized here, so the inputs go back before anything is awaited.
        let request = (self.batch.send)(&batch).decode_as();
        for (&index, input) in chunk.iter().zip(batch.inputs) {
            self.inputs[index] = Some(input);
        }
        request
    }

    fn settle(&mut self, chunk: Chunk, idempotent: bool, answer: Result<Option<Reply>, Error>) {
        // Sending a retry-safe write again cannot double it, and its answer names its records.
        let answer = match answer {
            Err(error)
                if idempotent
                    && error.write_outcome() == WriteOutcome::Applied
                    && chunk.rereads < MAX_REREADS =>
            {
                let error = Arc::new(error);
                for &index in &chunk.inputs {
                    self.applied[index].get_or_insert_with(|| error.clone());
                }
                self.queue.push_front(Chunk {
                    rereads: chunk.rereads + 1,
                    ..chunk
                });
                return;
            }
            answer => answer,
        };
        let chunk = chunk.inputs;
        match answer {
            Ok(reply) => self.match_reply(
                &chunk,
                reply.unwrap_or(Reply {
                    results: Vec::new(),
                    errors: Vec::new(),
                }),
            ),
            Err(error) if stops_run(&error) => {
                for index in chunk {
                    self.set(index, ItemStatus::Unsent(None));
                }
                self.stop(error);
            }
            Err(error) if splits_chunk(&error) && chunk.len() > 1 => {
                let (left, right) = chunk.split_at(chunk.len() / 2);
                self.queue.push_front(Chunk::new(right.to_vec()));
                self.queue.push_front(Chunk::new(left.to_vec()));
            }
            Err(Error::Api(error) | Error::Validation(error))
                if error.status < 500 && chunk.len() == 1 =>
            {
                self.set(chunk[0], ItemStatus::Failed(error));
            }
            Err(error) => {
                let error = Arc::new(error);
                for index in chunk {
                    let status = match error.write_outcome() {
                        WriteOutcome::NotApplied => ItemStatus::Unsent(Some(error.clone())),
                        WriteOutcome::Applied => {
                            ItemStatus::Applied(Applied::Unreadable(error.clone()))
                        }
                        _ => ItemStatus::Unknown(error.clone()),
                    };
                    self.set(index, status);
                }
            }
        }
    }

    /// Ties each record and per-item error of a 2xx answer to its input.
    fn match_reply(&mut self, chunk: &[usize], reply: Reply) {
        let mut by_trace: HashMap<String, usize> = HashMap::new();
        let mut by_key: HashMap<String, VecDeque<usize>> = HashMap::new();
        let mut properties: Vec<String> = Vec::new();
        for &index in chunk {
            let Some(input) = &self.inputs[index] else {
                continue;
            };
            if let Some(trace) = input.trace_id() {
                by_trace.insert(trace.to_owned(), index);
            }
            let key = match (&self.batch.key_property, input.key()) {
                (Some(name), Some(Key::Id(value))) => Some(Key::Property { name, value }),
                (_, key) => key,
            };
            if let Some(key) = key {
                if let Key::Property { name, .. } = key
                    && !properties.iter().any(|known| known == name)
                {
                    properties.push(name.to_owned());
                }
                by_key.entry(key_text(key)).or_default().push_back(index);
            }
        }
        let mut claim =
            |trace: Option<&str>, keys: Vec<String>, status: &Vec<Option<ItemStatus<T>>>| {
                if let Some(index) = trace.and_then(|trace| by_trace.get(trace).copied())
                    && status[index].is_none()
                {
                    return Some(index);
                }
                keys.iter().find_map(|key| {
                    let waiting = by_key.get_mut(key)?;
                    while let Some(index) = waiting.pop_front() {
                        if status[index].is_none() {
                            return Some(index);
                        }
                    }
                    None
                })
            };
        for record in reply.results {
            let trace = record.get("objectWriteTraceId").and_then(Value::as_str);
            let index = claim(trace, result_keys(&record, &properties), &self.status);
            let decoded = serde_json::from_value::<T>(record);
            match (index, decoded) {
                (Some(index), Ok(record)) => self.set(index, ItemStatus::Done(record)),
                (Some(index), Err(_)) => self.set(
                    index,
                    ItemStatus::Applied(Applied::RecordUnreadable {
                        expected: std::any::type_name::<T>(),
                    }),
                ),
                (None, Ok(record)) => self.unmatched_results.push(record),
                (None, Err(_)) => {}
            }
        }
        for body in reply.errors {
            let traces = body.context.get("objectWriteTraceId");
            let mut claimed = false;
            for trace in traces.into_iter().flatten() {
                if let Some(index) = claim(Some(trace), Vec::new(), &self.status) {
                    self.set(index, failed(&body));
                    claimed = true;
                }
            }
            for value in ["id", "ids", "objectId"]
                .iter()
                .filter_map(|name| body.context.get(*name))
                .flatten()
            {
                let mut keys = vec![key_text(Key::Id(value))];
                keys.extend(
                    properties
                        .iter()
                        .map(|name| key_text(Key::Property { name, value })),
                );
                if let Some(index) = claim(None, keys, &self.status) {
                    self.set(index, failed(&body));
                    claimed = true;
                }
            }
            if !claimed {
                self.unmatched_errors.push(body);
            }
        }
        for &index in chunk {
            if self.status[index].is_none() {
                let status = match self.batch.silent_success {
                    Some(success) => ItemStatus::Done(success()),
                    None => ItemStatus::Applied(Applied::NotInReply),
                };
                self.set(index, status);
            }
        }
    }

    fn set(&mut self, index: usize, status: ItemStatus<T>) {
        // An input an earlier send applied is not unapplied because a reread was refused.
        let status = match (status, &self.applied[index]) {
            (ItemStatus::Failed(_) | ItemStatus::Unsent(_), Some(applied)) => {
                ItemStatus::Applied(Applied::Unreadable(applied.clone()))
            }
            (status, _) => status,
        };
        self.progress.count(&status);
        self.status[index] = Some(status);
    }

    fn stop(&mut self, error: Error) {
        self.stopped.get_or_insert(error);
        while let Some(chunk) = self.queue.pop_front() {
            for index in chunk.inputs {
                self.set(index, ItemStatus::Unsent(None));
            }
        }
    }

    /// Every input unsent: there was no client to send with.
    fn stop_all(mut self, error: Error) -> BatchOutcome<I, T> {
        self.stop(error);
        self.finish()
    }

    fn finish(self) -> BatchOutcome<I, T> {
        let items = self
            .inputs
            .into_iter()
            .zip(self.status)
            .zip(self.tagged)
            .filter_map(|((input, status), tagged)| {
                let mut input = input?;
                if tagged {
                    input.set_trace_id(None);
                }
                Some(Item {
                    input,
                    status: status.unwrap_or(ItemStatus::Unsent(None)),
                })
            })
            .collect();
        BatchOutcome {
            items,
            unmatched_results: self.unmatched_results,
            unmatched_errors: self.unmatched_errors,
            stopped: self.stopped,
            requests: self.progress.requests,
        }
    }
}

fn failed<T>(body: &ApiErrorBody) -> ItemStatus<T> {
    ItemStatus::Failed(Box::new(ApiError::from_batch_item(body.clone())))
}

/// How many times a retry-safe chunk whose 2xx answer was unreadable is sent again.
const MAX_REREADS: u8 = 2;

/// Inputs that go in one request.
struct Chunk {
    inputs: Vec<usize>,
    /// How many times it was sent again to read an answer that was unreadable.
    rereads: u8,
}

impl Chunk {
    fn new(inputs: Vec<usize>) -> Self {
        Self { inputs, rereads: 0 }
    }
}

/// The trace id a run gives the input at `index`.
fn trace_of(index: usize) -> String {
    format!("hubspot-rs-{index}")
}

/// Errors after which no other chunk can succeed: the daily cap, a refused token.
fn stops_run(error: &Error) -> bool {
    match error {
        Error::DailyLimitReached { .. } | Error::Reauthorize { .. } | Error::Config(_) => true,
        Error::RateLimited { policy, .. } => *policy == RateLimitPolicy::Daily,
        Error::Api(error) => matches!(error.status, 401 | 403),
        Error::GaveUp { last, .. } => last.as_deref().is_some_and(stops_run),
        _ => false,
    }
}

/// A 4xx about the chunk's content (a bad value, a conflict, a body too large): the inputs
/// that caused it are found by splitting the chunk.
fn splits_chunk(error: &Error) -> bool {
    matches!(error, Error::Api(error) | Error::Validation(error)
        if (400..500).contains(&error.status) && !matches!(error.status, 401 | 403 | 423 | 429 | 477))
}

fn key_text(key: Key<'_>) -> String {
    match key {
        Key::Id(id) => format!("id\0{id}"),
        // HubSpot matches e-mail addresses whatever their case.
        Key::Property {
            name: "email",
            value,
        } => format!("email\0{}", value.to_lowercase()),
        Key::Property { name, value } => format!("{name}\0{value}"),
        Key::Pair { from, to } => format!("pair\0{from}\0{to}"),
    }
}

/// The keys a result record can be matched on: its ids, the values of the key properties in
/// use, and the pair it links.
fn result_keys(record: &Value, properties: &[String]) -> Vec<String> {
    let text = |pointer: &str| match record.pointer(pointer)? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    };
    let mut keys = Vec::new();
    for pointer in ["/id", "/from/id", "/fromObjectId"] {
        if let Some(id) = text(pointer) {
            keys.push(key_text(Key::Id(&id)));
        }
    }
    for name in properties {
        if let Some(Value::String(value)) = record.get("properties").and_then(|p| p.get(name)) {
            keys.push(key_text(Key::Property { name, value }));
        }
    }
    for (from, to) in [("/fromObjectId", "/toObjectId"), ("/from/id", "/to/id")] {
        if let (Some(from), Some(to)) = (text(from), text(to)) {
            keys.push(key_text(Key::Pair {
                from: &from,
                to: &to,
            }));
        }
    }
    keys
}
