//! The one retry decision: what to do after a failed attempt, as a pure function of the failure
//! and where the call stands. The executor only carries the answer out.

use std::time::Duration;

use super::{Decision, RetryConfig, classify, schedule};
use crate::error::{Error, GiveUpReason, RateLimitPolicy, WriteOutcome};

/// Where a call stands after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attempted {
    /// Attempts made, this one included.
    pub(crate) attempt: u32,
    /// 429s the limiter absorbed so far: rate limiting delays a call, it uses up no attempt.
    pub(crate) rate_limited: u32,
    /// Whether the request is safe to repeat after an unknown outcome.
    pub(crate) idempotent: bool,
    /// Attempts allowed in all (the config's).
    pub(crate) max_attempts: u32,
    /// Retry until the deadline rather than up to `max_attempts`, when there is a deadline.
    pub(crate) until_deadline: bool,
    /// Whether the request can be sent again as it was: not once a multipart part read from a
    /// stream was used up, nor once a streamed answer's first bytes went to the caller.
    pub(crate) replayable: bool,
    /// Whether a 429 without a rate-limit policy means HubSpot refused the body's size (an
    /// upload), rather than a rate limit.
    pub(crate) size_limited: bool,
    /// Time left until the deadline, if there is one.
    pub(crate) left: Option<Duration>,
    /// Whether a rate limiter paces the lanes (else a 429 is retried like a 503).
    pub(crate) limiter: bool,
    /// Whether a 401 may be answered with a fresh token: a token was sent and none was
    /// renewed for this call yet.
    pub(crate) can_reauthorize: bool,
    /// Whether the request can write (anything but a GET).
    pub(crate) writes: bool,
    /// The most any attempt so far may have done, this one included.
    pub(crate) outcome: WriteOutcome,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    /// Sleep `delay`, paying `cost` from the retry budget, then attempt again.
    Retry {
        /// The wait.
        delay: Duration,
        /// Budget tokens it costs.
        cost: u32,
    },
    /// Tell the limiter of the 429 (it pauses the lane for every caller), then attempt again
    /// when the lane frees, using no attempt; or, for the daily cap, stop.
    PauseLane {
        /// The limit that was hit.
        policy: RateLimitPolicy,
        /// What the server asked for.
        retry_after: Option<Duration>,
        /// Attempt again after the pause (false for the daily cap).
        retry: bool,
    },
    /// Ask the auth for a fresh token, and attempt again once if it has one.
    Reauthorize,
    /// Return the error as it is.
    Fail,
    /// Return [`Error::GaveUp`] for this reason.
    GiveUp(GiveUpReason),
    /// Return the 429 as [`Error::TooLarge`]: HubSpot refused the upload's size.
    TooLarge,
}

/// Decides, in order: a size refusal; a request that cannot be sent again; a 429 the limiter
/// handles; a 401 a fresh token may mend; whether the failure is retryable at all
/// ([`classify`]); then how long to wait within the attempts (or until the deadline), the
/// server's `Retry-After` cap and the deadline ([`schedule`]). The budget, the one step with an
/// effect, is the executor's, last.
pub(crate) fn decide(
    error: &Error,
    at: &Attempted,
    config: &RetryConfig,
    unit_random: f64,
) -> Action {
    if at.size_limited
        && matches!(
            error,
            Error::RateLimited {
                policy: RateLimitPolicy::Unknown,
                ..
            }
        )
    {
        return Action::TooLarge;
    }
    if !at.replayable {
        return refuse(error, at);
    }
    if at.limiter
        && let Error::RateLimited {
            policy,
            retry_after,
            ..
        } = error
    {
        if *policy == RateLimitPolicy::Daily {
            return Action::PauseLane {
                policy: policy.clone(),
                retry_after: *retry_after,
                retry: false,
            };
        }
        // Checked before the lane is paused: a server's day-long `Retry-After` must not hold
        // every other call of the token for a day.
        if let Err(reason) = within_retry_after_cap(*retry_after, config) {
            return Action::GiveUp(reason);
        }
        return Action::PauseLane {
            policy: policy.clone(),
            retry_after: *retry_after,
            retry: true,
        };
    }
    if at.can_reauthorize && error.api_error().is_some_and(|api| api.status == 401) {
        return Action::Reauthorize;
    }
    let Decision::Retry(retry) = classify(error, at.idempotent) else {
        return refuse(error, at);
    };
    let max_attempts = if at.until_deadline && at.left.is_some() {
        u32::MAX
    } else {
        at.max_attempts
    };
    match schedule(
        retry,
        at.attempt.saturating_sub(at.rate_limited),
        max_attempts,
        at.left,
        config,
        unit_random,
    ) {
        Ok(delay) => Action::Retry {
            delay,
            cost: retry.cost,
        },
        Err(reason) => Action::GiveUp(reason),
    }
}

