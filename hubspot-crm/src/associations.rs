//! Associations v4: link records, with HubSpot's default type or with labels.

use crate::{Request, hubspot_endpoint};

// The operations HubSpot's spec has beyond the ones declared here, generated: association
// definitions (labels' limits and configurations), the usage report, the v3 typed calls.
pub use crate::generated::associations::*;
pub use crate::generated::associations_schema::{definitions, models as definition_models, types};

use crate::models::{
    AssociatedObject, AssociationArchiveInput, AssociationCreateInput, AssociationReadInput,
    AssociationReadResult, AssociationSpec, AssociationType, BatchInput, BatchResult, CrmId,
    DefaultAssociation, DefaultAssociationInput, LabelCreate, LabelUpdate, LabelsBetween,
    ObjectType, Page, PageOptions, Results,
};

/// Associate two records with HubSpot's default association type.
#[hubspot_endpoint(
    method = "PUT",
    path = "/crm/objects/2026-03/<from_type>/<from_id>/associations/default/<to_type>/<to_id>",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta, 2027-03-beta"
)]
pub fn create_default(
    from_type: &ObjectType,
    from_id: &str,
    to_type: &ObjectType,
    to_id: &str,
) -> BatchResult<DefaultAssociation>;

/// Associate two records with the given types (labels); returns the labels now between them (201).
#[hubspot_endpoint(
    method = "PUT",
    path = "/crm/objects/2026-03/<from_type>/<from_id>/associations/<to_type>/<to_id>",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta, 2027-03-beta"
)]
pub fn create_labelled(
    from_type: &ObjectType,
    from_id: &str,
    to_type: &ObjectType,
    to_id: &str,
    #[body] specs: &[AssociationSpec],
) -> LabelsBetween;

/// Remove every association between two records (204).
#[hubspot_endpoint(
    method = "DELETE",
    path = "/crm/objects/2026-03/<from_type>/<from_id>/associations/<to_type>/<to_id>",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta, 2027-03-beta"
)]
pub fn delete(from_type: &ObjectType, from_id: &str, to_type: &ObjectType, to_id: &str);

/// List a record's associated records of one type, one page (default 500).
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/objects/2026-03/<from_type>/<from_id>/associations/<to_type>",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta, 2027-03-beta"
)]
pub fn list(
    from_type: &ObjectType,
    from_id: &str,
    to_type: &ObjectType,
    #[query] options: &PageOptions,
) -> Page<AssociatedObject>;

/// List the associations of up to 1,000 records.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/associations/2026-03/<from_type>/<to_type>/batch/read",
    idempotent = true,
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn batch_read(
    from_type: &ObjectType,
    to_type: &ObjectType,
    #[body] input: &BatchInput<AssociationReadInput>,
) -> BatchResult<AssociationReadResult>;

/// Create up to 2,000 labelled associations. Repeating one is harmless, so it is retried.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/associations/2026-03/<from_type>/<to_type>/batch/create",
    idempotent = true,
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn batch_create(
    from_type: &ObjectType,
    to_type: &ObjectType,
    #[body] input: &BatchInput<AssociationCreateInput>,
) -> BatchResult<LabelsBetween>;

/// Create up to 2,000 default associations.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/associations/2026-03/<from_type>/<to_type>/batch/associate/default",
    idempotent = true,
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn batch_create_default(
    from_type: &ObjectType,
    to_type: &ObjectType,
    #[body] input: &BatchInput<DefaultAssociationInput>,
) -> BatchResult<DefaultAssociation>;

/// Remove every association between each pair given (204).
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/associations/2026-03/<from_type>/<to_type>/batch/archive",
    idempotent = true,
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn batch_archive(
    from_type: &ObjectType,
    to_type: &ObjectType,
    #[body] input: &BatchInput<AssociationArchiveInput>,
);

/// Remove only the given labels between each pair, keeping the others (204): a label-exact
/// archive.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/associations/2026-03/<from_type>/<to_type>/batch/labels/archive",
    idempotent = true,
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn batch_archive_labels(
    from_type: &ObjectType,
    to_type: &ObjectType,
    #[body] input: &BatchInput<AssociationCreateInput>,
);

/// Associates two records by their typed ids with HubSpot's default type:
/// `associations::link(&contact.id, &deal.id)`.
pub fn link<From: CrmId + ?Sized, To: CrmId + ?Sized>(
    from: &From,
    to: &To,
) -> Request<BatchResult<DefaultAssociation>> {
    create_default(
        &From::OBJECT_TYPE,
        from.as_ref(),
        &To::OBJECT_TYPE,
        to.as_ref(),
    )
}

/// The association labels defined from one type to another (v4 schema API), with HubSpot's
/// unlabelled defaults.
#[hubspot_endpoint(
    method = "GET",
    path = "/crm/associations/2026-03/<from_type>/<to_type>/labels",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn labels(from_type: &ObjectType, to_type: &ObjectType) -> Results<AssociationType>;

/// Define a label (and its inverse, for a pair of labels); returns the type ids made for it.
#[hubspot_endpoint(
    method = "POST",
    path = "/crm/associations/2026-03/<from_type>/<to_type>/labels",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn create_label(
    from_type: &ObjectType,
    to_type: &ObjectType,
    #[body] input: &LabelCreate,
) -> Results<AssociationType>;

/// Rename a label (204).
#[hubspot_endpoint(
    method = "PUT",
    path = "/crm/associations/2026-03/<from_type>/<to_type>/labels",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn update_label(from_type: &ObjectType, to_type: &ObjectType, #[body] input: &LabelUpdate);

/// Delete a label definition (204). Records keep their other associations.
#[hubspot_endpoint(
    method = "DELETE",
    path = "/crm/associations/2026-03/<from_type>/<to_type>/labels/<type_id>",
    versions = "2026-03, 2025-09, 2026-09, 2026-09-beta"
)]
pub fn delete_label(from_type: &ObjectType, to_type: &ObjectType, type_id: i32);
