//! The typed mocks answer calls made with every control of the client: a call's own options, a
//! hook, a blocking call and middleware.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use digitalocean_api::mock::MockServer;
use digitalocean_api::models::AccountGetResponse;
use digitalocean_api::reqwest_middleware;
use digitalocean_api::{Attempt, Client, Hook, RequestOptions, StatusCode, reqwest};
use wiremock::matchers::{header, query_param};

/// Records the operation of every attempt.
#[derive(Clone, Default)]
struct Operations(Arc<Mutex<Vec<&'static str>>>);

impl Hook for Operations {
    fn before_attempt(&self, attempt: &mut Attempt<'_>) {
        self.0.lock().unwrap().push(attempt.operation());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mocks_answer_calls_with_options_hooks_blocking_and_middleware() {
    let server = MockServer::start().await;
    server
        .account()
        .get()
        .respond(StatusCode::OK, AccountGetResponse::example())
        .and(header("x-team", "reports"))
        .and(header("authorization", "Bearer dop_v1_other"))
        .and(query_param("trace", "on"))
        .times(2)
        .await;
    let operations = Operations::default();
    let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).build();
    let client: Client = server
        .client_builder()
        .hook(operations.clone())
        .http_client(http)
        .build()
        .unwrap();
    let options = RequestOptions::new()
        .header("X-Team", "reports")
        .query("trace", "on")
        .token("dop_v1_other")
        .timeout(Duration::from_secs(5));

    let awaited = client
        .account()
        .get()
        .with_options(options.clone())
        .send()
        .await
        .unwrap();
    let blocked =
        std::thread::spawn(move || client.account().get().with_options(options).send_blocking())
            .join()
            .unwrap()
            .unwrap();

    assert_eq!(awaited.body(), blocked.body());
    assert_eq!(
        *operations.0.lock().unwrap(),
        ["account_get", "account_get"]
    );
}
