//! The recording server the generated request-shape tests send to: it answers each call with
//! the body it is given and keeps what arrived, which `check` compares with what the endpoint
//! declares.

use std::future::Future;
use std::pin::Pin;

use hubspot_crm::{ApiVersion, Client, Error, Request};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The body a call must send.
pub(crate) enum Expected {
    /// No body.
    None,
    /// A body only serializing can describe (one of the crate's own input models): any.
    Any,
    /// This JSON document, as text: parsing it when the test runs is cheaper to build than a
    /// `json!` of every sample.
    Json(&'static str),
    /// This `application/x-www-form-urlencoded` text.
    Form(&'static str),
    /// This `text/plain` text.
    Text(&'static str),
    /// A multipart body with this text part (name, value).
    Part(&'static str, &'static str),
}

/// What one endpoint must send and answer.
struct Shape<'a> {
    method: &'a str,
    path: &'a str,
    versions: &'a [&'a str],
    query: &'a str,
    body: Expected,
    response: Option<&'static str>,
}

/// A server on 127.0.0.1 and a client for it.
pub(crate) struct Recorder {
    server: MockServer,
    client: Client,
}

impl Recorder {
    pub(crate) async fn start() -> Self {
        let server = MockServer::start().await;
        let client = Client::builder()
            .access_token("pat-na1-generated-tests")
            .developer_api_key("dev-key-generated-tests")
            .base_url(server.uri())
            .rate_limiter(false)
            .build()
            .unwrap();
        Self { server, client }
    }

    /// Sends `make()`'s request, answered with `response` (or 204), and checks that it went out
    /// as `method path?query` with `body`, that its path follows every version in `versions`,
    /// and that the answer decodes. Only building and decoding depend on the endpoint's types;
    /// the rest is [`Recorder::verify`], compiled once for every endpoint.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn check<T: hubspot_crm::runtime::FromResponse>(
        &self,
        make: impl Fn() -> Request<T>,
        method: &str,
        path: &str,
        versions: &[&str],
        query: &str,
        body: Expected,
        response: Option<&'static str>,
    ) {
        let request = make();
        let declared = (request.path().to_owned(), request.available_versions());
        let moved: Vec<String> = versions
            .iter()
            .skip(1)
            .map(|v| {
                make()
                    .api_version(&ApiVersion::parse(v).unwrap())
                    .path()
                    .to_owned()
            })
            .collect();
        // An operation only a later version has is sent in the first version it lists.
        let request = match versions.first() {
            Some(first) if *first != "2026-03" => {
                request.api_version(&ApiVersion::parse(first).unwrap())
            }
            _ => request,
        };
        let client = self.client.clone();
        let send: Pin<Box<dyn Future<Output = Result<(), Error>> + Send>> =
            Box::pin(async move { request.send(&client).await.map(drop) });
        let shape = Shape {
            method,
            path,
            versions,
            query,
            body,
            response,
        };
        self.verify(shape, declared, moved, send).await;
    }

    async fn verify(
        &self,
        shape: Shape<'_>,
        declared: (String, &[&str]),
        moved: Vec<String>,
        send: Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>,
    ) {
        let Shape {
            method,
            path,
            versions,
            query,
            body,
            response,
        } = shape;
        assert_eq!(declared.0, path, "{method} {path}: the declared path");
        assert_eq!(declared.1, versions, "{method} {path}");
        for (version, moved) in versions.iter().skip(1).zip(moved) {
            let dated = path.replacen(&format!("/{}", versions[0]), &format!("/{version}"), 1);
            assert_eq!(moved, dated, "{method} {path} in {version}");
        }
        self.server.reset().await;
        let answer = match response {
            Some(json) => ResponseTemplate::new(200).set_body_raw(json, "application/json"),
            None => ResponseTemplate::new(204),
        };
        Mock::given(any())
            .respond_with(answer)
            .mount(&self.server)
            .await;
        if let Err(error) = send.await {
            panic!("{method} {path}: {error:?}");
        }
        let received = self.server.received_requests().await.unwrap_or_default();
        let [sent] = received.as_slice() else {
            panic!("{method} {path}: {} requests arrived", received.len());
        };
        assert_eq!(sent.method.as_str(), method, "{path}");
        assert_eq!(sent.url.path(), path, "{method}");
        assert_eq!(
            sent.url.query().unwrap_or(""),
            query,
            "{method} {path}: query"
        );
        // App-level endpoints send the developer key instead of the token; the others the token.
        let developer = query.contains("hapikey=");
        let form = matches!(body, Expected::Form(_));
        assert_eq!(
            sent.headers.contains_key("authorization"),
            !developer && !form,
            "{method} {path}: the Authorization header"
        );
        let content_type = sent
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        match body {
            Expected::None => assert!(sent.body.is_empty(), "{method} {path}: a body was sent"),
            Expected::Any => {}
            Expected::Json(json) => {
                let got: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
                let json: serde_json::Value = serde_json::from_str(json).unwrap();
                assert_eq!(got, json, "{method} {path}: body");
            }
            Expected::Text(text) => {
                assert_eq!(String::from_utf8_lossy(&sent.body), text, "{method} {path}");
                assert_eq!(content_type, "text/plain; charset=utf-8", "{method} {path}");
            }
            Expected::Part(name, value) => {
                let body = String::from_utf8_lossy(&sent.body);
                let part =
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
                assert!(body.contains(&part), "{method} {path}: {body}");
                assert!(
                    content_type.starts_with("multipart/form-data; boundary="),
                    "{method} {path}"
                );
            }
            Expected::Form(text) => {
                assert_eq!(
                    String::from_utf8_lossy(&sent.body),
                    text,
                    "{method} {path}: form"
                );
            }
        }
    }
}

/// A model HubSpot sends and takes back keeps what it read: `json` decoded as `T` and encoded
/// again is the same JSON, so reading a model and writing it back rewrites nothing.
pub(crate) fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(json: &str) {
    let read: serde_json::Value = serde_json::from_str(json).unwrap();
    let model: T = serde_json::from_value(read.clone())
        .unwrap_or_else(|e| panic!("{}: {e}", std::any::type_name::<T>()));
    let written = serde_json::to_value(&model).unwrap();
    assert_eq!(written, read, "{}", std::any::type_name::<T>());
}
