//! What the fuzz targets feed the generator: raw text, or a spec built from arbitrary data so that
//! the fuzzer spends its time in the stages after parsing.

use std::path::{Path, PathBuf};

use arbitrary::Arbitrary;
use codegen::EmitOptions;
use codegen::load::InMemory;
use serde_json::{Map, Value, json};

/// Runs the whole pipeline on `text` as the root file `spec.yaml`. Any result is fine; a panic,
/// an overflow or a hang is a bug.
pub fn generate(text: &str) {
    let files = InMemory(vec![(PathBuf::from("spec.yaml"), text.to_owned())]);
    let _ = codegen::generate_from(&files, Path::new("spec.yaml"), &EmitOptions::default());
}

/// Names to pick from: ordinary, colliding, keywords, punctuation and other scripts.
const NAMES: &[&str] = &[
    "id",
    "name",
    "type",
    "Type",
    "type_",
    "self",
    "Self",
    "foo-bar",
    "foo_bar",
    "fooBar",
    "1st",
    "",
    "$ref",
    "unknown_fields",
    "日本",
    "+",
    "send",
    "body",
    "default",
    "Result",
    "crate",
    "a.b",
    "x y",
    "items",
];

#[derive(Debug, Arbitrary)]
pub enum Name {
    Known(u8),
    Any(String),
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Known(index) => NAMES[*index as usize % NAMES.len()].to_owned(),
            Name::Any(text) => text.clone(),
        }
    }
}

#[derive(Debug, Arbitrary)]
pub struct Spec {
    pub paths: Vec<PathItem>,
    pub schemas: Vec<(Name, Schema)>,
    pub parameters: Vec<(Name, Parameter)>,
}

#[derive(Debug, Arbitrary)]
pub struct PathItem {
    pub segments: Vec<Segment>,
    pub operations: Vec<Operation>,
    pub parameters: Vec<Parameter>,
}

#[derive(Debug, Arbitrary)]
pub enum Segment {
    Literal(Name),
    Parameter(Name),
}

#[derive(Debug, Arbitrary)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Patch,
}

#[derive(Debug, Arbitrary)]
pub struct Operation {
    pub method: Method,
    pub id: Option<Name>,
    pub tag: Option<Name>,
    pub parameters: Vec<Parameter>,
    pub body: Option<(MediaType, Schema, bool)>,
    pub responses: Vec<(Status, Vec<(MediaType, Schema)>)>,
}

#[derive(Debug, Arbitrary)]
pub enum MediaType {
    Json,
    Yaml,
    Form,
    Multipart,
    Text,
    Binary,
    Other(Name),
}

#[derive(Debug, Arbitrary)]
pub enum Status {
    Code(u16),
    Range(u8),
    Default,
}

#[derive(Debug, Arbitrary)]
pub struct Parameter {
    pub name: Name,
    pub location: u8,
    pub required: bool,
    pub schema: Option<Schema>,
    pub reference: Option<Name>,
}

#[derive(Debug, Arbitrary)]
pub enum Schema {
    Any,
    Ref(Name),
    String {
        format: Option<Name>,
        values: Vec<Name>,
    },
    Integer {
        format: Option<Name>,
    },
    Number,
    Boolean,
    Array(Box<Schema>),
    Object {
        properties: Vec<(Name, Schema, bool)>,
        additional: Option<Box<Schema>>,
    },
    AllOf(Vec<Schema>),
    OneOf {
        parts: Vec<Schema>,
        discriminator: Option<Name>,
    },
    AnyOf(Vec<Schema>),
    Nullable(Box<Schema>),
    Typed(Name),
}

/// How deep the harness nests schemas: a YAML parser refuses much deeper documents anyway, so
/// deeper ones would only test the harness.
const MAX_DEPTH: usize = 24;

impl Schema {
    fn json(&self) -> Value {
        self.json_at(0)
    }

