//! The spec's side: its operations, and the fields of a schema as the reference would list them
//! (the parts of an `allOf` merged, the variants of a `oneOf`/`anyOf` side by side, an array
//! standing for its items).
//!
//! Every field belongs to the schema that declares it, its *owner*: a component by name
//! (`apps_deployment`), or an inline schema by the path to it (`app_spec.ingress`). Differences are
//! reported per owner, so a mistake in a schema that twenty operations share is one difference.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// An operation of the spec.
#[derive(Debug, Clone)]
pub struct Operation {
    pub id: String,
    pub method: String,
    pub path: String,
    pub pointer: String,
    pub parameters: Vec<Parameter>,
    /// The pointer of the request body's schema.
    pub body: Option<String>,
    pub responses: Vec<Response>,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    /// `path`, `query` or `header`.
    pub location: String,
    pub name: String,
    pub required: bool,
    pub pointer: String,
}

#[derive(Debug, Clone)]
pub struct Response {
    /// `200`, `404` or `default`.
    pub status: String,
    /// The pointer of the schema of its JSON (or first) media type.
    pub schema: Option<String>,
}

/// The fields an object shows.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// The owner of fields that would be added here: the component or inline path.
    pub identity: String,
    pub properties: Vec<Property>,
}

impl Shape {
    pub fn get(&self, name: &str) -> Option<&Property> {
        self.properties
            .iter()
            .find(|property| property.name == name)
    }
}

#[derive(Debug, Clone)]
pub struct Property {
    pub name: String,
    pub required: bool,
    /// The schema that declares it.
    pub owner: String,
    /// The pointer of its schema.
    pub schema: String,
}

impl Property {
    /// `owner.name`: how differences name the field.
    pub fn key(&self) -> String {
        format!("{}.{}", self.owner, self.name)
    }
}

/// The operations of the bundled document, in the order of its paths.
pub fn operations(document: &Value) -> Vec<Operation> {
    let mut operations = Vec::new();
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return operations;
    };
    for (path, item) in paths {
        let item_pointer = format!("#/paths/{}", escape(path));
        let shared = item.get("parameters").and_then(Value::as_array);
        for method in [
            "get", "put", "post", "delete", "patch", "head", "options", "trace",
        ] {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let pointer = format!("{item_pointer}/{method}");
            let mut parameters: Vec<Parameter> = Vec::new();
            let own = operation.get("parameters").and_then(Value::as_array);
            for (list, base) in [(shared, item_pointer.clone()), (own, pointer.clone())] {
                for (index, _) in list.into_iter().flatten().enumerate() {
                    let at = format!("{base}/parameters/{index}");
                    if let Some(parameter) = parameter(document, &at) {
                        parameters.retain(|p| {
                            (p.location.as_str(), p.name.as_str())
                                != (parameter.location.as_str(), parameter.name.as_str())
                        });
                        parameters.push(parameter);
                    }
                }
            }
            let body = operation
                .get("requestBody")
                .map(|_| resolve(document, &format!("{pointer}/requestBody")))
                .and_then(|at| media_schema(document, &at));
            let responses = operation
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(status, _)| {
                    let at = resolve(document, &format!("{pointer}/responses/{}", escape(status)));
                    Response {
                        status: status.clone(),
                        schema: media_schema(document, &at),
                    }
                })
                .collect();
            operations.push(Operation {
                id: operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                method: method.to_uppercase(),
                path: path.clone(),
                pointer,
                parameters,
                body,
                responses,
            });
        }
    }
    operations
}

fn parameter(document: &Value, pointer: &str) -> Option<Parameter> {
    let pointer = resolve(document, pointer);
    let node = pointer_to(document, &pointer)?;
    Some(Parameter {
        location: node.get("in")?.as_str()?.to_owned(),
        name: node.get("name")?.as_str()?.to_owned(),
        required: node.get("required").and_then(Value::as_bool) == Some(true),
        pointer,
    })
}

/// The schema of the JSON media type of a body or response at `pointer`, or of its first one.
fn media_schema(document: &Value, pointer: &str) -> Option<String> {
    let content = pointer_to(document, pointer)?.get("content")?.as_object()?;
    let media = content
        .keys()
        .find(|media| media.as_str() == "application/json")
        .or_else(|| content.keys().next())?;
    content[media]
        .get("schema")
        .map(|_| format!("{pointer}/content/{}/schema", escape(media)))
}

