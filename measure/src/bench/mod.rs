//! `cargo xtask bench`: runs the benchmarks of `benches/`, times what is best timed as a whole
//! process (the generator against progenitor, the everyday codegen loop, clean builds), and prints
//! each figure next to its target. The figures also go to `target/bench/summary.json`.
//!
//! Everything it downloads or builds lives under `target/`: `cargo-progenitor` is installed into
//! `target/bench-tools/` when missing, and the crates it builds go to `target/bench/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::progress::Progress;

mod doc;
mod plot;

/// The progenitor release compared against.
const PROGENITOR_VERSION: &str = "0.15.1";
const OUT: &str = "target/bench";
const TOOLS: &str = "target/bench-tools";

/// One measured figure and the target it is held to.
pub struct Figure {
    name: String,
    value: f64,
    unit: &'static str,
    target: Target,
    /// What the figure is measured against, when it is a ratio or a comparison.
    note: String,
}

/// What a figure must be.
enum Target {
    AtMost(f64),
    AtLeast(f64),
    /// Reported for information: no target.
    None,
}

impl Figure {
    fn new(name: &str, value: f64, unit: &'static str, target: Target, note: String) -> Figure {
        Figure {
            name: name.to_owned(),
            value,
            unit,
            target,
            note,
        }
    }

    fn met(&self) -> Option<bool> {
        match self.target {
            Target::AtMost(limit) => Some(self.value <= limit),
            Target::AtLeast(limit) => Some(self.value >= limit),
            Target::None => None,
        }
    }

    fn target_text(&self) -> String {
        match self.target {
            Target::AtMost(limit) => format!("<= {} {}", number(limit), self.unit),
            Target::AtLeast(limit) => format!(">= {} {}", number(limit), self.unit),
            Target::None => "-".to_owned(),
        }
    }

    fn to_json(&self) -> Value {
        let (kind, limit) = match self.target {
            Target::AtMost(limit) => ("at_most", Some(limit)),
            Target::AtLeast(limit) => ("at_least", Some(limit)),
            Target::None => ("none", None),
        };
        json!({
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "target": {"kind": kind, "limit": limit},
            "met": self.met(),
            "note": self.note,
        })
    }
}

fn number(value: f64) -> String {
    if value >= 100.0 || value.fract() == 0.0 {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

/// The figures also go to target/bench/summary.json. Run it on a quiet machine.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// Take fewer samples, for trying the command out
    #[arg(long)]
    pub quick: bool,
    /// Run one part of the suite [default: all of them]
    #[arg(long, value_name = "PART",
          value_parser = clap::builder::PossibleValuesParser::new(PARTS.map(|(name, _)| name)))]
    pub only: Option<String>,
}

/// A part of the suite: it adds its figures, or says why it could not.
type Part = fn(&Options, &mut Measured) -> Result<(), String>;

/// What the parts measured: the figures, and the points of the generation plot.
#[derive(Default)]
pub struct Measured {
    figures: Vec<Figure>,
    generation: Vec<plot::Point>,
}

/// The parts, in the order they run.
const PARTS: [(&str, Part); 6] = [
    ("generate", generation),
    ("loop", everyday_loop),
    ("codec", codec),
    ("requests", requests),
    ("memory", memory),
    ("build", build),
];

