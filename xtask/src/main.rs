//! The project's commands: `cargo xtask codegen` regenerates the client crate from the spec (or
//! with `--check` tells whether it is up to date), `cargo xtask corpus` the crates of the test
//! corpus, `cargo xtask api-diff` reports what a change of the spec does to the crate's users.
//! They are thin shells over the `codegen` library; this crate adds the command line and the
//! reading of git history. The measuring commands (`check-docs`, `sweep`, `bench`) are handed to
//! the `measure` crate, so that a first `cargo xtask codegen` does not build them.

mod api_diff;
mod git;
mod measure;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::{Hint, Report, Warning, WarningReport};
use xtask::{RuntimeMode, enter_workspace, paths, runtime_for};

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--deny-warnings] [--spec PATH] [--out DIR] [--crate-name NAME]
                           [--runtime vendored|crate]
                           [--cli-name NAME]
       cargo xtask corpus [--check]
       cargo xtask check-docs [--spec PATH] [--docs DIR] [--allowlist PATH]
       cargo xtask api-diff [--base REV] [--spec PATH]
       cargo xtask sweep [--generate-only] [--sample] [--spec TEXT]... [--from FILE] ...
       cargo xtask sweep-one SPEC [OUT CRATE-NAME]
       cargo xtask bench [--quick] [--only PART]

codegen regenerates a client crate from a spec:
  --check            write nothing; fail if the output differs from what the spec gives
  --deny-warnings    treat the spec's warnings as errors: write nothing and fail
  --spec PATH        the root file of the spec (default: spec/openapi.yaml)
  --out DIR          the crate directory to write (default: generated)
  --crate-name NAME  the package name of the crate (default: digitalocean-api)
  --runtime MODE     `crate`: depend on the runtime crate of this workspace;
                     `vendored`: copy the runtime into the crate, so that it
                     builds on its own (default: crate inside the workspace,
                     vendored outside it)
  --cli-name NAME    the command-line tool, the crate in DIR/cli (default: do-api, or
                     with --crate-name, that name without its -api)

When it changes the crate, codegen also prints a line on what the change of the
spec does to the crate's users (see api-diff).

corpus regenerates the test corpus: a crate in tests/generated/NAME/ for each
spec tests/specs/NAME.yaml.

check-docs compares the spec with the rendered API reference it was transcribed
from, and fails on a difference its allow-list does not give a reason for:
  --spec PATH        the root file of the spec (default: spec/openapi.yaml)
  --docs DIR         the reference's pages (default: $API_DOCS_DIR, else
                     ../shared/api-docs)
  --allowlist PATH   the differences made on purpose (default:
                     spec/docs-allowlist.yaml)

api-diff prints, in Markdown, what the spec's change since a git revision does
to code that uses the generated crate: each change breaking, additive or docs,
and the semver release they call for:
  --base REV         the revision to compare with (default: the merge base of
                     HEAD with main)
  --spec PATH        the root file of the spec (default: spec/openapi.yaml)

sweep measures the generator on the descriptions real APIs publish; `cargo xtask
sweep --help` lists its flags.

sweep-one generates one spec as the sweep does, in a process of its own, and
prints the result as one line of JSON.

bench runs the benchmarks and prints each figure next to its target; the
figures also go to target/bench/summary.json. PART is one of generate, loop,
codec, requests, memory, build. --quick takes fewer samples.

Paths on the command line are read from the directory the command runs in; the
defaults name the workspace's own files. Generated files name the spec and the
output directory relative to the workspace, or by their last component when
they are outside it, so that no machine's path ends up in them.";

