//! What the project's two command-line tools share: `xtask` (codegen, corpus, api-diff) and
//! `measure` (check-docs, sweep, bench) both read paths from the command line the same way and
//! place a generated crate's runtime by the same rule.

pub mod paths;

use std::path::Path;
use std::process::ExitCode;

/// `--runtime`: how a generated crate gets the runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuntimeMode {
    Crate,
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
