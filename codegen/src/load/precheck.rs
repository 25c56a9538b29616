//! Checks of the bundled document that give a clearer message than the OpenAPI parser would
//! for common mistakes.

use serde_json::Value;

use super::{Bundle, LoadError};
use crate::location::join_pointer;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn list<'v>(value: Option<&'v Value>, at: Vec<String>, out: &mut Vec<(Vec<String>, &'v Value)>) {
    for (index, parameter) in value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let mut at = at.clone();
        at.extend(["parameters".to_owned(), index.to_string()]);
        out.push((at, parameter));
    }
}

pub(super) fn check(bundle: &Bundle) -> Result<(), LoadError> {
    let document = &bundle.document;
    let mut parameters: Vec<(Vec<String>, &Value)> = Vec::new();
    for (path, item) in document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let at = vec!["paths".to_owned(), path.clone()];
        list(item.get("parameters"), at.clone(), &mut parameters);
        for method in METHODS {
            if let Some(operation) = item.get(*method) {
                let mut at = at.clone();
                at.push((*method).to_owned());
                list(operation.get("parameters"), at, &mut parameters);
            }
        }
    }
    let components = document
        .get("components")
        .and_then(|c| c.get("parameters"))
        .and_then(Value::as_object);
    for (name, parameter) in components.into_iter().flatten() {
        parameters.push((
            vec!["components".into(), "parameters".into(), name.clone()],
            parameter,
        ));
    }
    for (at, parameter) in parameters {
        let Some(fields) = parameter.as_object() else {
            continue;
        };
        if fields.contains_key("$ref") {
            continue;
        }
        let name = fields.get("name").and_then(Value::as_str).unwrap_or("?");
        let invalid = |key: Option<&str>, message: String, hint: &'static str| {
            let mut at = at.clone();
            at.extend(key.map(str::to_owned));
            LoadError::Invalid {
                location: bundle.locate(&join_pointer(&at)),
                message,
                hint,
            }
        };
        match fields.get("in").and_then(Value::as_str) {
            Some("query" | "header" | "path" | "cookie") => {}
            Some(other) => {
                return Err(invalid(
                    Some("in"),
                    format!(
                        "parameter `{name}` is `in: {other}`; it must be query, header, path or cookie"
                    ),
                    "say where the parameter goes with one of these four",
                ));
            }
            None => {
                return Err(invalid(
                    None,
                    format!("parameter `{name}` has no `in`"),
                    "add `in: query` (or header, path or cookie)",
                ));
            }
        }
        match (
            fields.contains_key("schema"),
            fields.contains_key("content"),
        ) {
            (false, false) => {
                return Err(invalid(
                    None,
                    format!("parameter `{name}` has neither a `schema` nor a `content`"),
                    "give the parameter a `schema` (such as `schema: {type: string}`)",
                ));
            }
            (true, true) => {
                return Err(invalid(
                    None,
                    format!("parameter `{name}` has both a `schema` and a `content`"),
                    "keep one of the two",
                ));
            }
            _ => {}
        }
    }
    Ok(())
}
