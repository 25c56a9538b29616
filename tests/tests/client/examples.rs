//! The crate's examples (generated/examples/), run against a mock server.

use std::time::Duration;

use serde_json::json;
use tests::{client, response_example};
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[allow(dead_code)]
#[path = "../../../generated/examples/list_apps.rs"]
mod list_apps;

#[allow(dead_code)]
#[path = "../../../generated/examples/create_app_from_yaml.rs"]
mod create_app_from_yaml;

#[allow(dead_code)]
#[path = "../../../generated/examples/follow_deployment.rs"]
mod follow_deployment;

#[tokio::test]
async fn list_apps_streams_every_page() {
    let server = MockServer::start().await;
    let app = |name: &str| json!({"id": name, "spec": {"name": name}});
    Mock::given(method("GET"))
        .and(path("/v2/apps"))
        .and(query_param("per_page", "200"))
        .and(query_param("page", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"apps": [app("c")], "links": {}, "meta": {"total": 3}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/apps"))
        .and(query_param("per_page", "200"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "apps": [app("a"), app("b")],
            "links": {"pages": {"next": "https://api.digitalocean.com/v2/apps?page=2&per_page=200"}},
            "meta": {"total": 3}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let names = list_apps::run(&client(&server)).await.unwrap();

    assert_eq!(names, ["a", "b", "c"]);
}

const APP_YAML: &str = "\
name: sample-golang
region: ams
services:
  - name: web
    environment_slug: go
    github:
      repo: digitalocean/sample-golang
      branch: branch
";

#[tokio::test]
async fn create_app_from_yaml_proposes_then_creates() {
    let server = MockServer::start().await;
    let spec: serde_json::Value = serde_yaml::from_str(APP_YAML).unwrap();
    Mock::given(method("POST"))
        .and(path("/v2/apps/propose"))
        .and(body_json(json!({"spec": spec})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(response_example("apps_validate_appSpec", 200)),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/apps"))
        .and(body_json(json!({"spec": spec})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(response_example("apps_create", 200)),
        )
        .expect(1)
        .mount(&server)
        .await;

    let app = create_app_from_yaml::run(&client(&server), APP_YAML)
        .await
        .unwrap();

    assert_eq!(
        app.id.as_deref(),
        Some("c2a93513-8d9b-4223-9d61-5e7272c81cf5")
    );
}

#[tokio::test]
async fn follow_deployment_polls_until_active() {
    let server = MockServer::start().await;
    let route = "/v2/apps/a1/deployments/d1";
    for phase in ["PENDING_BUILD", "BUILDING", "DEPLOYING"] {
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"deployment": {"id": "d1", "phase": phase}})),
            )
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "deployment": {"id": "d1", "phase": "ACTIVE", "progress": {"success_steps": 6, "total_steps": 6}}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let deployment = follow_deployment::run(&client(&server), "a1", "d1", Duration::ZERO)
        .await
        .unwrap();

    assert_eq!(deployment.phase.as_deref(), Some("ACTIVE"));
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn follow_deployment_reports_a_failed_deployment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"deployment": {"id": "d1", "phase": "ERROR"}})),
        )
        .mount(&server)
        .await;

    let error = follow_deployment::run(&client(&server), "a1", "d1", Duration::ZERO)
        .await
        .unwrap_err();

    assert_eq!(error.to_string(), "the deployment ended in ERROR");
}