    fn json_at(&self, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return json!({});
        }
        let json = |schema: &Schema| schema.json_at(depth + 1);
        match self {
            Schema::Any => json!({}),
            Schema::Ref(name) => {
                json!({"$ref": format!("#/components/schemas/{}", escape(&name.text()))})
            }
            Schema::String { format, values } => {
                let mut schema = json!({"type": "string"});
                if let Some(format) = format {
                    schema["format"] = format.text().into();
                }
                if !values.is_empty() {
                    schema["enum"] = values.iter().map(Name::text).collect::<Vec<_>>().into();
                }
                schema
            }
            Schema::Integer { format } => match format {
                Some(format) => json!({"type": "integer", "format": format.text()}),
                None => json!({"type": "integer"}),
            },
            Schema::Number => json!({"type": "number"}),
            Schema::Boolean => json!({"type": "boolean"}),
            Schema::Array(items) => json!({"type": "array", "items": json(items)}),
            Schema::Object {
                properties,
                additional,
            } => {
                let mut map = Map::new();
                let mut required = Vec::new();
                for (name, schema, is_required) in properties {
                    map.insert(name.text(), json(schema));
                    if *is_required {
                        required.push(Value::from(name.text()));
                    }
                }
                let mut schema = json!({"type": "object", "properties": map});
                if !required.is_empty() {
                    schema["required"] = required.into();
                }
                if let Some(additional) = additional {
                    schema["additionalProperties"] = json(additional);
                }
                schema
            }
            Schema::AllOf(parts) => json!({"allOf": parts.iter().map(json).collect::<Vec<_>>()}),
            Schema::OneOf {
                parts,
                discriminator,
            } => {
                let mut schema = json!({"oneOf": parts.iter().map(json).collect::<Vec<_>>()});
                if let Some(property) = discriminator {
                    schema["discriminator"] = json!({"propertyName": property.text()});
                }
                schema
            }
            Schema::AnyOf(parts) => json!({"anyOf": parts.iter().map(json).collect::<Vec<_>>()}),
            Schema::Nullable(inner) => {
                let mut schema = json(inner);
                if let Value::Object(map) = &mut schema {
                    map.insert("nullable".into(), true.into());
                }
                schema
            }
            Schema::Typed(name) => json!({"type": name.text()}),
        }
    }
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl Parameter {
    fn json(&self) -> Value {
        if let Some(reference) = &self.reference {
            return json!({"$ref": format!("#/components/parameters/{}", escape(&reference.text()))});
        }
        let location = ["query", "header", "path", "cookie"][self.location as usize % 4];
        let mut parameter =
            json!({"name": self.name.text(), "in": location, "required": self.required});
        if let Some(schema) = &self.schema {
            parameter["schema"] = schema.json();
        }
        parameter
    }
}

impl MediaType {
    fn text(&self) -> String {
        match self {
            MediaType::Json => "application/json".into(),
            MediaType::Yaml => "application/yaml".into(),
            MediaType::Form => "application/x-www-form-urlencoded".into(),
            MediaType::Multipart => "multipart/form-data".into(),
            MediaType::Text => "text/plain".into(),
            MediaType::Binary => "application/octet-stream".into(),
            MediaType::Other(name) => name.text(),
        }
    }
}

impl Spec {
    /// The spec as the YAML a user would write.
    pub fn yaml(&self) -> String {
        let mut paths = Map::new();
        for item in &self.paths {
            let path: String = item
                .segments
                .iter()
                .map(|segment| match segment {
                    Segment::Literal(name) => format!("/{}", name.text()),
                    Segment::Parameter(name) => format!("/{{{}}}", name.text()),
                })
                .collect();
            let mut path_item = Map::new();
            if !item.parameters.is_empty() {
                path_item.insert(
                    "parameters".into(),
                    item.parameters
                        .iter()
                        .map(Parameter::json)
                        .collect::<Vec<_>>()
                        .into(),
                );
            }
            for operation in &item.operations {
                let method = match operation.method {
                    Method::Get => "get",
                    Method::Put => "put",
                    Method::Post => "post",
                    Method::Delete => "delete",
                    Method::Patch => "patch",
                };
                let mut responses = Map::new();
                for (status, contents) in &operation.responses {
                    let status = match status {
                        Status::Code(code) => code.to_string(),
                        Status::Range(class) => format!("{}XX", class % 6),
                        Status::Default => "default".into(),
                    };
                    let content: Map<String, Value> = contents
                        .iter()
                        .map(|(media, schema)| (media.text(), json!({"schema": schema.json()})))
                        .collect();
                    responses.insert(status, json!({"description": "r", "content": content}));
                }
                let mut op = json!({"responses": responses});
                if let Some(id) = &operation.id {
                    op["operationId"] = id.text().into();
                }
                if let Some(tag) = &operation.tag {
                    op["tags"] = json!([tag.text()]);
                }
                if !operation.parameters.is_empty() {
                    op["parameters"] = operation
                        .parameters
                        .iter()
                        .map(Parameter::json)
                        .collect::<Vec<_>>()
                        .into();
                }
                if let Some((media, schema, required)) = &operation.body {
                    op["requestBody"] = json!({"required": required, "content": {media.text(): {"schema": schema.json()}}});
                }
                path_item.insert(method.into(), op);
            }
            paths.insert(
                if path.is_empty() { "/".into() } else { path },
                path_item.into(),
            );
        }
        let schemas: Map<String, Value> = self
            .schemas
            .iter()
            .map(|(name, schema)| (name.text(), schema.json()))
            .collect();
        let parameters: Map<String, Value> = self
            .parameters
            .iter()
            .map(|(name, parameter)| (name.text(), parameter.json()))
            .collect();
        let document = json!({
            "openapi": "3.0.3",
            "info": {"title": "fuzz", "version": "1"},
            "servers": [{"url": "https://api.example.com"}],
            "paths": paths,
            "components": {"schemas": schemas, "parameters": parameters},
        });
        serde_yaml::to_string(&document).expect("JSON values print as YAML")
    }
}
