//! The stored CRM objects and associations.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::association_types::{
    Definition, default_type_between, default_type_id, inverse_type_id,
};
use crate::clock::Clock;
use crate::error::{ApiError, ApiResult};
use crate::object_type::ObjectType;
use crate::record::Record;
use crate::schema::Schema;

pub(crate) mod changes;
mod definitions;

use changes::{Action, Change, Changes};

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

/// Every stored object and association.
#[derive(Debug)]
pub(crate) struct Store {
    objects: BTreeMap<ObjectType, BTreeMap<u64, Record>>,
    next_id: u64,
    edges: BTreeSet<Edge>,
    gdpr_blocklist: BTreeSet<String>,
    schema: Schema,
    /// Custom object schemas (their JSON) by type.
    custom: BTreeMap<ObjectType, Value>,
    definitions: Vec<Definition>,
    /// The last number handed out to a custom type or a defined association type.
    last_number: u64,
    /// Refuse properties the type does not define.
    strict_properties: bool,
    clock: Clock,
    /// Every write, in order, for the webhooks journal.
    changes: Changes,
}

impl Store {
    pub(crate) fn new(strict_properties: bool, clock: Clock) -> Self {
        Self {
            objects: BTreeMap::new(),
            next_id: 0,
            edges: BTreeSet::new(),
            gdpr_blocklist: BTreeSet::new(),
            schema: Schema::new(clock.clone()),
            custom: BTreeMap::new(),
            definitions: Vec::new(),
            last_number: 0,
            strict_properties,
            clock,
            changes: Changes::default(),
        }
    }

    /// Every write the store took, in order.
    pub(crate) fn changes(&self) -> &Changes {
        &self.changes
    }

    /// A change to record `id`, stamped now; the caller fills in what it carries.
    pub(crate) fn change(&self, action: Action, object_type: ObjectType, id: u64) -> Change {
        Change::new(action, object_type.type_id(), id, self.clock.timestamp())
    }

    /// Logs a change the store cannot see itself (a merge, a list membership, a snapshot).
    pub(crate) fn log(&mut self, change: Change) {
        self.changes.push(change);
    }

    /// The property definitions and unique indexes.
    pub(crate) fn schema(&self) -> &Schema {
        &self.schema
    }

    pub(crate) fn schema_mut(&mut self) -> &mut Schema {
        &mut self.schema
    }

    /// Keeps `email` from ever being stored again (a GDPR delete of a contact that does not
    /// exist yet).
    pub(crate) fn block_email(&mut self, email: &str) {
        self.gdpr_blocklist.insert(email.to_lowercase());
    }

    /// The associations that start at one record.
    pub(crate) fn edges_from(&self, from: (ObjectType, u64)) -> impl Iterator<Item = &Edge> {
        self.edges
            .iter()
            .filter(move |e| (e.from_type, e.from_id) == from)
    }

    /// Now, as the records' timestamps say it, on the mock's one clock.
    pub(crate) fn timestamp(&self) -> String {
        self.clock.timestamp()
    }

    /// The type a path segment names: a standard name or type id, or a live custom type's type
    /// id, fully qualified name or name.
    pub(crate) fn object_type(&self, segment: &str) -> ApiResult<ObjectType> {
        ObjectType::parse(segment)
            .or_else(|| {
                self.custom
                    .iter()
                    .filter(|(_, schema)| schema["archived"] == json!(false))
                    .find(|(t, schema)| {
                        t.type_id() == segment
                            || t.plural() == segment
                            || schema["name"] == json!(segment)
                    })
                    .map(|(t, _)| *t)
            })
            .ok_or_else(|| ObjectType::unknown(segment))
    }

    /// Properties a create must set: the type's own, or its schema's.
    fn required(&self, object_type: ObjectType) -> Vec<String> {
        self.own_or_schema(
            object_type,
            object_type.required_properties(),
            "requiredProperties",
        )
    }

    /// Properties the free-text `query` of a search looks in: the type's own, or its schema's.
    pub(crate) fn searchable(&self, object_type: ObjectType) -> Vec<String> {
        self.own_or_schema(
            object_type,
            object_type.searchable(),
            "searchableProperties",
        )
    }

    /// A standard type's `own` property names, with a custom type's list `field` of its schema.
    fn own_or_schema(&self, object_type: ObjectType, own: &[&str], field: &str) -> Vec<String> {
        let custom = self
            .custom
            .get(&object_type)
            .and_then(|schema| schema[field].as_array())
            .into_iter()
            .flatten()
            .filter_map(Value::as_str);
        own.iter()
            .copied()
            .chain(custom)
            .map(str::to_owned)
            .collect()
    }

    /// The default association type from one type to another: HubSpot's, or the first a
    /// custom schema defined (0 when none).
    pub(crate) fn default_type_id(&self, from: ObjectType, to: ObjectType) -> i64 {
        match default_type_id(from, to) {
            0 => self
                .definitions
                .iter()
                .find(|d| d.from == from && d.to == to && d.label.is_empty())
                .map_or(0, |d| d.type_id),
            id => id,
        }
    }

