//! Decoding and encoding in the generated crate, against `serde_json::Value` of the same body:
//! one app, and a page of 1,000 apps. Also the cost of keeping unknown fields: an app carrying
//! members the spec does not describe against the same app without them, per byte.

use benches::bodies;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use digitalocean_api::models::{AppsListResponse, AppsResponse};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::hint::black_box;

fn pair<T: DeserializeOwned + Serialize>(c: &mut Criterion, name: &str, body: &Value) {
    let text = serde_json::to_string(body).expect("a body");
    let typed: T = serde_json::from_str(&text).expect("the body decodes");
    let value: Value = serde_json::from_str(&text).expect("the body is JSON");
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("decode_typed", |b| {
        b.iter(|| serde_json::from_str::<T>(black_box(&text)).expect("decodes"))
    });
    group.bench_function("decode_value", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&text)).expect("decodes"))
    });
    group.bench_function("encode_typed", |b| {
        b.iter(|| serde_json::to_vec(black_box(&typed)).expect("encodes"))
    });
    group.bench_function("encode_value", |b| {
        b.iter(|| serde_json::to_vec(black_box(&value)).expect("encodes"))
    });
    group.finish();
}

fn codec(c: &mut Criterion) {
    pair::<AppsResponse>(c, "app", &bodies::app());
    pair::<AppsListResponse>(c, "apps_1000", &bodies::apps(1_000));
}

/// Decoding time per byte of an app with unknown members, against the same app without.
fn unknown_fields(c: &mut Criterion) {
    let mut group = c.benchmark_group("unknown_fields");
    for (name, body) in [
        ("without", bodies::app()),
        ("with", bodies::app_with_unknown_fields()),
    ] {
        let text = serde_json::to_string(&body).expect("a body");
        let decoded: AppsResponse = serde_json::from_str(&text).expect("decodes");
        assert_eq!(
            serde_json::to_value(&decoded).expect("encodes"),
            body,
            "kept as it came"
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| serde_json::from_str::<AppsResponse>(black_box(&text)).expect("decodes"))
        });
    }
    group.finish();
}

criterion_group!(benches, codec, unknown_fields);
criterion_main!(benches);
