//! How the generated structs read and write JSON: members in any order, unknown ones kept in the
//! order they came and written after the described ones, the errors serde's derive gives, and
//! values of more than one shape (strings or booleans, whole numbers or fractions).

use digitalocean_api::models::{
    AddonsFeatureValue, AddonsResourceMetadata, AppsListResponse, LinkPages, MetaProperties,
};
use serde_json::json;
use tests::{assert_round_trip, client, mock_server};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[test]
fn members_in_any_order_with_unknown_ones_between_them() {
    let text = r#"{"zeta":1,"total":3,"alpha":{"a":[true]}}"#;
    let meta: MetaProperties = serde_json::from_str(text).unwrap();
    assert_eq!(meta.total, 3);
    assert_eq!(meta.unknown_fields.len(), 2);
    // Described fields first, then the unknown ones in the order they came.
    assert_eq!(
        serde_json::to_string(&meta).unwrap(),
        r#"{"total":3,"zeta":1,"alpha":{"a":[true]}}"#
    );
}

#[test]
fn an_absent_optional_field_is_left_out_and_null_reads_as_absent() {
    let pages: LinkPages = serde_json::from_str(r#"{"next":null,"last":"l"}"#).unwrap();
    assert_eq!(pages.next, None);
    assert_eq!(serde_json::to_string(&pages).unwrap(), r#"{"last":"l"}"#);
}

#[test]
fn a_missing_required_field_is_named() {
    let error = serde_json::from_value::<AppsListResponse>(json!({"apps": []})).unwrap_err();
    assert!(
        error.to_string().contains("missing field `meta`"),
        "{error}"
    );
}

#[test]
fn a_member_given_twice_is_refused() {
    let error = serde_json::from_str::<MetaProperties>(r#"{"total":1,"total":2}"#).unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `total`"),
        "{error}"
    );
}

#[test]
fn a_non_object_is_refused() {
    let error = serde_json::from_str::<MetaProperties>("[1]").unwrap_err();
    assert!(error.to_string().contains("expected an object"), "{error}");
}

#[test]
fn strict_decoding_still_names_every_unknown_member() {
    let error = digitalocean_api::decode_strict::<MetaProperties>(r#"{"total":1,"a":1,"b":2}"#)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("fields the spec does not describe: a, b"),
        "{error}"
    );
}

#[test]
fn metadata_values_are_strings_or_booleans() {
    let string: AddonsResourceMetadata =
        serde_json::from_str(r#"{"name":"a","value":"x"}"#).unwrap();
    let boolean: AddonsResourceMetadata =
        serde_json::from_str(r#"{"name":"a","value":true}"#).unwrap();
    let other: AddonsResourceMetadata = serde_json::from_str(r#"{"name":"a","value":7}"#).unwrap();
    assert_eq!(string.value, AddonsFeatureValue::String("x".into()));
    assert_eq!(boolean.value, AddonsFeatureValue::Boolean(true));
    assert_eq!(other.value, AddonsFeatureValue::UnknownValue(7.into()));
    assert_eq!(
        serde_json::to_string(&boolean).unwrap(),
        r#"{"name":"a","value":true}"#
    );
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
