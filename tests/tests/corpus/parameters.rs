use futures::StreamExt;
use parameters_api::Client;
use parameters_api::models::{GetItemFilter, GetItemSort, SearchQ};
use serde_json::json;
use wiremock::matchers::{any, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .token("t")
        .base_url(server.uri())
        .build()
        .unwrap()
}

async fn last_request(answer: serde_json::Value, call: impl AsyncFnOnce(Client)) -> Request {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .mount(&server)
        .await;
    call(client(&server)).await;
    server.received_requests().await.unwrap().pop().unwrap()
}

#[tokio::test]
async fn every_location_and_style_is_written_as_the_spec_says() {
    let request = last_request(
        serde_json::json!({"id": "i", "account_id": 7}),
        async |client| {
            let filter = GetItemFilter {
                color: Some("red".into()),
                size: Some(3),
                ..Default::default()
            };
            client
                .operations()
                .get_item(7, "a/b", GetItemSort::Desc, 2)
                .fields(vec!["name".into(), "size".into()])
                .ids(vec![1, 2, 3])
                .filter(filter)
                .x_request_id("5f8d0d55-b9c7-4b6c-9c71-8c8b2c7d8b1f")
                .session("s 1")
                .send()
                .await
                .unwrap();
        },
    )
    .await;

    assert_eq!(request.url.path(), "/accounts/7/items/a%2Fb");
    let query: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let expected = [
        ("fields", "name"),
        ("fields", "size"),
        ("filter[color]", "red"),
        ("filter[size]", "3"),
        ("ids", "1,2,3"),
        ("sort", "desc"),
    ];
    assert_eq!(query, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        header("x-request-id"),
        "5f8d0d55-b9c7-4b6c-9c71-8c8b2c7d8b1f"
    );
    assert_eq!(header("x-retries"), "2");
    assert_eq!(header("cookie"), "session=s%201");
}

#[tokio::test]
async fn a_parameter_with_json_content_travels_as_json_and_arrays_can_be_piped() {
    let request = last_request(serde_json::json!(["a"]), async |client| {
        let q = SearchQ {
            term: Some("blue shoes".into()),
            ..Default::default()
        };
        client
            .operations()
            .search(q)
            .tags(vec!["x".into(), "y".into()])
            .send()
            .await
            .unwrap();
    })
    .await;

    let query: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        query,
        [
            ("q".to_owned(), r#"{"term":"blue shoes"}"#.to_owned()),
            ("tags".to_owned(), "x|y".to_owned())
        ]
    );
}

#[tokio::test]
async fn an_operation_overrides_a_path_item_parameter() {
    let request = last_request(serde_json::json!({}), async |client| {
        // `account_id` is an integer on the path item and a string on this operation.
        let _ = client
            .operations()
            .delete_item("acct-1", "item-1")
            .send()
            .await;
    })
    .await;

    assert_eq!(request.method.as_str(), "DELETE");
    assert_eq!(request.url.path(), "/accounts/acct-1/items/item-1");
}

#[tokio::test]
async fn pages_numbered_by_32_bit_integers_stream_every_item() {
    let server = MockServer::start().await;
    let next = format!("{}/comments?page=2", server.uri());
    for (page, body) in [
        ("1", json!({"values": ["a", "b"], "next": next, "total": 3})),
        ("2", json!({"values": ["c"], "total": 3})),
    ] {
        Mock::given(method("GET"))
            .and(path("/comments"))
            .and(query_param("page", page))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client(&server);
    // The first page is asked for by number, an `i32`, and read as the stream's `i64`.
    let mut stream = client.operations().list_comments().page(1).stream();
    let mut items = Vec::new();
    while let Some(item) = stream.next().await {
        items.push(item.unwrap());
    }
    assert_eq!(items, ["a", "b", "c"]);
    // The total, an `i32` in the body, widened.
    assert_eq!(stream.total(), Some(3));
}

#[tokio::test]
async fn a_parameter_named_twice_in_the_path_fills_both_places() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/locations/System.west%20eu/sites/west%20eu"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    client(&server)
        .operations()
        .get_site("west eu")
        .send()
        .await
        .unwrap();
}

/// Parameters named like the builder's own methods (`send`, `with_options`, `send_blocking`) are
/// setters of other names, and travel beside the call's own options.
#[tokio::test]
async fn parameters_named_like_the_builder_s_methods_travel_beside_its_options() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = names_api::Client::builder()
        .base_url(server.uri())
        .build()
        .unwrap();

    client
        .self_2()
        .get("t")
        .send_2("a")
        .with_options_2("b")
        .send_blocking_2("c")
        .with_options(names_api::RequestOptions::new().query("extra", "d"))
        .send()
        .await
        .unwrap();

    let request = server.received_requests().await.unwrap().pop().unwrap();
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let pairs: Vec<(&str, &str)> = query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("send", "a"),
            ("send_blocking", "c"),
            ("with_options", "b"),
            ("extra", "d")
        ]
    );
}
