//! A redirect never changes where a request goes: it is not followed, and the error says where it
//! pointed.

use digitalocean_api::models::{AppSpec, AppsUpdateAppRequest};
use digitalocean_api::{Client, Error};
use wiremock::matchers::{any, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn redirecting(status: u16, location: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(status).insert_header("location", location))
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn update(client: &Client) -> digitalocean_api::apis::apps::Update {
    client
        .apps()
        .update("c2a93513", AppsUpdateAppRequest::new(AppSpec::new("web")))
}

/// The status and location of a redirect error.
fn redirect(error: Error) -> (u16, Option<String>) {
    let message = error.to_string();
    match error {
        Error::Redirect {
            status, location, ..
        } => {
            if let Some(location) = &location {
                assert!(message.contains(location.as_str()), "{message}");
            }
            (status.as_u16(), location)
        }
        other => panic!("expected a redirect error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&elsewhere)
        .await;
    let location = format!("{}/v2/apps/c2a93513", elsewhere.uri());
    let server = redirecting(307, &location).await;

    let error = update(&tests::client(&server)).send().await.unwrap_err();

    assert_eq!(redirect(error), (307, Some(location)));
    assert!(
        elsewhere.received_requests().await.unwrap().is_empty(),
        "the other host received nothing"
    );
}

#[tokio::test]
async fn a_redirect_on_the_same_host_is_not_followed_either() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(308).insert_header("location", "/v2/apps/c2a93513/"))
        .expect(1)
        .mount(&server)
        .await;

    let error = update(&tests::client(&server)).send().await.unwrap_err();

    let expected = format!("{}/v2/apps/c2a93513/", server.uri());
    assert_eq!(redirect(error), (308, Some(expected)));
}

#[tokio::test]
async fn a_redirect_without_a_location_is_reported_too() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(302))
        .expect(1)
        .mount(&server)
        .await;

    let error = update(&tests::client(&server)).send().await.unwrap_err();

    assert_eq!(redirect(error), (302, None));
}
