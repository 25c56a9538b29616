//! Every spec under `tests/specs/warned/` is odd but readable: it generates, and each odd
//! construct gives a warning that names the file, the line, the JSON pointer and how to write it
//! plainly.

use std::fs;
use std::path::PathBuf;

use codegen::{EmitOptions, WarningReport};

fn warned_specs() -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = fs::read_dir("specs/warned")
        .expect("tests/specs/warned exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    specs
}

#[test]
fn each_odd_spec_generates_with_located_warnings() {
    let specs = warned_specs();
    assert!(!specs.is_empty(), "the catalogue has specs");
    for spec in specs {
        let name = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let generated = codegen::generate(&spec, &EmitOptions::default())
            .unwrap_or_else(|error| panic!("{name} does not generate: {error}"));
        assert!(!generated.warnings.is_empty(), "{name} warns");
        let report: Vec<String> = generated
            .warnings
            .iter()
            .map(|warning| WarningReport(warning).to_string())
            .collect();
        for line in &report {
            assert!(
                line.starts_with(&format!("warning: specs/warned/{name}.yaml:")),
                "{name}: the file and line are named\n{line}"
            );
            assert!(
                line.contains(" at #/"),
                "{name}: the pointer is named\n{line}"
            );
            assert!(
                line.contains("\n  help: "),
                "{name}: there is a hint\n{line}"
            );
        }
        insta::assert_snapshot!(name, report.join("\n"));
    }
}

/// The same spec gives the same warnings, in the same order, every time.
#[test]
fn warnings_are_deterministic() {
    for spec in warned_specs() {
        let first = codegen::generate(&spec, &EmitOptions::default()).unwrap();
        let second = codegen::generate(&spec, &EmitOptions::default()).unwrap();
        assert_eq!(first.warnings, second.warnings, "{}", spec.display());
    }
}
