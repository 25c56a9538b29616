//! Whatever a server puts in its rate-limit and `retry-after` headers, the client neither panics
//! nor waits longer than its policy allows; an HTTP-date in `retry-after` is waited for.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use digitalocean_api::{Client, RetryPolicy};
use proptest::prelude::*;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A client of `server` whose retries record their delays instead of waiting.
fn recording_client(
    server: &MockServer,
    policy: RetryPolicy,
) -> (Client, Arc<Mutex<Vec<Duration>>>) {
    let delays = Arc::new(Mutex::new(Vec::new()));
    let recorded = delays.clone();
    let policy = policy.sleep_with(move |delay| {
        recorded.lock().unwrap().push(delay);
        async {}
    });
    let client = Client::builder()
        .token(tests::TOKEN)
        .base_url(server.uri())
        .retry(policy)
        .build()
        .unwrap();
    (client, delays)
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"1_clicks": []}))
}

fn too_many_requests() -> ResponseTemplate {
    ResponseTemplate::new(429)
        .set_body_json(json!({"id": "too_many_requests", "message": "slow down"}))
}

/// Answers each template once, in order, then 200.
async fn answering(server: &MockServer, templates: Vec<ResponseTemplate>) {
    for template in templates {
        Mock::given(method("GET"))
            .respond_with(template)
            .up_to_n_times(1)
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .respond_with(ok())
        .mount(server)
        .await;
}

const HUGE: &str = "18446744073709551615";

#[tokio::test]
async fn a_reset_beyond_the_clock_on_a_success_is_no_reset() {
    let server = MockServer::start().await;
    answering(
        &server,
        vec![
            ok().insert_header("ratelimit-reset", HUGE)
                .insert_header("ratelimit-remaining", "7"),
        ],
    )
    .await;

    let response = tests::client(&server)
        .one_clicks()
        .list()
        .send()
        .await
        .unwrap();

    assert_eq!(response.rate_limit().reset, None);
    assert_eq!(response.rate_limit().remaining, Some(7));
}

#[tokio::test]
async fn a_reset_beyond_the_clock_on_a_429_does_not_panic() {
    let server = MockServer::start().await;
    answering(
        &server,
        vec![too_many_requests().insert_header("ratelimit-reset", HUGE)],
    )
    .await;
    let (client, delays) = recording_client(&server, RetryPolicy::new());

    client.one_clicks().list().send().await.unwrap();

    assert_eq!(delays.lock().unwrap().len(), 1);
    assert!(delays.lock().unwrap()[0] <= Duration::from_secs(60));
}

#[tokio::test]
async fn a_huge_retry_after_after_a_small_one_gives_up_without_panicking() {
    let server = MockServer::start().await;
    answering(
        &server,
        vec![
            too_many_requests().insert_header("retry-after", "1"),
            too_many_requests().insert_header("retry-after", HUGE),
        ],
    )
    .await;
    let (client, delays) = recording_client(&server, RetryPolicy::new());

    let error = client.one_clicks().list().send().await.unwrap_err();

    assert_eq!(error.status().unwrap(), 429);
    assert_eq!(*delays.lock().unwrap(), [Duration::from_secs(1)]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited_for() {
    let server = MockServer::start().await;
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(20));
    answering(
        &server,
        vec![too_many_requests().insert_header("retry-after", date.as_str())],
    )
    .await;
    let (client, delays) = recording_client(&server, RetryPolicy::new());

    client.one_clicks().list().send().await.unwrap();

    let delays = delays.lock().unwrap().clone();
    assert_eq!(delays.len(), 1);
    // The date has whole seconds, and a second or two may pass before it is read.
    assert!(
        delays[0] > Duration::from_secs(16) && delays[0] <= Duration::from_secs(20),
        "{delays:?}"
    );
}

#[tokio::test]
async fn a_retry_after_date_in_the_past_retries_at_once() {
    let server = MockServer::start().await;
    answering(
        &server,
        vec![too_many_requests().insert_header("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")],
    )
    .await;
    let (client, delays) = recording_client(&server, RetryPolicy::new());

    client.one_clicks().list().send().await.unwrap();

    assert_eq!(*delays.lock().unwrap(), [Duration::ZERO]);
}

#[tokio::test]
async fn max_delay_bounds_every_backoff_wait_jitter_included() {
    let server = MockServer::start().await;
    let unavailable = || ResponseTemplate::new(503).set_body_json(json!({"id": "unavailable"}));
    answering(&server, (0..9).map(|_| unavailable()).collect()).await;
    let policy = RetryPolicy::new()
        .min_delay(Duration::from_millis(500))
        .max_delay(Duration::from_secs(2))
        .max_attempts(10)
        .max_total_wait(Duration::from_secs(600));
    let (client, delays) = recording_client(&server, policy);

    client.one_clicks().list().send().await.unwrap();

    let delays = delays.lock().unwrap().clone();
    assert_eq!(delays.len(), 9);
    assert!(
        delays.iter().all(|d| *d <= Duration::from_secs(2)),
        "{delays:?}"
    );
    assert!(
        delays.iter().any(|d| *d >= Duration::from_secs(1)),
        "the waits grow towards max_delay: {delays:?}"
    );
}

/// Header values as a server may send them: any bytes a header can carry, digits and dates
/// most often.
fn header_value() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![Just(b'\t'), 0x20u8..0x7f, 0x80u8..=0xff];
    prop_oneof![
        proptest::collection::vec(byte, 0..40),
        any::<u64>().prop_map(|n| n.to_string().into_bytes()),
        "[0-9]{0,30}".prop_map(String::into_bytes),
        (0u64..=u64::MAX).prop_map(|n| format!("-{n}").into_bytes()),
        (0u64..4_000_000_000).prop_map(|secs| httpdate::fmt_http_date(
            SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
        )
        .into_bytes()),
    ]
}

const HEADERS: [&str; 4] = [
    "retry-after",
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-reset",
];

/// Any values of the four headers, on any status, for up to five answers in a row: the call ends
/// without a panic, having waited no longer in all than the policy's cap.
#[test]
fn any_rate_limit_headers_on_any_status_never_panic_nor_overstay() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(MockServer::start());
    let answers = proptest::collection::vec(
        (
            200u16..600,
            proptest::collection::vec(proptest::option::of(header_value()), 4),
        ),
        1..5,
    );
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(256));
    let outcome = runner.run(&(answers, 0u64..120), |(answers, total_wait)| {
        runtime.block_on(async {
            server.reset().await;
            let templates = answers
                .iter()
                .map(|(status, values)| {
                    let mut template = ResponseTemplate::new(*status);
                    for (name, value) in HEADERS.iter().zip(values) {
                        if let Some(value) = value {
                            template = template.insert_header(*name, header_of(value));
                        }
                    }
                    template
                })
                .collect();
            answering(&server, templates).await;
            let cap = Duration::from_secs(total_wait);
            let (client, delays) = recording_client(
                &server,
                RetryPolicy::new().max_attempts(6).max_total_wait(cap),
            );

            // Any outcome will do, as long as it is an outcome.
            let _ = client.one_clicks().list().send().await;

            let delays = delays.lock().unwrap().clone();
            let waited: Duration = delays.iter().sum();
            prop_assert!(waited <= cap, "waited {waited:?} > {cap:?}: {delays:?}");
            Ok(())
        })
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}

/// A header value of these bytes.
fn header_of(bytes: &[u8]) -> wiremock::http::HeaderValue {
    wiremock::http::HeaderValue::from_bytes(bytes)
        .expect("tab, visible ASCII and high bytes are valid")
}
