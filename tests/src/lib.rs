//! What the end-to-end tests share: the spec's examples, a mock server that checks each request,
//! and a client pointed at it.
//!
//! A spec's deprecations stay visible to the users of its crate: the crate compiles without a
//! warning, but code that uses a deprecated item still gets one.
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! let _ = deprecations_api::models::LegacyColor::Red;
//! ```
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! let widget = deprecations_api::models::Widget::new("cog", 3);
//! let _ = widget.size;
//! ```
//!
//! ```compile_fail
//! #![deny(deprecated)]
//! # fn list(client: deprecations_api::Client) {
//! let _ = client.widgets().list_legacy("eu");
//! # }
//! ```
//!
//! The same code compiles where the lint is allowed:
//!
//! ```
//! #![allow(deprecated)]
//! let _ = deprecations_api::models::LegacyColor::Red;
//! let widget = deprecations_api::models::Widget::new("cog", 3);
//! let _ = widget.size;
//! # fn list(client: deprecations_api::Client) {
//! let _ = client.widgets().list_legacy("eu");
//! # }
//! ```

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codegen::ir::{Api, Operation, Status};
use digitalocean_api::{Client, RetryPolicy};
use serde_json::Value;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What the generated client refuses at compile time. A rollback names the deployment to go back
/// to, so the rollback calls take their body as an argument; without one they do not compile:
///
/// ```compile_fail,E0061
/// # async fn rollback(client: digitalocean_api::Client) -> Result<(), digitalocean_api::Error> {
/// client.apps().create_rollback("4f6c71e2").send().await?;
/// # Ok(())
/// # }
/// ```
///
/// ```compile_fail,E0061
/// # async fn validate(client: digitalocean_api::Client) -> Result<(), digitalocean_api::Error> {
/// client.apps().validate_rollback("4f6c71e2").send().await?;
/// # Ok(())
/// # }
/// ```
///
/// The same calls with a body compile:
///
/// ```no_run
/// # use digitalocean_api::models::AppsRollbackAppRequest;
/// # async fn rollback(client: digitalocean_api::Client) -> Result<(), digitalocean_api::Error> {
/// let body = AppsRollbackAppRequest {
///     deployment_id: Some("3aa4d20e-5527-4c00-b496-601fbd22520a".into()),
///     ..Default::default()
/// };
/// client.apps().validate_rollback("4f6c71e2", body.clone()).send().await?;
/// client.apps().create_rollback("4f6c71e2", body).send().await?;
/// # Ok(())
/// # }
/// ```
mod compile_time {}

/// The token every test client sends.
pub const TOKEN: &str = "dop_v1_0123456789abcdef";

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is in the workspace")
        .to_owned()
}

/// The model of the project's spec, loaded once.
pub fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| {
        let spec = codegen::load::load(&root().join("spec/openapi.yaml")).expect("the spec loads");
        let lowered = codegen::lower::lower(&spec).expect("the spec lowers");
        assert!(
            lowered.warnings.is_empty(),
            "the project's spec reads without warnings: {:#?}",
            lowered.warnings
        );
        lowered.api
    })
}

/// The operation with this operationId.
pub fn operation(id: &str) -> &'static Operation {
    api()
        .resources
        .iter()
        .flat_map(|resource| &resource.operations)
        .find(|operation| operation.id == id)
        .unwrap_or_else(|| panic!("no operation `{id}` in the spec"))
}

/// The JSON example the spec gives for a response of the operation.
pub fn response_example(id: &str, status: u16) -> Value {
    operation(id)
        .responses
        .iter()
        .find(|response| response.status == Status::Code(status))
        .and_then(|response| response.content.first())
        .and_then(|content| content.example.clone())
        .unwrap_or_else(|| panic!("`{id}` has no example for status {status}"))
}

/// The JSON example the spec gives for the operation's request body.
pub fn request_example(id: &str) -> Value {
    operation(id)
        .body
        .as_ref()
        .and_then(|body| body.example.clone())
        .unwrap_or_else(|| panic!("`{id}` has no request example"))
}

