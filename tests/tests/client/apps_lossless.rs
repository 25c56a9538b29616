//! Reading an app, changing it and writing it back never drops what this version of the spec
//! does not know: unknown fields and unknown enum values travel back byte for byte.

use digitalocean_api::models::{AppDomainSpecType, AppsUpdateAppRequest};
use serde_json::Value;
use tests::{Once, client, decoded, mock_server, response_example};

/// Unknown members, written as the server sends them, and where they go in the app.
const UNKNOWN: &[(&str, &str)] = &[
    (
        "/app",
        r#""future_top_level":{"nested":[1,2,{"deep":true}],"text":"kept"}"#,
    ),
    ("/app/spec", r#""new_spec_option":"on""#),
    ("/app/spec/services/0", r#""gpu":{"count":1,"kind":"h100"}"#),
    (
        "/app/spec/services/0/github",
        r#""monorepo_path":"apps/web""#,
    ),
];

fn app_with_unknowns() -> String {
    let mut app = response_example("apps_get", 200);
    app["app"]["spec"]["domains"] = serde_json::json!([{"domain": "app.example.com", "type": "SUPER_PRIMARY", "zone": "example.com"}]);
    app["app"]["spec"]["services"][0]["envs"] =
        serde_json::json!([{"key": "A", "scope": "RUN_LATER", "value": "1"}]);
    for (pointer, member) in UNKNOWN {
        let member: serde_json::Map<String, Value> =
            serde_json::from_str(&format!("{{{member}}}")).unwrap();
        app.pointer_mut(pointer)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .extend(member);
    }
    serde_json::to_string(&app).unwrap()
}

#[tokio::test]
async fn get_modify_update_keeps_what_the_spec_does_not_know() {
    let server = mock_server().await;
    let original = app_with_unknowns();
    let mocks = server.apps();
    let answer = decoded(&serde_json::from_str(&original).unwrap());
    mocks.get("c2a93513").respond(200, answer).once().await;
    let update = mocks.update("c2a93513");
    let example = response_example("apps_update", 200);
    update.respond(200, decoded(&example)).times(1).await;
    let apps = client(&server).apps();

    let app = apps
        .get("c2a93513")
        .send()
        .await
        .unwrap()
        .into_inner()
        .app
        .unwrap();
    let domain = &app.spec.domains.as_deref().unwrap()[0];
    assert_eq!(
        domain.type_,
        Some(AppDomainSpecType::UnknownValue("SUPER_PRIMARY".into()))
    );
    assert_eq!(app.spec.unknown_fields["new_spec_option"], "on");

    let mut spec = app.spec.clone();
    spec.services.as_mut().unwrap()[0].instance_count = Some(3);
    apps.update("c2a93513", AppsUpdateAppRequest::new(spec))
        .send()
        .await
        .unwrap();

    let requests = server.received_requests().await;
    let sent = String::from_utf8(requests.last().unwrap().body.clone()).unwrap();
    for (_, member) in &UNKNOWN[1..] {
        assert!(
            sent.contains(member),
            "{member} was not sent back byte for byte:\n{sent}"
        );
    }
    assert!(sent.contains(r#""type":"SUPER_PRIMARY""#), "{sent}");
    assert!(sent.contains(r#""scope":"RUN_LATER""#), "{sent}");
    // Only the field that was changed differs from what the server sent.
    let mut expected: Value = serde_json::from_str(&original).unwrap();
    expected["app"]["spec"]["services"][0]["instance_count"] = 3.into();
    let sent: Value = serde_json::from_str(&sent).unwrap();
    assert_eq!(sent["spec"], expected["app"]["spec"]);
}

#[tokio::test]
async fn strict_decoding_names_what_is_unknown() {
    let error = digitalocean_api::decode_strict::<digitalocean_api::models::AppsResponse>(
        &app_with_unknowns(),
    )
    .unwrap_err();
    let message = error.to_string();
    let names_an_unknown = UNKNOWN
        .iter()
        .any(|(_, member)| message.contains(&member[1..member.find(':').unwrap() - 1]))
        || message.contains("`SUPER_PRIMARY` is not one of the values of AppDomainSpecType")
        || message.contains("`RUN_LATER` is not one of the values of AppVariableDefinitionScope");
    assert!(names_an_unknown, "{message}");
    let example = response_example("apps_get", 200).to_string();
    assert!(
        digitalocean_api::decode_strict::<digitalocean_api::models::AppsResponse>(&example).is_ok()
    );
    // Decoding normally keeps them.
    let app: digitalocean_api::models::AppsResponse =
        serde_json::from_str(&app_with_unknowns()).unwrap();
    assert_eq!(
        app.app.unwrap().unknown_fields["future_top_level"]["text"],
        "kept"
    );
}
