use media_types_api::Client;
use media_types_api::apis::operations::SummarizeFileSuccess;
use wiremock::matchers::{body_bytes, header, headers, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn client(server: &MockServer) -> Client {
    Client::builder()
        .token("t")
        .base_url(server.uri())
        .build()
        .unwrap()
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests.pop().unwrap()
}

#[tokio::test]
async fn a_text_body_is_sent_and_received_as_a_string() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/notes/n1"))
        .and(header("content-type", "text/plain; charset=utf-8"))
        .and(header("accept", "text/plain"))
        .and(body_bytes("buy milk\r\nand eggs"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("buy milk\nand eggs", "text/plain"))
        .expect(1)
        .mount(&server)
        .await;

    let note = client(&server)
        .await
        .operations()
        .put_note("n1", "buy milk\r\nand eggs".to_owned())
        .send()
        .await
        .unwrap();

    assert_eq!(note.into_inner(), "buy milk\nand eggs");
}

#[tokio::test]
async fn an_xml_body_travels_as_bytes_with_its_media_type() {
    let server = MockServer::start().await;
    let receipt = b"<receipt><number>42</number></receipt>".to_vec();
    Mock::given(method("POST"))
        .and(path("/orders"))
        .and(header("content-type", "application/xml"))
        .and(header("accept", "application/xml"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(receipt.clone(), "application/xml"))
        .expect(1)
        .mount(&server)
        .await;

    let order = b"<order><item>tea</item></order>".to_vec();
    let answer = client(&server)
        .await
        .operations()
        .submit_order(order.clone())
        .send()
        .await
        .unwrap();

    assert_eq!(answer.status(), 201);
    assert_eq!(answer.into_inner(), receipt);
    assert_eq!(only_request(&server).await.body, order);
}

#[tokio::test]
async fn a_token_body_goes_with_its_own_media_type_and_the_answer_is_json() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/sessions"))
        .and(header("content-type", "application/jwt"))
        .and(header("accept", "application/json"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"session": "s1"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let session = client(&server)
        .await
        .operations()
        .open_session(b"eyJhbGciOiJIUzI1NiJ9.e30.sig".to_vec())
        .send()
        .await
        .unwrap();

    assert_eq!(session.session, "s1");
    assert_eq!(
        only_request(&server).await.body,
        b"eyJhbGciOiJIUzI1NiJ9.e30.sig"
    );
}

#[tokio::test]
async fn a_required_binary_body_is_sent_as_it_is() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/files/a.bin"))
        .and(header("content-type", "application/octet-stream"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let bytes = vec![0, 1, 2, 254, 255];
    client(&server)
        .await
        .operations()
        .upload_file("a.bin", bytes.clone())
        .send()
        .await
        .unwrap();

    assert_eq!(only_request(&server).await.body, bytes);
}

#[tokio::test]
async fn a_file_is_asked_for_in_every_media_type_the_operation_reads() {
    let server = MockServer::start().await;
    let png = vec![0x89, b'P', b'N', b'G'];
    Mock::given(method("GET"))
        .and(path("/files/a.png"))
        // One header, `application/pdf, image/png`, which the matcher splits at its comma.
        .and(headers("accept", vec!["application/pdf", "image/png"]))
        .respond_with(ResponseTemplate::new(200).set_body_raw(png.clone(), "image/png"))
        .expect(1)
        .mount(&server)
        .await;

    let file = client(&server)
        .await
        .operations()
        .download_file("a.png")
        .send()
        .await
        .unwrap();

    assert_eq!(file.headers()["content-type"], "image/png");
    assert_eq!(file.into_inner(), png);
}

#[tokio::test]
async fn each_success_is_read_in_its_own_media_type() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/files/a/summary"))
        .and(headers("accept", vec!["application/json", "text/plain"]))
        .respond_with(ResponseTemplate::new(202).set_body_raw("about a minute", "text/plain"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/files/a/summary"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"words": 120})))
        .mount(&server)
        .await;
    let client = client(&server).await;

    let first = client
        .operations()
        .summarize_file("a")
        .send()
        .await
        .unwrap();
    let second = client
        .operations()
        .summarize_file("a")
        .send()
        .await
        .unwrap();

    assert_eq!(
        first.into_inner(),
        SummarizeFileSuccess::Accepted("about a minute".into())
    );
    assert!(matches!(
        second.into_inner(),
        SummarizeFileSuccess::Ok(summary) if summary.words == Some(120)
    ));
}
