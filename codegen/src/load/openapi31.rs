//! OpenAPI 3.1 read as 3.0: its schemas are JSON Schema 2020-12, which the 3.0 model (and the
//! `openapiv3` crate) cannot hold, so each construct is rewritten into the 3.0 one that means the
//! same to a client, before the document is parsed.
//!
//! - `type: [T, "null"]` is `type: T` with `nullable: true`; several types are an `anyOf` of
//!   one schema per type, each with the keywords that apply to it; an `anyOf`/`oneOf` part
//!   `{type: "null"}` makes the rest nullable.
//! - `const` is a one-value `enum`; an `examples` list gives its first value as `example`;
//!   numeric `exclusiveMinimum`/`exclusiveMaximum` are the 3.0 bound and flag.
//! - `contentEncoding: base64` is `format: byte`, `contentMediaType` alone `format: binary`.
//! - A `$ref` with other keywords beside it was made `allOf: [$ref]` beside them by the bundler.
//! - What describes no type (a tuple's `prefixItems`, `if`/`then`/`else`, `dependentSchemas`)
//!   is read as loosely as it must be, with a warning; what only validates
//!   (`dependentRequired`, `propertyNames`, `unevaluatedProperties`, ...) is dropped, as 3.0's
//!   own validation keywords are.
//! - `webhooks` and `jsonSchemaDialect` are not read, with a warning; `paths` may be absent;
//!   `components/pathItems` are copied where they are used.

use serde_json::{Map, Value};

use super::Bundle;
use super::notes::Notes;
use super::position::{is_name_position, visit_schemas};
use crate::warning::Warning;

/// Rewrites the 3.1 document of `bundle` as 3.0, and says what it read although it is odd.
pub(super) fn downgrade(bundle: &mut Bundle) -> Vec<Warning> {
    let mut notes = Notes::default();
    let document = &mut bundle.document;
    if let Some(root) = document.as_object_mut() {
        root.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
        root.entry("paths")
            .or_insert_with(|| Value::Object(Map::new()));
        if root.remove("webhooks").is_some() {
            notes.add(
                &["webhooks"],
                "webhooks are not read: a client makes calls, it does not receive them",
                "describe the calls the API receives under `paths`; webhooks need a server",
            );
        }
        if root.remove("jsonSchemaDialect").is_some() {
            notes.add(
                &["jsonSchemaDialect"],
                "`jsonSchemaDialect` is not read: schemas are read as OpenAPI 3.1's own dialect",
                "remove `jsonSchemaDialect`, or keep to the keywords of OpenAPI's dialect",
            );
        }
    }
    // The bundler copied them where they are used.
    if let Some(components) = document
        .get_mut("components")
        .and_then(Value::as_object_mut)
    {
        components.remove("pathItems");
    }
    remove_mutual_tls(document, &mut notes);
    visit_schemas(document, &mut Vec::new(), &mut |value, path| {
        schema(&mut notes, value, path)
    });
    notes.located(bundle)
}

