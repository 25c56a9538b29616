//! Checking and linting the generated crates: one workspace of them under `target/sweep/crates/`,
//! one shared target directory, `cargo clippy --all-targets` per crate, and every diagnostic
//! counted as an error, a warning of the compiler, or a warning of clippy.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::generate::Outcome;
use crate::progress::Progress;

/// What checking one crate gave.
#[derive(Debug, Clone, Serialize)]
pub struct Compiled {
    pub id: String,
    /// `cargo clippy` found no error and finished.
    pub compiles: bool,
    pub timed_out: bool,
    pub errors: usize,
    pub rustc_warnings: usize,
    pub clippy_warnings: usize,
    /// The first diagnostics, as rustc renders them, to drill in.
    pub diagnostics: Vec<String>,
    #[serde(serialize_with = "super::report::millis")]
    pub elapsed: Duration,
}

impl Compiled {
    /// Compiles and nothing warns: what `clippy -D warnings` accepts.
    pub fn clean(&self) -> bool {
        self.compiles && self.rustc_warnings == 0 && self.clippy_warnings == 0
    }
}

/// The longest one crate may take to check.
const TIMEOUT: Duration = Duration::from_secs(60 * 60);

/// From this many operations on, a crate takes gigabytes to check.
const BIG: usize = 300;

/// How many rendered diagnostics of a crate the details keep.
const KEPT: usize = 5;

pub fn all(
    workspace: &Path,
    dir: &Path,
    crates: &Path,
    outcomes: &[&Outcome],
) -> Result<Vec<Compiled>, String> {
    let members: Vec<String> = outcomes
        .iter()
        .map(|o| format!("  \"{}\",\n", o.spec.crate_name()))
        .collect();
    let manifest = crates.join("Cargo.toml");
    std::fs::write(
        &manifest,
        format!(
            "# The crates of `cargo xtask sweep`.\n[workspace]\nresolver = \"3\"\nmembers = [\n{}]\n",
            members.concat()
        ),
    )
    .map_err(|error| format!("cannot write {}: {error}", manifest.display()))?;
    // The versions the project itself is tested with.
    std::fs::copy(workspace.join("Cargo.lock"), crates.join("Cargo.lock"))
        .map_err(|error| format!("cannot copy Cargo.lock: {error}"))?;
    let target = dir.join("cargo-target");
    let logs = dir.join("logs");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut results = Vec::new();
    // Each crate's result is a line of its own, so the plain lines need no count of their own.
    let progress = Progress::new("checked", outcomes.len(), u64::MAX);
    for outcome in outcomes {
        let name = outcome.spec.crate_name();
        progress.start(&format!(
            "{} ({} operations)",
            outcome.spec.id, outcome.spec.operations
        ));
        let stdout = logs.join(format!("{name}.clippy.json"));
        let stderr = logs.join(format!("{name}.clippy.stderr"));
        let started = Instant::now();
        let mut command = Command::new(&cargo);
        command
            .arg("clippy")
            .arg("--manifest-path")
            .arg(&manifest)
            .args(["--package", &name, "--all-targets", "--message-format=json"])
            .env("CARGO_TARGET_DIR", &target)
            // Each crate is checked once: incremental state would only fill the disk (gigabytes
            // over the sample).
            .env("CARGO_INCREMENTAL", "0");
        if outcome.spec.operations >= BIG {
            // The library and its tests, checked side by side, would need twice the memory.
            command.args(["--jobs", "1"]);
        }
        let status =
            super::run_with_limit(&mut command, &stdout, &stderr, super::Limit::Wall(TIMEOUT))
                .map_err(|error| format!("cannot run cargo clippy: {error}"))?;
        let mut compiled = Compiled {
            id: outcome.spec.id.clone(),
            compiles: matches!(status, Some(status) if status.success()),
            timed_out: status.is_none(),
            errors: 0,
            rustc_warnings: 0,
            clippy_warnings: 0,
            diagnostics: Vec::new(),
            elapsed: started.elapsed(),
        };
        let json = std::fs::read_to_string(&stdout).unwrap_or_default();
        count(&json, &mut compiled);
        if compiled.compiles && compiled.errors > 0 {
            compiled.compiles = false;
        }
        if !compiled.compiles && compiled.errors == 0 && !compiled.timed_out {
            // Cargo itself failed (resolution, a manifest): its words are on stderr.
            let text = std::fs::read_to_string(&stderr).unwrap_or_default();
            compiled
                .diagnostics
                .push(text.lines().rev().take(10).collect::<Vec<_>>().join("\n"));
        }
        if compiled.clean() {
            let _ = std::fs::remove_file(&stdout);
            let _ = std::fs::remove_file(&stderr);
        }
        progress.println(&format!(
            "{}: {}: {} errors, {} warnings, {} clippy warnings, {:.0} s",
            outcome.spec.id,
            if compiled.timed_out {
                "timed out"
            } else if compiled.compiles {
                "compiles"
            } else {
                "does not compile"
            },
            compiled.errors,
            compiled.rustc_warnings,
            compiled.clippy_warnings,
            compiled.elapsed.as_secs_f64()
        ));
        progress.done(&outcome.spec.id);
        results.push(compiled);
    }
    progress.finish();
    Ok(results)
}

/// One line of `--message-format=json`.
#[derive(Deserialize)]
struct CargoMessage {
    reason: String,
    #[serde(default)]
    package_id: String,
    message: Option<Diagnostic>,
}

#[derive(Deserialize)]
struct Diagnostic {
    level: String,
    code: Option<Code>,
    #[serde(default)]
    spans: Vec<serde::de::IgnoredAny>,
    rendered: Option<String>,
}

#[derive(Deserialize)]
struct Code {
    code: String,
}

/// Counts the diagnostics of the crate `name` (its lib and its tests report the same warning
/// twice; both count, as both would fail `-D warnings`).
fn count(json: &str, compiled: &mut Compiled) {
    for line in json.lines() {
        let Ok(message) = serde_json::from_str::<CargoMessage>(line) else {
            continue;
        };
        // Only the crate itself is a path dependency; crates.io's have their lints capped.
        if message.reason != "compiler-message" || !message.package_id.starts_with("path+") {
            continue;
        }
        let Some(diagnostic) = message.message else {
            continue;
        };
        // "aborting due to ..." and "N warnings emitted" have no span.
        if diagnostic.spans.is_empty() {
            continue;
        }
        let clippy = diagnostic
            .code
            .as_ref()
            .is_some_and(|code| code.code.starts_with("clippy::"));
        match diagnostic.level.as_str() {
            "error" => compiled.errors += 1,
            "warning" if clippy => compiled.clippy_warnings += 1,
            "warning" => compiled.rustc_warnings += 1,
            _ => continue,
        }
        if compiled.diagnostics.len() < KEPT
            && let Some(rendered) = diagnostic.rendered
        {
            compiled.diagnostics.push(rendered);
        }
    }
}
