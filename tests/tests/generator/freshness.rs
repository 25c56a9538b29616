use codegen::EmitOptions;

/// `generated/` is exactly what the spec gives: nobody edited it, and nobody forgot to
/// regenerate it after changing the spec or the generator.
#[test]
fn generated_crate_is_up_to_date() {
    let root = tests::root();
    let plan = codegen::check(
        &root.join("spec/openapi.yaml"),
        &root.join("generated"),
        &EmitOptions::default(),
    )
    .unwrap_or_else(|error| panic!("the spec does not generate: {error}"));
    let stale: Vec<String> = plan
        .write
        .iter()
        .chain(&plan.remove)
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        stale.is_empty(),
        "generated/ is stale ({}); run `cargo xtask codegen` and commit the result",
        stale.join(", ")
    );
}
