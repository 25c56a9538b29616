//! The client's surface: the crate's constants, the resource accessors, and each operation's
//! method, arguments, setters, body, responses and return type.

use super::{Change, Class, Log, Pair, Section, code, pairs, spell, spell_both};
use crate::emit::templates::error_body;
use crate::ir::{
    Api, Content, Encoding, Operation, Pagination, ParamLocation, Parameter, RequestBody, Resource,
    Response, ResponseHeader, Status, Success, SuccessVariant,
};

/// What the crate defines once.
pub(super) fn compare_crate(old: &Api, new: &Api, out: &mut Vec<Change>) {
    // `resources` and `types` have their own walks; `features` follow from the types and
    // bodies, whose changes are reported where they are.
    let Api {
        title,
        version,
        description,
        base_url,
        resources: _,
        types: _,
        error_body: _,
        features: _,
    } = old;
    // The crate's changes are few: they stand under the section's title, without a subject.
    let mut log = Log::new(out, Section::Crate, String::new());
    if title != &new.title {
        log.docs(format!(
            "API title {} (was {})",
            code(&new.title),
            code(title)
        ));
    }
    if version != &new.version {
        log.docs(format!(
            "API version {} (was {})",
            code(&new.version),
            code(version)
        ));
    }
    log.description("the API's description", description, &new.description);
    if base_url != &new.base_url {
        let url = |url: &Option<String>| code(url.as_deref().unwrap_or_default());
        log.breaking(format!(
            "`DEFAULT_BASE_URL` is {} (was {}): requests go elsewhere unless the client sets one",
            url(&new.base_url),
            url(base_url)
        ));
    }
    let (was, is) = (error_body(old), error_body(new));
    if was != is {
        log.breaking(format!(
            "`ErrorBody`, the body of every API error, is {} (was {})",
            code(&is),
            code(&was)
        ));
    }
}

/// The resources and their operations.
pub(super) fn compare(old: &Api, new: &Api, out: &mut Vec<Change>) {
    for pair in pairs(&old.resources, &new.resources, |r| r.module.as_str()) {
        match pair {
            Pair::Removed(resource) => whole(resource, Class::Breaking, "removed", out),
            Pair::Added(resource) => whole(resource, Class::Additive, "added", out),
            Pair::Both(a, b) => resource(a, b, out),
        }
    }
}

/// A resource that only one model has: its accessor, and each of its operations.
fn whole(resource: &Resource, class: Class, verb: &str, out: &mut Vec<Change>) {
    Log::new(out, Section::Operations, accessor(resource)).push(
        class,
        format!(
            "accessor {verb}, with {} operations",
            resource.operations.len()
        ),
    );
    for operation in &resource.operations {
        Log::new(out, Section::Operations, heading(resource, operation))
            .push(class, format!("operation {verb}"));
    }
}

fn accessor(resource: &Resource) -> String {
    code(&format!("{}()", resource.module))
}

fn heading(resource: &Resource, operation: &Operation) -> String {
    format!(
        "{} · {}",
        code(&format!(
            "{}().{}()",
            resource.module, operation.method_name
        )),
        code(&format!(
            "{} {}",
            operation.http_method.as_str(),
            operation.path
        ))
    )
}

fn resource(old: &Resource, new: &Resource, out: &mut Vec<Change>) {
    let Resource {
        tag,
        module: _,
        type_name,
        doc,
        operations,
    } = old;
    let mut log = Log::new(out, Section::Operations, accessor(new));
    if tag != &new.tag {
        log.docs(format!("tag {} (was {})", code(&new.tag), code(tag)));
    }
    if type_name != &new.type_name {
        log.breaking(format!(
            "returns {} (was {})",
            code(&new.type_name),
            code(type_name)
        ));
    }
    log.description("the resource's description", doc, &new.doc);
    for pair in pairs(operations, &new.operations, |o| o.method_name.as_str()) {
        match pair {
            Pair::Removed(operation) => Log::new(out, Section::Operations, heading(old, operation))
                .breaking("operation removed"),
            Pair::Added(operation) => Log::new(out, Section::Operations, heading(new, operation))
                .additive("operation added"),
            Pair::Both(a, b) => operation(
                a,
                b,
                &mut Log::new(out, Section::Operations, heading(new, b)),
            ),
        }
    }
}

