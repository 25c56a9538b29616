use annotated_refs_api::Client;
use annotated_refs_api::models::{Leg, Status, Trip, Vehicle, VehicleUpdate};
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn an_annotated_reference_is_the_referenced_type_with_the_annotations_applied() {
    let json = json!({
        "id": "v-7",
        "status": "moving",
        "tags": ["van"],
        "odometer": null,
        "plate": "v-1234",
        "contact": {"phone": "+1 555"}
    });
    let vehicle: Vehicle = annotated_refs_api::decode_strict(&json.to_string()).unwrap();
    // `allOf: [$ref: vehicle_id, {readOnly}]`: a `VehicleId`, optional since it is only read.
    assert_eq!(vehicle.id.as_deref(), Some("v-7"));
    // `allOf: [$ref: status, {default}]`: the enum itself.
    assert_eq!(vehicle.status, Status::Moving);
    // `allOf: [$ref: tags, {maxItems}]`: the array.
    assert_eq!(vehicle.tags, Some(vec!["van".to_owned()]));
    // `allOf: [$ref: odometer, {nullable}]`: null is no odometer.
    assert_eq!(vehicle.odometer, None);
    // `allOf` of a `$ref` to a string and a string: that string.
    assert_eq!(vehicle.plate.as_deref(), Some("v-1234"));
    // The `anyOf` of `required` lists is a rule the client leaves to the server.
    assert_eq!(vehicle.contact.unwrap().phone.as_deref(), Some("+1 555"));
}

#[test]
fn a_discriminated_union_with_inline_variants_decodes_by_their_enums() {
    let drive: Leg = serde_json::from_value(json!({"kind": "drive", "km": 12.5})).unwrap();
    assert!(matches!(drive, Leg::LegVariant0(ref leg) if leg.km == 12.5));
    let charge: Leg = serde_json::from_value(json!({"kind": "charge", "minutes": 40})).unwrap();
    assert!(matches!(charge, Leg::LegVariant1(ref leg) if leg.minutes == 40));
    assert_eq!(
        serde_json::to_value(&charge).unwrap(),
        json!({"kind": "charge", "minutes": 40})
    );
}

#[test]
fn a_one_of_among_the_objects_of_an_all_of_gives_optional_fields() {
    let json = json!({"started_at": "2024-05-01T08:00:00Z", "kind": "charge", "minutes": 40});
    let trip: Trip = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(trip.minutes, Some(40));
    assert_eq!(trip.km, None);
    assert_eq!(serde_json::to_value(&trip).unwrap(), json);
}

#[tokio::test]
async fn an_all_of_with_a_rule_sends_the_object() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/vehicles/v-7"))
        .and(body_json(json!({"status": "retired"})))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": "v-7", "status": "retired"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .token("t")
        .base_url(server.uri())
        .build()
        .unwrap();
    let update = VehicleUpdate {
        status: Some(Status::Retired),
        ..VehicleUpdate::default()
    };

    let vehicle = client
        .operations()
        .update_vehicle("v-7".to_owned(), update)
        .send()
        .await
        .unwrap();

    assert_eq!(vehicle.status, Status::Retired);
}
