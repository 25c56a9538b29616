//! The example programs a spec brings: hand-written Rust programs in `examples/` beside its root
//! file, which go into the generated crate's `examples/` as they are. They belong to that spec
//! alone, so a crate generated for another spec gets only its own.

use std::path::{Path, PathBuf};

use super::{Files, LoadError, normalize, source_display};

/// The directory, beside the spec's root file, of the example programs it brings.
pub const EXAMPLES_DIR: &str = "examples";

/// One hand-written example program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleProgram {
    /// The file's stem: the name `cargo run --example` takes.
    pub name: String,
    pub source: String,
}

/// The example programs beside the spec whose root file is `root`, sorted by name.
pub fn example_programs(files: &dyn Files, root: &Path) -> Result<Vec<ExampleProgram>, LoadError> {
    let dir = normalize(&root.parent().unwrap_or(Path::new("")).join(EXAMPLES_DIR));
    let read_error = |file: &Path, source| LoadError::Read {
        file: source_display(file),
        referenced_from: None,
        source,
    };
    let listed: Vec<PathBuf> = files.list(&dir).map_err(|error| read_error(&dir, error))?;
    let mut examples = Vec::new();
    for path in listed {
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let name = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = files
            .read(&path)
            .map_err(|error| read_error(&path, error))?;
        examples.push(ExampleProgram { name, source });
    }
    Ok(examples)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::InMemory;

    #[test]
    fn the_rust_files_beside_the_spec_are_its_examples() {
        let files = InMemory(vec![
            (PathBuf::from("api/openapi.yaml"), String::new()),
            (PathBuf::from("api/examples/b.rs"), "fn main() {}".into()),
            (PathBuf::from("api/examples/a.rs"), "//! A.".into()),
            (PathBuf::from("api/examples/notes.md"), String::new()),
            (PathBuf::from("api/examples/deeper/c.rs"), String::new()),
            (PathBuf::from("other/examples/d.rs"), String::new()),
        ]);
        let examples = example_programs(&files, Path::new("api/openapi.yaml")).unwrap();
        let names: Vec<&str> = examples.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(examples[0].source, "//! A.");
    }

    #[test]
    fn a_spec_without_examples_brings_none() {
        let files = InMemory(vec![(PathBuf::from("openapi.yaml"), String::new())]);
        assert!(
            example_programs(&files, Path::new("openapi.yaml"))
                .unwrap()
                .is_empty()
        );
    }
}
