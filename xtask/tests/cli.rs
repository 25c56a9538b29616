//! The `cargo xtask` command as users run it: exit codes, messages, and an output directory
//! that a failure leaves as it was.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// The workspace root, where users run the commands.
fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn xtask(args: &[&str]) -> Output {
    xtask_in(workspace(), args)
}

fn xtask_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(dir)
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
    let name = out.path().file_name().unwrap().to_str().unwrap();
    assert!(
        message.contains(&format!(
            "run `cargo xtask codegen --spec tests/specs/empty.yaml --out {name} --crate-name empty-api`"
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
fn bad_arguments_get_a_suggestion_and_help_lists_the_defaults() {
    let unknown = xtask(&["codegen", "--crate-nam", "x"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).starts_with(
            "error: unexpected argument '--crate-nam' found\n\n  \
             tip: a similar argument exists: '--crate-name'\n"
        ),
        "{}",
        stderr(&unknown)
    );

    let missing = xtask(&["codegen", "--spec"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("a value is required for '--spec <PATH>'"),
        "{}",
        stderr(&missing)
    );

    let help = xtask(&["codegen", "--help"]);
    assert!(help.status.success(), "{}", stderr(&help));
    for default in ["[default: spec/openapi.yaml]", "[default: generated]"] {
        assert!(stdout(&help).contains(default), "{}", stdout(&help));
    }
    let commands = xtask(&["--help"]);
    assert!(commands.status.success());
    for command in [
        "codegen",
        "corpus",
        "api-diff",
        "check-docs",
        "sweep",
        "bench",
    ] {
        assert!(
            stdout(&commands).contains(&format!("\n  {command} ")),
            "{command}: {}",
            stdout(&commands)
        );
    }

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

/// A git repository on branch `main` whose spec is two files joined by a relative `$ref`.
struct Repository {
    dir: tempfile::TempDir,
}

impl Repository {
    const ROOT: &str = "\
openapi: 3.0.3
info: {title: Things, version: '1'}
paths:
  /things:
    get:
      operationId: things_list
      tags: [things]
      responses:
        '200':
          description: The things.
          content:
            application/json:
              schema: {$ref: 'parts/thing.yaml#/components/schemas/thing'}
";
    const THING: &str = "\
components:
  schemas:
    thing:
      type: object
      properties:
        colour: {type: string, enum: [red, green]}
";

    fn new() -> Repository {
        let repository = Repository {
            dir: tempfile::tempdir().unwrap(),
        };
        repository.git(&["init", "--quiet", "--initial-branch", "main"]);
        repository.write("api/root.yaml", Self::ROOT);
        repository.write("api/parts/thing.yaml", Self::THING);
        repository.commit("the first spec");
        repository
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(self.dir.path())
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    fn write(&self, path: &str, text: &str) {
        let path = self.dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "--all", "."]);
        self.git(&["commit", "--quiet", "-m", message]);
    }

    fn spec(&self) -> String {
        self.dir.path().join("api/root.yaml").display().to_string()
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn api_diff_reports_a_branch_against_its_merge_base_with_main() {
    let repository = Repository::new();
    repository.git(&["checkout", "--quiet", "-b", "feature"]);
    // A commit on the branch and an edit not yet committed: both are the branch's change.
    repository.write(
        "api/parts/thing.yaml",
        &Repository::THING.replace("[red, green]", "[red, green, blue]"),
    );
    repository.commit("blue things");
    repository.write(
        "api/parts/thing.yaml",
        &(Repository::THING.replace("[red, green]", "[red, green, blue]")
            + "        size: {type: integer}\n"),
    );

    let report = xtask(&["api-diff", "--spec", &repository.spec()]);

    assert!(report.status.success(), "{}", stderr(&report));
    let report = stdout(&report);
    assert!(
        report.contains("Compared with the merge base with `main` (`"),
        "{report}"
    );
    assert!(
        report.contains("- **additive**: value `blue` added (`ThingColour::Blue`)\n"),
        "{report}"
    );
    assert!(
        report.contains("- **additive**: optional field `size: Option<i64>` added\n"),
        "{report}"
    );
    assert!(
        report.ends_with(
            "## Semver\n\nA patch release, `0.1.0` → **`0.1.1`**: additive changes to a 0.y.z \
             crate bump z.\n"
        ),
        "{report}"
    );

    let against_the_branch = xtask(&["api-diff", "--spec", &repository.spec(), "--base", "HEAD"]);
    assert!(against_the_branch.status.success());
    let report = stdout(&against_the_branch);
    assert!(report.contains("Compared with `HEAD` (`"), "{report}");
    assert!(
        !report.contains("blue"),
        "the commit is part of HEAD: {report}"
    );
    assert!(report.contains("`size: Option<i64>`"), "{report}");
}

#[test]
fn api_diff_on_main_itself_reports_no_change() {
    let repository = Repository::new();

    let report = xtask(&["api-diff", "--spec", &repository.spec()]);

    assert!(report.status.success(), "{}", stderr(&report));
    assert!(
        stdout(&report).contains(": no change to the API.\n"),
        "{}",
        stdout(&report)
    );
    assert!(stdout(&report).contains("Nothing to release: the crate stays at `0.1.0`."));
}

#[test]
fn api_diff_says_what_is_wrong_with_the_revision_or_the_old_spec() {
    let repository = Repository::new();

    let unknown = xtask(&[
        "api-diff",
        "--spec",
        &repository.spec(),
        "--base",
        "nowhere",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(stderr(&unknown), "error: `nowhere` names no commit\n");

    // The old spec's files come from the commit: the file it references is gone from the disk.
    let root = Repository::ROOT.replace("parts/thing.yaml", "parts/other.yaml");
    repository.write("api/root.yaml", &root);
    repository.write("api/parts/other.yaml", Repository::THING);
    fs::remove_file(repository.dir.path().join("api/parts/thing.yaml")).unwrap();
    repository.commit("the thing moves");
    let moved = xtask(&["api-diff", "--spec", &repository.spec(), "--base", "HEAD~1"]);
    assert!(moved.status.success(), "{}", stderr(&moved));
    assert!(
        stdout(&moved).contains("no change to the API"),
        "{}",
        stdout(&moved)
    );

    repository.write("api/root.yaml", "openapi: 3.0.3\ninfo: [");
    repository.commit("a broken spec");
    repository.write("api/root.yaml", &root);
    let broken = xtask(&["api-diff", "--spec", &repository.spec(), "--base", "HEAD"]);
    assert_eq!(broken.status.code(), Some(1));
    let message = stderr(&broken);
    assert!(
        message.starts_with("error: the spec at `HEAD` (`") && message.contains("does not load: "),
        "{message}"
    );
    assert!(message.contains("\n  help: "), "{message}");
}

#[test]
fn codegen_prints_the_summary_of_the_api_changes_when_the_crate_changes() {
    let repository = Repository::new();
    let out = tempfile::tempdir().unwrap();
    let args = [
        "codegen",
        "--spec",
        &repository.spec(),
        "--out",
        out.path().to_str().unwrap(),
        "--crate-name",
        "things",
    ];
    let first = xtask(&args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("API changes since the merge base with `main` (`"),
        "{}",
        stdout(&first)
    );
    assert!(stdout(&first).ends_with("`): none\n"), "{}", stdout(&first));

    repository.write(
        "api/parts/thing.yaml",
        &Repository::THING.replace("[red, green]", "[red]"),
    );
    let changed = xtask(&args);
    assert!(changed.status.success(), "{}", stderr(&changed));
    assert!(
        stdout(&changed).ends_with(&format!(
            ": 1 breaking, 0 additive, 0 docs; semver: 0.1.0 → 0.2.0 (minor); \
             `cargo xtask api-diff --spec {}` prints the report\n",
            repository.spec()
        )),
        "{}",
        stdout(&changed)
    );

    let unchanged = xtask(&args);
    assert!(
        !stdout(&unchanged).contains("API changes"),
        "nothing is said when the crate is as it was: {}",
        stdout(&unchanged)
    );
}

#[test]
fn codegen_outside_git_still_generates_and_says_why_it_did_not_compare() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("root.yaml");
    fs::write(
        &spec,
        Repository::ROOT.replace("parts/thing.yaml", "thing.yaml"),
    )
    .unwrap();
    fs::write(dir.path().join("thing.yaml"), Repository::THING).unwrap();
    let out = dir.path().join("out");

    let made = xtask(&[
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "things",
    ]);

    assert!(made.status.success(), "{}", stderr(&made));
    assert!(
        stdout(&made).contains("API changes: not compared ("),
        "{}",
        stdout(&made)
    );
}

/// The same command gives the same bytes wherever the output goes: no file names the machine's
/// paths, and the header names the spec relative to the workspace however it was typed.
#[test]
fn output_is_the_same_wherever_it_is_generated() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let (one, two) = (first.path().join("pets"), second.path().join("pets"));
    let made = xtask(&[
        "codegen",
        "--spec",
        "tests/specs/petstore.yaml",
        "--out",
        one.to_str().unwrap(),
        "--crate-name",
        "pets-api",
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    // From another directory, with the spec given relative to it.
    let made = xtask_in(
        &workspace().join("tests"),
        &[
            "codegen",
            "--spec",
            "specs/../specs/petstore.yaml",
            "--out",
            two.to_str().unwrap(),
            "--crate-name",
            "pets-api",
        ],
    );
    assert!(made.status.success(), "{}", stderr(&made));

    let files = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        snapshot(dir)
            .into_iter()
            .map(|(path, bytes)| (path.replacen(&dir.display().to_string(), "", 1), bytes))
            .collect()
    };
    assert_eq!(files(&one), files(&two), "byte for byte the same");
    let lib = fs::read_to_string(one.join("src/lib.rs")).unwrap();
    assert!(
        lib.starts_with(
            "// Generated by `cargo xtask codegen --spec tests/specs/petstore.yaml --out pets \
             --crate-name pets-api` from tests/specs/petstore.yaml. Do not edit.\n"
        ),
        "{}",
        lib.lines().next().unwrap()
    );
    let machine = first.path().parent().unwrap().display().to_string();
    for (path, bytes) in snapshot(&one) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(&machine),
            "{path} names {machine}"
        );
    }
}

/// Outside the workspace a crate gets a copy of the runtime, so that it builds on its own;
/// `--runtime crate` makes it depend on the workspace's runtime crate instead.
#[test]
fn a_crate_outside_the_workspace_carries_the_runtime_unless_told_otherwise() {
    let out = tempfile::tempdir().unwrap();
    let vendored = out.path().join("vendored");
    let made = xtask(&[
        "codegen",
        "--spec",
        "tests/specs/petstore.yaml",
        "--out",
        vendored.to_str().unwrap(),
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(vendored.join("src/runtime/mod.rs").exists());
    let manifest = fs::read_to_string(vendored.join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("openapi-client-runtime"), "{manifest}");
    assert!(manifest.contains("\nreqwest = "), "{manifest}");

    let shared = out.path().join("shared");
    let made = xtask(&[
        "codegen",
        "--spec",
        "tests/specs/petstore.yaml",
        "--out",
        shared.to_str().unwrap(),
        "--runtime",
        "crate",
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(!shared.join("src/runtime").exists());
    let lib = fs::read_to_string(shared.join("src/lib.rs")).unwrap();
    assert!(
        lib.starts_with(
            "// Generated by `cargo xtask codegen --spec tests/specs/petstore.yaml --out shared \
             --runtime crate` from tests/specs/petstore.yaml. Do not edit.\n"
        ),
        "{}",
        lib.lines().next().unwrap()
    );
    let manifest = fs::read_to_string(shared.join("Cargo.toml")).unwrap();
    let path = manifest
        .lines()
        .find_map(|line| line.strip_prefix("openapi-client-runtime = { path = \""))
        .and_then(|rest| rest.strip_suffix("\" }"))
        .unwrap_or_else(|| panic!("no dependency on the runtime crate: {manifest}"));
    assert_eq!(
        shared.join(path).canonicalize().unwrap(),
        workspace().join("runtime").canonicalize().unwrap()
    );

    let unknown = xtask(&["codegen", "--runtime", "shared"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).starts_with(
            "error: invalid value 'shared' for '--runtime <MODE>'\n  [possible values: crate, vendored]\n"
        ),
        "{}",
        stderr(&unknown)
    );
}

/// check-docs, sweep, sweep-one and bench are handed whole to the `measure` crate, through the
/// cargo that runs xtask (`CARGO`; here a stand-in that prints what it is given).
#[test]
fn the_measuring_commands_are_handed_to_the_measure_crate() {
    let handed = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .env("CARGO", "echo")
        .args(["sweep", "--sample", "--spec", "petstore"])
        .output()
        .expect("xtask runs");

    assert!(handed.status.success(), "{}", stderr(&handed));
    assert_eq!(
        stdout(&handed),
        format!(
            "run --quiet --manifest-path {} --package measure -- sweep --sample --spec petstore\n",
            workspace().join("Cargo.toml").display()
        )
    );
}
