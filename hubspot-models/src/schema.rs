//! Custom object schemas (`/crm-object-schemas/2026-03/schemas`).

use serde::{Deserialize, Serialize};

use crate::{ObjectType, Property, PropertyCreate};

/// A type's names as people see them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemaLabels {
    /// One record, such as "Car".
    #[serde(default)]
    pub singular: String,
    /// Many, such as "Cars".
    #[serde(default)]
    pub plural: String,
}

/// A custom object type's definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Schema {
    /// The schema id.
    #[serde(default)]
    pub id: String,
    /// The internal name, such as `cars`.
    #[serde(default)]
    pub name: String,
    /// Names people see.
    #[serde(default)]
    pub labels: SchemaLabels,
    /// The type id, such as `2-12345`: what the object endpoints take. Some answers leave it
    /// out; [`Schema::object_type`] then falls back to the fully qualified name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_type_id: Option<String>,
    /// `p{portalId}_{name}`, also accepted by the object endpoints.
    #[serde(default)]
    pub fully_qualified_name: String,
    /// The property records are shown by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_display_property: Option<String>,
    /// More properties shown with it.
    #[serde(default)]
    pub secondary_display_properties: Vec<String>,
    /// Properties a create must set.
    #[serde(default)]
    pub required_properties: Vec<String>,
    /// Properties free-text search looks in.
    #[serde(default)]
    pub searchable_properties: Vec<String>,
    /// The type's properties.
    #[serde(default)]
    pub properties: Vec<Property>,
    /// The associations defined from this type.
    #[serde(default)]
    pub associations: Vec<SchemaAssociation>,
    /// Whether the schema is archived.
    #[serde(default)]
    pub archived: bool,
    /// When it was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// When it last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// What it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether its properties may hold sensitive data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allows_sensitive_properties: Option<bool>,
    /// The user who created it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_user_id: Option<i64>,
    /// The user who last changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by_user_id: Option<i64>,
}

impl Schema {
    /// The type to pass to `hubspot_crm::objects` and the other endpoints: its type id, else its
    /// fully qualified name (`p62515_cars`), which HubSpot's object endpoints take too, else its
    /// name.
    pub fn object_type(&self) -> ObjectType {
        let id = match &self.object_type_id {
            Some(id) => id.clone(),
            None if !self.fully_qualified_name.is_empty() => self.fully_qualified_name.clone(),
            None => self.name.clone(),
        };
        ObjectType::custom(id)
    }
}

/// A new custom object type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaCreate {
    /// The internal name: letters, digits and `_`, starting with a letter.
    pub name: String,
    /// Names people see.
    pub labels: SchemaLabels,
    /// The property records are shown by; it must be among `properties`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_display_property: Option<String>,
    /// More properties shown with it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secondary_display_properties: Vec<String>,
    /// Properties a create must set.
    pub required_properties: Vec<String>,
    /// Properties free-text search looks in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub searchable_properties: Vec<String>,
    /// The type's properties.
    pub properties: Vec<PropertyCreate>,
    /// Types to associate with, such as `contacts` or `0-1`.
    pub associated_objects: Vec<String>,
}

impl SchemaCreate {
    /// A type named `name`, shown by the text property `primary`, which creates must set.
    pub fn new(
        name: impl Into<String>,
        singular: impl Into<String>,
        plural: impl Into<String>,
        primary: &str,
    ) -> Self {
        Self {
            name: name.into(),
            labels: SchemaLabels {
                singular: singular.into(),
                plural: plural.into(),
            },
            primary_display_property: Some(primary.to_owned()),
            secondary_display_properties: Vec::new(),
            required_properties: vec![primary.to_owned()],
            searchable_properties: vec![primary.to_owned()],
            properties: vec![PropertyCreate::text(primary, primary, "")],
            associated_objects: Vec::new(),
        }
    }

    /// Adds a property.
    #[must_use]
    pub fn property(mut self, property: PropertyCreate) -> Self {
        self.properties.push(property);
        self
    }

    /// Associates the type with another.
    #[must_use]
    pub fn associated_with(mut self, object_type: &ObjectType) -> Self {
        self.associated_objects.push(object_type.to_string());
        self
    }
}

/// Changes to a schema; `None` fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaUpdate {
    /// New names people see.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<SchemaLabels>,
    /// A new display property.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary_display_property: Option<String>,
    /// New required properties.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_properties: Option<Vec<String>>,
    /// New searchable properties.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub searchable_properties: Option<Vec<String>>,
}

/// An association defined between a custom type and another type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SchemaAssociation {
    /// The association type id (its `associationTypeId`).
    #[serde(default)]
    pub id: String,
    /// The source type id.
    #[serde(default)]
    pub from_object_type_id: String,
    /// The target type id.
    #[serde(default)]
    pub to_object_type_id: String,
    /// Its name, when given one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A new association between a custom type and another type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaAssociationCreate {
    /// The source type id.
    pub from_object_type_id: String,
    /// The target type id.
    pub to_object_type_id: String,
    /// An optional name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
