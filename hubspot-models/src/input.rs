//! What create, update, upsert, batch, merge and gdpr-delete send.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::AssociationSpec;

/// Property values to write. An empty string clears a property.
pub type PropertyValues = BTreeMap<String, String>;

/// The body of an update: the properties to overwrite. `P` can be your own `serde` struct.
///
/// ```
/// use hubspot_models::ObjectInput;
///
/// let input = ObjectInput::new().set("dealstage", "closedwon").set("amount", "1500");
/// assert_eq!(serde_json::to_value(&input)?, serde_json::json!({"properties": {"amount": "1500", "dealstage": "closedwon"}}));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ObjectInput<P = PropertyValues> {
    /// The properties to write.
    pub properties: P,
}

impl ObjectInput {
    /// No properties yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets one property.
    #[must_use]
    pub fn set(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.properties.insert(name.into(), value.into());
        self
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for ObjectInput {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self {
            properties: iter
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }
}

/// The body of a create: properties, and records to associate at once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateInput<P = PropertyValues> {
    /// The properties to write.
    pub properties: P,
    /// Records to associate with the new one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<AssociationInput>,
    /// A tag that names this input in a batch's per-item errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_write_trace_id: Option<String>,
}

impl CreateInput {
    /// No properties yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets one property.
    #[must_use]
    pub fn set(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.properties.insert(name.into(), value.into());
        self
    }
}

impl<P> CreateInput<P> {
    /// Associates the new record with `to` (a typed id such as `&contact.id`, or its text) by
    /// association type `spec`.
    #[must_use]
    pub fn associate(mut self, to: impl AsRef<str>, spec: AssociationSpec) -> Self {
        self.associations.push(AssociationInput {
            to: IdInput::new(to),
            types: vec![spec],
        });
        self
    }
}

/// The inputs HubSpot ties to their results and per-item errors by `objectWriteTraceId`.
macro_rules! traced_inputs {
    ($($input:ident),*) => {$(
        impl<P> $input<P> {
            /// Tags this input in a batch, so that its result and its per-item error name it.
            /// `hubspot_crm::batch::all` tags untagged inputs itself.
            #[must_use]
            pub fn trace_id(mut self, trace: impl Into<String>) -> Self {
                self.object_write_trace_id = Some(trace.into());
                self
            }
        }
    )*};
}

traced_inputs!(CreateInput, UpdateInput, UpsertInput);

/// One association made at create time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssociationInput {
    /// The record to associate.
    pub to: IdInput,
    /// The association types.
    pub types: Vec<AssociationSpec>,
}

/// `{"id": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdInput {
    /// The id.
    #[serde(deserialize_with = "crate::ids::string_or_number")]
    pub id: String,
}

impl IdInput {
    /// Wraps an id: a typed id (`&deal.id`) or its text.
    pub fn new(id: impl AsRef<str>) -> Self {
        Self {
            id: id.as_ref().to_owned(),
        }
    }
}

/// A batch body: `{"inputs": [...]}` (at most 100 for objects; the `*_all` helpers chunk).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchInput<T> {
    /// The inputs.
    pub inputs: Vec<T>,
}

impl<T> BatchInput<T> {
    /// Wraps inputs.
    pub fn new(inputs: impl IntoIterator<Item = T>) -> Self {
        Self {
            inputs: inputs.into_iter().collect(),
        }
    }
}

/// One input of a batch update: a record id and its new properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateInput<P = PropertyValues> {
    /// The record id (or value of `id_property`).
    pub id: String,
    /// The properties to write.
    pub properties: P,
    /// A unique property that `id` is a value of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_property: Option<String>,
    /// A tag that names this input in per-item errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_write_trace_id: Option<String>,
}

impl UpdateInput {
    /// Updates the record with this id; add properties with [`set`](Self::set).
    ///
    /// ```
    /// use hubspot_models::{BatchInput, UpdateInput};
    ///
    /// let batch = BatchInput::new([UpdateInput::new("123").set("dealstage", "closedwon")]);
    /// # let _ = batch;
    /// ```
    pub fn new(id: impl AsRef<str>) -> Self {
        Self {
            id: id.as_ref().to_owned(),
            properties: PropertyValues::new(),
            id_property: None,
            object_write_trace_id: None,
        }
    }

    /// Updates the record whose unique property `id_property` holds `value`.
    pub fn by(id_property: impl Into<String>, value: impl AsRef<str>) -> Self {
        Self {
            id_property: Some(id_property.into()),
            ..Self::new(value)
        }
    }

    /// Sets one property.
    #[must_use]
    pub fn set(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.properties.insert(name.into(), value.into());
        self
    }
}

/// One input of a batch upsert: the record whose `id_property` equals `id` is updated, or created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpsertInput<P = PropertyValues> {
    /// The value of `id_property` (or the record id).
    pub id: String,
    /// The properties to write.
    pub properties: P,
    /// The unique property to match on, such as `email`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_property: Option<String>,
    /// A tag that names this input in the batch's results and per-item errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_write_trace_id: Option<String>,
}

impl UpsertInput {
    /// Upserts the record whose `id_property` is `id`, as HubSpot advises for retry-safe writes.
    pub fn by(id_property: impl Into<String>, id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            properties: PropertyValues::new(),
            id_property: Some(id_property.into()),
            object_write_trace_id: None,
        }
    }

    /// Sets one property.
    #[must_use]
    pub fn set(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.properties.insert(name.into(), value.into());
        self
    }
}

/// The body of a batch read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchReadInput {
    /// The records to read.
    pub inputs: Vec<IdInput>,
    /// The properties to return.
    #[serde(default)]
    pub properties: Vec<String>,
    /// The properties to return with their history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties_with_history: Vec<String>,
    /// A unique property the ids are values of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_property: Option<String>,
}

impl BatchReadInput {
    /// Reads these ids, returning these properties.
    pub fn new<I: AsRef<str>, P: Into<String>>(
        ids: impl IntoIterator<Item = I>,
        properties: impl IntoIterator<Item = P>,
    ) -> Self {
        Self {
            inputs: ids.into_iter().map(IdInput::new).collect(),
            properties: properties.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }
}

/// The body of a merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeInput {
    /// The record that stays.
    pub primary_object_id: String,
    /// The record merged into it.
    pub object_id_to_merge: String,
}

impl MergeInput {
    /// Merges `merged` into `primary` (typed ids such as `&contact.id`, or their text).
    pub fn new(primary: impl AsRef<str>, merged: impl AsRef<str>) -> Self {
        Self {
            primary_object_id: primary.as_ref().to_owned(),
            object_id_to_merge: merged.as_ref().to_owned(),
        }
    }
}

/// The body of a contact's GDPR delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GdprDeleteInput {
    /// The contact id, or its e-mail with `id_property: "email"`.
    pub object_id: String,
    /// The unique property `object_id` is a value of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_property: Option<String>,
}
