//! The bodies the client decodes and encodes in the benchmarks, built from the spec's own
//! examples: one app, a page of many apps, and an app carrying fields the spec does not know.

use serde_json::{Value, json};

/// The spec's example of `GET /v2/apps/{id}`: `{"app": {...}}`.
pub fn app() -> Value {
    tests::response_example("apps_get", 200)
}

/// A page of `count` apps, as `GET /v2/apps` returns it.
pub fn apps(count: usize) -> Value {
    let app = app()["app"].clone();
    json!({
        "apps": vec![app; count],
        "links": {"pages": {"next": "https://api.digitalocean.com/v2/apps?page=2"}},
        "meta": {"total": count * 3}
    })
}

/// Members no version of the spec describes, as a newer server would send them, by where they
/// go in an app: a tenth or so of the app's bytes.
const UNKNOWN: &[(&str, &str, &str)] = &[
    (
        "",
        "future_top_level",
        r#"{"nested":[1,2,{"deep":true}],"text":"kept"}"#,
    ),
    ("/spec", "new_spec_option", r#""on""#),
    ("/spec/services/0", "gpu", r#"{"count":1,"kind":"h100"}"#),
    ("/spec/services/0/github", "monorepo_path", r#""apps/web""#),
    (
        "/active_deployment",
        "rollout",
        r#"{"strategy":"canary","steps":[10,50,100]}"#,
    ),
    ("/region", "capacity", r#"{"cpu":"plenty","gpu":"some"}"#),
];

/// [`app`] with members the spec does not describe at several depths.
pub fn app_with_unknown_fields() -> Value {
    let mut body = app();
    for (pointer, name, value) in UNKNOWN {
        let value: Value = serde_json::from_str(value).expect("valid JSON");
        if let Some(Value::Object(object)) = body["app"].pointer_mut(pointer) {
            object.insert((*name).to_owned(), value);
        }
    }
    body
}
