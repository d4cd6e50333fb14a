//! Custom object schemas (`/crm-object-schemas/2026-03/schemas`): define a type, then use its records through
//! [`crate::objects`] with [`Schema::object_type`](crate::models::Schema::object_type).
//!
//! ```no_run
//! use hubspot_crm::{objects, schemas, models::{CreateInput, SchemaCreate}};
//!
//! # async fn run() -> Result<(), hubspot_crm::Error> {
//! let schema = schemas::create(&SchemaCreate::new("cars", "Car", "Cars", "model")).await?;
//! let cars = schema.object_type();
//! objects::create(&cars, &CreateInput::new().set("model", "Model T")).await?;
//! # Ok(()) }
//! ```

use crate::hubspot_endpoint;

// The operations HubSpot's spec has beyond the ones declared here, generated.
pub use crate::generated::schemas::*;
use crate::models::{
    ArchivedOption, ObjectType, Results, Schema, SchemaAssociation, SchemaAssociationCreate,
    SchemaCreate, SchemaUpdate,
};

/// Every custom object schema of the account.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm-object-schemas/2026-03/schemas",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn list(#[query] options: &ArchivedOption) -> Results<Schema>;

/// One schema, by type id (`2-12345`) or fully qualified name.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm-object-schemas/2026-03/schemas/<object_type>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn get(object_type: &ObjectType) -> Schema;

/// Define a custom object type (201). A second create of the same name is a 409.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm-object-schemas/2026-03/schemas",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn create(#[body] input: &SchemaCreate) -> Schema;

/// Change a schema's labels, display property, required or searchable properties.
#[hubspot_endpoint(
    method = "PATCH",
    path = "/crm-object-schemas/2026-03/schemas/<object_type>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn update(object_type: &ObjectType, #[body] input: &SchemaUpdate) -> Schema;

/// Archive a schema (204). HubSpot refuses while live records of the type exist.
#[hubspot_endpoint(
    method = "DELETE",
    path = "/crm-object-schemas/2026-03/schemas/<object_type>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn archive(object_type: &ObjectType);

/// Define an association between the custom type and another type.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm-object-schemas/2026-03/schemas/<object_type>/associations",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn create_association(
    object_type: &ObjectType,
    #[body] input: &SchemaAssociationCreate,
) -> SchemaAssociation;

/// Remove an association definition (204).
#[hubspot_endpoint(
    method = "DELETE",
    path = "/crm-object-schemas/2026-03/schemas/<object_type>/associations/<association_id>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn archive_association(object_type: &ObjectType, association_id: &str);
