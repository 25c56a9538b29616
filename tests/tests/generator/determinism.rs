//! The same spec gives the same bytes, run after run, and reordering the keys of its maps
//! changes nothing.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::{EmitOptions, GeneratedFile};

/// A copy of the YAML or JSON `text` with every mapping's keys in reverse order, in the same
/// language; a text neither reads is copied as it is.
fn reversed(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|e| e == "json") {
        return reversed_json(&text);
    }
    fn reverse(value: serde_yaml::Value) -> serde_yaml::Value {
        match value {
            serde_yaml::Value::Mapping(map) => {
                let mut entries: Vec<_> = map.into_iter().collect();
                entries.reverse();
                serde_yaml::Value::Mapping(
                    entries.into_iter().map(|(k, v)| (k, reverse(v))).collect(),
                )
            }
            serde_yaml::Value::Sequence(items) => {
                serde_yaml::Value::Sequence(items.into_iter().map(reverse).collect())
            }
            other => other,
        }
    }
    match serde_yaml::from_str(&text) {
        Ok(value) => serde_yaml::to_string(&reverse(value)).unwrap(),
        Err(_) => text,
    }
}

fn reversed_json(text: &str) -> String {
    fn reverse(value: serde_json::Value) -> serde_json::Value {
        match value {
            serde_json::Value::Object(map) => {
                let mut entries: Vec<_> = map.into_iter().collect();
                entries.reverse();
                serde_json::Value::Object(
                    entries.into_iter().map(|(k, v)| (k, reverse(v))).collect(),
                )
            }
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(reverse).collect())
            }
            other => other,
        }
    }
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    serde_json::to_string_pretty(&reverse(value)).unwrap()
}

/// Copies every file below `from` into `to`, the YAML and JSON ones reversed.
fn copy_reversed(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_reversed(&path, &target);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "json") {
            fs::write(target, reversed(&path)).unwrap();
        } else {
            fs::copy(&path, target).unwrap();
        }
    }
}

fn generate(spec: &Path, options: &EmitOptions) -> Vec<GeneratedFile> {
    codegen::generate(spec, options)
        .unwrap_or_else(|error| panic!("{}: {error}", spec.display()))
        .files
}

fn assert_same(name: &str, expected: &[GeneratedFile], actual: &[GeneratedFile]) {
    let paths = |files: &[GeneratedFile]| {
        files
            .iter()
            .map(|f| f.path.clone())
            .collect::<Vec<PathBuf>>()
    };
    assert_eq!(paths(expected), paths(actual), "{name}: the same files");
    for (expected, actual) in expected.iter().zip(actual) {
        assert!(
            expected.contents == actual.contents,
            "{name}: {} differs",
            expected.path.display()
        );
    }
}

#[test]
fn two_runs_give_the_same_bytes() {
    let spec = tests::root().join("spec/openapi.yaml");
    let options = xtask::project_options();
    assert_same(
        "spec",
        &generate(&spec, &options),
        &generate(&spec, &options),
    );
}

#[test]
fn reordering_the_keys_of_the_project_spec_changes_nothing() {
    let root = tests::root();
    let copy = tempfile::tempdir().unwrap();
    copy_reversed(&root.join("spec"), copy.path());
    let options = xtask::project_options();
    let original = generate(&root.join("spec/openapi.yaml"), &options);
    let reordered = generate(&copy.path().join("openapi.yaml"), &options);
    assert_same("spec", &original, &reordered);
}

#[test]
fn reordering_the_keys_of_the_corpus_specs_changes_nothing() {
    let root = tests::root();
    let copy = tempfile::tempdir().unwrap();
    // The whole directory, for the specs whose parts are in files of their own.
    copy_reversed(&root.join(codegen::corpus::SPECS), copy.path());
    for spec in codegen::corpus::specs(&root).unwrap() {
        let path = root.join(&spec.path);
        let moved = copy.path().join(path.file_name().unwrap());
        assert_same(
            &spec.crate_name,
            &generate(&path, &spec.options()),
            &generate(&moved, &spec.options()),
        );
    }
}
