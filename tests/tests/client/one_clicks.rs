use digitalocean_api::models::{OneClicksCreate, OneClicksListType};
use tests::{
    Once, assert_round_trip, client, decoded, mock_server, request_example, response_example,
};

#[tokio::test]
async fn list_filters_by_type_and_decodes_the_example() {
    let server = mock_server().await;
    let example = response_example("oneClicks_list", 200);
    let list = server
        .one_clicks()
        .list()
        .type_(OneClicksListType::Kubernetes);
    list.respond(200, decoded(&example))
        .header("ratelimit-limit", "5000")
        .header("ratelimit-remaining", "4816")
        .once()
        .await;

    let response = client(&server)
        .one_clicks()
        .list()
        .type_(OneClicksListType::Kubernetes)
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.rate_limit().limit, Some(5000));
    assert_eq!(response.rate_limit().remaining, Some(4816));
    let apps = response._1_clicks.as_deref().unwrap();
    assert_eq!(apps.len(), 2);
    assert_eq!(
        (apps[0].slug.as_str(), apps[0].type_.as_str()),
        ("monitoring", "kubernetes")
    );
    assert_eq!(
        (apps[1].slug.as_str(), apps[1].type_.as_str()),
        ("wordpress-18-04", "droplet")
    );
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn install_kubernetes_sends_the_body() {
    let server = mock_server().await;
    let example = response_example("oneClicks_install_kubernetes", 200);
    let body = OneClicksCreate {
        addon_slugs: vec!["kube-state-metrics".into(), "loki".into()],
        cluster_uuid: "50a994b6-c303-438f-9495-7e896cfe6b08".into(),
        ..Default::default()
    };
    // The typed body is the one the docs show.
    assert_round_trip(&body, &request_example("oneClicks_install_kubernetes"));
    let install = server.one_clicks().install_kubernetes().body(body.clone());
    install.respond(200, decoded(&example)).once().await;
    let response = client(&server)
        .one_clicks()
        .install_kubernetes(body)
        .send()
        .await
        .unwrap();

    assert_eq!(
        response.message.as_deref(),
        Some("Successfully kicked off addon job.")
    );
    assert_round_trip(response.body(), &example);
}
