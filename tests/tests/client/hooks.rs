//! Hooks see every attempt before it is sent and every response after it arrives, may add
//! headers, and never see the token in what they can print.

use std::sync::{Arc, Mutex};

use digitalocean_api::reqwest::header::HeaderValue;
use digitalocean_api::{Attempt, AttemptResponse, Client, ClientBuilder, Hook, RetryPolicy};
use wiremock::MockServer;

/// What a hook saw, in order: `before op #n` and `after op #n status`, and what the requests it
/// saw print as.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<String>>>,
    printed: Arc<Mutex<Vec<String>>>,
}

impl Hook for Recorder {
    fn before_attempt(&self, attempt: &mut Attempt<'_>) {
        let line = format!("before {} #{}", attempt.operation(), attempt.number());
        self.seen.lock().unwrap().push(line);
        self.printed
            .lock()
            .unwrap()
            .push(format!("{:?}", attempt.request()));
        let number = HeaderValue::from(attempt.number());
        attempt.headers_mut().insert("x-attempt", number);
    }

    fn after_response(&self, response: &AttemptResponse<'_>) {
        let line = format!(
            "after {} #{} {}",
            response.operation(),
            response.number(),
            response.status().as_u16()
        );
        self.seen.lock().unwrap().push(line);
    }
}

/// A builder of a client of `server` with the test token and `retry`.
fn builder(server: &MockServer, retry: RetryPolicy) -> ClientBuilder {
    Client::builder()
        .token(tests::TOKEN)
        .base_url(server.uri())
        .retry(retry)
}

#[tokio::test]
async fn a_hook_sees_each_attempt_s_number_and_adds_a_header() {
    let server = MockServer::start().await;
    tests::account_after_failures(&server, 2).await;
    let recorder = Recorder::default();
    let client = builder(&server, RetryPolicy::new().sleep_with(|_| async {}))
        .hook(recorder.clone())
        .build()
        .unwrap();

    client.account().get().send().await.unwrap();

    assert_eq!(
        *recorder.seen.lock().unwrap(),
        [
            "before account_get #1",
            "after account_get #1 503",
            "before account_get #2",
            "after account_get #2 503",
            "before account_get #3",
            "after account_get #3 200",
        ]
    );
    let attempts: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.headers["x-attempt"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(attempts, ["1", "2", "3"]);
}

#[tokio::test]
async fn the_token_a_hook_can_print_is_marked_sensitive() {
    let server = MockServer::start().await;
    tests::account_after_failures(&server, 2).await;
    let recorder = Recorder::default();
    let client = builder(&server, RetryPolicy::disabled())
        .hook(recorder.clone())
        .build()
        .unwrap();

    let _ = client.account().get().send().await;

    let printed = recorder.printed.lock().unwrap().join("\n");
    assert!(printed.contains("authorization"), "{printed}");
    assert!(printed.contains("Sensitive"), "{printed}");
    assert!(!printed.contains(tests::TOKEN), "{printed}");
}

#[tokio::test]
async fn hooks_run_in_the_order_they_were_registered() {
    struct Named(&'static str, Arc<Mutex<Vec<&'static str>>>);
    impl Hook for Named {
        fn before_attempt(&self, _: &mut Attempt<'_>) {
            self.1.lock().unwrap().push(self.0);
        }
    }
    let server = MockServer::start().await;
    tests::account_after_failures(&server, 2).await;
    let order = Arc::new(Mutex::new(Vec::new()));
    let client = builder(&server, RetryPolicy::disabled())
        .hook(Named("first", order.clone()))
        .hook(Named("second", order.clone()))
        .build()
        .unwrap();

    let _ = client.account().get().send().await;

    assert_eq!(*order.lock().unwrap(), ["first", "second"]);
}
