//! Query strings from `Serialize` structs, the way HubSpot reads them.

use std::fmt::Write as _;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

use crate::error::Error;

/// Everything but RFC 3986's unreserved characters is encoded in a path segment, so an id can
/// never add a segment, a query or a fragment.
pub(crate) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// Query values keep `,` literal: HubSpot reads comma-joined lists.
const QUERY_VALUE: &AsciiSet = &SEGMENT.remove(b',');

/// `path` with `pairs` encoded as its query string.
pub(crate) fn encode(path: &str, pairs: &[(String, String)]) -> String {
    let mut out = path.to_owned();
    if !pairs.is_empty() {
        out.push('?');
        encode_pairs(&mut out, pairs);
    }
    out
}

/// Appends `pairs` to `out` as a query string, without its `?`.
pub(crate) fn encode_pairs(out: &mut String, pairs: &[(String, String)]) {
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        let _ = write!(
            out,
            "{}={}",
            utf8_percent_encode(name, QUERY_VALUE),
            utf8_percent_encode(value, QUERY_VALUE)
        );
    }
}

/// Flattens a struct into query pairs: `None` fields and empty lists are left out, a list
/// repeats its name once per item (OpenAPI's default `form` style with `explode`, which is how
/// HubSpot's spec writes every query array), scalars are written as text. Nested objects are
/// refused.
pub(crate) fn to_pairs<Q: Serialize + ?Sized>(query: &Q) -> Result<Vec<(String, String)>, Error> {
    let fields = match serde_json::to_value(query).map_err(Error::Encode)? {
        Value::Null => return Ok(Vec::new()),
        Value::Object(fields) => fields,
        other => {
            return Err(Error::InvalidRequest(format!(
                "query parameters must be a struct or map, not {}",
                kind(&other)
            )));
        }
    };
    let mut pairs = Vec::with_capacity(fields.len());
    for (name, value) in fields {
        match value {
            Value::Null => {}
            Value::Array(items) => {
                for item in &items {
                    pairs.push((name.clone(), scalar(&name, item)?));
                }
            }
            other => {
                let text = scalar(&name, &other)?;
                pairs.push((name, text));
            }
        }
    }
    Ok(pairs)
}

/// Sends a list as one comma-joined value (`properties=a,b`) rather than a repeated key: for
/// parameters HubSpot reads either way and that can name hundreds of items, where the shorter
/// URL matters. Use as `#[serde(serialize_with = "hubspot_runtime::comma_separated")]`.
///
/// # Errors
/// Never, beyond the serializer's own.
pub fn comma_separated<S, T>(items: &[T], serializer: S) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    T: AsRef<str>,
{
    if items.is_empty() {
        // Left out, as an empty list is.
        return serializer.serialize_none();
    }
    let mut joined = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            joined.push(',');
        }
        joined.push_str(item.as_ref());
    }
    serializer.serialize_str(&joined)
}

fn scalar(name: &str, value: &Value) -> Result<String, Error> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(Error::InvalidRequest(format!(
            "query parameter `{name}` cannot be {}",
            kind(other)
        ))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct List<'a> {
        limit: Option<u32>,
        after: Option<&'a str>,
        properties: Vec<&'a str>,
        #[serde(serialize_with = "comma_separated")]
        associations: Vec<&'a str>,
        archived: bool,
    }

    #[test]
    fn flattens_options_and_lists() {
        let query = List {
            limit: Some(100),
            after: None,
            properties: vec!["email", "firstname"],
            associations: vec!["deals", "companies"],
            archived: false,
        };
        let pairs = to_pairs(&query).unwrap();
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("archived", "false"),
                ("associations", "deals,companies"),
                ("limit", "100"),
                ("properties", "email"),
                ("properties", "firstname"),
            ]
        );
        assert_eq!(
            encode("/x", &to_pairs(&query).unwrap()),
            "/x?archived=false&associations=deals,companies&limit=100&properties=email&properties=firstname"
        );
    }

    #[test]
    fn empty_lists_are_left_out() {
        let query = List {
            limit: None,
            after: Some("abc"),
            properties: vec![],
            associations: vec![],
            archived: true,
        };
        assert_eq!(to_pairs(&query).unwrap().len(), 2);
    }

    #[test]
    fn nested_values_are_refused() {
        let query = serde_json::json!({ "filter": { "a": 1 } });
        assert!(
            matches!(to_pairs(&query), Err(Error::InvalidRequest(m)) if m.contains("`filter`"))
        );
        assert!(matches!(to_pairs(&5), Err(Error::InvalidRequest(_))));
    }
}

/// Properties of path and query encoding over any text, generated with proptest.
#[cfg(test)]
mod properties {
    use percent_encoding::percent_decode_str;
    use proptest::prelude::*;

    use super::*;
    use crate::request::PathBuilder;
    use crate::{Method, Request};

    fn decoded(text: &str) -> String {
        percent_decode_str(text).decode_utf8_lossy().into_owned()
    }

