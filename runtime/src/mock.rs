//! The hand-written half of the typed mocks (the `mock` feature): a local server that plays the
//! API, the matchers that check a request against typed values, and the answers. A generated
//! crate's `mock` module has one typed expectation per operation; each says what the request
//! must look like and ends with an answer, which [`Expectation`] mounts.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wiremock::{Match, Mock, MockBuilder, Request, Respond, ResponseTemplate, Times};

use super::client::{ClientBuilder, GeneratedClient};
use super::request::{
    Format, Style, bytes_of, cookie_pairs, form_text, header_text, path_segment, query_pairs,
};
use super::retry::RetryPolicy;

/// The mock library underneath, for matchers of one's own ([`Expectation::and`]).
pub use wiremock;

/// A local HTTP server that plays the API in tests. Expectations are mounted on it; a client
/// pointed at its [`uri`](Server::uri) talks to it. When it is dropped, it checks that every
/// expectation given a count ([`Expectation::times`]) was met, and panics if one was not.
pub struct Server {
    wiremock: wiremock::MockServer,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("uri", &self.wiremock.uri())
            .finish()
    }
}

impl Server {
    /// Starts a server on a free local port.
    pub async fn start() -> Server {
        Server {
            wiremock: wiremock::MockServer::start().await,
        }
    }

    /// The server's base URL (`http://127.0.0.1:PORT`), to point a client at.
    pub fn uri(&self) -> String {
        self.wiremock.uri()
    }

    /// A client of this server: a test token, no retries (an error answer fails at once).
    pub fn client<C: GeneratedClient>(&self) -> C {
        self.client_builder()
            .build()
            .unwrap_or_else(|error| panic!("a client of a local server builds: {error}"))
    }

    /// A client builder already pointed at this server, with a test token and no retries, for a
    /// test that configures more.
    pub fn client_builder<C: GeneratedClient>(&self) -> ClientBuilder<C> {
        ClientBuilder::new()
            .token("mock-token")
            .base_url(self.uri())
            .retry(RetryPolicy::disabled())
    }

    /// The `wiremock` server underneath, for what the typed expectations do not cover.
    pub fn wiremock(&self) -> &wiremock::MockServer {
        &self.wiremock
    }

    /// Every request the server received, in order.
    pub async fn received_requests(&self) -> Vec<Request> {
        self.wiremock.received_requests().await.unwrap_or_default()
    }

    /// Panics, listing them, if expectations given a count were not met so far.
    pub async fn verify(&self) {
        self.wiremock.verify().await;
    }

    /// Removes every expectation and forgets the requests received.
    pub async fn reset(&self) {
        self.wiremock.reset().await;
    }

    /// The expectation of a request of `operation` (its operationId) to `path`, already encoded.
    #[doc(hidden)]
    pub fn when(&self, operation: &'static str, method: Method, path: String) -> When<'_> {
        When {
            server: self,
            operation,
            builder: Mock::given(wiremock::matchers::method(method))
                .and(wiremock::matchers::path(path)),
            named: Named::default(),
        }
    }
}

/// An HTTP status as a test writes it: `StatusCode::NOT_FOUND`, or `404`.
pub trait IntoStatus {
    /// The status code; panics on a number that is not one.
    fn into_status(self) -> u16;
}

impl IntoStatus for StatusCode {
    fn into_status(self) -> u16 {
        self.as_u16()
    }
}

impl IntoStatus for u16 {
    fn into_status(self) -> u16 {
        StatusCode::from_u16(self)
            .unwrap_or_else(|_| panic!("{self} is not an HTTP status"))
            .as_u16()
    }
}

/// A literal such as `404` is an `i32` unless something says otherwise.
impl IntoStatus for i32 {
    fn into_status(self) -> u16 {
        u16::try_from(self)
            .unwrap_or_else(|_| panic!("{self} is not an HTTP status"))
            .into_status()
    }
}

/// A path parameter as the client encodes it. A value the client refuses (empty, `.` or `..`)
/// is a mistake of the test, so it panics.
#[doc(hidden)]
pub fn segment<T: Serialize + ?Sized>(name: &str, value: &T) -> String {
    path_segment::<T, Value>(name, value).unwrap_or_else(|error| panic!("{error}"))
}

/// What a request must look like to get an answer; the generated expectations fill it in.
#[doc(hidden)]
pub struct When<'a> {
    server: &'a Server,
    operation: &'static str,
    builder: MockBuilder,
    /// What the expectation names, for [`Expectation::strict`].
    named: Named,
}

