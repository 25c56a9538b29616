//! A description spread over files, made from a bundled one the way DigitalOcean's repository
//! lays out its own: the root lists the paths, each operation is a file of its resource
//! (`resources/apps/apps_get.yml`), and each distinct schema is a file of its own
//! (`resources/apps/models/app.yml`) that every place using it references by a relative path.
//! Generating it must give the types that generating the bundled file gives, named after the
//! files: the bench measures that on the directory's `digitalocean.com.json`.
//!
//! Schemas are distinct when their JSON differs once descriptions, titles and examples are set
//! aside; a file keeps the words of the first place that writes it. A file is named after the
//! member that first holds its schema (one of the items of `apps` is an `app`), the body of an
//! operation after the operation, and numbered when a resource has that name already.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// What [`split`] wrote.
#[derive(Debug, Default)]
pub struct Split {
    /// The root file.
    pub root: PathBuf,
    /// How many schema files it wrote.
    pub schema_files: usize,
    /// How many operation files it wrote.
    pub operation_files: usize,
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Writes the bundled description `bundled` into `out` as files (YAML), `out/openapi.yaml` the
/// root.
pub fn split(bundled: &Value, out: &Path) -> Result<Split, String> {
    let mut splitter = Splitter::default();
    let mut root = bundled.clone();
    // A bundle points into its own paths (APIs.guru writes a response once and `$ref`s it from
    // every other operation); once the operations are files of their own, each has its copy.
    let mut paths = root.get("paths").cloned().unwrap_or_default();
    inline_local_references(&mut paths, bundled, &mut Vec::new())?;
    root["paths"] = paths;
    let paths = root
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .ok_or("the description has no paths")?;
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for method in METHODS {
            let Some(operation) = item.get_mut(method) else {
                continue;
            };
            let tag = operation
                .pointer("/tags/0")
                .and_then(Value::as_str)
                .map_or("untagged".to_owned(), resource_name);
            let id = operation
                .get("operationId")
                .and_then(Value::as_str)
                .map_or_else(
                    || format!("{method}_{}", resource_name(path)),
                    resource_name,
                );
            let file = format!("resources/{tag}/{id}.yml");
            splitter.operation(operation, &tag, &id);
            splitter.files.insert(file.clone(), operation.take());
            *operation = reference(&file);
            splitter.operation_files += 1;
        }
    }
    splitter.files.insert("openapi.yaml".to_owned(), root);
    for (file, content) in &splitter.files {
        let path = out.join(file);
        let mut content = content.clone();
        relative_references(&mut content, Path::new(file));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("{}: {error}", parent.display()))?;
        }
        let text = serde_yaml::to_string(&content).map_err(|error| error.to_string())?;
        std::fs::write(&path, text).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(Split {
        root: out.join("openapi.yaml"),
        schema_files: splitter.schema_files.len(),
        operation_files: splitter.operation_files,
    })
}

/// The marker of a reference written from the root of the output, made relative to its file
/// once the file is written.
const FROM_ROOT: &str = "\u{0}/";

fn reference(file: &str) -> Value {
    Value::Object(Map::from_iter([(
        "$ref".to_owned(),
        Value::String(format!("{FROM_ROOT}{file}")),
    )]))
}

#[derive(Default)]
struct Splitter {
    /// Every file, by its path from the root of the output.
    files: BTreeMap<String, Value>,
    /// The file of each distinct schema, by the schema without its words.
    schema_files: BTreeMap<String, String>,
    operation_files: usize,
}

impl Splitter {
    /// Moves the schemas of an operation into files of their own.
    fn operation(&mut self, operation: &mut Value, tag: &str, id: &str) {
        if let Some(parameters) = operation
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
        {
            for parameter in parameters {
                let name = parameter
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("parameter")
                    .to_owned();
                if let Some(schema) = parameter.get_mut("schema") {
                    self.schema(schema, tag, &resource_name(&name), false);
                }
            }
        }
        if let Some(content) = operation
            .pointer_mut("/requestBody/content")
            .and_then(Value::as_object_mut)
        {
            for media in content.values_mut() {
                if let Some(schema) = media.get_mut("schema") {
                    self.schema(schema, tag, &format!("{id}_request"), false);
                }
            }
        }
        if let Some(responses) = operation
            .get_mut("responses")
            .and_then(Value::as_object_mut)
        {
            for (status, response) in responses.iter_mut() {
                let name = if status.starts_with('2') {
                    format!("{id}_response")
                } else {
                    "error".to_owned()
                };
                let Some(content) = response.get_mut("content").and_then(Value::as_object_mut)
                else {
                    continue;
                };
                for media in content.values_mut() {
                    if let Some(schema) = media.get_mut("schema") {
                        self.schema(schema, tag, &name, false);
                    }
                }
            }
        }
    }

