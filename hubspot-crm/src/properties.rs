//! Property definitions and groups of any object type (`/crm/properties/2026-03/{objectType}`).
//!
//! `object_type` is any [`ObjectType`]: a standard one, or a custom object's.

use crate::hubspot_endpoint;

// The operations HubSpot's spec has beyond the ones declared here, generated.
pub use crate::generated::properties::*;

use crate::models::{
    ArchivedOption, ObjectType, Property, PropertyCreate, PropertyGroup, PropertyGroupInput,
    PropertyUpdate, Results,
};

/// Every property of an object type (archived ones with `archived: Some(true)`).
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/properties/2026-03/<object_type>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn list(object_type: &ObjectType, #[query] options: &ArchivedOption) -> Results<Property>;

/// One property.
///
/// # Errors
/// `Error::Api` with status 404 when the object type has no such property.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/properties/2026-03/<object_type>/<name>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn get(object_type: &ObjectType, name: &str) -> Property;

/// Create a property (201). A second create of the same name is a 409, never a duplicate.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/properties/2026-03/<object_type>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn create(object_type: &ObjectType, #[body] input: &PropertyCreate) -> Property;

/// Change a property's label, description, group, options or visibility.
#[hubspot_endpoint(
    method = "PATCH",
    path = "/crm/properties/2026-03/<object_type>/<name>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn update(object_type: &ObjectType, name: &str, #[body] input: &PropertyUpdate) -> Property;

/// Archive a property (204).
#[hubspot_endpoint(
    method = "DELETE",
    path = "/crm/properties/2026-03/<object_type>/<name>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn archive(object_type: &ObjectType, name: &str);

/// Every property group of an object type.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/properties/2026-03/<object_type>/groups",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn list_groups(object_type: &ObjectType) -> Results<PropertyGroup>;

/// One property group.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/properties/2026-03/<object_type>/groups/<name>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn get_group(object_type: &ObjectType, name: &str) -> PropertyGroup;

/// Create a property group (201).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/properties/2026-03/<object_type>/groups",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn create_group(object_type: &ObjectType, #[body] input: &PropertyGroupInput) -> PropertyGroup;

/// Change a property group's label or order.
#[hubspot_endpoint(
    method = "PATCH",
    path = "/crm/properties/2026-03/<object_type>/groups/<name>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn update_group(
    object_type: &ObjectType,
    name: &str,
    #[body] input: &PropertyGroupInput,
) -> PropertyGroup;

/// Archive a property group (204).
#[hubspot_endpoint(
    method = "DELETE",
    path = "/crm/properties/2026-03/<object_type>/groups/<name>",
    versions = "2026-03, 2025-09, 2026-09"
)]
pub fn archive_group(object_type: &ObjectType, name: &str);
