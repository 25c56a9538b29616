//! Paths to operations: parameters, request bodies and responses, with the types they carry.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    MediaType, Parameter as SpecParameter, ParameterSchemaOrContent, PathItem, ReferenceOr,
    StatusCode,
};

use super::template::{QueryValue, Template};
use super::types::{Place, TypeLowerer};
use super::{LowerError, exchange};
use crate::ir::{
    Answer, Content, Encoding, HttpMethod, Operation, ParamLocation, ParamStyle, Parameter,
    PathSegment, RequestBody, Response, ResponseHeader, Status, Success, SuccessVariant, TypeRef,
};
use crate::load::Spec;
use crate::location::escape_token;
use crate::names::{Namespace, camel, snake};

/// An operation before it knows its resource: its method name depends on its neighbours.
pub(crate) struct TaggedOperation {
    pub tag: Option<String>,
    pub pointer: String,
    /// Complete but for its method and builder names, which its resource gives it.
    pub operation: Operation,
}

/// Names a request builder, or an expectation of the mocks, takes for its own methods, which
/// parameters must not shadow.
pub(crate) const BUILDER_METHODS: &[&str] = &[
    "accept",
    "body",
    "body_matches",
    "client",
    "collect_all",
    "content_type",
    "into_future",
    "pages",
    "respond",
    "respond_error",
    "send",
    "send_blocking",
    "stream",
    "when",
    "with_options",
];

pub(crate) fn lower_all<'a>(
    spec: &'a Spec,
    types: &mut TypeLowerer<'a>,
) -> Result<Vec<TaggedOperation>, LowerError> {
    let mut paths: Vec<(&String, &ReferenceOr<PathItem>)> =
        spec.openapi.paths.paths.iter().collect();
    paths.sort_by(|a, b| a.0.cmp(b.0));
    // A fragment is never sent: `/#Action=AssumeRole` is `/`. Some specs add one to every path,
    // so it is said once, at the first.
    let fragments: Vec<&String> = paths
        .iter()
        .map(|(path, _)| *path)
        .filter(|p| p.contains('#'))
        .collect();
    if let Some(first) = fragments.first() {
        types.warn(
            &format!("#/paths/{}", escape_token(first)),
            format!(
                "{} path template{} a fragment (`#...`), which is never sent; `{first}` is read as `{}`",
                fragments.len(),
                if fragments.len() == 1 { " has" } else { "s have" },
                Template::split(first).route
            ),
            "tell operations on the same path apart by their method and operationId, not by a fragment",
        );
    }
    let mut out = Vec::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    for (path, item) in paths {
        let item_pointer = format!("#/paths/{}", escape_token(path));
        let ReferenceOr::Item(item) = item else {
            return Err(LowerError::Invalid {
                location: spec.locate(&item_pointer),
                message: "a path item `$ref` must point at a path item, not at a component".into(),
                hint: "point the `$ref` at a path item of another file (`file.yaml#/paths/~1name`)",
            });
        };
        let methods = [
            (HttpMethod::Get, "get", &item.get),
            (HttpMethod::Put, "put", &item.put),
            (HttpMethod::Post, "post", &item.post),
            (HttpMethod::Delete, "delete", &item.delete),
            (HttpMethod::Options, "options", &item.options),
            (HttpMethod::Head, "head", &item.head),
            (HttpMethod::Patch, "patch", &item.patch),
            (HttpMethod::Trace, "trace", &item.trace),
        ];
        for (http_method, key, operation) in methods {
            let Some(operation) = operation else { continue };
            let pointer = format!("{item_pointer}/{key}");
            let written = operation
                .operation_id
                .clone()
                .unwrap_or_else(|| snake(&format!("{key} {path}"), "operation"));
            let id = unique_id(&written, &ids);
            if let Some(other) = ids.get(&written).filter(|_| id != written) {
                let other = spec.locate(&format!("{other}/operationId"));
                types.warn(
                    &format!("{pointer}/operationId"),
                    format!(
                        "operationId `{written}` is also used at {other}; this operation is read as `{id}`"
                    ),
                    "give each operation its own operationId",
                );
            }
            ids.insert(id.clone(), pointer.clone());
            let lowering = OperationLowering {
                spec,
                type_hint: camel(&id, "Operation", "T"),
                id,
                pointer,
            };
            out.push(lowering.lower(types, path, http_method, item, operation)?);
        }
    }
    Ok(out)
}

