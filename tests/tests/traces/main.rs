//! The token never shows in traces. This test is a binary of its own: tracing decides once per
//! call site whether anyone listens, and a subscriber set for one thread while other tests run
//! may miss the events it should capture. Alone in its process, it installs the global one.

use std::io::Write;
use std::sync::{Arc, Mutex};

use digitalocean_api::{Client, RetryPolicy};
use serde_json::json;
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "dop_v1_9f3a2c1e4b5d6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f";

/// Everything a tracing subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_token_never_shows() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(
                json!({"id": "unauthorized", "message": "Unable to authenticate you."}),
            ),
        )
        .mount(&server)
        .await;
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();
    let client = Client::builder()
        .token(SECRET)
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();

    let error = client.account().get().send().await.unwrap_err();

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.headers.get("authorization").unwrap(),
        &format!("Bearer {SECRET}")
    );
    let traces = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        traces.contains("operation=\"account_get\""),
        "a span names the operation:\n{traces}"
    );
    assert!(
        traces.contains("path=\"/v2/account\""),
        "and the path template:\n{traces}"
    );
    assert!(traces.contains("status=401"), "and the status:\n{traces}");
    for shown in [
        format!("{client:?}"),
        format!("{error:?}"),
        error.to_string(),
        traces,
    ] {
        assert!(
            !shown.contains(SECRET) && !shown.contains("9f3a2c1e"),
            "the token shows in:\n{shown}"
        );
    }
    let builder = Client::builder().token(SECRET);
    assert!(!format!("{builder:?}").contains("9f3a2c1e"));
}
