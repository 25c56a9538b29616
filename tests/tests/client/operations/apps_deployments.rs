//! The rows of App Platform deployments, their logs and their consoles.

use digitalocean_api::models::{
    AppsCreateDeploymentRequest, AppsDeploymentType, AppsGetLogsResponse, AppsLogType,
};
use serde_json::json;
use tests::request;

use super::apps::assert_pending_deployment;
use super::case::{Answer, Body, Case, case, served};

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
    served!(
        case("apps_list_deployments", sent),
        [apps()
            .list_deployments("4f6c71e2")
            .page(2)
            .per_page(20)
            .deployment_types(types())],
        |response| {
            let deployment = &response.deployments.as_deref().unwrap()[0];
            assert_eq!(
                deployment.id.as_deref(),
                Some("b6bdf840-2854-4f87-a36c-5f231c617c84")
            );
            assert_eq!(deployment.progress.as_ref().unwrap().pending_steps, Some(6));
        }
    )
}

fn create_deployment() -> Case {
    let typed = || {
        let body: AppsCreateDeploymentRequest = request("apps_create_deployment");
        assert_eq!(body.force_build, Some(true));
        body
    };
    served!(
        case(
            "apps_create_deployment",
            "POST /v2/apps/4f6c71e2/deployments",
        )
        .body(Body::Example),
        [apps().create_deployment("4f6c71e2").body(typed())],
        |response| assert_pending_deployment(response)
    )
}

/// Sends no body, as the curl of the docs does.
fn create_deployment_without_a_body() -> Case {
    served!(
        case(
            "apps_create_deployment",
            "POST /v2/apps/4f6c71e2/deployments",
        )
        .about("without a body"),
        [apps().create_deployment("4f6c71e2")],
        |response| assert_pending_deployment(response)
    )
}

fn get_deployment() -> Case {
    served!(
        case(
            "apps_get_deployment",
            "GET /v2/apps/4f6c71e2/deployments/b6bdf840",
        ),
        [apps().get_deployment("4f6c71e2", "b6bdf840")],
        |response| assert_pending_deployment(response)
    )
}

fn cancel_deployment() -> Case {
    let sent = "POST /v2/apps/4f6c71e2/deployments/b6bdf840/cancel";
    served!(
        case("apps_cancel_deployment", sent),
        [apps().cancel_deployment("4f6c71e2", "b6bdf840")],
        |response| assert_pending_deployment(response)
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
    served!(
        case(operation, "GET /v2/apps/4f6c71e2/logs?type=BUILD")
            .about("a response shaped like the listing decodes into typed fields")
            .answer(Answer::Unchanged(answer)),
        [apps().get_logs_active_deployment_aggregate("4f6c71e2", AppsLogType::Build)],
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
        }
    )
}

fn get_logs() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/deployments/b6bdf840/components/web/logs?follow=true&pod_connection_timeout=3m&type=BUILD";
    served!(
        case("apps_get_logs", sent),
        [apps()
            .get_logs("4f6c71e2", "b6bdf840", "web", AppsLogType::Build)
            .follow(true)
            .pod_connection_timeout("3m")],
        |response| assert_logs(response)
    )
}

fn get_logs_aggregate() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/deployments/b6bdf840/logs?type=DEPLOY";
    served!(
        case("apps_get_logs_aggregate", sent),
        [apps().get_logs_aggregate("4f6c71e2", "b6bdf840", AppsLogType::Deploy)],
        |response| assert_logs(response)
    )
}

fn get_logs_active_deployment() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/components/web/logs?type=RUN";
    served!(
        case("apps_get_logs_active_deployment", sent),
        [apps().get_logs_active_deployment("4f6c71e2", "web", AppsLogType::Run)],
        |response| assert_logs(response)
    )
}

fn get_logs_active_deployment_aggregate() -> Case {
    let operation = "apps_get_logs_active_deployment_aggregate";
    served!(
        case(operation, "GET /v2/apps/4f6c71e2/logs?type=RUN_RESTARTED"),
        [apps().get_logs_active_deployment_aggregate("4f6c71e2", AppsLogType::RunRestarted)],
        |response| assert_logs(response)
    )
}

fn get_exec() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/deployments/b6bdf840/components/web/exec?instance_name=web-0";
    served!(
        case("apps_get_exec", sent),
        [apps()
            .get_exec("4f6c71e2", "b6bdf840", "web")
            .instance_name("web-0")],
        |response| assert_eq!(response.url.as_deref(), Some("wss://exec/?token=xxx"))
    )
}

fn get_exec_active_deployment() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/components/web/exec";
    served!(
        case("apps_get_exec_active_deployment", sent),
        [apps().get_exec_active_deployment("4f6c71e2", "web")],
        |response| assert_eq!(response.url.as_deref(), Some("wss://exec/?token=xxx"))
    )
}
