//! Error statuses become `Error::Api` with the body's fields and the rate limits.

use tests::{Expected, api_error, client, response_example};
use wiremock::MockServer;

/// Every error status the spec documents for `operation`, with its example body.
async fn assert_errors(
    operation: &str,
    path: &str,
    statuses: &[u16],
    call: impl AsyncFn(&digitalocean_api::Client) -> Result<(), digitalocean_api::Error>,
) {
    for &status in statuses {
        let server = MockServer::start().await;
        let mut body = response_example(operation, status);
        body["request_id"] = "4d9d8375-3c56-4925-a3e7-eb137fed17e9".into();
        Expected::new(operation, path)
            .answer(&server, status, Some(body.clone()))
            .await;

        let error = api_error(call(&client(&server)).await);

        assert_eq!(error.status(), status);
        assert_eq!(error.id(), body["id"].as_str());
        assert_eq!(error.message(), body["message"].as_str());
        assert_eq!(
            error.request_id(),
            Some("4d9d8375-3c56-4925-a3e7-eb137fed17e9")
        );
        let typed = error
            .body()
            .expect("the error body has the documented shape");
        assert_eq!(typed.id, body["id"].as_str().unwrap());
        assert_eq!(
            typed.request_id.as_deref(),
            Some("4d9d8375-3c56-4925-a3e7-eb137fed17e9")
        );
        assert_eq!(error.rate_limit().remaining, Some(4816));
        let message = error.to_string();
        assert!(
            message.contains(&status.to_string())
                && message.contains(body["message"].as_str().unwrap()),
            "{message}"
        );
    }
}

#[tokio::test]
async fn account_errors() {
    assert_errors(
        "account_get",
        "/v2/account",
        &[401, 429, 500],
        async |client| client.account().get().send().await.map(drop),
    )
    .await;
}

#[tokio::test]
async fn action_errors() {
    assert_errors(
        "actions_get",
        "/v2/actions/7",
        &[401, 404, 429, 500],
        async |client| client.actions().get(7).send().await.map(drop),
    )
    .await;
}

#[tokio::test]
async fn add_on_errors() {
    assert_errors(
        "addons_delete",
        "/v2/add-ons/saas/x",
        &[401, 404, 429, 500],
        async |client| client.add_ons().delete("x").send().await.map(drop),
    )
    .await;
}

#[tokio::test]
async fn an_undocumented_error_status_is_an_api_error_too() {
    let server = MockServer::start().await;
    let body = response_example("oneClicks_list", 500);
    Expected::new("oneClicks_list", "/v2/1-clicks")
        .answer(&server, 418, Some(body))
        .await;

    let error = api_error(client(&server).one_clicks().list().send().await);

    assert_eq!(error.status(), 418);
    assert_eq!(error.id(), Some("server_error"));
}
