//! The hand-written runtime: a dependency on its crate, or a copy of its sources in the generated
//! crate's `src/runtime/` (see [`Runtime`]).

use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use super::GeneratedFile;

/// The package name of the runtime crate (in `runtime/` of this repository).
pub const RUNTIME_PACKAGE: &str = "openapi-client-runtime";

/// How a generated crate gets the runtime. Its generated code reaches it as `crate::runtime` either
/// way, so the two differ only in `Cargo.toml`, `lib.rs` and `src/runtime/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// A dependency on the runtime crate at `path` (relative to the generated crate's directory,
    /// with `/` separators): one copy of the runtime serves every crate of a workspace.
    Crate { path: String },
    /// A copy of the runtime's sources and dependencies, so that the crate builds on its own.
    Vendored,
}

impl Runtime {
    /// A dependency on the runtime crate of this repository, for a crate generated into `out`, a
    /// directory of the same workspace given relative to its root (`generated`).
    pub fn workspace_crate(out: &Path) -> Runtime {
        let depth = out
            .components()
            .filter(|component| matches!(component, Component::Normal(_)))
            .count();
        Runtime::Crate {
            path: format!("{}{RUNTIME_DIR}", "../".repeat(depth)),
        }
    }
}

/// Where the runtime crate is, relative to the workspace root.
pub const RUNTIME_DIR: &str = "runtime";

/// The runtime's sources, read at compile time so that the generator carries them: where each is
/// written in a generated crate, and its source in `runtime/src/`.
const FILES: &[(&str, &str, &str)] = &[
    (
        "blocking.rs",
        "blocking.rs",
        include_str!("../../../runtime/src/blocking.rs"),
    ),
    (
        "cli.rs",
        "cli.rs",
        include_str!("../../../runtime/src/cli.rs"),
    ),
    (
        "client.rs",
        "client.rs",
        include_str!("../../../runtime/src/client.rs"),
    ),
    (
        "error.rs",
        "error.rs",
        include_str!("../../../runtime/src/error.rs"),
    ),
    (
        "hook.rs",
        "hook.rs",
        include_str!("../../../runtime/src/hook.rs"),
    ),
    (
        "mock.rs",
        "mock.rs",
        include_str!("../../../runtime/src/mock.rs"),
    ),
    (
        "object.rs",
        "object.rs",
        include_str!("../../../runtime/src/object.rs"),
    ),
    (
        "mod.rs",
        "lib.rs",
        include_str!("../../../runtime/src/lib.rs"),
    ),
    (
        "options.rs",
        "options.rs",
        include_str!("../../../runtime/src/options.rs"),
    ),
    (
        "pages.rs",
        "pages.rs",
        include_str!("../../../runtime/src/pages.rs"),
    ),
    (
        "request.rs",
        "request.rs",
        include_str!("../../../runtime/src/request.rs"),
    ),
    (
        "response.rs",
        "response.rs",
        include_str!("../../../runtime/src/response.rs"),
    ),
    (
        "retry.rs",
        "retry.rs",
        include_str!("../../../runtime/src/retry.rs"),
    ),
    (
        "round_trip.rs",
        "round_trip.rs",
        include_str!("../../../runtime/src/round_trip.rs"),
    ),
    (
        "timestamp.rs",
        "timestamp.rs",
        include_str!("../../../runtime/src/timestamp.rs"),
    ),
    (
        "transport.rs",
        "transport.rs",
        include_str!("../../../runtime/src/transport.rs"),
    ),
    (
        "wire.rs",
        "wire.rs",
        include_str!("../../../runtime/src/wire.rs"),
    ),
];

/// The runtime crate's manifest, whose dependencies a vendored copy needs.
const MANIFEST: &str = include_str!("../../../runtime/Cargo.toml");

/// The copied sources of a vendored runtime (none for a dependency on the crate).
pub(crate) fn files(runtime: &Runtime, header: &str) -> Vec<GeneratedFile> {
    if *runtime != Runtime::Vendored {
        return Vec::new();
    }
    FILES
        .iter()
        .map(|(name, source, text)| GeneratedFile {
            path: PathBuf::from(format!("src/runtime/{name}")),
            contents: format!("{header} Copied from runtime/src/{source}.\n{text}"),
        })
        .collect()
}

/// What the templates need to know of the runtime.
#[derive(Debug, Serialize)]
pub(crate) struct RuntimeView {
    vendored: bool,
    package: &'static str,
    /// The name the runtime crate has in Rust code.
    lib: String,
    /// Where the runtime crate is, from the generated crate.
    path: Option<String>,
    /// The lines of the runtime's `[dependencies]`, which a vendored copy needs.
    dependencies: Vec<&'static str>,
    /// The lines of the runtime's `[features]`, comments included, which a vendored copy has
    /// as its own: the copy's `#[cfg(feature = ...)]`s name the crate's features.
    features: Vec<&'static str>,
}

impl RuntimeView {
    pub(crate) fn new(runtime: &Runtime) -> RuntimeView {
        RuntimeView {
            vendored: *runtime == Runtime::Vendored,
            package: RUNTIME_PACKAGE,
            lib: RUNTIME_PACKAGE.replace('-', "_"),
            path: match runtime {
                Runtime::Crate { path } => Some(path.clone()),
                Runtime::Vendored => None,
            },
            dependencies: dependencies(MANIFEST),
            features: features(MANIFEST),
        }
    }
}

