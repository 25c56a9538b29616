//! `cargo xtask check-docs`: the spec against the rendered API reference it was transcribed from.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ArgMatches;
use codegen::Report;
use xtask::path_of;

/// It fails on a difference that its allow-list does not give a reason for.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The root file of the spec
    #[arg(long, value_name = "PATH", default_value = xtask::SPEC)]
    spec: PathBuf,
    /// The reference's pages
    #[arg(long, value_name = "DIR", env = docs_check::DOCS_VARIABLE,
          default_value = docs_check::DEFAULT_DOCS)]
    docs: PathBuf,
    /// The differences made on purpose, each with its reason
    #[arg(long, value_name = "PATH", default_value = docs_check::ALLOWLIST)]
    allowlist: PathBuf,
}

/// Runs the check from the workspace root; `matches` tells which paths were typed.
pub fn run(args: Args, matches: &ArgMatches) -> ExitCode {
    let options = docs_check::Options {
        spec: path_of(matches, "spec", args.spec),
        docs: path_of(matches, "docs", args.docs),
        allowlist: path_of(matches, "allowlist", args.allowlist),
    };
    if let Err(code) = xtask::enter_workspace() {
        return code;
    }
    match docs_check::check(&options) {
        Ok(report) if report.passed() => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Ok(report) => {
            eprint!("{report}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("{}", Report(&error));
            ExitCode::FAILURE
        }
    }
}
