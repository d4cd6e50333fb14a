//! Decoding where HubSpot's answers and its schemas disagree: a field the schema types as a
//! string that an answer carries as a number (`"createdById": 3739732`, `"listId": 13`).
//!
//! Generated models name these functions in `#[serde(deserialize_with = "…")]`. The number is
//! kept as the text JSON wrote it (an integer as its digits), so nothing is rewritten; any other
//! JSON type is still a decode error with its path.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A string, or a number kept as its text.
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Text, E> {
                if v.is_finite() {
                    Ok(Text(v.to_string()))
                } else {
                    Err(E::custom("a number that is not finite"))
                }
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// A string, or a number as its text.
///
/// # Errors
/// Any other JSON type.
pub fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Text::deserialize(deserializer).map(|t| t.0)
}

/// [`text`], absent or `null` as `None` (with `#[serde(default)]`).
///
/// # Errors
/// Any other JSON type.
pub fn opt_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Option::<Text>::deserialize(deserializer).map(|t| t.map(|t| t.0))
}

/// A list of [`text`]s.
///
/// # Errors
/// Not a list, or an item of another JSON type.
pub fn texts<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Vec::<Text>::deserialize(deserializer).map(unwrap_all)
}

/// [`texts`], absent or `null` as `None` (with `#[serde(default)]`).
///
/// # Errors
/// Not a list, or an item of another JSON type.
pub fn opt_texts<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<String>>, D::Error> {
    Option::<Vec<Text>>::deserialize(deserializer).map(|t| t.map(unwrap_all))
}

/// An object of [`Text`]s; a list of such objects, as HubSpot's legacy answers write `links`
/// (`[{"status": "https://…"}]`), is read as one object of all their entries.
struct TextMap(BTreeMap<String, String>);

impl<'de> Deserialize<'de> for TextMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextMapVisitor;
        impl<'de> Visitor<'de> for TextMapVisitor {
            type Value = TextMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of strings or numbers, or a list of them")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextMap, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<String, Text>()? {
                    out.insert(key, value.0);
                }
                Ok(TextMap(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextMap, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(part) = seq.next_element::<TextMap>()? {
                    out.extend(part.0);
                }
                Ok(TextMap(out))
            }
        }
        deserializer.deserialize_any(TextMapVisitor)
    }
}

/// A map whose values are [`text`]s (a list of maps read as one).
///
/// # Errors
/// Not an object or a list of objects, or a value of another JSON type.
pub fn text_map<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    TextMap::deserialize(deserializer).map(|m| m.0)
}

/// [`text_map`], absent or `null` as `None` (with `#[serde(default)]`).
///
/// # Errors
/// Not an object or a list of objects, or a value of another JSON type.
pub fn opt_text_map<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<BTreeMap<String, String>>, D::Error> {
    Option::<TextMap>::deserialize(deserializer).map(|m| m.map(|m| m.0))
}

/// An error body's `context`: names with lists of texts (`{"missingScopes": ["crm.x"]}`), as
/// HubSpot documents it, from whatever an answer holds. A single value is a list of one, a
/// number or other value its JSON text, and a context that is text as a whole
/// (`"{missingScopes=[scope1]}"`, as some of HubSpot's own samples have it) is kept under the
/// empty name. Never an error: an error body's context must not hide the error.
///
/// # Errors
/// Only the deserializer's own (malformed JSON).
pub fn context<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    fn texts(value: serde_json::Value) -> Vec<String> {
        match value {
            serde_json::Value::Null => Vec::new(),
            serde_json::Value::Array(items) => items.into_iter().flat_map(texts).collect(),
            serde_json::Value::String(text) => vec![text],
            other => vec![other.to_string()],
        }
    }
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Null => BTreeMap::new(),
        serde_json::Value::Object(map) => map.into_iter().map(|(k, v)| (k, texts(v))).collect(),
        other => BTreeMap::from([(String::new(), texts(other))]),
    })
}

fn unwrap_all(items: Vec<Text>) -> Vec<String> {
    items.into_iter().map(|t| t.0).collect()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Answer {
        #[serde(deserialize_with = "super::text")]
        id: String,
        #[serde(default, deserialize_with = "super::opt_text")]
        owner: Option<String>,
        #[serde(default, deserialize_with = "super::opt_texts")]
        ids: Option<Vec<String>>,
        #[serde(default, deserialize_with = "super::opt_text_map")]
        extra: Option<std::collections::BTreeMap<String, String>>,
    }

    #[test]
    fn a_list_of_maps_reads_as_one_map() {
        let answer: Answer = serde_json::from_str(
            r#"{"id": "1", "extra": [{"status": "https://a/status"}, {"cancel": 7}]}"#,
        )
        .unwrap();
        let extra = answer.extra.unwrap();
        assert_eq!(
            (extra["status"].as_str(), extra["cancel"].as_str()),
            ("https://a/status", "7")
        );
        let wrong = serde_json::from_str::<Answer>(r#"{"id": "1", "extra": [{"a": []}]}"#);
        assert!(wrong.is_err());
    }

    #[test]
    fn numbers_decode_as_their_text() {
        let answer: Answer = serde_json::from_str(
            r#"{"id": 3739732, "owner": 1.5, "ids": [1, "2", 18446744073709551615], "extra": {"a": -3}}"#,
        )
        .unwrap();
        assert_eq!(answer.id, "3739732");
        assert_eq!(answer.owner.as_deref(), Some("1.5"));
        assert_eq!(
            answer.ids.unwrap(),
            ["1", "2", "18446744073709551615"].map(String::from)
        );
        assert_eq!(answer.extra.unwrap()["a"], "-3");
    }

    #[test]
    fn absent_and_null_are_none_and_strings_stay_strings() {
        let answer: Answer = serde_json::from_str(r#"{"id": "007", "owner": null}"#).unwrap();
        assert_eq!(answer.id, "007");
        assert_eq!(answer.owner, None);
        assert_eq!(answer.ids, None);
    }

    #[test]
    fn other_types_are_still_refused_with_their_path() {
        let error = serde_path_to_error::deserialize::<_, Answer>(
            &mut serde_json::Deserializer::from_str(r#"{"id": "1", "ids": ["a", true]}"#),
        )
        .unwrap_err();
        assert_eq!(error.path().to_string(), "ids[1]");
        assert!(serde_json::from_str::<Answer>(r#"{"id": {"a": 1}}"#).is_err());
    }

    #[test]
    fn an_error_context_decodes_whatever_its_shape() {
        let body: crate::ApiErrorBody = serde_json::from_str(
            r#"{"message": "m", "context": {"missingScopes": ["a", "b"], "limit": 5, "none": null},
                "errors": [{"message": "d", "context": "{missingScopes=[scope1, scope2]}"}]}"#,
        )
        .unwrap();
        assert_eq!(body.context["missingScopes"], ["a", "b"]);
        assert_eq!(body.context["limit"], ["5"]);
        assert!(body.context["none"].is_empty());
        assert_eq!(
            body.errors[0].context[""],
            ["{missingScopes=[scope1, scope2]}"]
        );
    }
}
