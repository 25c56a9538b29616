//! The typed mocks of the corpus crates: each parameter style, body encoding and kind of answer
//! the client speaks, the mocks match and answer the same way.

#[tokio::test]
async fn every_location_and_style_of_parameter_is_matched_as_the_client_writes_it() {
    use parameters_api::mock::MockServer;
    use parameters_api::models::{GetItemFilter, GetItemResponse, GetItemSort};

    let server = MockServer::start().await;
    let filter = GetItemFilter {
        color: Some("red".into()),
        size: Some(3),
        ..Default::default()
    };
    let answer = GetItemResponse {
        id: Some("i".into()),
        ..GetItemResponse::example()
    };
    server
        .operations()
        .get_item(7, "a/b", GetItemSort::Desc, 2)
        .fields(vec!["name".into(), "size".into()])
        .ids(vec![1, 2, 3])
        .filter(filter.clone())
        .x_request_id("5f8d0d55")
        .session("s 1")
        .respond(200, answer.clone())
        .strict()
        .times(1)
        .await;
    // Another value of any of them is another request.
    server
        .operations()
        .get_item(7, "a/b", GetItemSort::Asc, 2)
        .respond_error(404, serde_json::json!({"message": "not this one"}))
        .await;

    let client = server.client();
    let response = client
        .operations()
        .get_item(7, "a/b", GetItemSort::Desc, 2)
        .fields(vec!["name".into(), "size".into()])
        .ids(vec![1, 2, 3])
        .filter(filter)
        .x_request_id("5f8d0d55")
        .session("s 1")
        .send()
        .await
        .unwrap();
    assert_eq!(*response.body(), answer);

    let other = client
        .operations()
        .get_item(7, "a/b", GetItemSort::Asc, 2)
        .send()
        .await
        .unwrap_err();
    assert_eq!(other.status().unwrap(), 404);
}

#[tokio::test]
async fn form_and_binary_bodies_are_matched_and_text_and_bytes_answered() {
    use bodies_api::mock::MockServer;
    use bodies_api::models::LogInBody;

    let server = MockServer::start().await;
    let body = LogInBody {
        remember: Some(true),
        ..LogInBody::new("p&ss word", "ann")
    };
    let operations = server.operations();
    let log_in = operations.log_in().body(body.clone());
    log_in.respond(200, "welcome".to_owned()).times(1).await;
    let put = operations.put_blob("b1").body(vec![1, 2, 255]);
    put.respond(204).times(1).await;
    let get = operations.get_blob("b1");
    get.respond(200, vec![9, 0, 7]).times(1).await;

    let client = server.client();
    let operations = client.operations();
    let welcome = operations.log_in(body).send().await.unwrap();
    assert_eq!(welcome.body(), "welcome");
    assert_eq!(
        welcome.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    operations
        .put_blob("b1")
        .body(vec![1, 2, 255])
        .send()
        .await
        .unwrap();
    let blob = operations.get_blob("b1").send().await.unwrap();
    assert_eq!(blob.into_inner(), [9, 0, 7]);
}

#[tokio::test]
async fn each_success_status_is_answered_with_its_own_body() {
    use responses_api::apis::operations::StartJobSuccess;
    use responses_api::mock::MockServer;
    use responses_api::models::Job;

    let job = Job {
        id: Some("j1".into()),
        ..Job::example()
    };
    for (status, answer) in [
        (202, StartJobSuccess::Accepted(job)),
        (204, StartJobSuccess::NoContent),
    ] {
        let server = MockServer::start().await;
        let start = server.operations().start_job();
        start.respond(status, answer.clone()).times(1).await;

        let response = server.client().operations().start_job().send().await;

        let response = response.unwrap();
        assert_eq!(response.status(), status);
        assert_eq!(response.into_inner(), answer);
    }
}

#[tokio::test]
async fn unions_answer_by_their_shape_and_bodies_match_by_value() {
    use one_of_api::mock::MockServer;
    use one_of_api::models::{Circle, Measured, MeasuredLabel, Shape};

    let shape = Shape::Circle(Circle::new("circle", 2.5));
    let measured = Measured {
        shape: Some(Shape::example()),
        label: Some(MeasuredLabel::String("big".into())),
        ..Measured::example()
    };
    let server = MockServer::start().await;
    let create = server.operations().create_shape().body(shape.clone());
    create.respond(200, measured.clone()).times(1).await;

    let response = server
        .client()
        .operations()
        .create_shape(shape)
        .send()
        .await
        .unwrap();

    assert_eq!(*response.body(), measured);
    // The example of a discriminated union is its first variant, tagged.
    assert!(matches!(Shape::example(), Shape::Circle(ref c) if c.kind == "circle"));
}

/// Every corpus crate has example values, and they decode: recursive, inherited, of every
/// format, with colliding names and in other scripts.
#[test]
fn every_corpus_crate_has_example_values() {
    let company = recursion_api::models::Company::example();
    assert!(company.unknown_fields.is_empty());
    let _ = recursion_api::models::Expression::example();
    let _ = petstore_api::models::Pet::example();
    let _ = all_of_inheritance_api::models::Car::example();
    let _ = formats_api::models::Sample::example();
    let _ = names_api::models::Result2::example();
    let _ = unicode_api::models::Gru::example();
    // A spec without operations still has a server to point clients at.
    let _ = empty_api::mock::MockServer::start;
}
