//! The stored CRM objects and associations.

use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::schema::Schema;

/// The object types the mock serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectType {
    /// `contacts`, `0-1`
    Contacts,
    /// `companies`, `0-2`
    Companies,
    /// `deals`, `0-3`
    Deals,
    /// `tickets`, `0-5`
    Tickets,
}

impl ObjectType {
    /// Every type.
    pub const ALL: [Self; 4] = [Self::Contacts, Self::Companies, Self::Deals, Self::Tickets];

    /// Reads a path segment: plural or singular name, or type id.
    pub(crate) fn parse(segment: &str) -> ApiResult<Self> {
        Ok(match segment {
            "contacts" | "contact" | "0-1" => Self::Contacts,
            "companies" | "company" | "0-2" => Self::Companies,
            "deals" | "deal" | "0-3" => Self::Deals,
            "tickets" | "ticket" | "0-5" => Self::Tickets,
            other => {
                return Err(ApiError::new(
                    axum::http::StatusCode::BAD_REQUEST,
                    "VALIDATION_ERROR",
                    format!("Unable to infer object type from: {other}"),
                ));
            }
        })
    }

    /// The type id, such as `0-3`.
    pub fn type_id(self) -> &'static str {
        match self {
            Self::Contacts => "0-1",
            Self::Companies => "0-2",
            Self::Deals => "0-3",
            Self::Tickets => "0-5",
        }
    }

    /// The singular name, as association results use.
    pub fn singular(self) -> &'static str {
        match self {
            Self::Contacts => "contact",
            Self::Companies => "company",
            Self::Deals => "deal",
            Self::Tickets => "ticket",
        }
    }

    /// The plural name.
    pub fn plural(self) -> &'static str {
        match self {
            Self::Contacts => "contacts",
            Self::Companies => "companies",
            Self::Deals => "deals",
            Self::Tickets => "tickets",
        }
    }

    /// Properties returned when none are requested.
    pub(crate) fn default_properties(self) -> &'static [&'static str] {
        match self {
            Self::Contacts => &["firstname", "lastname", "email"],
            Self::Companies => &["name", "domain"],
            Self::Deals => &["dealname", "amount", "closedate", "pipeline", "dealstage"],
            Self::Tickets => &["subject", "content", "hs_pipeline", "hs_pipeline_stage"],
        }
    }

    pub(crate) fn modified_property(self) -> &'static str {
        match self {
            Self::Contacts => "lastmodifieddate",
            _ => "hs_lastmodifieddate",
        }
    }

    /// Properties a create must set.
    pub(crate) fn required_properties(self) -> &'static [&'static str] {
        match self {
            Self::Deals => &["dealname", "dealstage", "pipeline"],
            Self::Tickets => &["subject", "hs_pipeline_stage", "hs_pipeline"],
            Self::Contacts | Self::Companies => &[],
        }
    }

    /// Properties the free-text `query` of a search looks in.
    pub(crate) fn searchable(self) -> &'static [&'static str] {
        match self {
            Self::Contacts => &["firstname", "lastname", "email", "phone", "company"],
            Self::Companies => &["name", "domain", "website", "phone"],
            Self::Deals => &["dealname"],
            Self::Tickets => &["subject", "content"],
        }
    }
}

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

/// One directed association, stored for each direction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Edge {
    pub(crate) from_type: ObjectType,
    pub(crate) from_id: u64,
    pub(crate) to_type: ObjectType,
    pub(crate) to_id: u64,
    pub(crate) category: String,
    pub(crate) type_id: i64,
}

/// The HubSpot-defined default association type id from one type to another (0 when none).
pub(crate) fn default_type_id(from: ObjectType, to: ObjectType) -> i64 {
    use ObjectType::{Companies, Contacts, Deals, Tickets};
    match (from, to) {
        (Contacts, Companies) => 279,
        (Companies, Contacts) => 280,
        (Contacts, Deals) => 4,
        (Deals, Contacts) => 3,
        (Deals, Companies) => 341,
        (Companies, Deals) => 342,
        (Contacts, Tickets) => 15,
        (Tickets, Contacts) => 16,
        (Deals, Tickets) => 27,
        (Tickets, Deals) => 28,
        (Companies, Tickets) => 25,
        (Tickets, Companies) => 26,
        _ => 0,
    }
}

fn inverse_type_id(type_id: i64) -> i64 {
    const PAIRS: [(i64, i64); 8] = [
        (279, 280),
        (1, 2),
        (4, 3),
        (341, 342),
        (5, 6),
        (15, 16),
        (27, 28),
        (25, 26),
    ];
    PAIRS
        .iter()
        .find_map(|&(a, b)| {
            if a == type_id {
                Some(b)
            } else if b == type_id {
                Some(a)
            } else {
                None
            }
        })
        .unwrap_or(type_id)
}

