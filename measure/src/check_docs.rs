//! `cargo xtask check-docs`: the spec against the rendered API reference it was transcribed from.

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::Report;

pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut options = docs_check::Options {
        spec: PathBuf::from("spec/openapi.yaml"),
        docs: std::env::var_os(docs_check::DOCS_VARIABLE)
            .map_or_else(|| PathBuf::from(docs_check::DEFAULT_DOCS), PathBuf::from),
        allowlist: PathBuf::from(docs_check::ALLOWLIST),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = args
            .next()
            .map(xtask::paths::from_command_line)
            .ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--spec" => options.spec = value?,
            "--docs" => options.docs = value?,
            "--allowlist" => options.allowlist = value?,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(match docs_check::check(&options) {
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
    })
}
