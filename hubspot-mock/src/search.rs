//! `POST /crm/v3/objects/{type}/search`: filter groups, sorts, free text, paging, HubSpot's limits.

use std::borrow::Cow;
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
    let groups: Vec<Vec<Filter<'_>>> = groups.iter().map(Filter::group).collect();
    let mut matches: Vec<&Record> = store
        .records(object_type)
        .filter(|r| r.archived_at.is_none())
        .filter(|r| {
            groups.is_empty()
                || groups
                    .iter()
                    .any(|filters| filters.iter().all(|f| f.matches(&store, object_type, r)))
        })
        .filter(|r| {
            query
                .as_deref()
                .is_none_or(|q| text_matches(&searchable, r, q))
        })
        .collect();
    if let Some((property, descending)) = sort_of(&body) {
        if property == "hs_object_id" {
            // The store keeps records in id order already.
            if descending {
                matches.reverse();
            }
        } else {
            matches = sorted(matches, &property, descending);
        }
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

/// `matches` in the order of `property`, each record's value read and parsed once, not at
/// every comparison; the sort is stable, so equal values keep the store's (id) order.
fn sorted<'r>(matches: Vec<&'r Record>, property: &str, descending: bool) -> Vec<&'r Record> {
    let mut keyed: Vec<(Option<Key>, &Record)> = matches
        .into_iter()
        .map(|r| (value_of(r, property).map(Key::of), r))
        .collect();
    keyed.sort_by(|(a, _), (b, _)| {
        let ordering = compare_keys(a.as_ref(), b.as_ref());
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
    keyed.into_iter().map(|(_, r)| r).collect()
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

fn value_of<'r>(record: &'r Record, property: &str) -> Option<Cow<'r, str>> {
    match property {
        "hs_object_id" => Some(Cow::Owned(record.id.to_string())),
        "createdate" => Some(Cow::Borrowed(&record.created_at)),
        "lastmodifieddate" | "hs_lastmodifieddate" => Some(Cow::Borrowed(&record.updated_at)),
        _ => record
            .value(property)
            .filter(|v| !v.is_empty())
            .map(Cow::Borrowed),
    }
}

/// A record's value of `property` as a filter compares it, reading only what `reads` says the
/// filter's values need: a search tests every record, and an id needs no text unless a value
/// of the filter is text.
fn key_of<'r>(record: &'r Record, property: &str, reads: Reads) -> Option<Key<'r>> {
    if property == "hs_object_id" {
        let text = if reads.text {
            Cow::Owned(record.id.to_string())
        } else {
            Cow::Borrowed("")
        };
        return Some(Key {
            number: Some(record.id as f64),
            millis: Some(i128::from(record.id)),
            text,
        });
    }
    value_of(record, property).map(|text| Key::read(text, reads))
}

fn text_matches(searchable: &[String], record: &Record, query: &str) -> bool {
    searchable
        .iter()
        .filter_map(|p| record.value(p))
        .any(|v| v.to_lowercase().contains(query))
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// One filter of a search, read from its JSON once per request rather than per record.
struct Filter<'f> {
    property: &'f str,
    operator: &'f str,
    value: Option<String>,
    values: Vec<String>,
    /// `value`, `highValue` and `values` as they compare.
    value_key: Option<Key<'static>>,
    high_key: Option<Key<'static>>,
    value_keys: Vec<Key<'static>>,
    /// What the keys above need read of a record's value.
    reads: Reads,
}

impl<'f> Filter<'f> {
    fn group(group: &'f Value) -> Vec<Self> {
        group
            .get("filters")
            .and_then(Value::as_array)
            .map(|filters| filters.iter().map(Self::of).collect())
            .unwrap_or_default()
    }

    fn of(filter: &'f Value) -> Self {
        let value = text(filter.get("value"));
        let high = text(filter.get("highValue"));
        let values: Vec<String> = filter
            .get("values")
            .and_then(Value::as_array)
            .map(|list| list.iter().filter_map(|v| text(Some(v))).collect())
            .unwrap_or_default();
        let owned = |v: &String| Key::of(Cow::Owned(v.clone()));
        let value_key = value.as_ref().map(owned);
        let high_key = high.as_ref().map(owned);
        let value_keys: Vec<Key<'static>> = values.iter().map(owned).collect();
        let reads = value_key
            .iter()
            .chain(&high_key)
            .chain(&value_keys)
            .fold(Reads::default(), Reads::of);
        Self {
            property: filter
                .get("propertyName")
                .and_then(Value::as_str)
                .unwrap_or_default(),
            operator: filter
                .get("operator")
                .and_then(Value::as_str)
                .unwrap_or("EQ"),
            value_key,
            high_key,
            value_keys,
            reads,
            value,
            values,
        }
    }