/// Follows `$ref`s from `pointer` to the node they end at.
fn resolve(document: &Value, pointer: &str) -> String {
    let mut pointer = pointer.to_owned();
    for _ in 0..32 {
        match pointer_to(document, &pointer)
            .and_then(|node| node.get("$ref"))
            .and_then(Value::as_str)
        {
            Some(target) => pointer = target.to_owned(),
            None => break,
        }
    }
    pointer
}

/// The component a `$ref` names: `#/components/schemas/app` gives `app`.
fn component_name(pointer: &str) -> Option<&str> {
    pointer.strip_prefix("#/components/schemas/")
}

/// The JSON type the schema at `pointer` declares, written as the reference writes types:
/// `integer`, `array of number`. It is found through `$ref`s and an `allOf` of one part (the 3.0
/// way to annotate a reference); `None` when the schema declares none.
pub fn declared_type(document: &Value, pointer: &str) -> Option<String> {
    let pointer = resolve(document, pointer);
    let node = pointer_to(document, &pointer)?;
    match node.get("type").and_then(Value::as_str) {
        Some("array") => {
            let items = declared_type(document, &format!("{pointer}/items"));
            Some(items.map_or_else(|| "array".to_owned(), |items| format!("array of {items}")))
        }
        Some(declared) => Some(declared.to_owned()),
        None => match node
            .get("allOf")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
        {
            Some([_]) => declared_type(document, &format!("{pointer}/allOf/0")),
            _ => None,
        },
    }
}

/// How the reference lists the values of a map, and how a map's schema shows them here.
pub const ADDITIONAL_PROPERTIES: &str = "(additional properties)";

/// The fields of the schema at `pointer`, which is reached as `identity` unless it is (or wraps
/// in an `allOf`) a component, whose name it then takes.
pub fn shape(document: &Value, pointer: &str, identity: &str) -> Shape {
    let identity = identity_of(document, pointer, identity);
    let mut properties = Vec::new();
    let mut required = BTreeSet::new();
    collect(
        document,
        pointer,
        &identity,
        &mut BTreeSet::new(),
        &mut properties,
        &mut required,
    );
    let mut seen = BTreeSet::new();
    properties.retain(|property: &Property| seen.insert(property.name.clone()));
    for property in &mut properties {
        property.required = required.contains(&property.name);
    }
    Shape {
        identity,
        properties,
    }
}

/// The shape of a property's value: its own fields, or its items' for an array.
pub fn child_shape(document: &Value, property: &Property) -> Shape {
    shape(document, &property.schema, &property.key())
}

fn identity_of(document: &Value, pointer: &str, identity: &str) -> String {
    let Some(node) = pointer_to(document, pointer) else {
        return identity.to_owned();
    };
    if let Some(target) = node.get("$ref").and_then(Value::as_str) {
        return component_name(target)
            .map_or_else(|| identity_of(document, target, identity), str::to_owned);
    }
    if node.get("properties").is_none() {
        if node.get("items").is_some() {
            return identity_of(document, &format!("{pointer}/items"), identity);
        }
        if let Some(parts) = node.get("allOf").and_then(Value::as_array) {
            let references: Vec<usize> = (0..parts.len())
                .filter(|index| parts[*index].get("$ref").is_some())
                .collect();
            if let [only] = references[..] {
                let others_add_fields = parts.iter().any(|part| part.get("properties").is_some());
                if !others_add_fields {
                    return identity_of(document, &format!("{pointer}/allOf/{only}"), identity);
                }
            }
        }
    }
    identity.to_owned()
}

