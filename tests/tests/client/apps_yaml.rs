//! An answer in YAML is read within bounds: the nesting it may reach and the time of the request.
//! (What the operations send and read in YAML is in the operations table.)

use digitalocean_api::Format;
use digitalocean_api::models::{AppSpec, AppsUpdateAppRequest};
use tests::TOKEN;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client of `server` that asks for the app as YAML, with `timeout`.
async fn get_yaml(server: &MockServer, timeout: std::time::Duration) -> digitalocean_api::Error {
    let client = digitalocean_api::Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .timeout(timeout)
        .retry(digitalocean_api::RetryPolicy::disabled())
        .build()
        .unwrap();
    client
        .apps()
        .update("c2a93513", AppsUpdateAppRequest::new(AppSpec::new("web")))
        .accept(Format::Yaml)
        .send()
        .await
        .unwrap_err()
}

async fn answering_yaml(body: String) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/yaml")
                .set_body_string(body),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn deeply_nested_yaml_is_refused_before_it_is_parsed() {
    let levels = 20_000;
    let body = format!("{}1{}", "{a: ".repeat(levels), "}".repeat(levels));
    let server = answering_yaml(body).await;

    let started = std::time::Instant::now();
    let error = get_yaml(&server, std::time::Duration::from_secs(60)).await;

    let digitalocean_api::Error::Decode {
        status, message, ..
    } = &error
    else {
        panic!("expected a decode error, got {error:?}")
    };
    assert_eq!(status.as_u16(), 200);
    assert_eq!(
        message,
        "the YAML cannot be read: recursion limit exceeded at byte 1020 line 1 column 1021"
    );
    // Parsing all of it would take tens of seconds: the limit applies before.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn decoding_yaml_is_bounded_by_the_request_timeout() {
    // A megabyte of fields the spec does not describe, which the client keeps: seconds of work.
    let mut body = String::from("app:\n  id: c2a93513\n  spec:\n    name: web\n");
    for i in 0..40_000 {
        body.push_str(&format!("field_{i}: [value, {i}]\n"));
    }
    let server = answering_yaml(body).await;
    let timeout = std::time::Duration::from_millis(300);

    let error = get_yaml(&server, timeout).await;

    assert!(
        matches!(error, digitalocean_api::Error::Timeout(t) if t == timeout),
        "{error:?}"
    );
}
