//! Pipelines and their stages (read-only): a deal's `dealstage` is a [`Stage`] id.

use crate::hubspot_endpoint;

use crate::models::{ObjectType, Page, Pipeline, PipelineId, Stage};

/// List the pipelines of deals or tickets.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/pipelines/<object_type>")]
pub fn list(object_type: &ObjectType) -> Page<Pipeline>;

/// Read one pipeline with its stages.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/pipelines/<object_type>/<id>")]
pub fn get(object_type: &ObjectType, id: &PipelineId) -> Pipeline;

/// List one pipeline's stages.
#[hubspot_endpoint(method = "GET", path = "/crm/v3/pipelines/<object_type>/<id>/stages")]
pub fn stages(object_type: &ObjectType, id: &PipelineId) -> Page<Stage>;
