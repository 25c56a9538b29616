//! `send_blocking` (the `blocking` feature) gives what `send().await` gives from a thread with no
//! async runtime, and refuses, without blocking, inside one.

use digitalocean_api::{Client, Error};
use wiremock::MockServer;

/// Runs `call` on a thread of its own, with no runtime, and returns what it returned. The test's
/// runtime, which serves the mock, needs a thread of its own while the test waits: the tests that
/// use this run on a multi-threaded one.
fn on_a_plain_thread<T: Send + 'static>(call: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::spawn(call).join().expect("the thread ends")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_blocking_from_a_plain_thread_gives_what_send_gives() {
    let server = tests::serving_the_account().await;
    let client = tests::client(&server);

    let awaited = client.account().get().send().await.unwrap();
    let blocking = client.clone();
    let blocked = on_a_plain_thread(move || blocking.account().get().send_blocking()).unwrap();

    assert_eq!(blocked.status(), awaited.status());
    assert_eq!(blocked.body(), awaited.body());
    let blocking = client.clone();
    let again = on_a_plain_thread(move || blocking.account().get().send_blocking());
    assert!(again.is_ok(), "a second call reuses the shared runtime");
}

#[tokio::test]
async fn send_blocking_inside_a_runtime_refuses_and_says_to_use_send() {
    let server = tests::serving_the_account().await;
    let client = tests::client(&server);

    let error = client.account().get().send_blocking().unwrap_err();

    assert!(
        matches!(&error, Error::InvalidRequest(message) if message.contains("send().await")),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn send_blocking_inside_a_runtime_of_one_thread_refuses_rather_than_wait_for_itself() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = Client::builder()
        .token(tests::TOKEN)
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap();

    let result = runtime.block_on(async { client.account().get().send_blocking() });

    assert!(
        matches!(result, Err(Error::InvalidRequest(_))),
        "{result:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_iterate_from_a_plain_thread_and_refuse_inside_a_runtime() {
    let server = MockServer::start().await;
    tests::actions_in_two_pages(&server).await;
    let client = tests::client(&server);

    let inside: Vec<_> = client
        .actions()
        .list()
        .stream()
        .into_blocking_iter()
        .collect();
    assert_eq!(inside.len(), 1, "one error, then the end");
    assert!(
        matches!(&inside[0], Err(Error::InvalidRequest(_))),
        "{inside:?}"
    );

    let ids = on_a_plain_thread(move || {
        let mut pages = client.actions().list().stream().into_blocking_iter();
        let first = pages.next().map(|action| action.map(|action| action.id));
        let total = pages.total();
        let rest: Result<Vec<_>, _> = pages.map(|action| action.map(|action| action.id)).collect();
        (first, total, rest)
    });
    assert_eq!(ids.0.unwrap().unwrap(), Some(1));
    assert_eq!(ids.1, Some(3));
    assert_eq!(ids.2.unwrap(), [Some(2), Some(3)]);
}
