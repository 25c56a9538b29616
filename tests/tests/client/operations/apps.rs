//! The rows of the App Platform operations on apps themselves: list, create, get, update,
//! delete, propose, restart, rollbacks, instance sizes and regions.

use digitalocean_api::models::{
    AppRollbackValidationConditionCode, AppSpec, AppsCreateAppRequest, AppsDeploymentResponse,
};
use serde_json::json;
use tests::request;

use super::case::{Answer, Body, Case, case, served};

/// The app most examples show.
const APP: &str = "c2a93513-8d9b-4223-9d61-5e7272c81cf5";

pub fn cases() -> Vec<Case> {
    vec![
        list(),
        create(),
        create_from_a_typed_spec(),
        get(),
        update(),
        delete(),
        validate_app_spec(),
        restart(),
        create_rollback(),
        validate_rollback(),
        commit_rollback(),
        revert_rollback(),
        list_instance_sizes(),
        get_instance_size(),
        list_regions(),
    ]
}

fn list() -> Case {
    served!(
        case(
            "apps_list",
            "GET /v2/apps?page=1&per_page=2&with_projects=true",
        ),
        [apps().list().page(1).per_page(2).with_projects(true)],
        |response| {
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
            let region = app.region.as_ref().unwrap();
            assert_eq!(region.data_centers.as_deref().unwrap(), ["fra1"]);
            assert_eq!(app.dedicated_ips.as_deref().unwrap().len(), 2);
            assert_eq!(response.meta.total, 1);
        }
    )
}

fn create() -> Case {
    case("apps_create", "POST /v2/apps")
        .body(Body::Example)
        .exchange(
            |server, answer| {
                let create = server.apps().create().body(request("apps_create"));
                create.respond(200, answer)
            },
            |client| client.apps().create(request("apps_create")).send(),
            |response| {
                let app = response.app.as_ref().unwrap();
                assert_eq!(app.id.as_deref(), Some(APP));
                assert_eq!(
                    app.active_deployment.as_ref().unwrap().cause.as_deref(),
                    Some("manual")
                );
            },
        )
}

/// A request built from typed values sends only what was set.
fn create_from_a_typed_spec() -> Case {
    let typed = || {
        let spec = AppSpec {
            region: Some("nyc".into()),
            ..AppSpec::new("web-app")
        };
        AppsCreateAppRequest {
            project_id: Some("p-1".into()),
            ..AppsCreateAppRequest::new(spec)
        }
    };
    let sent = json!({"spec": {"name": "web-app", "region": "nyc"}, "project_id": "p-1"});
    case("apps_create", "POST /v2/apps")
        .about("from a typed spec")
        .body(Body::Is(sent))
        .answer(Answer::Like(json!({})))
        .exchange(
            move |server, answer| server.apps().create().body(typed()).respond(200, answer),
            move |client| client.apps().create(typed()).send(),
            |response| assert_eq!(response.app, None),
        )
}

fn get() -> Case {
    served!(
        case(
            "apps_get",
            "GET /v2/apps/c2a93513-8d9b-4223-9d61-5e7272c81cf5?name=sample-golang",
        ),
        [apps().get(APP).name("sample-golang")],
        |response| {
            let app = response.app.as_ref().unwrap();
            assert_eq!(app.spec.name, "sample-golang");
            assert_eq!(
                app.live_url.as_deref(),
                Some("https://sample-golang-zyhgn.ondigitalocean.app")
            );
        }
    )
}

fn update() -> Case {
    case(
        "apps_update",
        "PUT /v2/apps/c2a93513-8d9b-4223-9d61-5e7272c81cf5",
    )
    .body(Body::Example)
    .exchange(
        |server, answer| {
            let update = server.apps().update(APP).body(request("apps_update"));
            update.respond(200, answer)
        },
        |client| client.apps().update(APP, request("apps_update")).send(),
        |response| assert!(response.app.as_ref().unwrap().spec.services.is_some()),
    )
}

fn delete() -> Case {
    let id = "b7d64052-3706-4cb7-b21a-c5a2f44e63b3";
    served!(
        case(
            "apps_delete",
            "DELETE /v2/apps/b7d64052-3706-4cb7-b21a-c5a2f44e63b3",
        ),
        [apps().delete(id)],
        move |response| assert_eq!(response.id.as_deref(), Some(id))
    )
}

