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
    /// A JSON document.
    Json,
    /// A JSON object with exactly these properties: those the spec requires, as a body built
    /// from its constructor alone sends them.
    Object(&'static [&'static str]),
    /// This `application/x-www-form-urlencoded` text.
    Form(&'static str),
    /// This `text/plain` text.
    Text(&'static str),
    /// A multipart body with this text part (name, value).
    Part(&'static str, &'static str),
}

/// A request on its way, its answer dropped: what the checks need of it whatever its type, so
/// that they are compiled once for every endpoint.
type Sending = Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>;

/// A request, whatever its answer's type. The checks are compiled once, on this, and only these
/// few methods and the send itself once per endpoint: when `check` was generic throughout,
/// each endpoint compiled its own copy of it, about 15 functions more per endpoint.
trait Made {
    fn path(&self) -> &str;
    fn available_versions(&self) -> &'static [&'static str];
    fn at(self: Box<Self>, version: &ApiVersion) -> Box<dyn Made>;
    fn sending(self: Box<Self>, client: &Client) -> Sending;
}

impl<T: hubspot_crm::runtime::FromResponse> Made for Request<T> {
    fn path(&self) -> &str {
        Request::path(self)
    }

    fn available_versions(&self) -> &'static [&'static str] {
        Request::available_versions(self)
    }

    fn at(self: Box<Self>, version: &ApiVersion) -> Box<dyn Made> {
        Box::new(self.api_version(version))
    }

    fn sending(self: Box<Self>, client: &Client) -> Sending {
        let client = client.clone();
        Box::pin(async move { self.send(&client).await.map(drop) })
    }
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