    /// Moves the schemas inside `schema` into files, then `schema` itself when it is a type of
    /// its own (an object with properties, an enum, a union), leaving a reference in its place.
    fn schema(&mut self, schema: &mut Value, tag: &str, name: &str, item: bool) {
        self.inside(schema, tag, name);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        if !is_type(object) {
            return;
        }
        let key = serde_json::to_string(&without_words(schema)).unwrap_or_default();
        let file = match self.schema_files.get(&key) {
            Some(file) => file.clone(),
            None => {
                let stem = if item {
                    singular(name)
                } else {
                    name.to_owned()
                };
                let file = self.free_file(&format!("resources/{tag}/models"), &stem);
                self.files.insert(file.clone(), schema.clone());
                self.schema_files.insert(key, file.clone());
                file
            }
        };
        *schema = reference(&file);
    }

    /// Moves the schemas inside `schema` into files.
    fn inside(&mut self, schema: &mut Value, tag: &str, name: &str) {
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            for (property, child) in properties.iter_mut() {
                self.schema(child, tag, &resource_name(property), false);
            }
        }
        if let Some(items) = object.get_mut("items") {
            self.schema(items, tag, name, true);
        }
        if let Some(additional) = object.get_mut("additionalProperties") {
            self.schema(additional, tag, &format!("{name}_value"), false);
        }
        // The parts of an `allOf` are pieces of the schema that holds them, not schemas of their
        // own; what is inside them is.
        if let Some(Value::Array(parts)) = object.get_mut("allOf") {
            for part in parts {
                self.inside(part, tag, name);
            }
        }
        // A variant of a union with a discriminator is selected by its name once it is a file of
        // its own, by the value its discriminator property lists while it is inline: it stays.
        let discriminated = object.contains_key("discriminator");
        for keyword in ["oneOf", "anyOf"] {
            if let Some(Value::Array(parts)) = object.get_mut(keyword) {
                for (index, part) in parts.iter_mut().enumerate() {
                    let name = format!("{name}_{index}");
                    if discriminated {
                        self.inside(part, tag, &name);
                    } else {
                        self.schema(part, tag, &name, false);
                    }
                }
            }
        }
    }

    /// `dir/stem.yml`, numbered when a file has that name already.
    fn free_file(&self, dir: &str, stem: &str) -> String {
        (1..)
            .map(|n| match n {
                1 => format!("{dir}/{stem}.yml"),
                n => format!("{dir}/{stem}_{n}.yml"),
            })
            .find(|file| !self.files.contains_key(file))
            .unwrap_or_default()
    }
}

/// Whether a schema is what the generator makes a type of: an object with properties, a string
/// enum, a union of several shapes, or a composition.
fn is_type(schema: &Map<String, Value>) -> bool {
    let non_empty = |key: &str| {
        schema.get(key).is_some_and(|value| match value {
            Value::Object(map) => !map.is_empty(),
            Value::Array(items) => !items.is_empty(),
            _ => false,
        })
    };
    non_empty("properties")
        || non_empty("enum")
        || non_empty("allOf")
        || schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Value::as_array)
            .is_some_and(|parts| parts.len() > 1)
}

/// The schema with the words of it and of the schemas inside it left out.
fn without_words(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| !matches!(key.as_str(), "description" | "title" | "example"))
                .map(|(key, value)| {
                    let value = match key.as_str() {
                        // Literal values, and the names of properties, are kept as they are.
                        "enum" | "default" | "required" => value.clone(),
                        "properties" => match value {
                            Value::Object(properties) => Value::Object(
                                properties
                                    .iter()
                                    .map(|(name, child)| (name.clone(), without_words(child)))
                                    .collect(),
                            ),
                            other => other.clone(),
                        },
                        _ => without_words(value),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_words).collect()),
        other => other.clone(),
    }
}

/// Replaces each `$ref` to a place of `document` outside `components` by a copy of that place.
fn inline_local_references(
    value: &mut Value,
    document: &Value,
    inlining: &mut Vec<String>,
) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref")
                && let Some(pointer) = reference.strip_prefix('#')
                && !pointer.starts_with("/components/")
            {
                if inlining.iter().any(|outer| outer == pointer) {
                    return Err(format!("`$ref: #{pointer}` contains itself"));
                }
                let decoded = percent_encoding::percent_decode_str(pointer).decode_utf8_lossy();
                let mut target = document
                    .pointer(&decoded)
                    .cloned()
                    .ok_or_else(|| format!("`$ref: #{pointer}` points at nothing"))?;
                inlining.push(pointer.to_owned());
                inline_local_references(&mut target, document, inlining)?;
                inlining.pop();
                *value = target;
                return Ok(());
            }
            for child in map.values_mut() {
                inline_local_references(child, document, inlining)?;
            }
        }
        Value::Array(items) => {
            for child in items {
                inline_local_references(child, document, inlining)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Turns the references written from the root into references relative to `file`.
fn relative_references(value: &mut Value, file: &Path) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && let Some(target) = reference.strip_prefix(FROM_ROOT)
            {
                *reference = relative(file, Path::new(target));
            }
            for child in map.values_mut() {
                relative_references(child, file);
            }
        }
        Value::Array(items) => {
            for child in items {
                relative_references(child, file);
            }
        }
        _ => {}
    }
}

