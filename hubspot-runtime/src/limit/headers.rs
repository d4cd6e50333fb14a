//! What a response's `X-HubSpot-RateLimit-*` headers say. Every header is optional (search
//! responses carry none), and each value is the server's word: out-of-range values are dropped.

use std::time::Duration;

use http::HeaderMap;

use super::RateLimit;
use super::window::{MAX_LEARNED_REQUESTS, MAX_LEARNED_WINDOW};

/// The rate-limit state one response reported.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reported {
    /// The rolling window: `-Max` per `-Interval-Milliseconds`.
    pub(crate) window: Option<RateLimit>,
    /// Requests left in that window.
    pub(crate) remaining: Option<u32>,
    /// The daily cap and what is left of it.
    pub(crate) daily: Option<u64>,
    pub(crate) daily_remaining: Option<u64>,
}

impl Reported {
    /// Reads the headers in one pass: every response goes through here, and most headers are
    /// not HubSpot's, so each name is matched once rather than each of ours looked up.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Self {
        let (mut max, mut interval) = (None, None);
        let mut reported = Self::default();
        for (name, value) in headers {
            let Some(suffix) = name.as_str().strip_prefix("x-hubspot-ratelimit-") else {
                continue;
            };
            let number = || number(value.as_bytes());
            match suffix {
                "max" => max = number().and_then(|n| u32::try_from(n).ok()),
                "interval-milliseconds" => interval = number().map(Duration::from_millis),
                "remaining" => reported.remaining = number().and_then(|n| u32::try_from(n).ok()),
                "daily" => reported.daily = number().filter(|n| *n > 0),
                "daily-remaining" => reported.daily_remaining = number(),
                _ => {}
            }
        }
        reported.window = match (max, interval) {
            (Some(max), Some(interval))
                if (1..=MAX_LEARNED_REQUESTS).contains(&max)
                    && !interval.is_zero()
                    && interval <= MAX_LEARNED_WINDOW =>
            {
                Some(RateLimit::new(max, interval))
            }
            _ => None,
        };
        reported
    }
}

/// A header's decimal number, spaces around it allowed: anything else (a sign, a fraction, a
/// number past `u64`) is no number.
fn number(text: &[u8]) -> Option<u64> {
    let digits = text.trim_ascii();
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |n, digit| {
        let digit = char::from(*digit).to_digit(10)?;
        n.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn reads_hubspots_headers() {
        let reported = Reported::from_headers(&headers(&[
            ("x-hubspot-ratelimit-max", "190"),
            ("x-hubspot-ratelimit-interval-milliseconds", "10000"),
            ("x-hubspot-ratelimit-remaining", "187"),
            ("x-hubspot-ratelimit-daily", "650000"),
            ("x-hubspot-ratelimit-daily-remaining", "649000"),
        ]));
        assert_eq!(
            reported,
            Reported {
                window: Some(RateLimit::PROFESSIONAL),
                remaining: Some(187),
                daily: Some(650_000),
                daily_remaining: Some(649_000),
            }
        );
    }

    #[test]
    fn numbers_are_plain_decimals() {
        for (text, read) in [
            ("190", Some(190)),
            (" 7\t", Some(7)),
            ("0", Some(0)),
            ("18446744073709551615", Some(u64::MAX)),
            ("18446744073709551616", None),
            ("", None),
            (" ", None),
            ("+5", None),
            ("-1", None),
            ("1.5", None),
            ("1 2", None),
            ("١٢", None),
        ] {
            assert_eq!(number(text.as_bytes()), read, "{text:?}");
        }
    }

    #[test]
    fn missing_or_absurd_values_are_dropped() {
        assert_eq!(
            Reported::from_headers(&HeaderMap::new()),
            Reported::default()
        );
        for (max, interval) in [
            ("0", "10000"),
            ("100", "0"),
            ("100", "86400000"),
            ("x", "1"),
            ("-1", "1000"),
            ("4000000000", "10000"),
            ("1000001", "10000"),
        ] {
            let reported = Reported::from_headers(&headers(&[
                ("x-hubspot-ratelimit-max", max),
                ("x-hubspot-ratelimit-interval-milliseconds", interval),
            ]));
            assert_eq!(reported.window, None, "{max} per {interval}");
        }
    }
}
