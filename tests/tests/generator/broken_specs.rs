//! Every spec under `tests/specs/broken/` fails with a message that names the file, the line
//! where the parser knows it, the JSON pointer, and how to fix it; and nothing is written.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use codegen::EmitOptions;
use codegen::Report;

fn broken_specs() -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = fs::read_dir("specs/broken")
        .expect("tests/specs/broken exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    specs.sort();
    specs
}

#[test]
fn each_broken_spec_says_where_and_what_to_do() {
    let specs = broken_specs();
    assert!(specs.len() >= 13, "the catalogue is complete");
    for spec in specs {
        let error = match codegen::generate(&spec, &EmitOptions::default()) {
            Ok(_) => panic!("{} generated", spec.display()),
            Err(error) => error,
        };
        let report = Report(&error).to_string();
        let name = spec.file_stem().unwrap().to_string_lossy().into_owned();
        assert!(
            report.contains(&format!("specs/broken/{name}.yaml")),
            "{name}: the file is named\n{report}"
        );
        assert!(
            report.contains(" at #"),
            "{name}: the pointer is named\n{report}"
        );
        assert!(
            report.contains("\n  help: "),
            "{name}: there is a hint\n{report}"
        );
        insta::assert_snapshot!(name, report);
    }
}

/// Paths, contents and modification times of every file below `dir`.
fn state(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(state(&path));
        } else {
            let modified = fs::metadata(&path).unwrap().modified().unwrap();
            out.insert(path.clone(), (fs::read(&path).unwrap(), modified));
        }
    }
    out
}

#[test]
fn a_failed_run_leaves_the_output_as_it_was() {
    let out = tempfile::tempdir().unwrap();
    let good = tests::root().join("spec/openapi.yaml");
    codegen::regenerate(&good, out.path(), &EmitOptions::default()).unwrap();
    let before = state(out.path());
    assert!(before.len() > 20);
    for spec in broken_specs() {
        assert!(codegen::regenerate(&spec, out.path(), &EmitOptions::default()).is_err());
        assert!(
            state(out.path()) == before,
            "{} changed the output",
            spec.display()
        );
    }
    let beside: Vec<_> = fs::read_dir(out.path().parent().unwrap())
        .unwrap()
        .collect();
    assert!(beside.iter().all(|e| {
        !e.as_ref()
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("staging")
    }));
}
