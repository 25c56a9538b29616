//! The rows of App Platform events and job invocations.

use digitalocean_api::models::{AppsEvent, AppsJobInvocation, AppsLogType};

use super::case::{Case, case, served};

pub fn cases() -> Vec<Case> {
    vec![
        list_events(),
        get_event(),
        cancel_event(),
        get_event_logs(),
        list_job_invocations(),
        get_job_invocation(),
        cancel_job_invocation(),
        get_job_invocation_logs(),
    ]
}

/// The event the event examples share.
fn assert_event(event: &AppsEvent) {
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

fn list_events() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/events?event_types=DEPLOYMENT&per_page=5";
    served!(
        case("apps_list_events", sent),
        [apps()
            .list_events("4f6c71e2")
            .event_types(vec!["DEPLOYMENT".into()])
            .per_page(5)],
        |response| assert_event(&response.events.as_deref().unwrap()[0])
    )
}

fn get_event() -> Case {
    served!(
        case("apps_get_event", "GET /v2/apps/4f6c71e2/events/ba32b134"),
        [apps().get_event("4f6c71e2", "ba32b134")],
        |response| {
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
        }
    )
}

fn cancel_event() -> Case {
    served!(
        case(
            "apps_cancel_event",
            "POST /v2/apps/4f6c71e2/events/ba32b134/cancel",
        ),
        [apps().cancel_event("4f6c71e2", "ba32b134")],
        |response| assert_event(response.event.as_ref().unwrap())
    )
}

fn get_event_logs() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/events/ba32b134/logs?follow=false&type=AUTOSCALE_EVENT";
    served!(
        case("apps_get_event_logs", sent),
        [apps()
            .get_event_logs("4f6c71e2", "ba32b134", AppsLogType::AutoscaleEvent)
            .follow(false)],
        |response| {
            assert_eq!(
                response.live_url.as_deref(),
                Some("https://logs-example/build.log")
            );
        }
    )
}

/// The invocation the job invocation examples share.
fn assert_invocation(invocation: &AppsJobInvocation) {
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

fn list_job_invocations() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/job-invocations?deployment_id=c020763f&job_names=good-job&job_names=other-job";
    served!(
        case("apps_list_job_invocations", sent),
        [apps()
            .list_job_invocations("4f6c71e2")
            .job_names(vec!["good-job".into(), "other-job".into()])
            .deployment_id("c020763f")],
        |response| assert_invocation(&response.job_invocations.as_deref().unwrap()[0])
    )
}

fn get_job_invocation() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/job-invocations/ba32b134?job_name=good-job";
    served!(
        case("apps_get_job_invocation", sent),
        [apps()
            .get_job_invocation("4f6c71e2", "ba32b134")
            .job_name("good-job")],
        |response| assert_invocation(response.job_invocation.as_ref().unwrap())
    )
}

fn cancel_job_invocation() -> Case {
    let sent = "POST /v2/apps/4f6c71e2/job-invocations/ba32b134/cancel";
    served!(
        case("apps_cancel_job_invocation", sent),
        [apps().cancel_job_invocation("4f6c71e2", "ba32b134")],
        |response| assert_invocation(response.job_invocation.as_ref().unwrap())
    )
}

fn get_job_invocation_logs() -> Case {
    let sent = "GET /v2/apps/4f6c71e2/jobs/good-job/invocations/ba32b134/logs?tail_lines=100&type=JOB_INVOCATION";
    served!(
        case("apps_get_job_invocation_logs", sent),
        [apps()
            .get_job_invocation_logs("4f6c71e2", "good-job", "ba32b134", "JOB_INVOCATION")
            .tail_lines(100)],
        |response| {
            assert_eq!(
                response.live_url.as_deref(),
                Some("https://logs-example/build.log")
            );
        }
    )
}
