//! A point in time as HubSpot writes it: RFC 3339 text (`2026-03-01T12:00:00.000Z`), or, in some
//! answers, milliseconds since the Unix epoch. The text is kept as it came, so decoding never
//! loses or rewrites it, and sending it back sends the same bytes; [`DateTime::to_system_time`]
//! reads it when a caller wants a time.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// A date-time field: its text as HubSpot sent it (or as a caller built it), readable as a
/// [`SystemTime`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct DateTime(String);

/// Why a [`DateTime`]'s text is not a time this crate reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not an RFC 3339 UTC time or epoch milliseconds: {reason}")]
pub struct DateTimeError {
    text: String,
    reason: String,
}

impl DateTime {
    /// The text as sent or built.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The time it names: RFC 3339 in UTC (`…Z`, with or without fractions of a second), or
    /// milliseconds since the epoch.
    ///
    /// # Errors
    /// Any other text (an offset other than `Z` among them); the text itself stays available.
    pub fn to_system_time(&self) -> Result<SystemTime, DateTimeError> {
        let error = |reason: String| DateTimeError {
            text: self.0.chars().take(64).collect(),
            reason,
        };
        if !self.0.is_empty() && self.0.bytes().all(|b| b.is_ascii_digit()) {
            let millis: u64 = self.0.parse().map_err(|e| error(format!("{e}")))?;
            return UNIX_EPOCH
                .checked_add(Duration::from_millis(millis))
                .ok_or_else(|| error("out of range".to_owned()));
        }
        humantime::parse_rfc3339_weak(&self.0).map_err(|e| error(e.to_string()))
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl From<&str> for DateTime {
    fn from(text: &str) -> Self {
        Self(text.to_owned())
    }
}

impl From<SystemTime> for DateTime {
    /// RFC 3339 in UTC, to the millisecond, as HubSpot writes times.
    fn from(time: SystemTime) -> Self {
        Self(humantime::format_rfc3339_millis(time).to_string())
    }
}

impl AsRef<str> for DateTime {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for DateTime {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    /// Text, or a number kept as its digits: some answers carry epoch milliseconds where the
    /// schema says `date-time`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateTimeVisitor;
        impl Visitor<'_> for DateTimeVisitor {
            type Value = DateTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date-time text or epoch milliseconds")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateTime, E> {
                Ok(DateTime(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<DateTime, E> {
                Ok(DateTime(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateTime, E> {
                Ok(DateTime(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateTime, E> {
                Ok(DateTime(v.to_string()))
            }
        }
        deserializer.deserialize_any(DateTimeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_epoch_millis_decode_and_read_as_the_same_time() {
        let text: DateTime = serde_json::from_str(r#""2026-03-01T12:00:00.250Z""#).unwrap();
        let millis: DateTime = serde_json::from_str("1772366400250").unwrap();
        assert_eq!(text.as_str(), "2026-03-01T12:00:00.250Z");
        assert_eq!(millis.as_str(), "1772366400250");
        assert_eq!(
            text.to_system_time().unwrap(),
            millis.to_system_time().unwrap()
        );
        // Sent back as it came.
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            r#""2026-03-01T12:00:00.250Z""#
        );
        assert_eq!(
            DateTime::from(text.to_system_time().unwrap()).as_str(),
            "2026-03-01T12:00:00.250Z"
        );
    }

    #[test]
    fn text_that_is_not_a_time_is_kept_and_reported() {
        let odd: DateTime = serde_json::from_str(r#""next tuesday""#).unwrap();
        assert_eq!(&*odd, "next tuesday");
        let error = odd.to_system_time().unwrap_err();
        assert!(error.to_string().contains("next tuesday"), "{error}");
        assert!(serde_json::from_str::<DateTime>("true").is_err());
    }
}
