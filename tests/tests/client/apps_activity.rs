//! App Platform events and job invocations.

use digitalocean_api::models::AppsLogType;
use tests::{assert_round_trip, serve};

fn assert_event(event: &digitalocean_api::models::AppsEvent) {
    assert_eq!(
        event.id.as_deref(),
        Some("ba32b134-569c-4c0c-ba02-8ffdb0492ece")
    );
    assert_eq!(event.type_.as_deref(), Some("DEPLOYMENT"));
    assert_eq!(
        event.deployment_id.as_deref(),
        Some("c020763f-ddb7-4112-a0df-7f01c69fc00b")
    );
    assert_eq!(
        event.created_at.unwrap().to_rfc3339(),
        "2023-10-01T12:00:00+00:00"
    );
}

#[tokio::test]
async fn list_events() {
    let (_server, client, example) = serve("apps_list_events", |server, answer| {
        let list = server.apps().list_events("4f6c71e2");
        let list = list.event_types(vec!["DEPLOYMENT".into()]).per_page(5);
        list.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .list_events("4f6c71e2")
        .event_types(vec!["DEPLOYMENT".into()])
        .per_page(5)
        .send()
        .await
        .unwrap();

    assert_event(&response.events.as_deref().unwrap()[0]);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_event() {
    let (_server, client, example) = serve("apps_get_event", |server, answer| {
        let get = server.apps().get_event("4f6c71e2", "ba32b134");
        get.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_event("4f6c71e2", "ba32b134")
        .send()
        .await
        .unwrap();

    let event = response.event.as_ref().unwrap();
    assert_event(event);
    assert_eq!(
        event.autoscaling.as_ref().unwrap().phase.as_deref(),
        Some("SUCCEEDED")
    );
    assert_eq!(
        event.deployment.as_ref().unwrap().tier_slug.as_deref(),
        Some("basic")
    );
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn cancel_event() {
    let (_server, client, example) = serve("apps_cancel_event", |server, answer| {
        let cancel = server.apps().cancel_event("4f6c71e2", "ba32b134");
        cancel.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .cancel_event("4f6c71e2", "ba32b134")
        .send()
        .await
        .unwrap();

    assert_event(response.event.as_ref().unwrap());
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_event_logs() {
    let (_server, client, example) = serve("apps_get_event_logs", |server, answer| {
        let logs =
            server
                .apps()
                .get_event_logs("4f6c71e2", "ba32b134", AppsLogType::AutoscaleEvent);
        logs.follow(false).respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_event_logs("4f6c71e2", "ba32b134", AppsLogType::AutoscaleEvent)
        .follow(false)
        .send()
        .await
        .unwrap();

    assert_eq!(
        response.live_url.as_deref(),
        Some("https://logs-example/build.log")
    );
    assert_round_trip(response.body(), &example);
}

fn assert_invocation(invocation: &digitalocean_api::models::AppsJobInvocation) {
    assert_eq!(
        invocation.id.as_deref(),
        Some("ba32b134-569c-4c0c-ba02-8ffdb0492ece")
    );
    assert_eq!(invocation.job_name.as_deref(), Some("good-job"));
    assert_eq!(invocation.phase.as_deref(), Some("SUCCEEDED"));
    let schedule = invocation
        .trigger
        .as_ref()
        .and_then(|t| t.scheduled.as_ref())
        .and_then(|s| s.schedule.as_ref())
        .unwrap();
    assert_eq!(schedule.cron.as_deref(), Some("*/2 * * * *"));
    assert_eq!(schedule.time_zone.as_deref(), Some("UTC"));
}

#[tokio::test]
async fn list_job_invocations() {
    let (_server, client, example) = serve("apps_list_job_invocations", |server, answer| {
        let list = server.apps().list_job_invocations("4f6c71e2");
        let list = list.job_names(vec!["good-job".into(), "other-job".into()]);
        list.deployment_id("c020763f").respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .list_job_invocations("4f6c71e2")
        .job_names(vec!["good-job".into(), "other-job".into()])
        .deployment_id("c020763f")
        .send()
        .await
        .unwrap();

    assert_invocation(&response.job_invocations.as_deref().unwrap()[0]);
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_job_invocation() {
    let (_server, client, example) = serve("apps_get_job_invocation", |server, answer| {
        let get = server.apps().get_job_invocation("4f6c71e2", "ba32b134");
        get.job_name("good-job").respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_job_invocation("4f6c71e2", "ba32b134")
        .job_name("good-job")
        .send()
        .await
        .unwrap();

    assert_invocation(response.job_invocation.as_ref().unwrap());
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn cancel_job_invocation() {
    let (_server, client, example) = serve("apps_cancel_job_invocation", |server, answer| {
        let cancel = server.apps().cancel_job_invocation("4f6c71e2", "ba32b134");
        cancel.respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .cancel_job_invocation("4f6c71e2", "ba32b134")
        .send()
        .await
        .unwrap();

    assert_invocation(response.job_invocation.as_ref().unwrap());
    assert_round_trip(response.body(), &example);
}

#[tokio::test]
async fn get_job_invocation_logs() {
    let (_server, client, example) = serve("apps_get_job_invocation_logs", |server, answer| {
        let apps = server.apps();
        let logs =
            apps.get_job_invocation_logs("4f6c71e2", "good-job", "ba32b134", "JOB_INVOCATION");
        logs.tail_lines(100).respond(200, answer)
    })
    .await;

    let response = client
        .apps()
        .get_job_invocation_logs("4f6c71e2", "good-job", "ba32b134", "JOB_INVOCATION")
        .tail_lines(100)
        .send()
        .await
        .unwrap();

    assert_eq!(
        response.live_url.as_deref(),
        Some("https://logs-example/build.log")
    );
    assert_round_trip(response.body(), &example);
}