fn operation(old: &Operation, new: &Operation, log: &mut Log<'_>) {
    // `path_segments` follow from `path`.
    let Operation {
        id,
        method_name,
        builder_name,
        http_method,
        path,
        path_segments: _,
        summary,
        description,
        deprecated,
        scopes,
        params,
        fixed_query,
        body,
        responses,
        success,
        pagination,
        accept,
        accept_doc,
        answer,
    } = old;
    if id != &new.id {
        log.docs(format!("operation id {} (was {})", code(&new.id), code(id)));
    }
    if builder_name != &new.builder_name {
        log.breaking(format!(
            "the request builder is {} (was {})",
            code(&new.builder_name),
            code(builder_name)
        ));
    }
    if http_method != &new.http_method || path != &new.path {
        log.breaking(format!(
            "sends {} (was {})",
            code(&format!("{} {}", new.http_method.as_str(), new.path)),
            code(&format!("{} {path}", http_method.as_str()))
        ));
    }
    if fixed_query != &new.fixed_query {
        let list = |pairs: &[(String, String)]| match pairs {
            [] => "none".to_owned(),
            pairs => pairs
                .iter()
                .map(|(key, value)| code(&format!("{key}={value}")))
                .collect::<Vec<_>>()
                .join(", "),
        };
        log.breaking(format!(
            "sends the fixed query {} (was {})",
            list(&new.fixed_query),
            list(fixed_query)
        ));
    }
    log.description("summary", summary, &new.summary);
    log.description("description", description, &new.description);
    log.deprecation("the operation", *deprecated, new.deprecated);
    if scopes != &new.scopes {
        let list = |scopes: &[String]| match scopes {
            [] => "none".to_owned(),
            scopes => scopes
                .iter()
                .map(|s| code(s))
                .collect::<Vec<_>>()
                .join(", "),
        };
        log.docs(format!(
            "needs the scopes {} (was {})",
            list(&new.scopes),
            list(scopes)
        ));
    }
    parameters(method_name, params, &new.params, log);
    request_body(method_name, body.as_ref(), new.body.as_ref(), log);
    formats(
        Formats::Response,
        (accept, answer.is_chosen()),
        (&new.accept, new.answer.is_chosen()),
        log,
    );
    log.description(
        "the description of the response formats",
        accept_doc,
        &new.accept_doc,
    );
    self::responses(responses, &new.responses, log);
    self::success(success, &new.success, log);
    self::pagination(pagination.as_ref(), new.pagination.as_ref(), log);
}

