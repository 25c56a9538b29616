//! A request through the generated client against the same request made with bare reqwest and
//! decoded with serde, on one loopback server: what the client adds (building the call, auth,
//! retries, rate-limit headers, error mapping) over the transport and decoding both pay.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use digitalocean_api::models::AppsResponse;
use digitalocean_api::{Client, reqwest};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "dop_v1_0123456789abcdef";

fn requests(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let server = runtime.block_on(async {
        let server = MockServer::builder()
            .disable_request_recording()
            .start()
            .await;
        Mock::given(method("GET"))
            .and(path("/v2/apps/c2a93513"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_raw(benches::bodies::app().to_string(), "application/json"),
            )
            .mount(&server)
            .await;
        server
    });
    let client = Client::builder()
        .token(TOKEN)
        .base_url(server.uri())
        .build()
        .expect("the client builds");
    let apps = client.apps();
    let http = reqwest::Client::new();
    let url = format!("{}/v2/apps/c2a93513", server.uri());

    let mut group = c.benchmark_group("requests");
    group.bench_function("client", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let response = apps
                    .get(black_box("c2a93513"))
                    .send()
                    .await
                    .expect("answers");
                response.into_inner()
            })
        })
    });
    group.bench_function("reqwest", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let response = http
                    .get(black_box(&url))
                    .bearer_auth(TOKEN)
                    .header(reqwest::header::ACCEPT, "application/json")
                    .send()
                    .await
                    .and_then(reqwest::Response::error_for_status)
                    .expect("answers");
                let bytes = response.bytes().await.expect("a body");
                serde_json::from_slice::<AppsResponse>(&bytes).expect("decodes")
            })
        })
    });
    group.finish();
}

criterion_group!(benches, requests);
criterion_main!(benches);
