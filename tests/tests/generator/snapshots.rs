//! The model of the project's spec, pinned so that every change to it shows in review. The files
//! emitted from it need no snapshot: `generated/` is their expected copy, and the freshness tests
//! fail when it is stale.

#[test]
fn model_of_the_spec() {
    insta::assert_yaml_snapshot!("model", tests::api());
}