/// The lines of a manifest's table `[name]`, up to the next table, without blank lines.
fn table<'a>(manifest: &'a str, name: &str) -> impl Iterator<Item = &'a str> {
    manifest
        .lines()
        .skip_while(move |line| line.trim() != name)
        .skip(1)
        .take_while(|line| !line.trim_start().starts_with('['))
        .filter(|line| !line.trim().is_empty())
}

/// The entries of a manifest's `[dependencies]` table, one per line.
fn dependencies(manifest: &str) -> Vec<&str> {
    table(manifest, "[dependencies]")
        .filter(|line| !line.trim_start().starts_with('#'))
        .collect()
}

/// The lines of a manifest's `[features]` table, with their comments.
fn features(manifest: &str) -> Vec<&str> {
    table(manifest, "[features]").collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_dependencies_are_read_from_its_manifest() {
        let manifest = "[package]\nname = \"x\"\n\n# note\n[dependencies]\na = \"1\"\n# why b\nb = { version = \"2\" }\n\n[dev-dependencies]\nc = \"3\"\n";
        assert_eq!(
            dependencies(manifest),
            ["a = \"1\"", "b = { version = \"2\" }"]
        );
        let real = dependencies(MANIFEST);
        assert!(
            real.iter().any(|line| line.starts_with("reqwest = ")),
            "{real:?}"
        );
    }

    #[test]
    fn the_runtime_features_are_read_with_their_comments() {
        let manifest = "[features]\n# why\nmock = [\"dep:w\"]\n\n[dependencies]\na = \"1\"\n";
        assert_eq!(features(manifest), ["# why", "mock = [\"dep:w\"]"]);
        assert!(
            features(MANIFEST)
                .iter()
                .any(|line| line.starts_with("blocking = "))
        );
    }

    /// A crate that depends on the runtime has each of its features, and turns it on: its
    /// generated code and the runtime's are built with the same ones.
    #[test]
    fn every_runtime_feature_is_a_feature_of_the_crates_that_depend_on_it() {
        let template = include_str!("../../../templates/Cargo.toml.jinja");
        let names = features(MANIFEST)
            .into_iter()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once(" = ").map(|(name, _)| name));
        for name in names {
            let turned_on = format!("{name} = [\"{{{{ runtime.package }}}}/{name}\"");
            assert!(
                template.contains(&turned_on),
                "templates/Cargo.toml.jinja: `{turned_on}`"
            );
        }
    }

    /// A file of the runtime that is not copied would break every vendored crate.
    #[test]
    fn every_source_of_the_runtime_is_copied() {
        fn sources(dir: &Path, prefix: &str, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let name = format!("{prefix}{}", path.file_name().unwrap().to_string_lossy());
                if path.is_dir() {
                    sources(&path, &format!("{name}/"), out);
                } else {
                    out.push(name);
                }
            }
        }
        let mut on_disk = Vec::new();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src");
        sources(&dir, "", &mut on_disk);
        on_disk.sort();
        let mut copied: Vec<String> = FILES
            .iter()
            .map(|(_, source, _)| source.to_string())
            .collect();
        copied.sort();
        assert_eq!(copied, on_disk, "list every file of runtime/src in FILES");
    }

    /// A vendored copy is a module of the generated crate, not a crate: the runtime reaches its
    /// own items through `super::`, and has no attribute only a crate root may carry. Two paths
    /// name the same item either way: `crate::runtime::`, which a macro expands to in the
    /// generated crate that calls it, and `crate::__`, an exported macro, which sits at the root
    /// of whichever crate holds the runtime.
    #[test]
    fn the_runtime_reads_the_same_as_a_module() {
        for (_, source, text) in FILES {
            for (number, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                let code = code
                    .replace("crate::runtime::", "")
                    .replace("crate::__", "");
                for crate_only in [
                    "crate::",
                    "#![feature",
                    "#![doc(",
                    "#![cfg_attr",
                    "#![no_std",
                    "extern crate",
                ] {
                    assert!(
                        !code.contains(crate_only),
                        "runtime/src/{source}:{}: `{crate_only}` would not work in a vendored copy",
                        number + 1
                    );
                }
            }
        }
    }

    #[test]
    fn only_a_vendored_runtime_is_copied() {
        let vendored = files(&Runtime::Vendored, "//");
        assert!(
            vendored
                .iter()
                .any(|f| f.path == Path::new("src/runtime/mod.rs"))
        );
        assert!(
            vendored
                .iter()
                .all(|f| f.contents.starts_with("// Copied from runtime/src/"))
        );
        let crate_dependency = Runtime::Crate {
            path: "../runtime".into(),
        };
        assert!(files(&crate_dependency, "//").is_empty());
    }

    #[test]
    fn a_workspace_crate_finds_the_runtime_from_its_directory() {
        let path = |out: &str| match Runtime::workspace_crate(Path::new(out)) {
            Runtime::Crate { path } => path,
            Runtime::Vendored => unreachable!(),
        };
        assert_eq!(path("generated"), "../runtime");
        assert_eq!(path("tests/generated/petstore"), "../../../runtime");
        assert_eq!(path("./clients/pets/"), "../../runtime");
    }
}