fn main() -> ExitCode {
    paths::remember_start();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = USAGE;
    match args.first().map(String::as_str) {
        Some("codegen") => match Codegen::parse(&args[1..]) {
            Ok(codegen) => codegen.run(),
            Err(message) => {
                eprintln!("error: {message}\n\n{usage}");
                ExitCode::from(2)
            }
        },
        Some("api-diff") => match api_diff::ApiDiff::parse(&args[1..]) {
            Ok(api_diff) => match enter_workspace() {
                Ok(()) => api_diff.run(),
                Err(code) => code,
            },
            Err(message) => {
                eprintln!("error: {message}\n\n{usage}");
                ExitCode::from(2)
            }
        },
        Some("corpus") => match args[1..] {
            [] => corpus(false),
            [ref check] if check == "--check" => corpus(true),
            _ => {
                eprintln!("{usage}");
                ExitCode::from(2)
            }
        },
        Some(command @ ("check-docs" | "sweep" | "sweep-one" | "bench")) => {
            measure::run(command, &args[1..])
        }
        _ => {
            eprintln!("{usage}");
            ExitCode::from(2)
        }
    }
}

struct Codegen {
    check: bool,
    deny_warnings: bool,
    spec: PathBuf,
    out: PathBuf,
    /// `--runtime`, when given.
    runtime: Option<RuntimeMode>,
    options: codegen::EmitOptions,
    /// Whether a change of the crate is followed by the line on the change of its API.
    api_changes: bool,
}

impl Codegen {
    fn parse(args: &[String]) -> Result<Codegen, String> {
        let defaults = codegen::EmitOptions::default();
        let mut codegen = Codegen {
            check: false,
            deny_warnings: false,
            spec: PathBuf::from(&defaults.spec_display),
            out: PathBuf::from("generated"),
            runtime: None,
            options: defaults,
            api_changes: true,
        };
        let mut command = vec!["cargo xtask codegen".to_owned()];
        let mut cli_name_given = false;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--check" => codegen.check = true,
                "--deny-warnings" => codegen.deny_warnings = true,
                "--spec" => codegen.spec = paths::from_command_line(value("--spec")?),
                "--out" => codegen.out = paths::from_command_line(value("--out")?),
                "--crate-name" => {
                    codegen.options.crate_name = value("--crate-name")?;
                    if !cli_name_given {
                        codegen.options.cli_name = None;
                    }
                }
                "--cli-name" => {
                    codegen.options.cli_name = Some(value("--cli-name")?);
                    cli_name_given = true;
                }
                "--runtime" => {
                    codegen.runtime = Some(match value("--runtime")?.as_str() {
                        "crate" => RuntimeMode::Crate,
                        "vendored" => RuntimeMode::Vendored,
                        other => {
                            return Err(format!(
                                "--runtime is `crate` or `vendored`, not `{other}`"
                            ));
                        }
                    })
                }
                other => return Err(format!("unknown argument `{other}`")),
            }
            if !matches!(arg.as_str(), "--check" | "--deny-warnings") {
                command.push(format!("{arg} {}", command_value(arg, &codegen)));
            }
        }
        codegen.options.spec_display = paths::shown(&codegen.spec);
        codegen.options.command = command.join(" ");
        Ok(codegen)
    }

    fn run(self) -> ExitCode {
        if let Err(code) = enter_workspace() {
            return code;
        }
        let started = Instant::now();
        let mut options = self.options.clone();
        options.runtime = runtime_for(&self.out, self.runtime);
        let generated = match codegen::generate(&self.spec, &options) {
            Ok(generated) => generated,
            Err(error) => return fail(&error),
        };
        let warnings = &generated.warnings;
        if self.deny_warnings && !warnings.is_empty() {
            for warning in warnings {
                eprintln!("{}", Report(warning));
            }
            eprintln!(
                "error: {} denied; nothing was written",
                count(warnings.len(), "warning")
            );
            return ExitCode::FAILURE;
        }
        for warning in warnings {
            eprintln!("{}", WarningReport(warning));
        }
        if self.check {
            return match codegen::write::plan(&self.out, &generated.files) {
                Ok(plan) if plan.is_empty() => {
                    println!(
                        "{} is up to date ({} files{})",
                        self.out.display(),
                        plan.unchanged,
                        warning_suffix(warnings)
                    );
                    ExitCode::SUCCESS
                }
                Ok(plan) => {
                    eprintln!(
                        "error: {} is stale; these files differ from what {} gives:",
                        self.out.display(),
                        self.options.spec_display
                    );
                    for path in &plan.write {
                        eprintln!("  changed  {}", path.display());
                    }
                    for path in &plan.remove {
                        eprintln!("  removed  {}", path.display());
                    }
                    eprintln!(
                        "  help: run `{}` and commit the result",
                        self.options.command
                    );
                    ExitCode::FAILURE
                }
                Err(error) => fail(&error),
            };
        }
        match codegen::write::write(&self.out, &generated.files) {
            Ok(plan) => {
                println!(
                    "{}: {} written, {} removed, {} unchanged{}, in {} ms",
                    self.out.display(),
                    plan.write.len(),
                    plan.remove.len(),
                    plan.unchanged,
                    warning_suffix(warnings),
                    started.elapsed().as_millis()
                );
                if self.api_changes && !plan.is_empty() {
                    self.print_api_changes();
                }
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        }
    }

    /// One line on what the spec's change since the merge base with main does to users: a
    /// reviewer's first question about a new `generated/`.
    fn print_api_changes(&self) {
        match api_diff::compare(&self.spec, None) {
            Ok(compared) if compared.changes.is_empty() => {
                println!("API changes since {}: none", compared.base.label);
            }
            Ok(compared) => {
                let mut command = String::from("cargo xtask api-diff");
                if self.spec != Path::new(&codegen::EmitOptions::default().spec_display) {
                    command.push_str(&format!(" --spec {}", display(&self.spec)));
                }
                println!(
                    "API changes since {}: {}; `{command}` prints the report",
                    compared.base.label,
                    codegen::diff::summary(&compared.changes, &api_diff::version())
                );
            }
            Err(message) => {
                let first = message.lines().next().unwrap_or_default();
                println!(
                    "API changes: not compared ({})",
                    first.trim_start_matches("error: ")
                );
            }
        }
    }
}

