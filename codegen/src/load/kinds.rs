//! References that name a component of another kind than their place takes: a schema that
//! references a response (`schema: {$ref: '#/components/responses/Error'}`), a response that
//! references a schema. Each has one sensible reading, taken with a warning: the response's
//! schema, and a JSON response of the schema.

use serde_json::{Map, Value};

use super::Bundle;
use super::notes::Notes;
use super::position::{is_response_position, is_schema_position, visit_nodes};
use crate::location::split_pointer;
use crate::warning::Warning;

pub(super) fn read(bundle: &mut Bundle) -> Vec<Warning> {
    let components = &bundle.document["components"];
    // What the readings need, taken out before the document changes: the responses, and the
    // description of each schema.
    let responses = components["responses"].clone();
    let descriptions: Map<String, Value> = components["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, schema)| {
            let description = schema.get("description").cloned();
            (name.clone(), description.unwrap_or_default())
        })
        .collect();
    let mut notes = Notes::default();
    visit_nodes(&mut bundle.document, &mut Vec::new(), &mut |value, path| {
        let Some(tokens) = value.get("$ref").and_then(Value::as_str).map(split_pointer) else {
            return;
        };
        let [root, kind, name] = tokens.as_slice() else {
            return;
        };
        if root != "components" {
            return;
        }
        if kind == "responses" && is_schema_position(path) {
            let (schema, from) = response_schema(&responses[name.as_str()], path);
            notes.add(
                path,
                format!("`$ref` names the response `{name}`, not a schema; it is read as {from}"),
                "reference the schema under `#/components/schemas/`",
            );
            *value = schema;
        } else if kind == "schemas" && is_response_position(path) {
            let description = match descriptions.get(name) {
                Some(Value::String(text)) => Value::String(text.clone()),
                _ => Value::String(String::new()),
            };
            notes.add(
                path,
                format!("`$ref` names the schema `{name}`, not a response; it is read as a JSON response of that schema"),
                "describe the response with `description` and `content`, its schema under `content`",
            );
            *value = object([
                ("description", description),
                (
                    "content",
                    object([("application/json", object([("schema", value.take())]))]),
                ),
            ]);
        }
    });
    notes.located(bundle)
}

/// The schema of `response` for the media type of the place the reference is in (the content
/// it is under), else for JSON, else for its first media type; any value if it has none.
fn response_schema(response: &Value, path: &[String]) -> (Value, &'static str) {
    let content = response.get("content").and_then(Value::as_object);
    let media_type = path
        .iter()
        .rev()
        .zip(path.iter().rev().skip(1))
        .find(|(_, parent)| *parent == "content")
        .map(|(media_type, _)| media_type.as_str());
    let schema = content.and_then(|content| {
        media_type
            .and_then(|m| content.get(m))
            .or_else(|| content.get("application/json"))
            .or_else(|| content.values().next())
            .and_then(|media| media.get("schema"))
    });
    match schema {
        Some(schema) => (schema.clone(), "the schema of that response"),
        None => (
            Value::Object(Map::new()),
            "any JSON value, since that response has no schema",
        ),
    }
}

fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::json;

    use super::super::{InMemory, load_with};

    #[test]
    fn a_reference_to_a_component_of_another_kind_reads_as_what_its_place_takes() {
        let text = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /captions:
    get:
      responses:
        '200':
          description: ok
          content:
            text/vtt:
              schema: {$ref: '#/components/responses/captions'}
        '204':
          description: done
          content:
            application/json:
              schema: {$ref: '#/components/responses/empty'}
        '400': {$ref: '#/components/schemas/problem'}
components:
  responses:
    captions:
      description: Captions.
      content:
        text/vtt:
          schema: {type: string}
    empty: {description: Nothing.}
  schemas:
    problem: {type: object, description: What went wrong.}
";
        let files = InMemory(vec![(PathBuf::from("api.yaml"), text.to_owned())]);
        let spec = load_with(&files, Path::new("api.yaml")).unwrap();
        let responses = &spec.bundle.document["paths"]["/captions"]["get"]["responses"];
        assert_eq!(
            responses["200"]["content"]["text/vtt"]["schema"],
            json!({"type": "string"})
        );
        assert_eq!(
            responses["204"]["content"]["application/json"]["schema"],
            json!({})
        );
        assert_eq!(
            responses["400"],
            json!({
                "description": "What went wrong.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/problem"}}},
            })
        );
        let warnings: Vec<String> = spec.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            warnings,
            [
                "api.yaml:11:23 at #/paths/~1captions/get/responses/200/content/text~1vtt/schema: `$ref` names the response `captions`, not a schema; it is read as the schema of that response",
                "api.yaml:16:23 at #/paths/~1captions/get/responses/204/content/application~1json/schema: `$ref` names the response `empty`, not a schema; it is read as any JSON value, since that response has no schema",
                "api.yaml:17:16 at #/paths/~1captions/get/responses/400: `$ref` names the schema `problem`, not a response; it is read as a JSON response of that schema",
            ]
        );
    }
}