fn location(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// "query parameter `page`"
fn parameter_name(param: &Parameter) -> String {
    format!(
        "{} parameter {}",
        location(param.location),
        code(&param.name)
    )
}

fn parameters(method: &str, old: &[Parameter], new: &[Parameter], log: &mut Log<'_>) {
    let method = code(&format!("{method}()"));
    let setter = |param: &Parameter| code(&format!(".{}()", param.rust_name));
    for pair in pairs(old, new, |p| (p.location, p.name.as_str())) {
        match pair {
            Pair::Added(param) if param.required => log.breaking(format!(
                "required {} ({}) added: {method} takes a new argument",
                parameter_name(param),
                code(&spell(&param.ty))
            )),
            Pair::Added(param) => log.additive(format!(
                "optional {} ({}) added, set with {}",
                parameter_name(param),
                code(&spell(&param.ty)),
                setter(param)
            )),
            Pair::Removed(param) if param.required => log.breaking(format!(
                "{} removed: {method} takes one argument fewer",
                parameter_name(param)
            )),
            Pair::Removed(param) => log.breaking(format!(
                "{} removed, and its setter {}",
                parameter_name(param),
                setter(param)
            )),
            Pair::Both(a, b) => parameter(&method, a, b, log),
        }
    }
    // Required parameters are the method's arguments, in order.
    let positions = |list: &[Parameter], among: &[Parameter]| -> Vec<String> {
        list.iter()
            .filter(|p| {
                p.required
                    && among
                        .iter()
                        .any(|o| o.required && o.location == p.location && o.name == p.name)
            })
            .map(|p| p.rust_name.clone())
            .collect()
    };
    let (was, is) = (positions(old, new), positions(new, old));
    if was != is {
        log.breaking(format!(
            "the arguments of {method} are in another order: {} (was {})",
            code(&is.join(", ")),
            code(&was.join(", "))
        ));
    }
}

fn parameter(method: &str, old: &Parameter, new: &Parameter, log: &mut Log<'_>) {
    let Parameter {
        name: _,
        rust_name,
        location: _,
        required,
        // Follows from `required`.
        positional: _,
        ty,
        doc,
        default,
        deprecated,
        style,
        explode,
    } = old;
    let name = parameter_name(new);
    let setter = |rust_name: &str| code(&format!(".{rust_name}()"));
    match (*required, new.required) {
        (false, true) => log.breaking(format!(
            "{name} is now required: an argument of {method}, no longer the setter {}",
            setter(rust_name)
        )),
        (true, false) => log.breaking(format!(
            "{name} is now optional: the setter {}, no longer an argument of {method}",
            setter(&new.rust_name)
        )),
        (false, false) if rust_name != &new.rust_name => log.breaking(format!(
            "{name} is set with {} (was {})",
            setter(&new.rust_name),
            setter(rust_name)
        )),
        (true, true) if rust_name != &new.rust_name => log.docs(format!(
            "{name}: the argument of {method} is named {} (was {})",
            code(&new.rust_name),
            code(rust_name)
        )),
        _ => {}
    }
    if ty != &new.ty {
        let (was, is) = spell_both(ty, &new.ty);
        log.breaking(format!("{name}: {} (was {})", code(&is), code(&was)));
    }
    if style != &new.style || explode != &new.explode {
        let written = |style: &crate::ir::ParamStyle, explode: bool| {
            let style = serde_json::to_value(style)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            format!("style {style}, explode {explode}")
        };
        log.breaking(format!(
            "{name} is written into the request differently: {} (was {})",
            code(&written(&new.style, new.explode)),
            code(&written(style, *explode))
        ));
    }
    log.description(&format!("{name}: description"), doc, &new.doc);
    log.documented_default(&name, default, &new.default);
    log.deprecation(&name, *deprecated, new.deprecated);
}

fn request_body(
    method: &str,
    old: Option<&RequestBody>,
    new: Option<&RequestBody>,
    log: &mut Log<'_>,
) {
    let method = code(&format!("{method}()"));
    let (old, new) = match (old, new) {
        (None, None) => return,
        (None, Some(body)) if body.required => {
            return log.breaking(format!(
                "required request body {} added: {method} takes a new argument",
                code(&spell(&body.ty))
            ));
        }
        (None, Some(body)) => {
            return log.additive(format!(
                "optional request body {} added, set with `.body()`",
                code(&spell(&body.ty))
            ));
        }
        (Some(body), None) if body.required => {
            return log.breaking(format!(
                "request body removed: {method} takes one argument fewer"
            ));
        }
        (Some(_), None) => return log.breaking("request body removed, and its setter `.body()`"),
        (Some(old), Some(new)) => (old, new),
    };
    // `example` only feeds the crate's own tests.
    let RequestBody {
        required,
        doc,
        ty,
        media_type,
        encodings,
        wire,
        content_type_doc,
        example: _,
    } = old;
    match (*required, new.required) {
        (false, true) => log.breaking(format!(
            "the request body is now required: an argument of {method}, no longer `.body()`"
        )),
        (true, false) => log.breaking(format!(
            "the request body is now optional: set with `.body()`, no longer an argument of {method}"
        )),
        _ => {}
    }
    if ty != &new.ty {
        let (was, is) = spell_both(ty, &new.ty);
        log.breaking(format!("request body: {} (was {})", code(&is), code(&was)));
    }
    formats(
        Formats::Request,
        (encodings, wire.is_chosen()),
        (&new.encodings, new.wire.is_chosen()),
        log,
    );
    // JSON and YAML go with their own media type; text and bytes with the spec's.
    let raw = |encodings: &[Encoding]| {
        matches!(encodings.first(), Some(Encoding::Text | Encoding::Binary))
    };
    if media_type != &new.media_type && raw(encodings) && raw(&new.encodings) {
        log.breaking(format!(
            "the request body is sent as {} (was {})",
            code(&new.media_type),
            code(media_type)
        ));
    }
    log.description("the request body's description", doc, &new.doc);
    log.description(
        "the description of the request body's formats",
        content_type_doc,
        &new.content_type_doc,
    );
}

/// Which formats a choice is about.
#[derive(Clone, Copy)]
enum Formats {
    Request,
    Response,
}

/// The default format and the JSON-or-YAML setter of a request body or of the responses: each
/// side is its encodings and whether the caller chooses the format.
fn formats(
    which: Formats,
    (old, old_chosen): (&[Encoding], bool),
    (new, new_chosen): (&[Encoding], bool),
    log: &mut Log<'_>,
) {
    let (what, setter) = match which {
        Formats::Request => ("the request body is sent", "`.content_type()`"),
        Formats::Response => ("the response is asked for", "`.accept()`"),
    };
    let (was, is) = (old.first(), new.first());
    // An operation without a response body has no format to ask for.
    if was != is && !(matches!(which, Formats::Response) && (was.is_none() || is.is_none())) {
        log.breaking(format!(
            "{what} as {} (was {})",
            encoding(is),
            encoding(was)
        ));
    }
    match (old_chosen, new_chosen) {
        (false, true) => log.additive(format!("{what} as JSON or YAML: new setter {setter}")),
        (true, false) => log.breaking(format!(
            "{what} only as {}: the setter {setter} is gone",
            encoding(is)
        )),
        _ => {}
    }
}

fn encoding(encoding: Option<&Encoding>) -> &'static str {
    match encoding {
        None => "nothing",
        Some(Encoding::Json) => "JSON",
        Some(Encoding::Yaml) => "YAML",
        Some(Encoding::Form) => "a URL-encoded form",
        Some(Encoding::Multipart) => "a multipart form",
        Some(Encoding::Text) => "text",
        Some(Encoding::Binary) => "raw bytes",
    }
}

