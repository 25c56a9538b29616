//! Helpers that `cargo xtask bench` runs as processes of their own: writing a synthetic spec, and
//! work whose wall time or peak memory is measured as a whole process.
//!
//! - `spec OPERATIONS TAGS OUT`: writes a synthetic spec.
//! - `generate SPEC OUT`: generates a crate from SPEC into OUT (emptied first), as
//!   `cargo xtask codegen` does, and prints the peak memory.
//! - `body BYTES OUT`: writes a page of apps of at least BYTES bytes.
//! - `decode typed|value FILE`: decodes FILE as a page of apps, into the generated types or into
//!   a `serde_json::Value`, and prints the peak memory with the body already read as baseline.
//! - `split SPEC OUT`: writes the bundled JSON description SPEC into OUT as files, one per
//!   operation and per distinct schema (`benches::split`).

use std::path::Path;
use std::process::ExitCode;

use benches::memory;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["spec", operations, tags, out] => spec(operations, tags, out),
        ["generate", spec, out] => generate(spec, out),
        ["body", bytes, out] => body(bytes, out),
        ["decode", kind, file] => decode(kind, file),
        ["split", spec, out] => split(spec, out),
        ["compare", first, second] => compare(first, second),
        _ => Err("usage: bench-tool spec OPERATIONS TAGS OUT | generate SPEC OUT | body BYTES OUT | decode typed|value FILE | split SPEC OUT".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn spec(operations: &str, tags: &str, out: &str) -> Result<(), String> {
    let operations = operations.parse().map_err(|_| "OPERATIONS is a number")?;
    let tags = tags.parse().map_err(|_| "TAGS is a number")?;
    let spec = benches::synthetic::spec(operations, tags);
    let text = serde_json::to_vec_pretty(&spec).map_err(|error| error.to_string())?;
    std::fs::write(out, text).map_err(|error| format!("{out}: {error}"))
}

fn generate(spec: &str, out: &str) -> Result<(), String> {
    let out = Path::new(out);
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|error| format!("{}: {error}", out.display()))?;
    }
    let baseline = memory::peak()?;
    let options = codegen::EmitOptions {
        crate_name: "synthetic-api".into(),
        spec_display: spec.into(),
        ..codegen::EmitOptions::default()
    };
    codegen::regenerate(Path::new(spec), out, &options).map_err(|error| error.to_string())?;
    println!("baseline_bytes {baseline}");
    println!("peak_bytes {}", memory::peak()?);
    Ok(())
}

fn split(spec: &str, out: &str) -> Result<(), String> {
    let text = std::fs::read(spec).map_err(|error| format!("{spec}: {error}"))?;
    let bundled = serde_json::from_slice(&text).map_err(|error| format!("{spec}: {error}"))?;
    let out = Path::new(out);
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|error| format!("{}: {error}", out.display()))?;
    }
    let split = benches::split::split(&bundled, out)?;
    println!("root {}", split.root.display());
    println!("schema_files {}", split.schema_files);
    println!("operation_files {}", split.operation_files);
    Ok(())
}

fn compare(first: &str, second: &str) -> Result<(), String> {
    let model = |spec: &str| {
        codegen::model_from(&codegen::load::Disk, Path::new(spec))
            .map(|lowered| lowered.api)
            .map_err(|error| format!("{spec}: {error}"))
    };
    let (first, second) = (model(first)?, model(second)?);
    let comparison = benches::split::compare(&first, &second);
    println!("types {} {}", first.types.len(), second.types.len());
    println!("matched {}", comparison.matched);
    println!("only_first {}", comparison.only_first.join(" "));
    println!("only_second {}", comparison.only_second.join(" "));
    Ok(())
}

fn body(bytes: &str, out: &str) -> Result<(), String> {
    let bytes: usize = bytes.parse().map_err(|_| "BYTES is a number")?;
    let app = benches::bodies::app()["app"].to_string().len();
    let body = benches::bodies::apps(bytes.div_ceil(app));
    let text = serde_json::to_vec(&body).map_err(|error| error.to_string())?;
    std::fs::write(out, text).map_err(|error| format!("{out}: {error}"))
}

fn decode(kind: &str, file: &str) -> Result<(), String> {
    let body = std::fs::read(file).map_err(|error| format!("{file}: {error}"))?;
    let baseline = memory::peak()?;
    match kind {
        "typed" => {
            let page: digitalocean_api::models::AppsListResponse =
                serde_json::from_slice(&body).map_err(|error| error.to_string())?;
            std::hint::black_box(&page);
        }
        "value" => {
            let page: serde_json::Value =
                serde_json::from_slice(&body).map_err(|error| error.to_string())?;
            std::hint::black_box(&page);
        }
        other => return Err(format!("`{other}` is neither typed nor value")),
    }
    println!("baseline_bytes {baseline}");
    println!("peak_bytes {}", memory::peak()?);
    Ok(())
}
