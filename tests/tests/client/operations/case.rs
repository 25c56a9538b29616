//! One row of the operations table and how it is run: a typed mock answers the call, and then the
//! request the server saw and the answer the client decoded are held to what the row says.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;

use digitalocean_api::mock::{Expectation, MockServer};
use digitalocean_api::{Client, Error, Response};
use futures::FutureExt;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tests::{Once, TOKEN, assert_round_trip, client, decoded, mock_server, request_example};

/// What a row's exchange does once the server is up: mounts the typed expectation with the
/// answer, calls the client, checks the decoded answer and gives it back encoded.
type Exchange =
    Box<dyn for<'a> FnOnce(&'a MockServer, Value) -> Pin<Box<dyn Future<Output = Value> + 'a>>>;

/// The body the server must see.
pub enum Body {
    /// None at all.
    None,
    /// The spec's example of the operation's request body.
    Example,
    /// This document to the letter, in JSON or YAML as the request's `Content-Type` says.
    Is(Value),
}

/// What the server answers, and how the decoded answer must encode back.
pub enum Answer {
    /// The spec's 200 example; it encodes back to it, nulls and number spelling aside.
    Example,
    /// This document; it encodes back to it unchanged.
    Unchanged(Value),
    /// This document; it encodes back to it, nulls and number spelling aside.
    Like(Value),
    /// No body: the answer is `()`.
    Empty,
}

/// A row: an operation, the request it must send and the answer it must decode.
pub struct Case {
    /// The operationId, and what the row is about where an operation has more than one.
    name: String,
    id: &'static str,
    /// `METHOD /path?query`, the query as it is sent.
    sent: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    body: Body,
    answer: Answer,
    exchange: Option<Exchange>,
}

/// A row of `operation` whose request is `sent` (`"GET /v2/actions?page=3"`): no body, the spec's
/// example as the answer, and JSON both ways.
pub fn case(operation: &'static str, sent: &'static str) -> Case {
    Case {
        name: operation.to_owned(),
        id: operation,
        sent,
        headers: Vec::new(),
        body: Body::None,
        answer: Answer::Example,
        exchange: None,
    }
}

impl Case {
    /// What this row of an operation with several is about.
    pub fn about(mut self, what: &str) -> Self {
        self.name = format!("{} ({what})", self.id);
        self
    }

    pub fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    pub fn answer(mut self, answer: Answer) -> Self {
        self.answer = answer;
        self
    }

    /// A header the request must carry: the token's and the JSON `Accept` and `Content-Type`
    /// it carries unless told otherwise.
    pub fn header(mut self, name: &'static str, value: &'static str) -> Self {
        self.headers.push((name, value));
        self
    }

    /// How the row is served and called: `mount` the typed expectation answering with the
    /// answer, `call` the client the same way, and `check` what it decoded.
    pub fn exchange<T, F>(
        mut self,
        mount: impl for<'a> FnOnce(&'a MockServer, T) -> Expectation<'a> + 'static,
        call: impl FnOnce(&Client) -> F + 'static,
        check: impl FnOnce(&Response<T>) + 'static,
    ) -> Self
    where
        T: DeserializeOwned + Serialize + 'static,
        F: Future<Output = Result<Response<T>, Error>> + 'static,
    {
        self.exchange = Some(Box::new(move |server, answer| {
            Box::pin(async move {
                mount(server, decoded(&answer)).once().await;
                let response = call(&client(server)).await.expect("the call succeeds");
                check(&response);
                serde_json::to_value(response.body()).expect("the answer encodes")
            })
        }));
        self
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// Runs the row; a failure is the row's name and what failed.
    pub async fn run(self) -> Result<(), String> {
        let name = self.name.clone();
        AssertUnwindSafe(self.exchange_and_check())
            .catch_unwind()
            .await
            .map_err(|panic| {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("a panic without a message");
                format!("{name}: {message}")
            })
    }

    async fn exchange_and_check(mut self) {
        let exchange = self
            .exchange
            .take()
            .expect("the row says how it is served and called");
        let server = mock_server().await;
        let answer = match &self.answer {
            Answer::Example => tests::response_example(self.id, 200),
            Answer::Unchanged(value) | Answer::Like(value) => value.clone(),
            Answer::Empty => Value::Null,
        };
        let decoded = exchange(&server, answer.clone()).await;
        server.verify().await;

        let requests = server.received_requests().await;
        assert_eq!(requests.len(), 1, "the server saw one request");
        self.check_request(&requests[0]);
        match self.answer {
            Answer::Unchanged(_) | Answer::Empty => assert_eq!(decoded, answer),
            Answer::Example | Answer::Like(_) => assert_round_trip(&decoded, &answer),
        }
    }

    /// `Accept` and `Content-Type` as the row says, JSON where it does not; no `Content-Type`
    /// without a body.
    fn expected_headers(&self) -> Vec<(&'static str, Option<&'static str>)> {
        let json = "application/json";
        let content_type = (!matches!(self.body, Body::None)).then_some(json);
        let mut expected = vec![("accept", Some(json)), ("content-type", content_type)];
        for (name, value) in &self.headers {
            expected.retain(|(known, _)| known != name);
            expected.push((name, Some(value)));
        }
        expected
    }

    fn check_request(&self, request: &wiremock::Request) {
        let (method, target) = self.sent.split_once(' ').expect("`METHOD /path`");
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (target, None),
        };
        assert_eq!(request.method.as_str(), method, "the method");
        assert_eq!(request.url.path(), path, "the path");
        assert_eq!(request.url.query(), query, "the query");
        let header = |name: &str| {
            request
                .headers
                .get(name)
                .map(|value| value.to_str().expect("a header in ASCII"))
        };
        let bearer = format!("Bearer {TOKEN}");
        assert_eq!(header("authorization"), Some(bearer.as_str()));
        for (name, value) in self.expected_headers() {
            assert_eq!(header(name), value, "the header {name}");
        }
        if let Body::None = self.body {
            return assert!(request.body.is_empty(), "no body");
        }
        let sent: Value = if header("content-type").is_some_and(|t| t.contains("yaml")) {
            serde_yaml::from_slice(&request.body).expect("the body is YAML")
        } else {
            serde_json::from_slice(&request.body).expect("the body is JSON")
        };
        match &self.body {
            Body::Is(expected) => assert_eq!(&sent, expected, "the body"),
            Body::None | Body::Example => assert_round_trip(&sent, &request_example(self.id)),
        }
    }
}

/// A row's exchange where the typed expectation and the call are the same chain (the operation
/// takes no body, and answers with one): `served!(row, [apps().get(id)], check)` mounts
/// `server.apps().get(id)` answering with the row's answer, and sends `client.apps().get(id)`.
macro_rules! served {
    ($row:expr, [$($chain:tt)*], $check:expr $(,)?) => {
        $row.exchange(
            move |server, answer| server.$($chain)*.respond(200, answer),
            move |client| client.$($chain)*.send(),
            $check,
        )
    };
}

pub(crate) use served;
