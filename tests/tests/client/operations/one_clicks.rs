//! The rows of the 1-Click applications.

use digitalocean_api::models::{OneClicksCreate, OneClicksListType};

use super::case::{Body, Case, case};

pub fn cases() -> Vec<Case> {
    vec![list(), install_kubernetes()]
}

fn list() -> Case {
    case("oneClicks_list", "GET /v2/1-clicks?type=kubernetes").exchange(
        |server, answer| {
            let list = server
                .one_clicks()
                .list()
                .type_(OneClicksListType::Kubernetes);
            list.respond(200, answer)
                .header("ratelimit-limit", "5000")
                .header("ratelimit-remaining", "4816")
        },
        |client| {
            let list = client.one_clicks().list();
            list.type_(OneClicksListType::Kubernetes).send()
        },
        |response| {
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
        },
    )
}

/// The typed body, written out field by field, is the one the docs show.
fn install_kubernetes() -> Case {
    let body = OneClicksCreate {
        addon_slugs: vec!["kube-state-metrics".into(), "loki".into()],
        cluster_uuid: "50a994b6-c303-438f-9495-7e896cfe6b08".into(),
        ..Default::default()
    };
    let sent = body.clone();
    case(
        "oneClicks_install_kubernetes",
        "POST /v2/1-clicks/kubernetes",
    )
    .body(Body::Example)
    .exchange(
        |server, answer| {
            let install = server.one_clicks().install_kubernetes().body(sent);
            install.respond(200, answer)
        },
        |client| client.one_clicks().install_kubernetes(body).send(),
        |response| {
            assert_eq!(
                response.message.as_deref(),
                Some("Successfully kicked off addon job.")
            );
        },
    )
}
