//! The project's measurements: `check-docs` compares the spec with the API reference, `sweep`
//! measures the generator on the public OpenAPI directory (`sweep-one` is one spec of it, in a
//! process of its own), `bench` runs the benchmarks and holds each figure to its target. Users run
//! them as `cargo xtask check-docs|sweep|bench`; they are a crate of their own so that the first
//! `cargo xtask codegen` does not build them.

mod bench;
mod check_docs;
mod sweep;

use std::process::ExitCode;

use xtask::{enter_workspace, paths, workspace};

const USAGE: &str = "\
usage: cargo xtask check-docs [--spec PATH] [--docs DIR] [--allowlist PATH]
       cargo xtask sweep [--generate-only] [--sample] [--spec TEXT]... [--from FILE] ...
       cargo xtask sweep-one SPEC [OUT CRATE-NAME]
       cargo xtask bench [--quick] [--only PART]";

fn main() -> ExitCode {
    paths::remember_start();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = format!("{USAGE}\n\n{}", sweep::USAGE);
    match args.first().map(String::as_str) {
        Some("check-docs") => match enter_workspace() {
            Err(code) => code,
            Ok(()) => check_docs::run(&args[1..]).unwrap_or_else(|message| {
                eprintln!("error: {message}\n\n{usage}");
                ExitCode::from(2)
            }),
        },
        Some("sweep") => match sweep::Options::parse(&args[1..]) {
            Ok(options) => sweep::run(workspace(), &options),
            Err(message) => {
                eprintln!("error: {message}\n\n{usage}");
                ExitCode::from(2)
            }
        },
        Some("sweep-one") => sweep::run_one(&args[1..]),
        Some("bench") => match bench_options(&args[1..]) {
            Ok(options) => match enter_workspace() {
                Ok(()) => bench::run(&options),
                Err(code) => code,
            },
            Err(message) => {
                eprintln!("error: {message}\n\n{usage}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("{usage}");
            ExitCode::from(2)
        }
    }
}

fn bench_options(args: &[String]) -> Result<bench::Options, String> {
    let mut options = bench::Options::default();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => options.quick = true,
            "--only" => options.only = Some(args.next().cloned().ok_or("--only needs a value")?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}
