//! The project's commands: `cargo xtask codegen` regenerates the client crate from the spec (or
//! with `--check` tells whether it is up to date), `cargo xtask corpus` the crates of the test
//! corpus, `cargo xtask api-diff` reports what a change of the spec does to the crate's users.
//! They are thin shells over the `codegen` library; this crate adds the command line and the
//! reading of git history. The measuring commands (`check-docs`, `sweep`, `bench`) are handed to
//! the `measure` crate, so that a first `cargo xtask codegen` does not build them.

mod api_diff;
mod cli;
mod generate;
mod git;
mod measure;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use xtask::{enter_workspace, paths};

use cli::{Cli, Command};

fn main() -> ExitCode {
    paths::remember_start();
    // Help and usage errors print and exit here, with clap's codes (0 and 2).
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    match cli.command {
        Command::Codegen(args) => {
            let (_, typed) = matches.subcommand().expect("a command was given");
            generate::Codegen::from_command_line(args, typed).run()
        }
        Command::Corpus { check } => generate::corpus(check),
        Command::ApiDiff(args) => {
            let (_, typed) = matches.subcommand().expect("a command was given");
            let api_diff = api_diff::ApiDiff::from_command_line(args, typed);
            match enter_workspace() {
                Ok(()) => api_diff.run(),
                Err(code) => code,
            }
        }
        Command::CheckDocs(measured) => measure::run("check-docs", &measured.args),
        Command::Sweep(measured) => measure::run("sweep", &measured.args),
        Command::SweepOne(measured) => measure::run("sweep-one", &measured.args),
        Command::Bench(measured) => measure::run("bench", &measured.args),
    }
}
