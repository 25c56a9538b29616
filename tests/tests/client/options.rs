//! One call's own settings (`with_options`) hold for that call alone: on each of its retries and
//! on every page of its stream, and the client's settings stay as they were for the next call.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use digitalocean_api::{Client, Error, RequestOptions, RetryPolicy};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A retry policy that does not wait, and counts the waits it was asked for.
fn no_wait() -> (RetryPolicy, Arc<Mutex<u32>>) {
    let waits = Arc::new(Mutex::new(0));
    let counted = waits.clone();
    let policy = RetryPolicy::new().sleep_with(move |_| {
        *counted.lock().unwrap() += 1;
        async {}
    });
    (policy, waits)
}

/// A client of `server` with the test token, a long timeout and the client's own retries (which
/// do not wait).
fn client(server: &MockServer) -> Client {
    Client::builder()
        .token(tests::TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_secs(60))
        .retry(no_wait().0)
        .build()
        .unwrap()
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
}

fn query(request: &Request, name: &str) -> Vec<String> {
    request
        .url
        .query_pairs()
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
        .collect()
}

#[tokio::test]
async fn a_call_s_timeout_fires_while_the_client_s_is_long() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(tests::response_example("account_get", 200))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let options = RequestOptions::new().timeout(Duration::from_millis(200));

    let error = client
        .account()
        .get()
        .with_options(options)
        .send()
        .await
        .unwrap_err();

    assert!(
        matches!(error, Error::Timeout(timeout) if timeout == Duration::from_millis(200)),
        "{error:?}"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "a timeout is not retried"
    );
}

#[tokio::test]
async fn an_extra_header_and_query_pair_arrive_on_every_retry() {
    let server = MockServer::start().await;
    tests::account_after_failures(&server, 2).await;
    let options = RequestOptions::new()
        .header("X-Request-Id", "7f1c")
        .query("trace", "on");

    client(&server)
        .account()
        .get()
        .with_options(options)
        .send()
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3, "two retries");
    for request in &requests {
        assert_eq!(header(request, "x-request-id"), Some("7f1c"));
        assert_eq!(query(request, "trace"), ["on"]);
    }
}

#[tokio::test]
async fn an_extra_header_and_query_pair_arrive_on_every_page() {
    let server = MockServer::start().await;
    tests::actions_in_two_pages(&server).await;
    let options = RequestOptions::new()
        .header("X-Request-Id", "7f1c")
        .query("trace", "on");

    let actions = client(&server)
        .actions()
        .list()
        .with_options(options)
        .stream()
        .collect_all()
        .await
        .unwrap();

    assert_eq!(actions.len(), 3);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2, "two pages");
    assert_eq!(query(&requests[1], "page"), ["2"]);
    for request in &requests {
        assert_eq!(header(request, "x-request-id"), Some("7f1c"));
        assert_eq!(query(request, "trace"), ["on"]);
    }
}

#[tokio::test]
async fn retries_disabled_for_a_call_make_one_attempt_on_a_503() {
    let server = MockServer::start().await;
    tests::account_after_failures(&server, 1).await;
    let client = client(&server);

    let error = client
        .account()
        .get()
        .with_options(RequestOptions::new().retry(RetryPolicy::disabled()))
        .send()
        .await
        .unwrap_err();

    assert_eq!(error.status().map(|status| status.as_u16()), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    server.reset().await;
    tests::account_after_failures(&server, 1).await;
    client.account().get().send().await.unwrap();
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "the next call retries as the client says"
    );
}

#[tokio::test]
async fn a_call_s_token_is_what_the_server_sees_for_that_call_alone() {
    let server = MockServer::start().await;
    tests::account_after_failures(&server, 0).await;
    let client = client(&server);

    client
        .account()
        .get()
        .with_options(RequestOptions::new().token(" dop_v1_other_team\n"))
        .send()
        .await
        .unwrap();
    client.account().get().send().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let tokens: Vec<_> = requests
        .iter()
        .map(|request| header(request, "authorization"))
        .collect();
    let own = format!("Bearer {}", tests::TOKEN);
    assert_eq!(
        tokens,
        [Some("Bearer dop_v1_other_team"), Some(own.as_str())]
    );
}

#[tokio::test]
async fn options_that_cannot_be_sent_are_an_error_at_send_and_nothing_is_sent() {
    let server = MockServer::start().await;
    tests::account_after_failures(&server, 0).await;
    let client = client(&server);
    let refused = [
        (
            RequestOptions::new().header("Authorization", "Bearer x"),
            "token",
        ),
        (
            RequestOptions::new().header("host", "evil.example"),
            "base URL",
        ),
        (
            RequestOptions::new().header("bad name", "x"),
            "not a header name",
        ),
        (
            RequestOptions::new().header("X-Note", "a\nb"),
            "cannot carry",
        ),
        (RequestOptions::new().token("two words"), "visible ASCII"),
        (RequestOptions::new().token(""), "empty"),
    ];

    for (options, said) in refused {
        let debug = format!("{options:?}");
        let error = client
            .account()
            .get()
            .with_options(options)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(message) if message.contains(said)),
            "{debug}: {error:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_extra_header_replaces_the_call_s_own() {
    let server = MockServer::start().await;
    tests::account_after_failures(&server, 0).await;

    client(&server)
        .account()
        .get()
        .with_options(RequestOptions::new().header("User-Agent", "reports/2.0"))
        .send()
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    let agents: Vec<_> = requests[0].headers.get_all("user-agent").iter().collect();
    assert_eq!(agents, ["reports/2.0"]);
}