/// Rewrites one schema's own keywords; its subschemas are rewritten when the walk gets there.
fn schema(notes: &mut Notes, value: &mut Value, path: &[String]) {
    // 3.0 takes `additionalProperties: true` and `false` as they are (the keyword, not a
    // property of that name).
    if value.is_boolean()
        && let Some((key, parent)) = path.split_last()
        && key == "additionalProperties"
        && !is_name_position(parent)
    {
        return;
    }
    let map = match value {
        Value::Bool(true) => {
            *value = Value::Object(Map::new());
            return;
        }
        Value::Bool(false) => {
            notes.add(
                path,
                "the schema `false` (no value is valid) is read as any JSON value",
                "remove what no value can match",
            );
            *value = Value::Object(Map::from_iter([(
                "not".to_owned(),
                Value::Object(Map::new()),
            )]));
            return;
        }
        Value::Object(map) => map,
        _ => return,
    };
    for key in [
        "$schema",
        "$id",
        "$anchor",
        "$dynamicAnchor",
        "$comment",
        "$vocabulary",
        "$defs",
        // Validation only, as 3.0's `minLength` or `pattern`.
        "dependentRequired",
        "propertyNames",
        "unevaluatedProperties",
        "unevaluatedItems",
        "contains",
        "minContains",
        "maxContains",
    ] {
        map.remove(key);
    }
    if let Some(value) = map.remove("const") {
        map.entry("enum")
            .or_insert_with(|| Value::Array(vec![value]));
    }
    if let Some(examples) = map.remove("examples")
        && !map.contains_key("example")
        && let Value::Array(examples) = examples
        && let Some(first) = examples.into_iter().next()
    {
        map.insert("example".to_owned(), first);
    }
    exclusive_bound(map, "exclusiveMinimum", "minimum", |bound, inclusive| {
        bound >= inclusive
    });
    exclusive_bound(map, "exclusiveMaximum", "maximum", |bound, inclusive| {
        bound <= inclusive
    });
    content_encoding(map);
    null_parts(map);
    type_list(map);
    if map.remove("prefixItems").is_some() {
        map.insert("items".to_owned(), Value::Object(Map::new()));
        notes.add(
            &child(path, "prefixItems"),
            "a tuple (`prefixItems`) is read as an array of any JSON values",
            "describe the items with one `items` schema",
        );
    }
    if let Some(Value::Object(patterns)) = map.remove("patternProperties") {
        if patterns.len() == 1 && !map.contains_key("additionalProperties") {
            let (_, schema) = patterns.into_iter().next().expect("one pattern");
            map.insert("additionalProperties".to_owned(), schema);
        } else {
            notes.add(
                &child(path, "patternProperties"),
                "`patternProperties` are not read; other properties are read by `additionalProperties`",
                "describe the values of the other properties with one `additionalProperties` schema",
            );
        }
    }
    for key in ["if", "then", "else", "dependentSchemas"] {
        if map.remove(key).is_some() {
            notes.add(
                &child(path, key),
                format!("the conditional `{key}` is not part of the type; it is ignored"),
                "describe the variants with `oneOf`, or the fields as optional properties",
            );
        }
    }
    // `allOf: [$ref]` with nothing beside it (what remains of a `$ref` whose siblings only
    // annotated it for JSON Schema) is the reference.
    if map.len() == 1
        && let Some(Value::Array(parts)) = map.get("allOf")
        && let [part] = parts.as_slice()
        && part.get("$ref").is_some()
    {
        *value = part.clone();
    }
}

/// `type: [A, B, "null"]`.
fn type_list(map: &mut Map<String, Value>) {
    let types: Vec<String> = match map.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(single)) if single == "null" => vec![single.clone()],
        _ => return,
    };
    if types.iter().any(|t| t == "null") {
        map.insert("nullable".to_owned(), Value::Bool(true));
    }
    let mut others: Vec<String> = Vec::new();
    for name in types {
        if name != "null" && !others.contains(&name) {
            others.push(name);
        }
    }
    // Every integer is a number.
    if others.iter().any(|t| t == "number") {
        others.retain(|t| t != "integer");
    }
    match others.as_slice() {
        [] => {
            map.remove("type");
        }
        [one] => {
            map.insert("type".to_owned(), Value::String(one.clone()));
        }
        // The parts say the types already.
        _ if map.contains_key("anyOf") || map.contains_key("oneOf") => {
            map.remove("type");
        }
        several => {
            let parts = several.iter().map(|name| part_of_type(map, name)).collect();
            map.remove("type");
            for (_, keywords) in TYPE_KEYWORDS {
                for keyword in *keywords {
                    map.remove(*keyword);
                }
            }
            map.remove("format");
            map.remove("enum");
            map.insert("anyOf".to_owned(), Value::Array(parts));
        }
    }
}

fn child(path: &[String], key: &str) -> Vec<String> {
    let mut path = path.to_vec();
    path.push(key.to_owned());
    path
}

/// The keywords that apply to one type only.
const TYPE_KEYWORDS: &[(&str, &[&str])] = &[
    ("string", &["minLength", "maxLength", "pattern"]),
    (
        "number",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    (
        "integer",
        &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
    ),
    ("array", &["items", "minItems", "maxItems", "uniqueItems"]),
    (
        "object",
        &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "discriminator",
        ],
    ),
];

