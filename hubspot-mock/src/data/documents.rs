//! What the mock keeps for the families whose records are JSON documents it need not
//! understand (marketing forms and e-mails): each collection's documents by id, and a form's
//! submissions. The shared state holds it; the handlers are above both.

use std::collections::BTreeMap;

use serde_json::Value;

/// One collection's documents.
#[derive(Debug, Default)]
pub(crate) struct Collection {
    pub(crate) last_id: u64,
    /// Live and archived documents by id, as stored (without the schema's placeholders).
    pub(crate) items: BTreeMap<String, Value>,
}

/// Every document collection, and the submissions of each form.
#[derive(Debug, Default)]
pub(crate) struct Documents {
    pub(crate) collections: BTreeMap<&'static str, Collection>,
    /// A form's submissions, oldest first, by form id.
    pub(crate) submissions: BTreeMap<String, Vec<Value>>,
}

impl Documents {
    pub(crate) fn collection(&mut self, name: &'static str) -> &mut Collection {
        self.collections.entry(name).or_default()
    }

    /// Every collection's live documents and every form's submissions, for inspection.
    pub(crate) fn dump(&self) -> Value {
        let mut out = serde_json::Map::new();
        for (name, collection) in &self.collections {
            out.insert(
                (*name).to_owned(),
                collection
                    .items
                    .values()
                    .filter(|d| d["archived"] != Value::Bool(true))
                    .cloned()
                    .collect(),
            );
        }
        out.insert(
            "formSubmissions".to_owned(),
            serde_json::to_value(&self.submissions).unwrap_or_default(),
        );
        Value::Object(out)
    }
}