/// The query parameters and body an expectation names.
#[derive(Debug, Default)]
struct Named {
    query: Vec<String>,
    body: bool,
}

impl fmt::Debug for When<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("When")
            .field("operation", &self.operation)
            .finish_non_exhaustive()
    }
}

/// How a request body travels, for comparing it with a typed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[doc(hidden)]
pub enum BodyEncoding {
    /// JSON or YAML, whichever the request's `Content-Type` says.
    Document,
    Form,
    Text,
    Binary,
}

impl<'a> When<'a> {
    fn fail(&self, error: impl fmt::Display) -> ! {
        panic!("the expectation of `{}`: {error}", self.operation)
    }

    fn and(mut self, matcher: impl Match + 'static) -> Self {
        self.builder = self.builder.and(matcher);
        self
    }

    /// Only requests whose query parameter `name` is `value`, written in `style`.
    pub fn query<T: Serialize + ?Sized>(
        self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Self {
        let pairs = query_pairs(name, value, style, explode).unwrap_or_else(|e| self.fail(e));
        let mut keys: Vec<String> = pairs.iter().map(|(key, _)| key.clone()).collect();
        keys.dedup();
        if keys.is_empty() {
            keys.push(name.to_owned());
        }
        let mut when = self.and(QueryIs {
            keys: keys.clone(),
            pairs,
        });
        when.named.query.extend(keys);
        when
    }

    /// Only requests whose header `name` is `value`.
    pub fn header<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        let text = header_text(name, value).unwrap_or_else(|e| self.fail(e));
        self.and(HeaderIs {
            name: name.to_owned(),
            text,
        })
    }

    /// Only requests whose cookie `name` is `value`.
    pub fn cookie<T: Serialize + ?Sized>(self, name: &str, value: &T) -> Self {
        let pairs = cookie_pairs(name, value).unwrap_or_else(|e| self.fail(e));
        self.and(CookiesInclude(pairs))
    }

    /// Only requests whose body is `body`.
    pub fn body<T: Serialize + ?Sized>(mut self, body: &T, encoding: BodyEncoding) -> Self {
        self.named.body = true;
        let expected = match encoding {
            BodyEncoding::Document => {
                Expected::Document(serde_json::to_value(body).unwrap_or_else(|e| self.fail(e)))
            }
            BodyEncoding::Form => Expected::Form(pairs_of(
                form_text(body).unwrap_or_else(|e| self.fail(e)).as_bytes(),
            )),
            BodyEncoding::Text | BodyEncoding::Binary => {
                match serde_json::to_value(body).unwrap_or_else(|e| self.fail(e)) {
                    Value::String(text) => Expected::Bytes(text.into_bytes()),
                    Value::Array(bytes) => Expected::Bytes(bytes_of(&bytes)),
                    other => self.fail(format!("{other} is not a raw body")),
                }
            }
        };
        self.and(BodyIs(expected))
    }

    /// Only requests whose body, decoded into `T`, satisfies `predicate`.
    pub fn body_matches<T, F>(mut self, predicate: F) -> Self
    where
        T: DeserializeOwned + 'static,
        F: Fn(&T) -> bool + Send + Sync + 'static,
    {
        self.named.body = true;
        self.and(move |request: &Request| decode::<T>(request).is_some_and(|body| predicate(&body)))
    }

    /// Answers the requests with `status` and `reply`.
    pub fn respond(self, status: impl IntoStatus, reply: Reply) -> Expectation<'a> {
        let status = status.into_status();
        Expectation {
            server: self.server,
            builder: self.builder,
            named: self.named,
            name: self.operation.to_owned(),
            answer: Answer {
                status,
                reply,
                headers: Vec::new(),
                delay: None,
            },
            times: None,
            up_to: None,
            priority: None,
        }
    }
}