/// The part of a several-typed schema for the type `name`: its keywords, its formats and its
/// enum values.
fn part_of_type(map: &Map<String, Value>, name: &str) -> Value {
    let mut part = Map::new();
    part.insert("type".to_owned(), Value::String(name.to_owned()));
    let keywords = TYPE_KEYWORDS
        .iter()
        .find(|(type_name, _)| *type_name == name)
        .map_or(&[][..], |(_, keywords)| *keywords);
    for keyword in keywords {
        if let Some(value) = map.get(*keyword) {
            part.insert((*keyword).to_owned(), value.clone());
        }
    }
    if let Some(Value::String(format)) = map.get("format") {
        let numeric = matches!(format.as_str(), "int32" | "int64" | "float" | "double");
        if numeric == matches!(name, "number" | "integer") && name != "object" && name != "array" {
            part.insert("format".to_owned(), Value::String(format.clone()));
        }
    }
    if let Some(Value::Array(values)) = map.get("enum") {
        let values: Vec<Value> = values
            .iter()
            .filter(|value| match value {
                Value::String(_) => name == "string",
                Value::Number(n) => name == "number" || (name == "integer" && !n.is_f64()),
                Value::Bool(_) => name == "boolean",
                Value::Array(_) => name == "array",
                Value::Object(_) => name == "object",
                Value::Null => false,
            })
            .cloned()
            .collect();
        if !values.is_empty() {
            part.insert("enum".to_owned(), Value::Array(values));
        }
    }
    Value::Object(part)
}

/// A numeric `exclusiveMinimum: 5` is 3.0's `minimum: 5, exclusiveMinimum: true`; when an
/// inclusive bound is also given, the stricter of the two stays.
fn exclusive_bound(
    map: &mut Map<String, Value>,
    exclusive: &str,
    inclusive: &str,
    stricter: fn(f64, f64) -> bool,
) {
    let Some(Value::Number(bound)) = map.get(exclusive).cloned() else {
        return;
    };
    let keep_exclusive = match map.get(inclusive).and_then(Value::as_f64) {
        Some(inclusive) => bound.as_f64().is_some_and(|b| stricter(b, inclusive)),
        None => true,
    };
    if keep_exclusive {
        map.insert(inclusive.to_owned(), Value::Number(bound));
        map.insert(exclusive.to_owned(), Value::Bool(true));
    } else {
        map.remove(exclusive);
    }
}

/// Binary content of a string, said with 2020-12's words, in 3.0's.
fn content_encoding(map: &mut Map<String, Value>) {
    let encoding = map.remove("contentEncoding");
    let media_type = map.remove("contentMediaType");
    if map.contains_key("format") {
        return;
    }
    let format = match encoding.as_ref().and_then(Value::as_str) {
        Some("base64" | "base64url") => "byte",
        Some(_) => "binary",
        None if media_type.is_some() => "binary",
        None => return,
    };
    map.insert("format".to_owned(), Value::String(format.to_owned()));
}

/// An `anyOf`/`oneOf` part that only allows `null` makes the schema nullable; a single part
/// left is the schema itself.
fn null_parts(map: &mut Map<String, Value>) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(parts)) = map.get_mut(key) else {
            continue;
        };
        let before = parts.len();
        parts.retain(|part| !is_null(part));
        if parts.len() == before {
            continue;
        }
        map.insert("nullable".to_owned(), Value::Bool(true));
        let Some(Value::Array(mut parts)) = map.remove(key) else {
            continue;
        };
        match parts.len() {
            0 => {}
            1 => {
                let part = parts.pop().expect("one part");
                match part {
                    Value::Object(fields)
                        if !fields.contains_key("$ref")
                            && fields.keys().all(|k| !map.contains_key(k)) =>
                    {
                        map.extend(fields);
                    }
                    part => match map.get_mut("allOf") {
                        Some(Value::Array(all)) => all.push(part),
                        _ => {
                            map.insert("allOf".to_owned(), Value::Array(vec![part]));
                        }
                    },
                }
            }
            _ => {
                map.insert(key.to_owned(), Value::Array(parts));
            }
        }
    }
}