fn status(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Range(class) => format!("{class}XX"),
        Status::Default => "default".into(),
    }
}

/// The documented responses. What a success carries is the return type, compared by `success`;
/// the crate reads every error body as `ErrorBody`, so the rest is documentation.
fn responses(old: &[Response], new: &[Response], log: &mut Log<'_>) {
    for pair in pairs(old, new, |r| r.status) {
        match pair {
            Pair::Added(response) => log.docs(format!(
                "response {} documented",
                code(&status(response.status))
            )),
            Pair::Removed(response) => log.docs(format!(
                "response {} no longer documented",
                code(&status(response.status))
            )),
            Pair::Both(a, b) => {
                let Response {
                    status: at,
                    doc,
                    content,
                    headers,
                } = a;
                let name = format!("response {}", code(&status(*at)));
                log.description(&format!("{name}: description"), doc, &b.doc);
                if !at.is_success() && bodies(content) != bodies(&b.content) {
                    log.docs(format!(
                        "{name}: body {} (was {})",
                        bodies_text(&b.content),
                        bodies_text(content)
                    ));
                }
                response_headers(&name, headers, &b.headers, log);
            }
        }
    }
}

/// The media types and types of a response: the encoding follows from the media type, and the
/// examples only feed the crate's tests.
fn bodies(content: &[Content]) -> Vec<(&str, Option<String>)> {
    content
        .iter()
        .map(
            |Content {
                 media_type,
                 encoding: _,
                 ty,
                 example: _,
             }| (media_type.as_str(), ty.as_ref().map(spell)),
        )
        .collect()
}