/// The error as the call's result; but a refusal of a write an earlier attempt may have
/// applied must not read as "nothing was written".
fn refuse(error: &Error, at: &Attempted) -> Action {
    if at.writes && at.outcome > error.write_outcome() {
        return Action::GiveUp(GiveUpReason::RefusedAfterUnknown);
    }
    Action::Fail
}

/// A server's `Retry-After` is waited only up to [`RetryConfig::max_retry_after`]: the one
/// check, for a lane's pause and a backoff alike.
pub(crate) fn within_retry_after_cap(
    asked: Option<Duration>,
    config: &RetryConfig,
) -> Result<(), GiveUpReason> {
    match asked.filter(|wait| *wait > config.max_retry_after()) {
        Some(requested) => Err(GiveUpReason::RetryAfterTooLong { requested }),
        None => Ok(()),
    }
}

/// What to do when no token can be had for the next attempt: the token's error, as it is for
/// a first attempt; after attempts that may have reached HubSpot, a give-up that says so.
pub(crate) fn without_token(attempts_made: u32) -> Action {
    if attempts_made > 0 {
        Action::GiveUp(GiveUpReason::NoToken)
    } else {
        Action::Fail
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{TransportError, TransportErrorKind};
    use crate::retry::RetryBudget;
    use crate::retry::test_errors::{api, rate_limited};

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    /// The first failure of an idempotent call with a limiter, four attempts and no deadline.
    fn first() -> Attempted {
        Attempted {
            attempt: 1,
            rate_limited: 0,
            idempotent: true,
            max_attempts: 4,
            left: None,
            limiter: true,
            can_reauthorize: false,
            writes: true,
            outcome: WriteOutcome::NotApplied,
            until_deadline: false,
            replayable: true,
            size_limited: false,
        }
    }

    fn retry(delay: u64) -> Action {
        Action::Retry {
            delay: secs(delay),
            cost: RetryBudget::RETRY_COST,
        }
    }

    /// Found by `a_retry_never_repeats_a_write_that_may_have_been_applied`: a transport that
    /// reports a failed connect after a 2xx arrived made a create that was applied retryable.
    #[test]
    fn a_write_reported_applied_is_not_retried_whatever_the_kind() {
        let error = Error::Transport(
            TransportError::new(TransportErrorKind::Connect, "custom transport")
                .with_response_status(201),
        )
        .for_request(false);
        let at = Attempted {
            idempotent: false,
            ..first()
        };
        assert_eq!(
            decide(&error, &at, &RetryConfig::default(), 0.5),
            Action::Fail
        );
    }

    #[test]
    fn table() {
        let config = RetryConfig::default().with_jitter(false);
        let rolling = RateLimitPolicy::TenSecondlyRolling;
        let pause = |policy: &RateLimitPolicy, retry_after: Option<u64>, retry| Action::PauseLane {
            policy: policy.clone(),
            retry_after: retry_after.map(secs),
            retry,
        };
        let timeout = Error::Transport(TransportError::new(TransportErrorKind::Timeout, "t"));
        let cases: Vec<(&str, Error, Attempted, Action)> = vec![
            // Rate limits, with the limiter: a pause, using no attempt, whatever the method.
            (
                "429",
                rate_limited(rolling.clone(), None),
                Attempted {
                    idempotent: false,
                    ..first()
                },
                pause(&rolling, None, true),
            ),
            (
                "429 retry-after",
                rate_limited(rolling.clone(), Some(3)),
                first(),
                pause(&rolling, Some(3), true),
            ),
            (
                "429 on the last attempt",
                rate_limited(rolling.clone(), None),
                Attempted {
                    attempt: 4,
                    ..first()
                },
                pause(&rolling, None, true),
            ),
            (
                "daily 429",
                rate_limited(RateLimitPolicy::Daily, None),
                first(),
                pause(&RateLimitPolicy::Daily, None, false),
            ),
            (
                "429 asking for a day",
                rate_limited(rolling.clone(), Some(86_400)),
                first(),
                Action::GiveUp(GiveUpReason::RetryAfterTooLong {
                    requested: secs(86_400),
                }),
            ),
            // Without the limiter a 429 is retried by backoff, within the attempts.
            (
                "429, no limiter",
                rate_limited(rolling.clone(), None),
                Attempted {
                    limiter: false,
                    ..first()
                },
                retry(2),
            ),
            (
                "429, no limiter, last attempt",
                rate_limited(rolling.clone(), None),
                Attempted {
                    limiter: false,
                    attempt: 4,
                    ..first()
                },
                Action::GiveUp(GiveUpReason::AttemptsExhausted),
            ),
            // 401: once a fresh token may mend it, never otherwise.
            (
                "401 with a token to renew",
                api(401, None),
                Attempted {
                    can_reauthorize: true,
                    ..first()
                },
                Action::Reauthorize,
            ),
            ("401 again", api(401, None), first(), Action::Fail),
            // Transient failures back off; the deadline and the attempts end them.
            ("503", api(503, None), first(), retry(2)),
            (
                "503 third",
                api(503, None),
                Attempted {
                    attempt: 3,
                    ..first()
                },
                retry(8),
            ),
            (
                "503 after two 429s",
                api(503, None),
                Attempted {
                    attempt: 3,
                    rate_limited: 2,
                    ..first()
                },
                retry(2),
            ),
            (
                "503 POST",
                api(503, None),
                Attempted {
                    idempotent: false,
                    ..first()
                },
                Action::Fail,
            ),
            ("503 retry-after", api(503, Some(5)), first(), retry(5)),
            (
                "503 past the deadline",
                api(503, None),
                Attempted {
                    left: Some(secs(1)),
                    ..first()
                },
                Action::GiveUp(GiveUpReason::DeadlineExceeded {
                    next_delay: secs(2),
                }),
            ),
            (
                "503 exhausted",
                api(503, None),
                Attempted {
                    attempt: 4,
                    ..first()
                },
                Action::GiveUp(GiveUpReason::AttemptsExhausted),
            ),
            (
                "timeout",
                timeout,
                first(),
                Action::Retry {
                    delay: secs(2),
                    cost: RetryBudget::TIMEOUT_RETRY_COST,
                },
            ),
            (
                "423",
                api(423, None),
                Attempted {
                    idempotent: false,
                    ..first()
                },
                retry(2),
            ),
            ("404", api(404, None), first(), Action::Fail),
            ("config", Error::Config("x".into()), first(), Action::Fail),
            // Until the deadline: past the attempts while time is left, not without a deadline.
            (
                "503 exhausted, until a deadline",
                api(503, None),
                Attempted {
                    attempt: 9,
                    until_deadline: true,
                    left: Some(secs(600)),
                    ..first()
                },
                retry(60),
            ),
            (
                "503 exhausted, until no deadline",
                api(503, None),
                Attempted {
                    attempt: 4,
                    until_deadline: true,
                    ..first()
                },
                Action::GiveUp(GiveUpReason::AttemptsExhausted),
            ),
            // A request that cannot be sent again is not, whatever the failure.
            (
                "503, body used up",
                api(503, None),
                Attempted {
                    replayable: false,
                    ..first()
                },
                Action::Fail,
            ),
            (
                "429, body used up, after an unknown outcome",
                rate_limited(rolling.clone(), None),
                Attempted {
                    replayable: false,
                    outcome: WriteOutcome::Unknown,
                    ..first()
                },
                Action::GiveUp(GiveUpReason::RefusedAfterUnknown),
            ),
            // An upload's 429 without a policy is its size, not a rate limit.
            (
                "size 429",
                rate_limited(RateLimitPolicy::Unknown, None),
                Attempted {
                    size_limited: true,
                    ..first()
                },
                Action::TooLarge,
            ),
            (
                "429 without a policy, not an upload",
                rate_limited(RateLimitPolicy::Unknown, None),
                first(),
                pause(&RateLimitPolicy::Unknown, None, true),
            ),
        ];
        for (name, error, at, expected) in cases {
            assert_eq!(decide(&error, &at, &config, 0.0), expected, "{name}");
        }
    }

    #[test]
    fn no_token_is_the_tokens_error_first_and_a_give_up_after_attempts() {
        assert_eq!(without_token(0), Action::Fail);
        assert_eq!(without_token(2), Action::GiveUp(GiveUpReason::NoToken));
    }
}

/// Properties of the decision over any failure and any point of a call, generated with proptest.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::error::{TransportError, TransportErrorKind, WriteOutcome};
    use crate::retry::test_errors::{api, rate_limited};

    fn retry_after() -> impl Strategy<Value = Option<u64>> {
        proptest::option::of(prop_oneof![0u64..5, 0u64..200, Just(u64::MAX / 4)])
    }

    fn policy() -> impl Strategy<Value = RateLimitPolicy> {
        prop_oneof![
            Just(RateLimitPolicy::TenSecondlyRolling),
            Just(RateLimitPolicy::Secondly),
            Just(RateLimitPolicy::Daily),
            Just(RateLimitPolicy::Unknown),
        ]
    }

    fn kind() -> impl Strategy<Value = TransportErrorKind> {
        prop_oneof![
            Just(TransportErrorKind::Connect),
            Just(TransportErrorKind::InvalidRequest),
            Just(TransportErrorKind::Timeout),
            Just(TransportErrorKind::Other),
            Just(TransportErrorKind::InvalidResponse),
            Just(TransportErrorKind::HeadersTooLarge),
            Just(TransportErrorKind::BodyTooLarge),
            Just(TransportErrorKind::IncompleteBody),
        ]
    }

    /// Any failure an attempt can end in, as the executor hands it over (marked for the
    /// request's idempotency).
    fn failure() -> impl Strategy<Value = Error> {
        prop_oneof![
            (400u16..600, retry_after()).prop_map(|(status, after)| api(status, after)),
            (policy(), retry_after()).prop_map(|(policy, after)| rate_limited(policy, after)),
            (kind(), proptest::option::of(100u16..600)).prop_map(|(kind, status)| {
                let error = TransportError::new(kind, "generated");
                Error::Transport(match status {
                    Some(status) => error.with_response_status(status),
                    None => error,
                })
            }),
        ]
    }

    fn outcome() -> impl Strategy<Value = WriteOutcome> {
        prop_oneof![
            Just(WriteOutcome::NotApplied),
            Just(WriteOutcome::Unknown),
            Just(WriteOutcome::Applied),
        ]
    }

    fn attempted() -> impl Strategy<Value = Attempted> {
        (
            1u32..12,
            0u32..12,
            any::<bool>(),
            1u32..8,
            proptest::option::of(0u64..300_000),
            any::<bool>(),
            any::<bool>(),
            (any::<bool>(), outcome()),
            (any::<bool>(), any::<bool>(), any::<bool>()),
        )
            .prop_map(
                |(
                    attempt,
                    limited,
                    idempotent,
                    max_attempts,
                    left,
                    limiter,
                    can_reauthorize,
                    (writes, outcome),
                    (until_deadline, replayable, size_limited),
                )| {
                    Attempted {
                        attempt,
                        rate_limited: limited.min(attempt - 1),
                        idempotent,
                        max_attempts,
                        left: left.map(Duration::from_millis),
                        limiter,
                        can_reauthorize,
                        writes,
                        outcome,
                        until_deadline,
                        replayable,
                        size_limited,
                    }
                },
            )
    }

    fn config() -> impl Strategy<Value = RetryConfig> {
        (0u64..10_000, 1u64..120_000, any::<bool>(), 1u64..120_000).prop_map(
            |(initial, max, jitter, max_after)| {
                RetryConfig::default()
                    .with_initial_backoff(Duration::from_millis(initial))
                    .with_max_backoff(Duration::from_millis(max))
                    .with_jitter(jitter)
                    .with_max_retry_after(Duration::from_millis(max_after))
            },
        )
    }

    proptest! {
        #[test]
        fn a_retry_never_repeats_a_write_that_may_have_been_applied(
            error in failure(), at in attempted(), config in config(), random in 0.0f64..1.0,
        ) {
            let error = error.for_request(at.idempotent);
            let action = decide(&error, &at, &config, random);
            let attempts_again = matches!(
                action,
                Action::Retry { .. } | Action::PauseLane { retry: true, .. } | Action::Reauthorize
            );
            if attempts_again && !at.idempotent {
                prop_assert_eq!(error.write_outcome(), WriteOutcome::NotApplied, "{:?}", action);
            }
        }

        #[test]
        fn waits_keep_to_their_caps_and_the_deadline_wins(
            error in failure(), at in attempted(), config in config(), random in 0.0f64..1.0,
        ) {
            let error = error.for_request(at.idempotent);
            let asked = error.api_error().and_then(|api| api.retry_after);
            match decide(&error, &at, &config, random) {
                Action::Retry { delay, .. } => {
                    // The backoff's cap, or what the server asked within its cap, or a lock's
                    // two seconds.
                    let cap = config
                        .max_backoff()
                        .max(asked.unwrap_or_default())
                        .max(Duration::from_secs(2));
                    prop_assert!(delay <= cap, "{delay:?} over {cap:?}");
                    prop_assert!(asked.is_none_or(|asked| asked <= config.max_retry_after()));
                    prop_assert!(at.left.is_none_or(|left| delay < left), "{delay:?} past {:?}", at.left);
                    prop_assert!(at.replayable);
                    // Past the attempts only until a deadline, which then ends the retries.
                    prop_assert!(
                        at.attempt - at.rate_limited < at.max_attempts
                            || (at.until_deadline && at.left.is_some())
                    );
                }
                Action::PauseLane { retry_after, retry, .. } => {
                    prop_assert!(at.limiter && at.replayable);
                    if retry {
                        prop_assert!(retry_after.is_none_or(|wait| wait <= config.max_retry_after()));
                    }
                }
                Action::Reauthorize => prop_assert!(at.can_reauthorize && at.replayable),
                Action::TooLarge => prop_assert!(at.size_limited),
                Action::Fail | Action::GiveUp(_) => {}
            }
        }

        /// The decision is a function: the same inputs always give the same action.
        #[test]
        fn the_decision_is_pure(
            error in failure(), at in attempted(), config in config(), random in 0.0f64..1.0,
        ) {
            prop_assert_eq!(decide(&error, &at, &config, random), decide(&error, &at, &config, random));
        }
    }
}
