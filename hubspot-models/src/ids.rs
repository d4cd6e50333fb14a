//! ID newtypes: a deal id cannot be passed where a contact id is expected.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::ObjectType;

/// An id that names one CRM record of a known type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a typed record id",
    label = "expected a typed id such as `DealId`",
    note = "make one with `DealId::from(\"123\")`, `\"123\".into()` or `\"123\".parse()`"
)]
pub trait CrmId: fmt::Display + AsRef<str> {
    /// The type of record it names.
    const OBJECT_TYPE: ObjectType;
}

/// HubSpot sends ids as strings, but some endpoints (associations v4) send numbers. Read
/// straight from the input: every record carries an id, so no copy is buffered on the way.
#[doc(hidden)]
pub fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct Id;

    impl Visitor<'_> for Id {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id, as text or a whole number")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
            Ok(text.to_owned())
        }

        fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
            Ok(text)
        }

        fn visit_u64<E: de::Error>(self, number: u64) -> Result<String, E> {
            Ok(number.to_string())
        }
    }

    deserializer.deserialize_any(Id)
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident $(=> $object:ident)?;)*) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(#[serde(deserialize_with = "string_or_number")] String);

        impl $name {
            /// Wraps an id.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }

        /// Any text is a well-formed id; whether a record has it is for HubSpot to say.
        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(id: &str) -> Result<Self, Self::Err> {
                Ok(Self(id.to_owned()))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        $(
            impl CrmId for $name {
                const OBJECT_TYPE: ObjectType = ObjectType::$object;
            }
        )?
    )*};
}

macro_rules! record_ids {
    ($($base:literal $versions:literal {
        $($module:ident $variant:ident $record:ident $id:ident $segment:literal $type_id:literal $noun:literal [$($group:ident)*];)*
    })*) => {
        ids! {$($(
            #[doc = concat!("A ", $noun, "'s record id.")]
            $id => $variant;
        )*)*}
    };
}

for_each_object_type!(record_ids);

ids! {
    /// A CRM owner's id.
    OwnerId;
    /// A pipeline's id, such as `default`.
    PipelineId;
    /// A pipeline stage's id, such as `closedwon`: the value of a deal's `dealstage`.
    StageId;
    /// An object type as its type id (`0-3` for deals), where a path asks for the id:
    /// `&ObjectType::Deals.into()`.
    ObjectTypeId;
}

/// A custom type without a known id goes by its name, which HubSpot takes in its place.
impl From<&ObjectType> for ObjectTypeId {
    fn from(object_type: &ObjectType) -> Self {
        Self::new(object_type.type_id().unwrap_or(object_type.as_str()))
    }
}

impl From<ObjectType> for ObjectTypeId {
    fn from(object_type: ObjectType) -> Self {
        Self::from(&object_type)
    }
}
