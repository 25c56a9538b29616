//! Synthetic specs of any size, for measuring how generation scales. Each tag is a small CRUD
//! resource (list with paging, create, get, update, delete, then actions on an item) with its own
//! schemas, and every operation shares one error schema, as real APIs do. The spec stays within
//! what progenitor accepts, so that both generators can be timed on the same file.

use serde_json::{Map, Value, json};

/// A spec of `operations` operations spread evenly over `tags` tags.
pub fn spec(operations: usize, tags: usize) -> Value {
    let tags = tags.max(1);
    let mut paths = Map::new();
    let mut schemas = Map::new();
    schemas.insert(
        "Error".into(),
        json!({
            "type": "object",
            "description": "What went wrong.",
            "required": ["id", "message"],
            "properties": {
                "id": {"type": "string", "description": "A short code."},
                "message": {"type": "string", "description": "For humans."},
                "request_id": {"type": "string", "description": "To quote to support."}
            }
        }),
    );
    for tag in 0..tags {
        let count = operations / tags + usize::from(tag < operations % tags);
        if count > 0 {
            resource(tag, count, &mut paths, &mut schemas);
        }
    }
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Synthetic",
            "version": "1.0.0",
            "description": format!("{operations} operations in {tags} tags.")
        },
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas}
    })
}

fn resource(
    tag: usize,
    count: usize,
    paths: &mut Map<String, Value>,
    schemas: &mut Map<String, Value>,
) {
    let name = format!("Thing{tag}");
    let tag_name = format!("things{tag}");
    let collection = format!("/v1/things{tag}");
    let item = format!("{collection}/{{id}}");
    schemas.insert(name.clone(), thing(&name));
    schemas.insert(
        format!("{name}List"),
        json!({
            "type": "object",
            "required": ["items"],
            "properties": {
                "items": {"type": "array", "items": {"$ref": format!("#/components/schemas/{name}")}},
                "next": {"type": "string", "description": "The next page, if any."}
            }
        }),
    );
    schemas.insert(
        format!("{name}Input"),
        json!({
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "description": "What to call it."},
                "size": {"type": "integer", "format": "int32", "description": "How big."},
                "labels": {"type": "array", "items": {"type": "string"}}
            }
        }),
    );
    let reference = |schema: &str| json!({"$ref": format!("#/components/schemas/{schema}")});
    let id_param = json!({"name": "id", "in": "path", "required": true, "description": "The item.", "schema": {"type": "string"}});
    for index in 0..count {
        let (path, method, operation) = match index {
            0 => (
                collection.clone(),
                "get",
                json!({
                    "summary": format!("List the {tag_name}"),
                    "parameters": [
                        {"name": "page", "in": "query", "schema": {"type": "integer", "format": "int32"}},
                        {"name": "per_page", "in": "query", "schema": {"type": "integer", "format": "int32"}},
                        {"name": "filter", "in": "query", "schema": {"type": "string"}}
                    ],
                    "responses": responses(Some(reference(&format!("{name}List"))))
                }),
            ),
            1 => (
                collection.clone(),
                "post",
                json!({
                    "summary": format!("Create a thing of {tag_name}"),
                    "requestBody": body(reference(&format!("{name}Input"))),
                    "responses": responses(Some(reference(&name)))
                }),
            ),
            2 => (
                item.clone(),
                "get",
                json!({
                    "summary": "Get one",
                    "parameters": [id_param],
                    "responses": responses(Some(reference(&name)))
                }),
            ),
            3 => (
                item.clone(),
                "put",
                json!({
                    "summary": "Replace one",
                    "parameters": [id_param],
                    "requestBody": body(reference(&format!("{name}Input"))),
                    "responses": responses(Some(reference(&name)))
                }),
            ),
            4 => (
                item.clone(),
                "delete",
                json!({
                    "summary": "Delete one",
                    "parameters": [id_param],
                    "responses": responses(None)
                }),
            ),
            action => (
                format!("{item}/actions/action{action}"),
                "post",
                json!({
                    "summary": format!("Run action {action}"),
                    "parameters": [id_param, {"name": "dry_run", "in": "query", "schema": {"type": "boolean"}}],
                    "responses": responses(Some(reference(&name)))
                }),
            ),
        };
        let mut operation = operation;
        operation["operationId"] = format!("things{tag}_op{index}").into();
        operation["tags"] = json!([tag_name]);
        let entry = paths.entry(path).or_insert_with(|| json!({}));
        entry[method] = operation;
    }
}

fn thing(name: &str) -> Value {
    json!({
        "type": "object",
        "description": format!("A {name}."),
        "required": ["id", "name", "created_at"],
        "properties": {
            "id": {"type": "string", "description": "Its identifier."},
            "name": {"type": "string", "description": "What it is called."},
            "created_at": {"type": "string", "format": "date-time", "description": "When it was made."},
            "size": {"type": "integer", "format": "int64", "description": "How big it is."},
            "ratio": {"type": "number", "format": "double"},
            "enabled": {"type": "boolean"},
            "state": {"type": "string", "enum": ["pending", "active", "deleted"], "description": "Where it is in its life."},
            "labels": {"type": "array", "items": {"type": "string"}},
            "owner": {
                "type": "object",
                "description": "Who owns it.",
                "properties": {
                    "email": {"type": "string"},
                    "team": {"type": "string"}
                }
            }
        }
    })
}

fn body(schema: Value) -> Value {
    json!({"required": true, "content": {"application/json": {"schema": schema}}})
}

fn responses(success: Option<Value>) -> Value {
    let error = json!({
        "description": "An error.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    });
    // Errors by range rather than `default`, which progenitor reads as a second success type.
    match success {
        Some(schema) => json!({
            "200": {"description": "Done.", "content": {"application/json": {"schema": schema}}},
            "4XX": error,
            "5XX": error
        }),
        None => json!({"204": {"description": "Gone."}, "4XX": error, "5XX": error}),
    }
}
