use digitalocean_api::models::{
    AddonsFeatureValue, AddonsPatchPlanRequest, AddonsPatchRequest, AddonsResourceMetadata,
    AddonsResourceNew,
};
use serde_json::json;
use tests::{
    Once, assert_round_trip, client, decoded, mock_server, request_example, response_example,
};

#[tokio::test]
async fn get_app_lists_the_applications() {
    let server = mock_server().await;
    let example = response_example("addons_get_app", 200);
    let get_app = server.add_ons().get_app();
    get_app.respond(200, decoded(&example)).once().await;

    let response = client(&server).add_ons().get_app().send().await.unwrap();

    let apps = response.apps.as_deref().unwrap();
    assert_eq!(apps[0].app_slug, "example-app");
    assert_eq!(apps[0].eula, "https://example.com/eula");
    assert!(apps[0].plans.is_empty());
    assert_eq!(apps[0].tos, "https://example.com/tos");
    assert_round_trip(response.body(), &example);
}

/// A plan whose features carry a value of each shape the docs allow.
fn plan_with_features(features: serde_json::Value) -> serde_json::Value {
    json!({
        "active": true,
        "app_id": 2,
        "available": true,
        "by_default": false,
        "created_at": "2023-10-01T12:00:00Z",
        "display_name": "Basic Plan",
        "features": features,
        "id": 1,
        "price_per_month": 10,
        "slug": "plan_basic",
        "state": "approved",
        "updated_at": "2023-10-01T12:00:00Z",
        "uuid": "123e4567-e89b-12d3-a456-426614174000"
    })
}

fn feature(id: i64, kind: &str, value: serde_json::Value) -> serde_json::Value {
    json!({
        "created_at": "2023-10-01T12:00:00Z",
        "id": id,
        "name": "Support",
        "type": kind,
        "updated_at": "2023-10-01T12:00:00Z",
        "value": value
    })
}

#[tokio::test]
async fn a_boolean_feature_value_decodes_and_encodes_back_unchanged() {
    let server = mock_server().await;
    let answer = json!({"apps": [{
        "app_slug": "example-app",
        "eula": "https://example.com/eula",
        "plans": [plan_with_features(json!([
            feature(1, "boolean", json!(false)),
            feature(2, "boolean", json!(true)),
            feature(3, "string", json!("Unlimited")),
            feature(4, "string", json!("false")),
        ]))],
        "tos": "https://example.com/tos"
    }]});
    let get_app = server.add_ons().get_app();
    get_app.respond(200, decoded(&answer)).once().await;

    let response = client(&server).add_ons().get_app().send().await.unwrap();

    let features = response.apps.as_deref().unwrap()[0].plans[0]
        .features
        .as_deref()
        .unwrap();
    let values: Vec<&AddonsFeatureValue> = features.iter().map(|f| &f.value).collect();
    assert_eq!(
        values,
        [
            &AddonsFeatureValue::Boolean(false),
            &AddonsFeatureValue::Boolean(true),
            &AddonsFeatureValue::String("Unlimited".into()),
            &AddonsFeatureValue::String("false".into()),
        ]
    );
    assert!(features.iter().all(|f| f.unknown_fields.is_empty()));
    assert_eq!(serde_json::to_value(response.body()).unwrap(), answer);
}

#[tokio::test]
async fn a_boolean_metadata_value_decodes_and_encodes_back_unchanged() {
    let server = mock_server().await;
    let uuid = "123e4567-e89b-12d3-a456-426614174000";
    let answer = json!({"resource": {
        "app_slug": "example_app",
        "has_config": true,
        "metadata": [
            {"name": "backups", "value": true},
            {"name": "region", "value": "nyc3"}
        ],
        "name": "my-resource-01",
        "plan_slug": "basic_plan",
        "state": "provisioned",
        "uuid": uuid
    }});
    let get = server.add_ons().get(uuid);
    get.respond(200, decoded(&answer)).once().await;

    let response = client(&server).add_ons().get(uuid).send().await.unwrap();

    let metadata = response
        .resource
        .as_ref()
        .unwrap()
        .metadata
        .as_deref()
        .unwrap();
    assert_eq!(metadata[0].value, AddonsFeatureValue::Boolean(true));
    assert_eq!(metadata[1].value, AddonsFeatureValue::String("nyc3".into()));
    assert_eq!(serde_json::to_value(response.body()).unwrap(), answer);
}

