//! The spec's files as text and as JSON values, and the way back from a JSON pointer to a line.

use std::io;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::{LoadError, json, yaml};
use crate::location::{Location, split_pointer};

/// Where the loader reads files from: the disk, or memory for tests and fuzzing.
pub trait Files {
    fn read(&self, path: &Path) -> io::Result<String>;

    /// The files directly in `dir`, sorted; none when it does not exist (or when the source
    /// cannot list directories: it reads the spec's files only).
    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let _ = dir;
        Ok(Vec::new())
    }
}

/// Reads from the file system.
pub struct Disk;

impl Files for Disk {
    fn read(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(error),
        };
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry?;
            if entry.file_type()?.is_file() {
                files.push(dir.join(entry.file_name()));
            }
        }
        files.sort();
        Ok(files)
    }
}

/// A fixed set of files held in memory.
pub struct InMemory(pub Vec<(PathBuf, String)>);

impl Files for InMemory {
    fn read(&self, path: &Path) -> io::Result<String> {
        self.0
            .iter()
            .find(|(name, _)| name == path)
            .map(|(_, text)| text.clone())
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let mut files: Vec<PathBuf> = self
            .0
            .iter()
            .filter(|(name, _)| name.parent() == Some(dir))
            .map(|(name, _)| name.clone())
            .collect();
        files.sort();
        Ok(files)
    }
}

/// One file of the spec.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the loader reached it, lexically normalized; also its display name.
    pub path: PathBuf,
    pub text: String,
    pub value: Value,
    pub format: Format,
}

/// The language a file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
}

impl SourceFile {
    /// Parses `text` as JSON when it is JSON (by its extension, or by its first character when
    /// YAML cannot read it either), as YAML otherwise.
    pub fn parse(path: PathBuf, text: String) -> Result<SourceFile, LoadError> {
        let json_named = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json_named || json::starts_like_json(&text) {
            let as_json = json::parse(&text);
            match as_json {
                Ok(value) => return Ok(SourceFile::new(path, text, value, Format::Json)),
                Err(error) if json_named => {
                    return Err(LoadError::Syntax {
                        location: Location {
                            file: display(&path),
                            line: Some(error.line()),
                            column: Some(error.column()),
                            pointer: "#".into(),
                        },
                        format: Format::Json,
                        message: strip_location(&error.to_string()),
                    });
                }
                // A YAML flow mapping also starts with `{`.
                Err(_) => {}
            }
        }
        let value = yaml::parse(&text).map_err(|error| {
            let location = error.location();
            LoadError::Syntax {
                location: Location {
                    file: display(&path),
                    line: location.as_ref().map(|l| l.line()),
                    column: location.as_ref().map(|l| l.column()),
                    pointer: "#".into(),
                },
                format: Format::Yaml,
                message: strip_location(&error.to_string()),
            }
        })?;
        Ok(SourceFile::new(path, text, value, Format::Yaml))
    }

    fn new(path: PathBuf, text: String, value: Value, format: Format) -> SourceFile {
        SourceFile {
            path,
            text,
            value,
            format,
        }
    }

    pub fn display(&self) -> String {
        display(&self.path)
    }

    /// The location of the node at `pointer`, with its line when it can be found in the text.
    pub fn locate(&self, pointer: &str) -> Location {
        let tokens = split_pointer(pointer);
        let found = match self.format {
            Format::Json => json::find(&self.text, &tokens),
            Format::Yaml => yaml::find(&self.text, &tokens),
        };
        let (line, column) = found.unzip();
        Location {
            file: self.display(),
            line,
            column,
            pointer: pointer.to_owned(),
        }
    }
}

pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The parsers append " at line L column C" to their messages; the location says it already.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Joins `reference` onto the directory of `from` and removes `.` and `..` lexically, so that the
/// same file reached two ways has one name.
pub fn resolve_path(from: &Path, reference: &str) -> PathBuf {
    let base = from.parent().unwrap_or(Path::new(""));
    normalize(&base.join(reference))
}

pub fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    out.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_lexically() {
        assert_eq!(
            resolve_path(Path::new("spec/apps/app.yaml"), "../shared.yaml"),
            PathBuf::from("spec/shared.yaml")
        );
        assert_eq!(
            resolve_path(Path::new("spec/openapi.yaml"), "./apps/./app.yaml"),
            PathBuf::from("spec/apps/app.yaml")
        );
        assert_eq!(
            resolve_path(Path::new("a.yaml"), "../b.yaml"),
            PathBuf::from("../b.yaml")
        );
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let error = SourceFile::parse("bad.yaml".into(), "a: [1,\nb: }".into()).unwrap_err();
        let LoadError::Syntax {
            location,
            format: Format::Yaml,
            message,
        } = error
        else {
            panic!("expected a YAML syntax error");
        };
        assert_eq!(location.file, "bad.yaml");
        assert_eq!(location.line, Some(2));
        assert!(!message.contains("at line"), "{message}");
    }

    #[test]
    fn json_is_read_as_json_and_its_errors_say_so() {
        let text = "{\n  \"a\": [1,\n  2,,\n]}";
        let error = SourceFile::parse("bad.json".into(), text.into()).unwrap_err();
        let LoadError::Syntax {
            location,
            format: Format::Json,
            message,
        } = &error
        else {
            panic!("expected a JSON syntax error: {error}");
        };
        assert_eq!((location.line, location.column), (Some(3), Some(5)));
        assert!(!message.contains("at line"), "{message}");
        assert!(error.to_string().contains("invalid JSON"), "{error}");

        let file = SourceFile::parse("a.json".into(), "{\"a\": {\"b\": 1}}".into()).unwrap();
        assert_eq!(file.format, Format::Json);
        assert_eq!(file.locate("#/a/b").column, Some(13));
    }

    #[test]
    fn a_flow_mapping_that_is_not_json_is_yaml() {
        let file = SourceFile::parse("a.yaml".into(), "{a: 1, b: [x]}".into()).unwrap();
        assert_eq!(file.format, Format::Yaml);
        assert_eq!(file.value["b"][0], "x");
        let file = SourceFile::parse("noext".into(), "{\"a\": 1}".into()).unwrap();
        assert_eq!(file.format, Format::Json);
    }
}
