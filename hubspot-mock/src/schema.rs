//! Property definitions and groups per object type, and the index of unique values.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};

use crate::clock::Clock;
use crate::error::{ApiError, ApiResult};
use crate::object_type::ObjectType;

/// What the mock knows of each object type's properties.
#[derive(Debug)]
pub(crate) struct Schema {
    /// Definitions by type and name.
    properties: BTreeMap<ObjectType, BTreeMap<String, Value>>,
    groups: BTreeMap<ObjectType, BTreeMap<String, Value>>,
    /// For every unique property: lowercased value → record id.
    unique: HashMap<(ObjectType, String), HashMap<String, u64>>,
    clock: Clock,
}

/// The group every seeded property belongs to: `dealinformation`, `contactinformation`, ….
pub(crate) fn default_group(object_type: ObjectType) -> String {
    format!("{}information", object_type.singular())
}

fn definition(name: &str, group: &str, unique: bool, at: &str) -> Value {
    json!({
        "name": name,
        "label": name,
        "type": "string",
        "fieldType": "text",
        "groupName": group,
        "description": "",
        "options": [],
        "displayOrder": -1,
        "hasUniqueValue": unique,
        "hidden": false,
        "formField": true,
        "calculated": false,
        "externalOptions": false,
        "archived": false,
        "createdAt": at,
        "updatedAt": at,
        "modificationMetadata": {"archivable": true, "readOnlyDefinition": false, "readOnlyValue": false},
    })
}

/// The form field HubSpot shows a property of `kind` with.
fn field_type(kind: &str) -> &'static str {
    match kind {
        "number" => "number",
        "datetime" | "date" => "date",
        "bool" => "booleancheckbox",
        "enumeration" => "select",
        _ => "text",
    }
}

/// Copies the `fields` a request body sets onto a stored definition.
fn copy_fields(target: &mut Value, body: &Value, fields: &[&str]) {
    for field in fields {
        if let Some(value) = body.get(*field) {
            target[*field] = value.clone();
        }
    }
}

impl Schema {
    /// Every type's default properties and group, as a new HubSpot account has them.
    pub(crate) fn new(clock: Clock) -> Self {
        let mut schema = Self {
            properties: BTreeMap::new(),
            groups: BTreeMap::new(),
            unique: HashMap::new(),
            clock,
        };
        for object_type in ObjectType::standard() {
            schema.seed(object_type);
        }
        schema
    }
}

impl Schema {
    /// A type's default group and the properties every record has; for a standard type, its
    /// own properties too (a custom type's come from its schema).
    pub(crate) fn seed(&mut self, object_type: ObjectType) {
        let group = default_group(object_type);
        let mut seeded = BTreeMap::new();
        let always = [
            "hs_object_id",
            "createdate",
            object_type.modified_property(),
        ];
        let own: &[&str] = if object_type.is_custom() {
            &[]
        } else {
            object_type.default_properties()
        };
        let names = own
            .iter()
            .chain(object_type.required_properties())
            .chain(object_type.searchable())
            .chain(always.iter());
        for name in names {
            let mut property = definition(name, &group, false, &self.clock.timestamp());
            property["modificationMetadata"]["readOnlyDefinition"] = json!(true);
            seeded.insert((*name).to_owned(), property);
        }
        if !object_type.is_custom() {
            for (name, kind, options) in crate::default_properties::of(object_type.plural()) {
                let mut property = definition(name, &group, false, &self.clock.timestamp());
                property["type"] = json!(kind);
                property["fieldType"] = json!(field_type(kind));
                property["options"] = options
                    .iter()
                    .enumerate()
                    .map(|(order, value)| {
                        json!({"label": value, "value": value, "displayOrder": order, "hidden": false})
                    })
                    .collect();
                property["modificationMetadata"]["readOnlyDefinition"] = json!(true);
                seeded.insert((*name).to_owned(), property);
            }
        }
        self.properties.insert(object_type, seeded);
        self.groups.entry(object_type).or_default().insert(
            group.clone(),
            json!({"name": group, "label": format!("{} information", object_type.singular()), "displayOrder": -1, "archived": false}),
        );
        if object_type == ObjectType::CONTACTS {
            // HubSpot keeps contact e-mails unique without marking the property so.
            self.unique
                .entry((object_type, "email".to_owned()))
                .or_default();
        }
    }

