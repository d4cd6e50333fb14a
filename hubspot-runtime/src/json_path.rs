//! Where in a JSON body decoding failed, as a path (`results[0].id`), read back from the
//! error's line and column.
//!
//! Decoding does not track the path as it goes: a tracking decoder (`serde_path_to_error`)
//! wraps every step of every model's decoding in types of its own, which took about a third of
//! the build time of a crate that decodes many models (our request-shape tests: 59 s, now
//! 40 s). serde_json stops at the end of the value it refused (after the closing bracket, for
//! an object missing a field), so the open objects and arrays at that point, with the key or
//! index each was reading, are the path. The body is read once more, and only when it failed.
//!
//! Two kinds of error stop elsewhere, and are read accordingly: a syntax error stops one byte
//! past the byte it refused; an error a union (an untagged or tagged enum, which serde reads
//! whole before choosing a variant) raises surfaces only when its array or object closes. Such
//! an error names its element when another follows (serde_json has then read the comma), and
//! otherwise the array or object that holds it: a shorter path, never another member's.

/// An object or array open at the error, and the member it was reading.
enum Frame {
    /// An object, with the key of the member being read: part of the path once its value is
    /// (an error right after a key is about the key: an enum's unknown variant, a repeated
    /// field).
    Object { key: Option<String>, in_value: bool },
    /// An array, at the element being read.
    Array { index: usize },
}

/// The path in `body` at which decoding it failed with `error`: `.` for the top-level value,
/// `?` where the error has no position.
pub(crate) fn path_of(body: &[u8], error: &serde_json::Error) -> String {
    let Some(mut offset) = offset_of(body, error.line(), error.column()) else {
        return "?".to_owned();
    };
    if error.is_syntax() {
        offset = offset.saturating_sub(1);
    }
    let mut frames = frames_before(body, offset);
    if error.is_data()
        && after_comma(body, offset)
        && !refused_at_start(body, offset, error)
        && let Some(Frame::Array { index }) = frames.last_mut()
    {
        *index = index.saturating_sub(1);
    }
    render(&frames)
}

/// Whether the last byte before `offset`, past whitespace, is a comma.
fn after_comma(body: &[u8], offset: usize) -> bool {
    body[..offset]
        .iter()
        .rev()
        .find(|byte| !byte.is_ascii_whitespace())
        == Some(&b',')
}

/// Whether `error` refused an object or array by its opening bracket, at `offset`, unread.
fn refused_at_start(body: &[u8], offset: usize, error: &serde_json::Error) -> bool {
    let message = error.to_string();
    match body.get(offset) {
        Some(b'{') => message.starts_with("invalid type: map"),
        Some(b'[') => message.starts_with("invalid type: sequence"),
        _ => false,
    }
}

/// The byte offset of a serde_json position.
fn offset_of(body: &[u8], line: usize, column: usize) -> Option<usize> {
    let start = match line {
        0 => return None,
        1 => 0,
        _ => {
            body.iter()
                .enumerate()
                .filter(|&(_, &byte)| byte == b'\n')
                .nth(line - 2)?
                .0
                + 1
        }
    };
    Some((start + column).min(body.len()))
}

