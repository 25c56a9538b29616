//! Schema keywords whose value has the wrong type (`pattern: 0`, `maxLength: "10"`,
//! `required: true` on a property, as Swagger 2 wrote it). The OpenAPI model cannot hold them,
//! and a strict reading would refuse the whole spec for a rule that only validates; each is read
//! as its plain form when it has one (`"10"` is 10, `12` the text `12` in a description) and
//! otherwise ignored, with a warning either way.

use serde_json::{Number, Value};

use super::Bundle;
use super::notes::Notes;
use super::position::visit_schemas;
use crate::warning::Warning;

/// What each keyword holds.
#[derive(Clone, Copy)]
enum Kind {
    /// Words for people: a number or a flag there is its text.
    Prose,
    Text,
    Count,
    Number,
    Flag,
    Names,
}

const KEYWORDS: &[(&str, Kind)] = &[
    ("title", Kind::Prose),
    ("description", Kind::Prose),
    ("type", Kind::Text),
    ("pattern", Kind::Text),
    ("format", Kind::Text),
    ("minLength", Kind::Count),
    ("maxLength", Kind::Count),
    ("minItems", Kind::Count),
    ("maxItems", Kind::Count),
    ("minProperties", Kind::Count),
    ("maxProperties", Kind::Count),
    ("minimum", Kind::Number),
    ("maximum", Kind::Number),
    ("multipleOf", Kind::Number),
    ("nullable", Kind::Flag),
    ("readOnly", Kind::Flag),
    ("writeOnly", Kind::Flag),
    ("deprecated", Kind::Flag),
    ("uniqueItems", Kind::Flag),
    ("exclusiveMinimum", Kind::Flag),
    ("exclusiveMaximum", Kind::Flag),
    ("required", Kind::Names),
];

/// Reads the keywords of wrong type of every schema of the (3.0) document.
pub(super) fn read(bundle: &mut Bundle) -> Vec<Warning> {
    let mut notes = Notes::default();
    visit_schemas(
        &mut bundle.document,
        &mut Vec::new(),
        &mut |schema, path| {
            let Value::Object(map) = schema else {
                return;
            };
            for (keyword, kind) in KEYWORDS {
                let Some(value) = map.get(*keyword) else {
                    continue;
                };
                if fits(value, *kind) {
                    continue;
                }
                let mut at = path.to_vec();
                at.push((*keyword).to_owned());
                match plain(value, *kind) {
                    Some(plain) => {
                        notes.add(
                            &at,
                            format!("`{keyword}: {value}` is read as `{keyword}: {plain}`"),
                            kind.hint(),
                        );
                        map.insert((*keyword).to_owned(), plain);
                    }
                    None => {
                        notes.add(
                            &at,
                            format!("`{keyword}: {value}` is not {}; it is ignored", kind.noun()),
                            kind.hint(),
                        );
                        map.remove(*keyword);
                    }
                }
            }
        },
    );
    notes.located(bundle)
}

impl Kind {
    fn hint(self) -> &'static str {
        match self {
            Kind::Names => {
                "name the required properties in the `required` list of the object that holds them"
            }
            _ => "give the keyword a value of the type the OpenAPI specification names",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Prose | Kind::Text => "a string",
            Kind::Count => "a non-negative integer",
            Kind::Number => "a number",
            Kind::Flag => "`true` or `false`",
            Kind::Names => "a list of property names",
        }
    }
}

fn fits(value: &Value, kind: Kind) -> bool {
    match kind {
        Kind::Prose | Kind::Text => value.is_string(),
        Kind::Count => value.is_u64(),
        Kind::Number => value.is_number(),
        Kind::Flag => value.is_boolean(),
        Kind::Names => value
            .as_array()
            .is_some_and(|names| names.iter().all(Value::is_string)),
    }
}

/// The value said in the form the keyword takes, when it is the same value.
fn plain(value: &Value, kind: Kind) -> Option<Value> {
    match (kind, value) {
        (Kind::Prose, Value::Number(_) | Value::Bool(_)) => Some(Value::String(value.to_string())),
        (Kind::Count, Value::String(text)) => text.trim().parse::<u64>().ok().map(Value::from),
        (Kind::Count, Value::Number(n)) => n
            .as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < u64::MAX as f64)
            .map(|f| Value::from(f as u64)),
        (Kind::Number, Value::String(text)) => {
            let text = text.trim();
            match text.parse::<i64>() {
                Ok(integer) => Some(Value::from(integer)),
                Err(_) => text
                    .parse::<f64>()
                    .ok()
                    .and_then(Number::from_f64)
                    .map(Value::Number),
            }
        }
        (Kind::Flag, Value::String(text)) => match text.as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::json;

    use super::super::{InMemory, load_with};

    #[test]
    fn keywords_of_the_wrong_type_are_read_plainly_or_ignored() {
        let text = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    thing:
      type: object
      required: [id]
      properties:
        id: {type: string, pattern: 0, maxLength: '10', required: true}
        size: {type: integer, minimum: '1', description: 12}
";
        let files = InMemory(vec![(PathBuf::from("api.yaml"), text.to_owned())]);
        let spec = load_with(&files, Path::new("api.yaml")).unwrap();
        let properties = &spec.bundle.document["components"]["schemas"]["thing"]["properties"];
        assert_eq!(properties["id"], json!({"type": "string", "maxLength": 10}));
        assert_eq!(
            properties["size"],
            json!({"type": "integer", "minimum": 1, "description": "12"})
        );
        let warnings: Vec<String> = spec.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(
            warnings,
            [
                "api.yaml:10:37 at #/components/schemas/thing/properties/id/pattern: `pattern: 0` is not a string; it is ignored",
                "api.yaml:10:51 at #/components/schemas/thing/properties/id/maxLength: `maxLength: \"10\"` is read as `maxLength: 10`",
                "api.yaml:10:67 at #/components/schemas/thing/properties/id/required: `required: true` is not a list of property names; it is ignored",
                "api.yaml:11:58 at #/components/schemas/thing/properties/size/description: `description: 12` is read as `description: \"12\"`",
                "api.yaml:11:40 at #/components/schemas/thing/properties/size/minimum: `minimum: \"1\"` is read as `minimum: 1`",
            ]
        );
    }
}
