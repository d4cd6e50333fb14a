//! The pipelines every account starts with: what `dealstage` and `hs_pipeline_stage` values are
//! real.

use serde_json::{Value, json};

use crate::object_type::ObjectType;

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

pub(crate) fn pipeline(object_type: ObjectType) -> Option<Value> {
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
