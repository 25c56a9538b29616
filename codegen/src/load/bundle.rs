//! Joins a spec spread over several files into one document.
//!
//! A `$ref` to `/components/{kind}/{name}` of any file becomes a component of the bundled document
//! under the same name, so that a schema defined once is one type however many files use it. Any
//! other `$ref` (a path item, a fragment that is not a component) is replaced by a copy of its
//! target, except a schema that contains itself: it cannot be copied into itself, so it becomes a
//! component named after where it is. Afterwards every `$ref` in the document is local and names
//! a component. The bundle remembers where each part came from, so that later stages report file,
//! line and pointer.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{Map, Value};

use super::LoadError;
use super::position::{is_literal, is_name_position, is_schema_position};
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
        copied: 0,
        recursive: Vec::new(),
        keep_siblings: false,
    };
    let mut document = bundler.files[ROOT].value.clone();
    // In OpenAPI 3.1 the siblings of a `$ref` apply; in 3.0 they are ignored.
    bundler.keep_siblings = matches!(
        document.get("openapi"),
        Some(Value::String(version)) if version.starts_with("3.1")
    );
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
    bundler.name_recursive_schemas(&mut document);
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
    /// How many nodes have been copied in place, to stop a spec that multiplies itself.
    copied: usize,
    /// Schemas outside `components` that contain themselves: each becomes a component.
    recursive: Vec<Recursive>,
    /// Whether the siblings of a `$ref` are kept next to it (OpenAPI 3.1).
    keep_siblings: bool,
}

/// A schema outside `components` that contains itself, and so cannot be copied in place.
struct Recursive {
    file: usize,
    tokens: Vec<String>,
    /// Its definition, once its first copy has been walked.
    definition: Option<Value>,
}

/// Deeper than any spec needs; a guard against references that nest without end.
const MAX_DEPTH: usize = 128;

/// More nodes copied in place than any spec needs (the largest real ones copy a few hundred
/// thousand); a guard against references that copy each other twice over (the `$ref` form of the
/// billion laughs), which would exhaust the memory long before they end.
const MAX_COPIED: usize = if cfg!(test) { 100_000 } else { 10_000_000 };

