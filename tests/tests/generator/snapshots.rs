//! The model of every corpus spec, one snapshot per spec, so that a change to what lowering
//! decides (types, names, the exchange of each operation, pagination) shows in review as a few
//! lines of the spec it touches. The files emitted from them need no snapshot: the corpus crates
//! in `tests/generated/` and `generated/` are their expected copies, and the freshness tests
//! fail when one is stale.

#[test]
fn model_of_each_corpus_spec() {
    let root = tests::root();
    let specs = codegen::corpus::specs(&root).expect("the corpus lists its specs");
    assert!(specs.len() >= 10, "the corpus has {} specs", specs.len());
    for spec in specs {
        let name = spec.path.file_stem().expect("a spec file has a name");
        let name = format!("model__{}", name.to_string_lossy());
        let loaded = codegen::load::load(&root.join(&spec.path)).expect("a corpus spec loads");
        let lowered = codegen::lower::lower(&loaded).expect("a corpus spec lowers");
        insta::assert_yaml_snapshot!(name, lowered.api);
    }
}
