//! Owners and pipelines (read-only).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{OwnerId, PipelineId, StageId};

/// A CRM owner (a user records can be assigned to).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Owner {
    /// The owner id (`hubspot_owner_id` values).
    #[serde(default)]
    pub id: OwnerId,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// The HubSpot user id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// The user id, inactive users included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id_including_inactive: Option<i64>,
    /// `PERSON` or `QUEUE`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The owner's teams.
    #[serde(default)]
    pub teams: Vec<OwnerTeam>,
    /// Whether the owner is archived.
    #[serde(default)]
    pub archived: bool,
    /// Created (RFC 3339).
    #[serde(default)]
    pub created_at: String,
    /// Last changed (RFC 3339).
    #[serde(default)]
    pub updated_at: String,
}

/// A team an owner is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OwnerTeam {
    /// The team id.
    #[serde(default)]
    pub id: String,
    /// The team name.
    #[serde(default)]
    pub name: String,
    /// Whether it is the owner's primary team.
    #[serde(default)]
    pub primary: bool,
}

/// A pipeline of deals or tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Pipeline {
    /// The pipeline id (a deal's `pipeline`).
    #[serde(default)]
    pub id: PipelineId,
    /// Its label.
    #[serde(default)]
    pub label: String,
    /// Its position.
    #[serde(default)]
    pub display_order: i32,
    /// Its stages, in order.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// Created (RFC 3339).
    #[serde(default)]
    pub created_at: String,
    /// Last changed (RFC 3339).
    #[serde(default)]
    pub updated_at: String,
    /// When it was archived (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<String>,
}

impl Pipeline {
    /// The stage with this label, such as `Closed Won`.
    pub fn stage(&self, label: &str) -> Option<&Stage> {
        self.stages.iter().find(|stage| stage.label == label)
    }
}

/// A pipeline stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Stage {
    /// The stage id (a deal's `dealstage`).
    #[serde(default)]
    pub id: StageId,
    /// Its label.
    #[serde(default)]
    pub label: String,
    /// Its position.
    #[serde(default)]
    pub display_order: i32,
    /// Stage settings, such as `probability` and `isClosed` (numbers kept as their text).
    #[serde(default, deserialize_with = "hubspot_runtime::lenient::text_map")]
    pub metadata: BTreeMap<String, String>,
    /// Whether it is archived.
    #[serde(default)]
    pub archived: bool,
    /// Created (RFC 3339).
    #[serde(default)]
    pub created_at: String,
    /// Last changed (RFC 3339).
    #[serde(default)]
    pub updated_at: String,
    /// When it was archived (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived_at: Option<String>,
    /// Who may move records into it: `READ_WRITE`, `CRM_PERMISSIONS_ENFORCEMENT`, `INTERNAL_ONLY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub write_permissions: Option<String>,
}