/// A client of `server` with the test token and no retries.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .expect("the test client builds")
}

/// What a request must look like for the mock server to answer it.
pub struct Expected<'a> {
    pub operation: &'a str,
    /// The path with its parameters filled in.
    pub path: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    pub body: Option<Value>,
}

impl<'a> Expected<'a> {
    pub fn new(operation: &'a str, path: &'a str) -> Expected<'a> {
        Expected {
            operation,
            path,
            query: &[],
            body: None,
        }
    }

    pub fn query(mut self, query: &'a [(&'a str, &'a str)]) -> Self {
        self.query = query;
        self
    }

    pub fn body(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Mounts a mock that accepts exactly one such request (method and path as the spec says,
    /// bearer token, user agent, JSON content type when there is a body) and answers `status`
    /// with `answer` and the rate-limit headers.
    pub async fn answer(self, server: &MockServer, status: u16, answer: Option<Value>) {
        let op = operation(self.operation);
        assert!(
            matches_template(&op.path, self.path),
            "{} is not an instance of the path template {}",
            self.path,
            op.path
        );
        let mut mock = Mock::given(method(op.http_method.as_str()))
            .and(path(self.path))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .and(header("accept", "application/json"))
            .and(UserAgent);
        for (name, value) in self.query {
            mock = mock.and(query_param(*name, *value));
        }
        mock = mock.and(QueryCount(self.query.len()));
        if let Some(body) = self.body {
            mock = mock
                .and(header("content-type", "application/json"))
                .and(body_json(body));
        } else {
            mock = mock.and(NoBody);
        }
        let mut response = ResponseTemplate::new(status)
            .insert_header("ratelimit-limit", "5000")
            .insert_header("ratelimit-remaining", "4816")
            .insert_header("ratelimit-reset", "1444931833");
        if let Some(answer) = answer {
            response = response.set_body_json(answer);
        }
        mock.respond_with(response)
            .expect(1)
            .named(self.operation)
            .mount(server)
            .await;
    }
}

/// Whether `path` fills the `{parameters}` of `template`.
fn matches_template(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    template.len() == path.len()
        && template
            .iter()
            .zip(&path)
            .all(|(t, p)| (t.starts_with('{') && t.ends_with('}') && !p.is_empty()) || t == p)
}

/// The user agent names the crate and its version.
struct UserAgent;

impl wiremock::Match for UserAgent {
    fn matches(&self, request: &wiremock::Request) -> bool {
        request
            .headers
            .get("user-agent")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|agent| agent.starts_with("digitalocean-api-rust/"))
    }
}

/// The request has exactly this many query parameters: nothing unexpected is sent.
struct QueryCount(usize);

impl wiremock::Match for QueryCount {
    fn matches(&self, request: &wiremock::Request) -> bool {
        request.url.query_pairs().count() == self.0
    }
}

/// The request has no body.
struct NoBody;

impl wiremock::Match for NoBody {
    fn matches(&self, request: &wiremock::Request) -> bool {
        request.body.is_empty() && !request.headers.contains_key("content-type")
    }
}

/// `value` encodes to `expected`, nulls and number spelling aside: every field was decoded.
pub fn assert_round_trip<T: serde::Serialize>(value: &T, expected: &Value) {
    let encoded = serde_json::to_value(value).expect("the body encodes");
    assert_eq!(normalized(encoded), normalized(expected.clone()));
}

fn normalized(value: Value) -> Value {
    match value {
        Value::Object(map) => map
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k, normalized(v)))
            .collect(),
        Value::Array(items) => items.into_iter().map(normalized).collect(),
        Value::Number(number) => number.as_f64().map_or(Value::Number(number), Value::from),
        other => other,
    }
}

/// The API error of a failed call.
pub fn api_error<T: std::fmt::Debug>(
    result: Result<T, digitalocean_api::Error>,
) -> Box<digitalocean_api::ApiError> {
    match result {
        Err(digitalocean_api::Error::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}
