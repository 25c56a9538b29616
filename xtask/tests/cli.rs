//! The `cargo xtask` command as users run it: exit codes, messages, and an output directory
//! that a failure leaves as it was.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file below `dir` with its contents, to compare before and after.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            files.push((path.display().to_string(), fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

#[test]
fn a_broken_spec_fails_with_where_and_what_to_do_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let made = xtask(&[
        "codegen",
        "--spec",
        "tests/specs/petstore.yaml",
        "--out",
        out_dir,
        "--crate-name",
        "pets",
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    let before = snapshot(out.path());

    let failed = xtask(&[
        "codegen",
        "--spec",
        "tests/specs/broken/unknown_type.yaml",
        "--out",
        out_dir,
    ]);

    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(
        stderr(&failed),
        "error: tests/specs/broken/unknown_type.yaml:12:17 at #/components/schemas/thing/properties/name/type: \
         unknown type `strng`; the types are string, number, integer, boolean, array and object\n  \
         help: use one of these types, with a `format` for dates, byte strings and the like\n"
    );
    assert_eq!(
        snapshot(out.path()),
        before,
        "the output is byte for byte as it was"
    );
}

#[test]
fn check_names_the_stale_files_and_the_command_that_refreshes_them() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let args = [
        "codegen",
        "--spec",
        "tests/specs/empty.yaml",
        "--out",
        out_dir,
        "--crate-name",
        "empty-api",
    ];
    assert!(xtask(&args).status.success());
    let fresh = xtask(&[&args[..], &["--check"]].concat());
    assert!(fresh.status.success(), "{}", stderr(&fresh));

    let readme = out.path().join("README.md");
    fs::write(&readme, fs::read_to_string(&readme).unwrap() + "edited\n").unwrap();
    let stale = xtask(&[&args[..], &["--check"]].concat());

    assert_eq!(stale.status.code(), Some(1));
    let message = stderr(&stale);
    assert!(message.contains("changed  README.md"), "{message}");
    assert!(
        message.contains(&format!(
            "run `cargo xtask codegen --spec tests/specs/empty.yaml --out {out_dir} --crate-name empty-api`"
        )),
        "{message}"
    );
    assert!(
        fs::read_to_string(&readme).unwrap().ends_with("edited\n"),
        "--check writes nothing"
    );
}

#[test]
fn a_file_the_generator_does_not_own_stops_the_run() {
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("notes.md"), "mine").unwrap();

    let failed = xtask(&[
        "codegen",
        "--spec",
        "tests/specs/empty.yaml",
        "--out",
        out.path().to_str().unwrap(),
    ]);

    assert_eq!(failed.status.code(), Some(1));
    assert!(stderr(&failed).contains("notes.md is in the output directory but was not generated"));
    assert_eq!(snapshot(out.path()).len(), 1);
}

#[test]
fn bad_arguments_show_the_usage() {
    let unknown = xtask(&["codegen", "--frobnicate"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown argument `--frobnicate`"));
    assert!(stderr(&unknown).contains("usage: cargo xtask codegen"));

    let missing = xtask(&["codegen", "--spec"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--spec needs a value"));

    let out = tempfile::tempdir().unwrap();
    let bad_name = xtask(&[
        "codegen",
        "--spec",
        "tests/specs/empty.yaml",
        "--out",
        out.path().to_str().unwrap(),
        "--crate-name",
        "Bad Name",
    ]);
    assert_eq!(bad_name.status.code(), Some(1));
    assert!(
        stderr(&bad_name).contains("`Bad Name` is not a crate name"),
        "{}",
        stderr(&bad_name)
    );
    assert!(snapshot(out.path()).is_empty());
}

#[test]
fn warnings_are_printed_and_counted_and_can_be_denied() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let args = [
        "codegen",
        "--spec",
        "tests/specs/warned/required_not_in_properties.yaml",
        "--out",
        out_dir,
        "--crate-name",
        "odd-api",
    ];

    let denied = xtask(&[&args[..], &["--deny-warnings"]].concat());
    assert_eq!(denied.status.code(), Some(1));
    let message = stderr(&denied);
    assert!(
        message.contains(
            "error: tests/specs/warned/required_not_in_properties.yaml:15:11 at #/components/schemas/thing/required/1: \
             `size` is required but is not among the properties"
        ),
        "{message}"
    );
    assert!(
        message.contains("error: 2 warnings denied; nothing was written"),
        "{message}"
    );
    assert!(snapshot(out.path()).is_empty(), "nothing was written");

    let made = xtask(&args);
    assert!(made.status.success(), "{}", stderr(&made));
    let message = stderr(&made);
    assert_eq!(message.matches("warning: ").count(), 2, "{message}");
    let summary = String::from_utf8_lossy(&made.stdout).into_owned();
    assert!(summary.contains(", 2 warnings, in "), "{summary}");
    assert!(!snapshot(out.path()).is_empty());
}

#[test]
fn check_docs_without_the_reference_says_where_it_looked_and_how_to_point_it() {
    let missing = tempfile::tempdir().unwrap();
    let docs = missing.path().join("api-docs");

    let checked = xtask(&["check-docs", "--docs", docs.to_str().unwrap()]);

    assert_eq!(checked.status.code(), Some(1));
    assert_eq!(
        stderr(&checked),
        format!(
            "error: the API reference is not at {}\n  help: point the check at the directory of \
             the reference's pages with --docs DIR or API_DOCS_DIR\n",
            docs.display()
        )
    );
    let unknown = xtask(&["check-docs", "--doc", "x"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).starts_with("error: unknown argument `--doc`"));
}
