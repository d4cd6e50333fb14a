//! Marketing forms (`/marketing/v3/forms`) and marketing e-mails (`/marketing/emails/2026-03`,
//! `/marketing/v3/emails`), kept as documents: created, read, listed, updated, published and
//! archived, each answer shaped as the operation's schema says (the answer table's body, with
//! what was stored laid over it). Form submissions (`/submissions/v3/integration/...`) go to a
//! form that exists, take only the fields it defines (the secure endpoint takes any), and
//! create or update the contact their e-mail names, as HubSpot's do.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::object_type::ObjectType;
use crate::schema_answers::{check_value, find};
use crate::state::Shared;

/// A collection the mock keeps documents in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Kind {
    /// Its name in `dump`.
    name: &'static str,
    /// What one document is, for errors.
    what: &'static str,
    /// The path its operations are looked up by in the answer table (any version fits).
    base: &'static str,
    /// Whether ids are numbers (e-mails) or UUIDs (forms).
    numeric_ids: bool,
}

pub(crate) const FORMS: Kind = Kind {
    name: "forms",
    what: "form",
    base: "/marketing/v3/forms",
    numeric_ids: false,
};

pub(crate) const EMAILS: Kind = Kind {
    name: "marketingEmails",
    what: "marketing email",
    base: "/marketing/emails/2026-03",
    numeric_ids: true,
};

impl Kind {
    /// The schema-shaped answer of `method` on `suffix` (`""` or `"/{id}"`), with `stored`
    /// laid over it; an archive time only where the document has one.
    fn shaped(self, method: &str, suffix: &str, stored: &Value) -> Value {
        laid_over(self.template(method, suffix), stored)
    }

    /// The schema-shaped answer of `method` on `suffix`, without the times only some
    /// documents have.
    fn template(self, method: &str, suffix: &str) -> Map<String, Value> {
        let mut out = find(method, &format!("{}{suffix}", self.base))
            .and_then(|answer| answer.body)
            .and_then(|body| serde_json::from_str::<Map<String, Value>>(body).ok())
            .unwrap_or_default();
        for placeholder in ["archivedAt", "deletedAt", "publishDate", "publishedAt"] {
            out.remove(placeholder);
        }
        out
    }

    fn id(self, n: u64) -> String {
        if self.numeric_ids {
            (100_000 + n).to_string()
        } else {
            format!("{n:08x}-0000-4000-8000-{n:012x}")
        }
    }
}

/// `stored`'s fields laid over a schema-shaped `template`.
fn laid_over(mut template: Map<String, Value>, stored: &Value) -> Value {
    if let Some(stored) = stored.as_object() {
        for (name, value) in stored {
            template.insert(name.clone(), value.clone());
        }
    }
    Value::Object(template)
}

/// Refuses a body that is not an object or lacks what the operation requires.
fn checked(method: &str, path: &str, body: &Value) -> ApiResult<()> {
    if !body.is_object() {
        return Err(ApiError::validation(
            "Invalid input JSON: the body is not an object",
        ));
    }
    find(method, path).map_or(Ok(()), |answer| check_value(answer, body))
}

pub(crate) async fn create(mock: Shared, kind: Kind, body: Value) -> ApiResult<Response> {
    checked("POST", kind.base, &body)?;
    let at = mock.store().timestamp();
    let mut documents = mock.documents();
    let collection = documents.collection(kind.name);
    collection.last_id += 1;
    let id = kind.id(collection.last_id);
    let mut stored = body;
    stored["id"] = json!(id);
    stored["createdAt"] = json!(at);
    stored["updatedAt"] = json!(at);
    stored["archived"] = json!(false);
    if kind.numeric_ids {
        stored["isPublished"] = json!(false);
        stored["state"] = json!("DRAFT");
    }
    collection.items.insert(id, stored.clone());
    let status = find("POST", kind.base)
        .and_then(|answer| StatusCode::from_u16(answer.status).ok())
        .unwrap_or(StatusCode::CREATED);
    Ok((status, Json(kind.shaped("POST", "", &stored))).into_response())
}

pub(crate) async fn list(mock: Shared, kind: Kind) -> Json<Value> {
    // Read once for the whole list, not once per document.
    let template = kind.template("GET", "/{id}");
    let mut documents = mock.documents();
    let live: Vec<Value> = documents
        .collection(kind.name)
        .items
        .values()
        .filter(|d| d["archived"] != json!(true))
        .map(|d| laid_over(template.clone(), d))
        .collect();
    let mut out = kind.shaped("GET", "", &json!({}));
    if out.get("total").is_some() {
        out["total"] = json!(live.len());
    }
    if let Some(fields) = out.as_object_mut() {
        fields.remove("paging");
    }
    out["results"] = Value::Array(live);
    Json(out)
}

/// A live document, or HubSpot's 404.
fn live(mock: &Shared, kind: Kind, id: &str) -> ApiResult<Value> {
    mock.documents()
        .collection(kind.name)
        .items
        .get(id)
        .filter(|d| d["archived"] != json!(true))
        .cloned()
        .ok_or_else(|| ApiError::not_found(kind.what, id))
}

pub(crate) async fn get(mock: Shared, kind: Kind, id: String) -> ApiResult<Json<Value>> {
    Ok(Json(kind.shaped("GET", "/{id}", &live(&mock, kind, &id)?)))
}

