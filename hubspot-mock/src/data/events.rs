//! What the custom behavioral events API keeps. The shared state holds it; the handlers are above both.

use serde_json::Value;

/// Every occurrence accepted, as sent.
#[derive(Debug, Default)]
pub(crate) struct Events {
    pub(crate) occurrences: Vec<Value>,
}

impl Events {
    /// Keeps each occurrence but those whose `uuid` their event already has.
    pub(crate) fn accept(&mut self, occurrences: impl IntoIterator<Item = Value>) {
        for occurrence in occurrences {
            let seen = occurrence["uuid"].as_str().is_some_and(|uuid| {
                self.occurrences.iter().any(|kept| {
                    kept["uuid"].as_str() == Some(uuid)
                        && kept["eventName"] == occurrence["eventName"]
                })
            });
            if !seen {
                self.occurrences.push(occurrence);
            }
        }
    }
}
