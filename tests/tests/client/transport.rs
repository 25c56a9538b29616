//! Timeouts and bodies that are not what the operation returns become typed errors, never panics.

use std::time::{Duration, Instant};

use digitalocean_api::{Client, Error, RetryPolicy};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = answering(ResponseTemplate::new(200).set_delay(Duration::from_secs(30))).await;
    let client = Client::builder()
        .token(tests::TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.account().get().send().await.unwrap_err();

    assert!(
        matches!(error, Error::Timeout(timeout) if timeout == Duration::from_millis(300)),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(error.to_string(), "the request timed out after 300ms");
}

fn decode_error(error: Error) -> (u16, String, String) {
    match error {
        Error::Decode {
            status,
            message,
            excerpt,
            ..
        } => (status.as_u16(), message, excerpt),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_an_excerpt() {
    let server = answering(
        ResponseTemplate::new(200).set_body_raw("{\"account\": {\"email\": ", "application/json"),
    )
    .await;

    let (status, message, excerpt) = decode_error(
        tests::client(&server)
            .account()
            .get()
            .send()
            .await
            .unwrap_err(),
    );

    assert_eq!(status, 200);
    assert!(message.contains("EOF"), "{message}");
    assert_eq!(excerpt, "{\"account\": {\"email\": ");
}

#[tokio::test]
async fn an_html_page_from_a_proxy_is_reported_with_its_status_and_start() {
    let page = format!(
        "<html><body><h1>502 Bad Gateway</h1>{}</body></html>",
        "x".repeat(500)
    );
    let server =
        answering(ResponseTemplate::new(502).set_body_raw(page.clone(), "text/html")).await;
    let client = Client::builder()
        .token(tests::TOKEN)
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();

    let error = client.account().get().send().await.unwrap_err();

    let Error::Api(error) = error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(error.status(), 502);
    assert!(error.body().is_none());
    assert!(
        error
            .excerpt()
            .starts_with("<html><body><h1>502 Bad Gateway</h1>")
    );
    assert!(
        error.excerpt().chars().count() <= 201,
        "the excerpt is short"
    );
}

#[tokio::test]
async fn an_html_page_with_a_success_status_is_a_decode_error() {
    let server = answering(
        ResponseTemplate::new(200).set_body_raw("<html>Sign in to the Wi-Fi</html>", "text/html"),
    )
    .await;

    let (status, _, excerpt) = decode_error(
        tests::client(&server)
            .account()
            .get()
            .send()
            .await
            .unwrap_err(),
    );

    assert_eq!(
        (status, excerpt.as_str()),
        (200, "<html>Sign in to the Wi-Fi</html>")
    );
}

#[tokio::test]
async fn an_empty_body_where_json_was_expected_is_a_decode_error() {
    let server = answering(ResponseTemplate::new(200)).await;

    let (status, message, excerpt) = decode_error(
        tests::client(&server)
            .account()
            .get()
            .send()
            .await
            .unwrap_err(),
    );

    assert_eq!(status, 200);
    assert_eq!(
        message,
        "the body is empty where application/json was expected"
    );
    assert_eq!(excerpt, "");
}

#[tokio::test]
async fn the_default_user_agent_names_the_crate_and_can_be_replaced() {
    let server =
        answering(ResponseTemplate::new(200).set_body_json(serde_json::json!({"1_clicks": []})))
            .await;
    tests::client(&server)
        .one_clicks()
        .list()
        .send()
        .await
        .unwrap();
    let custom = Client::builder()
        .token("t")
        .base_url(server.uri())
        .user_agent("my-tool/2.0")
        .build()
        .unwrap();
    custom.one_clicks().list().send().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let agent = |i: usize| {
        requests[i]
            .headers
            .get("user-agent")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(agent(0), digitalocean_api::DEFAULT_USER_AGENT);
    assert!(
        agent(0).starts_with("digitalocean-api-rust/0."),
        "{}",
        agent(0)
    );
    assert_eq!(agent(1), "my-tool/2.0");
}

#[tokio::test]
async fn a_connect_timeout_is_reported_as_such() {
    // A listener whose accept queue is full and never drained: further connections are not
    // answered, as with a host that drops packets.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1).unwrap();
    let address = listener.local_addr().unwrap();
    let mut held = Vec::new();
    for _ in 0..8 {
        let connect = tokio::net::TcpStream::connect(address);
        if let Ok(Ok(stream)) = tokio::time::timeout(Duration::from_millis(200), connect).await {
            held.push(stream);
        }
    }
    let client = Client::builder()
        .token(tests::TOKEN)
        .base_url(format!("http://{address}"))
        .connect_timeout(Duration::from_millis(300))
        .timeout(Duration::from_secs(60))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();

    let started = Instant::now();
    let error = client.account().get().send().await.unwrap_err();

    assert!(
        matches!(error, Error::ConnectTimeout(timeout) if timeout == Duration::from_millis(300)),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "no connection could be made within 300ms"
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    drop((listener, held));
}

#[tokio::test]
async fn a_decode_error_keeps_the_rate_limit() {
    let server = answering(
        ResponseTemplate::new(200)
            .insert_header("ratelimit-limit", "5000")
            .insert_header("ratelimit-remaining", "42")
            .set_body_raw("<html>not json</html>", "text/html"),
    )
    .await;

    let error = tests::client(&server)
        .account()
        .get()
        .send()
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    let rate_limit = error.rate_limit().expect("a response arrived");
    assert_eq!(
        (rate_limit.limit, rate_limit.remaining),
        (Some(5000), Some(42))
    );
}
