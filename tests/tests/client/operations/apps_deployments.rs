//! The rows of App Platform deployments, their logs and their consoles.

use digitalocean_api::models::{
    AppsCreateDeploymentRequest, AppsDeploymentType, AppsGetLogsResponse, AppsLogType,
};
use serde_json::json;
use tests::request;

use super::apps::assert_pending_deployment;
use super::case::{Answer, Body, Case, case};

pub fn cases() -> Vec<Case> {
    vec![
        list_deployments(),
        create_deployment(),
        create_deployment_without_a_body(),
        get_deployment(),
        cancel_deployment(),
        logs_shaped_like_the_listing(),
        get_logs(),
        get_logs_aggregate(),
        get_logs_active_deployment(),
        get_logs_active_deployment_aggregate(),
        get_exec(),
        get_exec_active_deployment(),
    ]
}

fn list_deployments() -> Case {
    let types = || vec![AppsDeploymentType::Manual, AppsDeploymentType::Autoscaled];
    let sent = "GET /v2/apps/4f6c71e2/deployments?deployment_types=MANUAL&deployment_types=AUTOSCALED&page=2&per_page=20";
    case("apps_list_deployments", sent).exchange(
        move |server, answer| {
            let list = server.apps().list_deployments("4f6c71e2").page(2);
            list.per_page(20)
                .deployment_types(types())
                .respond(200, answer)
        },
        move |client| {
            let list = client.apps().list_deployments("4f6c71e2").page(2);
            list.per_page(20).deployment_types(types()).send()
        },
        |response| {
            let deployment = &response.deployments.as_deref().unwrap()[0];
            assert_eq!(
                deployment.id.as_deref(),
                Some("b6bdf840-2854-4f87-a36c-5f231c617c84")
            );
            assert_eq!(deployment.progress.as_ref().unwrap().pending_steps, Some(6));
        },
    )
}

fn create_deployment() -> Case {
    let typed = || {
        let body: AppsCreateDeploymentRequest = request("apps_create_deployment");
        assert_eq!(body.force_build, Some(true));
        body
    };
    case(
        "apps_create_deployment",
        "POST /v2/apps/4f6c71e2/deployments",
    )
    .body(Body::Example)
    .exchange(
        move |server, answer| {
            let create = server.apps().create_deployment("4f6c71e2");
            create.body(typed()).respond(200, answer)
        },
        move |client| {
            client
                .apps()
                .create_deployment("4f6c71e2")
                .body(typed())
                .send()
        },
        |response| assert_pending_deployment(response),
    )
}

/// Sends no body, as the curl of the docs does.
fn create_deployment_without_a_body() -> Case {
    case(
        "apps_create_deployment",
        "POST /v2/apps/4f6c71e2/deployments",
    )
    .about("without a body")
    .exchange(
        |server, answer| {
            server
                .apps()
                .create_deployment("4f6c71e2")
                .respond(200, answer)
        },
        |client| client.apps().create_deployment("4f6c71e2").send(),
        |response| assert_pending_deployment(response),
    )
}

fn get_deployment() -> Case {
    case(
        "apps_get_deployment",
        "GET /v2/apps/4f6c71e2/deployments/b6bdf840",
    )
    .exchange(
        |server, answer| {
            let get = server.apps().get_deployment("4f6c71e2", "b6bdf840");
            get.respond(200, answer)
        },
        |client| client.apps().get_deployment("4f6c71e2", "b6bdf840").send(),
        |response| assert_pending_deployment(response),
    )
}

fn cancel_deployment() -> Case {
    let sent = "POST /v2/apps/4f6c71e2/deployments/b6bdf840/cancel";
    case("apps_cancel_deployment", sent).exchange(
        |server, answer| {
            let cancel = server.apps().cancel_deployment("4f6c71e2", "b6bdf840");
            cancel.respond(200, answer)
        },
        |client| {
            client
                .apps()
                .cancel_deployment("4f6c71e2", "b6bdf840")
                .send()
        },
        |response| assert_pending_deployment(response),
    )
}

/// The logs example the log operations share.
fn assert_logs(response: &AppsGetLogsResponse) {
    assert_eq!(
        response.live_url.as_deref(),
        Some("https://logs-example/build.log")
    );
    assert!(response.unknown_fields.is_empty());
}