/// The parameters of an operation and what its path template and header parameters say.
struct Parameters {
    /// Path parameters first, in path order; then the others sorted by location and name.
    params: Vec<Parameter>,
    path_segments: Vec<PathSegment>,
    /// Query pairs that the path template fixes.
    fixed_query: Vec<(String, String)>,
    /// What the spec says of the `Content-Type` header parameter.
    content_type_doc: Option<String>,
    /// What the spec says of the `Accept` header parameter.
    accept_doc: Option<String>,
}

struct OperationLowering<'a> {
    spec: &'a Spec,
    id: String,
    pointer: String,
    /// The start of the names of the operation's inline types.
    type_hint: String,
}

impl<'a> OperationLowering<'a> {
    fn invalid(&self, pointer: &str, message: impl Into<String>) -> LowerError {
        LowerError::Invalid {
            location: self.spec.locate(pointer),
            message: message.into(),
            hint: super::FOLLOW_THE_SPECIFICATION,
        }
    }

    fn lower(
        &self,
        types: &mut TypeLowerer<'a>,
        path: &str,
        http_method: HttpMethod,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
    ) -> Result<TaggedOperation, LowerError> {
        let Parameters {
            params,
            path_segments,
            fixed_query,
            content_type_doc,
            accept_doc,
        } = self.parameters(types, path, item, operation)?;
        let body = match &operation.request_body {
            Some(body) => self.request_body(types, body, content_type_doc)?,
            None => None,
        };
        let responses = self.responses(types, operation)?;
        let (success, accept) = success(&responses, format!("{}Success", self.type_hint));
        let security = operation
            .security
            .as_ref()
            .or(self.spec.openapi.security.as_ref());
        let mut scopes: Vec<String> = Vec::new();
        for requirement in security.into_iter().flatten() {
            let mut schemes: Vec<_> = requirement.iter().collect();
            schemes.sort_by(|a, b| a.0.cmp(b.0));
            for scope in schemes.into_iter().flat_map(|(_, scopes)| scopes) {
                if !scopes.contains(scope) {
                    scopes.push(scope.clone());
                }
            }
        }
        Ok(TaggedOperation {
            tag: operation.tags.first().cloned(),
            pointer: self.pointer.clone(),
            operation: Operation {
                id: self.id.clone(),
                method_name: String::new(),
                builder_name: String::new(),
                http_method,
                path: path.to_owned(),
                path_segments,
                summary: operation.summary.clone(),
                description: operation.description.clone(),
                deprecated: operation.deprecated,
                scopes,
                params,
                fixed_query,
                body,
                responses,
                success,
                pagination: None,
                accept,
                accept_doc,
                // Settled once the types are final.
                answer: Answer::default(),
            },
        })
    }

