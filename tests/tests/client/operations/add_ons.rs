//! The rows of the add-ons.

use digitalocean_api::models::{
    AddonsFeatureValue, AddonsPatchPlanRequest, AddonsPatchRequest, AddonsResource,
    AddonsResourceMetadata, AddonsResourceNew,
};
use serde_json::{Value, json};

use super::case::{Answer, Body, Case, case, served};

/// The resource the add-on examples share.
const UUID: &str = "123e4567-e89b-12d3-a456-426614174000";

pub fn cases() -> Vec<Case> {
    vec![
        get_app(),
        get_app_with_boolean_features(),
        get_with_boolean_metadata(),
        get_app_metadata(),
        list(),
        create(),
        get(),
        patch(),
        patch_plan(),
        delete(),
    ]
}

fn get_app() -> Case {
    served!(
        case("addons_get_app", "GET /v2/add-ons/apps"),
        [add_ons().get_app()],
        |response| {
            let apps = response.apps.as_deref().unwrap();
            assert_eq!(apps[0].app_slug, "example-app");
            assert_eq!(apps[0].eula, "https://example.com/eula");
            assert!(apps[0].plans.is_empty());
            assert_eq!(apps[0].tos, "https://example.com/tos");
        }
    )
}

/// A plan whose features carry a value of each shape the docs allow.
fn plan_with_features(features: Value) -> Value {
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
        "uuid": UUID
    })
}

fn feature(id: i64, kind: &str, value: Value) -> Value {
    json!({
        "created_at": "2023-10-01T12:00:00Z",
        "id": id,
        "name": "Support",
        "type": kind,
        "updated_at": "2023-10-01T12:00:00Z",
        "value": value
    })
}

fn get_app_with_boolean_features() -> Case {
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
    served!(
        case("addons_get_app", "GET /v2/add-ons/apps")
            .about("a boolean feature value decodes and encodes back unchanged")
            .answer(Answer::Unchanged(answer)),
        [add_ons().get_app()],
        |response| {
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
        }
    )
}

fn get_with_boolean_metadata() -> Case {
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
        "uuid": UUID
    }});
    served!(
        case(
            "addons_get",
            "GET /v2/add-ons/saas/123e4567-e89b-12d3-a456-426614174000",
        )
        .about("a boolean metadata value decodes and encodes back unchanged")
        .answer(Answer::Unchanged(answer)),
        [add_ons().get(UUID)],
        |response| {
            let resource = response.resource.as_ref().unwrap();
            let metadata = resource.metadata.as_deref().unwrap();
            assert_eq!(metadata[0].value, AddonsFeatureValue::Boolean(true));
            assert_eq!(metadata[1].value, AddonsFeatureValue::String("nyc3".into()));
        }
    )
}

fn get_app_metadata() -> Case {
    served!(
        case(
            "addons_get_app_metadata",
            "GET /v2/add-ons/apps/example_app/metadata",
        ),
        [add_ons().get_app_metadata("example_app")],
        |response| {
            let item = &response.metadata.as_deref().unwrap()[0];
            assert_eq!(item.description, "Country for localization");
            assert_eq!(item.display_name, "Country of Origin");
            assert_eq!(item.id, 1);
            assert_eq!(item.name, "country_of_origin");
            assert_eq!(item.options.as_deref().unwrap(), ["US", "UK", "CA"]);
            assert_eq!(item.type_, "string");
        }
    )
}

fn list() -> Case {
    served!(
        case("addons_list", "GET /v2/add-ons/saas"),
        [add_ons().list()],
        |response| assert_resource(&response.resources.as_deref().unwrap()[0])
    )
}

/// The resource of the examples of list, create, get, patch and patch plan.
fn assert_resource(resource: &AddonsResource) {
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
    assert_eq!(resource.uuid, UUID);
}

/// The typed body, written out field by field, is the one the docs show.
fn create() -> Case {
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
    let sent = body.clone();
    case("addons_create", "POST /v2/add-ons/saas")
        .body(Body::Example)
        .exchange(
            |server, answer| server.add_ons().create().body(sent).respond(200, answer),
            |client| client.add_ons().create(body).send(),
            |response| assert_resource(response.resource.as_ref().unwrap()),
        )
}

fn get() -> Case {
    served!(
        case(
            "addons_get",
            "GET /v2/add-ons/saas/123e4567-e89b-12d3-a456-426614174000",
        ),
        [add_ons().get(UUID)],
        |response| assert_resource(response.resource.as_ref().unwrap())
    )
}

fn patch() -> Case {
    let rename = || AddonsPatchRequest::new("new-name");
    case(
        "addons_patch",
        "PATCH /v2/add-ons/saas/123e4567-e89b-12d3-a456-426614174000",
    )
    .body(Body::Example)
    .exchange(
        move |server, answer| {
            server
                .add_ons()
                .patch(UUID)
                .body(rename())
                .respond(200, answer)
        },
        move |client| client.add_ons().patch(UUID, rename()).send(),
        |response| assert_resource(response.resource.as_ref().unwrap()),
    )
}

fn patch_plan() -> Case {
    let replan = || AddonsPatchPlanRequest::new("basic_plan");
    let sent = "PATCH /v2/add-ons/saas/123e4567-e89b-12d3-a456-426614174000/plan";
    case("addons_patch_plan", sent)
        .body(Body::Example)
        .exchange(
            move |server, answer| {
                let patch_plan = server.add_ons().patch_plan(UUID).body(replan());
                patch_plan.respond(200, answer)
            },
            move |client| client.add_ons().patch_plan(UUID, replan()).send(),
            |response| assert_resource(response.resource.as_ref().unwrap()),
        )
}

fn delete() -> Case {
    let uuid = "4de7ac8b-495b-4884-9a69-1050c6793cd6";
    case(
        "addons_delete",
        "DELETE /v2/add-ons/saas/4de7ac8b-495b-4884-9a69-1050c6793cd6",
    )
    .answer(Answer::Empty)
    .exchange(
        move |server, ()| {
            let delete = server.add_ons().delete(uuid);
            delete.respond(200).header("ratelimit-reset", "1444931833")
        },
        move |client| client.add_ons().delete(uuid).send(),
        |response| {
            assert_eq!(response.status(), 200);
            assert_eq!(*response.body(), ());
            assert_eq!(
                response.rate_limit().reset,
                Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1444931833))
            );
        },
    )
}
