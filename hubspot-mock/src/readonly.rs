//! Owners and pipelines: read-only, seeded so `dealstage` values are real.

use axum::Json;
use axum::extract::Path;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::store::ObjectType;

const DEAL_STAGES: [(&str, &str, &str); 7] = [
    ("appointmentscheduled", "Appointment Scheduled", "0.2"),
    ("qualifiedtobuy", "Qualified To Buy", "0.4"),
    ("presentationscheduled", "Presentation Scheduled", "0.6"),
    ("decisionmakerboughtin", "Decision Maker Bought-In", "0.8"),
    ("contractsent", "Contract Sent", "0.9"),
    ("closedwon", "Closed Won", "1.0"),
    ("closedlost", "Closed Lost", "0.0"),
];

const TICKET_STAGES: [(&str, &str, &str); 4] = [
    ("1", "New", "OPEN"),
    ("2", "Waiting on contact", "OPEN"),
    ("3", "Waiting on us", "OPEN"),
    ("4", "Closed", "CLOSED"),
];

pub(crate) fn is_deal_stage(stage: &str) -> bool {
    DEAL_STAGES.iter().any(|(id, ..)| *id == stage)
}

fn pipeline(object_type: ObjectType) -> Option<Value> {
    const CREATED: &str = "2024-01-01T00:00:00.000Z";
    let (id, label, stages): (&str, &str, Vec<Value>) = if object_type == ObjectType::DEALS {
        (
            "default",
            "Sales Pipeline",
            DEAL_STAGES
                .iter()
                .enumerate()
                .map(|(i, (id, label, probability))| {
                    json!({"id": id, "label": label, "displayOrder": i, "metadata": {"isClosed": if id.starts_with("closed") {"true"} else {"false"}, "probability": probability}, "createdAt": CREATED, "updatedAt": CREATED, "archived": false})
                })
                .collect(),
        )
    } else if object_type == ObjectType::TICKETS {
        (
            "0",
            "Support Pipeline",
            TICKET_STAGES
                .iter()
                .enumerate()
                .map(|(i, (id, label, state))| {
                    json!({"id": id, "label": label, "displayOrder": i, "metadata": {"ticketState": state}, "createdAt": CREATED, "updatedAt": CREATED, "archived": false})
                })
                .collect(),
        )
    } else {
        return None;
    };
    Some(
        json!({"id": id, "label": label, "displayOrder": 0, "stages": stages, "createdAt": CREATED, "updatedAt": CREATED, "archived": false}),
    )
}

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
