//! Stage 1: read the spec's files, join their `$ref`s into one document and parse it as OpenAPI.

mod bundle;
mod error;
mod example_programs;
mod json;
mod kinds;
mod lenient;
mod notes;
mod openapi31;
mod position;
mod precheck;
mod source;
mod yaml;

use std::path::Path;

use serde_json::Value;

pub use bundle::{Bundle, HoistedSchema};
pub use error::LoadError;
pub use example_programs::{EXAMPLES_DIR, ExampleProgram, example_programs};
pub use source::{Disk, Files, Format, InMemory, SourceFile, display as source_display, normalize};

use crate::location::join_pointer;

/// A loaded spec: the parsed document and the way back to the files it came from.
#[derive(Debug)]
pub struct Spec {
    pub openapi: openapiv3::OpenAPI,
    pub bundle: Bundle,
    /// What loading read although it is odd.
    pub warnings: Vec<crate::Warning>,
}

impl Spec {
    /// The file, line and pointer of a node of the bundled document.
    pub fn locate(&self, pointer: &str) -> crate::Location {
        self.bundle.locate(pointer)
    }
}

/// Loads the spec whose root file is `root`, reading files from the disk.
pub fn load(root: &Path) -> Result<Spec, LoadError> {
    load_with(&Disk, root)
}

/// Loads the spec whose root file is `root`, reading files through `files`.
pub fn load_with(files: &dyn Files, root: &Path) -> Result<Spec, LoadError> {
    let mut bundle = bundle::bundle(files, normalize(root))?;
    let mut warnings = match check_version(&bundle)? {
        Version::V30 => Vec::new(),
        Version::V31 => openapi31::downgrade(&mut bundle),
    };
    warnings.extend(kinds::read(&mut bundle));
    warnings.extend(lenient::read(&mut bundle));
    precheck::check(&bundle)?;
    let openapi = match attempt::<openapiv3::OpenAPI>(&bundle.document, &[]) {
        Ok(openapi) => openapi,
        Err(whole) => {
            // openapiv3's untagged and flattened types lose the path of an error; trying the
            // parts one by one finds the node that is wrong.
            let (tokens, message) = narrow(&bundle.document).unwrap_or(whole);
            return Err(LoadError::Invalid {
                location: bundle.locate(&join_pointer(&tokens)),
                message,
                hint: error::COMPARE_WITH_THE_SPECIFICATION,
            });
        }
    };
    Ok(Spec {
        openapi,
        bundle,
        warnings,
    })
}

/// Deserializes `value` (found at `base`) as `T`, or says where inside it deserializing failed.
fn attempt<T: serde::de::DeserializeOwned>(
    value: &Value,
    base: &[String],
) -> Result<T, (Vec<String>, String)> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let mut tokens = base.to_vec();
        tokens.extend(error.path().iter().filter_map(|segment| match segment {
            serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
            serde_path_to_error::Segment::Map { key } => Some(key.clone()),
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {
                None
            }
        }));
        (tokens, error.inner().to_string())
    })
}