/// The path of `target` as written in `from` (both relative to the root).
fn relative(from: &Path, target: &Path) -> String {
    let from_dir: Vec<_> = from
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    let target_parts: Vec<_> = target.components().collect();
    let shared = from_dir
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from_dir.len() - shared];
    parts.extend(
        target_parts[shared..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// A name fit for a file: lowercase words joined by `_`.
fn resource_name(text: &str) -> String {
    let mut name = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') && !name.is_empty() {
            name.push('_');
        }
    }
    let name = name.trim_end_matches('_').to_owned();
    if name.is_empty() {
        "schema".to_owned()
    } else {
        name
    }
}

/// One of what `name` names (`apps` → `app`), its last word made singular.
fn singular(name: &str) -> String {
    match name.rsplit_once('_') {
        Some((head, last)) => format!("{head}_{}", pluralizer::pluralize(last, 1, false)),
        None => pluralizer::pluralize(name, 1, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_written_relative_to_their_file() {
        assert_eq!(
            relative(
                Path::new("resources/apps/apps_get.yml"),
                Path::new("resources/apps/models/app.yml")
            ),
            "models/app.yml"
        );
        assert_eq!(
            relative(
                Path::new("resources/apps/models/app.yml"),
                Path::new("resources/droplets/models/region.yml")
            ),
            "../../droplets/models/region.yml"
        );
    }

    #[test]
    fn schemas_that_differ_only_in_words_are_one_file() {
        let spec = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {"get": {"operationId": "a_get", "tags": ["a"], "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {
                        "apps": {"type": "array", "items": {"type": "object", "description": "One.", "properties": {"id": {"type": "string"}}}},
                        "app": {"type": "object", "description": "Two.", "properties": {"id": {"type": "string", "description": "Its id."}}}
                    }
                }}}}}}}
            }
        });
        let out = tempfile::tempdir().unwrap();
        let split = split(&spec, out.path()).unwrap();
        assert_eq!((split.schema_files, split.operation_files), (2, 1));
        let body =
            std::fs::read_to_string(out.path().join("resources/a/models/a_get_response.yml"))
                .unwrap();
        assert!(body.contains("$ref: app.yml"), "{body}");
        assert!(!body.contains("app_2"), "{body}");
        let operation = std::fs::read_to_string(out.path().join("resources/a/a_get.yml")).unwrap();
        assert!(
            operation.contains("$ref: models/a_get_response.yml"),
            "{operation}"
        );
    }
}

/// How the types of two models of one API compare, their names set aside.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Types of the first model with a type of the same shape in the second.
    pub matched: usize,
    /// The types of each model without a counterpart in the other.
    pub only_first: Vec<String>,
    pub only_second: Vec<String>,
}

/// Pairs the types of `first` and `second` that are the same type, whatever their names.
pub fn compare(first: &codegen::ir::Api, second: &codegen::ir::Api) -> Comparison {
    use codegen::ir::TypeRef;

    let renamed = |api: &codegen::ir::Api, prefix: &str| {
        let mut api = api.clone();
        api.visit_type_refs_mut(&mut |ty| {
            if let TypeRef::Named(name) = ty {
                *name = format!("{prefix}{name}");
            }
        });
        for def in &mut api.types {
            def.name = format!("{prefix}{}", def.name);
        }
        api.types
    };
    let mut types = renamed(first, "1:");
    types.extend(renamed(second, "2:"));
    let classes = codegen::lower::identical_types(&types);
    let mut members: BTreeMap<usize, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for (def, class) in types.iter().zip(classes) {
        let entry = members.entry(class).or_default();
        match def.name.split_once(':') {
            Some(("1", name)) => entry.0.push(name),
            Some((_, name)) => entry.1.push(name),
            None => {}
        }
    }
    let mut comparison = Comparison::default();
    for (firsts, seconds) in members.into_values() {
        let shared = firsts.len().min(seconds.len());
        comparison.matched += shared;
        comparison
            .only_first
            .extend(firsts[shared..].iter().map(|name| name.to_string()));
        comparison
            .only_second
            .extend(seconds[shared..].iter().map(|name| name.to_string()));
    }
    comparison
}
