//! ID newtypes: a deal id cannot be passed where a contact id is expected.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::models::ObjectType;

/// An id that names one CRM record of a known type.
pub trait CrmId: fmt::Display {
    /// The type of record it names.
    const OBJECT_TYPE: ObjectType;
    /// The id as text.
    fn as_str(&self) -> &str;
}

/// HubSpot sends ids as strings, but some endpoints (associations v4) send numbers.
pub(crate) fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Text(String),
        Number(u64),
    }
    Ok(match Id::deserialize(deserializer)? {
        Id::Text(text) => text,
        Id::Number(number) => number.to_string(),
    })
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident $(=> $object:ident)?;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        $(
            impl CrmId for $name {
                const OBJECT_TYPE: ObjectType = ObjectType::$object;
                fn as_str(&self) -> &str {
                    &self.0
                }
            }
        )?
    )*};
}

ids! {
    /// A contact's record id.
    ContactId => Contacts;
    /// A company's record id.
    CompanyId => Companies;
    /// A deal's record id.
    DealId => Deals;
    /// A ticket's record id.
    TicketId => Tickets;
    /// A CRM owner's id.
    OwnerId;
    /// A pipeline's id, such as `default`.
    PipelineId;
    /// A pipeline stage's id, such as `closedwon`: the value of a deal's `dealstage`.
    StageId;
}