    /// Every definition of a type (archived ones only when asked).
    pub(crate) fn properties(&self, object_type: ObjectType, archived: bool) -> Vec<Value> {
        self.properties
            .get(&object_type)
            .into_iter()
            .flat_map(BTreeMap::values)
            .filter(|p| p["archived"] == json!(archived))
            .cloned()
            .collect()
    }

    pub(crate) fn property(&self, object_type: ObjectType, name: &str) -> ApiResult<Value> {
        self.properties
            .get(&object_type)
            .and_then(|properties| properties.get(name))
            .filter(|p| p["archived"] == json!(false))
            .cloned()
            .ok_or_else(|| ApiError::not_found("property", name))
    }

    /// Whether `object_type` defines `name` (and it is not archived).
    pub(crate) fn has_property(&self, object_type: ObjectType, name: &str) -> bool {
        self.properties
            .get(&object_type)
            .and_then(|properties| properties.get(name))
            .is_some_and(|p| p["archived"] == json!(false))
    }

    /// The values an enumeration property takes, where its definition fixes them (empty: any).
    pub(crate) fn options(&self, object_type: ObjectType, name: &str) -> Vec<&str> {
        self.properties
            .get(&object_type)
            .and_then(|properties| properties.get(name))
            .filter(|p| p["type"] == "enumeration")
            .and_then(|p| p["options"].as_array())
            .map(|options| options.iter().filter_map(|o| o["value"].as_str()).collect())
            .unwrap_or_default()
    }

    /// Whether `property` holds unique values, so it can be an `idProperty`.
    pub(crate) fn is_unique(&self, object_type: ObjectType, property: &str) -> bool {
        self.unique
            .contains_key(&(object_type, property.to_owned()))
    }

    /// The unique properties of a type.
    pub(crate) fn unique_properties(&self, object_type: ObjectType) -> Vec<String> {
        self.unique
            .keys()
            .filter(|(t, _)| *t == object_type)
            .map(|(_, name)| name.clone())
            .collect()
    }

    /// The record holding `value` in the unique `property`.
    pub(crate) fn holder(
        &self,
        object_type: ObjectType,
        property: &str,
        value: &str,
    ) -> Option<u64> {
        self.unique
            .get(&(object_type, property.to_owned()))?
            .get(&value.to_lowercase())
            .copied()
    }

    /// Moves a record's entry in the unique index from `old` to `new` (either may be absent).
    pub(crate) fn reindex(
        &mut self,
        object_type: ObjectType,
        property: &str,
        id: u64,
        old: Option<&str>,
        new: Option<&str>,
    ) {
        let Some(index) = self.unique.get_mut(&(object_type, property.to_owned())) else {
            return;
        };
        if let Some(old) = old.map(str::to_lowercase)
            && index.get(&old) == Some(&id)
        {
            index.remove(&old);
        }
        if let Some(new) = new.filter(|v| !v.is_empty()) {
            index.insert(new.to_lowercase(), id);
        }
    }

    /// Creates a property from a request body. `existing` lists the live records' values of
    /// it, to index them when it is unique (or to refuse it, if they repeat).
    pub(crate) fn create_property(
        &mut self,
        object_type: ObjectType,
        body: &Value,
        existing: Vec<(u64, String)>,
    ) -> ApiResult<Value> {
        let text = |field: &str| -> ApiResult<String> {
            body.get(field)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .ok_or_else(|| {
                    ApiError::validation(format!("Invalid input JSON: `{field}` is required"))
                })
        };
        let name = text("name")?;
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            || name.starts_with("hs_")
        {
            return Err(ApiError::validation(format!(
                "Property name {name} must be lowercase letters, digits and underscores, and not start with hs_"
            )));
        }
        let (label, kind, field_type, group) = (
            text("label")?,
            text("type")?,
            text("fieldType")?,
            text("groupName")?,
        );
        if !self
            .groups(object_type)
            .iter()
            .any(|g| g["name"] == json!(group))
        {
            return Err(ApiError::validation(format!(
                "Property group {group} does not exist"
            )));
        }
        if self
            .properties
            .get(&object_type)
            .is_some_and(|properties| properties.contains_key(&name))
        {
            return Err(ApiError::conflict(format!(
                "Property {name} already exists on {}",
                object_type.plural()
            )));
        }
        let unique = body
            .get("hasUniqueValue")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let mut index = HashMap::new();
        if unique {
            for (id, value) in existing {
                if index.insert(value.to_lowercase(), id).is_some() {
                    return Err(ApiError::validation(format!(
                        "Property {name} cannot have unique values: records already share one"
                    )));
                }
            }
            self.unique.insert((object_type, name.clone()), index);
        }
        let mut property = definition(&name, &group, unique, &self.clock.timestamp());
        property["label"] = json!(label);
        property["type"] = json!(kind);
        property["fieldType"] = json!(field_type);
        copy_fields(
            &mut property,
            body,
            &[
                "description",
                "options",
                "displayOrder",
                "hidden",
                "formField",
            ],
        );
        self.properties
            .entry(object_type)
            .or_default()
            .insert(name, property.clone());
        Ok(property)
    }

