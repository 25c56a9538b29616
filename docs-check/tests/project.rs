//! The project's spec against the API reference it is transcribed from, as CI runs it.
//!
//! The reference is not part of the repository: it sits beside the workspace in
//! `../shared/api-docs`, or wherever `API_DOCS_DIR` says. When `API_DOCS_DIR` is set and wrong,
//! the tests fail; when it is not set and nothing is beside the workspace, they say on the
//! terminal that they were skipped (a clone without the reference cannot check against it).

use std::io::Write;
use std::path::{Path, PathBuf};

use docs_check::{ALLOWLIST, DEFAULT_DOCS, DOCS_VARIABLE, Options, Report};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("docs-check is in the workspace")
        .to_owned()
}

/// The reference's directory, or `None` (said on the terminal) when there is none to check against.
fn docs(test: &str) -> Option<PathBuf> {
    if let Some(docs) = std::env::var_os(DOCS_VARIABLE) {
        let docs = PathBuf::from(docs);
        assert!(
            docs.is_dir(),
            "{DOCS_VARIABLE} is {}, which is not a directory",
            docs.display()
        );
        return Some(docs);
    }
    let docs = workspace().join(DEFAULT_DOCS);
    if docs.is_dir() {
        return Some(docs);
    }
    // Straight to the terminal: the test harness hides what a passing test prints.
    let _ = writeln!(
        std::io::stderr(),
        "\n  SKIPPED {test}: no API reference at {} (set {DOCS_VARIABLE} to check the spec against it)\n",
        docs.display()
    );
    None
}

fn check(spec: &Path, docs: PathBuf) -> Report {
    let options = Options {
        spec: spec.to_owned(),
        docs,
        allowlist: workspace().join(ALLOWLIST),
    };
    docs_check::check(&options).unwrap_or_else(|error| panic!("{}", codegen::Report(&error)))
}

#[test]
fn the_spec_agrees_with_the_reference_but_for_its_reasoned_exceptions() {
    let Some(docs) = docs("the_spec_agrees_with_the_reference_but_for_its_reasoned_exceptions")
    else {
        return;
    };
    let report = check(&workspace().join("spec/openapi.yaml"), docs);
    assert!(
        report.passed(),
        "{report}\n(`cargo xtask check-docs` prints the same)"
    );
    let figures = &report.comparison.figures;
    assert_eq!(
        figures.operations, 48,
        "every operation with a listing is compared"
    );
    assert_eq!(
        figures.fields.matched, figures.fields.listed,
        "every listed field is in the spec"
    );
    assert_eq!(figures.wrappers_agreeing, figures.wrappers_named);
}

/// The spec copied into a temporary directory with `edit` applied to one of its files.
fn edited_spec(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join("spec"), copy.path());
    let path = copy.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    copy
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir(&target).unwrap();
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn a_transcription_mistake_fails_the_check_and_says_where() {
    let Some(docs) = docs("a_transcription_mistake_fails_the_check_and_says_where") else {
        return;
    };
    let mistakes = [
        // The health's wrapper dropped, as the example shows it.
        (
            "apps/monitoring.yaml",
            "                $ref: '#/components/schemas/apps_get_health_response'",
            "                $ref: '#/components/schemas/app_health'",
            "wrapper apps_get_health 200",
        ),
        // A required flag lost.
        (
            "add_ons.yaml",
            "      required:\n        - app_slug\n        - has_config",
            "      required:\n        - has_config",
            "required field addons_resource.app_slug",
        ),
        // A listed field left out.
        (
            "apps/app.yaml",
            "        cause:\n",
            "        causes:\n",
            "missing field apps_deployment.cause",
        ),
        // A field the listing does not have.
        (
            "apps/monitoring.yaml",
            "        time_window:\n",
            "        window:\n",
            "unlisted field app_functions_component_health_metrics.window",
        ),
        // A measurement typed from its whole-number example.
        (
            "apps/monitoring.yaml",
            "        metric_value:\n          type: number",
            "        metric_value:\n          type: integer",
            "integer measurement app_functions_component_health_metrics.metric_value",
        ),
        // A parameter's required flag.
        (
            "apps/deployments.yaml",
            "      name: pod_connection_timeout\n      in: query\n      required: false",
            "      name: pod_connection_timeout\n      in: query\n      required: true",
            "required parameter apps_get_logs query pod_connection_timeout",
        ),
    ];
    for (file, from, to, expected) in mistakes {
        let spec = edited_spec(file, from, to);
        let report = check(&spec.path().join("openapi.yaml"), docs.clone());
        assert!(!report.passed(), "{expected}: the check passed");
        let keys: Vec<&str> = report.unexpected.iter().map(|d| d.key.as_str()).collect();
        assert!(
            keys.contains(&expected),
            "{expected} is not among {keys:#?}"
        );
        let shown = report.to_string();
        assert!(shown.contains(expected), "{shown}");
    }
}