/// The first part of the document that does not deserialize on its own, as deep as the
/// document's structure is known.
fn narrow(document: &Value) -> Option<(Vec<String>, String)> {
    use openapiv3::{
        Header, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Schema,
    };

    fn check<T: serde::de::DeserializeOwned>(
        value: &Value,
        at: &[String],
    ) -> Option<(Vec<String>, String)> {
        attempt::<T>(value, at).err()
    }
    fn entries(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
        value.and_then(Value::as_object).into_iter().flatten()
    }
    fn child(at: &[String], key: &str) -> Vec<String> {
        let mut tokens = at.to_vec();
        tokens.push(key.to_owned());
        tokens
    }
    fn schema(value: &Value, at: &[String]) -> Option<(Vec<String>, String)> {
        for key in ["properties"] {
            for (name, property) in entries(value.get(key)) {
                if let Some(found) = schema(property, &child(&child(at, key), name)) {
                    return Some(found);
                }
            }
        }
        for key in ["items", "additionalProperties", "not"] {
            if let Some(inner) = value.get(key).filter(|v| v.is_object())
                && let Some(found) = schema(inner, &child(at, key))
            {
                return Some(found);
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for (index, inner) in value
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                if let Some(found) = schema(inner, &child(&child(at, key), &index.to_string())) {
                    return Some(found);
                }
            }
        }
        check::<ReferenceOr<Schema>>(value, at)
    }
    fn content(value: &Value, at: &[String]) -> Option<(Vec<String>, String)> {
        for (media_type, media) in entries(value.get("content")) {
            if let Some(inner) = media.get("schema") {
                let at = child(&child(&child(at, "content"), media_type), "schema");
                if let Some(found) = schema(inner, &at) {
                    return Some(found);
                }
            }
        }
        None
    }
    fn operation(value: &Value, at: &[String]) -> Option<(Vec<String>, String)> {
        for (index, parameter) in value
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = child(&child(at, "parameters"), &index.to_string());
            if let Some(found) = parameter
                .get("schema")
                .and_then(|s| schema(s, &child(&at, "schema")))
            {
                return Some(found);
            }
            if let Some(found) = check::<ReferenceOr<Parameter>>(parameter, &at) {
                return Some(found);
            }
        }
        if let Some(body) = value.get("requestBody") {
            let at = child(at, "requestBody");
            if let Some(found) =
                content(body, &at).or_else(|| check::<ReferenceOr<RequestBody>>(body, &at))
            {
                return Some(found);
            }
        }
        for (code, response) in entries(value.get("responses")) {
            let at = child(&child(at, "responses"), code);
            if let Some(found) =
                content(response, &at).or_else(|| check::<ReferenceOr<Response>>(response, &at))
            {
                return Some(found);
            }
        }
        None
    }

    let root: Vec<String> = Vec::new();
    for (path, item) in entries(document.get("paths")) {
        let at = child(&child(&root, "paths"), path);
        for method in [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ] {
            if let Some(value) = item.get(method) {
                let at = child(&at, method);
                if let Some(found) =
                    operation(value, &at).or_else(|| check::<Operation>(value, &at))
                {
                    return Some(found);
                }
            }
        }
        if let Some(found) =
            operation(item, &at).or_else(|| check::<ReferenceOr<PathItem>>(item, &at))
        {
            return Some(found);
        }
    }
    let components = child(&root, "components");
    for (name, value) in entries(document.get("components").and_then(|c| c.get("schemas"))) {
        if let Some(found) = schema(value, &child(&child(&components, "schemas"), name)) {
            return Some(found);
        }
    }
    for (kind, check_one) in [
        (
            "parameters",
            check::<ReferenceOr<Parameter>> as fn(&Value, &[String]) -> _,
        ),
        ("responses", check::<ReferenceOr<Response>>),
        ("requestBodies", check::<ReferenceOr<RequestBody>>),
        ("headers", check::<ReferenceOr<Header>>),
    ] {
        for (name, value) in entries(document.get("components").and_then(|c| c.get(kind))) {
            let at = child(&child(&components, kind), name);
            if let Some(found) = content(value, &at).or_else(|| check_one(value, &at)) {
                return Some(found);
            }
        }
    }
    None
}

/// The versions of OpenAPI that are read.
enum Version {
    V30,
    /// Rewritten as 3.0 before it is parsed.
    V31,
}

