//! What the project's two command-line tools share: `xtask` (codegen, corpus, api-diff) and
//! `measure` (check-docs, sweep, bench) both read paths from the command line the same way and
//! place a generated crate's runtime by the same rule.

pub mod paths;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ArgMatches;
use clap::parser::ValueSource;

/// The root file of the project's spec, the default of every `--spec`.
pub const SPEC: &str = "spec/openapi.yaml";
/// The crate the project generates from it, the default of `codegen --out`.
pub const OUT: &str = "generated";
/// Its package name, the default of `codegen --crate-name`.
pub const CRATE_NAME: &str = "digitalocean-api";
/// Its command-line tool, the default of `codegen --cli-name` when no `--crate-name` is given.
pub const CLI_NAME: &str = "do-api";

/// The options `cargo xtask codegen` writes the project's own crate with: what `generated/` is
/// checked against.
pub fn project_options() -> codegen::EmitOptions {
    codegen::EmitOptions {
        crate_name: CRATE_NAME.to_owned(),
        spec_display: SPEC.to_owned(),
        runtime: codegen::Runtime::workspace_crate(Path::new(OUT)),
        cli_name: Some(CLI_NAME.to_owned()),
        ..codegen::EmitOptions::default()
    }
}

/// What the measuring commands do, in the help of both binaries.
pub mod about {
    pub const CHECK_DOCS: &str =
        "Compares the spec with the rendered API reference it was transcribed from";
    pub const SWEEP: &str = "Measures the generator on the descriptions real APIs publish (hours)";
    pub const SWEEP_ONE: &str = "Generates one spec as the sweep does, in a process of its own, \
                                 and prints the result as one line of JSON";
    pub const BENCH: &str = "Runs the benchmarks and prints each figure next to its target";
}

/// The flags of `matches` the user typed, in the order they typed them: the command that
/// generated files name is the one that was run, without the defaults.
pub fn typed<'a>(matches: &ArgMatches, ids: &[&'a str]) -> Vec<&'a str> {
    let mut typed: Vec<(usize, &str)> = ids
        .iter()
        .filter(|id| matches.value_source(id) == Some(ValueSource::CommandLine))
        .filter_map(|id| Some((matches.index_of(id)?, *id)))
        .collect();
    typed.sort();
    typed.into_iter().map(|(_, id)| id).collect()
}

/// The path of flag `id`: read from where the user is when they typed it
/// ([`paths::from_command_line`]), as it is when it is a default (which names a file of the
/// workspace, or comes from the environment).
pub fn path_of(matches: &ArgMatches, id: &str, path: PathBuf) -> PathBuf {
    if typed(matches, &[id]).is_empty() {
        path
    } else {
        paths::from_command_line(path)
    }
}

/// `--runtime`: how a generated crate gets the runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RuntimeMode {
    /// Depend on the runtime crate of this workspace
    Crate,
    /// Copy the runtime into the crate, so that it builds on its own
    Vendored,
}

/// The workspace's root directory.
pub fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
}

/// Paths are relative to the workspace, wherever cargo was started.
pub fn enter_workspace() -> Result<(), ExitCode> {
    let root = workspace();
    std::env::set_current_dir(root).map_err(|error| {
        eprintln!(
            "error: cannot enter the workspace {}: {error}",
            root.display()
        );
        ExitCode::FAILURE
    })
}

/// How a crate written to `out` (as [`paths::from_command_line`] gives it) gets the runtime: by
/// default, a crate inside the workspace depends on the runtime crate (one copy serves them all)
/// and a crate outside it gets a copy (it must build wherever it is moved).
pub fn runtime_for(out: &Path, mode: Option<RuntimeMode>) -> codegen::Runtime {
    let outside = out.is_absolute();
    match mode {
        Some(RuntimeMode::Vendored) => codegen::Runtime::Vendored,
        None if outside => codegen::Runtime::Vendored,
        _ if !outside => codegen::Runtime::workspace_crate(out),
        _ => codegen::Runtime::Crate {
            path: paths::relative(out, &paths::root().join(codegen::RUNTIME_DIR)),
        },
    }
}
