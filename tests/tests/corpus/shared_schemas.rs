//! One type per distinct schema: a model file that several operations reference, schemas written
//! out again in several places, and a map of properties that a `$ref` stands for, as the corpus
//! crates `fleet` and `identical_schemas` read them.

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Code that takes the one type of a model file, whichever operation it came from.
fn region_of(machine: &fleet_api::models::Machine) -> &str {
    &machine.region.slug
}

#[tokio::test]
async fn a_model_file_referenced_from_three_operations_is_one_type() {
    use fleet_api::models::{MachineStatus, MachinesCreateBody};

    let server = MockServer::start().await;
    let machine =
        json!({"id": 7, "name": "web-01", "status": "active", "region": {"slug": "ams3"}});
    Mock::given(method("GET"))
        .and(path("/machines"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"machines": [machine]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/machines/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"machine": machine})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/machines"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"machine": machine})))
        .mount(&server)
        .await;
    let client = fleet_api::Client::builder()
        .token("t")
        .base_url(server.uri())
        .build()
        .unwrap();

    let listed = client.machines().list().send().await.unwrap().into_inner();
    let got = client.machines().get(7).send().await.unwrap().into_inner();
    let made = client
        .machines()
        .create(MachinesCreateBody::new("web-01", "ams3"))
        .send()
        .await
        .unwrap()
        .into_inner();
    for machine in [&listed.machines[0], &got.machine, &made.machine] {
        assert_eq!(region_of(machine), "ams3");
        // The `$ref` that stands for the map of shared properties gave the model its fields,
        // typed as the attributes file types them.
        assert_eq!((machine.id, machine.name.as_str()), (7, "web-01"));
        assert_eq!(machine.status, Some(MachineStatus::Active));
    }
    assert_eq!(got.machine, made.machine);
}

#[test]
fn two_model_files_of_one_name_are_two_types_told_apart_by_their_directories() {
    use fleet_api::models::{DropletsRegion, RegionsRegion};

    let full = json!({"slug": "ams3", "name": "Amsterdam 3", "available": true});
    let region: RegionsRegion = fleet_api::decode_strict(&full.to_string()).unwrap();
    assert!(region.available);
    // The machine's region has only a slug: the other fields are not its own.
    let short: Result<DropletsRegion, _> = fleet_api::decode_strict(&full.to_string());
    assert!(short.is_err());
}

#[tokio::test]
async fn the_error_body_every_operation_writes_again_is_the_crate_s_one_error_type() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/orders/o-1"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "no order"})))
        .mount(&server)
        .await;
    let client = identical_schemas_api::Client::builder()
        .token("t")
        .base_url(server.uri())
        .build()
        .unwrap();

    let error = client.orders().get("o-1").send().await.unwrap_err();
    let body: &identical_schemas_api::models::Error = error.api().unwrap().body().unwrap();
    assert_eq!(body.message, "no order");
}

#[test]
fn identical_inline_objects_under_different_parents_are_one_type() {
    use identical_schemas_api::models::{Address, CustomersGetResponse, OrdersGetResponse, Status};

    let address = json!({"street": "Keizersgracht 1", "city": "Amsterdam"});
    let order: OrdersGetResponse =
        serde_json::from_value(json!({"id": "o-1", "status": "open", "shipping_address": address}))
            .unwrap();
    let customer: CustomersGetResponse =
        serde_json::from_value(json!({"id": "c-1", "status": "open", "billing_address": address}))
            .unwrap();
    // Both members agree that the object is an address: one type, named for that.
    let shipping: &Address = order.shipping_address.as_ref().unwrap();
    let billing: &Address = customer.billing_address.as_ref().unwrap();
    assert_eq!(shipping, billing);
    // The enum written twice is one enum too.
    assert_eq!(customer.status, Some(order.status.clone()));
    assert_eq!(order.status, Status::Open);
}

#[test]
fn near_identical_inline_objects_stay_apart() {
    use identical_schemas_api::models::{
        StoresListResponseStoreLocation, StoresListResponseWarehouseLocation,
    };

    // A warehouse may not know its longitude; a store always does.
    let half = json!({"latitude": 52.37});
    let warehouse: StoresListResponseWarehouseLocation =
        serde_json::from_value(half.clone()).unwrap();
    assert_eq!(warehouse.longitude, None);
    let store: Result<StoresListResponseStoreLocation, _> = serde_json::from_value(half);
    assert!(store.unwrap_err().to_string().contains("longitude"));
}
