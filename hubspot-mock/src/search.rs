//! `POST /crm/v3/objects/{type}/search`: filter groups, sorts, free text, paging, HubSpot's limits.

use std::cmp::Ordering;

use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::object_type::ObjectType;
use crate::record::Record;
use crate::state::Shared;
use crate::store::Store;

const MAX_GROUPS: usize = 5;
const MAX_FILTERS_PER_GROUP: usize = 6;
const MAX_FILTERS: usize = 18;
const MAX_LIMIT: usize = 200;
const MAX_QUERY_CHARS: usize = 3000;
const MAX_RESULTS: usize = 10_000;

pub(crate) async fn search(
    State(mock): State<Shared>,
    Path(object): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<Json<Value>> {
    let object_type = mock.object_type(&object)?;
    let groups = body
        .get("filterGroups")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    validate(&body, &groups)?;
    let limit = body
        .get("limit")
        .and_then(Value::as_u64)
        .map_or(10, |n| n as usize);
    let offset = match body.get("after") {
        None | Some(Value::Null) => 0,
        Some(after) => {
            let text = after
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| after.to_string());
            text.parse::<usize>().map_err(|_| {
                ApiError::validation(format!("after must be formatted as an integer, not {text}"))
            })?
        }
    };
    if offset + limit > MAX_RESULTS {
        return Err(ApiError::validation(format!(
            "Search results are limited to {MAX_RESULTS}: after {offset} + limit {limit} is past the cap"
        )));
    }
    let store = mock.store();
    let query = body
        .get("query")
        .and_then(Value::as_str)
        .map(str::to_lowercase);
    let searchable = store.searchable(object_type);
    let mut matches: Vec<&Record> = store
        .records(object_type)
        .filter(|r| r.archived_at.is_none())
        .filter(|r| {
            groups.is_empty()
                || groups
                    .iter()
                    .any(|g| group_matches(&store, object_type, r, g))
        })
        .filter(|r| {
            query
                .as_deref()
                .is_none_or(|q| text_matches(&searchable, r, q))
        })
        .collect();
    if let Some((property, descending)) = sort_of(&body) {
        matches.sort_by(|a, b| {
            let ordering = compare_values(&value_of(a, &property), &value_of(b, &property));
            if descending {
                ordering.reverse()
            } else {
                ordering
            }
        });
    }
    let total = matches.len();
    let requested: Option<Vec<String>> =
        body.get("properties")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            });
    let results: Vec<Value> = matches
        .iter()
        .skip(offset)
        .take(limit)
        .map(|r| r.to_json(object_type, requested.as_deref(), &[]))
        .collect();
    let mut out = json!({"total": total, "results": results});
    if offset + limit < total.min(MAX_RESULTS) {
        out["paging"] = json!({"next": {"after": (offset + limit).to_string()}});
    }
    Ok(Json(out))
}

