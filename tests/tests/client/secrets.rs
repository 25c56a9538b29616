//! The token goes to the configured host in the Authorization header, and nowhere else: not in
//! `Debug`, not in errors, never over plain HTTP by mistake. Traces are checked by the `traces`
//! test binary.

use digitalocean_api::{Client, Error};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "dop_v1_9f3a2c1e4b5d6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f";

#[test]
fn from_env_reads_and_cleans_the_token() {
    // The only test that touches this variable.
    let name = digitalocean_api::TOKEN_ENV_VAR;
    assert_eq!(name, "DIGITALOCEAN_TOKEN");
    unsafe { std::env::remove_var(name) };
    let missing = Client::from_env().unwrap_err();
    assert!(matches!(missing, Error::Config(_)));
    assert!(
        missing
            .to_string()
            .contains("DIGITALOCEAN_TOKEN is not set"),
        "{missing}"
    );
    unsafe { std::env::set_var(name, "  \"\" \n") };
    let empty = Client::from_env().unwrap_err();
    assert_eq!(
        empty.to_string(),
        "invalid client configuration: the environment variable DIGITALOCEAN_TOKEN is empty; set it to an API token",
        "quotes and spaces alone are no token"
    );
    unsafe { std::env::set_var(name, "dop_v1_caf\u{e9}") };
    let garbled = Client::from_env().unwrap_err();
    assert!(
        garbled.to_string().starts_with(
            "invalid client configuration: the environment variable DIGITALOCEAN_TOKEN has a character"
        ),
        "{garbled}"
    );
    unsafe { std::env::set_var(name, format!(" '{SECRET}'\n")) };
    let client = Client::from_env().unwrap();
    assert!(!format!("{client:?}").contains(SECRET));
    unsafe { std::env::remove_var(name) };
}

#[tokio::test]
async fn a_pasted_token_is_sent_without_its_quotes_and_newline() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"1_clicks": []})))
        .mount(&server)
        .await;
    let client = Client::builder()
        .token(format!("\"{SECRET}\"\n"))
        .base_url(server.uri())
        .build()
        .unwrap();

    client.one_clicks().list().send().await.unwrap();

    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        sent.headers.get("authorization").unwrap(),
        &format!("Bearer {SECRET}")
    );
}

#[test]
fn plain_http_is_refused_except_on_loopback_or_when_allowed() {
    let build = |url: &str, allow: bool| {
        Client::builder()
            .token(SECRET)
            .base_url(url)
            .allow_insecure_http(allow)
            .build()
    };
    let refused = build("http://api.example.com", false).unwrap_err();
    assert!(
        matches!(&refused, Error::InsecureBaseUrl { url } if url == "http://api.example.com"),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("clear text"), "{refused}");
    assert!(!refused.to_string().contains("9f3a2c1e"));
    assert!(build("http://api.example.com", true).is_ok());
    assert!(build("http://127.0.0.1:4000", false).is_ok());
    assert!(build("https://api.example.com", false).is_ok());
}

#[test]
fn empty_tokens_are_refused_when_the_client_is_built() {
    for empty in ["", "  ", "\"\"", "''", " \" \" \n"] {
        let error = Client::new(empty).unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{empty:?}: {error:?}");
        assert_eq!(
            error.to_string(),
            "invalid client configuration: the token is empty; set it to an API token",
            "{empty:?}"
        );
    }
}

#[test]
fn tokens_that_a_header_cannot_carry_as_text_are_refused_when_the_client_is_built() {
    for token in [
        "dop_v1_caf\u{e9}",
        "dop_v1_\u{7}bell",
        "dop v1 spaced",
        "dop_v1_\u{1F511}",
    ] {
        let error = Client::builder().token(token).build().unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{token:?}: {error:?}");
        let message = error.to_string();
        assert!(
            message.starts_with("invalid client configuration: the token has a character"),
            "{message}"
        );
        assert!(
            !message.contains("dop"),
            "the error does not show the token: {message}"
        );
    }
}
