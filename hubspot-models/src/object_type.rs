//! [`ObjectType`]: every standard CRM object type, and custom objects chosen at run time.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! object_type_enum {
    ($($base:literal $versions:literal {
        $($module:ident $variant:ident $record:ident $id:ident $segment:literal $type_id:literal $noun:literal [$($group:ident)*];)*
    })*) => {
        /// A CRM object type, as it appears in paths. Parse one from its name, its type id or
        /// (for custom objects) its fully qualified name:
        ///
        /// ```
        /// use hubspot_models::ObjectType;
        ///
        /// assert_eq!("0-3".parse::<ObjectType>()?, ObjectType::Deals);
        /// assert_eq!("line_items".parse::<ObjectType>()?.type_id(), Some("0-8"));
        /// assert_eq!("2-12345".parse::<ObjectType>()?, ObjectType::custom("2-12345"));
        /// assert!("contcts".parse::<ObjectType>().is_err());
        /// # Ok::<(), hubspot_models::UnknownObjectType>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ObjectType {
            $($(
                #[doc = concat!("`", $segment, "` (type id `", $type_id, "`), under `", $base, "`")]
                $variant,
            )*)*
            /// A custom object (or a type this crate does not name yet), by type id such as
            /// `2-12345` or by fully qualified name such as `p1234_cars`.
            Custom(String),
        }

        impl ObjectType {
            /// Every standard type, in the object table's order.
            pub const STANDARD: &'static [ObjectType] = &[$($(Self::$variant,)*)*];

            /// The name used in paths (a type id for types HubSpot names only by id).
            pub fn as_str(&self) -> &str {
                match self {
                    $($(Self::$variant => $segment,)*)*
                    Self::Custom(name) => name,
                }
            }

            /// The object type id, such as `0-3`; for a custom object named by its fully
            /// qualified name, `None`.
            pub fn type_id(&self) -> Option<&str> {
                match self {
                    $($(Self::$variant => Some($type_id),)*)*
                    Self::Custom(name) => is_custom_type_id(name).then_some(name.as_str()),
                }
            }

            /// What one record is called, such as `line item`; a custom type's name.
            pub fn noun(&self) -> &str {
                match self {
                    $($(Self::$variant => $noun,)*)*
                    Self::Custom(name) => name,
                }
            }

            fn standard(text: &str) -> Option<Self> {
                $($(
                    if text == $segment || text == $type_id || text == stringify!($module) {
                        return Some(Self::$variant);
                    }
                )*)*
                None
            }
        }
    };
}

for_each_object_type!(object_type_enum);

impl ObjectType {
    /// A custom object type, by type id (`2-12345`) or fully qualified name (`p1234_cars`).
    pub fn custom(name: impl Into<String>) -> Self {
        Self::Custom(name.into())
    }

    /// Whether this is a custom object type.
    pub fn is_custom(&self) -> bool {
        matches!(self, Self::Custom(_))
    }
}

/// `2-` then digits.
fn is_custom_type_id(name: &str) -> bool {
    name.strip_prefix("2-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `p`, the portal id, `_`, then the schema name.
fn is_fully_qualified_name(name: &str) -> bool {
    name.strip_prefix('p')
        .and_then(|rest| rest.split_once('_'))
        .is_some_and(|(portal, schema)| {
            !portal.is_empty()
                && portal.bytes().all(|b| b.is_ascii_digit())
                && !schema.is_empty()
                && schema
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
}

/// A name that is neither a standard object type nor a custom object's id or qualified name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown object type {0:?}: expected a name such as `deals`, a type id such as `0-3` or `2-12345`, or a custom object's fully qualified name such as `p1234_cars`"
)]
pub struct UnknownObjectType(String);

impl FromStr for ObjectType {
    type Err = UnknownObjectType;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Some(standard) = Self::standard(text) {
            Ok(standard)
        } else if is_custom_type_id(text) || is_fully_qualified_name(text) {
            Ok(Self::Custom(text.to_owned()))
        } else {
            // A name is short; anything longer is kept cut so the error stays readable.
            Err(UnknownObjectType(text.chars().take(64).collect()))
        }
    }
}

impl fmt::Display for ObjectType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ObjectType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Lenient where parsing is strict: a type HubSpot adds later arrives as `Custom`, not an error.
impl<'de> Deserialize<'de> for ObjectType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::standard(&text).unwrap_or(Self::Custom(text)))
    }
}