/// The objects and arrays open at `offset`, outermost first.
fn frames_before(body: &[u8], offset: usize) -> Vec<Frame> {
    let mut frames = Vec::new();
    // Whether the innermost object's next string is a key (after `{` or `,`).
    let mut key_next = false;
    let mut at = 0;
    while at < offset {
        match body[at] {
            b'{' => {
                frames.push(Frame::Object {
                    key: None,
                    in_value: false,
                });
                key_next = true;
            }
            b'[' => {
                frames.push(Frame::Array { index: 0 });
                key_next = false;
            }
            b'}' | b']' => {
                frames.pop();
                key_next = false;
            }
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = frames.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match frames.last_mut() {
                Some(Frame::Object { key, in_value }) => {
                    *key = None;
                    *in_value = false;
                    key_next = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let end = string_end(body, at);
                if key_next && let Some(Frame::Object { key, .. }) = frames.last_mut() {
                    *key = Some(key_text(&body[at..end.min(body.len())]));
                    key_next = false;
                }
                at = end;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    frames
}

/// The offset just past the string that opens at `start` (its closing quote), or the end of
/// the body for a string left open.
fn string_end(body: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    while let Some(&byte) = body.get(at) {
        match byte {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    body.len()
}

/// Keys longer than this keep their start only: the path shown is bounded anyway, and a
/// server's key can be as long as its body.
const MAX_KEY_BYTES: usize = 256;

/// A key as its JSON string reads (escapes resolved), or its raw text if it does not parse;
/// a long one cut at [`MAX_KEY_BYTES`].
fn key_text(quoted: &[u8]) -> String {
    let raw = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes)
            .trim_end_matches('"')
            .to_owned()
    };
    let inner = quoted.get(1..).unwrap_or_default();
    if inner.len() > MAX_KEY_BYTES {
        return raw(&inner[..MAX_KEY_BYTES]) + "…";
    }
    serde_json::from_slice(quoted).unwrap_or_else(|_| raw(inner))
}

/// `a.b[2].c`, as serde_path_to_error writes paths; `.` for none.
fn render(frames: &[Frame]) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            Frame::Object {
                key: Some(key),
                in_value: true,
            } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { .. } => {}
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Page {
        results: Vec<Record>,
        paging: Option<Paging>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Record {
        id: u64,
        #[serde(default)]
        properties: BTreeMap<String, Option<String>>,
        archived: Option<bool>,
        kind: Option<Kind>,
        #[serde(default)]
        tags: Vec<Tagged>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Paging {
        next: Next,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Next {
        after: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "UPPERCASE")]
    enum Kind {
        Open,
        Closed,
    }

    #[derive(Debug, Deserialize)]
    #[serde(tag = "type")]
    #[allow(dead_code)]
    enum Tagged {
        Label { name: String },
        Count { n: u32 },
    }

    /// The path this module reads, and the one serde_path_to_error tracks, for `body`.
    fn both(body: &str) -> Option<(String, String)> {
        Some(with_error(body)?.0)
    }

    /// [`both`], and the error.
    fn with_error(body: &str) -> Option<((String, String), serde_json::Error)> {
        let plain = Page::deserialize(&mut serde_json::Deserializer::from_str(body)).err()?;
        let tracked = serde_path_to_error::deserialize::<_, Page>(
            &mut serde_json::Deserializer::from_str(body),
        )
        .err()?;
        let read = path_of(body.as_bytes(), &plain);
        Some(((read, tracked.path().to_string()), plain))
    }

    /// Whether `path` names something that holds what `inner` names.
    fn holds(path: &str, inner: &str) -> bool {
        path == "."
            || inner.starts_with(&format!("{path}."))
            || inner.starts_with(&format!("{path}["))
    }

    /// The path of decoding `body` as a `T`.
    fn path<T: serde::de::DeserializeOwned + std::fmt::Debug>(body: &str) -> String {
        let error = serde_json::from_str::<T>(body).unwrap_err();
        path_of(body.as_bytes(), &error)
    }

    #[test]
    fn the_path_of_a_refused_value_or_a_missing_field_is_the_tracked_path() {
        let cases = [
            (r#"{"results": [{"id": 1}, {"id": "x"}]}"#, "results[1].id"),
            (r#"{"results": [{"id": 1}, {"idx": 2}]}"#, "results[1]"),
            (
                r#"{"results": [{"id": 1}, {"idx": 2}, {"id": 3}]}"#,
                "results[1]",
            ),
            (r#"{"results": [], "paging": {"next": {}}}"#, "paging.next"),
            (
                r#"{"results": [{"id": 1, "properties": {"a": 1}}]}"#,
                "results[0].properties.a",
            ),
            (
                r#"{"results": [{"id": 1, "kind": "HALF"}]}"#,
                "results[0].kind",
            ),
            (r#"{"results": [{"id": 1, "kind": []}]}"#, "results[0].kind"),
            (r#"{"results": [{"id": 1, "kind": {}}]}"#, "results[0].kind"),
            (
                r#"{"results": [{"id": 1, "tags": [{"type": "Count", "n": -1}, {}]}]}"#,
                "results[0].tags[0]",
            ),
            (
                r#"{"results": [{"id": 1, "tags": [{"type": "Count", "n": 1}, {}, {}]}]}"#,
                "results[0].tags[1]",
            ),
            (r#"{"results": [[1], {"id": 1}]}"#, "results[0]"),
            (r#"{"results": [{"id": 1}, [1]]}"#, "results[1]"),
            (
                "{\"results\": [\n  {\"id\": 1},\n  {\"id\": true}\n]}",
                "results[1].id",
            ),
            (r#"{"results": {"id": 1}}"#, "results"),
            (r#"{"re\"sults": 1}"#, "."),
            (
                r#"{"results": [{"id": 1, "pro\u0070erties": {"a\"b": 2}}]}"#,
                "results[0].properties.a\"b",
            ),
        ];
        for (body, expected) in cases {
            let (read, tracked) = both(body).unwrap_or_else(|| panic!("{body} decoded"));
            assert_eq!(read, expected, "{body}");
            assert_eq!(read, tracked, "{body}: serde_path_to_error");
        }
    }

    #[test]
    fn a_union_that_fails_last_names_what_holds_it() {
        let body = r#"{"results": [{"id": 1, "tags": [{"type": "Count", "n": -1}]}]}"#;
        let (read, tracked) = both(body).unwrap();
        assert_eq!(
            (read.as_str(), tracked.as_str()),
            ("results[0].tags", "results[0].tags[0]")
        );
    }

    #[test]
    fn broken_text_names_where_it_broke() {
        assert_eq!(path::<Vec<u32>>("[1, 2,"), "[2]");
        assert_eq!(path::<Vec<u32>>("[1, 2,]"), "[2]");
        assert_eq!(path::<Vec<u32>>("[1, x]"), "[1]");
        assert_eq!(
            path::<BTreeMap<String, u32>>(r#"{"a": 1, "b": 2 "c"}"#),
            "b"
        );
        assert_eq!(path::<BTreeMap<String, u32>>(r#"{"a": 1, "b" 2}"#), ".");
        assert_eq!(path::<BTreeMap<String, String>>(r#"{"a": "open"#), "a");
        assert_eq!(path::<u32>(""), ".");
        assert_eq!(
            path_of(b"{}", &serde::de::Error::custom("no position")),
            "?"
        );
    }

    #[test]
    fn a_long_key_keeps_its_start_only() {
        let key = "k".repeat(100_000);
        let read = path::<BTreeMap<String, u32>>(&format!(r#"{{"{key}": "x"}}"#));
        assert_eq!(read, format!("{}…", &key[..MAX_KEY_BYTES]));
    }

    /// One of `names`, each as likely.
    fn key(names: &'static [&'static str]) -> impl Strategy<Value = String> + Clone {
        proptest::sample::select(names).prop_map(str::to_owned)
    }

    /// An answer shaped like a page, with any value of the wrong kind anywhere.
    fn page() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::{Value, json};
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            (0u32..5).prop_map(Value::from),
            (-3i64..0).prop_map(Value::from),
            "[a-z\"\\\\é]{0,4}".prop_map(Value::from),
            Just(json!("OPEN")),
            Just(json!("Count")),
        ];
        let value = leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
                proptest::collection::btree_map(
                    prop_oneof![
                        8 => key(&["id", "type", "n", "name", "properties", "kind", "tags", "archived"]),
                        1 => "[a-z]{1,3}",
                    ],
                    inner,
                    0..4,
                )
                .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        });
        let record = proptest::collection::btree_map(
            key(&["id", "properties", "archived", "kind", "tags"]),
            value.clone(),
            0..5,
        )
        .prop_map(|map| {
            let mut record: serde_json::Map<String, Value> = map.into_iter().collect();
            record.entry("id").or_insert(json!(1));
            Value::Object(record)
        });
        (
            proptest::collection::vec(record, 0..3),
            proptest::option::of(value),
        )
            .prop_map(|(results, paging)| {
                let mut page = json!({ "results": results });
                if let Some(paging) = paging {
                    page["paging"] = paging;
                }
                page
            })
    }

    proptest! {
        /// Wherever a page fails to decode, compact or pretty-printed, the path read back is
        /// the path serde_path_to_error tracks while decoding, or (a union's error) what holds it.
        #[test]
        fn the_path_read_back_is_the_tracked_path(page in page(), pretty in any::<bool>()) {
            let body = if pretty {
                serde_json::to_string_pretty(&page).unwrap()
            } else {
                serde_json::to_string(&page).unwrap()
            };
            if let Some(((read, tracked), error)) = with_error(&body) {
                // A union's error may name what holds the union; an object sent as an array
                // with an element too many names that element, where tracking names the array.
                let explained = (holds(&read, &tracked) && body.contains("\"tags\""))
                    || (holds(&tracked, &read) && error.to_string().starts_with("trailing"));
                prop_assert!(read == tracked || explained, "{} / {}: {}", read, tracked, body);
            }
        }
    }
}
