//! Server text made safe to keep and print: the token scrubbed out, the length bounded.

use std::borrow::Cow;
use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// What stands in for the token wherever a server echoed it.
pub(crate) const REDACTED: &str = "[REDACTED]";

/// How much of one piece of server text `Display`, `Debug` and log fields show.
pub(crate) const SHOWN_CHARS: usize = 256;

/// Tokens shorter than this are not scrubbed: a real HubSpot token is 40 characters or more,
/// and replacing every `t` of a one-letter test token would garble the text, not protect it.
const MIN_SCRUBBED_LEN: usize = 8;

/// Scrubs secrets (the bearer token an attempt sent, and any the request named) from server
/// text.
#[derive(Clone, Default)]
pub(crate) struct Redactor {
    secrets: Vec<SecretString>,
}

impl Redactor {
    /// A redactor for `secrets`.
    pub(crate) fn new<'a>(secrets: impl IntoIterator<Item = &'a SecretString>) -> Self {
        Self {
            secrets: secrets
                .into_iter()
                .filter(|secret| secret.expose_secret().len() >= MIN_SCRUBBED_LEN)
                .cloned()
                .collect(),
        }
    }

    /// `text` with every occurrence of a secret replaced by `[REDACTED]`.
    pub(crate) fn scrub<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut text = Cow::Borrowed(text);
        for secret in &self.secrets {
            if text.contains(secret.expose_secret()) {
                text = Cow::Owned(text.replace(secret.expose_secret(), REDACTED));
            }
        }
        text
    }

    /// Scrubs every string (and key) of a JSON value in place.
    pub(crate) fn scrub_json(&self, value: &mut serde_json::Value) {
        use serde_json::Value;
        if self.secrets.is_empty() {
            return;
        }
        match value {
            Value::String(text) => {
                if let Cow::Owned(clean) = self.scrub(text) {
                    *text = clean;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.scrub_json(item)),
            Value::Object(fields) => {
                let taken = std::mem::take(fields);
                for (key, mut item) in taken {
                    self.scrub_json(&mut item);
                    fields.insert(self.scrub(&key).into_owned(), item);
                }
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Redactor([REDACTED])")
    }
}

/// At most `max` characters of `text`, with `…` where it was cut.
pub(crate) fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// Displays server text cut to [`SHOWN_CHARS`].
pub(crate) struct Shown<'a>(pub(crate) &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&truncate(self.0, SHOWN_CHARS))
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&truncate(self.0, SHOWN_CHARS), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_every_occurrence_and_json_keys() {
        let redactor = Redactor::new([&SecretString::from("pat-na1-secret")]);
        assert_eq!(
            redactor.scrub("a pat-na1-secret b pat-na1-secret"),
            "a [REDACTED] b [REDACTED]"
        );
        let mut json = serde_json::json!({"pat-na1-secret": ["Bearer pat-na1-secret", 1]});
        redactor.scrub_json(&mut json);
        assert_eq!(
            json,
            serde_json::json!({"[REDACTED]": ["Bearer [REDACTED]", 1]})
        );
    }

    #[test]
    fn short_secrets_and_no_secret_leave_text_alone() {
        assert_eq!(
            Redactor::new([&SecretString::from("t")]).scrub("tat"),
            "tat"
        );
        assert_eq!(Redactor::default().scrub("tat"), "tat");
    }

    #[test]
    fn truncates_on_character_boundaries() {
        assert_eq!(truncate("héllo", 2), "hé…");
        assert_eq!(truncate("héllo", 5), "héllo");
        assert_eq!(
            Shown(&"x".repeat(1000)).to_string().chars().count(),
            SHOWN_CHARS + 1
        );
    }
}
