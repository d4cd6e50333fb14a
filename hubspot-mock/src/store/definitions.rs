//! The store's user-defined types: association types (labels, and the unlabelled ones a custom
//! schema defines) and custom object schemas. Each definition is stored with its inverse, and
//! removing one removes the associations of either direction.

use serde_json::Value;

use super::Store;
use crate::association_types::Definition;
use crate::object_type::ObjectType;

impl Store {
    /// Every defined association type, both directions.
    pub(crate) fn definitions(&self) -> &[Definition] {
        &self.definitions
    }

    /// Defines an association type from `from` to `to` and its inverse, with fresh type ids;
    /// returns the forward definition.
    pub(crate) fn define(
        &mut self,
        (from, to): (ObjectType, ObjectType),
        (label, inverse): (&str, &str),
        name: &str,
    ) -> Definition {
        let (forward, backward) = (self.next_number() as i64, self.next_number() as i64);
        let definition = Definition {
            from,
            to,
            type_id: forward,
            inverse: backward,
            label: label.to_owned(),
            name: name.to_owned(),
        };
        self.definitions.push(definition.clone());
        self.definitions.push(Definition {
            from: to,
            to: from,
            type_id: backward,
            inverse: forward,
            label: inverse.to_owned(),
            name: name.to_owned(),
        });
        definition
    }

    /// Renames the labelled type `type_id` from `from` to `to` (and its inverse, if given);
    /// `None` if there is no such label.
    pub(crate) fn relabel(
        &mut self,
        (from, to): (ObjectType, ObjectType),
        type_id: i64,
        label: String,
        inverse_label: Option<String>,
    ) -> Option<()> {
        let definition = self.definitions.iter_mut().find(|d| {
            d.type_id == type_id && d.from == from && d.to == to && !d.label.is_empty()
        })?;
        definition.label = label;
        let inverse = definition.inverse;
        if let Some(inverse_label) = inverse_label
            && let Some(back) = self.definitions.iter_mut().find(|d| d.type_id == inverse)
        {
            back.label = inverse_label;
        }
        Some(())
    }

    /// Removes a definition, its inverse and the associations of either type; `None` if there
    /// is no such definition.
    pub(crate) fn remove_definition(&mut self, type_id: i64) -> Option<()> {
        let inverse = self
            .definitions
            .iter()
            .find(|d| d.type_id == type_id)?
            .inverse;
        self.definitions
            .retain(|d| d.type_id != type_id && d.type_id != inverse);
        self.edges
            .retain(|e| e.type_id != type_id && e.type_id != inverse);
        Some(())
    }

    /// The custom object schemas (their stored JSON), by type.
    pub(crate) fn custom_schemas(&self) -> impl Iterator<Item = (ObjectType, &Value)> {
        self.custom.iter().map(|(t, schema)| (*t, schema))
    }

    pub(crate) fn custom_schema(&self, object_type: ObjectType) -> Option<&Value> {
        self.custom.get(&object_type)
    }

    pub(crate) fn custom_schema_mut(&mut self, object_type: ObjectType) -> Option<&mut Value> {
        self.custom.get_mut(&object_type)
    }

    /// Stores a new custom type's schema; its properties go through [`Store::schema_mut`].
    pub(crate) fn add_custom_schema(&mut self, object_type: ObjectType, schema: Value) {
        self.custom.insert(object_type, schema);
    }
}
