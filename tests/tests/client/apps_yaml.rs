//! Create, update and propose speak YAML as well as JSON, with the same typed values.

use digitalocean_api::Format;
use digitalocean_api::mock::Expectation;
use digitalocean_api::models::{
    AppPropose, AppSpec, AppsCreateAppRequest, AppsResponse, AppsUpdateAppRequest,
};
use serde_json::Value;
use tests::{
    Once, TOKEN, assert_round_trip, client, decoded, mock_server, request, response_example,
};
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `expectation`, only for a request whose body is YAML and that asks for YAML; it answers YAML.
async fn in_yaml(expectation: Expectation<'_>) {
    let yaml = "application/yaml";
    let expectation = expectation.and(header("content-type", yaml));
    expectation.and(header("accept", yaml)).once().await;
}

#[tokio::test]
async fn create_sends_and_reads_yaml() {
    let example = response_example("apps_create", 200);
    let request: AppsCreateAppRequest = request("apps_create");
    let server = mock_server().await;
    let create = server.apps().create().body(request.clone());
    in_yaml(create.respond(200, decoded(&example))).await;

    let response = client(&server)
        .apps()
        .create(request)
        .content_type(Format::Yaml)
        .accept(Format::Yaml)
        .send()
        .await
        .unwrap();

    assert_eq!(response.headers()["content-type"], "application/yaml");
    assert_eq!(*response.body(), decoded::<AppsResponse>(&example));
}

#[tokio::test]
async fn propose_sends_and_reads_yaml() {
    let request: AppPropose = request("apps_validate_appSpec");
    let server = mock_server().await;
    let validate = server.apps().validate_app_spec().body(request.clone());
    let example = response_example("apps_validate_appSpec", 200);
    in_yaml(validate.respond(200, decoded(&example))).await;

    let response = client(&server)
        .apps()
        .validate_app_spec(request)
        .content_type(Format::Yaml)
        .accept(Format::Yaml)
        .send()
        .await
        .unwrap();

    assert_eq!(response.app_cost, Some(5));
    assert_eq!(response.spec.as_ref().unwrap().name, "sample-golang");
}

/// An app spec as users keep it in their repositories, YAML with the fields the docs show.
const APP_YAML: &str = "\
name: web-app
region: nyc
services:
  - name: api
    environment_slug: node-js
    instance_count: 2
    instance_size_slug: apps-s-1vcpu-0.5gb
    github:
      repo: digitalocean/sample-golang
      branch: main
      deploy_on_push: true
    envs:
      - key: DATABASE_URL
        scope: RUN_TIME
        type: SECRET
        value: postgres://example
";

#[tokio::test]
async fn a_spec_file_in_yaml_updates_an_app() {
    let spec: AppSpec = serde_yaml::from_str(APP_YAML).unwrap();
    assert_eq!(spec.services.as_deref().unwrap()[0].instance_count, Some(2));
    let as_written =
        serde_json::json!({ "spec": serde_yaml::from_str::<Value>(APP_YAML).unwrap() });
    let expected: AppsUpdateAppRequest = decoded(&as_written);
    assert_round_trip(&expected, &as_written);
    let server = mock_server().await;
    let update = server.apps().update("c2a93513").body(expected);
    let example = response_example("apps_update", 200);
    in_yaml(update.respond(200, decoded(&example))).await;

    let response = client(&server)
        .apps()
        .update("c2a93513", AppsUpdateAppRequest::new(spec))
        .content_type(Format::Yaml)
        .accept(Format::Yaml)
        .send()
        .await
        .unwrap();

    assert_eq!(
        response.app.as_ref().unwrap().id.as_deref(),
        Some("c2a93513-8d9b-4223-9d61-5e7272c81cf5")
    );
}

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