fn check_version(bundle: &Bundle) -> Result<Version, LoadError> {
    let version_error = |key: &str, message: String| LoadError::Version {
        location: bundle.locate(&join_pointer(&[key])),
        message,
    };
    if !bundle.document.is_object() {
        return Err(LoadError::Invalid {
            location: bundle.locate("#"),
            message: "the document is not a mapping of OpenAPI fields".into(),
            hint: "start the document with `openapi: 3.0.3`, `info` and `paths`",
        });
    }
    if let Some(swagger) = bundle.document.get("swagger") {
        return Err(version_error(
            "swagger",
            format!(
                "this is a Swagger {} document; only OpenAPI 3.0 and 3.1 are read",
                show(swagger)
            ),
        ));
    }
    match bundle.document.get("openapi") {
        Some(Value::String(version)) if version.starts_with("3.0.") || version == "3.0" => {
            Ok(Version::V30)
        }
        Some(Value::String(version)) if version.starts_with("3.1.") || version == "3.1" => {
            Ok(Version::V31)
        }
        Some(other) => Err(version_error(
            "openapi",
            format!(
                "OpenAPI version {} is not supported; only 3.0.x and 3.1.x are read",
                show(other)
            ),
        )),
        None => Err(LoadError::Version {
            location: bundle.locate("#"),
            message: "the document has no `openapi` version field".into(),
        }),
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::String(text) => format!("`{text}`"),
        other => format!("`{other}`"),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn files(entries: &[(&str, &str)]) -> InMemory {
        InMemory(
            entries
                .iter()
                .map(|(name, text)| (PathBuf::from(name), text.to_string()))
                .collect(),
        )
    }

    const ROOT: &str = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    $ref: 'things.yaml#/paths/~1things'
";

    const THINGS: &str = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    get:
      operationId: list_things
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/thing'
        default:
          $ref: 'shared/errors.yaml#/components/responses/error'
components:
  schemas:
    thing:
      type: object
      properties:
        id: {type: integer}
        example: {$ref: '#/components/schemas/thing'}
        links: {$ref: '#/components/schemas/thing'}
";

    const ERRORS: &str = "\
components:
  responses:
    error:
      description: failed
      content:
        application/json:
          schema: {$ref: '#/components/schemas/error'}
          example: {$ref: 'not a reference'}
  schemas:
    error:
      type: object
      properties:
        message: {type: string}
";

    #[test]
    fn references_across_files_become_components() {
        let spec = load_with(
            &files(&[
                ("spec/root.yaml", ROOT),
                ("spec/things.yaml", THINGS),
                ("spec/shared/errors.yaml", ERRORS),
            ]),
            Path::new("spec/root.yaml"),
        )
        .unwrap();
        let doc = &spec.bundle.document;
        // The path item was inlined, its schema and error response hoisted under their names.
        let get = &doc["paths"]["/things"]["get"];
        assert_eq!(get["operationId"], "list_things");
        assert_eq!(
            get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/thing"
        );
        assert_eq!(
            get["responses"]["default"]["$ref"],
            "#/components/responses/error"
        );
        assert_eq!(
            doc["components"]["responses"]["error"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/error"
        );
        assert_eq!(doc["components"]["schemas"]["error"]["type"], "object");
        // A property named `example` is a property; an `example` value is data.
        assert_eq!(
            doc["components"]["schemas"]["thing"]["properties"]["example"]["$ref"],
            "#/components/schemas/thing"
        );
        assert_eq!(
            doc["components"]["responses"]["error"]["content"]["application/json"]["example"]["$ref"],
            "not a reference"
        );
        // A property may be called like a map of names (`links`).
        assert_eq!(
            doc["components"]["schemas"]["thing"]["properties"]["links"]["$ref"],
            "#/components/schemas/thing"
        );
        // Locations lead back to the file the node was written in.
        let location = spec.locate("#/components/schemas/error/properties/message");
        assert_eq!(location.file, "spec/shared/errors.yaml");
        assert_eq!(location.line, Some(13));
        assert_eq!(
            location.pointer,
            "#/components/schemas/error/properties/message"
        );
        let location = spec.locate("#/paths/~1things/get/operationId");
        assert_eq!(location.file, "spec/things.yaml");
        assert_eq!(location.line, Some(6));
    }

    fn failure(entries: &[(&str, &str)]) -> LoadError {
        load_with(&files(entries), Path::new(entries[0].0)).unwrap_err()
    }

    #[test]
    fn a_missing_file_names_the_reference() {
        let error = failure(&[("spec/root.yaml", ROOT)]);
        let message = error.to_string();
        assert!(
            message.starts_with("cannot read spec/things.yaml"),
            "{message}"
        );
        assert!(
            message.contains("referenced from spec/root.yaml:5"),
            "{message}"
        );
    }

    #[test]
    fn a_dangling_reference_names_file_line_and_pointer() {
        let root = ROOT.replace("~1things'", "~1other'");
        let error = failure(&[("spec/root.yaml", &root), ("spec/things.yaml", THINGS)]);
        assert_eq!(
            error.to_string(),
            "spec/root.yaml:5:5 at #/paths/~1things: `$ref: things.yaml#/paths/~1other` \
             points at nothing: spec/things.yaml has no `#/paths/~1other`"
        );
    }

    #[test]
    fn a_reference_cycle_without_content_is_refused() {
        let text = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    a: {$ref: '#/components/schemas/b'}
    b: {$ref: '#/components/schemas/a'}
";
        let error = failure(&[("root.yaml", text)]);
        let LoadError::Cycle { location, chain } = &error else {
            panic!("{error}")
        };
        assert_eq!(location.line, Some(6));
        assert_eq!(
            chain,
            &[
                "#/components/schemas/a",
                "#/components/schemas/b",
                "#/components/schemas/a"
            ]
        );
    }

    #[test]
    fn an_inlined_reference_to_itself_is_refused() {
        let text = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a: {$ref: '#/x'}
x: {$ref: '#/x'}
";
        let error = failure(&[("root.yaml", text)]);
        assert!(matches!(error, LoadError::SelfCopy { .. }), "{error}");
    }

    #[test]
    fn a_recursive_schema_outside_components_becomes_a_component() {
        let root = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /nodes:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'models/node.yml'}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: 'models/node.yml'}
      responses:
        '204': {description: done}
components:
  schemas:
    node: {type: string}
";
        let node = "\
type: object
properties:
  name: {type: string}
  children:
    type: array
    items: {$ref: 'node.yml'}
";
        let spec = load_with(
            &files(&[("spec/root.yaml", root), ("spec/models/node.yml", node)]),
            Path::new("spec/root.yaml"),
        )
        .unwrap();
        let doc = &spec.bundle.document;
        // Named after its file, with a number since `node` is taken.
        let schema = &doc["components"]["schemas"]["node2"];
        assert_eq!(schema["type"], "object");
        assert_eq!(
            schema["properties"]["children"]["items"]["$ref"],
            "#/components/schemas/node2"
        );
        let get = "/paths/~1nodes/get/responses/200/content/application~1json/schema";
        let post = "/paths/~1nodes/post/requestBody/content/application~1json/schema";
        for at in [get, post] {
            assert_eq!(
                doc.pointer(at).unwrap()["$ref"],
                "#/components/schemas/node2",
                "{at}"
            );
        }
        let location = spec.locate("#/components/schemas/node2/properties/children/items");
        assert_eq!(location.file, "spec/models/node.yml");
        assert_eq!(location.line, Some(6));
        assert_eq!(location.pointer, "#/properties/children/items");
    }

    /// A root whose one operation answers with `schema` (YAML, one line).
    fn answering(schema: &str) -> String {
        format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {schema}\n"
        )
    }

    #[test]
    fn a_schema_file_becomes_one_component_named_after_its_file() {
        let root = answering(
            "{type: object, properties: {a: {$ref: 'models/app.yml'}, b: {$ref: 'models/app.yml'}, id: {$ref: 'attributes.yml#/app_id'}}}",
        );
        let app = "type: object\nproperties:\n  name: {type: string}\n";
        let attributes = "app_id: {type: string}\n";
        let spec = load_with(
            &files(&[
                ("spec/root.yaml", &root),
                ("spec/models/app.yml", app),
                ("spec/attributes.yml", attributes),
            ]),
            Path::new("spec/root.yaml"),
        )
        .unwrap();
        let doc = &spec.bundle.document;
        let body =
            &doc["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(body["properties"]["a"]["$ref"], "#/components/schemas/app");
        assert_eq!(body["properties"]["b"]["$ref"], "#/components/schemas/app");
        assert_eq!(
            body["properties"]["id"]["$ref"],
            "#/components/schemas/app_id"
        );
        let hoisted = spec.bundle.hoisted_schema("app").unwrap();
        assert_eq!(hoisted.file, "spec/models/app.yml");
        assert_eq!(hoisted.name.as_deref(), Some("app"));
        assert_eq!(
            spec.bundle
                .hoisted_schema("app_id")
                .unwrap()
                .name
                .as_deref(),
            Some("app_id")
        );
        let location = spec.locate("#/components/schemas/app/properties/name");
        assert_eq!(
            (location.file.as_str(), location.line),
            ("spec/models/app.yml", Some(3))
        );
    }

    #[test]
    fn a_reference_in_place_of_a_map_of_properties_is_that_map() {
        let root = answering("{$ref: 'models/app.yml'}");
        let app = "type: object\nproperties:\n  $ref: '../attributes.yml#/shared'\n  size: {type: integer}\n";
        let attributes = "shared:\n  id: {type: string}\n  size: {type: string}\n  owner: {$ref: '#/owner'}\nowner: {type: string, format: email}\n";
        let spec = load_with(
            &files(&[
                ("spec/root.yaml", &root),
                ("spec/models/app.yml", app),
                ("spec/attributes.yml", attributes),
            ]),
            Path::new("spec/root.yaml"),
        )
        .unwrap();
        let properties = &spec.bundle.document["components"]["schemas"]["app"]["properties"];
        assert_eq!(properties["id"]["type"], "string");
        // What is written beside the `$ref` wins over the map's own entry.
        assert_eq!(properties["size"]["type"], "integer");
        // The map's own references are read from the file it is in.
        assert_eq!(properties["owner"]["$ref"], "#/components/schemas/owner");
        assert!(properties.get("$ref").is_none());
        // A property named `$ref` is still a property, and a mapping's value still a value.
        let named = answering(
            "{type: object, properties: {$ref: {type: string}}, discriminator: {propertyName: k, mapping: {$ref: '#/components/schemas/x'}}}",
        );
        let spec = load_with(&files(&[("root.yaml", &named)]), Path::new("root.yaml")).unwrap();
        let body = &spec.bundle.document["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"];
        assert_eq!(body["properties"]["$ref"]["type"], "string");
        assert_eq!(
            body["discriminator"]["mapping"]["$ref"],
            "#/components/schemas/x"
        );
    }

    #[test]
    fn a_reference_in_place_of_a_map_that_points_at_no_map_is_refused_where_it_is() {
        let root = answering("{type: object, properties: {$ref: '#/info/title'}}");
        let error = failure(&[("root.yaml", &root)]);
        let message = error.to_string();
        assert!(
            message.contains(
                "stands for the `properties` map here, but points at a string rather than a map"
            ),
            "{message}"
        );
        assert_eq!(error.location().unwrap().line, Some(11));
        let dangling = answering("{type: object, properties: {$ref: 'gone.yml#/ids'}}");
        let error = failure(&[("root.yaml", &dangling)]);
        assert!(
            error.to_string().starts_with("cannot read gone.yml"),
            "{error}"
        );
    }

    #[test]
    fn a_schema_that_refers_to_itself_inside_a_path_is_named_after_its_place() {
        let text = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /tree:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  branches:
                    type: array
                    items: {$ref: '#/paths/~1tree/get/responses/200/content/application~1json/schema'}
";
        let spec = load_with(&files(&[("root.yaml", text)]), Path::new("root.yaml")).unwrap();
        let doc = &spec.bundle.document;
        assert_eq!(
            doc["components"]["schemas"]["schema"]["properties"]["branches"]["items"]["$ref"],
            "#/components/schemas/schema"
        );
        let location = spec.locate("#/components/schemas/schema/properties/branches");
        assert_eq!(location.line, Some(15));
    }

    #[test]
    fn two_components_with_one_name_are_refused() {
        let root = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    error: {type: string}
    uses: {$ref: 'shared/errors.yaml#/components/schemas/error'}
";
        let error = failure(&[("root.yaml", root), ("shared/errors.yaml", ERRORS)]);
        let message = error.to_string();
        assert!(message.starts_with("shared/errors.yaml:11:7 at #/components/schemas/error: two different components are named `error`"), "{message}");
        assert!(
            message.ends_with("root.yaml:6:12 at #/components/schemas/error"),
            "{message}"
        );
    }

    #[test]
    fn other_versions_are_refused() {
        let error = failure(&[(
            "v.yaml",
            "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        )]);
        assert_eq!(
            error.to_string(),
            "v.yaml:1:10 at #/openapi: OpenAPI version `3.2.0` is not supported; only 3.0.x and 3.1.x are read"
        );
        let error = failure(&[("s.yaml", "swagger: '2.0'\n")]);
        assert!(
            error.to_string().contains("Swagger `2.0` document"),
            "{error}"
        );
    }

    #[test]
    fn structural_errors_carry_the_pointer() {
        let text = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses: 7
";
        let error = failure(&[("root.yaml", text)]);
        let location = error.location().unwrap();
        assert_eq!(location.pointer, "#/paths/~1a/get/responses");
        assert_eq!(location.line, Some(6));
    }

    /// A root whose path item copies `count` chained entries built by `entry`.
    fn chain(count: usize, entry: impl Fn(usize) -> String) -> String {
        let mut text = String::from(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    $ref: '#/p0'\n",
        );
        for i in 0..count {
            text.push_str(&entry(i));
        }
        text.push_str(&format!("p{count}: {{}}\n"));
        text
    }

    #[test]
    fn references_that_copy_each_other_twice_over_are_refused() {
        let text = chain(24, |i| {
            format!(
                "p{i}: [{{$ref: '#/p{n}'}}, {{$ref: '#/p{n}'}}]\n",
                n = i + 1
            )
        });
        let error = failure(&[("root.yaml", &text)]);
        assert!(
            error
                .to_string()
                .contains("the references copied in place make the document larger than"),
            "{error}"
        );
    }

    #[test]
    fn references_that_nest_without_end_are_refused() {
        let text = chain(300, |i| {
            format!("p{i}: {{a: {{$ref: '#/p{n}'}}}}\n", n = i + 1)
        });
        let error = failure(&[("root.yaml", &text)]);
        assert!(
            error.to_string().contains("nests more than 128 levels"),
            "{error}"
        );
    }
}
