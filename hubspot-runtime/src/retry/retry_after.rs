use std::time::{Duration, SystemTime};

/// Parses a `Retry-After` value: delta-seconds (`"7"`, also `"1.5"`) or an HTTP-date, relative to
/// `now`. A date in the past means "now". Negative or unparsable values give `None`, so the caller
/// falls back to its backoff.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    if let Ok(seconds) = value.parse::<f64>() {
        return Duration::try_from_secs_f64(seconds).ok();
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> SystemTime {
        // Sun, 06 Nov 1994 08:49:37 GMT, the RFC's example date.
        SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777)
    }

    #[test]
    fn table() {
        let cases: &[(&str, Option<Duration>)] = &[
            ("0", Some(Duration::ZERO)),
            ("7", Some(Duration::from_secs(7))),
            (" 10 ", Some(Duration::from_secs(10))),
            ("1.5", Some(Duration::from_millis(1500))),
            ("-3", None),
            ("-0.5", None),
            ("NaN", None),
            ("inf", None),
            ("soon", None),
            ("", None),
            (
                "Sun, 06 Nov 1994 08:49:47 GMT",
                Some(Duration::from_secs(10)),
            ),
            ("Sun, 06 Nov 1994 08:49:37 GMT", Some(Duration::ZERO)),
            ("Sun, 06 Nov 1994 08:00:00 GMT", Some(Duration::ZERO)),
            ("Sun, 06 Nov 1994 08:49:97 GMT", None),
            ("99999999999999999999", None),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_retry_after(value, now()), *expected, "{value:?}");
        }
    }
}
