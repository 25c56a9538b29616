use digitalocean_api::models::ActionStatus;
use tests::{Once, assert_round_trip, client, decoded, mock_server, response_example};

#[tokio::test]
async fn list_sends_the_page_parameters() {
    let server = mock_server().await;
    let example = response_example("actions_list", 200);
    let list = server.actions().list().page(3).per_page(1);
    list.respond(200, decoded(&example)).once().await;

    let response = client(&server)
        .actions()
        .list()
        .page(3)
        .per_page(1)
        .send()
        .await
        .unwrap();

    let actions = response.actions.as_deref().unwrap();
    assert_eq!(actions.len(), 1);
    let action = &actions[0];
    assert_eq!(action.id, Some(36804636));
    assert_eq!(action.status, Some(ActionStatus::Completed));
    assert_eq!(action.type_.as_deref(), Some("create"));
    assert_eq!(
        action.started_at.unwrap().to_rfc3339(),
        "2020-11-14T16:29:21+00:00"
    );
    assert_eq!(
        action.completed_at.unwrap().to_rfc3339(),
        "2020-11-14T16:30:06+00:00"
    );
    assert_eq!(action.resource_id, Some(3164444));
    assert_eq!(action.resource_type.as_deref(), Some("droplet"));
    let region = action.region.as_ref().unwrap();
    assert_eq!(
        (region.name.as_str(), region.slug.as_str(), region.available),
        ("New York 3", "nyc3", true)
    );
    assert_eq!(region.features.len(), 7);
    assert_eq!(region.sizes.len(), 14);
    assert_eq!(action.region_slug.as_deref(), Some("nyc3"));
    let pages = response
        .links
        .as_ref()
        .and_then(|l| l.pages.as_ref())
        .unwrap();
    assert_eq!(
        pages.next.as_deref(),
        Some("https://api.digitalocean.com/v2/actions?page=4&per_page=1")
    );
    assert_eq!(response.meta.total, 5);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_puts_the_id_in_the_path() {
    let server = mock_server().await;
    let example = response_example("actions_get", 200);
    let get = server.actions().get(36804636);
    get.respond(200, decoded(&example)).once().await;

    let response = client(&server)
        .actions()
        .get(36804636)
        .send()
        .await
        .unwrap();

    let action = response.action.as_ref().unwrap();
    assert_eq!(action.id, Some(36804636));
    assert_eq!(
        action.region.as_ref().unwrap().sizes,
        ["s-1vcpu-1gb", "s-1vcpu-2gb"]
    );
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn a_null_completion_time_decodes_as_none() {
    let server = mock_server().await;
    let mut example = response_example("actions_get", 200);
    example["action"]["completed_at"] = serde_json::Value::Null;
    example["action"]["resource_id"] = serde_json::Value::Null;
    example["action"]["status"] = "in-progress".into();
    let get = server.actions().get(1);
    get.respond(200, decoded(&example)).once().await;

    let response = client(&server).actions().get(1).send().await.unwrap();

    let action = response.action.as_ref().unwrap();
    assert_eq!(action.completed_at, None);
    assert_eq!(action.resource_id, None);
    assert_eq!(action.status, Some(ActionStatus::InProgress));
}
