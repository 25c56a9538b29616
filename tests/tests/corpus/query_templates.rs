use query_templates_api::Client;
use query_templates_api::models::LikeAction;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client(server: &MockServer) -> Client {
    Client::builder()
        .token("t")
        .base_url(server.uri())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_query_string_in_the_path_template_is_sent_as_query_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest"))
        .and(query_param("method", "photos.search"))
        .and(query_param("page", "2"))
        .and(query_param("text", "owls"))
        .respond_with(ResponseTemplate::new(200).set_body_json(["p1", "p2"]))
        .expect(1)
        .mount(&server)
        .await;

    // `search` is the operationId of two operations: the second by path is `search_2`.
    let photos = client(&server)
        .await
        .operations()
        .search_2(2)
        .text("owls")
        .send()
        .await
        .unwrap();

    assert_eq!(photos.into_inner(), ["p1", "p2"]);
}

#[tokio::test]
async fn the_other_operation_of_the_same_id_fixes_its_own_method() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest"))
        .and(query_param("method", "photos.get"))
        .and(query_param("id", "p1"))
        .respond_with(ResponseTemplate::new(200).set_body_json("owl.jpg"))
        .expect(1)
        .mount(&server)
        .await;

    let photo = client(&server)
        .await
        .operations()
        .search("p1")
        .send()
        .await
        .unwrap();

    assert_eq!(photo.into_inner(), "owl.jpg");
}

#[tokio::test]
async fn a_fragment_of_the_path_template_is_never_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .and(query_param("Action", "Like"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .await
        .operations()
        .like(LikeAction::Like)
        .send()
        .await
        .unwrap();

    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.url.path(), "/");
    assert_eq!(request.url.query(), Some("Action=Like"));
}