#[tokio::test]
async fn get_app_metadata_names_the_app() {
    let server = mock_server().await;
    let example = response_example("addons_get_app_metadata", 200);
    let get_app_metadata = server.add_ons().get_app_metadata("example_app");
    get_app_metadata
        .respond(200, decoded(&example))
        .once()
        .await;

    let response = client(&server)
        .add_ons()
        .get_app_metadata("example_app")
        .send()
        .await
        .unwrap();

    let item = &response.metadata.as_deref().unwrap()[0];
    assert_eq!(item.description, "Country for localization");
    assert_eq!(item.display_name, "Country of Origin");
    assert_eq!(item.id, 1);
    assert_eq!(item.name, "country_of_origin");
    assert_eq!(item.options.as_deref().unwrap(), ["US", "UK", "CA"]);
    assert_eq!(item.type_, "string");
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn list_returns_the_resources() {
    let server = mock_server().await;
    let example = response_example("addons_list", 200);
    let list = server.add_ons().list();
    list.respond(200, decoded(&example)).once().await;

    let response = client(&server).add_ons().list().send().await.unwrap();

    let resource = &response.resources.as_deref().unwrap()[0];
    assert_resource(resource);
    assert_round_trip(response.body(), &example);
}

fn assert_resource(resource: &digitalocean_api::models::AddonsResource) {
    assert_eq!(resource.app_name.as_deref(), Some("Example App"));
    assert_eq!(resource.app_slug, "example_app");
    assert!(resource.has_config);
    assert_eq!(
        resource.message.as_deref(),
        Some("Resource is provisioned successfully.")
    );
    assert_eq!(resource.metadata.as_deref(), Some(&[][..]));
    assert_eq!(resource.name, "my-resource-01");
    assert_eq!(resource.plan_name.as_deref(), Some("Basic Plan"));
    assert_eq!(resource.plan_price_per_month, Some(10));
    assert_eq!(resource.plan_slug, "basic_plan");
    assert_eq!(resource.sso_url.as_deref(), Some("https://example.com/sso"));
    assert_eq!(resource.state, "provisioned");
    assert_eq!(resource.uuid, "123e4567-e89b-12d3-a456-426614174000");
}

#[tokio::test]
async fn create_sends_the_new_resource() {
    let server = mock_server().await;
    let example = response_example("addons_create", 200);
    let body = AddonsResourceNew {
        app_slug: "example-app".into(),
        fleet_uuid: Some("f1234567-89ab-cdef-0123-456789abcdef01".into()),
        linked_droplet_id: Some(12345678),
        metadata: vec![AddonsResourceMetadata::new(
            "property_name",
            AddonsFeatureValue::String("example_value".into()),
        )],
        name: "my-resource-01".into(),
        plan_slug: "basic_plan".into(),
        ..Default::default()
    };
    // The typed body is the one the docs show.
    assert_round_trip(&body, &request_example("addons_create"));
    let create = server.add_ons().create().body(body.clone());
    create.respond(200, decoded(&example)).once().await;

    let response = client(&server).add_ons().create(body).send().await.unwrap();

    assert_resource(response.resource.as_ref().unwrap());
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_patch_and_patch_plan_address_one_resource() {
    let server = mock_server().await;
    let uuid = "123e4567-e89b-12d3-a456-426614174000";
    let (rename, replan) = (
        AddonsPatchRequest::new("new-name"),
        AddonsPatchPlanRequest::new("basic_plan"),
    );
    assert_round_trip(&rename, &request_example("addons_patch"));
    assert_round_trip(&replan, &request_example("addons_patch_plan"));
    let mocks = server.add_ons();
    let answer = |operation| response_example(operation, 200);
    let get = mocks.get(uuid);
    get.respond(200, decoded(&answer("addons_get")))
        .once()
        .await;
    let patch = mocks.patch(uuid).body(rename.clone());
    patch
        .respond(200, decoded(&answer("addons_patch")))
        .once()
        .await;
    let patch_plan = mocks.patch_plan(uuid).body(replan.clone());
    patch_plan
        .respond(200, decoded(&answer("addons_patch_plan")))
        .once()
        .await;
    let add_ons = client(&server).add_ons();

    let got = add_ons.get(uuid).send().await.unwrap();
    let renamed = add_ons.patch(uuid, rename).send().await.unwrap();
    let replanned = add_ons.patch_plan(uuid, replan).send().await.unwrap();

    for response in [got, renamed, replanned] {
        assert_resource(response.resource.as_ref().unwrap());
    }
}

#[tokio::test]
async fn delete_returns_an_empty_body() {
    let server = mock_server().await;
    let delete = server
        .add_ons()
        .delete("4de7ac8b-495b-4884-9a69-1050c6793cd6");
    delete
        .respond(200)
        .header("ratelimit-reset", "1444931833")
        .once()
        .await;

    let response = client(&server)
        .add_ons()
        .delete("4de7ac8b-495b-4884-9a69-1050c6793cd6")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(*response.body(), ());
    assert_eq!(
        response.rate_limit().reset,
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1444931833))
    );
}

#[test]
fn metadata_values_are_strings_or_booleans() {
    let string: AddonsResourceMetadata =
        serde_json::from_str(r#"{"name":"a","value":"x"}"#).unwrap();
    let boolean: AddonsResourceMetadata =
        serde_json::from_str(r#"{"name":"a","value":true}"#).unwrap();
    let other: AddonsResourceMetadata = serde_json::from_str(r#"{"name":"a","value":7}"#).unwrap();
    assert_eq!(string.value, AddonsFeatureValue::String("x".into()));
    assert_eq!(boolean.value, AddonsFeatureValue::Boolean(true));
    assert_eq!(other.value, AddonsFeatureValue::UnknownValue(7.into()));
    assert_eq!(
        serde_json::to_string(&boolean).unwrap(),
        r#"{"name":"a","value":true}"#
    );
}
