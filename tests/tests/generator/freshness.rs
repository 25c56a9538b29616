use codegen::EmitOptions;

/// The files of `out` that differ from what `spec` gives.
fn stale(spec: &std::path::Path, out: &std::path::Path, options: &EmitOptions) -> Vec<String> {
    let (plan, _) = codegen::check(spec, out, options)
        .unwrap_or_else(|error| panic!("{} does not generate: {error}", spec.display()));
    plan.write
        .iter()
        .chain(&plan.remove)
        .map(|p| out.join(p).display().to_string())
        .collect()
}

/// `generated/` is exactly what the spec gives: nobody edited it, and nobody forgot to
/// regenerate it after changing the spec or the generator.
#[test]
fn generated_crate_is_up_to_date() {
    let root = tests::root();
    let stale = stale(
        &root.join("spec/openapi.yaml"),
        &root.join("generated"),
        &xtask::project_options(),
    );
    assert!(
        stale.is_empty(),
        "stale: {}; run `cargo xtask codegen` and commit the result",
        stale.join(", ")
    );
}

/// Each crate of the corpus is what its spec gives.
#[test]
fn corpus_crates_are_up_to_date() {
    let root = tests::root();
    let specs = codegen::corpus::specs(&root).unwrap();
    assert!(specs.len() >= 10, "the corpus has {} specs", specs.len());
    let stale: Vec<String> = specs
        .iter()
        .flat_map(|spec| {
            stale(
                &root.join(&spec.path),
                &root.join(&spec.out),
                &spec.options(),
            )
        })
        .collect();
    assert!(
        stale.is_empty(),
        "stale: {}; run `cargo xtask corpus` and commit the result",
        stale.join(", ")
    );
}