fn validate_app_spec() -> Case {
    let propose = "apps_validate_appSpec";
    case(propose, "POST /v2/apps/propose")
        .body(Body::Example)
        .exchange(
            move |server, answer| {
                let validate = server.apps().validate_app_spec().body(request(propose));
                validate.respond(200, answer)
            },
            move |client| client.apps().validate_app_spec(request(propose)).send(),
            |response| {
                assert_eq!(response.app_cost, Some(5));
                assert_eq!(response.app_name_available, Some(true));
                assert_eq!(response.existing_static_apps.as_deref(), Some("2"));
                assert_eq!(response.spec.as_ref().unwrap().name, "sample-golang");
            },
        )
}

fn restart() -> Case {
    served!(
        case("apps_restart", "POST /v2/apps/4f6c71e2/restart").body(Body::Example),
        [apps().restart("4f6c71e2").body(request("apps_restart"))],
        |response| assert_pending_deployment(response)
    )
}

/// The deployment example the restart, rollback and deployment operations share.
pub fn assert_pending_deployment(response: &AppsDeploymentResponse) {
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

fn create_rollback() -> Case {
    let rollback = "apps_create_rollback";
    case(rollback, "POST /v2/apps/4f6c71e2/rollback")
        .body(Body::Example)
        .exchange(
            move |server, answer| {
                let create = server.apps().create_rollback("4f6c71e2");
                create.body(request(rollback)).respond(200, answer)
            },
            move |client| {
                let body = request(rollback);
                client.apps().create_rollback("4f6c71e2", body).send()
            },
            |response| assert_pending_deployment(response),
        )
}

fn validate_rollback() -> Case {
    let validate = "apps_validate_rollback";
    case(validate, "POST /v2/apps/4f6c71e2/rollback/validate")
        .body(Body::Example)
        .exchange(
            move |server, answer| {
                let rollback = server.apps().validate_rollback("4f6c71e2");
                rollback.body(request(validate)).respond(200, answer)
            },
            move |client| {
                let body = request(validate);
                client.apps().validate_rollback("4f6c71e2", body).send()
            },
            |response| {
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
            },
        )
}

fn commit_rollback() -> Case {
    case(
        "apps_commit_rollback",
        "POST /v2/apps/4f6c71e2/rollback/commit",
    )
    .answer(Answer::Empty)
    .exchange(
        |server, ()| server.apps().commit_rollback("4f6c71e2").respond(200),
        |client| client.apps().commit_rollback("4f6c71e2").send(),
        |response| assert_eq!(response.status(), 200),
    )
}

fn revert_rollback() -> Case {
    served!(
        case(
            "apps_revert_rollback",
            "POST /v2/apps/4f6c71e2/rollback/revert",
        ),
        [apps().revert_rollback("4f6c71e2")],
        |response| assert_pending_deployment(response)
    )
}

fn list_instance_sizes() -> Case {
    served!(
        case(
            "apps_list_instanceSizes",
            "GET /v2/apps/tiers/instance_sizes",
        ),
        [apps().list_instance_sizes()],
        |response| {
            let sizes = response.instance_sizes.as_deref().unwrap();
            assert_eq!(sizes[0].slug.as_deref(), Some("apps-s-1vcpu-0.5gb"));
            // Byte counts travel as strings and arrive as integers.
            assert_eq!(sizes[0].memory_bytes, Some(536_870_912));
            assert_eq!(sizes[1].memory_bytes, Some(1_073_741_824));
            assert_eq!(sizes[0].usd_per_month.as_deref(), Some("5.00"));
            assert_eq!(
                serde_json::to_value(&sizes[0]).unwrap()["memory_bytes"],
                "536870912"
            );
        }
    )
}

fn get_instance_size() -> Case {
    let slug = "apps-s-1vcpu-0.5gb";
    served!(
        case(
            "apps_get_instanceSize",
            "GET /v2/apps/tiers/instance_sizes/apps-s-1vcpu-0.5gb",
        ),
        [apps().get_instance_size(slug)],
        |response| {
            let size = response.instance_size.as_ref().unwrap();
            assert_eq!(size.cpus, Some(1));
            assert_eq!(size.bandwidth_allowance_gib, Some(50));
            assert_eq!(size.single_instance_only, Some(true));
        }
    )
}

fn list_regions() -> Case {
    served!(
        case("apps_list_regions", "GET /v2/apps/regions"),
        [apps().list_regions()],
        |response| {
            let regions = response.regions.as_deref().unwrap();
            assert_eq!(regions[0].slug.as_deref(), Some("ams"));
            let new_york = &regions[1];
            assert_eq!(new_york.default, Some(true));
            assert_eq!(new_york.data_centers.as_deref().unwrap(), ["nyc1", "nyc3"]);
        }
    )
}