    /// The parameters (path ones first, in path order), the path split into literal text and
    /// parameters, and the documentation of the `Content-Type` and `Accept` header parameters,
    /// which become the body's and response's format rather than free-form headers.
    fn parameters(
        &self,
        types: &mut TypeLowerer<'a>,
        path: &str,
        item: &'a PathItem,
        operation: &'a openapiv3::Operation,
    ) -> Result<Parameters, LowerError> {
        let item_pointer = self
            .pointer
            .rsplit_once('/')
            .map_or("#", |(item, _)| item)
            .to_owned();
        // Operation-level parameters override path-level ones of the same name and location.
        let mut declared: IndexMap<(ParamLocation, String), (&'a SpecParameter, String)> =
            IndexMap::new();
        let sources = [
            (&item.parameters, item_pointer.as_str()),
            (&operation.parameters, self.pointer.as_str()),
        ];
        for (list, owner) in sources {
            for (index, parameter) in list.iter().enumerate() {
                let pointer = format!("{owner}/parameters/{index}");
                let (parameter, at) = self.resolve_parameter(parameter, &pointer)?;
                let (location, data) = split_parameter(parameter);
                declared.insert((location, data.name.clone()), (parameter, at));
            }
        }
        let mut content_type_doc = None;
        let mut accept_doc = None;
        let mut names = Namespace::with_reserved(crate::lower::operations::BUILDER_METHODS);
        let mut params = Vec::new();
        for ((location, name), (parameter, at)) in &declared {
            let (_, data) = split_parameter(parameter);
            if *location == ParamLocation::Header {
                match name.to_ascii_lowercase().as_str() {
                    "content-type" => {
                        content_type_doc = data.description.clone();
                        continue;
                    }
                    "accept" => {
                        accept_doc = data.description.clone();
                        continue;
                    }
                    // The client sends the token itself.
                    "authorization" => continue,
                    _ => {}
                }
            }
            let place =
                Place::operation(format!("{}{}", self.type_hint, camel(name, "Param", "P")));
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    types.type_of(schema.into(), &place, &format!("{at}/schema"))?
                }
                ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                    Some((
                        media_type,
                        MediaType {
                            schema: Some(schema),
                            ..
                        },
                    )) => types.type_of(
                        schema.into(),
                        &place,
                        &format!("{at}/content/{}/schema", escape_token(media_type)),
                    )?,
                    _ => return Err(self.invalid(
                        at,
                        format!(
                            "parameter `{name}` has neither a schema nor a content with a schema"
                        ),
                    )),
                },
            };
            let (style, explode) = match &data.format {
                ParameterSchemaOrContent::Content(_) => (ParamStyle::Json, false),
                ParameterSchemaOrContent::Schema(_) => style_of(parameter),
            };
            let default = match &data.format {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => {
                    schema.schema_data.default.clone()
                }
                _ => None,
            };
            let required = data.required || *location == ParamLocation::Path;
            params.push(Parameter {
                name: name.clone(),
                rust_name: names.claim(snake(name, "param")),
                location: *location,
                required,
                // Required parameters are the method's arguments; the rest are setters.
                positional: required,
                ty,
                doc: data.description.clone(),
                default,
                deprecated: data.deprecated.unwrap_or(false),
                style,
                explode: data.explode.unwrap_or(explode),
            });
        }
        let template = Template::split(path);
        let fixed_query =
            self.template_query(types, &template, &item_pointer, &mut params, &mut names);
        let path_segments = self.path_segments(types, &mut names, template.route, &mut params)?;
        Ok(Parameters {
            params,
            path_segments,
            fixed_query,
            content_type_doc,
            accept_doc,
        })
    }

    /// Reads the query string of a path template: a `{name}` makes the parameter of that name a
    /// required query parameter (a string when none is declared), and a fixed pair is sent with
    /// every call. Returns the fixed pairs.
    fn template_query(
        &self,
        types: &mut TypeLowerer<'a>,
        template: &Template<'_>,
        item_pointer: &str,
        params: &mut Vec<Parameter>,
        names: &mut Namespace,
    ) -> Vec<(String, String)> {
        if template.query.is_empty() {
            return Vec::new();
        }
        types.warn(
            item_pointer,
            format!(
                "this path template carries a query string; the path is `{}`, its `{{name}}`s are required query parameters and its fixed pairs are sent with every call",
                template.route
            ),
            "declare each query value as a parameter with `in: query`, and keep the path template to the path",
        );
        let mut fixed = Vec::new();
        for (key, value) in &template.query {
            match value {
                QueryValue::Parameter(name) => {
                    let declared = params.iter_mut().find(|p| {
                        p.name == *name
                            && matches!(p.location, ParamLocation::Path | ParamLocation::Query)
                    });
                    match declared {
                        Some(param) => {
                            if param.location == ParamLocation::Path {
                                (param.style, param.explode) = (ParamStyle::Form, true);
                            }
                            param.location = ParamLocation::Query;
                            param.name = (*key).to_owned();
                            param.required = true;
                        }
                        None => params.push(Parameter {
                            name: (*key).to_owned(),
                            rust_name: names.claim(snake(key, "param")),
                            location: ParamLocation::Query,
                            required: true,
                            positional: true,
                            ty: TypeRef::String,
                            doc: None,
                            default: None,
                            deprecated: false,
                            style: ParamStyle::Form,
                            explode: true,
                        }),
                    }
                }
                // A declared parameter of the same name gives the value; else the template does.
                QueryValue::Fixed(value) => {
                    let declared = params
                        .iter()
                        .any(|p| p.name == *key && p.location == ParamLocation::Query);
                    if !declared {
                        fixed.push(((*key).to_owned(), (*value).to_owned()));
                    }
                }
            }
        }
        fixed
    }

    fn resolve_parameter(
        &self,
        parameter: &'a ReferenceOr<SpecParameter>,
        pointer: &str,
    ) -> Result<(&'a SpecParameter, String), LowerError> {
        let components = self.spec.openapi.components.as_ref();
        resolve(
            parameter,
            pointer,
            "parameters",
            components.map(|c| &c.parameters),
            |message| self.invalid(pointer, message),
        )
    }

    /// Splits the template at its `{name}`s, checks that they and the path parameters match, and
    /// puts the path parameters first, in path order.
    fn path_segments(
        &self,
        types: &mut TypeLowerer<'a>,
        names: &mut Namespace,
        path: &str,
        params: &mut Vec<Parameter>,
    ) -> Result<Vec<PathSegment>, LowerError> {
        let mut pieces: Vec<Result<String, String>> = Vec::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Ok(rest[..open].to_owned()));
            }
            let Some(close) = rest[open..].find('}') else {
                return Err(LowerError::Invalid {
                    location: self.spec.locate(&self.pointer),
                    message: format!("the path template `{path}` has a `{{` without its `}}`"),
                    hint: "close every `{name}` of the path template with `}`",
                });
            };
            pieces.push(Err(rest[open + 1..open + close].to_owned()));
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Ok(rest.to_owned()));
        }
        let mut ordered: Vec<Parameter> = Vec::new();
        let mut segments = Vec::new();
        for piece in pieces {
            match piece {
                Ok(literal) => segments.push(PathSegment::Literal(literal)),
                Err(name) => {
                    if let Some(index) = ordered.iter().position(|p| p.name == name) {
                        segments.push(PathSegment::Param(index));
                        continue;
                    }
                    let position = params
                        .iter()
                        .position(|p| p.location == ParamLocation::Path && p.name == name);
                    let param = match position {
                        Some(position) => params.remove(position),
                        None => {
                            types.warn(
                                &self.pointer,
                                format!(
                                    "the path template `{path}` names `{{{name}}}`, but the operation has no path parameter `{name}`; it is read as a string"
                                ),
                                "declare the parameter with `in: path`, `required: true` and its schema",
                            );
                            Parameter {
                                rust_name: names.claim(snake(&name, "param")),
                                name: name.clone(),
                                location: ParamLocation::Path,
                                required: true,
                                positional: true,
                                ty: TypeRef::String,
                                doc: None,
                                default: None,
                                deprecated: false,
                                style: ParamStyle::Simple,
                                explode: false,
                            }
                        }
                    };
                    segments.push(PathSegment::Param(ordered.len()));
                    ordered.push(param);
                }
            }
        }
        let mut others = std::mem::take(params);
        others.retain(|extra| {
            if extra.location != ParamLocation::Path {
                return true;
            }
            types.warn(
                &self.pointer,
                format!(
                    "path parameter `{}` does not appear in the path template `{path}`; it is left out",
                    extra.name
                ),
                "put the parameter in the path template as `{name}`, or remove it",
            );
            false
        });
        others.sort_by(|a, b| (a.location, &a.name).cmp(&(b.location, &b.name)));
        ordered.extend(others);
        *params = ordered;
        Ok(segments)
    }

    fn request_body(
        &self,
        types: &mut TypeLowerer<'a>,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        content_type_doc: Option<String>,
    ) -> Result<Option<RequestBody>, LowerError> {
        let pointer = format!("{}/requestBody", self.pointer);
        let components = self.spec.openapi.components.as_ref();
        let (body, at) = resolve(
            body,
            &pointer,
            "requestBodies",
            components.map(|c| &c.request_bodies),
            |m| self.invalid(&pointer, m),
        )?;
        let contents = self.contents(
            types,
            &body.content,
            &at,
            &Place::operation(format!("{}Body", self.type_hint)),
        )?;
        let Some(primary) = contents.first() else {
            types.warn(
                &format!("{at}/content"),
                "this request body has no media type; the operation is read without a body",
                "list the media type of the body under `content`, with its schema",
            );
            return Ok(None);
        };
        let ty = primary.ty.clone().unwrap_or(TypeRef::Any);
        let example = primary.example.clone();
        let encodings: Vec<Encoding> = contents
            .iter()
            .filter(|content| content.ty.as_ref().is_none_or(|t| *t == ty))
            .map(|content| content.encoding)
            .collect();
        let wire = exchange::body_wire(&encodings, &primary.media_type);
        Ok(Some(RequestBody {
            required: body.required,
            doc: body.description.clone(),
            ty,
            media_type: primary.media_type.clone(),
            encodings,
            wire,
            content_type_doc,
            example,
        }))
    }

    /// The media types of a body, JSON first. Text travels as a `String` and any other media
    /// type the client cannot encode as bytes, whatever their schema says of the value inside.
    fn contents(
        &self,
        types: &mut TypeLowerer<'a>,
        content: &'a IndexMap<String, MediaType>,
        at: &str,
        place: &Place,
    ) -> Result<Vec<Content>, LowerError> {
        let mut media: Vec<(Encoding, &String, &MediaType)> = content
            .iter()
            .map(|(media_type, media)| (encoding_of(media_type), media_type, media))
            .collect();
        media.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut out = Vec::new();
        for (encoding, media_type, media) in media {
            let ty = match (encoding, &media.schema) {
                (Encoding::Text, _) => Some(TypeRef::String),
                (Encoding::Binary, _) => Some(TypeRef::Binary),
                (_, Some(schema)) => Some(types.type_of(
                    schema.into(),
                    place,
                    &format!("{at}/content/{}/schema", escape_token(media_type)),
                )?),
                (_, None) => None,
            };
            // Of several named examples, the first by name, whatever their order in the file.
            let mut named: Vec<_> = media.examples.iter().collect();
            named.sort_by(|a, b| a.0.cmp(b.0));
            let example = media.example.clone().or_else(|| {
                named.into_iter().find_map(|(_, example)| match example {
                    ReferenceOr::Item(example) => example.value.clone(),
                    ReferenceOr::Reference { .. } => None,
                })
            });
            out.push(Content {
                media_type: media_type.clone(),
                encoding,
                ty,
                example,
            });
        }
        Ok(out)
    }

    fn responses(
        &self,
        types: &mut TypeLowerer<'a>,
        operation: &'a openapiv3::Operation,
    ) -> Result<Vec<Response>, LowerError> {
        let mut entries: Vec<(Status, String, &'a ReferenceOr<openapiv3::Response>)> = operation
            .responses
            .responses
            .iter()
            .map(|(code, response)| {
                let status = match code {
                    StatusCode::Code(code) => Status::Code(*code),
                    StatusCode::Range(class) => Status::Range(*class),
                };
                (status, code.to_string(), response)
            })
            .collect();
        if let Some(default) = &operation.responses.default {
            entries.push((Status::Default, "default".into(), default));
        }
        entries.sort_by_key(|(status, _, _)| (!status.is_success(), *status));
        let with_body = entries
            .iter()
            .filter(|(status, _, r)| status.is_success() && has_content(r))
            .count();
        let any_success = entries.iter().any(|(status, _, _)| status.is_success());
        let components = self.spec.openapi.components.as_ref();
        let mut out = Vec::new();
        for (status, key, response) in entries {
            let pointer = format!("{}/responses/{}", self.pointer, escape_token(&key));
            let (response, at) = resolve(
                response,
                &pointer,
                "responses",
                components.map(|c| &c.responses),
                |m| self.invalid(&pointer, m),
            )?;
            let hint = &self.type_hint;
            let place = match status {
                // With no success documented, `default` describes whatever comes back.
                Status::Default if !any_success => Place::operation(format!("{hint}Default")),
                Status::Default => Place::error(format!("{hint}Default")),
                _ if status.is_success() && with_body <= 1 => {
                    Place::operation(format!("{hint}Response"))
                }
                _ if status.is_success() => Place::operation(format!("{hint}Response{key}")),
                _ => Place::error(format!("{hint}Error{key}")),
            };
            let content = self.contents(types, &response.content, &at, &place)?;
            let mut headers = Vec::new();
            let mut names: Vec<&String> = response.headers.keys().collect();
            names.sort();
            for name in names {
                let header_pointer = format!("{at}/headers/{}", escape_token(name));
                let (header, header_at) = resolve(
                    &response.headers[name],
                    &header_pointer,
                    "headers",
                    components.map(|c| &c.headers),
                    |m| self.invalid(&header_pointer, m),
                )?;
                let ty = match &header.format {
                    ParameterSchemaOrContent::Schema(schema) => types.type_of(
                        schema.into(),
                        &place.header(name),
                        &format!("{header_at}/schema"),
                    )?,
                    ParameterSchemaOrContent::Content(_) => TypeRef::String,
                };
                headers.push(ResponseHeader {
                    name: name.clone(),
                    ty,
                    doc: header.description.clone(),
                });
            }
            out.push(Response {
                status,
                doc: Some(response.description.clone()).filter(|d| !d.is_empty()),
                content,
                headers,
            });
        }
        Ok(out)
    }
}