/// PATCH merges the fields sent; PUT replaces the document (keeping its id and times).
pub(crate) async fn update(
    mock: Shared,
    kind: Kind,
    id: String,
    replace: bool,
    body: Value,
) -> ApiResult<Json<Value>> {
    let method = if replace { "PUT" } else { "PATCH" };
    checked(method, &format!("{}/{id}", kind.base), &body)?;
    let before = live(&mock, kind, &id)?;
    let at = mock.store().timestamp();
    let mut stored = if replace { json!({}) } else { before.clone() };
    if let (Some(stored), Some(sent)) = (stored.as_object_mut(), body.as_object()) {
        for (name, value) in sent {
            stored.insert(name.clone(), value.clone());
        }
    }
    for kept in ["id", "createdAt", "archived", "state", "isPublished"] {
        if before.get(kept).is_some() {
            stored[kept] = before[kept].clone();
        }
    }
    stored["updatedAt"] = json!(at);
    mock.documents()
        .collection(kind.name)
        .items
        .insert(id, stored.clone());
    Ok(Json(kind.shaped(method, "/{id}", &stored)))
}

pub(crate) async fn archive(mock: Shared, kind: Kind, id: String) -> ApiResult<StatusCode> {
    live(&mock, kind, &id)?;
    let at = mock.store().timestamp();
    if let Some(document) = mock.documents().collection(kind.name).items.get_mut(&id) {
        document["archived"] = json!(true);
        document["archivedAt"] = json!(at);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Publishes or unpublishes a marketing e-mail.
pub(crate) async fn publish(mock: Shared, id: String, published: bool) -> ApiResult<StatusCode> {
    live(&mock, EMAILS, &id)?;
    let at = mock.store().timestamp();
    if let Some(email) = mock.documents().collection(EMAILS.name).items.get_mut(&id) {
        email["isPublished"] = json!(published);
        email["state"] = json!(if published { "PUBLISHED" } else { "DRAFT" });
        email["updatedAt"] = json!(at.clone());
        if published {
            email["publishDate"] = json!(at);
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The field names a form defines, from its `fieldGroups`.
fn defined_fields(form: &Value) -> Vec<&str> {
    form["fieldGroups"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|group| group["fields"].as_array().into_iter().flatten())
        .filter_map(|field| field["name"].as_str())
        .collect()
}

/// A submission to the form `guid`: `secure` ones (with the token) may set any contact
/// property; public ones only the fields the form defines.
async fn take_submission(
    mock: Shared,
    guid: String,
    secure: bool,
    body: Value,
) -> ApiResult<Json<Value>> {
    let form = live(&mock, FORMS, &guid)?;
    let fields = body["fields"].as_array().ok_or_else(|| {
        ApiError::form_refusal(vec![(
            "Error in 'fields'. Some required fields were not completed.".to_owned(),
            "REQUIRED_FIELD",
        )])
    })?;
    let defined = defined_fields(&form);
    let mut refusals = Vec::new();
    let mut contact = BTreeMap::new();
    for field in fields {
        let name = field["name"].as_str().unwrap_or_default();
        let value = field["value"]
            .as_str()
            .map_or_else(|| field["value"].to_string(), str::to_owned);
        if !secure && !defined.contains(&name) {
            refusals.push((
                format!("Error in 'fields.{name}'. Field '{name}' not found."),
                "FIELD_NOT_IN_FORM_DEFINITION",
            ));
        } else if name == "email" && !crate::store::is_email(&value) {
            refusals.push((
                format!("Error in 'fields.{name}'. Invalid email address"),
                "INVALID_EMAIL",
            ));
        } else if field["objectTypeId"].as_str().unwrap_or("0-1") == "0-1" {
            contact.insert(name.to_owned(), value);
        }
    }
    if !refusals.is_empty() {
        return Err(ApiError::form_refusal(refusals));
    }
    let at = mock.store().timestamp();
    {
        let mut store = mock.store();
        // HubSpot maps a submission onto the contact its e-mail names, asynchronously: a
        // value the contact cannot take is dropped, not a refusal of the submission.
        contact.retain(|name, value| store.accepts(ObjectType::CONTACTS, name, value));
        if let Some(email) = contact.get("email").cloned() {
            match store.find(ObjectType::CONTACTS, &email, Some("email")) {
                Some(found) => store.update(ObjectType::CONTACTS, found, contact)?,
                None => {
                    store.create(ObjectType::CONTACTS, contact)?;
                }
            }
        }
    }
    mock.documents()
        .submissions
        .entry(guid)
        .or_default()
        .push(json!({"submittedAt": at, "values": fields, "context": body["context"]}));
    let action = &form["configuration"]["postSubmitAction"];
    Ok(Json(match action["type"].as_str() {
        Some("redirect_url") => json!({"redirectUri": action["value"]}),
        _ => {
            json!({"inlineMessage": action["value"].as_str().unwrap_or("Thanks for submitting the form.")})
        }
    }))
}

pub(crate) async fn submit(
    State(mock): State<Shared>,
    Path((_portal, guid)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    take_submission(mock, guid, false, body).await
}

pub(crate) async fn secure_submit(
    State(mock): State<Shared>,
    Path((_portal, guid)): Path<(String, String)>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    take_submission(mock, guid, true, body).await
}