/// The body of an answer.
#[doc(hidden)]
pub enum Reply {
    Empty,
    /// A typed value, sent in the format the request asks for among `formats`.
    Value {
        value: Value,
        formats: &'static [Format],
    },
    /// Text or bytes, as they are.
    Raw {
        bytes: Vec<u8>,
        media_type: &'static str,
    },
}

impl Reply {
    /// `body` as JSON, or YAML when the request asks for it and `formats` has it.
    pub fn value<T: Serialize + ?Sized>(body: &T, formats: &'static [Format]) -> Reply {
        let value = serde_json::to_value(body)
            .unwrap_or_else(|error| panic!("the answer cannot be encoded: {error}"));
        Reply::Value { value, formats }
    }

    pub fn text(text: String) -> Reply {
        Reply::Raw {
            bytes: text.into_bytes(),
            media_type: "text/plain; charset=utf-8",
        }
    }

    pub fn bytes(bytes: Vec<u8>) -> Reply {
        Reply::Raw {
            bytes,
            media_type: "application/octet-stream",
        }
    }
}

struct Answer {
    status: u16,
    reply: Reply,
    headers: Vec<(String, String)>,
    delay: Option<Duration>,
}

impl Respond for Answer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut template = match &self.reply {
            Reply::Empty => ResponseTemplate::new(self.status),
            Reply::Raw { bytes, media_type } => {
                ResponseTemplate::new(self.status).set_body_raw(bytes.clone(), media_type)
            }
            Reply::Value { value, formats } => {
                let asks_yaml = request
                    .headers
                    .get_all(reqwest::header::ACCEPT)
                    .iter()
                    .any(|accept| accept.to_str().is_ok_and(|a| a.contains("yaml")));
                let format = if asks_yaml && formats.contains(&Format::Yaml) {
                    Format::Yaml
                } else if formats.contains(&Format::Json) || formats.is_empty() {
                    Format::Json
                } else {
                    formats[0]
                };
                let bytes = match format {
                    Format::Yaml => serde_yaml::to_string(value)
                        .expect("a JSON value is YAML")
                        .into_bytes(),
                    _ => serde_json::to_vec(value).expect("a JSON value encodes"),
                };
                ResponseTemplate::new(self.status).set_body_raw(bytes, format.media_type())
            }
        };
        for (name, value) in &self.headers {
            template = template.insert_header(name.as_str(), value.as_str());
        }
        if let Some(delay) = self.delay {
            template = template.set_delay(delay);
        }
        template
    }
}

/// A request the server will answer: mounted when it is awaited. Until then, it can be told how
/// often it must be met and how to answer.
#[must_use = "an expectation is mounted on the server only when it is awaited"]
pub struct Expectation<'a> {
    server: &'a Server,
    builder: MockBuilder,
    named: Named,
    name: String,
    answer: Answer,
    times: Option<Times>,
    up_to: Option<u64>,
    priority: Option<u8>,
}

impl fmt::Debug for Expectation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expectation")
            .field("name", &self.name)
            .field("status", &self.answer.status)
            .finish_non_exhaustive()
    }
}

impl<'a> Expectation<'a> {
    /// The expectation must be met this many times (`1`, or a range such as `1..=3`) by the
    /// time the server is dropped or [`verify`](Server::verify)ed.
    pub fn times(mut self, times: impl Into<Times>) -> Self {
        self.times = Some(times.into());
        self
    }

    /// The expectation answers at most `n` requests; later ones go to the next that matches
    /// (to answer a first attempt differently from a retry, say).
    pub fn up_to_n_times(mut self, n: u64) -> Self {
        self.up_to = Some(n);
        self
    }

    /// Among expectations that match one request, the one with the lowest priority answers
    /// (1 is the highest; 5 by default).
    pub fn with_priority(mut self, priority: u8) -> Self {
        self.priority = Some(priority);
        self
    }

    /// The name the server uses in its report of unmet expectations (the operationId unless
    /// set).
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// Only requests with nothing the expectation does not name: no query parameter but those
    /// it matches, and no body unless it matches one.
    pub fn strict(self) -> Self {
        let body = self.named.body;
        let known = self.named.query.clone();
        self.and(move |request: &Request| {
            request
                .url
                .query_pairs()
                .all(|(key, _)| known.iter().any(|k| *k == key))
                && (body || request.body.is_empty())
        })
    }

