//! `cargo xtask codegen` and `cargo xtask corpus`: the generator run on a spec, its warnings and
//! the files it writes (or, with `--check`, would write) reported.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::ArgMatches;
use codegen::{Hint, Report, Warning, WarningReport};
use xtask::{RuntimeMode, enter_workspace, paths, runtime_for};

use crate::api_diff;
use crate::cli::CodegenArgs;

pub struct Codegen {
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
    /// The command `cargo xtask codegen` as it was typed; `matches` tells which flags were.
    pub fn from_command_line(args: CodegenArgs, matches: &ArgMatches) -> Codegen {
        let typed = xtask::typed(
            matches,
            &["spec", "out", "crate_name", "runtime", "cli_name"],
        );
        let given = |id: &str| typed.contains(&id);
        let cli_name = match args.cli_name {
            Some(name) => Some(name),
            // Named after the crate.
            None if given("crate_name") => None,
            None => Some(xtask::CLI_NAME.to_owned()),
        };
        let options = codegen::EmitOptions {
            crate_name: args.crate_name,
            cli_name,
            ..codegen::EmitOptions::default()
        };
        let mut codegen = Codegen {
            check: args.check,
            deny_warnings: args.deny_warnings,
            spec: xtask::path_of(matches, "spec", args.spec),
            out: xtask::path_of(matches, "out", args.out),
            runtime: args.runtime,
            options,
            api_changes: true,
        };
        let mut command = String::from("cargo xtask codegen");
        for id in typed {
            let value = command_value(id, &codegen);
            command.push_str(&format!(" --{} {value}", id.replace('_', "-")));
        }
        codegen.options.spec_display = paths::shown(&codegen.spec);
        codegen.options.command = command;
        codegen
    }

    pub fn run(self) -> ExitCode {
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
                if self.spec != Path::new(xtask::SPEC) {
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
pub fn corpus(check: bool) -> ExitCode {
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
fn command_value(id: &str, codegen: &Codegen) -> String {
    match id {
        "spec" => paths::shown(&codegen.spec),
        "out" => paths::shown(&codegen.out),
        "cli_name" => codegen.options.cli_name(),
        "runtime" => match codegen.runtime {
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
