//! Joins a spec spread over several files into one document.
//!
//! A `$ref` to `/components/{kind}/{name}` of any file becomes a component of the bundled document
//! under the same name, so that a schema defined once is one type however many files use it. A
//! `$ref` in the place of a schema to anything else (a file of its own, `models/app.yml`, or a
//! fragment of one) becomes a schema component too, the way bundlers hoist such files into
//! `components/schemas`; the bundle remembers which, with the name its file gives it. Any other
//! `$ref` (a path item, a response, a parameter, a map of properties) is replaced by a copy of its
//! target. Afterwards every `$ref` in the document is local and names a component. The bundle
//! remembers where each part came from, so that later stages report file, line and pointer.

use std::collections::{BTreeMap, BTreeSet};
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
    /// The schema components made of schemas referenced from outside `components`, by name.
    hoisted: BTreeMap<String, HoistedSchema>,
}

/// A schema component that the spec wrote outside `components`: in a file of its own or at a
/// pointer of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoistedSchema {
    /// The file it was written in, as [`SourceFile::display`] shows it.
    pub file: String,
    /// What its place calls it: the file's name (`app` for `models/app.yml`), or the name its
    /// fragment ends in (`droplet_id` for `attributes.yml#/droplet_id`); `None` when the place
    /// is not a name (`#/paths/~1tree/get/.../schema`).
    pub name: Option<String>,
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

    /// The schema component `name`, when the spec wrote it outside `components`.
    pub fn hoisted_schema(&self, name: &str) -> Option<&HoistedSchema> {
        self.hoisted.get(name)
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
        pending: Vec::new(),
        inlining: Vec::new(),
        copied: 0,
        schemas: Vec::new(),
        schema_index: BTreeMap::new(),
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
    while let Some((kind, name, file, mut node)) = bundler.pending.pop() {
        let mut path = vec!["components".to_owned(), kind.clone(), name.clone()];
        bundler.walk(&mut node, file, &mut path)?;
        insert_component(&mut document, &kind, &name, node);
    }
    let hoisted = bundler.name_hoisted_schemas(&mut document);
    let bundle = Bundle {
        document,
        files: bundler.files,
        origins: bundler.origins,
        hoisted,
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
    /// Components copied from other files (and schemas hoisted) that still have to be walked.
    pending: Vec<(String, String, usize, Value)>,
    /// The inlined references being expanded, to catch a reference that contains itself.
    inlining: Vec<(usize, Vec<String>)>,
    /// How many nodes have been copied in place, to stop a spec that multiplies itself.
    copied: usize,
    /// Schemas referenced from outside `components`, in the order they were met: each becomes a
    /// component, named once all are known.
    schemas: Vec<SchemaTarget>,
    /// The index in `schemas` of each file and pointer.
    schema_index: BTreeMap<(usize, Vec<String>), usize>,
    /// Whether the siblings of a `$ref` are kept next to it (OpenAPI 3.1).
    keep_siblings: bool,
}

/// A schema referenced from outside `components`: the file and pointer it is written at.
struct SchemaTarget {
    file: usize,
    tokens: Vec<String>,
}

/// Deeper than any spec needs; a guard against references that nest without end.
const MAX_DEPTH: usize = 128;

/// More nodes copied in place than any spec needs (the largest real ones copy a few hundred
/// thousand); a guard against references that copy each other twice over (the `$ref` form of the
/// billion laughs), which would exhaust the memory long before they end.
const MAX_COPIED: usize = if cfg!(test) { 100_000 } else { 10_000_000 };

/// The name of a hoisted schema's component until it has its final name: a component name no
/// spec can write.
const PLACEHOLDER: &str = "\u{0}hoisted";

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
                if path.last().is_some_and(|key| key == "mapping") && is_name_position(path) {
                    return self.mapping(map, file, path);
                }
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    if is_name_position(path) {
                        return self.map_reference(value, &reference, file, path);
                    }
                    if !self.keep_siblings || map.len() == 1 {
                        return self.reference(value, &reference, file, path);
                    }
                    return self.reference_with_siblings(value, &reference, file, path);
                }
                self.walk_entries(map, file, path)
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

    fn walk_entries(
        &mut self,
        map: &mut Map<String, Value>,
        file: usize,
        path: &mut Vec<String>,
    ) -> Result<(), LoadError> {
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

    fn reference(
        &mut self,
        value: &mut Value,
        reference: &str,
        file: usize,
        path: &mut Vec<String>,
    ) -> Result<(), LoadError> {
        let (target, tokens) = self.target(reference, file, path)?;
        if let Some(pointer) = self.component(target, &tokens)? {
            *value = reference_to(&pointer);
            return Ok(());
        }
        if is_schema_position(path) {
            *value = reference_to(&self.hoist_schema(target, tokens));
            return Ok(());
        }
        self.copy_in_place(value, reference, target, tokens, path)
    }

    /// The pointer of the bundled component that `tokens` of `target` is, when it is one
    /// (`/components/{kind}/{name}` of any file), hoisted from its file the first time.
    fn component(&mut self, target: usize, tokens: &[String]) -> Result<Option<String>, LoadError> {
        // What the OpenAPI model takes only in place (a callback, 3.1's path items) is copied.
        let [components, kind, name] = tokens else {
            return Ok(None);
        };
        if components != "components" || matches!(kind.as_str(), "callbacks" | "pathItems") {
            return Ok(None);
        }
        let key = (kind.clone(), name.clone());
        match self.components.get(&key) {
            Some((other_file, other)) if (*other_file, other.as_slice()) != (target, tokens) => {
                return Err(LoadError::Conflict {
                    location: self.files[target].locate(&join_pointer(tokens)),
                    name: name.clone(),
                    other: self.files[*other_file].locate(&join_pointer(other)),
                });
            }
            Some(_) => {}
            None => {
                let node = get(&self.files[target].value, tokens)
                    .cloned()
                    .unwrap_or_default();
                self.components.insert(key, (target, tokens.to_vec()));
                self.origins.push(Origin {
                    bundled: tokens.to_vec(),
                    file: target,
                    source: tokens.to_vec(),
                });
                self.pending
                    .push((kind.clone(), name.clone(), target, node));
            }
        }
        Ok(Some(join_pointer(tokens)))
    }

    /// A discriminator's `mapping`: its values that are references (`models/actions.yml#/reboot`,
    /// where the others are the names of components) point at the components their schemas
    /// become, as the variants' `$ref`s do, so that each variant is found by its value. One that
    /// points nowhere is left as written: the variants it would select keep their names.
    fn mapping(
        &mut self,
        map: &mut Map<String, Value>,
        file: usize,
        path: &[String],
    ) -> Result<(), LoadError> {
        for value in map.values_mut() {
            let Value::String(reference) = value else {
                continue;
            };
            if !reference.contains(['#', '/']) {
                continue;
            }
            let Ok((target, tokens)) = self.target(&reference.clone(), file, path) else {
                continue;
            };
            let pointer = match self.component(target, &tokens)? {
                Some(pointer) => pointer,
                None => self.hoist_schema(target, tokens),
            };
            *value = Value::String(pointer);
        }
        Ok(())
    }

    /// The file and pointer that `reference` (written in `file`) points at, once it is known
    /// that something is there.
    fn target(
        &mut self,
        reference: &str,
        file: usize,
        path: &[String],
    ) -> Result<(usize, Vec<String>), LoadError> {
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
        if get(&self.files[target].value, &tokens).is_none() {
            let place = if file_part.is_empty() {
                "this file".to_owned()
            } else {
                self.files[target].display()
            };
            return Err(error(
                self,
                format!("points at nothing: {place} has no `#{fragment}`"),
            ));
        }
        Ok((target, tokens))
    }

    /// The reference to the component that the schema at `tokens` of `target` becomes, the same
    /// for every place that references it (a schema that contains itself included).
    fn hoist_schema(&mut self, target: usize, tokens: Vec<String>) -> String {
        let key = (target, tokens);
        let index = match self.schema_index.get(&key) {
            Some(index) => *index,
            None => {
                let index = self.schemas.len();
                let (target, tokens) = key.clone();
                let node = get(&self.files[target].value, &tokens)
                    .cloned()
                    .unwrap_or_default();
                self.origins.push(Origin {
                    bundled: schema_component(&placeholder(index)),
                    file: target,
                    source: tokens.clone(),
                });
                self.pending
                    .push(("schemas".to_owned(), placeholder(index), target, node));
                self.schemas.push(SchemaTarget {
                    file: target,
                    tokens,
                });
                self.schema_index.insert(key, index);
                index
            }
        };
        join_pointer(&schema_component(&placeholder(index)))
    }

    /// Replaces `value` by a copy of what `tokens` of `target` holds, its own references
    /// resolved, unless that copy is already being made around this place.
    fn copy_in_place(
        &mut self,
        value: &mut Value,
        reference: &str,
        target: usize,
        tokens: Vec<String>,
        path: &mut Vec<String>,
    ) -> Result<(), LoadError> {
        if let Some(start) = self
            .inlining
            .iter()
            .position(|(f, t)| *f == target && *t == tokens)
        {
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
        let mut node = get(&self.files[target].value, &tokens)
            .cloned()
            .unwrap_or_default();
        self.copied += size(&node);
        if self.copied > MAX_COPIED {
            return Err(LoadError::Invalid {
                location: self.locate(path),
                message: format!(
                    "the references copied in place make the document larger than {MAX_COPIED} nodes"
                ),
                hint: "make the repeated parts components and reference them by name",
            });
        }
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

    /// A `$ref` standing for a whole map of names (`properties: {$ref: 'attributes.yml#/ids'}`),
    /// which bundlers resolve: the map is the one it points at, with the entries written beside
    /// the `$ref` over its own.
    fn map_reference(
        &mut self,
        value: &mut Value,
        reference: &str,
        file: usize,
        path: &mut Vec<String>,
    ) -> Result<(), LoadError> {
        let Value::Object(mut entries) = value.take() else {
            unreachable!("called on an object")
        };
        entries.remove("$ref");
        let (target, tokens) = self.target(reference, file, path)?;
        // Where the `$ref` is written; once copied, the place leads to what it points at.
        let location = self.locate(path);
        let mut map = Value::Null;
        self.copy_in_place(&mut map, reference, target, tokens, path)?;
        let Value::Object(mut map) = map else {
            let map_name = path.last().map(String::as_str).unwrap_or("map");
            return Err(LoadError::Reference {
                location,
                reference: reference.to_owned(),
                reason: format!(
                    "stands for the `{map_name}` map here, but points at {} rather than a map",
                    json_kind(&map)
                ),
            });
        };
        self.walk_entries(&mut entries, file, path)?;
        map.append(&mut entries);
        *value = Value::Object(map);
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

    /// Gives each hoisted schema its component's name, one no other component has: the name
    /// its place gives it (its file's, or its pointer's last token), numbered when taken. Names
    /// are given in the order of the files and pointers, so that they do not depend on the
    /// order in which the references were met.
    fn name_hoisted_schemas(&mut self, document: &mut Value) -> BTreeMap<String, HoistedSchema> {
        let mut hoisted = BTreeMap::new();
        if self.schemas.is_empty() {
            return hoisted;
        }
        let Some(schemas) = document
            .get_mut("components")
            .and_then(|c| c.get_mut("schemas"))
            .and_then(Value::as_object_mut)
        else {
            return hoisted;
        };
        let mut taken: BTreeSet<String> = schemas
            .keys()
            .filter(|name| !name.starts_with(PLACEHOLDER))
            .cloned()
            .collect();
        let mut order: Vec<usize> = (0..self.schemas.len()).collect();
        order.sort_by_cached_key(|&index| {
            let target = &self.schemas[index];
            (self.files[target.file].display(), target.tokens.clone())
        });
        let mut renames = BTreeMap::new();
        for index in order {
            let target = &self.schemas[index];
            let file = &self.files[target.file];
            let name = place_name(file, &target.tokens);
            let stem = name.clone().unwrap_or_else(|| "schema".to_owned());
            let mut key = stem.clone();
            let mut n = 1;
            while taken.contains(&key) {
                n += 1;
                key = format!("{stem}{n}");
            }
            taken.insert(key.clone());
            let placeholder = placeholder(index);
            if let Some(definition) = schemas.remove(&placeholder) {
                schemas.insert(key.clone(), definition);
            }
            let (from, to) = (schema_component(&placeholder), schema_component(&key));
            for origin in &mut self.origins {
                if origin.bundled.starts_with(&from) {
                    origin.bundled.splice(..from.len(), to.iter().cloned());
                }
            }
            renames.insert(join_pointer(&from), join_pointer(&to));
            let file = file.display();
            hoisted.insert(key, HoistedSchema { file, name });
        }
        rename_references(document, &renames);
        hoisted
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

/// The name of the component of the `index`th hoisted schema until it has its own.
fn placeholder(index: usize) -> String {
    format!("{PLACEHOLDER}{index}")
}

fn schema_component(name: &str) -> Vec<String> {
    vec![
        "components".to_owned(),
        "schemas".to_owned(),
        name.to_owned(),
    ]
}

/// What the place of a hoisted schema calls it: a whole file is called by its name, a fragment
/// by its last token when that is a name (a top-level key, an entry of a map of schemas).
fn place_name(file: &SourceFile, tokens: &[String]) -> Option<String> {
    match tokens {
        [] => file
            .path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned()),
        [name] => Some(name.clone()),
        [.., map, name]
            if matches!(
                map.as_str(),
                "schemas" | "definitions" | "$defs" | "properties"
            ) =>
        {
            Some(name.clone())
        }
        _ => None,
    }
}

/// Points the placeholder references of hoisted schemas at their components.
fn rename_references(value: &mut Value, names: &BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && let Some(name) = names.get(reference.as_str())
            {
                *reference = name.clone();
            }
            // A discriminator's mapping points at components with plain strings.
            if map.contains_key("propertyName")
                && let Some(Value::Object(mapping)) = map.get_mut("mapping")
            {
                for target in mapping.values_mut() {
                    if let Value::String(target) = target
                        && let Some(name) = names.get(target.as_str())
                    {
                        *target = name.clone();
                    }
                }
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

/// What a JSON value is, with its article.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a map",
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