fn validate(body: &Value, groups: &[Value]) -> ApiResult<()> {
    if groups.len() > MAX_GROUPS {
        return Err(ApiError::validation(format!(
            "Too many filter groups: {} (at most {MAX_GROUPS})",
            groups.len()
        )));
    }
    let mut total = 0;
    for group in groups {
        let filters = group
            .get("filters")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if filters > MAX_FILTERS_PER_GROUP {
            return Err(ApiError::validation(format!(
                "Too many filters in a group: {filters} (at most {MAX_FILTERS_PER_GROUP})"
            )));
        }
        total += filters;
    }
    if total > MAX_FILTERS {
        return Err(ApiError::validation(format!(
            "Too many filters: {total} (at most {MAX_FILTERS})"
        )));
    }
    if let Some(limit) = body.get("limit").and_then(Value::as_u64)
        && (limit == 0 || limit as usize > MAX_LIMIT)
    {
        return Err(ApiError::validation(format!(
            "limit must be between 1 and {MAX_LIMIT}, not {limit}"
        )));
    }
    if body
        .get("query")
        .and_then(Value::as_str)
        .is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS)
    {
        return Err(ApiError::validation(format!(
            "query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    Ok(())
}

fn sort_of(body: &Value) -> Option<(String, bool)> {
    let sort = body.get("sorts")?.as_array()?.first()?;
    match sort {
        Value::String(text) => Some(match text.strip_prefix('-') {
            Some(name) => (name.to_owned(), true),
            None => (text.clone(), false),
        }),
        Value::Object(_) => Some((
            sort.get("propertyName")?.as_str()?.to_owned(),
            sort.get("direction").and_then(Value::as_str) == Some("DESCENDING"),
        )),
        _ => None,
    }
}

fn value_of(record: &Record, property: &str) -> Option<String> {
    match property {
        "hs_object_id" => Some(record.id.to_string()),
        "createdate" => Some(record.created_at.clone()),
        "lastmodifieddate" | "hs_lastmodifieddate" => Some(record.updated_at.clone()),
        _ => record
            .value(property)
            .filter(|v| !v.is_empty())
            .map(str::to_owned),
    }
}

fn text_matches(searchable: &[String], record: &Record, query: &str) -> bool {
    searchable
        .iter()
        .filter_map(|p| record.value(p))
        .any(|v| v.to_lowercase().contains(query))
}

fn group_matches(store: &Store, object_type: ObjectType, record: &Record, group: &Value) -> bool {
    group
        .get("filters")
        .and_then(Value::as_array)
        .is_none_or(|filters| {
            filters
                .iter()
                .all(|f| filter_matches(store, object_type, record, f))
        })
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn filter_matches(store: &Store, object_type: ObjectType, record: &Record, filter: &Value) -> bool {
    let property = filter
        .get("propertyName")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let operator = filter
        .get("operator")
        .and_then(Value::as_str)
        .unwrap_or("EQ");
    let value = text(filter.get("value"));
    let values: Vec<String> = filter
        .get("values")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(|v| text(Some(v))).collect())
        .unwrap_or_default();
    if let Some(to_type) = property.strip_prefix("associations.") {
        let Ok(to_type) = store.object_type(to_type) else {
            return false;
        };
        let linked: Vec<String> = store
            .associated((object_type, record.id), to_type)
            .keys()
            .map(u64::to_string)
            .collect();
        return match operator {
            "EQ" => value.is_some_and(|v| linked.contains(&v)),
            "NEQ" => value.is_none_or(|v| !linked.contains(&v)),
            "IN" => values.iter().any(|v| linked.contains(v)),
            "HAS_PROPERTY" => !linked.is_empty(),
            "NOT_HAS_PROPERTY" => linked.is_empty(),
            _ => false,
        };
    }
    let actual = value_of(record, property);
    let compare = |expected: &Option<String>| match (&actual, expected) {
        (Some(a), Some(b)) => Some(compare_values(&Some(a.clone()), &Some(b.clone()))),
        _ => None,
    };
    match operator {
        "EQ" => compare(&value) == Some(Ordering::Equal),
        "NEQ" => compare(&value) != Some(Ordering::Equal),
        "LT" => compare(&value) == Some(Ordering::Less),
        "LTE" => matches!(compare(&value), Some(Ordering::Less | Ordering::Equal)),
        "GT" => compare(&value) == Some(Ordering::Greater),
        "GTE" => matches!(compare(&value), Some(Ordering::Greater | Ordering::Equal)),
        "BETWEEN" => {
            let high = text(filter.get("highValue"));
            matches!(compare(&value), Some(Ordering::Greater | Ordering::Equal))
                && matches!(compare(&high), Some(Ordering::Less | Ordering::Equal))
        }
        "IN" => values
            .iter()
            .any(|v| compare(&Some(v.clone())) == Some(Ordering::Equal)),
        "NOT_IN" => !values
            .iter()
            .any(|v| compare(&Some(v.clone())) == Some(Ordering::Equal)),
        "HAS_PROPERTY" => actual.is_some(),
        "NOT_HAS_PROPERTY" => actual.is_none(),
        "CONTAINS_TOKEN" => contains_token(actual.as_deref(), value.as_deref()),
        "NOT_CONTAINS_TOKEN" => !contains_token(actual.as_deref(), value.as_deref()),
        _ => false,
    }
}

/// Numbers compare as numbers, times as times (HubSpot takes a datetime filter in epoch
/// milliseconds or RFC 3339 against values it stores as either), everything else
/// case-insensitively as text.
fn compare_values(a: &Option<String>, b: &Option<String>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => match (a.parse::<f64>(), b.parse::<f64>()) {
            (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            _ => match (epoch_millis(a), epoch_millis(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => a.to_lowercase().cmp(&b.to_lowercase()),
            },
        },
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
    }
}

/// A time as milliseconds since the epoch: digits as they are, or an RFC 3339 timestamp.
fn epoch_millis(text: &str) -> Option<i128> {
    if let Ok(millis) = text.parse::<i128>() {
        return Some(millis);
    }
    // Searches compare every record: leave text that cannot be a date at a glance.
    let bytes = text.as_bytes();
    if bytes.len() < 10 || !bytes[0].is_ascii_digit() || bytes[4] != b'-' {
        return None;
    }
    let time = humantime::parse_rfc3339_weak(text).ok()?;
    let millis = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_millis();
    i128::try_from(millis).ok()
}

/// A token is a run of letters and digits; `*` in the pattern matches any run of characters.
fn contains_token(actual: Option<&str>, pattern: Option<&str>) -> bool {
    let (Some(actual), Some(pattern)) = (actual, pattern) else {
        return false;
    };
    let pattern = pattern.to_lowercase();
    let actual = actual.to_lowercase();
    if pattern.contains('*') {
        return wildcard(&pattern, &actual)
            || actual
                .split(|c: char| c.is_whitespace())
                .any(|t| wildcard(&pattern, t));
    }
    actual
        .split(|c: char| !c.is_alphanumeric())
        .any(|token| token == pattern)
}

fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(after) = rest.strip_prefix(part) else {
                return false;
            };
            rest = after;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_and_tokens() {
        assert!(contains_token(
            Some("jane@example.com"),
            Some("*@example.com")
        ));
        assert!(contains_token(Some("Big Deal Inc"), Some("deal")));
        assert!(!contains_token(Some("Big Dealer"), Some("deal")));
        assert!(contains_token(Some("Big Dealer"), Some("deal*")));
        assert!(!contains_token(None, Some("x")));
    }

    #[test]
    fn datetimes_compare_as_times_in_either_form() {
        let s = |v: &str| Some(v.to_owned());
        let stored = s("2026-12-01T10:00:00.000Z");
        // 2026-12-01T00:00:00Z and 2026-12-02T00:00:00Z in epoch milliseconds.
        assert_eq!(
            compare_values(&stored, &s("1796083200000")),
            Ordering::Greater
        );
        assert_eq!(compare_values(&stored, &s("1796169600000")), Ordering::Less);
        assert_eq!(
            compare_values(&stored, &s("2026-12-01T10:00:00Z")),
            Ordering::Equal
        );
    }

    #[test]
    fn numbers_compare_as_numbers() {
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(compare_values(&s("9"), &s("10")), Ordering::Less);
        assert_eq!(compare_values(&s("b"), &s("A")), Ordering::Greater);
    }
}
