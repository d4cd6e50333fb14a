//! The operations the mock keeps no state for (CMS, marketing e-mails, automation, settings, …):
//! each is answered from `answers.rs`, generated from the plan the SDK is generated from, with
//! a body shaped as its schema says, after HubSpot's checks of a JSON body (an object, each
//! required property there and of its type: else HubSpot's 400). A path no operation has is
//! still 501 `MOCK_NOT_IMPLEMENTED`, never a 404 that a client would read as "not found".

use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::answers::ANSWERS;
use crate::error::ApiError;
use crate::faults::{unversioned, versions};

/// What JSON a required property holds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Text,
    Number,
    Flag,
    List,
    Object,
    Any,
}

impl Kind {
    fn admits(self, value: &Value) -> bool {
        match self {
            Self::Text => value.is_string(),
            Self::Number => value.is_number(),
            Self::Flag => value.is_boolean(),
            Self::List => value.is_array(),
            Self::Object => value.is_object(),
            Self::Any => true,
        }
    }
}

/// One operation's answer.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) method: &'static str,
    /// The path template, `<name>` for a segment and `<name..>` for the rest.
    pub(crate) path: &'static str,
    /// HubSpot admits it by a developer API key (`hapikey`), not a token.
    pub(crate) developer_key: bool,
    /// The properties a JSON body must have.
    pub(crate) required: &'static [(&'static str, Kind)],
    pub(crate) status: u16,
    pub(crate) body: Option<&'static str>,
}

/// The header a schema-shaped answer carries: `x-hubspot-mock-answer: schema`.
pub(crate) const ANSWERED_BY: &str = "x-hubspot-mock-answer";

/// How much of a body is read to check it: HubSpot refuses larger JSON bodies too.
const MAX_BODY: usize = 4 << 20;

/// The answer of `method path`: of the operations whose template it fits (whatever its
/// version), the one with the most literal segments, so `/site-pages/folders` is not taken
/// for `/site-pages/<id>`.
pub(crate) fn find(method: &str, path: &str) -> Option<&'static Answer> {
    ANSWERS
        .iter()
        .filter(|answer| answer.method.eq_ignore_ascii_case(method))
        .filter_map(|answer| literal_segments(answer.path, path).map(|n| (n, answer)))
        .max_by_key(|(literals, _)| *literals)
        .map(|(_, answer)| answer)
}

/// How many of `template`'s literal segments `path` has, if it fits the template.
fn literal_segments(template: &str, path: &str) -> Option<usize> {
    let mut wanted = unversioned(template);
    let mut sent = unversioned(path);
    let mut literals = 0;
    loop {
        match (wanted.next(), sent.next()) {
            (Some(want), Some(_)) if want.starts_with('<') && want.ends_with("..>") => {
                return Some(literals);
            }
            (Some(want), Some(_)) if want.starts_with('<') && want.ends_with('>') => {}
            (Some(want), Some(got)) if want == got => literals += 1,
            (None, None) => return Some(literals),
            _ => return None,
        }
    }
}

/// Whether HubSpot admits `method path` by a developer API key rather than a token. Asked of
/// every request before routing, so the few developer-key operations are looked at first and
/// the whole table only when one of them fits.
pub(crate) fn takes_developer_key(method: &str, path: &str) -> bool {
    let fits = |answer: &Answer| {
        answer.developer_key
            && answer.method.eq_ignore_ascii_case(method)
            && literal_segments(answer.path, path).is_some()
    };
    ANSWERS.iter().any(fits) && find(method, path).is_some_and(|answer| answer.developer_key)
}

/// The router's fallback: the operation's answer, or 501 where there is no such operation. An
/// answer (or a refusal of its body) carries `x-hubspot-mock-answer: schema`, so a test (or a
/// person) can tell it from one the mock's state made.
pub(crate) async fn answer(request: Request) -> Response {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let Some(answer) = find(&method, &path) else {
        return ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "MOCK_NOT_IMPLEMENTED",
            format!("hubspot-mock does not implement {method} {path}"),
        )
        .into_response();
    };
    let mut response = shaped(answer, request, &path).await;
    response
        .headers_mut()
        .insert(ANSWERED_BY, HeaderValue::from_static("schema"));
    response
}

/// `answer`'s body, after HubSpot's checks of the request's.
async fn shaped(answer: &Answer, request: Request, path: &str) -> Response {
    // The table holds the version the SDK sends; an older version of the operation may not
    // require what the newer one does (HubSpot's own clients send `v3` bodies), so only the
    // same version's body is checked.
    if !answer.required.is_empty() && versions(answer.path).eq(versions(path)) {
        let checked = match to_bytes(request.into_body(), MAX_BODY).await {
            Ok(body) => check(answer, &body),
            Err(_) => Err(ApiError::validation(format!(
                "the body is unreadable or over {MAX_BODY} bytes"
            ))),
        };
        if let Err(error) = checked {
            return error.into_response();
        }
    }
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    match answer.body {
        Some(json) => (status, [(header::CONTENT_TYPE, "application/json")], json).into_response(),
        None => status.into_response(),
    }
}

/// HubSpot's checks of a JSON body: an object, with each required property, of its kind.
fn check(answer: &Answer, body: &[u8]) -> Result<(), ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|error| ApiError::validation(format!("Invalid input JSON: {error}")))?;
    check_value(answer, &value)
}

/// [`check`] of a body already read, for the operations the mock keeps state for.
pub(crate) fn check_value(answer: &Answer, value: &Value) -> Result<(), ApiError> {
    let object = value
        .as_object()
        .ok_or_else(|| ApiError::validation("Invalid input JSON: the body is not an object"))?;
    for (name, kind) in answer.required {
        match object.get(*name) {
            None | Some(Value::Null) => {
                return Err(ApiError::validation(format!(
                    "Invalid input JSON: some of required attributes are not set [{name}]"
                )));
            }
            Some(value) if !kind.admits(value) => {
                return Err(ApiError::validation(format!(
                    "Invalid input JSON: `{name}` is not of type {kind:?}"
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_literal_segment_wins_over_a_placeholder_and_any_version_fits() {
        assert_eq!(
            literal_segments(
                "/cms/pages/2026-03/site-pages/<id>",
                "/cms/pages/v3/site-pages/7"
            ),
            Some(4)
        );
        assert_eq!(
            literal_segments(
                "/cms/source-code/2026-03/<env>/content/<path..>",
                "/cms/source-code/v3/draft/content/a/b.html"
            ),
            Some(4)
        );
        assert_eq!(
            literal_segments("/cms/pages/2026-03/<id>", "/cms/pages/2026-03/1/x"),
            None
        );
    }

    #[test]
    fn a_body_lacking_a_required_property_or_of_another_kind_is_refused() {
        let answer = Answer {
            method: "POST",
            path: "/x/2026-03/y",
            developer_key: false,
            required: &[("name", Kind::Text), ("size", Kind::Number)],
            status: 200,
            body: None,
        };
        assert!(check(&answer, br#"{"name": "n", "size": 1}"#).is_ok());
        let missing = check(&answer, br#"{"name": "n"}"#).unwrap_err();
        assert!(
            missing.message().contains("[size]"),
            "{}",
            missing.message()
        );
        let wrong = check(&answer, br#"{"name": 1, "size": 1}"#).unwrap_err();
        assert!(wrong.message().contains("`name`"), "{}", wrong.message());
        assert!(check(&answer, b"[]").is_err());
    }
}