fn has_content(response: &ReferenceOr<openapiv3::Response>) -> bool {
    match response {
        ReferenceOr::Item(response) => !response.content.is_empty(),
        // Resolved later; a referenced response counts as one with a body.
        ReferenceOr::Reference { .. } => true,
    }
}

/// Follows a `$ref` to a component of `kind` until it reaches the item.
fn resolve<'a, T>(
    node: &'a ReferenceOr<T>,
    pointer: &str,
    kind: &str,
    components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
    invalid: impl Fn(String) -> LowerError,
) -> Result<(&'a T, String), LowerError> {
    let mut node = node;
    let mut at = pointer.to_owned();
    for _ in 0..64 {
        match node {
            ReferenceOr::Item(item) => return Ok((item, at)),
            ReferenceOr::Reference { reference } => {
                let prefix = format!("#/components/{kind}/");
                let target = reference
                    .strip_prefix(&prefix)
                    .map(|name| crate::location::split_pointer(&format!("#/{name}")).concat())
                    .and_then(|name| components.and_then(|c| c.get_key_value(&name)));
                let Some((name, target)) = target else {
                    return Err(invalid(format!(
                        "`$ref: {reference}` does not name one of the {kind} components"
                    )));
                };
                at = format!("{prefix}{}", escape_token(name));
                node = target;
            }
        }
    }
    Err(invalid(
        "`$ref`s lead to each other without reaching a definition".into(),
    ))
}