    /// Near misses of a dot segment are ordinary ids.
    #[test]
    fn ids_that_only_look_like_dot_segments_are_sent() {
        for id in ["...", ".a", "a.", " ."] {
            let path = PathBuilder::new().literal("/x/").param("id", &id);
            let request = Request::<()>::new(Method::Get, "/x/<id>", path);
            assert!(request.into_call().is_ok(), "{id:?}");
        }
    }

    #[test]
    fn a_location_keeps_its_slashes_and_refuses_climbing() {
        let request = |location: &str| {
            let path = PathBuilder::new()
                .literal("/cms/source-code/2026-03/draft/content/")
                .rest("path", &location);
            Request::<()>::new(
                Method::Get,
                "/cms/source-code/2026-03/draft/content/<path..>",
                path,
            )
        };
        let sent = request("my theme/templates/a b.html");
        assert_eq!(
            sent.path(),
            "/cms/source-code/2026-03/draft/content/my%20theme/templates/a%20b.html"
        );
        assert!(sent.into_call().is_ok());
        for refused in ["", "/a", "a/", "a//b", "../secrets", "a/./b", "a/.."] {
            assert!(
                matches!(request(refused).into_call(), Err(Error::InvalidRequest(m)) if m.contains("`path`")),
                "{refused:?}"
            );
        }
        assert!(request("a/.../b").into_call().is_ok());
    }

    proptest! {
        /// Whatever parts a location holds, each fills exactly its own segment and the slashes
        /// between them are the only ones sent.
        #[test]
        fn a_location_is_its_parts(parts in proptest::collection::vec(any::<String>().prop_filter("a part", |p| !matches!(p.as_str(), "" | "." | "..") && !p.contains('/')), 1..5)) {
            let location = parts.join("/");
            let path = PathBuilder::new().literal("/x/").rest("path", &location);
            let request = Request::<()>::new(Method::Get, "/x/<path..>", path);
            let sent = request.path().to_owned();
            prop_assert!(!sent.contains(['?', '#']), "{sent}");
            let read: Vec<String> = sent[3..].split('/').map(decoded).collect();
            prop_assert_eq!(read, parts);
            prop_assert!(request.into_call().is_ok());
        }

        /// Whatever an id holds, it fills exactly its own segment, and decodes back to itself.
        #[test]
        fn a_path_parameter_stays_in_its_segment(id in any::<String>()) {
            prop_assume!(!matches!(id.as_str(), "" | "." | ".."));
            let path = PathBuilder::new().literal("/crm/v3/objects/deals/").param("id", &id).literal("/associations");
            let request: Request<()> = Request::new(Method::Get, "/crm/v3/objects/deals/<id>/associations", path);
            let sent = request.path();
            prop_assert!(!sent.contains(['?', '#']), "{sent}");
            let segments: Vec<&str> = sent.split('/').collect();
            prop_assert_eq!(segments.len(), 7, "{}", sent);
            prop_assert_eq!(decoded(segments[5]), id);
            prop_assert!(segments[5].bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        }

        /// The values that would change which endpoint is called are refused before sending.
        #[test]
        fn dot_segments_and_empty_ids_are_refused(id in prop_oneof![Just(""), Just("."), Just("..")]) {
            let path = PathBuilder::new().literal("/crm/v3/objects/deals/").param("id", &id);
            let request: Request<()> = Request::new(Method::Get, "/crm/v3/objects/deals/<id>", path);
            prop_assert!(request.into_call().is_err());
        }

        /// A value whose `Display` writes it in pieces is encoded and checked as the whole text.
        #[test]
        fn a_parameter_written_in_pieces_is_the_whole(id in any::<String>()) {
            struct Pieces<'a>(&'a str);
            impl std::fmt::Display for Pieces<'_> {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    self.0.chars().try_for_each(|c| write!(f, "{c}"))
                }
            }
            let request = |path| Request::<()>::new(Method::Get, "/x/<id>", path);
            let whole = request(PathBuilder::new().literal("/x/").param("id", &id));
            let pieces = request(PathBuilder::new().literal("/x/").param("id", &Pieces(&id)));
            prop_assert_eq!(whole.path(), pieces.path());
            prop_assert_eq!(decoded(&whole.path()[3..]), id.as_str());
            let refused = matches!(id.as_str(), "" | "." | "..");
            prop_assert_eq!(whole.into_call().is_err(), refused);
            prop_assert_eq!(pieces.into_call().is_err(), refused);
        }

        /// Any names and values come back as they went in, one pair per `&`, one `?`.
        #[test]
        fn a_query_round_trips(pairs in proptest::collection::vec((any::<String>(), any::<String>()), 0..8)) {
            let sent = encode("/crm/v3/objects/deals", &pairs);
            let (path, query) = sent.split_once('?').unwrap_or((sent.as_str(), ""));
            prop_assert_eq!(path, "/crm/v3/objects/deals");
            prop_assert!(!sent.contains('#'));
            let read: Vec<(String, String)> = if pairs.is_empty() {
                Vec::new()
            } else {
                query
                    .split('&')
                    .map(|pair| {
                        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                        (decoded(name), decoded(value))
                    })
                    .collect()
            };
            prop_assert_eq!(read, pairs);
        }
    }
}
