//! Generating each spec in a child process (`measure sweep-one`), so that a panic, a stack
//! overflow or a hang is a result to count, and the child's peak memory is its own.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::Spec;
use crate::progress::Progress;

/// What `measure sweep-one` prints on its one line of standard output.
#[derive(Debug, Serialize, Deserialize)]
struct ChildReport {
    /// The error, as the command line shows it, when the spec is refused.
    error: Option<String>,
    warnings: Vec<String>,
    millis: u64,
    /// Peak resident memory of the process, where the system tells it.
    peak_kib: Option<u64>,
}

/// `cargo xtask sweep-one SPEC [OUT CRATE-NAME]`: generates one spec in memory (and writes the
/// crate when `OUT` is given) and prints what happened as one line of JSON.
#[derive(Debug, clap::Args)]
pub struct One {
    /// The spec's root file
    spec: String,
    /// The directory to write its crate to
    #[arg(requires = "crate_name")]
    out: Option<String>,
    /// The crate's package name
    crate_name: Option<String>,
}

pub fn one(args: &One) -> ExitCode {
    let spec = &args.spec;
    let out = args.out.as_ref().zip(args.crate_name.as_ref());
    let started = Instant::now();
    let mut options = codegen::EmitOptions {
        crate_name: out.map_or_else(|| "swept".to_owned(), |(_, name)| name.clone()),
        spec_display: spec.clone(),
        command: "cargo xtask sweep".to_owned(),
        // As a crate generated outside this workspace is: on its own.
        runtime: codegen::Runtime::Vendored,
        ..codegen::EmitOptions::default()
    };
    // The swept crates share the workspace's runtime crate, built once for all of them.
    if let Some((out, _)) = out {
        options.runtime = xtask::runtime_for(&xtask::paths::from_command_line(out), None);
    }
    let mut report = ChildReport {
        error: None,
        warnings: Vec::new(),
        millis: 0,
        peak_kib: None,
    };
    match codegen::generate(Path::new(spec), &options) {
        Ok(generated) => {
            report.warnings = generated.warnings.iter().map(|w| w.to_string()).collect();
            if let Some((out, _)) = out
                && let Err(error) = codegen::write::write(Path::new(out), &generated.files)
            {
                report.error = Some(format!("writing the crate: {error}"));
            }
        }
        Err(error) => report.error = Some(error.to_string()),
    }
    report.millis = started.elapsed().as_millis() as u64;
    report.peak_kib = peak_kib();
    match serde_json::to_string(&report) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The high-water mark of this process's resident memory (Linux).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// How the generation of one spec ended.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "message", rename_all = "snake_case")]
pub enum Ending {
    Generated,
    Refused(String),
    /// The child panicked: the generator's bug.
    Panic(String),
    /// The child died otherwise (a stack overflow aborts it).
    Crash(String),
    Timeout,
}

/// One spec and how its generation went.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub spec: Spec,
    pub ending: Ending,
    pub warnings: Vec<String>,
    pub elapsed: Duration,
    pub peak_kib: Option<u64>,
    /// Where its crate was written, when it is compiled.
    pub crate_dir: Option<PathBuf>,
}

impl Outcome {
    pub fn generated(&self) -> bool {
        matches!(self.ending, Ending::Generated)
    }
}

/// Generates every spec, `jobs` at a time, the stress specs alone at the end. The crates of the
/// specs `compile` picks are written under `crates`.
pub fn all(
    exe: &Path,
    specs: &[Spec],
    crates: &Path,
    compile: &(dyn Fn(&Spec) -> bool + Sync),
    jobs: usize,
    timeout: Duration,
) -> Vec<Outcome> {
    let logs = crates.with_file_name("logs");
    if let Err(error) = std::fs::create_dir_all(&logs) {
        eprintln!("warning: cannot create {}: {error}", logs.display());
    }
    let (stress, ordinary): (Vec<&Spec>, Vec<&Spec>) = specs.iter().partition(|s| s.stress);
    let total = specs.len();
    let progress = Progress::new("generated", total, 100);
    let run = |spec: &Spec, timeout: Duration| {
        progress.start(&spec.id);
        let crate_dir = compile(spec).then(|| crates.join(spec.crate_name()));
        let outcome = child(exe, spec, crate_dir, &logs, timeout);
        if !matches!(outcome.ending, Ending::Generated | Ending::Refused(_)) {
            progress.println(&format!("  {}: {:?}", spec.id, outcome.ending));
        }
        progress.done(&spec.id);
        outcome
    };
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(total));
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                while let Some(spec) = ordinary.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = run(spec, timeout);
                    results.lock().expect("no thread panics").push(outcome);
                }
            });
        }
    });
    let mut results = results.into_inner().expect("no thread panics");
    for spec in stress {
        results.push(run(spec, timeout.max(Duration::from_secs(30 * 60))));
    }
    progress.finish();
    results.sort_by(|a, b| a.spec.id.cmp(&b.spec.id));
    results
}

/// Runs `measure sweep-one` on `spec`, killing it once it has used `timeout` of CPU time.
fn child(
    exe: &Path,
    spec: &Spec,
    crate_dir: Option<PathBuf>,
    logs: &Path,
    timeout: Duration,
) -> Outcome {
    let name = spec.crate_name();
    let stdout_path = logs.join(format!("{name}.stdout"));
    let stderr_path = logs.join(format!("{name}.stderr"));
    let mut outcome = Outcome {
        spec: spec.clone(),
        ending: Ending::Timeout,
        warnings: Vec::new(),
        elapsed: Duration::ZERO,
        peak_kib: None,
        crate_dir: crate_dir.clone(),
    };
    let started = Instant::now();
    let mut command = Command::new(exe);
    command.arg("sweep-one").arg(&spec.path);
    if let Some(dir) = &crate_dir {
        command.arg(dir).arg(&name);
    }
    let status = super::run_with_limit(
        &mut command,
        &stdout_path,
        &stderr_path,
        super::Limit::Cpu(timeout),
    );
    outcome.elapsed = started.elapsed();
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    outcome.ending = match status {
        Err(error) => Ending::Crash(format!("cannot run the child: {error}")),
        Ok(None) => Ending::Timeout,
        Ok(Some(status)) if status.success() => {
            let stdout = std::fs::read_to_string(&stdout_path).unwrap_or_default();
            match serde_json::from_str::<ChildReport>(stdout.trim()) {
                Ok(report) => {
                    outcome.warnings = report.warnings;
                    outcome.elapsed = Duration::from_millis(report.millis);
                    outcome.peak_kib = report.peak_kib;
                    match report.error {
                        Some(error) => Ending::Refused(error),
                        None => Ending::Generated,
                    }
                }
                Err(error) => Ending::Crash(format!("unreadable report: {error}")),
            }
        }
        Ok(Some(_)) if stderr.contains("panicked at") => Ending::Panic(first_lines(&stderr)),
        Ok(Some(status)) => Ending::Crash(format!("{status}: {}", first_lines(&stderr))),
    };
    if matches!(outcome.ending, Ending::Generated | Ending::Refused(_)) {
        // What the report holds needs no log.
        let _ = std::fs::remove_file(&stdout_path);
        let _ = std::fs::remove_file(&stderr_path);
    }
    outcome
}

fn first_lines(text: &str) -> String {
    text.lines().take(3).collect::<Vec<_>>().join(" / ")
}
