//! Joins a spec spread over several files into one document.
//!
//! A `$ref` to `/components/{kind}/{name}` of any file becomes a component of the bundled document
//! under the same name, so that a schema defined once is one type however many files use it. Any
//! other `$ref` (a path item, a fragment that is not a component) is replaced by a copy of its
//! target. Afterwards every `$ref` in the document is local and names a component. The bundle
//! remembers where each part came from, so that later stages report file, line and pointer.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{Map, Value};

use super::LoadError;
use super::source::{Files, SourceFile, resolve_path};
use crate::location::{Location, join_pointer, split_pointer};

/// The joined document and the way back to the files.
#[derive(Debug)]
pub struct Bundle {
    pub document: Value,
    files: Vec<SourceFile>,
    /// Which part of which file each subtree of the document was copied from.
    origins: Vec<Origin>,
}

#[derive(Debug)]
struct Origin {
    bundled: Vec<String>,
    file: usize,
    source: Vec<String>,
}

impl Bundle {
    /// Where the node at `pointer` of the bundled document was written.
    pub fn locate(&self, pointer: &str) -> Location {
        locate(&self.files, &self.origins, &split_pointer(pointer))
    }

    /// The files the spec was read from, the root first.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        self.files.iter()
    }
}

/// Maps a pointer of the bundle to the file and pointer it was copied from: the origin with the
/// longest prefix of it wins, and the rest of the pointer carries over.
fn locate(files: &[SourceFile], origins: &[Origin], bundled: &[String]) -> Location {
    let root = Origin {
        bundled: Vec::new(),
        file: ROOT,
        source: Vec::new(),
    };
    let origin = origins
        .iter()
        .filter(|origin| bundled.starts_with(&origin.bundled))
        .max_by_key(|origin| origin.bundled.len())
        .unwrap_or(&root);
    let mut source = origin.source.clone();
    source.extend_from_slice(&bundled[origin.bundled.len()..]);
    files[origin.file].locate(&join_pointer(&source))
}

const ROOT: usize = 0;

pub fn bundle(files: &dyn Files, root: PathBuf) -> Result<Bundle, LoadError> {
    let text = files.read(&root).map_err(|source| LoadError::Read {
        file: super::source::display(&root),
        referenced_from: None,
        source,
    })?;
    let root_file = SourceFile::parse(root, text)?;
    let mut bundler = Bundler {
        reader: files,
        files: vec![root_file],
        origins: Vec::new(),
        components: BTreeMap::new(),
        hoisted: Vec::new(),
        inlining: Vec::new(),
        inlined: 0,
    };
    let mut document = bundler.files[ROOT].value.clone();
    if let Some(Value::Object(kinds)) = document.get("components") {
        for (kind, entries) in kinds {
            if let Value::Object(entries) = entries {
                for name in entries.keys() {
                    let source = vec!["components".to_owned(), kind.clone(), name.clone()];
                    bundler
                        .components
                        .insert((kind.clone(), name.clone()), (ROOT, source));
                }
            }
        }
    }
    bundler.walk(&mut document, ROOT, &mut Vec::new())?;
    // Hoisted components may hoist more while they are walked.
    while let Some((kind, name, file, mut node)) = bundler.hoisted.pop() {
        let mut path = vec!["components".to_owned(), kind.clone(), name.clone()];
        bundler.walk(&mut node, file, &mut path)?;
        insert_component(&mut document, &kind, &name, node);
    }
    let bundle = Bundle {
        document,
        files: bundler.files,
        origins: bundler.origins,
    };
    check_alias_cycles(&bundle)?;
    Ok(bundle)
}

struct Bundler<'a> {
    reader: &'a dyn Files,
    files: Vec<SourceFile>,
    origins: Vec<Origin>,
    /// Every component of the bundled document and the file and pointer it came from.
    components: BTreeMap<(String, String), (usize, Vec<String>)>,
    /// Components copied from other files that still have to be walked.
    hoisted: Vec<(String, String, usize, Value)>,
    /// The inlined references being expanded, to catch a reference that contains itself.
    inlining: Vec<(usize, Vec<String>)>,
    /// How many references have been copied in place, to stop a spec that multiplies itself.
    inlined: usize,
}