    fn matches(&self, store: &Store, object_type: ObjectType, record: &Record) -> bool {
        if let Some(to_type) = self.property.strip_prefix("associations.") {
            let Ok(to_type) = store.object_type(to_type) else {
                return false;
            };
            let linked: Vec<String> = store
                .associated((object_type, record.id), to_type)
                .keys()
                .map(u64::to_string)
                .collect();
            let value = self.value.as_ref();
            return match self.operator {
                "EQ" => value.is_some_and(|v| linked.contains(v)),
                "NEQ" => value.is_none_or(|v| !linked.contains(v)),
                "IN" => self.values.iter().any(|v| linked.contains(v)),
                "HAS_PROPERTY" => !linked.is_empty(),
                "NOT_HAS_PROPERTY" => linked.is_empty(),
                _ => false,
            };
        }
        if matches!(self.operator, "CONTAINS_TOKEN" | "NOT_CONTAINS_TOKEN") {
            let actual = value_of(record, self.property);
            let found = contains_token(actual.as_deref(), self.value.as_deref());
            return (self.operator == "CONTAINS_TOKEN") == found;
        }
        let actual = key_of(record, self.property, self.reads);
        let present = actual.is_some();
        let compare = |expected: Option<&Key<'_>>| match (&actual, expected) {
            (Some(a), Some(b)) => Some(compare_keys(Some(a), Some(b))),
            _ => None,
        };
        let equal_to_one = || {
            self.value_keys
                .iter()
                .any(|v| compare(Some(v)) == Some(Ordering::Equal))
        };
        let value = self.value_key.as_ref();
        match self.operator {
            "EQ" => compare(value) == Some(Ordering::Equal),
            "NEQ" => compare(value) != Some(Ordering::Equal),
            "LT" => compare(value) == Some(Ordering::Less),
            "LTE" => matches!(compare(value), Some(Ordering::Less | Ordering::Equal)),
            "GT" => compare(value) == Some(Ordering::Greater),
            "GTE" => matches!(compare(value), Some(Ordering::Greater | Ordering::Equal)),
            "BETWEEN" => {
                matches!(compare(value), Some(Ordering::Greater | Ordering::Equal))
                    && matches!(
                        compare(self.high_key.as_ref()),
                        Some(Ordering::Less | Ordering::Equal)
                    )
            }
            "IN" => equal_to_one(),
            "NOT_IN" => !equal_to_one(),
            "HAS_PROPERTY" => present,
            "NOT_HAS_PROPERTY" => !present,
            _ => false,
        }
    }
}

/// Numbers compare as numbers, times as times (HubSpot takes a datetime filter in epoch
/// milliseconds or RFC 3339 against values it stores as either), everything else
/// case-insensitively as text.
/// A value as search compares it, read once: as a number, as a time, and as text.
struct Key<'a> {
    number: Option<f64>,
    millis: Option<i128>,
    text: Cow<'a, str>,
}

impl<'a> Key<'a> {
    fn of(text: Cow<'a, str>) -> Self {
        Self::read(
            text,
            Reads {
                number: true,
                millis: true,
                text: true,
            },
        )
    }

    /// The key with only what `reads` asks for parsed: [`compare_keys`] looks at a number or a
    /// time only where both sides have one.
    fn read(text: Cow<'a, str>, reads: Reads) -> Self {
        Self {
            number: if reads.number {
                text.parse().ok()
            } else {
                None
            },
            millis: if reads.millis {
                epoch_millis(&text)
            } else {
                None
            },
            text,
        }
    }
}

/// What comparing against some [`Key`]s reads of the other side: a number only if one of them
/// is a number, a time only if one is a time, the text only if one is neither.
#[derive(Clone, Copy, Default)]
struct Reads {
    number: bool,
    millis: bool,
    text: bool,
}

impl Reads {
    fn of(self, key: &Key<'_>) -> Self {
        Self {
            number: self.number || key.number.is_some(),
            millis: self.millis || key.millis.is_some(),
            text: self.text || (key.number.is_none() && key.millis.is_none()),
        }
    }
}

/// Two values as [`Key`]s: numbers as numbers, else times as times, else text without regard
/// to case; a missing value sorts last.
fn compare_keys(a: Option<&Key<'_>>, b: Option<&Key<'_>>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => match (a.number, b.number, a.millis, b.millis) {
            (Some(x), Some(y), ..) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            (.., Some(x), Some(y)) => x.cmp(&y),
            _ => compare_text(&a.text, &b.text),
        },
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
    }
}

/// Text without regard to case. Searches compare every record, so ASCII (nearly every value)
/// takes a loop over bytes rather than Unicode case mapping.
fn compare_text(a: &str, b: &str) -> Ordering {
    if !(a.is_ascii() && b.is_ascii()) {
        return a
            .chars()
            .flat_map(char::to_lowercase)
            .cmp(b.chars().flat_map(char::to_lowercase));
    }
    if a.eq_ignore_ascii_case(b) {
        return Ordering::Equal;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut at = 0;
    while at < a.len() && at < b.len() {
        let (x, y) = (a[at].to_ascii_lowercase(), b[at].to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
        at += 1;
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
fn compare_values(a: &Option<String>, b: &Option<String>) -> Ordering {
    fn key(v: &Option<String>) -> Option<Key<'_>> {
        v.as_deref().map(|t| Key::of(Cow::Borrowed(t)))
    }
    compare_keys(key(a).as_ref(), key(b).as_ref())
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