fn collect(
    document: &Value,
    pointer: &str,
    identity: &str,
    visiting: &mut BTreeSet<String>,
    properties: &mut Vec<Property>,
    required: &mut BTreeSet<String>,
) {
    let Some(node) = pointer_to(document, pointer) else {
        return;
    };
    if !visiting.insert(pointer.to_owned()) {
        return;
    }
    if let Some(target) = node.get("$ref").and_then(Value::as_str) {
        let owner = component_name(target).unwrap_or(identity);
        collect(document, target, owner, visiting, properties, required);
    }
    for keyword in ["allOf", "oneOf", "anyOf"] {
        let parts = node.get(keyword).and_then(Value::as_array);
        for index in 0..parts.map_or(0, Vec::len) {
            let part = format!("{pointer}/{keyword}/{index}");
            collect(document, &part, identity, visiting, properties, required);
        }
    }
    if node.get("items").is_some() {
        let items = format!("{pointer}/items");
        collect(document, &items, identity, visiting, properties, required);
    }
    if node
        .get("additionalProperties")
        .is_some_and(Value::is_object)
    {
        properties.push(Property {
            name: ADDITIONAL_PROPERTIES.to_owned(),
            required: false,
            owner: identity.to_owned(),
            schema: format!("{pointer}/additionalProperties"),
        });
    }
    if let Some(declared) = node.get("properties").and_then(Value::as_object) {
        for name in declared.keys() {
            properties.push(Property {
                name: name.clone(),
                required: false,
                owner: identity.to_owned(),
                schema: format!("{pointer}/properties/{}", escape(name)),
            });
        }
    }
    for name in node
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        required.insert(name.to_owned());
    }
    visiting.remove(pointer);
}

/// What is reachable from the bodies and responses of some operations.
#[derive(Debug, Default)]
pub struct Reachable {
    /// Every field, by key.
    pub fields: BTreeMap<String, Property>,
    /// For each object, the names of the fields it is the value of (`""` for a body itself).
    pub parents: BTreeMap<String, BTreeSet<String>>,
    shapes_seen: BTreeSet<String>,
}

impl Reachable {
    /// Adds what the body or response schema at `pointer` reaches; `identity` names it if it is
    /// not a component.
    pub fn add(&mut self, document: &Value, pointer: &str, identity: &str) {
        self.walk(document, pointer, identity, "");
    }

    fn walk(&mut self, document: &Value, pointer: &str, identity: &str, parent: &str) {
        let shape = shape(document, pointer, identity);
        self.parents
            .entry(shape.identity.clone())
            .or_default()
            .insert(parent.to_owned());
        if !self.shapes_seen.insert(shape.identity.clone()) {
            return;
        }
        for property in shape.properties {
            self.walk(document, &property.schema, &property.key(), &property.name);
            self.fields.insert(property.key(), property);
        }
    }
}

/// The node at a `#/a/b` pointer of the document.
fn pointer_to<'a>(document: &'a Value, pointer: &str) -> Option<&'a Value> {
    document.pointer(pointer.strip_prefix('#').unwrap_or(pointer))
}

/// One token of a JSON pointer, escaped.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Every property and parameter name the spec uses: what a name glued to an example may be.
pub fn names(document: &Value) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    gather_names(document, &mut names);
    names
}