fn split_parameter(parameter: &SpecParameter) -> (ParamLocation, &openapiv3::ParameterData) {
    match parameter {
        SpecParameter::Query { parameter_data, .. } => (ParamLocation::Query, parameter_data),
        SpecParameter::Header { parameter_data, .. } => (ParamLocation::Header, parameter_data),
        SpecParameter::Path { parameter_data, .. } => (ParamLocation::Path, parameter_data),
        SpecParameter::Cookie { parameter_data, .. } => (ParamLocation::Cookie, parameter_data),
    }
}

/// The serialization style and the default of `explode` for it.
fn style_of(parameter: &SpecParameter) -> (ParamStyle, bool) {
    use openapiv3::{PathStyle, QueryStyle};
    match parameter {
        SpecParameter::Query { style, .. } => match style {
            QueryStyle::Form => (ParamStyle::Form, true),
            QueryStyle::SpaceDelimited => (ParamStyle::SpaceDelimited, false),
            QueryStyle::PipeDelimited => (ParamStyle::PipeDelimited, false),
            QueryStyle::DeepObject => (ParamStyle::DeepObject, true),
        },
        SpecParameter::Path { style, .. } => match style {
            PathStyle::Simple => (ParamStyle::Simple, false),
            PathStyle::Label => (ParamStyle::Label, false),
            PathStyle::Matrix => (ParamStyle::Matrix, false),
        },
        SpecParameter::Header { .. } => (ParamStyle::Simple, false),
        SpecParameter::Cookie { .. } => (ParamStyle::Form, true),
    }
}

