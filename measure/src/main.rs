//! The project's measurements: `check-docs` compares the spec with the API reference, `sweep`
//! measures the generator on the public OpenAPI directory (`sweep-one` is one spec of it, in a
//! process of its own), `bench` runs the benchmarks and holds each figure to its target. Users run
//! them as `cargo xtask check-docs|sweep|bench`; they are a crate of their own so that the first
//! `cargo xtask codegen` does not build them.

mod bench;
mod check_docs;
mod progress;
mod render;
mod sweep;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser};
use xtask::{about, enter_workspace, paths, workspace};

/// Named as users run it, through `cargo xtask`.
#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "The project's measurements.",
    disable_help_subcommand = true
)]
enum Cli {
    #[command(about = about::CHECK_DOCS)]
    CheckDocs(check_docs::Args),
    #[command(about = about::SWEEP)]
    Sweep(sweep::Options),
    #[command(about = about::SWEEP_ONE)]
    SweepOne(sweep::One),
    #[command(about = about::BENCH)]
    Bench(bench::Options),
}

fn main() -> ExitCode {
    paths::remember_start();
    // Help and usage errors print and exit here, with clap's codes (0 and 2).
    let matches = Cli::command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    match cli {
        Cli::CheckDocs(args) => {
            let (_, typed) = matches.subcommand().expect("a command was given");
            check_docs::run(args, typed)
        }
        Cli::Sweep(options) => {
            render::remember_commit();
            sweep::run(workspace(), &options)
        }
        Cli::SweepOne(one) => sweep::run_one(&one),
        Cli::Bench(options) => {
            render::remember_commit();
            match enter_workspace() {
                Ok(()) => bench::run(&options),
                Err(code) => code,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::error::ErrorKind;

    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_mistyped_flag_or_part_is_refused_with_a_suggestion() {
        let error = Cli::try_parse_from(["cargo xtask", "sweep", "--sampel"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnknownArgument);
        assert!(
            error
                .to_string()
                .contains("similar argument exists: '--sample'")
        );

        let error = Cli::try_parse_from(["cargo xtask", "bench", "--only", "generat"]).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidValue);
        let message = error.to_string();
        assert!(
            message.contains("[possible values: generate, loop"),
            "{message}"
        );
        assert!(
            message.contains("a similar value exists: 'generate'"),
            "{message}"
        );
    }

    #[test]
    fn sweep_one_takes_a_directory_only_with_a_crate_name() {
        let error = Cli::try_parse_from(["cargo xtask", "sweep-one", "spec.json", "out"]);
        assert_eq!(
            error.unwrap_err().kind(),
            ErrorKind::MissingRequiredArgument
        );
        assert!(Cli::try_parse_from(["cargo xtask", "sweep-one", "spec.json", "out", "x"]).is_ok());
    }

    #[test]
    fn help_shows_the_defaults() {
        let help = Cli::try_parse_from(["cargo xtask", "sweep", "--help"]).unwrap_err();
        assert_eq!(help.kind(), ErrorKind::DisplayHelp);
        assert!(help.to_string().contains("[default: 120]"), "{help}");
    }
}