/// `, 2 warnings` for the summary line, or nothing.
fn warning_suffix(warnings: &[Warning]) -> String {
    match warnings.len() {
        0 => String::new(),
        n => format!(", {}", count(n, "warning")),
    }
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Runs `codegen` for every spec of the corpus.
fn corpus(check: bool) -> ExitCode {
    if let Err(code) = enter_workspace() {
        return code;
    }
    let specs = match codegen::corpus::specs(Path::new(".")) {
        Ok(specs) => specs,
        Err(error) => {
            eprintln!("error: cannot list {}: {error}", codegen::corpus::SPECS);
            return ExitCode::FAILURE;
        }
    };
    let mut status = ExitCode::SUCCESS;
    for spec in specs {
        let codegen = Codegen {
            check,
            deny_warnings: false,
            options: spec.options(),
            runtime: Some(RuntimeMode::Crate),
            spec: spec.path,
            out: spec.out,
            api_changes: false,
        };
        if codegen.run() != ExitCode::SUCCESS {
            status = ExitCode::FAILURE;
        }
    }
    status
}

/// The value of `arg` as the header of generated files shows it.
fn command_value(arg: &str, codegen: &Codegen) -> String {
    match arg {
        "--spec" => paths::shown(&codegen.spec),
        "--out" => paths::shown(&codegen.out),
        "--cli-name" => codegen.options.cli_name(),
        "--runtime" => match codegen.runtime {
            Some(RuntimeMode::Crate) => "crate".to_owned(),
            _ => "vendored".to_owned(),
        },
        _ => codegen.options.crate_name.clone(),
    }
}

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn fail<E: std::fmt::Display + Hint>(error: &E) -> ExitCode {
    eprintln!("{}", Report(error));
    ExitCode::FAILURE
}
