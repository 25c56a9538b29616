//! The inputs the fuzzer found trouble with (`fuzz/regressions/`), run as plain tests: each must
//! give a result, an error or a crate, without panicking, overflowing or hanging.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::EmitOptions;
use codegen::load::InMemory;

#[test]
fn every_regression_input_gives_a_result() {
    let dir = tests::root().join("fuzz/regressions");
    let mut inputs: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    for input in inputs {
        let text = String::from_utf8_lossy(&fs::read(&input).unwrap()).into_owned();
        let files = InMemory(vec![(PathBuf::from("spec.yaml"), text)]);
        // A thread with a small stack, so that runaway recursion fails here as it would in
        // the fuzzer rather than pass on a large test-thread stack.
        let result = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || {
                codegen::generate_from(&files, Path::new("spec.yaml"), &EmitOptions::default())
                    .is_ok()
            })
            .unwrap()
            .join();
        assert!(
            result.is_ok(),
            "{} made the generator panic",
            input.display()
        );
    }
}
