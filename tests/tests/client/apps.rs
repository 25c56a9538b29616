//! The App Platform operations on apps themselves: list, create, get, update, delete, propose,
//! restart, rollbacks, instance sizes and regions.

use digitalocean_api::models::{
    AppPropose, AppRollbackValidationConditionCode, AppSpec, AppsCreateAppRequest,
    AppsRestartRequest, AppsRollbackAppRequest, AppsUpdateAppRequest,
};
use serde_json::Value;
use tests::{Expected, assert_round_trip, client, request_example, response_example};
use wiremock::MockServer;

/// A server that answers one request of `expected` with the operation's 200 example.
pub async fn serve(expected: Expected<'_>) -> (MockServer, digitalocean_api::Client, Value) {
    let server = MockServer::start().await;
    let example = response_example(expected.operation, 200);
    expected.answer(&server, 200, Some(example.clone())).await;
    let client = client(&server);
    (server, client, example)
}

/// The request example decoded into its type: the tests send exactly what the docs show.
pub fn body<T: serde::de::DeserializeOwned>(operation: &str) -> T {
    serde_json::from_value(request_example(operation)).expect("the request example decodes")
}

#[tokio::test]
async fn list() {
    let (_server, client, example) = serve(Expected::new("apps_list", "/v2/apps").query(&[
        ("page", "1"),
        ("per_page", "2"),
        ("with_projects", "true"),
    ]))
    .await;

    let response = client
        .apps()
        .list()
        .page(1)
        .per_page(2)
        .with_projects(true)
        .send()
        .await
        .unwrap();

    let app = &response.apps.as_deref().unwrap()[0];
    assert_eq!(
        app.id.as_deref(),
        Some("4f6c71e2-1e90-4762-9fee-6cc4a0a9f2cf")
    );
    assert_eq!(app.spec.name, "sample-php");
    let service = &app.spec.services.as_deref().unwrap()[0];
    assert_eq!(service.http_port, Some(8080));
    assert_eq!(
        service.git.as_ref().unwrap().repo_clone_url.as_deref(),
        Some("https://github.com/digitalocean/sample-php.git")
    );
    assert_eq!(
        app.region
            .as_ref()
            .unwrap()
            .data_centers
            .as_deref()
            .unwrap(),
        ["fra1"]
    );
    assert_eq!(app.dedicated_ips.as_deref().unwrap().len(), 2);
    assert_eq!(response.meta.total, 1);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn create() {
    let request: AppsCreateAppRequest = body("apps_create");
    let (_server, client, example) =
        serve(Expected::new("apps_create", "/v2/apps").body(request_example("apps_create"))).await;

    let response = client.apps().create(request).send().await.unwrap();

    let app = response.app.as_ref().unwrap();
    assert_eq!(
        app.id.as_deref(),
        Some("c2a93513-8d9b-4223-9d61-5e7272c81cf5")
    );
    assert_eq!(
        app.active_deployment.as_ref().unwrap().cause.as_deref(),
        Some("manual")
    );
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn create_from_a_typed_spec() {
    let spec = AppSpec {
        region: Some("nyc".into()),
        ..AppSpec::new("web-app")
    };
    let expected =
        serde_json::json!({"spec": {"name": "web-app", "region": "nyc"}, "project_id": "p-1"});
    let (_server, client, _) = serve(Expected::new("apps_create", "/v2/apps").body(expected)).await;

    let request = AppsCreateAppRequest {
        project_id: Some("p-1".into()),
        ..AppsCreateAppRequest::new(spec)
    };
    client.apps().create(request).send().await.unwrap();
}

#[tokio::test]
async fn get() {
    let (_server, client, example) = serve(
        Expected::new("apps_get", "/v2/apps/c2a93513-8d9b-4223-9d61-5e7272c81cf5")
            .query(&[("name", "sample-golang")]),
    )
    .await;

    let response = client
        .apps()
        .get("c2a93513-8d9b-4223-9d61-5e7272c81cf5")
        .name("sample-golang")
        .send()
        .await
        .unwrap();

    let app = response.app.as_ref().unwrap();
    assert_eq!(app.spec.name, "sample-golang");
    assert_eq!(
        app.live_url.as_deref(),
        Some("https://sample-golang-zyhgn.ondigitalocean.app")
    );
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn update() {
    let request: AppsUpdateAppRequest = body("apps_update");
    let (_server, client, example) = serve(
        Expected::new(
            "apps_update",
            "/v2/apps/c2a93513-8d9b-4223-9d61-5e7272c81cf5",
        )
        .body(request_example("apps_update")),
    )
    .await;

    let response = client
        .apps()
        .update("c2a93513-8d9b-4223-9d61-5e7272c81cf5", request)
        .send()
        .await
        .unwrap();

    assert!(response.app.as_ref().unwrap().spec.services.is_some());
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn delete() {
    let (_server, client, example) = serve(Expected::new(
        "apps_delete",
        "/v2/apps/b7d64052-3706-4cb7-b21a-c5a2f44e63b3",
    ))
    .await;

    let response = client
        .apps()
        .delete("b7d64052-3706-4cb7-b21a-c5a2f44e63b3")
        .send()
        .await
        .unwrap();

    assert_eq!(
        response.id.as_deref(),
        Some("b7d64052-3706-4cb7-b21a-c5a2f44e63b3")
    );
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn validate_app_spec() {
    let request: AppPropose = body("apps_validate_appSpec");
    let (_server, client, example) = serve(
        Expected::new("apps_validate_appSpec", "/v2/apps/propose")
            .body(request_example("apps_validate_appSpec")),
    )
    .await;

    let response = client
        .apps()
        .validate_app_spec(request)
        .send()
        .await
        .unwrap();

    assert_eq!(response.app_cost, Some(5));
    assert_eq!(response.app_name_available, Some(true));
    assert_eq!(response.existing_static_apps.as_deref(), Some("2"));
    assert_eq!(response.spec.as_ref().unwrap().name, "sample-golang");
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn restart() {
    let request: AppsRestartRequest = body("apps_restart");
    let (_server, client, example) = serve(
        Expected::new("apps_restart", "/v2/apps/4f6c71e2/restart")
            .body(request_example("apps_restart")),
    )
    .await;

    let response = client
        .apps()
        .restart("4f6c71e2")
        .body(request)
        .send()
        .await
        .unwrap();

    assert_pending_deployment(&response);
    assert_round_trip(response.body(), &example);
}

/// The deployment example the restart, rollback and deployment operations share.
pub fn assert_pending_deployment(response: &digitalocean_api::models::AppsDeploymentResponse) {
    let deployment = response.deployment.as_ref().unwrap();
    assert_eq!(
        deployment.id.as_deref(),
        Some("b6bdf840-2854-4f87-a36c-5f231c617c84")
    );
    assert_eq!(
        deployment.cause.as_deref(),
        Some("commit 9a4df0b pushed to github/digitalocean/sample-golang")
    );
    assert_eq!(deployment.phase.as_deref(), Some("PENDING_BUILD"));
    let progress = deployment.progress.as_ref().unwrap();
    assert_eq!(progress.pending_steps, Some(6));
    let build = &progress.steps.as_deref().unwrap()[0];
    assert_eq!(build.name.as_deref(), Some("build"));
    // Steps nest: build > components > web.
    let components = &build.steps.as_deref().unwrap()[1];
    assert_eq!(
        components.steps.as_deref().unwrap()[0]
            .component_name
            .as_deref(),
        Some("web")
    );
}

#[tokio::test]
async fn create_rollback() {
    let request: AppsRollbackAppRequest = body("apps_create_rollback");
    let (_server, client, example) = serve(
        Expected::new("apps_create_rollback", "/v2/apps/4f6c71e2/rollback")
            .body(request_example("apps_create_rollback")),
    )
    .await;

    let response = client
        .apps()
        .create_rollback("4f6c71e2", request)
        .send()
        .await
        .unwrap();

    assert_pending_deployment(&response);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn validate_rollback() {
    let request: AppsRollbackAppRequest = body("apps_validate_rollback");
    let (_server, client, example) = serve(
        Expected::new(
            "apps_validate_rollback",
            "/v2/apps/4f6c71e2/rollback/validate",
        )
        .body(request_example("apps_validate_rollback")),
    )
    .await;

    let response = client
        .apps()
        .validate_rollback("4f6c71e2", request)
        .send()
        .await
        .unwrap();

    assert_eq!(response.valid, Some(false));
    let error = response.error.as_ref().unwrap();
    assert_eq!(
        error.code,
        Some(AppRollbackValidationConditionCode::IncompatibleResult)
    );
    assert_eq!(
        error.message.as_deref(),
        Some("deployment result \"failed\" is unsuitable for rollback")
    );
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn commit_rollback() {
    let server = MockServer::start().await;
    Expected::new("apps_commit_rollback", "/v2/apps/4f6c71e2/rollback/commit")
        .answer(&server, 200, None)
        .await;

    let response = client(&server)
        .apps()
        .commit_rollback("4f6c71e2")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn revert_rollback() {
    let (_server, client, example) = serve(Expected::new(
        "apps_revert_rollback",
        "/v2/apps/4f6c71e2/rollback/revert",
    ))
    .await;

    let response = client
        .apps()
        .revert_rollback("4f6c71e2")
        .send()
        .await
        .unwrap();

    assert_pending_deployment(&response);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn list_instance_sizes() {
    let (_server, client, example) = serve(Expected::new(
        "apps_list_instanceSizes",
        "/v2/apps/tiers/instance_sizes",
    ))
    .await;

    let response = client.apps().list_instance_sizes().send().await.unwrap();

    let sizes = response.instance_sizes.as_deref().unwrap();
    assert_eq!(sizes[0].slug.as_deref(), Some("apps-s-1vcpu-0.5gb"));
    // Byte counts travel as strings and arrive as integers.
    assert_eq!(sizes[0].memory_bytes, Some(536_870_912));
    assert_eq!(sizes[1].memory_bytes, Some(1_073_741_824));
    assert_eq!(sizes[0].usd_per_month.as_deref(), Some("5.00"));
    assert_round_trip(response.body(), &example);
    assert_eq!(
        serde_json::to_value(&sizes[0]).unwrap()["memory_bytes"],
        "536870912"
    );
}

#[tokio::test]
async fn get_instance_size() {
    let (_server, client, example) = serve(Expected::new(
        "apps_get_instanceSize",
        "/v2/apps/tiers/instance_sizes/apps-s-1vcpu-0.5gb",
    ))
    .await;

    let response = client
        .apps()
        .get_instance_size("apps-s-1vcpu-0.5gb")
        .send()
        .await
        .unwrap();

    let size = response.instance_size.as_ref().unwrap();
    assert_eq!(size.cpus, Some(1));
    assert_eq!(size.bandwidth_allowance_gib, Some(50));
    assert_eq!(size.single_instance_only, Some(true));
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn list_regions() {
    let (_server, client, example) =
        serve(Expected::new("apps_list_regions", "/v2/apps/regions")).await;

    let response = client.apps().list_regions().send().await.unwrap();

    let regions = response.regions.as_deref().unwrap();
    assert_eq!(regions[0].slug.as_deref(), Some("ams"));
    let new_york = &regions[1];
    assert_eq!(new_york.default, Some(true));
    assert_eq!(new_york.data_centers.as_deref().unwrap(), ["nyc1", "nyc3"]);
    assert_round_trip(response.body(), &example);
}
