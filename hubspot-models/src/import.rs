//! The `importRequest` part of an import: which file, which object type, which column goes to
//! which property. HubSpot takes it as JSON text inside the multipart body.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ObjectType;

/// What an import does with each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum ImportOperation {
    /// Create a record per row.
    Create,
    /// Update the record a row names.
    Update,
    /// Update the record a row names, or create it.
    Upsert,
}

/// An import of one CSV file into one object type.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ImportRequest {
    /// The import's name in HubSpot.
    pub name: String,
    /// What to do per object type id (`0-1`): create, update or upsert.
    pub import_operations: BTreeMap<String, ImportOperation>,
    /// `YEAR_MONTH_DAY`, `MONTH_DAY_YEAR` or `DAY_MONTH_YEAR`, for date columns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_format: Option<String>,
    /// The files, each with its column mappings.
    pub files: Vec<ImportFile>,
}

/// One file of an import.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ImportFile {
    /// The file's name, as sent in its part.
    pub file_name: String,
    /// `CSV` or `SPREADSHEET`.
    pub file_format: String,
    /// How its columns map to properties.
    pub file_import_page: ImportPage,
}

/// The columns of one file.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ImportPage {
    /// Whether the first row names the columns.
    pub has_header: bool,
    /// Each column's property.
    pub column_mappings: Vec<ColumnMapping>,
}

/// One column's property.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ColumnMapping {
    /// The column's header.
    pub column_name: String,
    /// The property it fills.
    pub property_name: String,
    /// The object type id the property belongs to.
    pub column_object_type_id: String,
    /// `HUBSPOT_OBJECT_ID` or `HUBSPOT_ALTERNATE_ID` for a column that identifies records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_column_type: Option<String>,
}

impl ImportRequest {
    /// Creates a record of `object_type` per row of the CSV file `file_name` (with a header
    /// row); add its columns with [`column`](Self::column).
    pub fn csv(
        name: impl Into<String>,
        object_type: &ObjectType,
        file_name: impl AsRef<str>,
    ) -> Self {
        let type_id = object_type
            .type_id()
            .unwrap_or(object_type.as_str())
            .to_owned();
        let file_name = std::path::Path::new(file_name.as_ref())
            .file_name()
            .map_or_else(
                || file_name.as_ref().to_owned(),
                |f| f.to_string_lossy().into_owned(),
            );
        Self {
            name: name.into(),
            import_operations: BTreeMap::from([(type_id, ImportOperation::Create)]),
            date_format: None,
            files: vec![ImportFile {
                file_name,
                file_format: "CSV".into(),
                file_import_page: ImportPage {
                    has_header: true,
                    column_mappings: Vec::new(),
                },
            }],
        }
    }

    /// Maps the column headed `column` to `property` of the file's object type.
    #[must_use]
    pub fn column(mut self, column: impl Into<String>, property: impl Into<String>) -> Self {
        let type_id = self
            .import_operations
            .keys()
            .next()
            .cloned()
            .unwrap_or_default();
        if let Some(file) = self.files.last_mut() {
            file.file_import_page.column_mappings.push(ColumnMapping {
                column_name: column.into(),
                property_name: property.into(),
                column_object_type_id: type_id,
                id_column_type: None,
            });
        }
        self
    }

    /// Whether every operation upserts by a unique property, so that sending the import again
    /// changes nothing more.
    pub fn is_upsert(&self) -> bool {
        self.import_operations
            .values()
            .all(|o| *o == ImportOperation::Upsert)
            && self.files.iter().all(|f| {
                f.file_import_page
                    .column_mappings
                    .iter()
                    .any(|m| m.id_column_type.is_some())
            })
    }

    /// Upserts instead of creating, matching records by the column mapped to `property`
    /// (a unique property, such as `email`).
    #[must_use]
    pub fn upsert_by(mut self, property: &str) -> Self {
        for operation in self.import_operations.values_mut() {
            *operation = ImportOperation::Upsert;
        }
        for file in &mut self.files {
            for mapping in &mut file.file_import_page.column_mappings {
                if mapping.property_name == property {
                    mapping.id_column_type = Some("HUBSPOT_ALTERNATE_ID".into());
                }
            }
        }
        self
    }
}
