//! Failed requests are retried as the policy says, without the tests waiting: the policy's sleep
//! records the delays instead.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use digitalocean_api::models::OneClicksCreate;
use digitalocean_api::{Client, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client of `server` whose retries record their delays in the returned list.
fn recording_client(server_uri: &str, policy: RetryPolicy) -> (Client, Arc<Mutex<Vec<Duration>>>) {
    let delays = Arc::new(Mutex::new(Vec::new()));
    let recorded = delays.clone();
    let policy = policy.sleep_with(move |delay| {
        recorded.lock().unwrap().push(delay);
        async {}
    });
    let client = Client::builder()
        .token(tests::TOKEN)
        .base_url(server_uri)
        .retry(policy)
        .build()
        .unwrap();
    (client, delays)
}

fn error_body(id: &str) -> serde_json::Value {
    json!({"id": id, "message": format!("{id} happened")})
}

/// Answers `status` (with `headers`) `times` times, then 200.
async fn fail_then_succeed(
    server: &MockServer,
    verb: &str,
    route: &str,
    status: u16,
    headers: &[(&str, &str)],
    times: u64,
) {
    let mut failure = ResponseTemplate::new(status).set_body_json(error_body("failure"));
    for (name, value) in headers {
        failure = failure.insert_header(*name, *value);
    }
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(failure)
        .up_to_n_times(times)
        .expect(times)
        .mount(server)
        .await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"1_clicks": []})))
        .mount(server)
        .await;
}

#[tokio::test]
async fn too_many_requests_is_retried_after_retry_after() {
    let server = MockServer::start().await;
    fail_then_succeed(
        &server,
        "GET",
        "/v2/1-clicks",
        429,
        &[("retry-after", "1"), ("ratelimit-remaining", "0")],
        1,
    )
    .await;
    let (client, delays) = recording_client(&server.uri(), RetryPolicy::new());

    let response = client.one_clicks().list().send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(*delays.lock().unwrap(), [Duration::from_secs(1)]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn service_unavailable_twice_then_ok_succeeds_after_two_retries() {
    let server = MockServer::start().await;
    fail_then_succeed(&server, "GET", "/v2/1-clicks", 503, &[], 2).await;
    let policy = RetryPolicy::new()
        .min_delay(Duration::from_millis(100))
        .max_delay(Duration::from_secs(2));
    let (client, delays) = recording_client(&server.uri(), policy);

    client.one_clicks().list().send().await.unwrap();

    let delays = delays.lock().unwrap().clone();
    assert_eq!(delays.len(), 2);
    assert!(
        delays
            .iter()
            .all(|d| *d >= Duration::from_millis(100) && *d <= Duration::from_secs(4)),
        "{delays:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

fn install_body() -> OneClicksCreate {
    OneClicksCreate::new(vec!["loki".into()], "cluster")
}

#[tokio::test]
async fn a_post_is_not_retried_unless_the_caller_opts_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_json(error_body("unavailable")))
        .mount(&server)
        .await;
    let (client, delays) = recording_client(&server.uri(), RetryPolicy::new());

    let error = client
        .one_clicks()
        .install_kubernetes(install_body())
        .send()
        .await
        .unwrap_err();

    assert_eq!(error.status().unwrap(), 503);
    assert!(delays.lock().unwrap().is_empty());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_opted_in_post_is_retried_with_the_same_body() {
    let server = MockServer::start().await;
    fail_then_succeed(&server, "POST", "/v2/1-clicks/kubernetes", 503, &[], 1).await;
    let (client, delays) =
        recording_client(&server.uri(), RetryPolicy::new().retry_non_idempotent(true));

    client
        .one_clicks()
        .install_kubernetes(install_body())
        .send()
        .await
        .unwrap();

    assert_eq!(delays.lock().unwrap().len(), 1);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].body, requests[1].body);
    assert_eq!(
        requests[0].body,
        br#"{"addon_slugs":["loki"],"cluster_uuid":"cluster"}"#
    );
}

#[tokio::test]
async fn the_attempt_limit_is_honoured_and_the_last_error_returned() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_json(error_body("server_error")))
        .mount(&server)
        .await;
    let (client, delays) = recording_client(&server.uri(), RetryPolicy::new().max_attempts(3));

    let error = client.one_clicks().list().send().await.unwrap_err();

    let Error::Api(error) = error else {
        panic!("expected the API error, got {error:?}")
    };
    assert_eq!(error.status(), 500);
    assert_eq!(error.id(), Some("server_error"));
    assert_eq!(delays.lock().unwrap().len(), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn the_total_wait_is_capped() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "45")
                .set_body_json(error_body("too_many_requests")),
        )
        .mount(&server)
        .await;
    let (client, delays) = recording_client(
        &server.uri(),
        RetryPolicy::new().max_total_wait(Duration::from_secs(60)),
    );

    let error = client.one_clicks().list().send().await.unwrap_err();

    assert_eq!(error.status().unwrap(), 429);
    assert_eq!(
        *delays.lock().unwrap(),
        [Duration::from_secs(45)],
        "a second wait would pass 60 s"
    );
    assert_eq!(
        error.api().unwrap().rate_limit().retry_after,
        Some(Duration::from_secs(45))
    );
}

#[tokio::test]
async fn connection_failures_are_retried_then_reported() {
    // A port nothing listens on: bind, read the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (client, delays) =
        recording_client(&format!("http://127.0.0.1:{port}"), RetryPolicy::new());

    let error = client.one_clicks().list().send().await.unwrap_err();

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(
        delays.lock().unwrap().len(),
        3,
        "four attempts, three waits"
    );
}

#[tokio::test]
async fn retries_can_be_switched_off() {
    let server = MockServer::start().await;
    fail_then_succeed(&server, "GET", "/v2/1-clicks", 503, &[], 1).await;
    let (client, delays) = recording_client(&server.uri(), RetryPolicy::disabled());

    assert_eq!(
        client
            .one_clicks()
            .list()
            .send()
            .await
            .unwrap_err()
            .status()
            .unwrap(),
        503
    );
    assert!(delays.lock().unwrap().is_empty());
}
