//! Any number of inputs, sent in chunks of 100, with every result, per-item error and unsent
//! input accounted for.

use hubspot_runtime::{ApiErrorBody, Client, Error, Request};

use crate::models::{BatchInput, BatchReadInput, BatchResult, IdInput};

/// HubSpot's limit on object batch inputs.
pub const CHUNK: usize = 100;

/// What a chunked batch did. Nothing is lost: what failed per item is in `errors`; if a whole
/// chunk failed, its inputs are in `unsent` when they surely were not applied, or in `unknown`
/// when they may have been (a timeout, a dropped connection, a 5xx), and every later input is
/// in `unsent`, with the `error`.
///
/// Resend `unsent` freely. Resend `unknown` only through an upsert by a unique property
/// (`batch_upsert`, or [`safe::create`](crate::safe::create)), which cannot double a record.
#[derive(Debug)]
#[must_use = "check `error` and `unsent`: a chunk may have failed"]
pub struct BatchOutcome<I, T> {
    /// Every record the batches returned.
    pub results: Vec<T>,
    /// Every per-item error (207 responses).
    pub errors: Vec<ApiErrorBody>,
    /// The inputs never applied: those of a chunk that surely failed, and every later one.
    pub unsent: Vec<I>,
    /// The inputs of a chunk whose outcome is unknown: they may have been applied.
    pub unknown: Vec<I>,
    /// Why a chunk failed, if one did.
    pub error: Option<Error>,
    /// How many requests were sent.
    pub requests: usize,
}

impl<I, T> BatchOutcome<I, T> {
    /// Every input succeeded.
    pub fn is_complete_success(&self) -> bool {
        self.errors.is_empty() && self.error.is_none()
    }

    /// The results, or the error of the chunk that failed (per-item errors are not failures).
    ///
    /// # Errors
    /// The error that stopped the batches.
    pub fn into_result(self) -> Result<Vec<T>, Error> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.results),
        }
    }
}

/// Sends `inputs` in chunks of 100 through a batch endpoint (`contacts::batch_upsert`, …), stopping
/// at the first chunk that fails as a whole.
///
/// ```no_run
/// use hubspot_crm::{batch, contacts, models::UpsertInput};
///
/// # async fn run(client: &hubspot_crm::Client) -> Result<(), hubspot_crm::Error> {
/// let inputs = (0..250).map(|i| UpsertInput::by("email", format!("user{i}@example.com")).set("firstname", "Ada"));
/// let outcome = batch::all(client, contacts::batch_upsert, inputs).await;
/// println!("{} upserted, {} per-item errors", outcome.results.len(), outcome.errors.len());
/// outcome.into_result()?;
/// # Ok(()) }
/// ```
pub async fn all<I, T, F>(
    client: &Client,
    send: F,
    inputs: impl IntoIterator<Item = I>,
) -> BatchOutcome<I, T>
where
    F: Fn(&BatchInput<I>) -> Request<BatchResult<T>>,
    T: serde::de::DeserializeOwned,
{
    run(client, inputs, send, results_and_errors).await
}

/// Archives any number of records through a batch archive endpoint, in chunks of 100.
pub async fn archive_all<F>(
    client: &Client,
    send: F,
    ids: impl IntoIterator<Item = IdInput>,
) -> BatchOutcome<IdInput, ()>
where
    F: Fn(&BatchInput<IdInput>) -> Request<()>,
{
    run(client, ids, send, |()| (Vec::new(), Vec::new())).await
}

/// Reads any number of records through a batch read endpoint, in chunks of 100 ids, keeping the
/// requested properties for each chunk.
pub async fn read_all<T, F>(
    client: &Client,
    send: F,
    input: BatchReadInput,
) -> BatchOutcome<IdInput, T>
where
    F: Fn(&BatchReadInput) -> Request<BatchResult<T>>,
    T: serde::de::DeserializeOwned,
{
    let BatchReadInput {
        inputs,
        properties,
        properties_with_history,
        id_property,
    } = input;
    let read = |chunk: &BatchInput<IdInput>| {
        send(&BatchReadInput {
            inputs: chunk.inputs.clone(),
            properties: properties.clone(),
            properties_with_history: properties_with_history.clone(),
            id_property: id_property.clone(),
        })
    };
    run(client, inputs, read, results_and_errors).await
}

fn results_and_errors<T>(result: BatchResult<T>) -> (Vec<T>, Vec<ApiErrorBody>) {
    (result.results, result.errors)
}

async fn run<I, R, T, F, G>(
    client: &Client,
    inputs: impl IntoIterator<Item = I>,
    send: F,
    split: G,
) -> BatchOutcome<I, T>
where
    F: Fn(&BatchInput<I>) -> Request<R>,
    G: Fn(R) -> (Vec<T>, Vec<ApiErrorBody>),
    R: serde::de::DeserializeOwned,
{
    let mut outcome = BatchOutcome {
        results: Vec::new(),
        errors: Vec::new(),
        unsent: Vec::new(),
        unknown: Vec::new(),
        error: None,
        requests: 0,
    };
    let mut inputs = inputs.into_iter();
    loop {
        let chunk = BatchInput {
            inputs: inputs.by_ref().take(CHUNK).collect(),
        };
        if chunk.inputs.is_empty() {
            return outcome;
        }
        outcome.requests += 1;
        match send(&chunk).send(client).await {
            Ok(response) => {
                let (results, errors) = split(response);
                outcome.results.extend(results);
                outcome.errors.extend(errors);
            }
            Err(error) => {
                if error.outcome_unknown() {
                    outcome.unknown = chunk.inputs;
                } else {
                    outcome.unsent = chunk.inputs;
                }
                outcome.unsent.extend(inputs);
                outcome.error = Some(error);
                return outcome;
            }
        }
    }
}
