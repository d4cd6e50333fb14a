//! Whatever a webhook sender puts in a request: verifying refuses it with a typed error unless
//! it is signed with the secret, and parsing its events never panics.

use std::time::{Duration, SystemTime};

use hubspot_crm::SecretString;
use hubspot_crm::webhooks::{self, Accepted};

use crate::fake::{assert_hidden, pieces};

const SECRET: &str = "fuzz-client-secret-0000";

/// Fuzz target: method, URI, signature headers and body of one webhook request.
pub fn webhook_request(data: &[u8]) {
    let parts = pieces(data, 5);
    let text = |i: usize| String::from_utf8_lossy(parts.get(i).copied().unwrap_or_default());
    let (method, uri, timestamp, signature) = (text(0), text(1), text(2), text(3));
    let body = parts.get(4).copied().unwrap_or_default();
    let secret = SecretString::from(SECRET);
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let header = |name: &str| match name.to_ascii_lowercase().as_str() {
        "x-hubspot-request-timestamp" => Some(&*timestamp),
        "x-hubspot-signature-v3" | "x-hubspot-signature" => Some(&*signature),
        "x-hubspot-signature-version" => Some("v2"),
        _ => None,
    };
    for accepted in [Accepted::V3Only, Accepted::V3AndLegacy] {
        if let Err(error) =
            webhooks::verify_accepting(accepted, &secret, &method, &uri, body, header, now)
        {
            assert_hidden(&error.to_string(), &[SECRET]);
            assert_hidden(&format!("{error:?}"), &[SECRET]);
        }
    }
    let _ = webhooks::verify_v1(&secret, body, &signature);
    let _ = webhooks::verify_v2(&secret, &method, &uri, body, &signature);
    let _ = webhooks::verify_v3(&secret, &method, &uri, body, &timestamp, &signature, now);
    if let Err(error) = webhooks::parse_events(body) {
        let _ = error.to_string();
    }
}
