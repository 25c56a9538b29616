//! The `do-api` command line, run as a user runs it, against the typed mocks.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use assert_cmd::assert::Assert;
use digitalocean_api::mock::MockServer;
use digitalocean_api::models::{
    Account, AccountGetResponse, Action, ActionsListResponse, App, AppSpec, AppsCreateAppRequest,
    AppsResponse, LinkPages, MetaProperties, PageLinks,
};
use digitalocean_api::{ErrorBody, StatusCode};
use serde_json::Value;
use wiremock::matchers::header;

const TOKEN: &str = "dop_v1_cli";

/// The `do-api` binary, built once for the run so that it is never stale. It is built with the
/// features `cargo test --workspace` gives every crate (with the tests' dependencies), so that
/// after that command it only needs linking.
fn binary() -> &'static PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let mut cargo = Command::new(env!("CARGO"));
        let build = [
            "build",
            "--quiet",
            "--workspace",
            "--tests",
            "--bin",
            "do-api",
        ];
        cargo.args(build).current_dir(tests::root());
        // What cargo sets for this test is not the build's: a build script that reads it
        // (aws-lc-sys's reads CARGO_MANIFEST_DIR) would run again, and everything above it be
        // rebuilt.
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            let set_for_a_crate = name.starts_with("CARGO_PKG_")
                || name.starts_with("CARGO_BIN_")
                || [
                    "CARGO_MANIFEST_DIR",
                    "CARGO_MANIFEST_PATH",
                    "CARGO_CRATE_NAME",
                    "CARGO_PRIMARY_PACKAGE",
                    "CARGO_TARGET_TMPDIR",
                    "CARGO_RUSTC_CURRENT_DIR",
                    "OUT_DIR",
                ]
                .contains(&name.as_ref());
            if set_for_a_crate {
                cargo.env_remove(name.as_ref());
            }
        }
        let status = cargo.status().expect("cargo runs");
        assert!(status.success(), "do-api builds");
        assert_cmd::cargo::cargo_bin("do-api")
    })
}

/// `do-api ARGS` with the token, against `server`.
fn do_api(server: &MockServer, args: &[&str]) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(binary());
    command
        .env(digitalocean_api::TOKEN_ENV_VAR, TOKEN)
        .args(["--base-url", &server.uri()])
        .args(args)
        .timeout(Duration::from_secs(60));
    command
}

/// Runs the command on a blocking thread, so that the server keeps answering, and checks that
/// the token shows neither in its output nor in its errors, whatever the command did.
async fn run(mut command: assert_cmd::Command) -> Assert {
    let assert = tokio::task::spawn_blocking(move || command.assert())
        .await
        .expect("the command runs");
    let output = assert.get_output();
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(TOKEN), "the token is on {stream}: {text}");
    }
    assert
}

fn stdout_json(assert: &Assert) -> Value {
    let stdout = &assert.get_output().stdout;
    serde_json::from_slice(stdout).expect("stdout is JSON")
}

