use responses_api::Client;
use responses_api::apis::operations::StartJobSuccess;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(answer: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(answer).mount(&server).await;
    let client = Client::builder()
        .token("t")
        .base_url(server.uri())
        .retry(responses_api::RetryPolicy::disabled())
        .build()
        .unwrap();
    (server, client)
}

#[tokio::test]
async fn each_success_status_has_its_own_body() {
    let (_s, c) =
        client(ResponseTemplate::new(200).set_body_json(serde_json::json!({"value": 1.5}))).await;
    let StartJobSuccess::Ok(result) = c
        .operations()
        .start_job()
        .send()
        .await
        .unwrap()
        .into_inner()
    else {
        panic!("200 is Ok")
    };
    assert_eq!(result.value, Some(1.5));

    let (_s, c) = client(
        ResponseTemplate::new(202).set_body_json(serde_json::json!({"id": "j1", "poll_after": 5})),
    )
    .await;
    let response = c.operations().start_job().send().await.unwrap();
    assert_eq!(response.status(), 202);
    let StartJobSuccess::Accepted(job) = response.into_inner() else {
        panic!("202 is Accepted")
    };
    assert_eq!((job.id.as_deref(), job.poll_after), (Some("j1"), Some(5)));

    let (_s, c) = client(ResponseTemplate::new(204)).await;
    assert_eq!(
        c.operations()
            .start_job()
            .send()
            .await
            .unwrap()
            .into_inner(),
        StartJobSuccess::NoContent
    );

    let (_s, c) = client(ResponseTemplate::new(206)).await;
    let error = c.operations().start_job().send().await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("does not document the status 206"),
        "{error}"
    );
}

#[tokio::test]
async fn a_status_range_is_an_error_with_its_typed_body() {
    let (_s, c) = client(
        ResponseTemplate::new(422)
            .set_body_json(serde_json::json!({"title": "Bad", "detail": "no"})),
    )
    .await;
    let error = c.operations().start_job().send().await.unwrap_err();
    let body = error.api().unwrap().body().unwrap();
    assert_eq!(
        (body.title.as_deref(), body.detail.as_deref()),
        (Some("Bad"), Some("no"))
    );
}

#[tokio::test]
async fn default_only_responses_describe_the_success() {
    let (_s, c) =
        client(ResponseTemplate::new(200).set_body_json(serde_json::json!({"healthy": true})))
            .await;
    assert_eq!(
        c.operations().get_status().send().await.unwrap().healthy,
        Some(true)
    );

    let (_s, c) = client(ResponseTemplate::new(200)).await;
    assert_eq!(c.operations().ping().send().await.unwrap().status(), 200);

    let (_s, c) =
        client(ResponseTemplate::new(201).set_body_json(serde_json::json!({"value": 2}))).await;
    assert_eq!(
        c.operations().get_range().send().await.unwrap().value,
        Some(2.0)
    );
}