/// Every stored object and association.
#[derive(Debug, Default)]
pub(crate) struct Store {
    objects: BTreeMap<ObjectType, BTreeMap<u64, Record>>,
    next_id: u64,
    pub(crate) edges: BTreeSet<Edge>,
    pub(crate) gdpr_blocklist: BTreeSet<String>,
    pub(crate) schema: Schema,
}

pub(crate) fn now() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

impl Store {
    pub(crate) fn records(&self, object_type: ObjectType) -> impl Iterator<Item = &Record> {
        self.objects
            .get(&object_type)
            .into_iter()
            .flat_map(BTreeMap::values)
    }

    pub(crate) fn get(&self, object_type: ObjectType, id: u64) -> Option<&Record> {
        self.objects.get(&object_type)?.get(&id)
    }

    pub(crate) fn get_mut(&mut self, object_type: ObjectType, id: u64) -> Option<&mut Record> {
        self.objects.get_mut(&object_type)?.get_mut(&id)
    }

    /// Every live record's non-empty value of `property`.
    pub(crate) fn values_of(&self, object_type: ObjectType, property: &str) -> Vec<(u64, String)> {
        self.records(object_type)
            .filter(|r| r.archived_at.is_none())
            .filter_map(|r| {
                r.value(property)
                    .filter(|v| !v.is_empty())
                    .map(|v| (r.id, v.to_owned()))
            })
            .collect()
    }

    /// Finds a live record by id, or by a unique property when `id_property` is given.
    pub(crate) fn find(
        &self,
        object_type: ObjectType,
        id: &str,
        id_property: Option<&str>,
    ) -> Option<u64> {
        match id_property {
            None | Some("hs_object_id") => {
                let id = id.parse().ok()?;
                self.get(object_type, id)
                    .filter(|r| r.archived_at.is_none())
                    .map(|r| r.id)
            }
            Some(property) if self.schema.is_unique(object_type, property) => self
                .schema
                .holder(object_type, property, id)
                .filter(|found| {
                    self.get(object_type, *found)
                        .is_some_and(|r| r.archived_at.is_none())
                }),
            Some(property) => self
                .records(object_type)
                .find(|r| {
                    r.archived_at.is_none()
                        && r.value(property)
                            .is_some_and(|v| v.eq_ignore_ascii_case(id))
                })
                .map(|r| r.id),
        }
    }

    /// Creates a record, enforcing required properties, pipelines and unique e-mail.
    pub(crate) fn create(
        &mut self,
        object_type: ObjectType,
        properties: BTreeMap<String, String>,
    ) -> ApiResult<u64> {
        for required in object_type.required_properties() {
            if properties.get(*required).is_none_or(String::is_empty) {
                return Err(ApiError::validation(format!(
                    "Property values were not valid: the property {required} is required"
                )));
            }
        }
        self.check(object_type, None, &properties)?;
        self.next_id += 1;
        let id = 1000 + self.next_id;
        let at = now();
        let mut record = Record {
            id,
            properties: BTreeMap::new(),
            history: BTreeMap::new(),
            created_at: at.clone(),
            updated_at: at,
            archived_at: None,
        };
        self.index(object_type, id, &properties, |_| None);
        apply(&mut record, properties);
        self.objects
            .entry(object_type)
            .or_default()
            .insert(id, record);
        Ok(id)
    }

    /// Overwrites the given properties (an empty string clears one).
    pub(crate) fn update(
        &mut self,
        object_type: ObjectType,
        id: u64,
        properties: BTreeMap<String, String>,
    ) -> ApiResult<()> {
        self.check(object_type, Some(id), &properties)?;
        let record = self
            .get(object_type, id)
            .filter(|r| r.archived_at.is_none())
            .ok_or_else(|| ApiError::not_found(object_type.singular(), &id.to_string()))?;
        // Only the unique values move in the index.
        let old: BTreeMap<String, String> = self
            .schema
            .unique_properties(object_type)
            .into_iter()
            .filter_map(|name| record.properties.get(&name).map(|v| (name, v.clone())))
            .collect();
        self.index(object_type, id, &properties, |name| {
            old.get(name).map(String::as_str)
        });
        if let Some(record) = self.get_mut(object_type, id) {
            apply(record, properties);
        }
        Ok(())
    }

