//! The App Platform operations on apps themselves: list, create, get, update, delete, propose,
//! restart, rollbacks, instance sizes and regions.

use digitalocean_api::models::{
    AppPropose, AppRollbackValidationConditionCode, AppSpec, AppsCreateAppRequest,
    AppsRestartRequest, AppsRollbackAppRequest, AppsUpdateAppRequest,
};
use tests::{Once, assert_round_trip, client, mock_server, request, serve};

#[tokio::test]
async fn list() {
    let (_server, client, example) = serve("apps_list", |server, answer| {
        let list = server.apps().list().page(1).per_page(2);
        list.with_projects(true).respond(200, answer)
    })
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
    let request: AppsCreateAppRequest = request("apps_create");
    let body = request.clone();
    let (_server, client, example) = serve("apps_create", |server, answer| {
        server.apps().create().body(body).respond(200, answer)
    })
    .await;

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
    let request = AppsCreateAppRequest {
        project_id: Some("p-1".into()),
        ..AppsCreateAppRequest::new(spec)
    };
    let expected =
        serde_json::json!({"spec": {"name": "web-app", "region": "nyc"}, "project_id": "p-1"});
    assert_eq!(serde_json::to_value(&request).unwrap(), expected);
    let server = mock_server().await;
    let create = server.apps().create().body(request.clone());
    create.respond(200, Default::default()).once().await;

    client(&server).apps().create(request).send().await.unwrap();
}

#[tokio::test]
async fn get() {
    let id = "c2a93513-8d9b-4223-9d61-5e7272c81cf5";
    let (_server, client, example) = serve("apps_get", |server, answer| {
        let get = server.apps().get(id).name("sample-golang");
        get.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get(id)
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
    let id = "c2a93513-8d9b-4223-9d61-5e7272c81cf5";
    let request: AppsUpdateAppRequest = request("apps_update");
    let body = request.clone();
    let (_server, client, example) = serve("apps_update", |server, answer| {
        server.apps().update(id).body(body).respond(200, answer)
    })
    .await;

    let response = client.apps().update(id, request).send().await.unwrap();

    assert!(response.app.as_ref().unwrap().spec.services.is_some());
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn delete() {
    let id = "b7d64052-3706-4cb7-b21a-c5a2f44e63b3";
    let (_server, client, example) = serve("apps_delete", |server, answer| {
        server.apps().delete(id).respond(200, answer)
    })
    .await;

    let response = client.apps().delete(id).send().await.unwrap();

    assert_eq!(response.id.as_deref(), Some(id));
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn validate_app_spec() {
    let request: AppPropose = request("apps_validate_appSpec");
    let body = request.clone();
    let (_server, client, example) = serve("apps_validate_appSpec", |server, answer| {
        let validate = server.apps().validate_app_spec().body(body);
        validate.respond(200, answer)
    })
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
    let request: AppsRestartRequest = request("apps_restart");
    let body = request.clone();
    let (_server, client, example) = serve("apps_restart", |server, answer| {
        server
            .apps()
            .restart("4f6c71e2")
            .body(body)
            .respond(200, answer)
    })
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
    let request: AppsRollbackAppRequest = request("apps_create_rollback");
    let body = request.clone();
    let (_server, client, example) = serve("apps_create_rollback", |server, answer| {
        let rollback = server.apps().create_rollback("4f6c71e2").body(body);
        rollback.respond(200, answer)
    })
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
    let request: AppsRollbackAppRequest = request("apps_validate_rollback");
    let body = request.clone();
    let (_server, client, example) = serve("apps_validate_rollback", |server, answer| {
        let validate = server.apps().validate_rollback("4f6c71e2").body(body);
        validate.respond(200, answer)
    })
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
    let server = mock_server().await;
    let commit = server.apps().commit_rollback("4f6c71e2");
    commit.respond(200).once().await;

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
    let (_server, client, example) = serve("apps_revert_rollback", |server, answer| {
        server
            .apps()
            .revert_rollback("4f6c71e2")
            .respond(200, answer)
    })
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
    let (_server, client, example) = serve("apps_list_instanceSizes", |server, answer| {
        server.apps().list_instance_sizes().respond(200, answer)
    })
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
    let slug = "apps-s-1vcpu-0.5gb";
    let (_server, client, example) = serve("apps_get_instanceSize", |server, answer| {
        server.apps().get_instance_size(slug).respond(200, answer)
    })
    .await;

    let response = client.apps().get_instance_size(slug).send().await.unwrap();

    let size = response.instance_size.as_ref().unwrap();
    assert_eq!(size.cpus, Some(1));
    assert_eq!(size.bandwidth_allowance_gib, Some(50));
    assert_eq!(size.single_instance_only, Some(true));
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn list_regions() {
    let (_server, client, example) = serve("apps_list_regions", |server, answer| {
        server.apps().list_regions().respond(200, answer)
    })
    .await;

    let response = client.apps().list_regions().send().await.unwrap();

    let regions = response.regions.as_deref().unwrap();
    assert_eq!(regions[0].slug.as_deref(), Some("ams"));
    let new_york = &regions[1];
    assert_eq!(new_york.default, Some(true));
    assert_eq!(new_york.data_centers.as_deref().unwrap(), ["nyc1", "nyc3"]);
    assert_round_trip(response.body(), &example);
}
