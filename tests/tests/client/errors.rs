//! Error statuses become `Error::Api` with the body's fields and the rate limits.

use digitalocean_api::mock::{Expectation, MockServer};
use digitalocean_api::{Client, Error, ErrorBody};
use tests::{Once, api_error, client, decoded, mock_server, response_example};

/// Every error status the spec documents for `operation`, with its example body, answered by
/// the expectation `mount` makes.
async fn assert_errors(
    operation: &str,
    statuses: &[u16],
    mount: impl for<'a> Fn(&'a MockServer, u16, ErrorBody) -> Expectation<'a>,
    call: impl AsyncFn(&Client) -> Result<(), Error>,
) {
    for &status in statuses {
        let server = mock_server().await;
        let mut body = response_example(operation, status);
        body["request_id"] = "4d9d8375-3c56-4925-a3e7-eb137fed17e9".into();
        mount(&server, status, decoded(&body))
            .header("ratelimit-remaining", "4816")
            .once()
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
        &[401, 429, 500],
        |server, status, body| server.account().get().respond_error(status, body),
        async |client| client.account().get().send().await.map(drop),
    )
    .await;
}

#[tokio::test]
async fn action_errors() {
    assert_errors(
        "actions_get",
        &[401, 404, 429, 500],
        |server, status, body| server.actions().get(7).respond_error(status, body),
        async |client| client.actions().get(7).send().await.map(drop),
    )
    .await;
}

#[tokio::test]
async fn add_on_errors() {
    assert_errors(
        "addons_delete",
        &[401, 404, 429, 500],
        |server, status, body| server.add_ons().delete("x").respond_error(status, body),
        async |client| client.add_ons().delete("x").send().await.map(drop),
    )
    .await;
}

#[tokio::test]
async fn an_undocumented_error_status_is_an_api_error_too() {
    let server = mock_server().await;
    let body = response_example("oneClicks_list", 500);
    let list = server.one_clicks().list();
    list.respond_error(418, decoded(&body)).once().await;

    let error = api_error(client(&server).one_clicks().list().send().await);

    assert_eq!(error.status(), 418);
    assert_eq!(error.id(), Some("server_error"));
}
