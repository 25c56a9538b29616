//! The rows of App Platform alerts, health, instances and bandwidth.

use serde_json::json;
use tests::request;

use super::case::{Answer, Body, Case, case, served};

pub fn cases() -> Vec<Case> {
    vec![
        list_alerts(),
        assign_alert_destinations(),
        get_health(),
        health_shaped_like_the_listing(),
        get_instances(),
        get_metrics_bandwidth_daily(),
        list_metrics_bandwidth_daily(),
    ]
}

fn list_alerts() -> Case {
    served!(
        case("apps_list_alerts", "GET /v2/apps/4f6c71e2/alerts"),
        [apps().list_alerts("4f6c71e2")],
        |response| {
            let alerts = response.alerts.as_deref().unwrap();
            assert_eq!(alerts.len(), 2);
            assert_eq!(
                alerts[0].spec.as_ref().unwrap().rule.as_deref(),
                Some("DEPLOYMENT_FAILED")
            );
            let cpu = alerts[1].spec.as_ref().unwrap();
            assert_eq!(
                (cpu.operator.as_deref(), cpu.value, cpu.window.as_deref()),
                (Some("GREATER_THAN"), Some(85.0), Some("FIVE_MINUTES"))
            );
        }
    )
}

fn assign_alert_destinations() -> Case {
    let assign = "apps_assign_alertDestinations";
    let sent = "POST /v2/apps/4f6c71e2/alerts/e552e1f9/destinations";
    case(assign, sent).body(Body::Example).exchange(
        move |server, answer| {
            let apps = server.apps();
            let destinations = apps.assign_alert_destinations("4f6c71e2", "e552e1f9");
            destinations.body(request(assign)).respond(200, answer)
        },
        move |client| {
            let apps = client.apps();
            apps.assign_alert_destinations("4f6c71e2", "e552e1f9", request(assign))
                .send()
        },
        |response| {
            let alert = response.alert.as_ref().unwrap();
            assert_eq!(
                alert.id.as_deref(),
                Some("e552e1f9-c1b0-4e6d-8777-ad6f27767306")
            );
            assert_eq!(
                alert.progress.as_ref().unwrap().steps.as_deref().unwrap()[0]
                    .status
                    .as_deref(),
                Some("SUCCESS")
            );
        },
    )
}

fn get_health() -> Case {
    served!(
        case("apps_get_health", "GET /v2/apps/4f6c71e2/health"),
        [apps().get_health("4f6c71e2")],
        |response| {
            let health = response.app_health.as_ref().unwrap();
            let component = &health.components.as_deref().unwrap()[0];
            assert_eq!(component.name.as_deref(), Some("sample-expressjs"));
            assert_eq!(component.cpu_usage_percent, Some(5.555));
            assert_eq!(component.replicas_ready, Some(2));
            assert_eq!(component.state.as_deref(), Some("HEALTHY"));
        }
    )
}

/// Every field the docs list, nested as they list it: under `app_health`.
fn health_shaped_like_the_listing() -> Case {
    let answer = json!({"app_health": {
        "components": [{
            "cpu_usage_percent": 30.5,
            "memory_usage_percent": 25.0,
            "name": "sample_app",
            "replicas_desired": 2,
            "replicas_ready": 1,
            "state": "HEALTHY"
        }],
        "functions_components": [{
            "functions_component_health_metrics": [{
                "metric_label": "activations_count",
                "metric_value": 100,
                "time_window": "1h"
            }],
            "name": "sample_function"
        }]
    }});
    served!(
        case("apps_get_health", "GET /v2/apps/4f6c71e2/health")
            .about("a response shaped like the listing decodes into typed fields")
            .answer(Answer::Like(answer)),
        [apps().get_health("4f6c71e2")],
        |response| {
            assert!(response.unknown_fields.is_empty());
            let health = response.app_health.as_ref().unwrap();
            assert!(health.unknown_fields.is_empty());
            let component = &health.components.as_deref().unwrap()[0];
            assert!(component.unknown_fields.is_empty());
            assert_eq!(
                (
                    component.name.as_deref(),
                    component.cpu_usage_percent,
                    component.memory_usage_percent,
                    component.replicas_desired,
                    component.replicas_ready,
                    component.state.as_deref(),
                ),
                (
                    Some("sample_app"),
                    Some(30.5),
                    Some(25.0),
                    Some(2),
                    Some(1),
                    Some("HEALTHY")
                )
            );
            let functions = &health.functions_components.as_deref().unwrap()[0];
            assert!(functions.unknown_fields.is_empty());
            assert_eq!(functions.name.as_deref(), Some("sample_function"));
            let metric = &functions
                .functions_component_health_metrics
                .as_deref()
                .unwrap()[0];
            assert!(metric.unknown_fields.is_empty());
            assert_eq!(
                (
                    metric.metric_label.as_deref(),
                    metric.metric_value,
                    metric.time_window.as_deref()
                ),
                (Some("activations_count"), Some(100.0), Some("1h"))
            );
        }
    )
}

fn get_instances() -> Case {
    served!(
        case("apps_get_instances", "GET /v2/apps/4f6c71e2/instances"),
        [apps().get_instances("4f6c71e2")],
        |response| {
            let instances = response.instances.as_deref().unwrap();
            assert_eq!(instances.len(), 4);
            assert_eq!(
                instances[3].instance_name.as_deref(),
                Some("sample-php-767c6b49c4-z8dll")
            );
            assert_eq!(instances[0].component_type.as_deref(), Some("SERVICE"));
        }
    )
}

fn get_metrics_bandwidth_daily() -> Case {
    let date = || "2023-01-17T00:00:00Z".parse().unwrap();
    let sent = "GET /v2/apps/4f6c71e2/metrics/bandwidth_daily?date=2023-01-17T00%3A00%3A00Z";
    served!(
        case("apps_get_metrics_bandwidth_daily", sent),
        [apps().get_metrics_bandwidth_daily("4f6c71e2").date(date())],
        move |response| {
            let usage = &response.app_bandwidth_usage.as_deref().unwrap()[0];
            assert_eq!(usage.bandwidth_bytes, Some(513_668));
            assert_eq!(response.date, Some(date()));
        }
    )
}

fn list_metrics_bandwidth_daily() -> Case {
    let daily = "apps_list_metrics_bandwidth_daily";
    case(daily, "POST /v2/apps/metrics/bandwidth_daily")
        .body(Body::Example)
        .exchange(
            move |server, answer| {
                let list = server.apps().list_metrics_bandwidth_daily();
                list.body(request(daily)).respond(200, answer)
            },
            move |client| {
                client
                    .apps()
                    .list_metrics_bandwidth_daily(request(daily))
                    .send()
            },
            |response| {
                let usage = response.app_bandwidth_usage.as_deref().unwrap();
                assert_eq!(
                    usage[1].app_id.as_deref(),
                    Some("c2a93513-8d9b-4223-9d61-5e7272c81cf5")
                );
                assert_eq!(usage[1].bandwidth_bytes, Some(254_847));
            },
        )
}