/// `written`, or `written_2`, `written_3`... when an operation already has it.
fn unique_id(written: &str, ids: &BTreeMap<String, String>) -> String {
    if !ids.contains_key(written) {
        return written.to_owned();
    }
    (2..)
        .map(|n| format!("{written}_{n}"))
        .find(|candidate| !ids.contains_key(candidate))
        .expect("some suffix is free")
}

/// How a body of a media type travels: as JSON, YAML, a form or multipart when the client can
/// encode it, as text for `text/*`, else as the bytes it is.
pub(crate) fn encoding_of(media_type: &str) -> Encoding {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" | "*/*" => Encoding::Json,
        t if t.ends_with("+json") => Encoding::Json,
        "application/yaml" | "application/x-yaml" | "text/yaml" | "text/x-yaml" => Encoding::Yaml,
        "application/x-www-form-urlencoded" => Encoding::Form,
        "multipart/form-data" => Encoding::Multipart,
        t if t.starts_with("text/") => Encoding::Text,
        _ => Encoding::Binary,
    }
}

/// What the operation returns on success, and the formats the success body can be asked for.
/// The success bodies of an operation with these responses, and the formats they may be asked
/// for; `several` names the enum of them when they differ.
pub(crate) fn success(responses: &[Response], several: String) -> (Success, Vec<Encoding>) {
    let mut successes: Vec<&Response> =
        responses.iter().filter(|r| r.status.is_success()).collect();
    if successes.is_empty() {
        // With no success documented, `default` describes whatever comes back.
        successes = responses
            .iter()
            .filter(|r| r.status == Status::Default)
            .collect();
    }
    let body = |response: &Response| response.content.first().and_then(|c| c.ty.clone());
    let accept = |response: &Response| -> Vec<Encoding> {
        let first = response.content.first().and_then(|c| c.ty.clone());
        response
            .content
            .iter()
            .filter(|c| c.ty == first && matches!(c.encoding, Encoding::Json | Encoding::Yaml))
            .map(|c| c.encoding)
            .collect()
    };
    let bodies: Vec<Option<TypeRef>> = successes.iter().map(|r| body(r)).collect();
    if bodies.iter().all(Option::is_none) {
        return (Success::Empty, Vec::new());
    }
    if let [Some(first), rest @ ..] = bodies.as_slice()
        && rest.iter().all(|b| b.as_ref() == Some(first))
    {
        return (Success::One(first.clone()), accept(successes[0]));
    }
    let mut names = Namespace::new();
    let variants = successes
        .iter()
        .map(|response| SuccessVariant {
            name: names.claim(status_variant(response.status)),
            status: response.status,
            ty: body(response),
            encoding: response.content.first().map(|c| c.encoding),
            doc: response.doc.clone(),
        })
        .collect();
    (
        Success::Several {
            type_name: several,
            variants,
        },
        Vec::new(),
    )
}

/// `Ok`, `Created`, `NoContent`... for a success status.
fn status_variant(status: Status) -> String {
    match status {
        Status::Code(code) => match code {
            200 => "Ok".into(),
            201 => "Created".into(),
            202 => "Accepted".into(),
            203 => "NonAuthoritative".into(),
            204 => "NoContent".into(),
            205 => "ResetContent".into(),
            206 => "PartialContent".into(),
            other => format!("Status{other}"),
        },
        Status::Range(class) => format!("Status{class}xx"),
        Status::Default => "Default".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_map_to_encodings() {
        assert_eq!(
            encoding_of("application/json; charset=utf-8"),
            Encoding::Json
        );
        assert_eq!(encoding_of("application/vnd.api+json"), Encoding::Json);
        assert_eq!(encoding_of("application/yaml"), Encoding::Yaml);
        assert_eq!(encoding_of("multipart/form-data"), Encoding::Multipart);
        assert_eq!(encoding_of("text/html"), Encoding::Text);
        assert_eq!(encoding_of("application/xml"), Encoding::Binary);
        assert_eq!(encoding_of("application/jwt"), Encoding::Binary);
    }
}