/// Deeper than any spec needs; a guard against references that nest without end.
const MAX_DEPTH: usize = 128;

/// More copies than any spec needs; a guard against references that copy each other twice over
/// (the `$ref` form of the billion laughs).
const MAX_INLINED: usize = 20_000;

impl Bundler<'_> {
    fn locate(&self, bundled: &[String]) -> Location {
        locate(&self.files, &self.origins, bundled)
    }

    /// Rewrites the references of `value` (read from `file`, placed at `path` in the bundle).
    fn walk(
        &mut self,
        value: &mut Value,
        file: usize,
        path: &mut Vec<String>,
    ) -> Result<(), LoadError> {
        if path.len() > MAX_DEPTH {
            return Err(LoadError::Invalid {
                location: self.locate(path),
                message: format!("the document nests more than {MAX_DEPTH} levels deep here"),
                hint: "check for references that copy a part of the spec into itself",
            });
        }
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref")
                    && !is_name_position(path)
                {
                    let reference = reference.clone();
                    return self.reference(value, &reference, file, path);
                }
                for (key, child) in map.iter_mut() {
                    if is_literal(path, key) {
                        continue;
                    }
                    path.push(key.clone());
                    self.walk(child, file, path)?;
                    path.pop();
                }
                Ok(())
            }
            Value::Array(items) => {
                for (index, child) in items.iter_mut().enumerate() {
                    path.push(index.to_string());
                    self.walk(child, file, path)?;
                    path.pop();
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn reference(
        &mut self,
        value: &mut Value,
        reference: &str,
        file: usize,
        path: &mut Vec<String>,
    ) -> Result<(), LoadError> {
        let error = |this: &Self, reason: String| LoadError::Reference {
            location: this.locate(path),
            reference: reference.to_owned(),
            reason,
        };
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if file_part.contains("://") {
            return Err(error(
                self,
                "points at a remote document, which is not fetched; copy it next to the spec"
                    .into(),
            ));
        }
        let target = if file_part.is_empty() {
            file
        } else {
            self.open(file_part, file, path)?
        };
        let tokens = split_pointer(fragment);
        let Some(node) = get(&self.files[target].value, &tokens) else {
            let place = if file_part.is_empty() {
                "this file".to_owned()
            } else {
                self.files[target].display()
            };
            return Err(error(
                self,
                format!("points at nothing: {place} has no `#{fragment}`"),
            ));
        };
        if let [components, kind, name] = tokens.as_slice()
            && components == "components"
        {
            let key = (kind.clone(), name.clone());
            match self.components.get(&key) {
                Some((other_file, other)) if (*other_file, other) != (target, &tokens) => {
                    return Err(LoadError::Conflict {
                        location: self.files[target].locate(&join_pointer(&tokens)),
                        name: name.clone(),
                        other: self.files[*other_file].locate(&join_pointer(other)),
                    });
                }
                Some(_) => {}
                None => {
                    let node = node.clone();
                    self.components.insert(key, (target, tokens.clone()));
                    self.origins.push(Origin {
                        bundled: tokens.clone(),
                        file: target,
                        source: tokens.clone(),
                    });
                    self.hoisted
                        .push((kind.clone(), name.clone(), target, node));
                }
            }
            *value = Value::String(join_pointer(&tokens));
            *value = Value::Object(Map::from_iter([("$ref".to_owned(), value.take())]));
            return Ok(());
        }
        // Anything else is copied in place.
        if self
            .inlining
            .iter()
            .any(|(f, t)| *f == target && *t == tokens)
        {
            let mut chain: Vec<String> = self
                .inlining
                .iter()
                .map(|(f, t)| format!("{}{}", self.files[*f].display(), join_pointer(t)))
                .collect();
            chain.push(reference.to_owned());
            return Err(LoadError::Cycle {
                location: self.locate(path),
                chain,
            });
        }
        self.inlined += 1;
        if self.inlined > MAX_INLINED {
            return Err(LoadError::Invalid {
                location: self.locate(path),
                message: format!("more than {MAX_INLINED} references are copied in place"),
                hint: "make the repeated parts components and reference them by name",
            });
        }
        let mut node = node.clone();
        self.origins.push(Origin {
            bundled: path.clone(),
            file: target,
            source: tokens.clone(),
        });
        self.inlining.push((target, tokens));
        let walked = self.walk(&mut node, target, path);
        self.inlining.pop();
        walked?;
        *value = node;
        Ok(())
    }

    /// Reads (once) the file that `reference` names relative to `from`.
    fn open(&mut self, reference: &str, from: usize, path: &[String]) -> Result<usize, LoadError> {
        let target = resolve_path(&self.files[from].path, reference);
        if let Some(index) = self.files.iter().position(|file| file.path == target) {
            return Ok(index);
        }
        let text = self
            .reader
            .read(&target)
            .map_err(|source| LoadError::Read {
                file: super::source::display(&target),
                referenced_from: Some(self.locate(path)),
                source,
            })?;
        self.files.push(SourceFile::parse(target, text)?);
        Ok(self.files.len() - 1)
    }
}

/// Maps whose keys are names chosen by the spec's author, so that a property may be called
/// `$ref` or `example`, and a response `default`.
const NAMED_MAPS: &[&str] = &[
    "callbacks",
    "content",
    "encoding",
    "examples",
    "headers",
    "links",
    "mapping",
    "parameters",
    "paths",
    "properties",
    "requestBodies",
    "responses",
    "schemas",
    "securitySchemes",
    "variables",
];

/// Whether the node at `path` is such a map. Its key alone does not tell: a property may be
/// called `links` or `properties`, so the key must not itself be a name in such a map.
fn is_name_position(path: &[String]) -> bool {
    match path.split_last() {
        Some((key, parent)) => NAMED_MAPS.contains(&key.as_str()) && !is_name_position(parent),
        None => false,
    }
}

/// Values that are data, not spec: examples, defaults, enums and extensions.
fn is_literal(path: &[String], key: &str) -> bool {
    if is_name_position(path) {
        return false;
    }
    if key.starts_with("x-") || matches!(key, "example" | "default" | "enum") {
        return true;
    }
    // The `value` of an Example Object (`examples: {name: {value: ...}}`).
    key == "value"
        && path.len() >= 2
        && is_name_position(&path[..path.len() - 1])
        && path[path.len() - 2] == "examples"
}

pub(crate) fn get<'v>(value: &'v Value, tokens: &[String]) -> Option<&'v Value> {
    tokens.iter().try_fold(value, |node, token| match node {
        Value::Object(map) => map.get(token),
        Value::Array(items) => items.get(token.parse::<usize>().ok()?),
        _ => None,
    })
}

