//! App Platform alerts, health, instances and bandwidth.

use digitalocean_api::models::{
    AppMetricsBandwidthUsageRequest, AppsAssignAppAlertDestinationsRequest,
};
use serde_json::json;
use tests::{Once, assert_round_trip, client, decoded, mock_server, request, serve};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn list_alerts() {
    let (_server, client, example) = serve("apps_list_alerts", |server, answer| {
        server.apps().list_alerts("4f6c71e2").respond(200, answer)
    })
    .await;

    let response = client.apps().list_alerts("4f6c71e2").send().await.unwrap();

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
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn assign_alert_destinations() {
    let request: AppsAssignAppAlertDestinationsRequest = request("apps_assign_alertDestinations");
    let body = request.clone();
    let (_server, client, example) = serve("apps_assign_alertDestinations", |server, answer| {
        let assign = server
            .apps()
            .assign_alert_destinations("4f6c71e2", "e552e1f9");
        assign.body(body).respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .assign_alert_destinations("4f6c71e2", "e552e1f9", request)
        .send()
        .await
        .unwrap();

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
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_health() {
    let (_server, client, example) = serve("apps_get_health", |server, answer| {
        server.apps().get_health("4f6c71e2").respond(200, answer)
    })
    .await;

    let response = client.apps().get_health("4f6c71e2").send().await.unwrap();

    let health = response.app_health.as_ref().unwrap();
    let component = &health.components.as_deref().unwrap()[0];
    assert_eq!(component.name.as_deref(), Some("sample-expressjs"));
    assert_eq!(component.cpu_usage_percent, Some(5.555));
    assert_eq!(component.replicas_ready, Some(2));
    assert_eq!(component.state.as_deref(), Some("HEALTHY"));
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn a_health_response_shaped_like_the_listing_decodes_into_typed_fields() {
    let server = mock_server().await;
    // Every field the docs list, nested as they list it: under `app_health`.
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
    let get_health = server.apps().get_health("4f6c71e2");
    get_health.respond(200, decoded(&answer)).once().await;

    let response = client(&server)
        .apps()
        .get_health("4f6c71e2")
        .send()
        .await
        .unwrap();

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
    assert_round_trip(response.body(), &answer);
}

#[tokio::test]
async fn health_metric_values_with_fractions_decode_as_numbers() {
    let server = mock_server().await;
    // As the API sends it, byte for byte: a metric's value is a number, whole or not.
    let body = r#"{"app_health": {"functions_components": [{
        "name": "sample_function",
        "functions_component_health_metrics": [
            {"metric_label": "activations_count", "metric_value": 100, "time_window": "1h"},
            {"metric_label": "error_rate", "metric_value": 0.25, "time_window": "1h"},
            {"metric_label": "average_duration", "metric_value": -46366221.15592091, "time_window": "1h"}
        ]
    }]}}"#;
    Mock::given(method("GET"))
        .and(path("/v2/apps/4f6c71e2/health"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .expect(1)
        .mount(server.wiremock())
        .await;

    let response = client(&server)
        .apps()
        .get_health("4f6c71e2")
        .send()
        .await
        .unwrap();

    let functions = &response
        .app_health
        .as_ref()
        .unwrap()
        .functions_components
        .as_deref()
        .unwrap()[0];
    let values: Vec<(Option<&str>, Option<f64>)> = functions
        .functions_component_health_metrics
        .as_deref()
        .unwrap()
        .iter()
        .map(|metric| (metric.metric_label.as_deref(), metric.metric_value))
        .collect();
    assert_eq!(
        values,
        [
            (Some("activations_count"), Some(100.0)),
            (Some("error_rate"), Some(0.25)),
            (Some("average_duration"), Some(-46_366_221.155_920_91)),
        ]
    );
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_round_trip(response.body(), &body);
}

#[tokio::test]
async fn get_instances() {
    let (_server, client, example) = serve("apps_get_instances", |server, answer| {
        server.apps().get_instances("4f6c71e2").respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_instances("4f6c71e2")
        .send()
        .await
        .unwrap();

    let instances = response.instances.as_deref().unwrap();
    assert_eq!(instances.len(), 4);
    assert_eq!(
        instances[3].instance_name.as_deref(),
        Some("sample-php-767c6b49c4-z8dll")
    );
    assert_eq!(instances[0].component_type.as_deref(), Some("SERVICE"));
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_metrics_bandwidth_daily() {
    let date = "2023-01-17T00:00:00Z".parse().unwrap();
    let (_server, client, example) = serve("apps_get_metrics_bandwidth_daily", |server, answer| {
        let daily = server.apps().get_metrics_bandwidth_daily("4f6c71e2");
        daily.date(date).respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_metrics_bandwidth_daily("4f6c71e2")
        .date(date)
        .send()
        .await
        .unwrap();

    let usage = &response.app_bandwidth_usage.as_deref().unwrap()[0];
    assert_eq!(usage.bandwidth_bytes, Some(513_668));
    assert_eq!(response.date, Some(date));
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn list_metrics_bandwidth_daily() {
    let request: AppMetricsBandwidthUsageRequest = request("apps_list_metrics_bandwidth_daily");
    let body = request.clone();
    let (_server, client, example) =
        serve("apps_list_metrics_bandwidth_daily", |server, answer| {
            let daily = server.apps().list_metrics_bandwidth_daily().body(body);
            daily.respond(200, answer)
        })
        .await;

    let response = client
        .apps()
        .list_metrics_bandwidth_daily(request)
        .send()
        .await
        .unwrap();

    let usage = response.app_bandwidth_usage.as_deref().unwrap();
    assert_eq!(
        usage[1].app_id.as_deref(),
        Some("c2a93513-8d9b-4223-9d61-5e7272c81cf5")
    );
    assert_eq!(usage[1].bandwidth_bytes, Some(254_847));
    assert_round_trip(response.body(), &example);
}