/// A server on 127.0.0.1 and a client for it, and hubspot-mock with a client for it.
pub(crate) struct Recorder {
    server: MockServer,
    client: Client,
    mock: hubspot_mock::MockServer,
    mock_client: Client,
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
        // Every operation once, back to back: more than HubSpot's limits allow in a window.
        let limits = hubspot_mock::Limits {
            window_max: 1_000_000,
            search_per_second: 1_000_000,
            daily: u32::MAX,
            ..hubspot_mock::Limits::default()
        };
        let mock =
            hubspot_mock::MockServer::start(hubspot_mock::MockConfig::default().limits(limits))
                .await
                .unwrap();
        let mock_client = Client::builder()
            .access_token(hubspot_mock::MockConfig::DEFAULT_TOKEN)
            .developer_api_key(hubspot_mock::MockConfig::DEFAULT_DEVELOPER_KEY)
            .base_url(mock.base_url())
            .rate_limiter(false)
            .build()
            .unwrap();
        Self {
            server,
            client,
            mock,
            mock_client,
        }
    }

    /// Sends `make()`'s request, answered with `response` (or 204), and checks that it went out
    /// as `method path?query` with `body`, that its path follows every version in `versions`,
    /// and that the answer decodes. Only building and decoding depend on the endpoint's types;
    /// the rest is [`Recorder::check_made`], compiled once for every endpoint.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn check<'a, T: hubspot_crm::runtime::FromResponse>(
        &'a self,
        make: impl Fn() -> Request<T> + 'a,
        method: &'a str,
        path: &'a str,
        versions: &'a [&'a str],
        query: &'a str,
        body: Expected,
        response: Option<&'static str>,
    ) -> impl Future<Output = ()> + 'a {
        let shape = Shape {
            method,
            path,
            versions,
            query,
            body,
            response,
        };
        self.check_made(Box::new(move || Box::new(make())), shape)
    }

    /// [`Recorder::check`] on a request whatever its answer's type.
    async fn check_made(&self, make: Box<dyn Fn() -> Box<dyn Made> + '_>, shape: Shape<'_>) {
        let request = make();
        let declared = (request.path().to_owned(), request.available_versions());
        let mut moved = Vec::new();
        for version in shape.versions.iter().skip(1) {
            let version = ApiVersion::parse(version).unwrap();
            moved.push(make().at(&version).path().to_owned());
        }
        let (method, path) = (shape.method, shape.path);
        // Not pinned: an operation only a later version has goes out in the first version it
        // lists, with the default client as with this one.
        let send = request.sending(&self.client);
        self.verify(shape, declared, moved, send).await;
        let mocked = make().sending(&self.mock_client);
        self.answered_by_the_mock(method, path, mocked).await;
    }

    /// hubspot-mock answers the operation: with a body that decodes, or with an error HubSpot
    /// could send (a stateful route's 404 for the sample's id, its 400 for the sample's values),
    /// never "not implemented" nor a method its path does not take.
    async fn answered_by_the_mock(&self, method: &str, path: &str, send: Sending) {
        let Err(error) = send.await else { return };
        let category = error
            .api_error()
            .and_then(|api| api.body.category.clone())
            .unwrap_or_default();
        let refused = matches!(error, Error::Decode { .. })
            || category == "MOCK_NOT_IMPLEMENTED"
            || error.status() == Some(405)
            || error.status().is_some_and(|status| status >= 500);
        assert!(
            !refused,
            "{method} {path}: hubspot-mock at {} answered {error:?}",
            self.mock.base_url()
        );
    }

    async fn verify(
        &self,
        shape: Shape<'_>,
        declared: (String, &[&str]),
        moved: Vec<String>,
        send: Sending,
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
            Expected::Json | Expected::Object(_) => {
                assert_eq!(content_type, "application/json", "{method} {path}");
                let got: serde_json::Value = serde_json::from_slice(&sent.body)
                    .unwrap_or_else(|e| panic!("{method} {path}: the body is not JSON: {e}"));
                if let Expected::Object(keys) = body {
                    let mut sent: Vec<&str> = got
                        .as_object()
                        .unwrap_or_else(|| panic!("{method} {path}: the body is not an object"))
                        .keys()
                        .map(String::as_str)
                        .collect();
                    let mut keys = keys.to_vec();
                    sent.sort_unstable();
                    keys.sort_unstable();
                    assert_eq!(sent, keys, "{method} {path}: the body's properties");
                }
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
/// again is the same JSON, so reading a model and writing it back rewrites nothing. Checked on
/// `json` itself, then on answers varied from it as HubSpot's vary (any property left out, lists
/// of any length, other text, numbers and flags): each must decode, and write back exactly.
pub(crate) fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(json: &str) {
    round_trip_as(json, std::any::type_name::<T>(), trip::<T>);
}

/// `read` decoded as `T` and written back, as the runtime decodes an answer (from bytes), so
/// that the test binary compiles each model's decoding once, not once per way of decoding.
fn trip<T: serde::Serialize + serde::de::DeserializeOwned>(
    read: &serde_json::Value,
) -> Result<serde_json::Value, String> {
    let bytes = serde_json::to_vec(read).map_err(|e| e.to_string())?;
    let model: T =
        serde::Deserialize::deserialize(&mut serde_json::Deserializer::from_slice(&bytes))
            .map_err(|e| format!("{}: {e}", std::any::type_name::<T>()))?;
    // Written as the runtime writes a request's body, for the same reason.
    let written = serde_json::to_vec(&model).map_err(|e| e.to_string())?;
    serde_json::from_slice(&written).map_err(|e| e.to_string())
}

/// [`round_trip`] through `trip`: the property test's runner is compiled once, not per model.
fn round_trip_as(
    json: &str,
    model: &str,
    trip: fn(&serde_json::Value) -> Result<serde_json::Value, String>,
) {
    use proptest::test_runner::{Config, TestRunner};

    let read: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(
        trip(&read).unwrap_or_else(|e| panic!("{e}")),
        read,
        "{model}"
    );
    let mut runner = TestRunner::new(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    });
    let outcome = runner.run(&varied(&read), |answer| {
        let written = trip(&answer).map_err(proptest::test_runner::TestCaseError::fail)?;
        proptest::prop_assert_eq!(written, answer);
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{model}: {failure}");
    }
}

/// Answers shaped like `sample`: its properties, each possibly left out; its lists, of up to
/// three items shaped like its first; its leaves, other values of the same JSON type.
fn varied(sample: &serde_json::Value) -> proptest::strategy::BoxedStrategy<serde_json::Value> {
    use proptest::prelude::*;
    use serde_json::Value;

    match sample {
        Value::Object(map) => {
            let fields: Vec<_> = map
                .iter()
                .map(|(key, value)| {
                    let key = key.clone();
                    (proptest::bool::weighted(0.75), varied(value))
                        .prop_map(move |(kept, value)| kept.then(|| (key.clone(), value)))
                })
                .collect();
            fields
                .prop_map(|fields| Value::Object(fields.into_iter().flatten().collect()))
                .boxed()
        }
        Value::Array(items) => match items.first() {
            Some(first) => proptest::collection::vec(varied(first), 0..=3)
                .prop_map(Value::Array)
                .boxed(),
            None => Just(Value::Array(Vec::new())).boxed(),
        },
        Value::String(_) => proptest::collection::vec(any::<char>(), 0..12)
            .prop_map(|chars| Value::String(chars.into_iter().collect()))
            .boxed(),
        Value::Number(n) if n.is_f64() => (-1e9f64..1e9).prop_map(Value::from).boxed(),
        Value::Number(_) => (0i64..2_000_000_000).prop_map(Value::from).boxed(),
        Value::Bool(_) => any::<bool>().prop_map(Value::Bool).boxed(),
        Value::Null => Just(Value::Null).boxed(),
    }
}
