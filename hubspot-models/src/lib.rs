//! The models every HubSpot endpoint shares: records and their inputs, pages and batch
//! results, properties, pipelines, owners, searches and ids. `hubspot-crm` re-exports them as
//! `hubspot_crm::models`, the path to use in an application; the API crates of the other
//! families build on them too.
//!
//! A field HubSpot's schema requires reads as empty where an answer leaves it out (text, a list,
//! zero; a batch's `status` as `None`): HubSpot's answers, its own captured samples among them,
//! omit some of them, and one omission must not fail the whole answer. A record's `id` and
//! `properties`, which make it a record, are the exception; a value of the wrong type still
//! fails, with its JSON path.

// Generated models name this crate by its name, as they do in the API crates.
extern crate self as hubspot_models;

#[macro_use]
mod object_table;

mod associations;
#[doc(hidden)]
pub mod ids;
mod import;
mod input;
mod object;
mod object_type;
mod paging;
mod property;
mod query;
mod schema;
mod search;
mod settings;
/// The models several generated APIs define alike, each re-exported by those APIs' `models`.
#[doc(hidden)]
pub mod shared;
/// The value sets several generated APIs name, each re-exported by those APIs' `models`.
#[doc(hidden)]
pub mod values;

pub use associations::{
    AssociatedObject, AssociationArchiveInput, AssociationCategory, AssociationCreateInput,
    AssociationReadInput, AssociationReadResult, AssociationSpec, AssociationType,
    DefaultAssociation, DefaultAssociationInput, LabelCreate, LabelUpdate, LabelsBetween, types,
};
pub use ids::*;
pub use import::{ColumnMapping, ImportFile, ImportOperation, ImportPage, ImportRequest};
pub use input::{
    AssociationInput, BatchInput, BatchReadInput, CreateInput, GdprDeleteInput, IdInput,
    MergeInput, ObjectInput, PropertyValues, UpdateInput, UpsertInput,
};
pub use object::*;
pub use object_type::{ObjectType, UnknownObjectType};
pub use paging::{BatchResult, BatchStatus, NextPage, Page, Paging, PreviousPage, SearchPage};
pub use property::{
    Property, PropertyCreate, PropertyGroup, PropertyGroupInput, PropertyOption, PropertyUpdate,
    Results, default_group,
};
pub use query::{ArchivedOption, IdProperty, ListOptions, PageOptions, Paged, ReadOptions};
pub use schema::{
    Schema, SchemaAssociation, SchemaAssociationCreate, SchemaCreate, SchemaLabels, SchemaUpdate,
};
pub use search::{
    Direction, Filter, FilterGroup, MAX_FILTER_GROUPS, MAX_FILTERS, MAX_FILTERS_PER_GROUP,
    MAX_LIMIT, MAX_QUERY_CHARS, MAX_RESULTS, Operator, SearchBuilder, SearchRequest, Sort,
};
pub use settings::{Owner, OwnerTeam, Pipeline, Stage};
