//! The measuring commands (check-docs, sweep, sweep-one, bench) live in the `measure` crate, so
//! that the first `cargo xtask codegen` builds none of what they need (the docs checker, the
//! progress bars, the plotting). `cargo xtask` hands them to `cargo run --package measure`,
//! which builds it on first use.

use std::ffi::OsString;
use std::process::{Command, ExitCode};

/// The cargo command that runs `measure COMMAND ARGS...`, from the directory the user is in, so
/// that the paths they typed keep their meaning.
pub fn command(command: &str, args: &[String]) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut run = Command::new(cargo);
    run.arg("run")
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(xtask::workspace().join("Cargo.toml"))
        .args(["--package", "measure", "--"])
        .arg(command)
        .args(args);
    run
}

/// Runs the measuring command and exits as it does.
pub fn run(name: &str, args: &[String]) -> ExitCode {
    let mut run = command(name, args);
    match run.status() {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            // Killed by a signal: the user stopped it, or the system did.
            None => ExitCode::FAILURE,
        },
        Err(error) => {
            eprintln!("error: cannot run {run:?}: {error}\n  help: `cargo` must be on the PATH");
            ExitCode::FAILURE
        }
    }
}
