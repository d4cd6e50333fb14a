//! Turning a response into `T`, or into a typed error. Everything read here is the server's
//! text: the token is scrubbed out of what is kept, and every piece is bounded.

use std::time::SystemTime;

use serde::de::DeserializeOwned;

use crate::error::{ApiError, ApiErrorBody, DecodeError, Error, RateLimitPolicy};
use crate::http::HttpResponse;
use crate::json_path::path_of;
use crate::retry::parse_retry_after;
use crate::text::{Redactor, SHOWN_CHARS, truncate};

/// How much of a non-JSON error body (a proxy's HTML page) is kept for the error message.
const RAW_BODY_LIMIT: usize = 512;

/// How much of a header value (a correlation id) is kept: real ones are 36 characters.
const HEADER_TEXT_LIMIT: usize = 128;

/// Decodes a success body. An empty body reads as JSON `null`, so `()` (204, empty 200) decodes
/// while a struct reports a decode error rather than a silent default; text after the value is
/// refused, as `serde_json::from_slice` refuses it. `failed` gives what a
/// decode error needs (what scrubs the server's text, and the content type), only if one is
/// made.
pub(crate) fn decode<'a, T: DeserializeOwned>(
    status: u16,
    body: &[u8],
    failed: impl FnOnce() -> (Redactor, Option<&'a str>),
) -> Result<T, Error> {
    let body = if body.iter().all(u8::is_ascii_whitespace) {
        b"null".as_slice()
    } else {
        body
    };
    // One plain decoder: the path of a failure is read back from where it stopped
    // (`json_path`), as a decoder that tracked it, or a second decoding, would compile every
    // model's decoding again in every crate that calls this.
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let error = match T::deserialize(&mut deserializer) {
        // What follows the value must be whitespace, as `serde_json::from_slice` requires.
        Ok(value) => match deserializer.end() {
            Ok(()) => return Ok(value),
            Err(error) => (".".to_owned(), error),
        },
        Err(error) => (path_of(body, &error), error),
    };
    let (redactor, content_type) = failed();
    Err(decode_error(status, error, &redactor, content_type))
}

/// The error of a body that did not decode, at `path`: the server's text in it bounded and
/// scrubbed.
fn decode_error(
    status: u16,
    (path, error): (String, serde_json::Error),
    redactor: &Redactor,
    content_type: Option<&str>,
) -> Error {
    // Serde quotes the values and keys it rejects: both are the server's text.
    let path = bounded(redactor, &path, SHOWN_CHARS);
    let message = bounded(redactor, &error.to_string(), 2 * SHOWN_CHARS);
    Error::Decode {
        status,
        path,
        source: DecodeError::new(
            message,
            error.line(),
            error.column(),
            content_type.map(|kind| bounded(redactor, kind, 64)),
        ),
    }
}

/// Turns a non-2xx response into an [`Error`], reading whatever of HubSpot's error body is there.
/// `url` is the request's, against which a relative redirect is resolved.
pub(crate) fn error_from_response(
    response: &HttpResponse,
    url: &str,
    now: SystemTime,
    redactor: &Redactor,
) -> Error {
    if (300..400).contains(&response.status) {
        return Error::Redirected {
            status: response.status,
            location_host: response
                .header("location")
                .and_then(|location| redirect_host(url, location))
                .map(|host| bounded(redactor, &host, HEADER_TEXT_LIMIT)),
        };
    }
    let text = redactor
        .scrub(&String::from_utf8_lossy(&response.body))
        .into_owned();
    let (body, raw_body) = match serde_json::from_slice::<serde_json::Value>(&response.body) {
        Ok(mut json) => {
            redactor.scrub_json(&mut json);
            match serde_json::from_value::<ApiErrorBody>(json) {
                Ok(body) => (body, None),
                Err(_) => (ApiErrorBody::default(), raw_text(&text)),
            }
        }
        Err(_) => (ApiErrorBody::default(), raw_text(&text)),
    };
    let mut error = ApiError::new(response.status, body, text);
    error.raw_body = raw_body;
    error.retry_after = response
        .header("retry-after")
        .and_then(|value| parse_retry_after(value, now));
    error.correlation_header = response
        .header("x-hubspot-correlation-id")
        .map(|id| bounded(redactor, id, HEADER_TEXT_LIMIT));
    let error = Box::new(error);
    if error.status == 429 {
        Error::RateLimited {
            policy: RateLimitPolicy::from_body(&error.body),
            retry_after: error.retry_after,
            error,
        }
    } else if error.status == 400 && error.body.category.as_deref() == Some("VALIDATION_ERROR") {
        Error::Validation(error)
    } else {
        Error::Api(error)
    }
}