/// The prefix of the `$ref` to a recursive schema until its component has its final name.
const RECURSIVE: &str = "#/components/schemas/\u{0}recursive";

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
                    if !self.keep_siblings || map.len() == 1 {
                        return self.reference(value, &reference, file, path);
                    }
                    return self.reference_with_siblings(value, &reference, file, path);
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
        // What the OpenAPI model takes only in place (a callback, 3.1's path items) is copied.
        if let [components, kind, name] = tokens.as_slice()
            && components == "components"
            && !matches!(kind.as_str(), "callbacks" | "pathItems")
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
        // A schema known to contain itself is referenced by name.
        if let Some(index) = self
            .recursive
            .iter()
            .position(|r| (r.file, &r.tokens) == (target, &tokens))
        {
            *value = reference_to(&recursive_reference(index));
            return Ok(());
        }
        // Anything else is copied in place, unless it is already being copied around this place.
        if let Some(start) = self
            .inlining
            .iter()
            .position(|(f, t)| *f == target && *t == tokens)
        {
            if is_schema_position(path) {
                self.recursive.push(Recursive {
                    file: target,
                    tokens,
                    definition: None,
                });
                *value = reference_to(&recursive_reference(self.recursive.len() - 1));
                return Ok(());
            }
            let mut chain: Vec<String> = self.inlining[start..]
                .iter()
                .map(|(f, t)| format!("{}{}", self.files[*f].display(), join_pointer(t)))
                .collect();
            chain.push(reference.to_owned());
            return Err(LoadError::SelfCopy {
                location: self.locate(path),
                chain,
            });
        }
        self.copied += size(node);
        if self.copied > MAX_COPIED {
            return Err(LoadError::Invalid {
                location: self.locate(path),
                message: format!(
                    "the references copied in place make the document larger than {MAX_COPIED} nodes"
                ),
                hint: "make the repeated parts components and reference them by name",
            });
        }
        let mut node = node.clone();
        let first_origin = self.origins.len();
        self.origins.push(Origin {
            bundled: path.clone(),
            file: target,
            source: tokens.clone(),
        });
        self.inlining.push((target, tokens.clone()));
        let walked = self.walk(&mut node, target, path);
        self.inlining.pop();
        walked?;
        match self
            .recursive
            .iter()
            .position(|r| (r.file, &r.tokens) == (target, &tokens))
        {
            // The copy met itself inside: it is the definition of a component.
            Some(index) => {
                let reference = recursive_reference(index);
                let component = split_pointer(&reference);
                for origin in &mut self.origins[first_origin..] {
                    if origin.bundled.starts_with(path) {
                        origin
                            .bundled
                            .splice(..path.len(), component.iter().cloned());
                    }
                }
                self.recursive[index].definition = Some(node);
                *value = reference_to(&reference);
            }
            None => *value = node,
        }
        Ok(())
    }

    /// A `$ref` with other keywords next to it (OpenAPI 3.1). A schema is then the referenced
    /// schema with those keywords applied: `allOf: [target]` beside them. Anything else (a
    /// Reference Object's `summary` and `description`) is the target with them over its own.
    fn reference_with_siblings(
        &mut self,
        value: &mut Value,
        reference: &str,
        file: usize,
        path: &mut Vec<String>,
    ) -> Result<(), LoadError> {
        let Value::Object(mut siblings) = value.take() else {
            unreachable!("called on an object")
        };
        let mut target = Value::Object(Map::from_iter(siblings.remove_entry("$ref")));
        let schema = is_schema_position(path);
        if schema {
            path.extend(["allOf".to_owned(), "0".to_owned()]);
        }
        let referenced = self.reference(&mut target, reference, file, path);
        if schema {
            path.truncate(path.len() - 2);
        }
        referenced?;
        let mut walked = Value::Object(siblings);
        self.walk(&mut walked, file, path)?;
        let Value::Object(mut siblings) = walked else {
            unreachable!("still an object")
        };
        *value = match target {
            target if schema => {
                siblings.insert("allOf".to_owned(), Value::Array(vec![target]));
                Value::Object(siblings)
            }
            Value::Object(mut target) => {
                target.append(&mut siblings);
                Value::Object(target)
            }
            target => target,
        };
        Ok(())
    }

    /// Gives each recursive schema a component name no other component has: the last token of
    /// its pointer, or the name of its file.
    fn name_recursive_schemas(&mut self, document: &mut Value) {
        if self.recursive.is_empty() {
            return;
        }
        let mut taken: Vec<String> = document
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(Value::as_object)
            .map(|schemas| schemas.keys().cloned().collect())
            .unwrap_or_default();
        let mut names = Vec::new();
        for (index, recursive) in self.recursive.iter_mut().enumerate() {
            let stem = match recursive.tokens.last() {
                Some(token) => token.clone(),
                None => self.files[recursive.file]
                    .path
                    .file_stem()
                    .map(|stem| stem.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "schema".to_owned()),
            };
            let mut name = stem.clone();
            let mut n = 1;
            while taken.contains(&name) {
                n += 1;
                name = format!("{stem}{n}");
            }
            taken.push(name.clone());
            let placeholder = split_pointer(&recursive_reference(index));
            let component = vec!["components".to_owned(), "schemas".to_owned(), name.clone()];
            for origin in &mut self.origins {
                if origin.bundled.starts_with(&placeholder) {
                    origin
                        .bundled
                        .splice(..placeholder.len(), component.iter().cloned());
                }
            }
            // Set when its first copy was walked, which is how it was found.
            let definition = recursive.definition.take().unwrap_or_default();
            insert_component(document, "schemas", &name, definition);
            names.push((recursive_reference(index), join_pointer(&component)));
        }
        rename_references(document, &names);
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

fn reference_to(pointer: &str) -> Value {
    Value::Object(Map::from_iter([(
        "$ref".to_owned(),
        Value::String(pointer.to_owned()),
    )]))
}

fn recursive_reference(index: usize) -> String {
    format!("{RECURSIVE}{index}")
}

/// Points the placeholder references of recursive schemas at their components.
fn rename_references(value: &mut Value, names: &[(String, String)]) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && let Some((_, name)) = names.iter().find(|(from, _)| from == reference)
            {
                *reference = name.clone();
            }
            for child in map.values_mut() {
                rename_references(child, names);
            }
        }
        Value::Array(items) => {
            for child in items {
                rename_references(child, names);
            }
        }
        _ => {}
    }
}

/// The number of nodes of `value`.
fn size(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(size).sum::<usize>(),
        Value::Array(items) => 1 + items.iter().map(size).sum::<usize>(),
        _ => 1,
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
