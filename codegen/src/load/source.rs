//! The spec's files as text and as JSON values, and the way back from a JSON pointer to a line.

use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::LoadError;
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
}

impl SourceFile {
    pub fn parse(path: PathBuf, text: String) -> Result<SourceFile, LoadError> {
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|error| {
            let location = error.location();
            LoadError::Syntax {
                location: Location {
                    file: display(&path),
                    line: location.as_ref().map(|l| l.line()),
                    column: location.as_ref().map(|l| l.column()),
                    pointer: "#".into(),
                },
                message: strip_location(&error.to_string()),
            }
        })?;
        let value = yaml_to_json(&path, yaml)?;
        Ok(SourceFile { path, text, value })
    }

    pub fn display(&self) -> String {
        display(&self.path)
    }

    /// The location of the node at `pointer`, with its line when the YAML parser can find it.
    pub fn locate(&self, pointer: &str) -> Location {
        let (line, column) = find_line(&self.text, &split_pointer(pointer)).unzip();
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

/// serde_yaml appends " at line L column C" to its messages; the location says it already.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Converts YAML to JSON (an integer key such as `200:` becomes the string OpenAPI means), refusing
/// what JSON cannot hold, so that everything after the loader works on one data model.
fn yaml_to_json(path: &Path, yaml: serde_yaml::Value) -> Result<Value, LoadError> {
    serde_json::to_value(&yaml).map_err(|error| LoadError::Syntax {
        location: Location {
            file: display(path),
            line: None,
            column: None,
            pointer: "#".into(),
        },
        message: format!("the document cannot be read as JSON data: {error}"),
    })
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

/// Finds the line and column of the node at `tokens` by walking the YAML once more and stopping
/// there with an error: serde_yaml attaches the position of the current node to errors raised
/// while deserializing it.
fn find_line(text: &str, tokens: &[String]) -> Option<(usize, usize)> {
    const FOUND: &str = "\u{0}found";
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let error = match (Seek { tokens }).deserialize(deserializer) {
        Ok(()) => return None,
        Err(error) => error,
    };
    if !error.to_string().contains(FOUND) {
        return None;
    }
    let location = error.location()?;
    return Some((location.line(), location.column()));

    struct Seek<'a> {
        tokens: &'a [String],
    }

    impl<'de> DeserializeSeed<'de> for Seek<'_> {
        type Value = ();

        fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            if self.tokens.is_empty() {
                // Make serde_yaml visit the node so that the error carries its position.
                return deserializer.deserialize_any(Found);
            }
            deserializer.deserialize_any(self)
        }
    }

    struct Found;

    impl<'de> Visitor<'de> for Found {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any node")
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_some<D: de::Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
            Err(de::Error::custom(FOUND))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
            Err(de::Error::custom(FOUND))
        }
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
            Err(de::Error::custom(FOUND))
        }
    }

    impl<'de> Visitor<'de> for Seek<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a mapping or a sequence")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<KeyText>()? {
                if key.0 == self.tokens[0] {
                    return map.next_value_seed(Seek {
                        tokens: &self.tokens[1..],
                    });
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let Ok(wanted) = self.tokens[0].parse::<usize>() else {
                return Ok(());
            };
            let mut index = 0;
            loop {
                if index == wanted {
                    return seq
                        .next_element_seed(Seek {
                            tokens: &self.tokens[1..],
                        })
                        .map(|_| ());
                }
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(());
                }
                index += 1;
            }
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            Ok(())
        }
    }

    /// A mapping key as text, whatever scalar it is.
    struct KeyText(String);

    impl<'de> de::Deserialize<'de> for KeyText {
        fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Text;
            impl Visitor<'_> for Text {
                type Value = KeyText;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a scalar key")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                    Ok(KeyText(v.to_owned()))
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                    Ok(KeyText(v.to_string()))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                    Ok(KeyText(v.to_string()))
                }
                fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                    Ok(KeyText(v.to_string()))
                }
                fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                    Ok(KeyText(v.to_string()))
                }
                fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                    Ok(KeyText("null".into()))
                }
            }
            deserializer.deserialize_any(Text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
openapi: 3.0.3
paths:
  /a:
    get:
      responses:
        200:
          description: ok
components:
  schemas:
    list:
      - first
      - second: {deep: true}
";

    #[test]
    fn finds_the_line_of_a_pointer() {
        let tokens = |p: &str| split_pointer(p);
        assert_eq!(find_line(TEXT, &tokens("#/openapi")), Some((1, 10)));
        assert_eq!(find_line(TEXT, &tokens("#/paths/~1a/get")), Some((5, 7)));
        assert_eq!(
            find_line(TEXT, &tokens("#/paths/~1a/get/responses/200/description")),
            Some((7, 24))
        );
        assert_eq!(
            find_line(TEXT, &tokens("#/components/schemas/list/1/second/deep")),
            Some((12, 24))
        );
    }

    #[test]
    fn a_missing_pointer_has_no_line() {
        assert_eq!(find_line(TEXT, &split_pointer("#/nope")), None);
        assert_eq!(
            find_line(TEXT, &split_pointer("#/components/schemas/list/7")),
            None
        );
        assert_eq!(find_line("a: 1", &split_pointer("#/a/b")), None);
    }

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
        let LoadError::Syntax { location, message } = error else {
            panic!("expected a syntax error");
        };
        assert_eq!(location.file, "bad.yaml");
        assert_eq!(location.line, Some(2));
        assert!(!message.contains("at line"), "{message}");
    }
}