    /// Moves the unique values `properties` set for record `id` into the index.
    fn index<'a>(
        &mut self,
        object_type: ObjectType,
        id: u64,
        properties: &BTreeMap<String, String>,
        old: impl Fn(&str) -> Option<&'a str>,
    ) {
        for property in self.schema.unique_properties(object_type) {
            if let Some(new) = properties.get(&property) {
                let old = old(&property);
                self.schema
                    .reindex(object_type, &property, id, old, Some(new.as_str()));
            }
        }
    }

    fn check(
        &self,
        object_type: ObjectType,
        id: Option<u64>,
        properties: &BTreeMap<String, String>,
    ) -> ApiResult<()> {
        for property in self.schema.unique_properties(object_type) {
            if let Some(value) = properties.get(&property).filter(|v| !v.is_empty())
                && let Some(existing) = self.find(object_type, value, Some(&property))
                && Some(existing) != id
            {
                return Err(ApiError::conflict(if property == "email" {
                    format!("Contact already exists. Existing ID: {existing}")
                } else {
                    format!(
                        "A {} with {property} {value} already exists. Existing ID: {existing}",
                        object_type.singular()
                    )
                }));
            }
        }
        if object_type == ObjectType::Deals
            && let Some(stage) = properties.get("dealstage")
            && !crate::readonly::is_deal_stage(stage)
        {
            return Err(ApiError::validation(format!(
                "Property values were not valid: {stage} is not a valid deal stage"
            )));
        }
        Ok(())
    }

    pub(crate) fn archive(&mut self, object_type: ObjectType, id: u64) {
        let values = self.get_mut(object_type, id).map(|record| {
            record.archived_at.get_or_insert_with(now);
            record.properties.clone()
        });
        for property in self.schema.unique_properties(object_type) {
            let old = values.as_ref().and_then(|v| v.get(&property));
            self.schema
                .reindex(object_type, &property, id, old.map(String::as_str), None);
        }
        self.edges.retain(|e| {
            (e.from_type, e.from_id) != (object_type, id)
                && (e.to_type, e.to_id) != (object_type, id)
        });
    }

    pub(crate) fn purge(&mut self, object_type: ObjectType, id: u64) {
        self.archive(object_type, id);
        if let Some(records) = self.objects.get_mut(&object_type) {
            records.remove(&id);
        }
    }

    /// Stores an association in both directions.
    pub(crate) fn associate(
        &mut self,
        from: (ObjectType, u64),
        to: (ObjectType, u64),
        category: &str,
        type_id: i64,
    ) {
        self.edges.insert(Edge {
            from_type: from.0,
            from_id: from.1,
            to_type: to.0,
            to_id: to.1,
            category: category.to_owned(),
            type_id,
        });
        self.edges.insert(Edge {
            from_type: to.0,
            from_id: to.1,
            to_type: from.0,
            to_id: from.1,
            category: category.to_owned(),
            type_id: inverse_type_id(type_id),
        });
    }

    /// Removes every association between two records, both directions.
    pub(crate) fn dissociate(&mut self, from: (ObjectType, u64), to: (ObjectType, u64)) {
        self.edges.retain(|e| {
            !((e.from_type, e.from_id, e.to_type, e.to_id) == (from.0, from.1, to.0, to.1)
                || (e.from_type, e.from_id, e.to_type, e.to_id) == (to.0, to.1, from.0, from.1))
        });
    }

    /// Associations of one record to one type, grouped by target.
    pub(crate) fn associated(
        &self,
        from: (ObjectType, u64),
        to_type: ObjectType,
    ) -> BTreeMap<u64, Vec<&Edge>> {
        let mut out: BTreeMap<u64, Vec<&Edge>> = BTreeMap::new();
        for edge in self
            .edges
            .iter()
            .filter(|e| (e.from_type, e.from_id) == from && e.to_type == to_type)
        {
            out.entry(edge.to_id).or_default().push(edge);
        }
        out
    }

    /// Every live and archived object, for inspection.
    pub(crate) fn dump(&self) -> Value {
        let objects: Map<String, Value> = ObjectType::ALL
            .iter()
            .map(|t| {
                let records: Vec<Value> = self.records(*t).map(|r| {
                    json!({"id": r.id.to_string(), "properties": r.properties, "archived": r.archived_at.is_some(), "createdAt": r.created_at, "updatedAt": r.updated_at})
                }).collect();
                (t.plural().to_owned(), Value::Array(records))
            })
            .collect();
        json!({"objects": objects, "associations": self.edges})
    }
}

fn apply(record: &mut Record, properties: BTreeMap<String, String>) {
    let at = now();
    for (name, value) in properties {
        record
            .history
            .entry(name.clone())
            .or_default()
            .push((value.clone(), at.clone()));
        record.properties.insert(name, value);
    }
    record.updated_at = at;
}