    pub(crate) fn update_property(
        &mut self,
        object_type: ObjectType,
        name: &str,
        body: &Value,
    ) -> ApiResult<Value> {
        self.property(object_type, name)?;
        if body.get("hasUniqueValue").is_some() {
            return Err(ApiError::validation(
                "hasUniqueValue cannot be changed once a property exists",
            ));
        }
        let property = self
            .properties
            .get_mut(&object_type)
            .and_then(|p| p.get_mut(name))
            .ok_or_else(|| ApiError::not_found("property", name))?;
        copy_fields(
            property,
            body,
            &[
                "label",
                "type",
                "fieldType",
                "groupName",
                "description",
                "options",
                "displayOrder",
                "hidden",
                "formField",
            ],
        );
        property["updatedAt"] = json!(self.clock.timestamp());
        Ok(property.clone())
    }

    pub(crate) fn archive_property(
        &mut self,
        object_type: ObjectType,
        name: &str,
    ) -> ApiResult<()> {
        self.property(object_type, name)?;
        if let Some(property) = self
            .properties
            .get_mut(&object_type)
            .and_then(|p| p.get_mut(name))
        {
            property["archived"] = json!(true);
            property["archivedAt"] = json!(self.clock.timestamp());
        }
        self.unique.remove(&(object_type, name.to_owned()));
        Ok(())
    }

    pub(crate) fn groups(&self, object_type: ObjectType) -> Vec<Value> {
        self.groups
            .get(&object_type)
            .into_iter()
            .flat_map(BTreeMap::values)
            .filter(|g| g["archived"] == json!(false))
            .cloned()
            .collect()
    }

    pub(crate) fn group(&self, object_type: ObjectType, name: &str) -> ApiResult<Value> {
        self.groups(object_type)
            .into_iter()
            .find(|g| g["name"] == json!(name))
            .ok_or_else(|| ApiError::not_found("property group", name))
    }

    pub(crate) fn create_group(
        &mut self,
        object_type: ObjectType,
        body: &Value,
    ) -> ApiResult<Value> {
        let name = body
            .get("name")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| ApiError::validation("Invalid input JSON: `name` is required"))?;
        let label = body.get("label").and_then(Value::as_str).unwrap_or(name);
        let groups = self.groups.entry(object_type).or_default();
        if groups
            .get(name)
            .is_some_and(|g| g["archived"] == json!(false))
        {
            return Err(ApiError::conflict(format!(
                "Property group {name} already exists"
            )));
        }
        let group = json!({
            "name": name,
            "label": label,
            "displayOrder": body.get("displayOrder").cloned().unwrap_or(json!(-1)),
            "archived": false,
        });
        groups.insert(name.to_owned(), group.clone());
        Ok(group)
    }

    pub(crate) fn update_group(
        &mut self,
        object_type: ObjectType,
        name: &str,
        body: &Value,
    ) -> ApiResult<Value> {
        self.group(object_type, name)?;
        let group = self
            .groups
            .get_mut(&object_type)
            .and_then(|g| g.get_mut(name))
            .ok_or_else(|| ApiError::not_found("property group", name))?;
        copy_fields(group, body, &["label", "displayOrder"]);
        Ok(group.clone())
    }

    pub(crate) fn archive_group(&mut self, object_type: ObjectType, name: &str) -> ApiResult<()> {
        self.group(object_type, name)?;
        if let Some(group) = self
            .groups
            .get_mut(&object_type)
            .and_then(|g| g.get_mut(name))
        {
            group["archived"] = json!(true);
        }
        Ok(())
    }
}
