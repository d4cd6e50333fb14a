//! Property definitions and groups: what fields an object type has.

use serde::{Deserialize, Serialize};

/// A property definition of an object type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Property {
    /// The internal name, such as `dealname`.
    #[serde(default)]
    pub name: String,
    /// The name people see.
    #[serde(default)]
    pub label: String,
    /// The data type: `string`, `number`, `date`, `datetime`, `enumeration`, `bool`, ….
    #[serde(default, rename = "type")]
    pub kind: String,
    /// How forms show it: `text`, `textarea`, `select`, `checkbox`, `number`, ….
    #[serde(default)]
    pub field_type: String,
    /// The group it belongs to.
    #[serde(default)]
    pub group_name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
    /// The choices of an enumeration.
    #[serde(default)]
    pub options: Vec<PropertyOption>,
    /// Whether no two records may share a value: such a property can be an `idProperty`, and
    /// key a retry-safe create.
    #[serde(default)]
    pub has_unique_value: bool,
    /// Hidden from HubSpot's interface.
    #[serde(default)]
    pub hidden: bool,
    /// Archived.
    #[serde(default)]
    pub archived: bool,
    /// Computed by HubSpot.
    #[serde(default)]
    pub calculated: bool,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// When it last changed.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// When it was archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<String>,
    /// The user who created it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "hubspot_runtime::lenient::opt_text"
    )]
    pub created_user_id: Option<String>,
    /// The user who last changed it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "hubspot_runtime::lenient::opt_text"
    )]
    pub updated_user_id: Option<String>,
    /// The formula of a calculated property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calculation_formula: Option<String>,
    /// The property holding the currency of a currency-valued one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_property_name: Option<String>,
    /// How sensitive its values are: `non_sensitive`, `sensitive`, `highly_sensitive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_sensitivity: Option<String>,
    /// The categories of sensitive data it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive_data_categories: Option<Vec<String>>,
    /// Where it sorts in its group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_order: Option<i32>,
    /// How a date is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_display_hint: Option<String>,
    /// How a number is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_display_hint: Option<String>,
    /// How a text is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_display_hint: Option<String>,
    /// Whether a currency value shows its symbol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_currency_symbol: Option<bool>,
    /// Whether its options come from another object's records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_options: Option<bool>,
    /// The object type those options come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referenced_object_type: Option<String>,
    /// Whether forms can show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_field: Option<bool>,
    /// Defined by HubSpot, not by the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hubspot_defined: Option<bool>,
    /// What may be changed of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modification_metadata: Option<PropertyModificationMetadata>,
}

/// What may be changed of a property definition, and of its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PropertyModificationMetadata {
    /// Whether it can be archived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archivable: Option<bool>,
    /// Whether its definition is read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only_definition: Option<bool>,
    /// Whether its options are read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only_options: Option<bool>,
    /// Whether its values are read-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only_value: Option<bool>,
}

/// One choice of an enumeration property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyOption {
    /// The name people see.
    #[serde(default)]
    pub label: String,
    /// The stored value.
    #[serde(default)]
    pub value: String,
    /// Where it sorts.
    #[serde(default)]
    pub display_order: i32,
    /// Hidden from choice lists.
    #[serde(default)]
    pub hidden: bool,
}

/// A new property definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyCreate {
    /// The internal name: lowercase letters, digits and `_`.
    pub name: String,
    /// The name people see.
    pub label: String,
    /// The data type.
    #[serde(rename = "type")]
    pub kind: String,
    /// How forms show it.
    pub field_type: String,
    /// The group it belongs to (empty in a new schema: HubSpot picks the type's own group).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub group_name: String,
    /// What it is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The choices of an enumeration.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<PropertyOption>,
    /// No two records may share a value. Cannot be changed later.
    pub has_unique_value: bool,
}

impl PropertyCreate {
    /// A single-line text property.
    pub fn text(
        name: impl Into<String>,
        label: impl Into<String>,
        group_name: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            label: label.into(),
            kind: "string".into(),
            field_type: "text".into(),
            group_name: group_name.into(),
            description: None,
            options: Vec::new(),
            has_unique_value: false,
        }
    }

    /// The same, with unique values.
    #[must_use]
    pub fn unique(mut self) -> Self {
        self.has_unique_value = true;
        self
    }
}

/// Changes to a property definition; `None` fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyUpdate {
    /// A new label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A new description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A new group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// New choices (replacing the old ones).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<PropertyOption>>,
    /// Hide or show it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
}

/// A group of properties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PropertyGroup {
    /// The internal name.
    #[serde(default)]
    pub name: String,
    /// The name people see.
    #[serde(default)]
    pub label: String,
    /// Where it sorts.
    #[serde(default)]
    pub display_order: i32,
    /// Archived.
    #[serde(default)]
    pub archived: bool,
}

/// A new property group, or changes to one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PropertyGroupInput {
    /// The internal name (on create).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The name people see.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Where it sorts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_order: Option<i32>,
}

/// A list with no paging, as the properties API returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Results<T> {
    /// The items.
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
}

/// The group HubSpot files an object type's own properties under: `dealinformation`,
/// `line_iteminformation`, …; for a custom type, its name's.
pub fn default_group(object_type: &crate::ObjectType) -> String {
    format!("{}information", object_type.noun().replace(' ', "_"))
}
