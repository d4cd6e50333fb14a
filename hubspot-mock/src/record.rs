//! One stored record, and the JSON HubSpot renders it as.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::object_type::ObjectType;

/// One stored object.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) id: u64,
    pub(crate) properties: BTreeMap<String, String>,
    pub(crate) history: BTreeMap<String, Vec<(String, String)>>,
    pub(crate) created_at: String,
    pub(crate) updated_at: String,
    pub(crate) archived_at: Option<String>,
}

impl Record {
    pub(crate) fn value(&self, property: &str) -> Option<&str> {
        self.properties.get(property).map(String::as_str)
    }

    /// The JSON HubSpot returns, with `requested` properties (`null` when unset) or the defaults.
    pub(crate) fn to_json(
        &self,
        object_type: ObjectType,
        requested: Option<&[String]>,
        with_history: &[String],
    ) -> Value {
        let mut names: Vec<String> = match requested {
            Some(names) if !names.is_empty() => names.to_vec(),
            _ => object_type
                .default_properties()
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
        };
        names.extend(
            [
                "createdate",
                object_type.modified_property(),
                "hs_object_id",
            ]
            .map(str::to_owned),
        );
        let mut properties = Map::new();
        for name in names {
            let value = match name.as_str() {
                "hs_object_id" => Some(self.id.to_string()),
                "createdate" => Some(self.created_at.clone()),
                "lastmodifieddate" | "hs_lastmodifieddate" => Some(self.updated_at.clone()),
                other => self.properties.get(other).cloned(),
            };
            properties.insert(name, value.map_or(Value::Null, Value::String));
        }
        let mut out = json!({
            "id": self.id.to_string(),
            "properties": properties,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
            "archived": self.archived_at.is_some(),
        });
        if let Some(at) = &self.archived_at {
            out["archivedAt"] = json!(at);
        }
        if !with_history.is_empty() {
            let history: Map<String, Value> = with_history
                .iter()
                .map(|name| {
                    let entries = self.history.get(name).map_or_else(Vec::new, |entries| {
                        entries
                            .iter()
                            .rev()
                            .map(|(value, at)| json!({"value": value, "timestamp": at, "sourceType": "API"}))
                            .collect()
                    });
                    (name.clone(), Value::Array(entries))
                })
                .collect();
            out["propertiesWithHistory"] = Value::Object(history);
        }
        out
    }
}
