//! App Platform deployments, their logs and their consoles.

use digitalocean_api::models::{AppsCreateDeploymentRequest, AppsDeploymentType, AppsLogType};
use serde_json::json;
use tests::{Once, assert_round_trip, client, decoded, mock_server, request, serve};

use crate::apps::assert_pending_deployment;

#[tokio::test]
async fn list_deployments() {
    let types = vec![AppsDeploymentType::Manual, AppsDeploymentType::Autoscaled];
    let expected = types.clone();
    let (_server, client, example) = serve("apps_list_deployments", |server, answer| {
        let list = server
            .apps()
            .list_deployments("4f6c71e2")
            .page(2)
            .per_page(20);
        list.deployment_types(expected).respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .list_deployments("4f6c71e2")
        .page(2)
        .per_page(20)
        .deployment_types(types)
        .send()
        .await
        .unwrap();

    let deployment = &response.deployments.as_deref().unwrap()[0];
    assert_eq!(
        deployment.id.as_deref(),
        Some("b6bdf840-2854-4f87-a36c-5f231c617c84")
    );
    assert_eq!(deployment.progress.as_ref().unwrap().pending_steps, Some(6));
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn create_deployment() {
    let request: AppsCreateDeploymentRequest = request("apps_create_deployment");
    assert_eq!(request.force_build, Some(true));
    let body = request.clone();
    let (_server, client, example) = serve("apps_create_deployment", |server, answer| {
        let create = server.apps().create_deployment("4f6c71e2").body(body);
        create.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .create_deployment("4f6c71e2")
        .body(request)
        .send()
        .await
        .unwrap();

    assert_pending_deployment(&response);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn create_deployment_without_a_body_sends_none_as_the_docs_curl_does() {
    let (_server, client, example) = serve("apps_create_deployment", |server, answer| {
        server
            .apps()
            .create_deployment("4f6c71e2")
            .respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .create_deployment("4f6c71e2")
        .send()
        .await
        .unwrap();

    assert_pending_deployment(&response);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_deployment() {
    let (_server, client, example) = serve("apps_get_deployment", |server, answer| {
        let get = server.apps().get_deployment("4f6c71e2", "b6bdf840");
        get.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_deployment("4f6c71e2", "b6bdf840")
        .send()
        .await
        .unwrap();

    assert_pending_deployment(&response);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn cancel_deployment() {
    let (_server, client, example) = serve("apps_cancel_deployment", |server, answer| {
        let cancel = server.apps().cancel_deployment("4f6c71e2", "b6bdf840");
        cancel.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .cancel_deployment("4f6c71e2", "b6bdf840")
        .send()
        .await
        .unwrap();

    assert_pending_deployment(&response);
    assert_round_trip(response.body(), &example);
}

fn assert_logs(response: &digitalocean_api::models::AppsGetLogsResponse) {
    assert_eq!(
        response.live_url.as_deref(),
        Some("https://logs-example/build.log")
    );
    assert!(response.unknown_fields.is_empty());
}

#[tokio::test]
async fn a_logs_response_shaped_like_the_listing_decodes_into_typed_fields() {
    let server = mock_server().await;
    let answer = json!({
        "historic_urls": ["https://logs-example/archive/build.log"],
        "live_url": "wss://logs-example/build"
    });
    let apps = server.apps();
    let logs = apps.get_logs_active_deployment_aggregate("4f6c71e2", AppsLogType::Build);
    logs.respond(200, decoded(&answer)).once().await;

    let response = client(&server)
        .apps()
        .get_logs_active_deployment_aggregate("4f6c71e2", AppsLogType::Build)
        .send()
        .await
        .unwrap();

    assert_eq!(
        response.historic_urls.as_deref().unwrap(),
        ["https://logs-example/archive/build.log"]
    );
    assert_eq!(
        response.live_url.as_deref(),
        Some("wss://logs-example/build")
    );
    assert!(response.unknown_fields.is_empty());
    assert_eq!(serde_json::to_value(response.body()).unwrap(), answer);
}

#[tokio::test]
async fn get_logs() {
    let (_server, client, example) = serve("apps_get_logs", |server, answer| {
        let logs = server
            .apps()
            .get_logs("4f6c71e2", "b6bdf840", "web", AppsLogType::Build);
        let logs = logs.follow(true).pod_connection_timeout("3m");
        logs.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_logs("4f6c71e2", "b6bdf840", "web", AppsLogType::Build)
        .follow(true)
        .pod_connection_timeout("3m")
        .send()
        .await
        .unwrap();

    assert_logs(&response);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_logs_aggregate() {
    let (_server, client, example) = serve("apps_get_logs_aggregate", |server, answer| {
        let apps = server.apps();
        let logs = apps.get_logs_aggregate("4f6c71e2", "b6bdf840", AppsLogType::Deploy);
        logs.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_logs_aggregate("4f6c71e2", "b6bdf840", AppsLogType::Deploy)
        .send()
        .await
        .unwrap();

    assert_logs(&response);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_logs_active_deployment() {
    let (_server, client, example) = serve("apps_get_logs_active_deployment", |server, answer| {
        let apps = server.apps();
        let logs = apps.get_logs_active_deployment("4f6c71e2", "web", AppsLogType::Run);
        logs.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_logs_active_deployment("4f6c71e2", "web", AppsLogType::Run)
        .send()
        .await
        .unwrap();

    assert_logs(&response);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_logs_active_deployment_aggregate() {
    let operation = "apps_get_logs_active_deployment_aggregate";
    let (_server, client, example) = serve(operation, |server, answer| {
        let apps = server.apps();
        let logs = apps.get_logs_active_deployment_aggregate("4f6c71e2", AppsLogType::RunRestarted);
        logs.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_logs_active_deployment_aggregate("4f6c71e2", AppsLogType::RunRestarted)
        .send()
        .await
        .unwrap();

    assert_logs(&response);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_exec() {
    let (_server, client, example) = serve("apps_get_exec", |server, answer| {
        let exec = server.apps().get_exec("4f6c71e2", "b6bdf840", "web");
        exec.instance_name("web-0").respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_exec("4f6c71e2", "b6bdf840", "web")
        .instance_name("web-0")
        .send()
        .await
        .unwrap();

    assert_eq!(response.url.as_deref(), Some("wss://exec/?token=xxx"));
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_exec_active_deployment() {
    let (_server, client, example) = serve("apps_get_exec_active_deployment", |server, answer| {
        let exec = server.apps().get_exec_active_deployment("4f6c71e2", "web");
        exec.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_exec_active_deployment("4f6c71e2", "web")
        .send()
        .await
        .unwrap();

    assert_eq!(response.url.as_deref(), Some("wss://exec/?token=xxx"));
    assert_round_trip(response.body(), &example);
}
