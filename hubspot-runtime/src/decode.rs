//! Turning a response body into `T`, or into a typed error.

use std::time::SystemTime;

use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiErrorBody, Error, RateLimitPolicy};
use crate::retry::parse_retry_after;
use crate::transport::HttpResponse;

/// How much of a non-JSON error body (a proxy's HTML page) is kept for the error message.
const RAW_BODY_LIMIT: usize = 512;

/// Decodes a success body. An empty body reads as JSON `null`, so `()` (204, empty 200) decodes
/// while a struct reports a decode error rather than a silent default.
pub(crate) fn decode<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, Error> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"null".as_slice()
    } else {
        body
    };
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| Error::Decode {
        status,
        path: error.path().to_string(),
        source: error.into_inner(),
    })
}

/// Turns a non-2xx response into an [`Error`], reading whatever of HubSpot's error body is there.
pub(crate) fn error_from_response(response: &HttpResponse, now: SystemTime) -> Error {
    let (body, raw_body) = match serde_json::from_slice::<ApiErrorBody>(&response.body) {
        Ok(body) => (body, None),
        Err(_) => (ApiErrorBody::default(), raw_text(&response.body)),
    };
    let error = Box::new(ApiError {
        status: response.status,
        body,
        raw_body,
        retry_after: response
            .header("retry-after")
            .and_then(|value| parse_retry_after(value, now)),
        correlation_header: response
            .header("x-hubspot-correlation-id")
            .map(str::to_owned),
    });
    if error.status == 429 {
        Error::RateLimited {
            policy: RateLimitPolicy::from_body(&error.body),
            retry_after: error.retry_after,
            error,
        }
    } else {
        Error::Api(error)
    }
}

fn raw_text(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut end = text.len().min(RAW_BODY_LIMIT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Some(text[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::time::Duration;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Deal {
        id: String,
    }

    #[test]
    fn empty_bodies_decode_to_unit() {
        decode::<()>(204, b"").unwrap();
        decode::<()>(200, b"  \n").unwrap();
    }

    #[test]
    fn empty_body_for_a_struct_is_a_decode_error() {
        let error = decode::<Deal>(200, b"").unwrap_err();
        assert!(
            matches!(error, Error::Decode { status: 200, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn malformed_json_names_the_path() {
        let error = decode::<Vec<Deal>>(200, br#"[{"id":"1"},{"id":2}]"#).unwrap_err();
        let Error::Decode { path, .. } = error else {
            panic!("{error:?}")
        };
        assert_eq!(path, "[1].id");
        assert!(decode::<Deal>(200, b"{not json").is_err());
    }

    #[test]
    fn reads_hubspot_error_bodies() {
        let body = br#"{"status":"error","message":"Contact already exists. Existing ID: 37765128953","correlationId":"c-1","category":"CONFLICT","context":{"id":["1"]}}"#;
        let error =
            error_from_response(&HttpResponse::new(409, body.as_slice()), SystemTime::now());
        let api = error.api_error().unwrap();
        assert_eq!(api.existing_object_id(), Some("37765128953"));
        assert_eq!(error.correlation_id(), Some("c-1"));
        assert_eq!(error.status(), Some(409));
        assert!(!error.is_retryable());
    }

    #[test]
    fn reads_429_policy_and_retry_after() {
        let body = br#"{"status":"error","message":"You have reached your daily limit.","errorType":"RATE_LIMIT","correlationId":"c","policyName":"DAILY"}"#;
        let response = HttpResponse::new(429, body.as_slice()).with_header("retry-after", "3");
        let error = error_from_response(&response, SystemTime::now());
        let Error::RateLimited {
            policy,
            retry_after,
            ..
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!(*policy, RateLimitPolicy::Daily);
        assert_eq!(*retry_after, Some(Duration::from_secs(3)));
        assert!(!error.is_retryable());
    }

    #[test]
    fn a_proxy_html_page_is_kept_as_text() {
        let html = format!(
            "<html><body>502 Bad Gateway{}</body></html>",
            "x".repeat(2000)
        );
        let response = HttpResponse::new(502, html).with_header("x-hubspot-correlation-id", "h-1");
        let error = error_from_response(&response, SystemTime::now());
        let api = error.api_error().unwrap();
        assert!(
            api.raw_body
                .as_deref()
                .unwrap()
                .starts_with("<html><body>502 Bad Gateway")
        );
        assert_eq!(api.raw_body.as_deref().unwrap().len(), RAW_BODY_LIMIT);
        assert_eq!(error.correlation_id(), Some("h-1"));
        assert!(error.is_retryable());
    }
}
