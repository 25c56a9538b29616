//! A loopback base URL is reached directly, whatever proxy the environment names: plain http is
//! allowed there only because the request stays on the machine. Other hosts still go through the
//! proxy.
//!
//! Proxy variables apply to every client built in a process, so the client runs in a process of
//! its own: this test binary again, running one ignored test with the variables set.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;

use digitalocean_api::{Client, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A proxy that writes down the head of every request it receives and answers 502.
fn recording_proxy() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut buffer = [0; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buffer[..n]),
                }
            }
            log.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&head).into_owned());
            let _ = stream.write_all(
                b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 7\r\nconnection: close\r\n\r\nproxied",
            );
        }
    });
    (url, seen)
}

#[test]
fn a_loopback_base_bypasses_the_proxies_of_the_environment() {
    let (proxy, seen) = recording_proxy();
    let mut child = Command::new(std::env::current_exe().unwrap());
    child.args([
        "proxies::calls_with_proxy_variables_set",
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    for name in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
        child.env(name, &proxy).env(name.to_lowercase(), &proxy);
    }
    child.env_remove("NO_PROXY").env_remove("no_proxy");

    let output = child.output().unwrap();

    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{report}");
    assert!(
        report.contains("1 passed"),
        "the child ran its test: {report}"
    );
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1, "only the non-loopback request: {seen:#?}");
    assert!(
        seen[0].starts_with("GET http://api.example.invalid/v2/account "),
        "{seen:#?}"
    );
    assert!(
        !seen.iter().any(|head| head.contains("127.0.0.1")),
        "{seen:#?}"
    );
}

#[tokio::test]
#[ignore = "run by a_loopback_base_bypasses_the_proxies_of_the_environment, in a process of its own"]
async fn calls_with_proxy_variables_set() {
    assert!(
        std::env::var_os("HTTP_PROXY").is_some(),
        "run with a proxy set"
    );
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/1-clicks"))
        .and(header(
            "authorization",
            format!("Bearer {}", tests::TOKEN).as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"1_clicks": []})))
        .expect(1)
        .mount(&server)
        .await;

    // Loopback: straight to the server.
    tests::client(&server)
        .one_clicks()
        .list()
        .send()
        .await
        .unwrap();

    // Another host over plain http, allowed on purpose: through the proxy, which answers 502.
    let elsewhere = Client::builder()
        .token(tests::TOKEN)
        .base_url("http://api.example.invalid")
        .allow_insecure_http(true)
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let error = elsewhere.account().get().send().await.unwrap_err();
    assert!(
        matches!(&error, Error::Api(api) if api.status() == 502 && api.excerpt() == "proxied"),
        "{error:?}"
    );
}