fn insert_component(document: &mut Value, kind: &str, name: &str, node: Value) {
    if !document.is_object() {
        return;
    }
    let components = document.as_object_mut().and_then(|root| {
        root.entry("components")
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
    });
    if let Some(components) = components
        && let Some(entries) = components
            .entry(kind)
            .or_insert_with(|| Value::Object(Map::new()))
            .as_object_mut()
    {
        entries.insert(name.to_owned(), node);
    }
}

/// A component that is only a `$ref` to another that is only a `$ref` back never reaches a
/// definition.
fn check_alias_cycles(bundle: &Bundle) -> Result<(), LoadError> {
    let Some(Value::Object(kinds)) = bundle.document.get("components") else {
        return Ok(());
    };
    for (kind, entries) in kinds {
        let Value::Object(entries) = entries else {
            continue;
        };
        for name in entries.keys() {
            let start = join_pointer(&["components", kind, name]);
            let mut chain = vec![start.clone()];
            let mut current = start.clone();
            while let Some(Value::String(next)) =
                get(&bundle.document, &split_pointer(&current)).and_then(|node| node.get("$ref"))
            {
                if chain.contains(next) {
                    chain.push(next.clone());
                    return Err(LoadError::Cycle {
                        location: bundle.locate(&start),
                        chain,
                    });
                }
                chain.push(next.clone());
                current = next.clone();
            }
        }
    }
    Ok(())
}
