//! What a node of the document is, told by the keys on the way to it: a name chosen by the
//! spec's author, a literal value, or a schema.

use serde_json::Value;

/// Maps whose keys are names chosen by the spec's author, so that a property may be called
/// `$ref` or `example`, and a response `default`.
const NAMED_MAPS: &[&str] = &[
    "$defs",
    "callbacks",
    "content",
    "dependentSchemas",
    "encoding",
    "examples",
    "headers",
    "links",
    "mapping",
    "parameters",
    "pathItems",
    "paths",
    "patternProperties",
    "properties",
    "requestBodies",
    "responses",
    "schemas",
    "securitySchemes",
    "variables",
    "webhooks",
];

/// Whether the node at `path` is such a map. Its key alone does not tell: a property may be
/// called `links` or `properties`, so the key must not itself be a name in such a map.
pub(super) fn is_name_position(path: &[String]) -> bool {
    match path.split_last() {
        Some((key, parent)) => NAMED_MAPS.contains(&key.as_str()) && !is_name_position(parent),
        None => false,
    }
}

/// Values that are data, not spec: examples, defaults, enums and extensions.
pub(super) fn is_literal(path: &[String], key: &str) -> bool {
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

/// Whether the node at `path` is a schema, by the keyword that holds it.
pub(super) fn is_schema_position(path: &[String]) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    if let Some((holder, outer)) = parent.split_last() {
        // An entry of a map of schemas: a property, a definition, a component.
        let keyword = !is_name_position(outer);
        if keyword
            && matches!(
                holder.as_str(),
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas"
            )
        {
            return true;
        }
        if outer == ["components"] && holder == "schemas" {
            return true;
        }
    }
    if is_name_position(parent) {
        // A name in another map: a media type, a response code.
        return false;
    }
    match last.as_str() {
        "schema"
        | "items"
        | "additionalProperties"
        | "not"
        | "additionalItems"
        | "contains"
        | "propertyNames"
        | "if"
        | "then"
        | "else"
        | "unevaluatedItems"
        | "unevaluatedProperties" => true,
        _ => {
            last.parse::<usize>().is_ok()
                && matches!(
                    parent.last().map(String::as_str),
                    Some("allOf" | "anyOf" | "oneOf" | "prefixItems" | "items")
                )
        }
    }
}

/// Calls `visit` on every schema below `value` (found at `path`), each before the schemas inside
/// it, so that what `visit` makes of a schema is what the walk goes on into. Literal values
/// (examples, defaults, extensions) are not entered.
pub(super) fn visit_schemas(
    value: &mut Value,
    path: &mut Vec<String>,
    visit: &mut dyn FnMut(&mut Value, &[String]),
) {
    visit_nodes(value, path, &mut |value, path| {
        if is_schema_position(path) {
            visit(value, path);
        }
    });
}

/// Calls `visit` on every node below `value` (found at `path`) that is not a literal value,
/// each before the nodes inside it.
pub(super) fn visit_nodes(
    value: &mut Value,
    path: &mut Vec<String>,
    visit: &mut dyn FnMut(&mut Value, &[String]),
) {
    visit(value, path);
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if is_literal(path, key) {
                    continue;
                }
                path.push(key.clone());
                visit_nodes(child, path, visit);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                path.push(index.to_string());
                visit_nodes(child, path, visit);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Whether the node at `path` is a response: an entry of an operation's `responses`, or of
/// `components/responses`.
pub(super) fn is_response_position(path: &[String]) -> bool {
    match path.split_last() {
        Some((_, parent)) => {
            parent.last().is_some_and(|key| key == "responses") && is_name_position(parent)
        }
        None => false,
    }
}
