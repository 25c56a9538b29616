//! Every operation of the spec, one row each (more where an operation has more to show): the
//! request the client sends and what it makes of the answer, in one table-driven test.

mod account;
mod actions;
mod add_ons;
mod apps;
mod apps_activity;
mod apps_deployments;
mod apps_monitoring;
mod apps_yaml;
mod case;
mod one_clicks;

use std::collections::BTreeSet;

use case::Case;

fn table() -> Vec<Case> {
    [
        account::cases(),
        actions::cases(),
        add_ons::cases(),
        apps::cases(),
        apps_activity::cases(),
        apps_deployments::cases(),
        apps_monitoring::cases(),
        apps_yaml::cases(),
        one_clicks::cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[tokio::test]
async fn every_operation_sends_and_decodes_what_its_row_says() {
    let rows = table();
    let count = rows.len();
    let mut failures = Vec::new();
    for row in rows {
        if let Err(failure) = row.run().await {
            failures.push(failure);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_operation_of_the_spec_has_a_row() {
    let rows: BTreeSet<&str> = table().iter().map(Case::id).collect();
    let missing: Vec<&str> = tests::api()
        .resources
        .iter()
        .flat_map(|resource| &resource.operations)
        .map(|operation| operation.id.as_str())
        .filter(|id| !rows.contains(id))
        .collect();
    assert!(missing.is_empty(), "operations without a row: {missing:?}");
}
