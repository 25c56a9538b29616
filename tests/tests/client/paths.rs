//! Path parameters are encoded so that no value can change which path a request goes to.

use digitalocean_api::Error;
use digitalocean_api::models::AppsLogType;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn slashes_dots_and_question_marks_stay_inside_their_segment() {
    let server = server().await;
    let client = tests::client(&server);

    for (component, encoded) in [
        ("web/../../admin", "web%2F..%2F..%2Fadmin"),
        ("../secrets", "..%2Fsecrets"),
        ("web?type=RUN#x", "web%3Ftype%3DRUN%23x"),
        ("a b%2F", "a%20b%252F"),
    ] {
        client
            .apps()
            .get_logs("app-1", "dep-1", component, AppsLogType::Build)
            .send()
            .await
            .unwrap();
        let requests = server.received_requests().await.unwrap();
        let url = &requests.last().unwrap().url;
        assert_eq!(
            url.path(),
            format!("/v2/apps/app-1/deployments/dep-1/components/{encoded}/logs")
        );
        assert_eq!(
            url.query(),
            Some("type=BUILD"),
            "the query is only what the caller set"
        );
    }
}

#[tokio::test]
async fn a_value_that_would_change_the_path_is_refused_before_sending() {
    let server = server().await;
    let client = tests::client(&server);

    for refused in ["..", ".", ""] {
        let error = client
            .apps()
            .get_logs("app-1", "dep-1", refused, AppsLogType::Build)
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{refused:?}: {error:?}"
        );
        assert!(error.to_string().contains("component_name"), "{error}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_proxy_base_path_is_kept() {
    let server = server().await;
    let client = digitalocean_api::Client::builder()
        .token(tests::TOKEN)
        .base_url(format!("{}/proxy/do/", server.uri()))
        .build()
        .unwrap();

    client.actions().get(7).send().await.unwrap();

    assert_eq!(
        server.received_requests().await.unwrap()[0].url.path(),
        "/proxy/do/v2/actions/7"
    );
}
