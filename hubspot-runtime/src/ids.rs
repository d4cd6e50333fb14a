//! Identifiers a client makes for HubSpot's send-once keys (a transactional e-mail's `sendId`,
//! an event occurrence's `uuid`): random for one run, or derived from the caller's own key so
//! that a rerun after a crash sends the same one.

use sha2::{Digest, Sha256};

use crate::error::Error;

/// A random UUID (version 4), from the operating system's CSPRNG.
///
/// # Errors
/// [`Error::Config`] when the operating system gives no random bytes.
pub fn random_uuid() -> Result<String, Error> {
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::Config(format!("no random bytes for an id: {e}")))?;
    Ok(format_uuid(bytes, 4))
}

/// The UUID (version 8, from SHA-256) of `key` within `namespace`: the same for the same
/// inputs in every run and process, different for any other. Derive send-once keys from your
/// own record's key (`stable_uuid("event-followup", "attendee-42")`), and a rerun after a crash
/// sends what HubSpot already took with the same id, which it then ignores.
///
/// ```
/// # use hubspot_runtime as hubspot_crm;
/// use hubspot_crm::ids::stable_uuid;
///
/// let id = stable_uuid("webinar-2026", "jane@example.com");
/// assert_eq!(id, stable_uuid("webinar-2026", "jane@example.com"));
/// assert_ne!(id, stable_uuid("webinar-2027", "jane@example.com"));
/// assert_eq!(id.len(), 36);
/// ```
pub fn stable_uuid(namespace: &str, key: &str) -> String {
    let mut hash = Sha256::new();
    // Lengths first: ("ab", "c") and ("a", "bc") must not meet.
    hash.update((namespace.len() as u64).to_be_bytes());
    hash.update(namespace.as_bytes());
    hash.update(key.as_bytes());
    let digest = hash.finalize();
    let mut bytes = [0_u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    format_uuid(bytes, 8)
}

/// RFC 9562's text form, with its version and variant bits set.
fn format_uuid(mut bytes: [u8; 16], version: u8) -> String {
    bytes[6] = (bytes[6] & 0x0f) | (version << 4);
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_carry_their_version_and_variant() {
        let Ok(random) = random_uuid() else {
            panic!("no random bytes");
        };
        for (id, version) in [(random, '4'), (stable_uuid("n", "k"), '8')] {
            assert_eq!(id.len(), 36, "{id}");
            assert_eq!(id.chars().nth(14), Some(version), "{id}");
            assert!(
                matches!(id.chars().nth(19), Some('8' | '9' | 'a' | 'b')),
                "{id}"
            );
        }
        assert_ne!(stable_uuid("ab", "c"), stable_uuid("a", "bc"));
    }
}