pub fn run(options: &Options) -> ExitCode {
    let wanted = |part: &str| options.only.as_deref().is_none_or(|only| only == part);
    if let Err(error) = std::fs::create_dir_all(Path::new(OUT).join("logs")) {
        eprintln!("error: cannot create {OUT}/logs: {error}");
        return ExitCode::FAILURE;
    }
    let mut measured = Measured::default();
    let mut parts = PARTS.to_vec();
    parts.retain(|(name, _)| wanted(name));
    let mut status = ExitCode::SUCCESS;
    let progress = Progress::new("bench", parts.len(), 1);
    for (name, part) in parts {
        progress.start(name);
        if let Err(error) = part(options, &mut measured) {
            progress.println(&format!("error: {name}: {error}"));
            status = ExitCode::FAILURE;
        }
        progress.done(name);
    }
    progress.finish();
    print!("{}", table(&measured.figures));
    let summary = json!({
        "figures": measured.figures.iter().map(Figure::to_json).collect::<Vec<_>>(),
    });
    let path = Path::new(OUT).join("summary.json");
    let text = serde_json::to_string_pretty(&summary).expect("figures are JSON");
    if let Err(error) = std::fs::write(&path, text + "\n") {
        eprintln!("error: cannot write {}: {error}", path.display());
        return ExitCode::FAILURE;
    }
    println!("\nsummary: {}", path.display());
    if let Err(error) = doc::write(&measured, PROGENITOR_VERSION) {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    status
}

/// Each figure as the cells of a table: what, measured, target, met (and against what).
fn rows(figures: &[Figure]) -> Vec<[String; 4]> {
    figures
        .iter()
        .map(|figure| {
            let met = match figure.met() {
                Some(true) => "met",
                Some(false) => "NOT MET",
                None => "",
            };
            [
                figure.name.clone(),
                format!("{} {}", number(figure.value), figure.unit),
                figure.target_text(),
                if figure.note.is_empty() {
                    met.to_owned()
                } else {
                    format!("{met} ({})", figure.note).trim().to_owned()
                },
            ]
        })
        .collect()
}

fn table(figures: &[Figure]) -> String {
    let rows = rows(figures);
    let header = ["figure", "measured", "target", ""];
    let width = |column: usize| {
        rows.iter()
            .map(|row| row[column].len())
            .chain([header[column].len()])
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut out = String::from("\n");
    for row in std::iter::once(header.map(str::to_owned)).chain(rows) {
        let _ = writeln!(
            out,
            "{:w0$}  {:>w1$}  {:w2$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
    }
    out
}

/// Runs a cargo command, its output (criterion's reports, cargo's progress) kept in a log under
/// `target/bench/logs/`, so that the bench's progress stays readable; fails unless it succeeds.
fn cargo(args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    let name: String = args
        .iter()
        .take_while(|arg| **arg != "--")
        .filter(|arg| !arg.starts_with('-'))
        .map(|arg| arg.replace(['/', '.'], "_"))
        .collect::<Vec<_>>()
        .join("-");
    let log = Path::new(OUT)
        .join("logs")
        .join(format!("cargo-{name}.log"));
    let file =
        std::fs::File::create(&log).map_err(|error| format!("{}: {error}", log.display()))?;
    let copy = file
        .try_clone()
        .map_err(|error| format!("{}: {error}", log.display()))?;
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .envs(envs.iter().copied())
        .stdout(file)
        .stderr(copy)
        .status()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed; its output is in {}",
            args.join(" "),
            log.display()
        ))
    }
}