fn logs_shaped_like_the_listing() -> Case {
    let answer = json!({
        "historic_urls": ["https://logs-example/archive/build.log"],
        "live_url": "wss://logs-example/build"
    });
    let operation = "apps_get_logs_active_deployment_aggregate";
    case(operation, "GET /v2/apps/4f6c71e2/logs?type=BUILD")
        .about("a response shaped like the listing decodes into typed fields")
        .answer(Answer::Unchanged(answer))
        .exchange(
            |server, answer| {
                let apps = server.apps();
                let logs =
                    apps.get_logs_active_deployment_aggregate("4f6c71e2", AppsLogType::Build);
                logs.respond(200, answer)
            },
            |client| {
                let apps = client.apps();
                let logs =
                    apps.get_logs_active_deployment_aggregate("4f6c71e2", AppsLogType::Build);
                logs.send()
            },
            |response| {
                assert_eq!(
                    response.historic_urls.as_deref().unwrap(),
                    ["https://logs-example/archive/build.log"]
                );
                assert_eq!(
                    response.live_url.as_deref(),
                    Some("wss://logs-example/build")
                );
                assert!(response.unknown_fields.is_empty());
            },
        )
}

fn get_logs() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/deployments/b6bdf840/components/web/logs?follow=true&pod_connection_timeout=3m&type=BUILD";
    case("apps_get_logs", sent).exchange(
        |server, answer| {
            let apps = server.apps();
            let logs = apps.get_logs("4f6c71e2", "b6bdf840", "web", AppsLogType::Build);
            let logs = logs.follow(true).pod_connection_timeout("3m");
            logs.respond(200, answer)
        },
        |client| {
            let apps = client.apps();
            let logs = apps.get_logs("4f6c71e2", "b6bdf840", "web", AppsLogType::Build);
            logs.follow(true).pod_connection_timeout("3m").send()
        },
        |response| assert_logs(response),
    )
}

fn get_logs_aggregate() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/deployments/b6bdf840/logs?type=DEPLOY";
    case("apps_get_logs_aggregate", sent).exchange(
        |server, answer| {
            let apps = server.apps();
            let logs = apps.get_logs_aggregate("4f6c71e2", "b6bdf840", AppsLogType::Deploy);
            logs.respond(200, answer)
        },
        |client| {
            let apps = client.apps();
            apps.get_logs_aggregate("4f6c71e2", "b6bdf840", AppsLogType::Deploy)
                .send()
        },
        |response| assert_logs(response),
    )
}

fn get_logs_active_deployment() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/components/web/logs?type=RUN";
    case("apps_get_logs_active_deployment", sent).exchange(
        |server, answer| {
            let apps = server.apps();
            let logs = apps.get_logs_active_deployment("4f6c71e2", "web", AppsLogType::Run);
            logs.respond(200, answer)
        },
        |client| {
            let apps = client.apps();
            apps.get_logs_active_deployment("4f6c71e2", "web", AppsLogType::Run)
                .send()
        },
        |response| assert_logs(response),
    )
}

fn get_logs_active_deployment_aggregate() -> Case {
    let operation = "apps_get_logs_active_deployment_aggregate";
    case(operation, "GET /v2/apps/4f6c71e2/logs?type=RUN_RESTARTED").exchange(
        |server, answer| {
            let apps = server.apps();
            let restarted = AppsLogType::RunRestarted;
            let logs = apps.get_logs_active_deployment_aggregate("4f6c71e2", restarted);
            logs.respond(200, answer)
        },
        |client| {
            let apps = client.apps();
            let restarted = AppsLogType::RunRestarted;
            apps.get_logs_active_deployment_aggregate("4f6c71e2", restarted)
                .send()
        },
        |response| assert_logs(response),
    )
}

fn get_exec() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/deployments/b6bdf840/components/web/exec?instance_name=web-0";
    case("apps_get_exec", sent).exchange(
        |server, answer| {
            let exec = server.apps().get_exec("4f6c71e2", "b6bdf840", "web");
            exec.instance_name("web-0").respond(200, answer)
        },
        |client| {
            let exec = client.apps().get_exec("4f6c71e2", "b6bdf840", "web");
            exec.instance_name("web-0").send()
        },
        |response| assert_eq!(response.url.as_deref(), Some("wss://exec/?token=xxx")),
    )
}

fn get_exec_active_deployment() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/components/web/exec";
    case("apps_get_exec_active_deployment", sent).exchange(
        |server, answer| {
            let exec = server.apps().get_exec_active_deployment("4f6c71e2", "web");
            exec.respond(200, answer)
        },
        |client| {
            client
                .apps()
                .get_exec_active_deployment("4f6c71e2", "web")
                .send()
        },
        |response| assert_eq!(response.url.as_deref(), Some("wss://exec/?token=xxx")),
    )
}
