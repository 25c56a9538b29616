//! Generation time against the size of the spec: synthetic specs of 500 to 5,000 operations, five
//! per tag, run through the whole pipeline (load, lower, emit) and written into an empty
//! directory. `cargo xtask bench` reads the per-operation times and compares the largest with the
//! smallest; the project's own spec gives the everyday figure.

use std::path::{Path, PathBuf};

use codegen::EmitOptions;
use codegen::load::InMemory;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// The sizes measured, in operations; each has a fifth as many tags.
const SIZES: &[usize] = &[500, 2_000, 5_000];

fn generate(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    for &operations in SIZES {
        let spec = benches::synthetic::spec(operations, operations / 5);
        let root = PathBuf::from("synthetic.json");
        let files = InMemory(vec![(root.clone(), spec.to_string())]);
        let options = EmitOptions {
            crate_name: "synthetic-api".into(),
            spec_display: "synthetic.json".into(),
            ..EmitOptions::default()
        };
        group.throughput(Throughput::Elements(operations as u64));
        group.bench_function(operations.to_string(), |b| {
            b.iter_batched(
                || tempfile::tempdir().expect("a temporary directory"),
                |out| {
                    let generated =
                        codegen::generate_from(&files, &root, &options).expect("generates");
                    codegen::write::write(&out.path().join("crate"), &generated.files)
                        .expect("writes");
                    out
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// The everyday loop: the project's spec, generated and compared with `generated/`, as
/// `cargo xtask codegen --check` does.
fn check(c: &mut Criterion) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("in the workspace");
    let spec = workspace.join("spec/openapi.yaml");
    let out = workspace.join("generated");
    c.bench_function("check/project", |b| {
        b.iter(|| codegen::check(&spec, &out, &xtask::project_options()).expect("checks"))
    });
}

criterion_group!(benches, generate, check);
criterion_main!(benches);
