//! The association types an account knows: HubSpot's defaults and the ones defined in it.

use crate::object_type::ObjectType;

/// HubSpot-defined default association types: (from type id, to type id, type id), each
/// with its inverse in the next row.
const DEFAULT_TYPES: &[(&str, &str, i64)] = &[
    ("0-1", "0-2", 279),
    ("0-2", "0-1", 280),
    ("0-1", "0-3", 4),
    ("0-3", "0-1", 3),
    ("0-3", "0-2", 341),
    ("0-2", "0-3", 342),
    ("0-1", "0-5", 15),
    ("0-5", "0-1", 16),
    ("0-3", "0-5", 27),
    ("0-5", "0-3", 28),
    ("0-2", "0-5", 25),
    ("0-5", "0-2", 26),
    ("0-3", "0-8", 19),
    ("0-8", "0-3", 20),
    // Engagements: to a contact, company, deal or ticket is `n`, the way back `n - 1`.
    ("0-46", "0-1", 202),
    ("0-1", "0-46", 201),
    ("0-46", "0-2", 190),
    ("0-2", "0-46", 189),
    ("0-46", "0-3", 214),
    ("0-3", "0-46", 213),
    ("0-46", "0-5", 228),
    ("0-5", "0-46", 227),
    ("0-48", "0-1", 194),
    ("0-1", "0-48", 193),
    ("0-48", "0-2", 182),
    ("0-2", "0-48", 181),
    ("0-48", "0-3", 206),
    ("0-3", "0-48", 205),
    ("0-48", "0-5", 220),
    ("0-5", "0-48", 219),
    ("0-49", "0-1", 198),
    ("0-1", "0-49", 197),
    ("0-49", "0-2", 186),
    ("0-2", "0-49", 185),
    ("0-49", "0-3", 210),
    ("0-3", "0-49", 209),
    ("0-49", "0-5", 224),
    ("0-5", "0-49", 223),
    ("0-47", "0-1", 200),
    ("0-1", "0-47", 199),
    ("0-47", "0-2", 188),
    ("0-2", "0-47", 187),
    ("0-47", "0-3", 212),
    ("0-3", "0-47", 211),
    ("0-47", "0-5", 226),
    ("0-5", "0-47", 225),
    ("0-27", "0-1", 204),
    ("0-1", "0-27", 203),
    ("0-27", "0-2", 192),
    ("0-2", "0-27", 191),
    ("0-27", "0-3", 216),
    ("0-3", "0-27", 215),
    ("0-27", "0-5", 230),
    ("0-5", "0-27", 229),
];

/// Primary-company types, which have no row of their own in [`DEFAULT_TYPES`]: (type, inverse).
const PRIMARY_TYPES: [(i64, i64); 2] = [(1, 2), (5, 6)];

/// The HubSpot-defined default association type id from one type to another (0 when none).
pub(crate) fn default_type_id(from: ObjectType, to: ObjectType) -> i64 {
    DEFAULT_TYPES
        .iter()
        .find(|(f, t, _)| *f == from.type_id() && *t == to.type_id())
        .map_or(0, |&(_, _, id)| id)
}

/// The types a HubSpot-defined association type id goes between, if it is one.
pub(crate) fn default_type_between(type_id: i64) -> Option<(&'static str, &'static str)> {
    DEFAULT_TYPES
        .iter()
        .find(|(.., id)| *id == type_id)
        .map(|&(from, to, _)| (from, to))
}

/// The type id of the other direction: the next or previous row of [`DEFAULT_TYPES`], or the
/// label's pair.
pub(crate) fn inverse_type_id(type_id: i64) -> i64 {
    if let Some(i) = DEFAULT_TYPES.iter().position(|(.., id)| *id == type_id) {
        let pair = if i % 2 == 0 { i + 1 } else { i - 1 };
        return DEFAULT_TYPES[pair].2;
    }
    PRIMARY_TYPES
        .iter()
        .find_map(|&(a, b)| {
            if a == type_id {
                Some(b)
            } else if b == type_id {
                Some(a)
            } else {
                None
            }
        })
        .unwrap_or(type_id)
}

/// An association type defined in the account: a label, or a custom object schema's
/// association. Each direction is its own definition, paired by `inverse`.
#[derive(Debug, Clone)]
pub(crate) struct Definition {
    pub(crate) from: ObjectType,
    pub(crate) to: ObjectType,
    pub(crate) type_id: i64,
    pub(crate) inverse: i64,
    /// Empty for a schema's unlabelled association.
    pub(crate) label: String,
    pub(crate) name: String,
}
