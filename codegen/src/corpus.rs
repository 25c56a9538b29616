//! The test corpus: specs under `tests/specs/` (YAML or JSON), each generated into
//! `tests/generated/<name>/`.
//! `cargo xtask corpus` regenerates it; the tests check that it is up to date.

use std::io;
use std::path::{Path, PathBuf};

/// Where the corpus specs are, relative to the workspace.
pub const SPECS: &str = "tests/specs";

/// Where their crates go, relative to the workspace.
pub const OUT: &str = "tests/generated";

/// One spec of the corpus and the crate it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusSpec {
    pub path: PathBuf,
    pub out: PathBuf,
    pub crate_name: String,
}

impl CorpusSpec {
    /// How the crate of this spec is emitted (`cargo xtask corpus` regenerates it).
    pub fn options(&self) -> crate::EmitOptions {
        crate::EmitOptions {
            crate_name: self.crate_name.clone(),
            spec_display: crate::load::source_display(&self.path),
            command: "cargo xtask corpus".to_owned(),
            runtime: crate::Runtime::workspace_crate(&self.out),
            cli_name: None,
            ..crate::EmitOptions::default()
        }
    }
}

/// The specs of the corpus of the workspace at `workspace`, sorted, with paths relative to it.
pub fn specs(workspace: &Path) -> io::Result<Vec<CorpusSpec>> {
    let mut specs = Vec::new();
    for entry in std::fs::read_dir(workspace.join(SPECS))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let Some(stem) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".json"))
        else {
            continue;
        };
        specs.push(CorpusSpec {
            path: Path::new(SPECS).join(&name),
            out: Path::new(OUT).join(stem),
            crate_name: format!("{}-api", stem.replace('_', "-")),
        });
    }
    specs.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(specs)
}