    /// The type an association type id leads to from `from`, when it is defined.
    pub(crate) fn association_target(&self, from: ObjectType, type_id: i64) -> Option<ObjectType> {
        if let Some((f, t)) = default_type_between(type_id) {
            return (f == from.type_id())
                .then(|| ObjectType::parse(t))
                .flatten();
        }
        self.definitions
            .iter()
            .find(|d| d.type_id == type_id && d.from == from)
            .map(|d| d.to)
    }

    /// A defined label's text.
    pub(crate) fn label(&self, type_id: i64) -> Option<&str> {
        self.definitions
            .iter()
            .find(|d| d.type_id == type_id && !d.label.is_empty())
            .map(|d| d.label.as_str())
    }

    fn inverse(&self, type_id: i64) -> i64 {
        self.definitions
            .iter()
            .find(|d| d.type_id == type_id)
            .map_or_else(|| inverse_type_id(type_id), |d| d.inverse)
    }

    /// A fresh number for a custom type or an association type.
    pub(crate) fn next_number(&mut self) -> u64 {
        self.last_number += 1;
        1000 + self.last_number
    }

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
        self.check_create(object_type, &properties)?;
        self.next_id += 1;
        let id = 1000 + self.next_id;
        let at = self.clock.timestamp();
        let mut record = Record {
            id,
            properties: BTreeMap::new(),
            history: BTreeMap::new(),
            created_at: at.clone(),
            updated_at: at.clone(),
            archived_at: None,
        };
        self.index(object_type, id, &properties, |_| None);
        let mut change = self.change(Action::Create, object_type, id);
        change.properties.clone_from(&properties);
        self.changes.push(change);
        apply(&mut record, properties, &at);
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
        self.check_update(object_type, id, &properties)?;
        let Some(record) = self.get(object_type, id) else {
            return Err(ApiError::not_found(object_type.singular(), &id.to_string()));
        };
        // Only the unique values move in the index.
        let old: BTreeMap<String, String> = self
            .schema
            .unique_properties(object_type)
            .into_iter()
            .filter_map(|name| record.properties.get(&name).map(|v| (name, v.clone())))
            .collect();
        let mut change = self.change(Action::Update, object_type, id);
        change.properties = properties
            .iter()
            .filter(|(name, value)| record.properties.get(*name) != Some(*value))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        self.index(object_type, id, &properties, |name| {
            old.get(name).map(String::as_str)
        });
        if !change.properties.is_empty() {
            self.changes.push(change);
        }
        let at = self.clock.timestamp();
        if let Some(record) = self.get_mut(object_type, id) {
            apply(record, properties, &at);
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

    /// Whether a create with `properties` would be taken, without making it.
    pub(crate) fn check_create(
        &self,
        object_type: ObjectType,
        properties: &BTreeMap<String, String>,
    ) -> ApiResult<()> {
        for required in self.required(object_type) {
            if properties.get(&required).is_none_or(String::is_empty) {
                return Err(ApiError::validation(format!(
                    "Property values were not valid: the property {required} is required"
                )));
            }
        }
        self.check(object_type, None, properties)
    }

    /// Whether an update of live record `id` with `properties` would be taken.
    pub(crate) fn check_update(
        &self,
        object_type: ObjectType,
        id: u64,
        properties: &BTreeMap<String, String>,
    ) -> ApiResult<()> {
        if self
            .get(object_type, id)
            .is_none_or(|r| r.archived_at.is_some())
        {
            return Err(ApiError::not_found(object_type.singular(), &id.to_string()));
        }
        self.check(object_type, Some(id), properties)
    }

    /// Whether `object_type` takes `value` for `name`, whatever the other properties written.
    pub(crate) fn accepts(&self, object_type: ObjectType, name: &str, value: &str) -> bool {
        self.check_value(object_type, name, value).is_ok()
    }

    /// One property's checks: it exists, an enumeration has the option, an e-mail is one.
    fn check_value(&self, object_type: ObjectType, name: &str, value: &str) -> ApiResult<()> {
        if self.strict_properties && !self.schema.has_property(object_type, name) {
            return Err(ApiError::invalid_property(
                name,
                "PROPERTY_DOESNT_EXIST",
                &format!("Property \"{name}\" does not exist"),
            ));
        }
        // A multiple checkbox holds several options, separated by `;`.
        let options = self.schema.options(object_type, name);
        let lacking = |v: &&str| !v.is_empty() && !options.contains(v);
        if let Some(other) = value
            .split(';')
            .find(lacking)
            .filter(|_| !options.is_empty())
        {
            return Err(ApiError::invalid_property(
                name,
                "INVALID_OPTION",
                &format!("{other} was not one of the allowed options: {options:?}"),
            ));
        }
        if name == "email" && !value.is_empty() && !is_email(value) {
            return Err(ApiError::invalid_property(
                name,
                "INVALID_EMAIL",
                &format!("Email address {value} is invalid"),
            ));
        }
        Ok(())
    }

    fn check(
        &self,
        object_type: ObjectType,
        id: Option<u64>,
        properties: &BTreeMap<String, String>,
    ) -> ApiResult<()> {
        // HubSpot refuses the whole write for an unknown property, an option an enumeration
        // does not have or a malformed e-mail.
        for (name, value) in properties {
            self.check_value(object_type, name, value)?;
        }
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
        if object_type == ObjectType::DEALS
            && let Some(stage) = properties.get("dealstage")
            && !crate::pipelines::is_deal_stage(stage)
        {
            return Err(ApiError::validation(format!(
                "Property values were not valid: {stage} is not a valid deal stage"
            )));
        }
        Ok(())
    }

    pub(crate) fn archive(&mut self, object_type: ObjectType, id: u64) {
        if self
            .get(object_type, id)
            .is_some_and(|r| r.archived_at.is_none())
        {
            let change = self.change(Action::Delete, object_type, id);
            self.changes.push(change);
        }
        self.retire(object_type, id);
    }

    /// Archives without logging a deletion: a merge or a GDPR delete logs its own change.
    fn retire(&mut self, object_type: ObjectType, id: u64) {
        let at = self.clock.timestamp();
        let values = self.get_mut(object_type, id).map(|record| {
            record.archived_at.get_or_insert(at);
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
        self.retire(object_type, id);
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
        let new = self.edges.insert(Edge {
            from_type: from.0,
            from_id: from.1,
            to_type: to.0,
            to_id: to.1,
            category: category.to_owned(),
            type_id,
        });
        if new {
            let change = self.association_change(Action::AssociationAdded, from, to, type_id);
            self.changes.push(change);
        }
        self.edges.insert(Edge {
            from_type: to.0,
            from_id: to.1,
            to_type: from.0,
            to_id: from.1,
            category: category.to_owned(),
            type_id: self.inverse(type_id),
        });
    }

    /// An association change seen from `from`.
    fn association_change(
        &self,
        action: Action,
        from: (ObjectType, u64),
        to: (ObjectType, u64),
        type_id: i64,
    ) -> Change {
        let mut change = self.change(action, from.0, from.1);
        change.associated_object_type_id = Some(to.0.type_id().to_owned());
        change.associated_object_id = Some(to.1);
        change.association_type_id = Some(type_id);
        change
    }

    /// Removes only the given association types between two records, both directions.
    pub(crate) fn dissociate_types(
        &mut self,
        from: (ObjectType, u64),
        to: (ObjectType, u64),
        type_ids: &[i64],
    ) {
        let inverses: Vec<i64> = type_ids.iter().map(|t| self.inverse(*t)).collect();
        self.remove_edges(from, to, |e, forward| {
            if forward {
                type_ids.contains(&e.type_id)
            } else {
                inverses.contains(&e.type_id)
            }
        });
    }

    /// Removes every association between two records, both directions.
    pub(crate) fn dissociate(&mut self, from: (ObjectType, u64), to: (ObjectType, u64)) {
        self.remove_edges(from, to, |_, _| true);
    }

    /// Removes the edges between two records that `chosen` picks (told whether the edge runs
    /// from `from`), logging each removed association once, from `from`.
    fn remove_edges(
        &mut self,
        from: (ObjectType, u64),
        to: (ObjectType, u64),
        chosen: impl Fn(&Edge, bool) -> bool,
    ) {
        let mut removed = Vec::new();
        self.edges.retain(|e| {
            let pair = (e.from_type, e.from_id, e.to_type, e.to_id);
            let forward = pair == (from.0, from.1, to.0, to.1);
            let backward = pair == (to.0, to.1, from.0, from.1);
            let remove = (forward || backward) && chosen(e, forward);
            if remove && forward {
                removed.push(e.type_id);
            }
            !remove
        });
        for type_id in removed {
            let change = self.association_change(Action::AssociationRemoved, from, to, type_id);
            self.changes.push(change);
        }
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
        let objects: Map<String, Value> = ObjectType::standard()
            .chain(self.custom.keys().copied())
            .map(|t| {
                let records: Vec<Value> = self.records(t).map(|r| {
                    json!({"id": r.id.to_string(), "properties": r.properties, "archived": r.archived_at.is_some(), "createdAt": r.created_at, "updatedAt": r.updated_at})
                }).collect();
                (t.plural().to_owned(), Value::Array(records))
            })
            .collect();
        json!({"objects": objects, "associations": self.edges})
    }
}

/// An address HubSpot would take: one `@`, a local part, and a dotted domain without spaces.
pub(crate) fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !value.chars().any(char::is_whitespace)
}

fn apply(record: &mut Record, properties: BTreeMap<String, String>, at: &str) {
    for (name, value) in properties {
        record
            .history
            .entry(name.clone())
            .or_default()
            .push((value.clone(), at.to_owned()));
        record.properties.insert(name, value);
    }
    record.updated_at = at.to_owned();
}
