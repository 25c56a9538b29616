//! An HTTP client of the caller's: a `reqwest::Client` built from the crate's re-export works
//! with no TLS setup of the program's, and keeps the client's guarantees; with the `middleware`
//! feature, a `ClientWithMiddleware` sends every attempt through its middleware.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use digitalocean_api::reqwest_middleware::{self, Middleware, Next};
use digitalocean_api::{Client, Error, RetryPolicy, reqwest};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_through(
    server: &MockServer,
    http: impl Into<digitalocean_api::runtime::Transport>,
) -> Client {
    Client::builder()
        .token(tests::TOKEN)
        .base_url(server.uri())
        .retry(RetryPolicy::new().sleep_with(|_| async {}))
        .http_client(http)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_reqwest_client_of_the_re_export_makes_a_call() {
    let server = tests::serving_the_account().await;
    let client = client_through(&server, reqwest::Client::new());

    let response = client.account().get().send().await.unwrap();

    assert_eq!(response.status(), 200);
    let requests = server.received_requests().await.unwrap();
    let authorization = requests[0].headers["authorization"].to_str().unwrap();
    assert_eq!(authorization, format!("Bearer {}", tests::TOKEN));
}

#[tokio::test]
async fn an_answer_a_redirect_brought_from_another_host_is_refused() {
    let elsewhere = tests::serving_the_account().await;
    let server = MockServer::start().await;
    let location = format!("{}/v2/account", elsewhere.uri());
    Mock::given(any())
        .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
        .mount(&server)
        .await;
    // reqwest's own default follows redirects, where the crate's client never does.
    let client = client_through(&server, reqwest::Client::new());

    let error = client.account().get().send().await.unwrap_err();

    assert!(
        matches!(&error, Error::FollowedRedirect { location: to } if *to == location),
        "{error:?}"
    );
    assert!(error.to_string().contains("Policy::none()"), "{error}");
    let followed = elsewhere.received_requests().await.unwrap();
    assert_eq!(followed.len(), 1);
    assert!(
        followed[0].headers.get("authorization").is_none(),
        "the token never goes to another host"
    );
}

/// Counts the requests that go through it.
struct Counting(Arc<AtomicU32>);

#[async_trait::async_trait]
impl Middleware for Counting {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        self.0.fetch_add(1, Ordering::SeqCst);
        next.run(request, extensions).await
    }
}

/// Refuses every request.
struct Refusing;

#[async_trait::async_trait]
impl Middleware for Refusing {
    async fn handle(
        &self,
        _: reqwest::Request,
        _: &mut http::Extensions,
        _: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        Err(reqwest_middleware::Error::middleware(
            std::io::Error::other("not today"),
        ))
    }
}

#[tokio::test]
async fn every_attempt_goes_through_the_middleware_once() {
    let server = MockServer::start().await;
    tests::account_after_failures(&server, 1).await;
    let count = Arc::new(AtomicU32::new(0));
    let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(Counting(count.clone()))
        .build();
    let client = client_through(&server, http);

    client.account().get().send().await.unwrap();

    assert_eq!(count.load(Ordering::SeqCst), 2, "the 503 and its retry");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_middleware_s_failure_is_its_own_error_and_not_retried() {
    let server = tests::serving_the_account().await;
    let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(Refusing)
        .build();
    let client = client_through(&server, http);

    let error = client.account().get().send().await.unwrap_err();

    assert!(matches!(error, Error::Middleware(_)), "{error:?}");
    assert!(error.to_string().contains("not today"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
