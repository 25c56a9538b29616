//! `cargo xtask check-docs`, `sweep` and `bench` as users run them: the `measure` binary that
//! `cargo xtask` hands them to.

use std::process::{Command, Output};

fn measure(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_measure"))
        .args(args)
        .output()
        .expect("measure runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_docs_without_the_reference_says_where_it_looked_and_how_to_point_it() {
    let missing = tempfile::tempdir().unwrap();
    let docs = missing.path().join("api-docs");

    let checked = measure(&["check-docs", "--docs", docs.to_str().unwrap()]);

    assert_eq!(checked.status.code(), Some(1));
    assert_eq!(
        stderr(&checked),
        format!(
            "error: the API reference is not at {}\n  help: point the check at the directory of \
             the reference's pages with --docs DIR or API_DOCS_DIR\n",
            docs.display()
        )
    );
    let unknown = measure(&["check-docs", "--doc", "x"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).starts_with(
            "error: unexpected argument '--doc' found\n\n  tip: a similar argument exists: '--docs'\n"
        ),
        "{}",
        stderr(&unknown)
    );
}