fn bounded(redactor: &Redactor, text: &str, max: usize) -> String {
    truncate(&redactor.scrub(text), max).into_owned()
}

/// The host a `Location` header points at, relative to the request's URL.
fn redirect_host(url: &str, location: &str) -> Option<String> {
    let target = reqwest::Url::parse(url).ok()?.join(location).ok()?;
    let host = target.host_str()?;
    Some(match target.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    })
}

fn raw_text(text: &str) -> Option<String> {
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
    use crate::WriteOutcome;
    use secrecy::SecretString;
    use serde::Deserialize;
    use std::time::Duration;

    const URL: &str = "https://api.hubapi.com/crm/v3/objects/deals";

    #[derive(Debug, Deserialize, PartialEq)]
    struct Deal {
        id: String,
    }

    #[test]
    fn empty_bodies_decode_to_unit() {
        decode::<()>(204, b"", || (Redactor::default(), None)).unwrap();
        decode::<()>(200, b"  \n", || (Redactor::default(), None)).unwrap();
    }

    #[test]
    fn empty_body_for_a_struct_is_a_decode_error() {
        let error = decode::<Deal>(200, b"", || (Redactor::default(), None)).unwrap_err();
        assert!(
            matches!(error, Error::Decode { status: 200, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn malformed_json_names_the_path() {
        let error = decode::<Vec<Deal>>(200, br#"[{"id":"1"},{"id":2}]"#, || {
            (Redactor::default(), None)
        })
        .unwrap_err();
        let Error::Decode { path, .. } = error else {
            panic!("{error:?}")
        };
        assert_eq!(path, "[1].id");
        assert!(decode::<Deal>(200, b"{not json", || (Redactor::default(), None)).is_err());
    }

    #[test]
    fn a_number_reads_as_the_closest_float_as_sent() {
        // serde_json's fast parser reads these one unit off; the answer must keep what was sent.
        for text in [
            "-923012440.4136945",
            "983727930.1783223",
            "925896314.8631127",
        ] {
            let read = decode::<f64>(200, text.as_bytes(), || (Redactor::default(), None));
            assert_eq!(read.unwrap(), text.parse::<f64>().unwrap(), "{text}");
        }
    }

    #[test]
    fn text_after_the_value_is_refused_and_whitespace_is_not() {
        let deal = decode::<Deal>(200, b" {\"id\":\"1\"} \n", || (Redactor::default(), None));
        assert_eq!(deal.unwrap(), Deal { id: "1".into() });
        let error = decode::<Deal>(200, br#"{"id":"1"}{"id":"2"}"#, || {
            (Redactor::default(), None)
        })
        .unwrap_err();
        let Error::Decode { path, source, .. } = error else {
            panic!("{error:?}")
        };
        assert_eq!(path, ".");
        assert!(
            source.to_string().contains("trailing characters"),
            "{source}"
        );
    }

    #[test]
    fn reads_hubspot_error_bodies() {
        let body = br#"{"status":"error","message":"Contact already exists. Existing ID: 37765128953","correlationId":"c-1","category":"CONFLICT","context":{"id":["1"]}}"#;
        let error = error_from_response(
            &HttpResponse::new(409, body.as_slice()),
            URL,
            SystemTime::now(),
            &Redactor::default(),
        );
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
        let error = error_from_response(&response, URL, SystemTime::now(), &Redactor::default());
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
        let error = error_from_response(&response, URL, SystemTime::now(), &Redactor::default());
        let api = error.api_error().unwrap();
        assert!(
            api.raw_body
                .as_deref()
                .unwrap()
                .starts_with("<html><body>502 Bad Gateway")
        );
        assert_eq!(api.raw_body.as_deref().unwrap().len(), RAW_BODY_LIMIT);
        assert_eq!(error.correlation_id(), Some("h-1"));
        assert!(error.write_outcome() == WriteOutcome::Unknown);
        assert!(
            !error.is_retryable(),
            "unknown outcome, request not known idempotent"
        );
        assert!(error.for_request(true).is_retryable());
    }

    #[test]
    fn the_token_is_scrubbed_from_everything_kept() {
        let token = "pat-na1-0123456789";
        let redactor = Redactor::new([&SecretString::from(token)]);
        let json = format!(
            r#"{{"message":"bad token {token}","category":"{token}","correlationId":"{token}","errors":[{{"message":"{token}","context":{{"{token}":["{token}"]}}}}],"subCategory":{{"x":"{token}"}}}}"#
        );
        let html = format!("<html>Authorization: Bearer {token}</html>");
        for body in [json, html] {
            let response = HttpResponse::new(401, body)
                .with_header("x-hubspot-correlation-id", &format!("c-{token}"));
            let error = error_from_response(&response, URL, SystemTime::now(), &redactor);
            let api = error.api_error().unwrap();
            for text in [
                error.to_string(),
                format!("{error:?}"),
                format!("{:?}", api.body),
                api.body_text().to_owned(),
                api.raw_body.clone().unwrap_or_default(),
                api.correlation_header.clone().unwrap_or_default(),
            ] {
                assert!(!text.contains(token), "token leaked: {text}");
            }
            assert!(api.body_text().contains("[REDACTED]"));
        }
        #[derive(Debug, Deserialize)]
        struct Typed {
            #[allow(dead_code)]
            amount: u32,
        }
        let body = format!(r#"{{"amount":"{token}"}}"#);
        let error = decode::<Typed>(200, body.as_bytes(), || (redactor.clone(), None)).unwrap_err();
        let chain = format!(
            "{error} {:?} {}",
            error,
            std::error::Error::source(&error).unwrap()
        );
        assert!(!chain.contains(token), "{chain}");
    }

    #[test]
    fn server_text_is_bounded_in_display_and_debug() {
        let huge = "c".repeat(64 * 1024);
        let body = format!(r#"{{"message":"{huge}","correlationId":"{huge}"}}"#);
        let response = HttpResponse::new(400, body).with_header("x-hubspot-correlation-id", &huge);
        let error = error_from_response(&response, URL, SystemTime::now(), &Redactor::default());
        assert!(
            error.to_string().len() < 1024,
            "{}",
            error.to_string().len()
        );
        assert!(format!("{error:?}").len() < 2048);
        // The whole body stays reachable.
        assert!(error.api_error().unwrap().body_text().len() > 128 * 1024);
        assert_eq!(
            error
                .api_error()
                .unwrap()
                .correlation_header
                .as_ref()
                .unwrap()
                .chars()
                .count(),
            HEADER_TEXT_LIMIT + 1
        );
    }

    #[test]
    fn redirects_name_the_target_host() {
        let cases = [
            ("https://evil.example/steal", Some("evil.example")),
            ("http://127.0.0.1:9999/x", Some("127.0.0.1:9999")),
            ("/elsewhere", Some("api.hubapi.com")),
        ];
        for (location, host) in cases {
            let response = HttpResponse::new(307, "").with_header("location", location);
            let error =
                error_from_response(&response, URL, SystemTime::now(), &Redactor::default());
            let Error::Redirected {
                status: 307,
                location_host,
            } = &error
            else {
                panic!("{error:?}")
            };
            assert_eq!(location_host.as_deref(), host);
            assert!(!error.is_retryable() && error.write_outcome() == WriteOutcome::Unknown);
        }
    }

    #[test]
    fn an_html_success_names_its_content_type() {
        let error = decode::<Deal>(200, b"<html>maintenance</html>", || {
            (Redactor::default(), Some("text/html; charset=utf-8"))
        })
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("(a text/html; charset=utf-8 body, not JSON)"),
            "{error}"
        );
        let json = decode::<Deal>(200, b"{}", || {
            (Redactor::default(), Some("application/json"))
        })
        .unwrap_err();
        assert!(!json.to_string().contains("not JSON"), "{json}");
    }

    #[test]
    fn a_401_hints_at_the_token() {
        let body = br#"{"status":"error","message":"Authentication credentials not found.","category":"INVALID_AUTHENTICATION"}"#;
        let error = error_from_response(
            &HttpResponse::new(401, body.as_slice()),
            URL,
            SystemTime::now(),
            &Redactor::default(),
        );
        assert!(
            error.to_string().contains("check the access token"),
            "{error}"
        );
    }
}