fn stderr(assert: &Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

#[test]
fn help_lists_the_resources_with_the_spec_s_words() {
    let assert = assert_cmd::Command::new(binary())
        .arg("--help")
        .assert()
        .success();
    let help = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    for resource in ["account", "actions", "add-ons", "apps", "one-clicks"] {
        assert!(help.contains(&format!("\n  {resource} ")), "{help}");
    }
    assert!(help.contains("Actions are records of events"), "{help}");
    assert!(help.contains("DIGITALOCEAN_TOKEN"), "{help}");

    let assert = assert_cmd::Command::new(binary())
        .args(["apps", "get", "--help"])
        .assert()
        .success();
    let help = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(help.contains("Retrieve an Existing App"), "{help}");
    assert!(help.contains("GET /v2/apps/{id}"), "{help}");
    assert!(help.contains("<ID>"), "{help}");
    assert!(help.contains("--name <NAME>"), "{help}");
}

#[tokio::test(flavor = "multi_thread")]
async fn account_get_prints_the_account_as_compact_json() {
    let server = MockServer::start().await;
    let account = AccountGetResponse::new(Account {
        email: "sammy@example.com".into(),
        ..Account::example()
    });
    server
        .account()
        .get()
        .respond(StatusCode::OK, account.clone())
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .times(1)
        .await;

    let assert = run(do_api(&server, &["account", "get"])).await.success();

    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert_eq!(
        stdout.trim_end().lines().count(),
        1,
        "compact when not a terminal: {stdout}"
    );
    assert_eq!(
        stdout_json(&assert),
        serde_json::to_value(&account).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn output_yaml_prints_yaml() {
    let server = MockServer::start().await;
    server
        .account()
        .get()
        .respond(StatusCode::OK, AccountGetResponse::example())
        .await;

    let assert = run(do_api(&server, &["account", "get", "--output", "yaml"]))
        .await
        .success();

    let printed: AccountGetResponse =
        serde_yaml::from_slice(&assert.get_output().stdout).expect("stdout is YAML");
    assert_eq!(printed, AccountGetResponse::example());
}

/// A page of actions with these ids, linking to page `next`.
fn page(ids: &[i64], next: Option<u32>) -> ActionsListResponse {
    ActionsListResponse {
        actions: Some(
            ids.iter()
                .map(|id| Action {
                    id: Some(*id),
                    ..Action::example()
                })
                .collect(),
        ),
        links: next.map(|next| PageLinks {
            pages: Some(LinkPages {
                next: Some(format!(
                    "https://api.digitalocean.com/v2/actions?page={next}&per_page=2"
                )),
                ..Default::default()
            }),
            ..PageLinks::example()
        }),
        meta: MetaProperties {
            total: 5,
            ..MetaProperties::example()
        },
        ..ActionsListResponse::example()
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn actions_list_all_prints_every_item_of_every_page() {
    let server = MockServer::start().await;
    let actions = || server.actions().list().per_page(2);
    // The first request names no page; the expectations of later pages match first.
    actions()
        .respond(StatusCode::OK, page(&[1, 2], Some(2)))
        .with_priority(10)
        .times(1)
        .await;
    actions()
        .page(2)
        .respond(StatusCode::OK, page(&[3, 4], Some(3)))
        .times(1)
        .await;
    actions()
        .page(3)
        .respond(StatusCode::OK, page(&[5], None))
        .times(1)
        .await;

    let assert = run(do_api(
        &server,
        &["actions", "list", "--per-page", "2", "--all"],
    ))
    .await
    .success();

    let items = stdout_json(&assert);
    let ids: Vec<i64> = items
        .as_array()
        .expect("a list of every item")
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
}

#[tokio::test(flavor = "multi_thread")]
async fn path_parameters_are_positional_and_query_parameters_flags() {
    let server = MockServer::start().await;
    let app = AppsResponse {
        app: Some(Box::new(App {
            id: Some("4f6c71e2".into()),
            ..App::example()
        })),
        ..AppsResponse::example()
    };
    server
        .apps()
        .get("4f6c71e2")
        .name("sample-golang")
        .respond(StatusCode::OK, app.clone())
        .times(1)
        .await;

    let assert = run(do_api(
        &server,
        &["apps", "get", "4f6c71e2", "--name", "sample-golang"],
    ))
    .await
    .success();

    assert_eq!(stdout_json(&assert), serde_json::to_value(&app).unwrap());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_comes_from_a_yaml_file_or_from_standard_input() {
    let server = MockServer::start().await;
    let request = AppsCreateAppRequest::new(AppSpec {
        region: Some("ams".into()),
        ..AppSpec::new("web")
    });
    server
        .apps()
        .create()
        .body(request.clone())
        .respond(StatusCode::OK, AppsResponse::example())
        .times(2)
        .await;
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("app.yaml");
    std::fs::write(&file, "spec:\n  name: web\n  region: ams\n").unwrap();

    run(do_api(
        &server,
        &["apps", "create", "--file", file.to_str().unwrap()],
    ))
    .await
    .success();
    let mut piped = do_api(&server, &["apps", "create"]);
    piped.write_stdin(r#"{"spec": {"name": "web", "region": "ams"}}"#);
    run(piped).await.success();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_api_error_prints_its_message_and_request_id_and_exits_3() {
    let server = MockServer::start().await;
    server
        .apps()
        .get("missing")
        .respond_error(
            404,
            ErrorBody {
                id: "not_found".into(),
                message: "The resource you were accessing could not be found.".into(),
                request_id: Some("4d9d8375-3c56".into()),
                ..ErrorBody::example()
            },
        )
        .await;

    let assert = run(do_api(&server, &["apps", "get", "missing"]))
        .await
        .code(3);

    let stderr = stderr(&assert);
    assert!(
        stderr.contains("The resource you were accessing could not be found."),
        "{stderr}"
    );
    assert!(stderr.contains("request id: 4d9d8375-3c56"), "{stderr}");
    assert!(assert.get_output().stdout.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_token_a_401_says_which_variable_to_set() {
    let server = MockServer::start().await;
    server
        .account()
        .get()
        .respond_error(
            401,
            ErrorBody {
                message: "Unable to authenticate you.".into(),
                ..ErrorBody::example()
            },
        )
        .await;
    let mut command = do_api(&server, &["account", "get"]);
    command.env_remove(digitalocean_api::TOKEN_ENV_VAR);

    let assert = run(command).await.code(3);

    let stderr = stderr(&assert);
    assert!(stderr.contains("Unable to authenticate you."), "{stderr}");
    assert!(stderr.contains("set DIGITALOCEAN_TOKEN"), "{stderr}");
    let received = server.received_requests().await;
    assert!(!received[0].headers.contains_key("authorization"));
}

#[tokio::test(flavor = "multi_thread")]
async fn no_answer_in_time_is_a_transport_error_and_exits_4() {
    let server = MockServer::start().await;
    server
        .account()
        .get()
        .respond(StatusCode::OK, AccountGetResponse::example())
        .delay(Duration::from_secs(5))
        .await;

    let assert = run(do_api(&server, &["account", "get", "--timeout", "0.5"]))
        .await
        .code(4);

    assert!(stderr(&assert).contains("timed out"), "{}", stderr(&assert));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_the_spec_does_not_describe_exits_5() {
    let server = MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_string("<html>proxy</html>"))
        .mount(server.wiremock())
        .await;

    let assert = run(do_api(&server, &["account", "get"])).await.code(5);

    assert!(
        stderr(&assert).contains("<html>proxy"),
        "{}",
        stderr(&assert)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn usage_errors_exit_2_and_send_nothing() {
    let server = MockServer::start().await;
    for args in [
        &["apps", "get"][..],
        &["apps", "list", "--per-page", "many"],
        &["apps", "list", "--all", "--page", "2"],
        &["apps", "create", "--file", "/nonexistent/app.yaml"],
        &["no-such-resource"],
    ] {
        let assert = run(do_api(&server, args)).await.code(2);
        assert!(!stderr(&assert).is_empty(), "{args:?}");
    }
    let mut bad_body = do_api(&server, &["apps", "create", "--file", "-"]);
    bad_body.write_stdin("spec: [not, an, app]");
    let assert = run(bad_body).await.code(2);
    assert!(
        stderr(&assert).contains("does not fit"),
        "{}",
        stderr(&assert)
    );
    assert!(server.received_requests().await.is_empty());
}

#[test]
fn an_empty_body_on_standard_input_is_a_usage_error() {
    let assert = assert_cmd::Command::new(binary())
        .env(digitalocean_api::TOKEN_ENV_VAR, TOKEN)
        .args(["--base-url", "http://127.0.0.1:9", "apps", "create"])
        .write_stdin("")
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains("standard input"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_http_elsewhere_is_refused_unless_allowed_on_the_command_line() {
    // The mock server stands in for a proxy: the only way to reach a non-loopback host here.
    let proxy = MockServer::start().await;
    let elsewhere = |extra: &[&str]| {
        let mut command = assert_cmd::Command::new(binary());
        command
            .env(digitalocean_api::TOKEN_ENV_VAR, TOKEN)
            .env("HTTP_PROXY", proxy.uri())
            .env("http_proxy", proxy.uri())
            .env_remove("NO_PROXY")
            .env_remove("no_proxy")
            .args(["--base-url", "http://api.example.invalid", "account", "get"])
            .args(extra)
            .timeout(Duration::from_secs(60));
        command
    };

    let refused = run(elsewhere(&[])).await.code(2);
    let message = stderr(&refused);
    assert!(message.contains("clear text"), "{message}");
    assert!(message.contains("--allow-insecure-http"), "{message}");
    assert!(!message.contains("allow_insecure_http("), "{message}");
    assert!(proxy.received_requests().await.is_empty());

    run(elsewhere(&["--allow-insecure-http"])).await.code(3);
    let sent = proxy.received_requests().await;
    assert_eq!(sent.len(), 1, "{sent:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn headers_of_the_command_line_are_sent_with_the_request() {
    let server = MockServer::start().await;
    server
        .account()
        .get()
        .respond(StatusCode::OK, AccountGetResponse::example())
        .and(header("x-team", "reports"))
        .and(header("x-trace", "1"))
        .times(1)
        .await;

    run(do_api(
        &server,
        &[
            "account",
            "get",
            "--header",
            "X-Team: reports",
            "-H",
            "x-trace:1",
        ],
    ))
    .await
    .success();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_header_that_cannot_be_sent_or_is_the_client_s_own_is_a_usage_error() {
    let server = MockServer::start().await;
    for (header, said) in [
        ("Authorization: Bearer x", "token"),
        ("Host: elsewhere.example", "base URL"),
        ("no colon", "NAME:VALUE"),
        ("bad name: x", "not a header name"),
    ] {
        let assert = run(do_api(&server, &["account", "get", "--header", header]))
            .await
            .code(2);
        assert!(
            stderr(&assert).contains(said),
            "{header}: {}",
            stderr(&assert)
        );
    }
    assert!(server.received_requests().await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn no_retry_makes_one_attempt_on_a_503() {
    let server = MockServer::start().await;
    server
        .account()
        .get()
        .respond(
            StatusCode::SERVICE_UNAVAILABLE,
            AccountGetResponse::example(),
        )
        .await;

    run(do_api(&server, &["account", "get", "--no-retry"]))
        .await
        .code(3);

    assert_eq!(server.received_requests().await.len(), 1);
}