fn bodies_text(content: &[Content]) -> String {
    let parts: Vec<String> = bodies(content)
        .into_iter()
        .map(|(media_type, ty)| match ty {
            Some(ty) => format!("{} as {}", code(&ty), code(media_type)),
            None => code(media_type),
        })
        .collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

fn response_headers(name: &str, old: &[ResponseHeader], new: &[ResponseHeader], log: &mut Log<'_>) {
    for pair in pairs(old, new, |h| h.name.to_ascii_lowercase()) {
        match pair {
            Pair::Added(header) => {
                log.docs(format!("{name}: header {} documented", code(&header.name)))
            }
            Pair::Removed(header) => log.docs(format!(
                "{name}: header {} no longer documented",
                code(&header.name)
            )),
            Pair::Both(a, b) => {
                let ResponseHeader {
                    name: header,
                    ty,
                    doc,
                } = a;
                let header = format!("{name}: header {}", code(header));
                if ty != &b.ty {
                    let (was, is) = spell_both(ty, &b.ty);
                    log.docs(format!("{header}: {} (was {})", code(&is), code(&was)));
                }
                log.description(&format!("{header}: description"), doc, &b.doc);
            }
        }
    }
}

/// What `send()` returns.
fn success(old: &Success, new: &Success, log: &mut Log<'_>) {
    let returns = |success: &Success| match success {
        Success::Empty => "()".to_owned(),
        Success::One(ty) => spell(ty),
        Success::Several { type_name, .. } => type_name.clone(),
    };
    // Two enums of successes are the same type when named alike; their variants follow.
    let changed = match (old, new) {
        (Success::Several { .. }, Success::Several { .. }) => returns(old) != returns(new),
        _ => old != new,
    };
    if changed {
        let (was, is) = match (old, new) {
            (Success::One(a), Success::One(b)) => spell_both(a, b),
            _ => (returns(old), returns(new)),
        };
        log.breaking(format!(
            "`send()` returns {} (was {})",
            code(&format!("Response<{is}>")),
            code(&format!("Response<{was}>"))
        ));
    }
    let (
        Success::Several {
            type_name: _,
            variants: old_variants,
        },
        Success::Several {
            type_name,
            variants: new_variants,
        },
    ) = (old, new)
    else {
        return;
    };
    let variant_text = |v: &SuccessVariant| {
        let payload =
            v.ty.as_ref()
                .map(|ty| format!("({})", spell(ty)))
                .unwrap_or_default();
        format!(
            "{} for status {}",
            code(&format!("{type_name}::{}{payload}", v.name)),
            code(&status(v.status))
        )
    };
    for pair in pairs(old_variants, new_variants, |v| v.name.as_str()) {
        match pair {
            Pair::Added(v) => log.additive(format!("success {} added", variant_text(v))),
            Pair::Removed(v) => log.breaking(format!("success {} removed", variant_text(v))),
            Pair::Both(a, b) => {
                // The variant's doc and encoding are its response's, which `responses` compares.
                let SuccessVariant {
                    name: _,
                    status: _,
                    ty: _,
                    encoding: _,
                    doc: _,
                } = a;
                if (a.status, &a.ty) != (b.status, &b.ty) {
                    log.breaking(format!(
                        "success {} (was {})",
                        variant_text(b),
                        variant_text(a)
                    ));
                }
            }
        }
    }
}

/// `stream()`, which pages through a list.
fn pagination(old: Option<&Pagination>, new: Option<&Pagination>, log: &mut Log<'_>) {
    let (old, new) = match (old, new) {
        (None, None) => return,
        (None, Some(_)) => return log.additive("new `stream()` over every page"),
        (Some(_), None) => {
            return log.breaking("`stream()` is gone: the operation no longer pages");
        }
        (Some(old), Some(new)) => (old, new),
    };
    let Pagination {
        strategy,
        page_param,
        per_page_param,
        items_field,
        items_optional,
        item_type,
        next_link,
        total,
    } = old;
    if item_type != &new.item_type {
        let (was, is) = spell_both(item_type, &new.item_type);
        log.breaking(format!(
            "`stream()` yields {} (was {})",
            code(&is),
            code(&was)
        ));
    }
    match (total, &new.total) {
        (None, Some(_)) => log.additive("`stream()` now reports the total count"),
        (Some(_), None) => log.breaking("`stream()` no longer reports the total count"),
        _ => {}
    }
    let same_total = total.is_some() == new.total.is_some();
    let moved = strategy != &new.strategy
        || page_param != &new.page_param
        || per_page_param != &new.per_page_param
        || items_field != &new.items_field
        || items_optional != &new.items_optional
        || next_link != &new.next_link
        || (same_total && total != &new.total);
    if moved {
        log.breaking("`stream()` finds its pages differently");
    }
}