fn gather_names(node: &Value, names: &mut BTreeSet<String>) {
    match node {
        Value::Object(map) => {
            if let Some(properties) = map.get("properties").and_then(Value::as_object) {
                names.extend(properties.keys().cloned());
            }
            if map.get("in").is_some_and(Value::is_string)
                && let Some(name) = map.get("name").and_then(Value::as_str)
            {
                names.insert(name.to_owned());
            }
            map.values().for_each(|value| gather_names(value, names));
        }
        Value::Array(items) => items.iter().for_each(|value| gather_names(value, names)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document() -> Value {
        json!({
            "paths": {
                "/v2/things/{id}": {
                    "parameters": [{"$ref": "#/components/parameters/id"}],
                    "get": {
                        "operationId": "things_get",
                        "parameters": [{"name": "page", "in": "query"}],
                        "responses": {
                            "200": {"content": {"application/json": {"schema": {
                                "type": "object",
                                "properties": {"thing": {"$ref": "#/components/schemas/thing"}}
                            }}}},
                            "default": {"$ref": "#/components/responses/error"}
                        }
                    }
                }
            },
            "components": {
                "parameters": {"id": {"name": "id", "in": "path", "required": true}},
                "responses": {"error": {"content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/error"
                }}}}},
                "schemas": {
                    "error": {"type": "object", "properties": {"id": {"type": "string"}}},
                    "base": {
                        "type": "object",
                        "properties": {"name": {"type": "string"}, "size": {"type": "integer"}},
                        "required": ["name"]
                    },
                    "thing": {
                        "allOf": [
                            {"$ref": "#/components/schemas/base"},
                            {
                                "type": "object",
                                "properties": {
                                    "parts": {"type": "array", "items": {
                                        "type": "object",
                                        "properties": {"label": {"type": "string"}}
                                    }},
                                    "parent": {
                                        "description": "The parent.",
                                        "allOf": [{"$ref": "#/components/schemas/thing"}]
                                    }
                                },
                                "required": ["size"]
                            }
                        ]
                    }
                }
            }
        })
    }

    #[test]
    fn operations_carry_their_parameters_bodies_and_responses() {
        let document = document();
        let operations = operations(&document);
        let [get] = &operations[..] else {
            panic!("one operation")
        };
        assert_eq!(
            (get.id.as_str(), get.method.as_str()),
            ("things_get", "GET")
        );
        let parameters: Vec<(&str, &str, bool)> = get
            .parameters
            .iter()
            .map(|p| (p.location.as_str(), p.name.as_str(), p.required))
            .collect();
        assert_eq!(parameters, [("path", "id", true), ("query", "page", false)]);
        let statuses: Vec<(&str, Option<&str>)> = get
            .responses
            .iter()
            .map(|r| (r.status.as_str(), r.schema.as_deref()))
            .collect();
        assert_eq!(
            statuses,
            [
                (
                    "200",
                    Some(
                        "#/paths/~1v2~1things~1{id}/get/responses/200/content/application~1json/schema"
                    )
                ),
                (
                    "default",
                    Some("#/components/responses/error/content/application~1json/schema")
                )
            ]
        );
    }

    #[test]
    fn all_of_parts_merge_with_their_owners_and_every_required_list() {
        let document = document();
        let thing = shape(&document, "#/components/schemas/thing", "thing");
        let fields: Vec<(String, bool)> = thing
            .properties
            .iter()
            .map(|p| (p.key(), p.required))
            .collect();
        assert_eq!(
            fields,
            [
                ("base.name".to_owned(), true),
                ("base.size".to_owned(), true),
                ("thing.parts".to_owned(), false),
                ("thing.parent".to_owned(), false)
            ]
        );
        let parts = child_shape(&document, thing.get("parts").unwrap());
        assert_eq!(parts.identity, "thing.parts");
        assert_eq!(parts.properties[0].key(), "thing.parts.label");
        let parent = child_shape(&document, thing.get("parent").unwrap());
        assert_eq!(
            parent.identity, "thing",
            "an allOf around one reference is that component"
        );
    }

    #[test]
    fn a_declared_type_is_found_through_references_and_arrays() {
        let document = json!({"components": {"schemas": {
            "count": {"type": "integer"},
            "holder": {"type": "object", "properties": {
                "annotated": {"description": "A count.", "allOf": [{"$ref": "#/components/schemas/count"}]},
                "counts": {"type": "array", "items": {"$ref": "#/components/schemas/count"}},
                "merged": {"allOf": [{"$ref": "#/components/schemas/count"}, {"type": "string"}]},
                "share": {"type": "number"},
                "anything": {"description": "Any value."}
            }}
        }}});
        let declared = |name: &str| {
            let pointer = format!("#/components/schemas/holder/properties/{name}");
            declared_type(&document, &pointer)
        };
        assert_eq!(declared("annotated").as_deref(), Some("integer"));
        assert_eq!(declared("counts").as_deref(), Some("array of integer"));
        assert_eq!(declared("share").as_deref(), Some("number"));
        assert_eq!(
            declared("merged"),
            None,
            "an allOf of several parts is not read"
        );
        assert_eq!(declared("anything"), None);
        assert_eq!(declared("missing"), None);
    }

    #[test]
    fn reachable_fields_stop_at_a_cycle_and_know_what_holds_each_object() {
        let document = document();
        let mut reachable = Reachable::default();
        reachable.add(&document, "#/components/schemas/thing", "thing");
        let keys: Vec<&str> = reachable.fields.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "base.name",
                "base.size",
                "thing.parent",
                "thing.parts",
                "thing.parts.label"
            ]
        );
        let parents: Vec<&str> = reachable.parents["thing"]
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(parents, ["", "parent"]);
        assert!(reachable.parents["thing.parts"].contains("parts"));
    }
}
