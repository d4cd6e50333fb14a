//! The retry loop: sends attempts through the transport, asks the policy what to do with each
//! failure, sleeps through the injected clock, and records why it stopped.

use std::time::Duration;

use bytes::Bytes;

use crate::client::Inner;
use crate::decode::error_from_response;
use crate::error::{Error, GiveUpReason};
use crate::request::{Lane, Method};
use crate::retry::{Decision, backoff, classify};
use crate::transport::{HttpRequest, HttpResponse};

/// A request reduced to what the executor needs.
#[derive(Debug)]
pub(crate) struct Call {
    pub(crate) method: Method,
    pub(crate) template: &'static str,
    pub(crate) path_and_query: String,
    pub(crate) body: Option<Bytes>,
    pub(crate) idempotent: bool,
    pub(crate) lane: Lane,
    pub(crate) deadline: Option<Duration>,
}

pub(crate) async fn execute(client: &Inner, call: Call) -> Result<HttpResponse, Error> {
    let time = &*client.time;
    let start = time.now();
    let deadline = call.deadline.or(client.deadline).map(|d| start + d);
    let max_attempts = client.retry.get_max_attempts();
    let url = format!("{}{}", client.base_url, call.path_and_query);
    let mut spent = 0;
    let mut attempt = 0;
    let mut last: Option<Error> = None;
    let give_up = |reason, attempts, last: Option<Error>| Error::GaveUp {
        reason,
        attempts,
        elapsed: time.now().saturating_duration_since(start),
        last: last.map(Box::new),
    };
    loop {
        let slot = client.pace(call.lane, time.now());
        if !slot.is_zero() {
            if deadline.is_some_and(|deadline| time.now() + slot >= deadline) {
                let reason = GiveUpReason::DeadlineExceeded { next_delay: slot };
                tracing::warn!(attempt, method = call.method.as_str(), path = call.template, lane = ?call.lane, reason = %reason, "gave up on HubSpot request");
                return Err(give_up(reason, attempt, last));
            }
            tracing::debug!(lane = ?call.lane, wait_ms = millis(slot), path = call.template, "waiting for a rate-limit slot");
            time.sleep(slot).await;
        }
        attempt += 1;
        let timeout = match deadline {
            Some(deadline) => client
                .attempt_timeout
                .min(deadline.saturating_duration_since(time.now())),
            None => client.attempt_timeout,
        };
        let bearer = client.auth.bearer_token().await?;
        crate::auth::check_token(&bearer)?;
        let request = HttpRequest {
            method: call.method,
            url: url.clone(),
            bearer: Some(bearer),
            user_agent: client.user_agent.clone(),
            body: call.body.clone(),
            timeout,
        };
        let error = match client.transport.send(request).await {
            Ok(response) if (200..300).contains(&response.status) => {
                client.budget.on_success(spent);
                return Ok(response);
            }
            Ok(response) => error_from_response(&response, time.system_now()),
            Err(error) => Error::Transport(error),
        };
        let event = Event {
            call: &call,
            attempt,
            max_attempts,
            error: &error,
        };
        let Decision::Retry { at_least, cost } = classify(&error, call.idempotent, &client.retry)
        else {
            event.failed();
            return Err(error);
        };
        let next = if attempt >= max_attempts {
            Err(GiveUpReason::AttemptsExhausted)
        } else {
            let delay = backoff(attempt, &client.retry, fastrand::f64()).max(at_least);
            if deadline.is_some_and(|deadline| time.now() + delay >= deadline) {
                Err(GiveUpReason::DeadlineExceeded { next_delay: delay })
            } else if client.budget.try_withdraw(cost) {
                Ok(delay)
            } else {
                Err(GiveUpReason::RetryBudgetExhausted)
            }
        };
        match next {
            Ok(delay) => {
                spent += cost;
                event.retrying(delay);
                time.sleep(delay).await;
                last = Some(error);
            }
            Err(reason) => {
                event.gave_up(reason);
                return Err(give_up(reason, attempt, Some(error)));
            }
        }
    }
}

/// The fields every retry and give-up event carries. Only the path template is logged: the
/// filled path and query can hold e-mail addresses.
struct Event<'a> {
    call: &'a Call,
    attempt: u32,
    max_attempts: u32,
    error: &'a Error,
}

impl Event<'_> {
    fn retrying(&self, delay: Duration) {
        tracing::warn!(
            attempt = self.attempt,
            max_attempts = self.max_attempts,
            delay_ms = millis(delay),
            status = self.error.status(),
            method = self.call.method.as_str(),
            path = self.call.template,
            lane = ?self.call.lane,
            correlation_id = self.error.correlation_id(),
            cause = cause(self.error),
            "retrying HubSpot request"
        );
    }

    fn gave_up(&self, reason: GiveUpReason) {
        tracing::warn!(
            attempt = self.attempt,
            max_attempts = self.max_attempts,
            status = self.error.status(),
            method = self.call.method.as_str(),
            path = self.call.template,
            lane = ?self.call.lane,
            correlation_id = self.error.correlation_id(),
            cause = cause(self.error),
            reason = %reason,
            "gave up on HubSpot request"
        );
    }

    fn failed(&self) {
        tracing::debug!(
            attempt = self.attempt,
            status = self.error.status(),
            method = self.call.method.as_str(),
            path = self.call.template,
            correlation_id = self.error.correlation_id(),
            cause = cause(self.error),
            "HubSpot request failed without retry"
        );
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// A short, data-free name for the failure: error messages can echo request data.
fn cause(error: &Error) -> &'static str {
    match error {
        Error::RateLimited { .. } => "rate_limited",
        Error::Api(_) => "api_error",
        Error::Transport(e) if !e.request_may_have_been_sent() => "connect",
        Error::Transport(e) if e.kind() == crate::transport::TransportErrorKind::Timeout => {
            "timeout"
        }
        Error::Transport(_) => "connection_lost",
        _ => "other",
    }
}

#[cfg(test)]
mod tests;