    /// Only requests that `matcher` also accepts: any `wiremock` matcher.
    pub fn and(mut self, matcher: impl Match + 'static) -> Self {
        self.builder = self.builder.and(matcher);
        self
    }

    /// Adds a header to the answer.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.answer.headers.push((name.into(), value.into()));
        self
    }

    /// Answers only after `delay` (to test timeouts).
    pub fn delay(mut self, delay: Duration) -> Self {
        self.answer.delay = Some(delay);
        self
    }

    /// Mounts the expectation until the returned guard is dropped; the guard checks its count
    /// then and can list the requests it answered.
    pub async fn mount_as_scoped(self) -> wiremock::MockGuard {
        let (mock, server) = self.into_mock();
        mock.mount_as_scoped(&server.wiremock).await
    }

    fn into_mock(self) -> (Mock, &'a Server) {
        let mut mock = self.builder.respond_with(self.answer).named(self.name);
        if let Some(times) = self.times {
            mock = mock.expect(times);
        }
        if let Some(n) = self.up_to {
            mock = mock.up_to_n_times(n);
        }
        if let Some(priority) = self.priority {
            mock = mock.with_priority(priority);
        }
        (mock, self.server)
    }
}

impl<'a> IntoFuture for Expectation<'a> {
    type Output = ();
    type IntoFuture = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

    /// Mounts the expectation on the server, for as long as the server lives.
    fn into_future(self) -> Self::IntoFuture {
        let (mock, server) = self.into_mock();
        Box::pin(mock.mount(&server.wiremock))
    }
}

/// The query has exactly these pairs under these keys.
struct QueryIs {
    keys: Vec<String>,
    pairs: Vec<(String, String)>,
}

impl Match for QueryIs {
    fn matches(&self, request: &Request) -> bool {
        let found: Vec<(String, String)> = request
            .url
            .query_pairs()
            .filter(|(key, _)| self.keys.iter().any(|k| k == key))
            .map(|(key, value)| (key.into_owned(), value.into_owned()))
            .collect();
        found == self.pairs
    }
}

/// One of the header's values is the text (or, for `None`, the header is absent).
struct HeaderIs {
    name: String,
    text: Option<String>,
}

impl Match for HeaderIs {
    fn matches(&self, request: &Request) -> bool {
        let mut values = request.headers.get_all(self.name.as_str()).iter();
        match &self.text {
            Some(text) => values.any(|value| value.as_bytes() == text.as_bytes()),
            None => values.next().is_none(),
        }
    }
}

/// The `Cookie` header has each of these `name=value` pairs.
struct CookiesInclude(Vec<String>);

impl Match for CookiesInclude {
    fn matches(&self, request: &Request) -> bool {
        let sent: Vec<&str> = request
            .headers
            .get_all(reqwest::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';').map(str::trim))
            .collect();
        self.0.iter().all(|pair| sent.contains(&pair.as_str()))
    }
}

enum Expected {
    Document(Value),
    Form(Vec<(String, String)>),
    Bytes(Vec<u8>),
}

struct BodyIs(Expected);

impl Match for BodyIs {
    fn matches(&self, request: &Request) -> bool {
        match &self.0 {
            Expected::Document(expected) => {
                decode::<Value>(request).is_some_and(|body| &body == expected)
            }
            Expected::Form(expected) => &pairs_of(&request.body) == expected,
            Expected::Bytes(expected) => &request.body == expected,
        }
    }
}

fn pairs_of(form: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(form).into_owned().collect()
}

/// The request body as `T`, from JSON or from YAML as its `Content-Type` says.
fn decode<T: DeserializeOwned>(request: &Request) -> Option<T> {
    let yaml = request
        .headers
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("yaml"));
    if yaml {
        serde_yaml::from_slice(&request.body).ok()
    } else {
        serde_json::from_slice(&request.body).ok()
    }
}

/// The value of a type that the generator filled from the spec's examples, as JSON. The
/// generator checked the value against the type, so a failure here is a bug of the generator.
#[doc(hidden)]
pub fn example<T: DeserializeOwned>(type_name: &str, json: &str) -> T {
    serde_json::from_str(json)
        .unwrap_or_else(|error| panic!("the example of `{type_name}` does not decode: {error}"))
}
