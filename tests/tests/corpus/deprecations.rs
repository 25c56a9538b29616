//! A spec that deprecates types, fields, parameters and operations gives a crate that compiles
//! without warnings (CI lints it with `-D warnings`) and still marks each of them, so that
//! users' code warns (the `compile_fail` test in `tests/src/lib.rs`).

#![allow(deprecated)]

use deprecations_api::Client;
use deprecations_api::models::{LegacyColor, LegacySort, Widget};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn deprecated_operations_parameters_and_types_still_work() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/widgets"))
        .and(query_param("region", "eu"))
        .and(query_param("sort", "size"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!([{"name": "gear", "color": "blue"}])),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/widgets"))
        .and(body_json(serde_json::json!({"name": "cog", "size": 3})))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(serde_json::json!({"name": "cog", "size": 3})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .token("t")
        .base_url(server.uri())
        .build()
        .unwrap();

    let widgets = client
        .widgets()
        .list_legacy("eu")
        .sort(LegacySort::Size)
        .send()
        .await
        .unwrap();
    let created = client
        .widgets()
        .create(Widget::new("cog", 3))
        .send()
        .await
        .unwrap();

    assert_eq!(widgets[0].color, Some(LegacyColor::Blue));
    assert_eq!(created.size, 3);
}
