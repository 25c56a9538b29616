//! What the end-to-end tests share: the spec's examples, a typed mock server that checks that
//! each request comes from the client, and a client pointed at it.
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
use digitalocean_api::mock::{Expectation, MockServer};
use digitalocean_api::{Client, RetryPolicy};
use serde_json::Value;
use wiremock::{Mock, ResponseTemplate};

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

/// A server that a test client can be pointed at.
pub trait Local {
    /// Its base URL.
    fn uri(&self) -> String;
}

impl Local for wiremock::MockServer {
    fn uri(&self) -> String {
        wiremock::MockServer::uri(self)
    }
}

impl Local for MockServer {
    fn uri(&self) -> String {
        digitalocean_api::mock::Server::uri(self)
    }
}

/// A client of `server` with the test token and no retries.
pub fn client(server: &impl Local) -> Client {
    Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .expect("the test client builds")
}

/// A typed mock server that refuses, with a `418` that names what is missing, any request
/// without the test token or the crate's user agent.
pub async fn mock_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(NotFromTheClient)
        .respond_with(ResponseTemplate::new(418).set_body_json(serde_json::json!({
            "id": "not_from_the_client",
            "message": "the request lacks the bearer token or the user agent of the client"
        })))
        .with_priority(1)
        .named("requests carry the token and the user agent")
        .mount(server.wiremock())
        .await;
    server
}

/// The spec's example of the operation's request body, decoded into its type; it encodes back to
/// the example, so a test that sends it sends exactly what the docs show.
pub fn request<T: serde::Serialize + serde::de::DeserializeOwned>(operation: &str) -> T {
    let example = request_example(operation);
    let body = decoded(&example);
    assert_round_trip(&body, &example);
    body
}

/// The spec's example `value`, decoded into the type a mock answers with.
pub fn decoded<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).expect("the example decodes into its type")
}

/// How the tests mount an expectation: met exactly once, by a request with nothing it does not
/// name.
pub trait Once {
    fn once(self) -> Self;
}

impl Once for Expectation<'_> {
    fn once(self) -> Self {
        self.strict().times(1)
    }
}

/// A request without the test token or the crate's user agent.
struct NotFromTheClient;

impl wiremock::Match for NotFromTheClient {
    fn matches(&self, request: &wiremock::Request) -> bool {
        let value = |name: &str| {
            request
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
        };
        value("authorization") != format!("Bearer {TOKEN}")
            || !value("user-agent").starts_with("digitalocean-api-rust/")
    }
}

/// `value` encodes to `expected`, nulls, the spelling of numbers and the offset of timestamps
/// aside: every field was decoded. The runtime's own check, which the generated crate's example
/// tests use too.
pub fn assert_round_trip<T: serde::Serialize>(value: &T, expected: &Value) {
    digitalocean_api::runtime::assert_encodes_as(value, &expected.to_string());
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

/// Answers `GET /v2/account` with 503 `failures` times, then with the spec's example.
pub async fn account_after_failures(server: &wiremock::MockServer, failures: u64) {
    use wiremock::matchers::{method, path};
    if failures > 0 {
        Mock::given(method("GET"))
            .and(path("/v2/account"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(failures)
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/v2/account"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(response_example("account_get", 200)),
        )
        .mount(server)
        .await;
}

/// A server that answers `GET /v2/account` with the spec's example.
pub async fn serving_the_account() -> wiremock::MockServer {
    let server = wiremock::MockServer::start().await;
    account_after_failures(&server, 0).await;
    server
}

/// Serves the list of actions in two pages, of ids 1 and 2, then 3, with a total of 3.
pub async fn actions_in_two_pages(server: &wiremock::MockServer) {
    use wiremock::matchers::{path, query_param};
    let page = |ids: &[i64], next: Option<&str>| {
        let actions: Vec<_> = ids.iter().map(|id| serde_json::json!({"id": id})).collect();
        let links = match next {
            Some(next) => serde_json::json!({"pages": {"next": next}}),
            None => serde_json::json!({}),
        };
        ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"actions": actions, "links": links, "meta": {"total": 3}}),
        )
    };
    Mock::given(path("/v2/actions"))
        .and(query_param("page", "2"))
        .respond_with(page(&[3], None))
        .mount(server)
        .await;
    Mock::given(path("/v2/actions"))
        .respond_with(page(&[1, 2], Some("/v2/actions?page=2")))
        .with_priority(10)
        .mount(server)
        .await;
}
