use std::time::Duration;

use super::{RetryBudget, RetryConfig};
use crate::error::{Error, RateLimitPolicy};
use crate::transport::TransportErrorKind;

/// HubSpot's bulk-sync locks last two seconds; its docs ask for at least that long a pause.
const LOCKED_DELAY: Duration = Duration::from_secs(2);

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Return the error.
    Stop,
    /// Retry after the backoff or `at_least`, whichever is longer, spending `cost` budget tokens.
    Retry { at_least: Duration, cost: u32 },
}

impl Decision {
    fn retry(at_least: Duration) -> Self {
        Self::Retry {
            at_least,
            cost: RetryBudget::RETRY_COST,
        }
    }

    fn retry_if(idempotent: bool, cost: u32) -> Self {
        if idempotent {
            Self::Retry {
                at_least: Duration::ZERO,
                cost,
            }
        } else {
            Self::Stop
        }
    }
}

/// Decides whether a failed attempt is retried. Pure: the whole retry table lives here.
pub(crate) fn classify(error: &Error, idempotent: bool, config: &RetryConfig) -> Decision {
    match error {
        Error::RateLimited {
            policy: RateLimitPolicy::Daily,
            ..
        } => Decision::Stop,
        // A 429 was rejected before any work was done, so it is safe to retry for every method.
        Error::RateLimited { retry_after, .. } => {
            Decision::retry(retry_after.unwrap_or_default().min(config.max_retry_after))
        }
        Error::Api(api) => match api.status {
            423 => Decision::retry(api.retry_after.unwrap_or_default().max(LOCKED_DELAY)),
            477 => match api.retry_after {
                Some(wait) if wait > config.max_retry_after => Decision::Stop,
                wait => Decision::retry(wait.unwrap_or_default()),
            },
            500 | 502 | 503 | 504 | 521 | 523 | 524 => {
                Decision::retry_if(idempotent, RetryBudget::RETRY_COST)
            }
            _ => Decision::Stop,
        },
        Error::Transport(transport) => match transport.kind() {
            TransportErrorKind::Connect => Decision::retry(Duration::ZERO),
            TransportErrorKind::Timeout => {
                Decision::retry_if(idempotent, RetryBudget::TIMEOUT_RETRY_COST)
            }
            _ => Decision::retry_if(idempotent, RetryBudget::RETRY_COST),
        },
        _ => Decision::Stop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ApiError, ApiErrorBody};
    use crate::transport::TransportError;

    fn api(status: u16, retry_after: Option<u64>) -> Error {
        Error::Api(Box::new(ApiError {
            status,
            body: ApiErrorBody::default(),
            raw_body: None,
            retry_after: retry_after.map(Duration::from_secs),
            correlation_header: None,
        }))
    }

    fn rate_limited(policy: RateLimitPolicy, retry_after: Option<u64>) -> Error {
        let Error::Api(error) = api(429, retry_after) else {
            unreachable!()
        };
        Error::RateLimited {
            policy,
            retry_after: error.retry_after,
            error,
        }
    }

    fn transport(kind: TransportErrorKind) -> Error {
        Error::Transport(TransportError::new(kind, "boom"))
    }

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    fn retry(at_least: u64) -> Decision {
        Decision::Retry {
            at_least: secs(at_least),
            cost: RetryBudget::RETRY_COST,
        }
    }

    #[test]
    fn table() {
        let config = RetryConfig::default().max_retry_after(secs(60));
        let timeout_retry = Decision::Retry {
            at_least: Duration::ZERO,
            cost: RetryBudget::TIMEOUT_RETRY_COST,
        };
        let cases: Vec<(&str, Error, bool, Decision)> = vec![
            (
                "daily 429",
                rate_limited(RateLimitPolicy::Daily, Some(5)),
                true,
                Decision::Stop,
            ),
            (
                "ten-secondly 429",
                rate_limited(RateLimitPolicy::TenSecondlyRolling, None),
                false,
                retry(0),
            ),
            (
                "429 retry-after",
                rate_limited(RateLimitPolicy::Unknown, Some(7)),
                false,
                retry(7),
            ),
            (
                "429 absurd retry-after",
                rate_limited(RateLimitPolicy::Secondly, Some(86_400)),
                true,
                retry(60),
            ),
            ("423 bare", api(423, None), false, retry(2)),
            ("423 short retry-after", api(423, Some(1)), false, retry(2)),
            ("423 long retry-after", api(423, Some(5)), false, retry(5)),
            ("477 fits", api(477, Some(30)), false, retry(30)),
            ("477 too long", api(477, Some(3600)), true, Decision::Stop),
            ("477 without header", api(477, None), true, retry(0)),
            ("503 idempotent", api(503, None), true, retry(0)),
            ("503 POST", api(503, None), false, Decision::Stop),
            ("500 idempotent", api(500, None), true, retry(0)),
            ("502", api(502, None), true, retry(0)),
            ("504", api(504, None), true, retry(0)),
            ("521", api(521, None), true, retry(0)),
            ("523", api(523, None), true, retry(0)),
            ("524", api(524, None), true, retry(0)),
            ("522", api(522, None), true, Decision::Stop),
            ("525", api(525, None), true, Decision::Stop),
            ("400", api(400, None), true, Decision::Stop),
            ("401", api(401, None), true, Decision::Stop),
            ("403", api(403, None), true, Decision::Stop),
            ("404", api(404, None), true, Decision::Stop),
            ("409", api(409, None), true, Decision::Stop),
            ("414", api(414, None), true, Decision::Stop),
            (
                "refused POST",
                transport(TransportErrorKind::Connect),
                false,
                retry(0),
            ),
            (
                "timeout GET",
                transport(TransportErrorKind::Timeout),
                true,
                timeout_retry,
            ),
            (
                "timeout POST",
                transport(TransportErrorKind::Timeout),
                false,
                Decision::Stop,
            ),
            (
                "dropped GET",
                transport(TransportErrorKind::Other),
                true,
                retry(0),
            ),
            (
                "dropped POST",
                transport(TransportErrorKind::Other),
                false,
                Decision::Stop,
            ),
            ("config", Error::Config("x".into()), true, Decision::Stop),
        ];
        for (name, error, idempotent, expected) in cases {
            assert_eq!(classify(&error, idempotent, &config), expected, "{name}");
        }
    }
}