/// `{type: "null"}`, `{type: ["null"]}`, `{const: null}` or `{enum: [null]}`, with
/// annotations at most.
fn is_null(part: &Value) -> bool {
    let Value::Object(fields) = part else {
        return false;
    };
    let null_type = match fields.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t == "null") && !types.is_empty(),
        _ => false,
    };
    let null_value = fields.get("const") == Some(&Value::Null)
        || fields.get("enum") == Some(&Value::Array(vec![Value::Null]));
    (null_type || null_value)
        && fields.keys().all(|k| {
            matches!(
                k.as_str(),
                "type" | "const" | "enum" | "description" | "title"
            )
        })
}

/// `mutualTLS` security schemes are new in 3.1; a client that does not speak them leaves them.
fn remove_mutual_tls(document: &mut Value, notes: &mut Notes) {
    let Some(schemes) = document
        .get_mut("components")
        .and_then(|components| components.get_mut("securitySchemes"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let mutual: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    for name in mutual {
        schemes.shift_remove(&name);
        notes.add(
            &["components", "securitySchemes", &name],
            format!("security scheme `{name}` is mutual TLS, which the client leaves to its HTTP settings"),
            "configure the client certificate on the HTTP client",
        );
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::json;

    use super::super::{InMemory, Spec, load_with};

    fn load(text: &str) -> Spec {
        let files = InMemory(vec![(PathBuf::from("api.yaml"), text.to_owned())]);
        load_with(&files, Path::new("api.yaml")).unwrap_or_else(|error| panic!("{error}"))
    }

    fn schemas(spec: &Spec) -> &serde_json::Value {
        &spec.bundle.document["components"]["schemas"]
    }

    const HEAD: &str = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n";

    #[test]
    fn type_lists_become_nullable_types_and_unions() {
        let spec = load(&format!(
            "{HEAD}components:
  schemas:
    name: {{type: [string, 'null'], maxLength: 9}}
    id:
      type: ['null', integer, string]
      format: int64
      minimum: 1
      pattern: '^[a-z]+$'
      enum: [1, 2, a, null]
      description: either
    nothing: {{type: 'null'}}
    number: {{type: [integer, number]}}
    closed: {{type: object, additionalProperties: false}}
    mistaken: {{type: object, properties: {{additionalProperties: false}}}}
    pushed_at:
      type: ['null', integer, string]
      oneOf: [{{type: integer}}, {{type: string, format: date-time}}]
"
        ));
        let schemas = schemas(&spec);
        assert_eq!(
            schemas["name"],
            json!({"type": "string", "nullable": true, "maxLength": 9})
        );
        assert_eq!(
            schemas["id"],
            json!({
                "description": "either",
                "nullable": true,
                "anyOf": [
                    {"type": "integer", "minimum": 1, "format": "int64", "enum": [1, 2]},
                    {"type": "string", "pattern": "^[a-z]+$", "enum": ["a"]},
                ],
            })
        );
        assert_eq!(schemas["nothing"], json!({"nullable": true}));
        assert_eq!(schemas["number"], json!({"type": "number"}));
        assert_eq!(
            schemas["closed"],
            json!({"type": "object", "additionalProperties": false})
        );
        assert_eq!(
            schemas["mistaken"]["properties"]["additionalProperties"],
            json!({"not": {}})
        );
        assert_eq!(
            schemas["pushed_at"],
            json!({
                "nullable": true,
                "oneOf": [{"type": "integer"}, {"type": "string", "format": "date-time"}],
            })
        );
        assert_eq!(spec.warnings.len(), 1, "{:?}", spec.warnings);
        assert!(spec.openapi.components.unwrap().schemas.contains_key("id"));
    }

    #[test]
    fn keywords_of_json_schema_read_as_their_3_0_forms() {
        let spec = load(&format!(
            "{HEAD}components:
  schemas:
    kind: {{const: droplet}}
    size: {{type: integer, exclusiveMinimum: 0, maximum: 10, exclusiveMaximum: 10, examples: [3, 4]}}
    blob: {{type: string, contentEncoding: base64}}
    file: {{type: string, contentMediaType: image/png}}
    pair: {{type: array, prefixItems: [{{type: string}}, {{type: integer}}]}}
    meta:
      $schema: https://json-schema.org/draft/2020-12/schema
      $comment: internal
      type: object
      dependentRequired: {{a: [b]}}
      propertyNames: {{pattern: '^[a-z]+$'}}
"
        ));
        let schemas = schemas(&spec);
        assert_eq!(schemas["kind"], json!({"enum": ["droplet"]}));
        assert_eq!(
            schemas["size"],
            json!({
                "type": "integer",
                "minimum": 0,
                "exclusiveMinimum": true,
                "maximum": 10,
                "exclusiveMaximum": true,
                "example": 3,
            })
        );
        assert_eq!(schemas["blob"], json!({"type": "string", "format": "byte"}));
        assert_eq!(
            schemas["file"],
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(schemas["pair"], json!({"type": "array", "items": {}}));
        assert_eq!(schemas["meta"], json!({"type": "object"}));
        let warnings: Vec<String> = spec.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            warnings,
            [
                "api.yaml:9:38 at #/components/schemas/pair/prefixItems: a tuple (`prefixItems`) is read as an array of any JSON values"
            ]
        );
    }

    #[test]
    fn a_reference_keeps_what_is_beside_it() {
        let spec = load(&format!(
            "{HEAD}components:
  schemas:
    size: {{type: string}}
    described: {{$ref: '#/components/schemas/size', description: The size., maxLength: 9}}
    commented: {{$ref: '#/components/schemas/size', $comment: same}}
    optional:
      anyOf:
        - $ref: '#/components/schemas/size'
        - type: 'null'
    either:
      oneOf: [{{type: string}}, {{type: integer}}, {{type: 'null'}}]
"
        ));
        let schemas = schemas(&spec);
        assert_eq!(
            schemas["described"],
            json!({"description": "The size.", "maxLength": 9, "allOf": [{"$ref": "#/components/schemas/size"}]})
        );
        assert_eq!(
            schemas["commented"],
            json!({"$ref": "#/components/schemas/size"})
        );
        assert_eq!(
            schemas["optional"],
            json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/size"}]})
        );
        assert_eq!(
            schemas["either"],
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true})
        );
    }

    #[test]
    fn what_a_client_has_no_use_for_is_left_with_a_warning() {
        let spec = load(&format!(
            "{HEAD}jsonSchemaDialect: https://spec.openapis.org/oas/3.1/dialect/base
webhooks:
  newPet:
    post:
      responses: {{'200': {{description: ok}}}}
components:
  pathItems:
    pets:
      get:
        operationId: list_pets
        responses: {{'200': {{description: ok}}}}
  securitySchemes:
    tls: {{type: mutualTLS}}
paths:
  /pets: {{$ref: '#/components/pathItems/pets'}}
"
        ));
        let document = &spec.bundle.document;
        assert_eq!(document["openapi"], "3.0.3");
        assert_eq!(
            document["paths"]["/pets"]["get"]["operationId"],
            "list_pets"
        );
        assert!(document.get("webhooks").is_none());
        assert!(document["components"].get("pathItems").is_none());
        let operation = spec.locate("#/paths/~1pets/get/operationId");
        assert_eq!(operation.line, Some(12));
        let warnings: Vec<String> = spec.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            warnings,
            [
                "api.yaml:5:3 at #/webhooks: webhooks are not read: a client makes calls, it does not receive them",
                "api.yaml:3:20 at #/jsonSchemaDialect: `jsonSchemaDialect` is not read: schemas are read as OpenAPI 3.1's own dialect",
                "api.yaml:15:10 at #/components/securitySchemes/tls: security scheme `tls` is mutual TLS, which the client leaves to its HTTP settings",
            ]
        );
    }

    #[test]
    fn a_document_without_paths_is_read() {
        let spec = load(&format!(
            "{HEAD}components:\n  schemas:\n    a: {{type: boolean}}\n"
        ));
        assert!(spec.openapi.paths.paths.is_empty());
    }
}
