use bodies_api::Client;
use bodies_api::models::{LogInBody, UploadBody};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server(verb: &str, route: &str, answer: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .token("t")
        .base_url(server.uri())
        .build()
        .unwrap();
    (server, client)
}

async fn only_request(server: &MockServer) -> Request {
    server.received_requests().await.unwrap().pop().unwrap()
}

#[tokio::test]
async fn a_form_body_is_url_encoded_and_a_text_answer_is_a_string() {
    let (server, client) = server(
        "POST",
        "/login",
        ResponseTemplate::new(200).set_body_raw("welcome", "text/plain"),
    )
    .await;
    let body = LogInBody {
        remember: Some(true),
        ..LogInBody::new("p&ss word", "ann")
    };

    let response = client.operations().log_in(body).send().await.unwrap();

    assert_eq!(response.body(), "welcome");
    let request = only_request(&server).await;
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "password=p%26ss+word&remember=true&username=ann"
    );
}

#[tokio::test]
async fn a_multipart_body_has_a_part_per_field_and_per_item() {
    let (server, client) = server(
        "POST",
        "/uploads",
        ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "u1"})),
    )
    .await;
    let body = UploadBody {
        description: Some("a picture".into()),
        labels: Some(vec!["one".into(), "two".into()]),
        ..UploadBody::new(vec![0, 159, 146, 150])
    };

    let response = client.operations().upload(body).send().await.unwrap();

    assert_eq!(response.id.as_deref(), Some("u1"));
    let request = only_request(&server).await;
    let content_type = request
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type");
    let parts: Vec<&[u8]> = split(&request.body, format!("--{boundary}").as_bytes());
    let named = |name: &str| -> Vec<Vec<u8>> {
        let marker = format!("name=\"{name}\"");
        parts
            .iter()
            .filter(|part| contains(part, marker.as_bytes()))
            .map(|part| {
                let start = find(part, b"\r\n\r\n").unwrap() + 4;
                part[start..part.len() - 2].to_vec()
            })
            .collect()
    };
    assert_eq!(named("file"), [vec![0, 159, 146, 150]]);
    assert_eq!(named("description"), [b"a picture".to_vec()]);
    assert_eq!(named("labels"), [b"one".to_vec(), b"two".to_vec()]);
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

fn split<'a>(mut body: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = find(body, separator) {
        parts.push(&body[..at]);
        body = &body[at + separator.len()..];
    }
    parts.push(body);
    parts
}

#[tokio::test]
async fn binary_bodies_travel_as_they_are() {
    let (put, client) = server("PUT", "/blobs/b1", ResponseTemplate::new(204)).await;
    client
        .operations()
        .put_blob("b1")
        .body(vec![1, 2, 255])
        .send()
        .await
        .unwrap();
    let request = only_request(&put).await;
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/octet-stream"
    );
    assert_eq!(request.body, [1, 2, 255]);

    let (_server, client) = server(
        "GET",
        "/blobs/b1",
        ResponseTemplate::new(200).set_body_raw(vec![9u8, 0, 7], "application/octet-stream"),
    )
    .await;
    let blob = client.operations().get_blob("b1").send().await.unwrap();
    assert_eq!(blob.into_inner(), [9, 0, 7]);
}
