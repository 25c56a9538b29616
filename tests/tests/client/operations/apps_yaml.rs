//! The rows of create, update and propose in YAML: the same typed values as in JSON.

use digitalocean_api::Format;
use digitalocean_api::models::{AppSpec, AppsResponse, AppsUpdateAppRequest};
use serde_json::{Value, json};
use tests::{assert_round_trip, decoded, request, response_example};

use super::case::{Body, Case, case};

const YAML: &str = "application/yaml";

pub fn cases() -> Vec<Case> {
    vec![create(), propose(), update_from_a_spec_file()]
}

/// A row whose request is YAML and asks for YAML.
fn in_yaml(operation: &'static str, sent: &'static str) -> Case {
    case(operation, sent)
        .about("in YAML")
        .header("content-type", YAML)
        .header("accept", YAML)
}

fn create() -> Case {
    in_yaml("apps_create", "POST /v2/apps")
        .body(Body::Example)
        .exchange(
            |server, answer| {
                let create = server.apps().create().body(request("apps_create"));
                create.respond(200, answer)
            },
            |client| {
                let create = client.apps().create(request("apps_create"));
                create
                    .content_type(Format::Yaml)
                    .accept(Format::Yaml)
                    .send()
            },
            |response| {
                assert_eq!(response.headers()["content-type"], YAML);
                let example = response_example("apps_create", 200);
                assert_eq!(*response.body(), decoded::<AppsResponse>(&example));
            },
        )
}

fn propose() -> Case {
    let propose = "apps_validate_appSpec";
    in_yaml(propose, "POST /v2/apps/propose")
        .body(Body::Example)
        .exchange(
            move |server, answer| {
                let validate = server.apps().validate_app_spec().body(request(propose));
                validate.respond(200, answer)
            },
            move |client| {
                let validate = client.apps().validate_app_spec(request(propose));
                validate
                    .content_type(Format::Yaml)
                    .accept(Format::Yaml)
                    .send()
            },
            |response| {
                assert_eq!(response.app_cost, Some(5));
                assert_eq!(response.spec.as_ref().unwrap().name, "sample-golang");
            },
        )
}

/// An app spec as users keep it in their repositories, YAML with the fields the docs show.
const APP_YAML: &str = "\
name: web-app
region: nyc
services:
  - name: api
    environment_slug: node-js
    instance_count: 2
    instance_size_slug: apps-s-1vcpu-0.5gb
    github:
      repo: digitalocean/sample-golang
      branch: main
      deploy_on_push: true
    envs:
      - key: DATABASE_URL
        scope: RUN_TIME
        type: SECRET
        value: postgres://example
";

fn update_from_a_spec_file() -> Case {
    let as_written = json!({ "spec": serde_yaml::from_str::<Value>(APP_YAML).unwrap() });
    let expected: AppsUpdateAppRequest = decoded(&as_written);
    assert_round_trip(&expected, &as_written);
    in_yaml("apps_update", "PUT /v2/apps/c2a93513")
        .about("from a spec file in YAML")
        .body(Body::Is(as_written))
        .exchange(
            |server, answer| {
                server
                    .apps()
                    .update("c2a93513")
                    .body(expected)
                    .respond(200, answer)
            },
            |client| {
                let spec: AppSpec = serde_yaml::from_str(APP_YAML).unwrap();
                assert_eq!(spec.services.as_deref().unwrap()[0].instance_count, Some(2));
                let update = client
                    .apps()
                    .update("c2a93513", AppsUpdateAppRequest::new(spec));
                update
                    .content_type(Format::Yaml)
                    .accept(Format::Yaml)
                    .send()
            },
            |response| {
                assert_eq!(
                    response.app.as_ref().unwrap().id.as_deref(),
                    Some("c2a93513-8d9b-4223-9d61-5e7272c81cf5")
                );
            },
        )
}
