//! Pipelines and their stages: a deal's `dealstage` is a [`Stage`](crate::models::Stage) id.

use crate::hubspot_endpoint;

// The operations HubSpot's spec has beyond the ones declared here, generated.
pub use crate::generated::pipelines::*;

use crate::models::{ObjectType, Page, Pipeline, PipelineId};

/// List the pipelines of deals or tickets.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/pipelines/2026-03/<object_type>",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn list(object_type: &ObjectType) -> Page<Pipeline>;

/// Read one pipeline with its stages.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/pipelines/2026-03/<object_type>/<id>",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn get(object_type: &ObjectType, id: &PipelineId) -> Pipeline;
