//! The Markdown and SVG files under `docs/` that the measuring commands write: each names, in its
//! first line, the command that wrote it, and in one line the commit it was measured at.

use std::process::Command;
use std::sync::OnceLock;

/// The commit the run started at, which the pages name even if the tree moves during the run.
static STARTED_AT: OnceLock<String> = OnceLock::new();

/// Remembers the commit the run starts at; call it before measuring.
pub fn remember_commit() {
    let _ = STARTED_AT.set(commit());
}

/// Where the measured results go, from the workspace root.
pub const DOCS: &str = "docs";

/// The commit the working tree is at (`git rev-parse --short HEAD`), and whether the tree has
/// changes of its own: what a figure was measured on.
fn commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(xtask::workspace())
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    match git(&["rev-parse", "--short", "HEAD"]) {
        None => "an unknown commit (no git)".to_owned(),
        Some(commit) => match git(&["status", "--porcelain", "--untracked-files=no"]) {
            Some(changes) if !changes.is_empty() => {
                format!("commit `{commit}` with uncommitted changes")
            }
            _ => format!("commit `{commit}`"),
        },
    }
}

/// The command as the user ran it: `cargo xtask bench --only generate`.
pub fn invoked() -> String {
    std::iter::once("cargo xtask".to_owned())
        .chain(std::env::args().skip(1))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first line of a Markdown file written by `command`.
pub fn markdown_header(command: &str) -> String {
    format!("<!-- Written by `{command}`; a new run replaces it. -->\n")
}

/// The line that says where and on what the figures were measured.
pub fn measured_line(command: &str) -> String {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .map_or_else(String::new, |load| {
            format!(", load average {load} at the end")
        });
    format!(
        "Measured at {} by `{command}`, on {cores} cores{load}.\n",
        STARTED_AT.get().cloned().unwrap_or_else(commit)
    )
}

/// Writes `text` to `docs/NAME`, and says so.
pub fn write(name: &str, text: &str) -> Result<(), String> {
    let path = xtask::workspace().join(DOCS).join(name);
    std::fs::write(&path, text)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