/// The best wall time of `runs` runs of a command; fails if any run fails.
fn best_of(runs: usize, make: impl Fn() -> Command) -> Result<Duration, String> {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let mut command = make();
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        let started = Instant::now();
        let output = command
            .output()
            .map_err(|error| format!("cannot run {command:?}: {error}"))?;
        let elapsed = started.elapsed();
        if !output.status.success() {
            return Err(format!(
                "{command:?} failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        best = best.min(elapsed);
    }
    Ok(best)
}

/// A criterion benchmark's mean time, in nanoseconds, from its saved estimates.
fn criterion_mean(id: &str) -> Result<f64, String> {
    criterion_file(id, "estimates.json")?["mean"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{id}: no mean"))
}

/// The bytes a criterion benchmark handles per iteration, from its saved throughput.
fn criterion_bytes(id: &str) -> Result<f64, String> {
    criterion_file(id, "benchmark.json")?["throughput"]["Bytes"]
        .as_f64()
        .ok_or_else(|| format!("{id}: no throughput in bytes"))
}

fn criterion_file(id: &str, file: &str) -> Result<Value, String> {
    let path = Path::new(OUT)
        .join("criterion")
        .join(id)
        .join("new")
        .join(file);
    let text =
        std::fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    serde_json::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))
}

/// Runs the criterion benchmarks of one bench target of `benches/`, saving under `target/bench`.
fn criterion(bench: &str, options: &Options) -> Result<(), String> {
    let home =
        std::path::absolute(Path::new(OUT).join("criterion")).map_err(|error| error.to_string())?;
    let home = home.to_string_lossy().into_owned();
    let mut args = vec!["bench", "--locked", "-p", "benches", "--bench", bench, "--"];
    if options.quick {
        args.extend(["--warm-up-time", "1", "--measurement-time", "2"]);
    }
    cargo(&args, &[("CRITERION_HOME", &home)])
}

/// Builds the release helper binary of `benches/` and returns its path.
fn bench_tool() -> Result<PathBuf, String> {
    cargo(
        &[
            "build",
            "--locked",
            "--release",
            "-p",
            "benches",
            "--bin",
            "bench-tool",
        ],
        &[],
    )?;
    Ok(PathBuf::from("target/release/bench-tool"))
}

/// The synthetic spec of `operations` operations in `operations / 5` tags, written for the
/// tools that read files.
fn synthetic_spec(tool: &Path, operations: usize) -> Result<PathBuf, String> {
    let path = Path::new(OUT).join(format!("synthetic-{operations}.json"));
    let status = Command::new(tool)
        .args([
            "spec",
            &operations.to_string(),
            &(operations / 5).to_string(),
        ])
        .arg(&path)
        .status()
        .map_err(|error| error.to_string())?;
    if !status.success() {
        return Err("bench-tool spec failed".into());
    }
    Ok(path)
}

/// The sizes of the synthetic spec (operations, in a fifth as many tags) that both generators
/// are timed on as processes of their own, for the plot.
const SIZES: [usize; 4] = [500, 1_000, 2_500, 5_000];

/// Generation: per-operation time from 500 to 5,000 operations, and the synthetic spec at each of
/// [`SIZES`] generated by this generator and by progenitor, each as a process of its own.
fn generation(options: &Options, measured: &mut Measured) -> Result<(), String> {
    criterion("generate", options)?;
    let small = criterion_mean("generate/500")? / 500.0;
    let large = criterion_mean("generate/5000")? / 5000.0;
    measured.figures.push(Figure::new(
        "generation: per-operation time, 5,000 / 500 operations",
        large / small,
        "x",
        Target::AtMost(1.2),
        format!("{:.3} ms against {:.3} ms", large / 1e6, small / 1e6),
    ));

    let tool = bench_tool()?;
    let progenitor = progenitor()
        .inspect_err(|error| eprintln!("warning: no comparison with progenitor: {error}"))
        .ok();
    for operations in SIZES {
        let spec = synthetic_spec(&tool, operations)?;
        let out = |by: &str| Path::new(OUT).join(format!("synthetic-{operations}-{by}"));
        let ours = best_of(3, || {
            let mut command = Command::new(&tool);
            command.arg("generate").arg(&spec).arg(out("ours"));
            command
        })?;
        let theirs = match &progenitor {
            None => None,
            Some(progenitor) => Some(best_of(3, || {
                let mut command = Command::new(progenitor);
                command
                    .args(["progenitor", "-i"])
                    .arg(&spec)
                    .arg("-o")
                    .arg(out("progenitor"))
                    .args(["-n", "synthetic", "-v", "0.1.0"]);
                command
            })?),
        };
        measured.generation.push(plot::Point {
            operations,
            ours: ours.as_secs_f64(),
            progenitor: theirs.map(|theirs| theirs.as_secs_f64()),
        });
    }
    let largest = measured.generation.last().expect("SIZES is not empty");
    measured.figures.push(Figure::new(
        "generation: 5,000 operations",
        largest.ours,
        "s",
        Target::AtMost(2.0),
        "best of 3, spec to files".into(),
    ));
    if let Some(theirs) = largest.progenitor {
        measured.figures.push(Figure::new(
            "generation: 5,000 operations, progenitor / ours",
            theirs / largest.ours,
            "x",
            Target::AtLeast(3.0),
            format!(
                "progenitor {PROGENITOR_VERSION} {theirs:.2} s against {:.2} s",
                largest.ours
            ),
        ));
    }
    Ok(())
}

/// `cargo-progenitor`, installed under `target/bench-tools` when it is not there yet.
fn progenitor() -> Result<PathBuf, String> {
    let binary = Path::new(TOOLS).join("bin/cargo-progenitor");
    if !binary.exists() {
        eprintln!("installing cargo-progenitor {PROGENITOR_VERSION} into {TOOLS}");
        cargo(
            &[
                "install",
                "cargo-progenitor",
                "--locked",
                "--version",
                PROGENITOR_VERSION,
                "--root",
                TOOLS,
            ],
            &[],
        )?;
    }
    Ok(binary)
}

/// The everyday loop: `cargo xtask codegen --check` and `cargo xtask codegen` on the project's
/// spec, as users run them, once built.
fn everyday_loop(_: &Options, measured: &mut Measured) -> Result<(), String> {
    let figures = &mut measured.figures;
    cargo(&["build", "--locked", "-p", "xtask"], &[])?;
    for (name, args) in [
        ("codegen --check", &["xtask", "codegen", "--check"][..]),
        ("codegen", &["xtask", "codegen"][..]),
    ] {
        let time = best_of(5, || {
            let mut command =
                Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
            command.args(args);
            command
        })?;
        figures.push(Figure::new(
            &format!("everyday loop: `cargo xtask {name}`"),
            time.as_secs_f64() * 1000.0,
            "ms",
            Target::AtMost(200.0),
            "best of 5, wall, through cargo".into(),
        ));
    }
    Ok(())
}

/// Decoding and encoding in the generated crate, against `serde_json::Value`.
fn codec(options: &Options, measured: &mut Measured) -> Result<(), String> {
    let figures = &mut measured.figures;
    criterion("codec", options)?;
    // Typed decoding at least twice as fast as a `Value`; typed encoding at least as fast.
    let directions = [("decode", "decoding", 2.0), ("encode", "encoding", 1.0)];
    for (body, label) in [("app", "one app"), ("apps_1000", "1,000 apps")] {
        for (direction, verb, at_least) in directions {
            let typed = criterion_mean(&format!("{body}/{direction}_typed"))?;
            let value = criterion_mean(&format!("{body}/{direction}_value"))?;
            figures.push(Figure::new(
                &format!("{verb} {label}: Value / typed"),
                value / typed,
                "x",
                Target::AtLeast(at_least),
                format!("{} against {}", duration(typed), duration(value)),
            ));
        }
    }
    let per_byte =
        |id: &str| -> Result<f64, String> { Ok(criterion_mean(id)? / criterion_bytes(id)?) };
    let with = per_byte("unknown_fields/with")?;
    let without = per_byte("unknown_fields/without")?;
    figures.push(Figure::new(
        "keeping unknown fields: time per byte, with / without",
        with / without,
        "x",
        Target::AtMost(1.1),
        "an app with unknown members at six depths".into(),
    ));
    Ok(())
}

/// Requests through the client against bare reqwest and serde, on one loopback server.
fn requests(options: &Options, measured: &mut Measured) -> Result<(), String> {
    let figures = &mut measured.figures;
    criterion("requests", options)?;
    let client = criterion_mean("requests/client")?;
    let bare = criterion_mean("requests/reqwest")?;
    figures.push(Figure::new(
        "requests: client / bare reqwest + serde",
        client / bare,
        "x",
        Target::AtMost(1.05),
        format!("{} against {}", duration(client), duration(bare)),
    ));
    Ok(())
}

fn duration(nanoseconds: f64) -> String {
    match nanoseconds {
        n if n >= 1e9 => format!("{:.2} s", n / 1e9),
        n if n >= 1e6 => format!("{:.2} ms", n / 1e6),
        n if n >= 1e3 => format!("{:.1} µs", n / 1e3),
        n => format!("{n:.0} ns"),
    }
}

/// Peak memory: generating 5,000 operations, and decoding a 10 MB page of apps.
fn memory(_: &Options, measured: &mut Measured) -> Result<(), String> {
    let figures = &mut measured.figures;
    let tool = bench_tool()?;
    let spec = synthetic_spec(&tool, 5_000)?;
    let out = Path::new(OUT).join("synthetic-5000-memory");
    let generated = tool_figures(Command::new(&tool).arg("generate").arg(&spec).arg(&out))?;
    figures.push(Figure::new(
        "memory: peak of generating 5,000 operations",
        megabytes(generated.peak - generated.baseline),
        "MB",
        Target::None,
        "above the process at rest".into(),
    ));
    let body = Path::new(OUT).join("apps-10mb.json");
    let status = Command::new(&tool)
        .args(["body", "10000000"])
        .arg(&body)
        .status()
        .map_err(|error| error.to_string())?;
    if !status.success() {
        return Err("bench-tool body failed".into());
    }
    let size = std::fs::metadata(&body)
        .map_err(|error| error.to_string())?
        .len() as f64;
    for (kind, label) in [("typed", "typed"), ("value", "Value")] {
        let decoded = tool_figures(Command::new(&tool).args(["decode", kind]).arg(&body))?;
        let above = (decoded.peak - decoded.baseline) as f64;
        figures.push(Figure::new(
            &format!("memory: decoding a 10 MB body, {label}, above baseline / body"),
            above / size,
            "x",
            if kind == "typed" {
                Target::AtMost(2.0)
            } else {
                Target::None
            },
            format!("{:.1} MB for {:.1} MB", above / 1e6, size / 1e6),
        ));
    }
    Ok(())
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// What `bench-tool` prints of its memory.
struct Peak {
    baseline: u64,
    peak: u64,
}

fn tool_figures(command: &mut Command) -> Result<Peak, String> {
    let output = command.output().map_err(|error| error.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let read = |key: &str| -> Result<u64, String> {
        text.lines()
            .find_map(|line| line.strip_prefix(key))
            .and_then(|value| value.trim().parse().ok())
            .ok_or_else(|| format!("{command:?} printed no {key}"))
    };
    Ok(Peak {
        baseline: read("baseline_bytes")?,
        peak: read("peak_bytes")?,
    })
}

/// Clean builds of generated crates, dependencies built: this crate with one resource and with
/// all, and this generator's output for progenitor's sample spec against progenitor's.
fn build(_: &Options, measured: &mut Measured) -> Result<(), String> {
    let figures = &mut measured.figures;
    let dir = Path::new(OUT).join("build");
    let ours = dir.join("digitalocean-api");
    generate_standalone(Path::new("spec/openapi.yaml"), &ours, "digitalocean-api")?;
    let account = clean_build(&ours, &["--no-default-features", "--features", "account"])?;
    let all = clean_build(&ours, &[])?;
    figures.push(Figure::new(
        "build: the crate with only `account` / all resources",
        account.as_secs_f64() / all.as_secs_f64(),
        "x",
        Target::None,
        format!(
            "{:.1} s against {:.1} s",
            account.as_secs_f64(),
            all.as_secs_f64()
        ),
    ));
    let (spec, name) = match nexus() {
        Ok(spec) => (spec, "nexus"),
        Err(error) => {
            eprintln!("warning: {error}; comparing builds on the synthetic spec of 500 operations");
            (synthetic_spec(&bench_tool()?, 500)?, "synthetic-500")
        }
    };
    let ours = dir.join(format!("{name}-ours"));
    generate_standalone(&spec, &ours, &format!("{name}-ours"))?;
    let ours = clean_build(&ours, &[])?;
    let theirs = dir.join(format!("{name}-progenitor"));
    let status = Command::new(progenitor()?)
        .args(["progenitor", "-i"])
        .arg(&spec)
        .arg("-o")
        .arg(&theirs)
        .args(["-n", &format!("{name}-progenitor"), "-v", "0.1.0"])
        .stdout(Stdio::null())
        .status()
        .map_err(|error| error.to_string())?;
    if !status.success() {
        return Err(format!("progenitor refuses {}", spec.display()));
    }
    standalone(&theirs)?;
    let theirs = clean_build(&theirs, &[])?;
    figures.push(Figure::new(
        &format!("build: {name}, ours / progenitor's"),
        ours.as_secs_f64() / theirs.as_secs_f64(),
        "x",
        Target::None,
        format!(
            "{:.1} s against {:.1} s",
            ours.as_secs_f64(),
            theirs.as_secs_f64()
        ),
    ));
    Ok(())
}

/// Progenitor's sample spec `nexus.json`: `target/bench/nexus.json`, or fetched from
/// progenitor's repository into `target/bench-tools/`.
fn nexus() -> Result<PathBuf, String> {
    let spec = Path::new(OUT).join("nexus.json");
    if spec.exists() {
        return Ok(spec);
    }
    let checkout = Path::new(TOOLS).join("progenitor");
    if !checkout.exists() {
        let status = Command::new("git")
            .args([
                "clone",
                "--quiet",
                "--depth",
                "1",
                "https://github.com/oxidecomputer/progenitor",
            ])
            .arg(&checkout)
            .status()
            .map_err(|error| format!("cannot run git: {error}"))?;
        if !status.success() {
            return Err(format!(
                "cannot fetch progenitor's repository (put its sample_openapi/nexus.json at {})",
                spec.display()
            ));
        }
    }
    std::fs::copy(checkout.join("sample_openapi/nexus.json"), &spec)
        .map_err(|error| format!("{}: {error}", spec.display()))?;
    Ok(spec)
}

/// Generates the crate of `spec` into `out` with the runtime copied in, as a workspace of its own.
fn generate_standalone(spec: &Path, out: &Path, name: &str) -> Result<(), String> {
    let options = codegen::EmitOptions {
        crate_name: name.to_owned(),
        spec_display: spec.display().to_string(),
        runtime: codegen::Runtime::Vendored,
        ..codegen::EmitOptions::default()
    };
    codegen::regenerate(spec, out, &options).map_err(|error| error.to_string())?;
    standalone(out)
}

/// Makes the crate at `dir` a workspace of its own, since it lives inside this one's `target/`.
fn standalone(dir: &Path) -> Result<(), String> {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|error| format!("{}: {error}", manifest.display()))?;
    if !text.lines().any(|line| line.trim() == "[workspace]") {
        std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .map_err(|error| format!("{}: {error}", manifest.display()))?;
    }
    Ok(())
}

/// The time of building the crate at `dir` alone, its dependencies built: they are built first,
/// then the crate again after touching its root, without incremental compilation.
fn clean_build(dir: &Path, args: &[&str]) -> Result<Duration, String> {
    let target = std::path::absolute(Path::new(OUT).join("build/target"))
        .map_err(|error| error.to_string())?;
    let manifest = dir.join("Cargo.toml");
    let command = || {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command
            .args(["build", "--quiet", "--manifest-path"])
            .arg(&manifest)
            .args(args)
            .env("CARGO_TARGET_DIR", &target)
            .env("CARGO_INCREMENTAL", "0");
        command
    };
    let status = command().status().map_err(|error| error.to_string())?;
    if !status.success() {
        return Err(format!("{} does not build", dir.display()));
    }
    best_of(1, || {
        if let Ok(file) = std::fs::File::options()
            .write(true)
            .open(dir.join("src/lib.rs"))
        {
            let _ = file.set_modified(std::time::SystemTime::now());
        }
        command()
    })
}
