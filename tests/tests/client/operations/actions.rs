//! The rows of the actions.

use digitalocean_api::models::ActionStatus;
use tests::response_example;

use super::case::{Answer, Case, case, served};

pub fn cases() -> Vec<Case> {
    vec![list(), get(), get_in_progress()]
}

fn list() -> Case {
    served!(
        case("actions_list", "GET /v2/actions?page=3&per_page=1"),
        [actions().list().page(3).per_page(1)],
        |response| {
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
        }
    )
}

fn get() -> Case {
    served!(
        case("actions_get", "GET /v2/actions/36804636"),
        [actions().get(36804636)],
        |response| {
            let action = response.action.as_ref().unwrap();
            assert_eq!(action.id, Some(36804636));
            assert_eq!(
                action.region.as_ref().unwrap().sizes,
                ["s-1vcpu-1gb", "s-1vcpu-2gb"]
            );
        }
    )
}

/// An action still running: no completion time, no resource yet.
fn get_in_progress() -> Case {
    let mut answer = response_example("actions_get", 200);
    answer["action"]["completed_at"] = serde_json::Value::Null;
    answer["action"]["resource_id"] = serde_json::Value::Null;
    answer["action"]["status"] = "in-progress".into();
    served!(
        case("actions_get", "GET /v2/actions/1")
            .about("a null completion time decodes as none")
            .answer(Answer::Like(answer)),
        [actions().get(1)],
        |response| {
            let action = response.action.as_ref().unwrap();
            assert_eq!(action.completed_at, None);
            assert_eq!(action.resource_id, None);
            assert_eq!(action.status, Some(ActionStatus::InProgress));
        }
    )
}
