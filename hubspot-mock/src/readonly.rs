//! Owners and pipelines: read-only, seeded so `dealstage` values are real.

use axum::Json;
use axum::extract::Path;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::pipelines::pipeline;

fn pipelines_of(object: &str) -> ApiResult<Vec<Value>> {
    Ok(pipeline(crate::object_type::parse_standard(object)?)
        .into_iter()
        .collect())
}

pub(crate) async fn list_pipelines(Path(object): Path<String>) -> ApiResult<Json<Value>> {
    Ok(Json(json!({"results": pipelines_of(&object)?})))
}

pub(crate) async fn get_pipeline(
    Path((object, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    pipelines_of(&object)?
        .into_iter()
        .find(|p| p["id"] == id.as_str())
        .map(Json)
        .ok_or_else(|| ApiError::not_found("pipeline", &id))
}

pub(crate) async fn list_stages(
    Path((object, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let Json(pipeline) = get_pipeline(Path((object, id))).await?;
    Ok(Json(json!({"results": pipeline["stages"]})))
}

fn owners() -> Vec<Value> {
    const CREATED: &str = "2024-01-01T00:00:00.000Z";
    [("101", "ada@example.com", "Ada", "Lovelace", 9001), ("102", "alan@example.com", "Alan", "Turing", 9002)]
        .iter()
        .map(|(id, email, first, last, user)| {
            json!({"id": id, "email": email, "firstName": first, "lastName": last, "userId": user, "userIdIncludingInactive": user, "type": "PERSON", "teams": [], "archived": false, "createdAt": CREATED, "updatedAt": CREATED})
        })
        .collect()
}

pub(crate) async fn list_owners() -> Json<Value> {
    Json(json!({"results": owners()}))
}

pub(crate) async fn get_owner(Path(id): Path<String>) -> ApiResult<Json<Value>> {
    owners()
        .into_iter()
        .find(|o| o["id"] == id.as_str())
        .map(Json)
        .ok_or_else(|| ApiError::not_found("owner", &id))
}
