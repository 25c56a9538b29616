//! Resources to Rust: an accessor per resource on the client, a method per operation, and a
//! request builder per method whose `send` makes the call.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::rust::{argument, ident, rust_type};
use crate::ir::{
    Api, Content, Encoding, FieldPath, HttpMethod, Operation, ParamLocation, ParamStyle, Parameter,
    PathSegment, RequestBody, Resource, Status, Success, TypeRef,
};

/// `apis/mod.rs`: the resource modules and the client's accessors.
pub(crate) fn index(api: &Api) -> TokenStream {
    // Each resource is a cargo feature of the crate, named as its module.
    let cfgs: Vec<TokenStream> = api
        .resources
        .iter()
        .map(|resource| super::features_cfg([resource.module.as_str()]))
        .collect();
    let modules = api.resources.iter().map(|resource| ident(&resource.module));
    let allows = api
        .resources
        .iter()
        .map(|resource| super::allow_inception("apis", &resource.module));
    let accessors = api.resources.iter().zip(&cfgs).map(|(resource, cfg)| {
        let module = ident(&resource.module);
        let type_name = ident(&resource.type_name);
        let doc = docs::lines_to_attrs(&resource_doc(resource));
        quote! {
            #doc
            #cfg
            pub fn #module(&self) -> #module::#type_name {
                #module::#type_name { client: self.clone() }
            }
        }
    });
    quote! {
        //! One module per resource of the API. [`Client`](crate::Client) has an accessor for each.
        #( #cfgs #allows pub mod #modules; )*

        impl crate::Client {
            #( #accessors )*
        }
    }
}

/// The documentation of a resource, as rustdoc.
fn resource_doc(resource: &Resource) -> String {
    let head = format!(
        "The operations of the {} resource.",
        docs::code(&resource.tag)
    );
    docs::paragraphs([
        head,
        resource
            .doc
            .as_deref()
            .map(docs::rustdoc)
            .unwrap_or_default(),
    ])
}

/// `apis/{module}.rs`: the resource, its methods and their request builders.
pub(crate) fn module(resource: &Resource) -> TokenStream {
    let type_name = ident(&resource.type_name);
    let doc = docs::lines_to_attrs(&resource_doc(resource));
    let methods = resource.operations.iter().map(method);
    let builders = resource
        .operations
        .iter()
        .map(|operation| builder(resource, operation));
    let uses_models = resource.operations.iter().any(mentions_models);
    let models = uses_models.then(|| {
        quote!(
            use crate::models;
        )
    });
    let module_doc = format!(" The {} resource.", docs::code(&resource.tag));
    quote! {
        #![doc = #module_doc]
        #models

        #doc
        #[derive(Clone, Debug)]
        pub struct #type_name {
            pub(crate) client: crate::Client,
        }

        impl #type_name {
            #( #methods )*
        }

        #( #builders )*
    }
}

fn mentions_models(operation: &Operation) -> bool {
    fn named(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named(_) => true,
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => named(inner),
            _ => false,
        }
    }
    operation.params.iter().any(|p| named(&p.ty))
        || operation.body.as_ref().is_some_and(|b| named(&b.ty))
        || match &operation.success {
            Success::One(ty) => named(ty),
            Success::Several { variants, .. } => {
                variants.iter().any(|v| v.ty.as_ref().is_some_and(named))
            }
            Success::Empty => false,
        }
        || operation
            .pagination
            .as_ref()
            .is_some_and(|p| named(&p.item_type))
}

fn models() -> TokenStream {
    quote!(models::)
}

/// The parameters the method takes: path parameters, required query, header and cookie
/// parameters, in that order, then a required body.
pub(crate) fn positional(operation: &Operation) -> Vec<&Parameter> {
    operation.params.iter().filter(|p| p.required).collect()
}

/// The documentation of an operation's method, as rustdoc.
fn operation_doc(operation: &Operation) -> String {
    let mut doc = docs::paragraphs([
        operation
            .summary
            .as_deref()
            .map(docs::rustdoc)
            .unwrap_or_default(),
        operation
            .description
            .as_deref()
            .map(docs::rustdoc)
            .unwrap_or_default(),
    ]);
    let mut line = format!(
        "{} (operation {})",
        docs::code(&format!(
            "{} {}",
            operation.http_method.as_str(),
            operation.path
        )),
        docs::code(&operation.id)
    );
    let scopes: Vec<String> = operation.scopes.iter().map(|s| docs::code(s)).collect();
    match scopes.as_slice() {
        [] => line.push('.'),
        [scope] => line.push_str(&format!(", which needs the scope {scope}.")),
        scopes => line.push_str(&format!(", which needs the scopes {}.", scopes.join(", "))),
    }
    doc = docs::paragraphs([doc, line]);
    doc
}

/// The most arguments (`self` included) clippy's `too_many_arguments` accepts.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// The allow a method of `self` and `arguments` more needs: an operation's required parameters
/// are arguments, however many the spec has.
pub(super) fn allow_many_arguments(arguments: usize) -> Option<TokenStream> {
    (arguments + 1 > CLIPPY_MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments)]))
}

/// The allow a method named after an operation called `new` needs: it returns a request (or an
/// expectation), as the method of any other operation does, not `Self`.
pub(super) fn allow_new(method_name: &str) -> Option<TokenStream> {
    (method_name == "new").then(|| quote!(#[allow(clippy::new_ret_no_self)]))
}

fn method(operation: &Operation) -> TokenStream {
    let method_name = ident(&operation.method_name);
    let builder = ident(&operation.builder_name);
    let doc = docs::lines_to_attrs(&operation_doc(operation));
    let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));
    let mut arguments = Vec::new();
    let mut fields = Vec::new();
    for param in positional(operation) {
        let name = ident(&param.rust_name);
        let (ty, into) = argument(&param.ty, &models());
        arguments.push(quote!(#name: #ty));
        fields.push(if into {
            quote!(#name: #name.into())
        } else {
            quote!(#name)
        });
    }
    for param in operation.params.iter().filter(|p| !p.required) {
        let name = ident(&param.rust_name);
        fields.push(quote!(#name: None));
    }
    if let Some(body) = &operation.body {
        let ty = rust_type(&body.ty, &models());
        if body.required {
            arguments.push(quote!(body: #ty));
            fields.push(quote!(body));
        } else {
            fields.push(quote!(body: None));
        }
        if choice(&body.encodings) {
            fields.push(quote!(content_type: crate::Format::Json));
        }
    }
    if choice(&operation.accept) {
        fields.push(quote!(accept: crate::Format::Json));
    }
    let many = allow_many_arguments(arguments.len());
    let new = allow_new(&operation.method_name);
    quote! {
        #doc
        #deprecated
        #many
        #new
        pub fn #method_name(&self, #( #arguments ),*) -> #builder {
            #builder {
                client: self.client.clone(),
                #( #fields, )*
            }
        }
    }
}

/// Whether the caller may choose between JSON and YAML.
pub(crate) fn choice(encodings: &[Encoding]) -> bool {
    encodings.contains(&Encoding::Json) && encodings.contains(&Encoding::Yaml)
}

/// The operation's summary in parentheses, after a space, for the first line of a type's doc.
pub(super) fn summary_in_parentheses(operation: &Operation) -> String {
    operation
        .summary
        .as_deref()
        .map(|s| format!(" ({})", docs::inline(s.trim_end_matches('.'))))
        .unwrap_or_default()
}

fn builder(resource: &Resource, operation: &Operation) -> TokenStream {
    let builder = ident(&operation.builder_name);
    let summary = summary_in_parentheses(operation);
    let has_setters = operation.params.iter().any(|p| !p.required)
        || operation
            .body
            .as_ref()
            .is_some_and(|b| !b.required || choice(&b.encodings))
        || choice(&operation.accept);
    let next = if has_setters {
        "set its optional parameters, then [`send`](Self::send) it"
    } else {
        "[`send`](Self::send) it"
    };
    let doc = format!(
        "The request of [`{}::{}`]{summary}: {next}.",
        resource.type_name, operation.method_name
    );
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    for param in &operation.params {
        let name = ident(&param.rust_name);
        let ty = rust_type(&param.ty, &models());
        if param.required {
            fields.push(quote!(#name: #ty));
        } else {
            fields.push(quote!(#name: Option<#ty>));
            let (argument_type, into) = argument(&param.ty, &models());
            let value = if into {
                quote!(#name.into())
            } else {
                quote!(#name)
            };
            let mut doc = docs::said(param.doc.as_deref())
                .map(str::to_owned)
                .unwrap_or_else(|| {
                    format!(
                        "The {} {} parameter.",
                        docs::code(&param.name),
                        location_name(param.location)
                    )
                });
            if let Some(default) = &param.default {
                doc = docs::paragraphs([
                    doc,
                    format!(
                        "The API uses {} when it is not set.",
                        docs::code(&docs::value(default))
                    ),
                ]);
            }
            let doc = docs::attrs(Some(&doc));
            let deprecated = param.deprecated.then(|| quote!(#[deprecated]));
            setters.push(quote! {
                #doc
                #deprecated
                pub fn #name(mut self, #name: #argument_type) -> Self {
                    self.#name = Some(#value);
                    self
                }
            });
        }
    }
    if let Some(body) = &operation.body {
        let ty = rust_type(&body.ty, &models());
        if body.required {
            fields.push(quote!(body: #ty));
        } else {
            fields.push(quote!(body: Option<#ty>));
            let doc = docs::attrs(Some(
                docs::said(body.doc.as_deref()).unwrap_or("The body of the request."),
            ));
            setters.push(quote! {
                #doc
                pub fn body(mut self, body: #ty) -> Self {
                    self.body = Some(body);
                    self
                }
            });
        }
        if choice(&body.encodings) {
            fields.push(quote!(content_type: crate::Format));
            setters.push(format_setter(
                "content_type",
                body.content_type_doc.as_deref(),
                "The body is sent in this format; JSON unless set.",
            ));
        }
    }
    if choice(&operation.accept) {
        fields.push(quote!(accept: crate::Format));
        setters.push(format_setter(
            "accept",
            operation.accept_doc.as_deref(),
            "The response is asked for in this format; JSON unless set.",
        ));
    }
    let (success_type, success_items) = success(operation);
    let send = send(operation, &success_type);
    let stream = stream(operation);
    let doc = docs::lines_to_attrs(&doc);
    quote! {
        #doc
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #builder {
            client: crate::Client,
            #( #fields, )*
        }

        impl #builder {
            #( #setters )*

            /// Sends the request with settings of its own: see
            /// [`RequestOptions`](crate::RequestOptions).
            pub fn with_options(mut self, options: crate::RequestOptions) -> Self {
                self.client = crate::runtime::with_options(&self.client, options);
                self
            }

            #send
            #stream
        }

        #success_items
    }
}

/// The setter of a JSON-or-YAML choice (`content_type` or `accept`), documented by what the
/// spec says of its header parameter and then by `default`.
fn format_setter(name: &str, spec_doc: Option<&str>, default: &str) -> TokenStream {
    let setter = ident(name);
    let doc = docs::attrs(Some(&docs::paragraphs([spec_doc.unwrap_or(""), default])));
    quote! {
        #doc
        pub fn #setter(mut self, format: crate::Format) -> Self {
            self.#setter = format;
            self
        }
    }
}

pub(crate) fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The type `send` returns inside `Response`, and the enum of successes when there are several.
fn success(operation: &Operation) -> (TokenStream, TokenStream) {
    match &operation.success {
        Success::Empty => (quote!(()), TokenStream::new()),
        Success::One(ty) => (rust_type(ty, &models()), TokenStream::new()),
        Success::Several {
            type_name,
            variants,
        } => {
            let name = ident(type_name);
            let items = variants.iter().map(|variant| {
                let variant_name = ident(&variant.name);
                let doc = docs::attrs(Some(&docs::paragraphs([
                    format!("Status {}.", status_text(variant.status)),
                    variant.doc.clone().unwrap_or_default(),
                ])));
                match &variant.ty {
                    Some(ty) => {
                        let ty = rust_type(ty, &models());
                        quote!(#doc #variant_name(#ty),)
                    }
                    None => quote!(#doc #variant_name,),
                }
            });
            let doc = format!(
                "The successful answers of the `{}` operation.",
                operation.id
            );
            let items = quote! {
                #[doc = #doc]
                #[derive(Clone, Debug, PartialEq)]
                #[allow(clippy::large_enum_variant)]
                #[non_exhaustive]
                pub enum #name {
                    #( #items )*
                }
            };
            (quote!(#name), items)
        }
    }
}

fn status_text(status: Status) -> String {
    match status {
        Status::Code(code) => code.to_string(),
        Status::Range(class) => format!("{class}XX"),
        Status::Default => "other than the documented ones".into(),
    }
}

pub(crate) fn http_method(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote!(reqwest::Method::GET),
        HttpMethod::Put => quote!(reqwest::Method::PUT),
        HttpMethod::Post => quote!(reqwest::Method::POST),
        HttpMethod::Delete => quote!(reqwest::Method::DELETE),
        HttpMethod::Options => quote!(reqwest::Method::OPTIONS),
        HttpMethod::Head => quote!(reqwest::Method::HEAD),
        HttpMethod::Patch => quote!(reqwest::Method::PATCH),
        HttpMethod::Trace => quote!(reqwest::Method::TRACE),
    }
}

pub(crate) fn style(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::SpaceDelimited => quote!(crate::runtime::Style::SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(crate::runtime::Style::PipeDelimited),
        ParamStyle::DeepObject => quote!(crate::runtime::Style::DeepObject),
        ParamStyle::Json => quote!(crate::runtime::Style::Json),
        _ => quote!(crate::runtime::Style::Form),
    }
}

/// `value`, an `Option` of an integer of type `ty`, as an `Option<i64>`: as it is, widened, or
/// `None` where it does not fit.
fn option_as_i64(value: TokenStream, ty: &TypeRef) -> TokenStream {
    use crate::ir::IntegerFormat::{I32, I64, U32};
    match ty {
        TypeRef::Integer(I64) => value,
        TypeRef::Integer(I32 | U32) => quote!(#value.map(i64::from)),
        _ => quote!(#value.and_then(|value| i64::try_from(value).ok())),
    }
}

/// The operation's path as a `format!` string whose arguments are the path parameters, each
/// named after its Rust name: the code that fills it encodes each into a local of that name.
/// A parameter the template names twice (Azure's `System.{location}/.../{location}`) is one
/// local.
fn path_template(operation: &Operation) -> (String, Vec<&Parameter>) {
    let mut template = String::new();
    let mut params: Vec<&Parameter> = Vec::new();
    for segment in &operation.path_segments {
        match segment {
            PathSegment::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathSegment::Param(index) => {
                let param = &operation.params[*index];
                template.push_str(&format!("{{{}}}", param.rust_name));
                if !params.iter().any(|known| std::ptr::eq(*known, param)) {
                    params.push(param);
                }
            }
        }
    }
    (template, params)
}

/// The operation's path as a `format!` template of its parameters' names, and a statement per
/// parameter that binds its name to its encoded segment, `encode(wire name, name)`.
pub(super) fn path_segments(
    operation: &Operation,
    encode: impl Fn(&str, &Ident) -> TokenStream,
) -> (String, Vec<TokenStream>) {
    let (template, params) = path_template(operation);
    let segments = params
        .iter()
        .map(|param| {
            let name = ident(&param.rust_name);
            let segment = encode(&param.name, &name);
            quote!(let #name = #segment;)
        })
        .collect();
    (template, segments)
}

fn send(operation: &Operation, success_type: &TokenStream) -> TokenStream {
    let (template, segments) = path_segments(
        operation,
        |wire, name| quote!(crate::runtime::path_segment(#wire, &self.#name)?),
    );
    let path = if segments.is_empty() {
        quote!(let path = String::from(#template);)
    } else {
        quote!(#( #segments )* let path = format!(#template);)
    };
    let id = &operation.id;
    let path_template = &operation.path;
    let method = http_method(operation.http_method);
    let mut steps = Vec::new();
    for param in operation
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
    {
        let wire = &param.name;
        let name = ident(&param.rust_name);
        let add = match param.location {
            ParamLocation::Query => {
                let style = style(param.style);
                let explode = param.explode;
                quote!(call.query(#wire, value, #style, #explode)?;)
            }
            ParamLocation::Header => quote!(call.header(#wire, value)?;),
            ParamLocation::Cookie => quote!(call.cookie(#wire, value)?;),
            ParamLocation::Path => unreachable!("filtered out"),
        };
        steps.push(if param.required {
            quote! { let value = &self.#name; #add }
        } else {
            quote! { if let Some(value) = &self.#name { #add } }
        });
    }
    for (key, value) in &operation.fixed_query {
        steps.push(quote!(call.query(#key, #value, crate::runtime::Style::Form, true)?;));
    }
    if let Some(body) = &operation.body {
        steps.push(put_body(body));
    }
    if let Some(media_types) = raw_accept(operation) {
        steps.push(quote!(call.accept_media_type(#media_types);));
    }
    let format = if choice(&operation.accept) {
        steps.push(quote!(call.accept(self.accept);));
        quote!(self.accept)
    } else if operation.accept.first() == Some(&Encoding::Yaml) {
        steps.push(quote!(call.accept(crate::Format::Yaml);));
        quote!(crate::Format::Yaml)
    } else {
        quote!(crate::Format::Json)
    };
    let finish = match &operation.success {
        Success::Empty => quote!(Ok(answer.into_response(()))),
        Success::One(ty) => decode_one(operation, ty, &format),
        Success::Several {
            type_name,
            variants,
        } => {
            let name = ident(type_name);
            let mut arms = Vec::new();
            let mut fallback = None;
            for variant in variants {
                let variant_name = ident(&variant.name);
                let value = match &variant.ty {
                    Some(_) => {
                        let body = match body_encoding(operation, variant.status) {
                            Some(Encoding::Text) => quote!(answer.text()?),
                            Some(Encoding::Binary) => quote!(answer.bytes().to_vec()),
                            _ => quote!(answer.parse(#format).await?),
                        };
                        quote!(#name::#variant_name(#body))
                    }
                    None => quote!(#name::#variant_name),
                };
                match variant.status {
                    Status::Code(code) => arms.push(quote!(#code => #value,)),
                    Status::Range(class) => {
                        let low = class * 100;
                        let high = low + 99;
                        arms.push(quote!(#low..=#high => #value,));
                    }
                    Status::Default => fallback = Some(quote!(_ => #value,)),
                }
            }
            let fallback = fallback.unwrap_or_else(|| {
                quote! {
                    _ => return Err(answer.undocumented_status()),
                }
            });
            quote! {
                let body = match answer.status().as_u16() {
                    #( #arms )*
                    #fallback
                };
                Ok(answer.into_response(body))
            }
        }
    };
    let call = if steps.is_empty() {
        quote!(call)
    } else {
        quote!(mut call)
    };
    quote! {
        /// Sends the request and waits for its answer.
        pub async fn send(self) -> Result<crate::Response<#success_type>, crate::Error> {
            #path
            let #call = crate::runtime::Call::new(&self.client, #id, #method, #path_template, path);
            #( #steps )*
            let answer = call.send().await?;
            #finish
        }

        /// Sends the request from code that is not async, and blocks until its answer: what
        /// [`send`](Self::send) gives (the `blocking` feature).
        #[cfg(feature = "blocking")]
        pub fn send_blocking(self) -> Result<crate::Response<#success_type>, crate::Error> {
            crate::runtime::wait(self.send())
        }
    }
}

/// Putting the body in the call: JSON or YAML through serde, forms and multipart field by field,
/// text and bytes as they are (moved, not copied: `send` owns the request).
fn put_body(body: &RequestBody) -> TokenStream {
    let (value, owned) = if body.required {
        (quote!(&self.body), quote!(self.body))
    } else {
        (quote!(body), quote!(body))
    };
    let put = match body.encodings.first() {
        Some(Encoding::Form) => quote!(call.form(#value)?;),
        Some(Encoding::Multipart) => quote!(call.multipart(#value)?;),
        Some(Encoding::Text) => {
            let media_type = text_media_type(&body.media_type);
            quote!(call.raw(#owned.into_bytes(), #media_type);)
        }
        Some(Encoding::Binary) => {
            let media_type = concrete_media_type(&body.media_type);
            quote!(call.raw(#owned, #media_type);)
        }
        Some(Encoding::Yaml) if !choice(&body.encodings) => {
            quote!(call.body(#value, crate::Format::Yaml)?;)
        }
        _ if choice(&body.encodings) => quote!(call.body(#value, self.content_type)?;),
        _ => quote!(call.body(#value, crate::Format::Json)?;),
    };
    match (body.required, body.encodings.first()) {
        (true, _) => put,
        (false, Some(Encoding::Text | Encoding::Binary)) => {
            quote! { if let Some(body) = self.body { #put } }
        }
        (false, _) => quote! { if let Some(body) = &self.body { #put } },
    }
}

/// A text media type with its character set: the client sends UTF-8.
fn text_media_type(media_type: &str) -> String {
    if media_type.to_ascii_lowercase().contains("charset=") {
        media_type.to_owned()
    } else {
        format!("{media_type}; charset=utf-8")
    }
}

/// The media type a body is sent with: a range (`image/*`) names no type, so the bytes go as
/// `application/octet-stream`.
fn concrete_media_type(media_type: &str) -> &str {
    if media_type.contains('*') {
        "application/octet-stream"
    } else {
        media_type
    }
}

/// The `Accept` header of an operation that reads a success body as text or bytes: the media
/// types it reads that way (`application/pdf, image/png`), and JSON when another success is JSON.
fn raw_accept(operation: &Operation) -> Option<String> {
    let raw = |c: &Content| matches!(c.encoding, Encoding::Text | Encoding::Binary);
    let firsts: Vec<&Content> = operation
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .filter_map(|r| r.content.first())
        .collect();
    if !firsts.iter().any(|c| raw(c)) {
        return None;
    }
    let mut media_types: Vec<&str> = operation
        .responses
        .iter()
        .filter(|r| r.status.is_success() && r.content.first().is_some_and(raw))
        .flat_map(|r| r.content.iter().filter(|c| raw(c)))
        .map(|c| c.media_type.as_str())
        .collect();
    if firsts.iter().any(|c| !raw(c)) {
        media_types.push("application/json");
    }
    media_types.sort_unstable();
    media_types.dedup();
    Some(media_types.join(", "))
}

/// How the success body of `status` travels.
pub(crate) fn body_encoding(operation: &Operation, status: Status) -> Option<Encoding> {
    operation
        .responses
        .iter()
        .find(|r| r.status == status)
        .and_then(|r| r.content.first())
        .map(|c| c.encoding)
}

/// The encoding of the first success body the operation documents.
pub(crate) fn success_encoding(operation: &Operation) -> Option<Encoding> {
    operation
        .responses
        .iter()
        .filter(|r| r.status.is_success() || r.status == Status::Default)
        .find_map(|r| r.content.first())
        .map(|c| c.encoding)
}

/// The formats the client may ask its answer in: JSON or YAML, or both when the caller chooses.
pub(crate) fn answer_formats(operation: &Operation) -> Vec<Encoding> {
    if choice(&operation.accept) {
        vec![Encoding::Json, Encoding::Yaml]
    } else if operation.accept.first() == Some(&Encoding::Yaml) {
        vec![Encoding::Yaml]
    } else {
        vec![Encoding::Json]
    }
}

/// Decoding a single success body, by what its content is.
fn decode_one(operation: &Operation, ty: &TypeRef, format: &TokenStream) -> TokenStream {
    match (success_encoding(operation), ty) {
        (Some(Encoding::Binary), TypeRef::Binary) => quote! {
            let body = answer.bytes().to_vec();
            Ok(answer.into_response(body))
        },
        (Some(Encoding::Text), TypeRef::String) => quote! {
            let body = answer.text()?;
            Ok(answer.into_response(body))
        },
        _ => quote!(answer.decode(#format).await),
    }
}

/// `stream()` for an operation that pages.
fn stream(operation: &Operation) -> TokenStream {
    let Some(pagination) = &operation.pagination else {
        return TokenStream::new();
    };
    let item = rust_type(&pagination.item_type, &models());
    let items = ident(&pagination.items_field);
    let items = if pagination.items_optional {
        quote!(body.#items.unwrap_or_default())
    } else {
        quote!(body.#items)
    };
    let follow = |path: &FieldPath| -> TokenStream {
        // `Some(&body)`, then each field: optional ones flatten, required ones map.
        let mut expression = quote!(Some(&body));
        for (field, optional) in &path.fields {
            let field = ident(field);
            expression = if *optional {
                quote!(#expression.and_then(|value| value.#field.as_ref()))
            } else {
                quote!(#expression.map(|value| &value.#field))
            };
        }
        expression
    };
    let next = follow(&pagination.next_link);
    // Page numbers and counts travel as `i64`; a parameter or field of another width converts.
    let is_i64 =
        |ty: Option<&TypeRef>| matches!(ty, Some(TypeRef::Integer(crate::ir::IntegerFormat::I64)));
    let param_type = |name: &str| {
        operation
            .params
            .iter()
            .find(|p| p.name == name)
            .map(|p| &p.ty)
    };
    let convert = |value: TokenStream, ty: Option<&TypeRef>| {
        if is_i64(ty) {
            quote!(Some(#value))
        } else {
            quote!(#value.try_into().ok())
        }
    };
    let total = match &pagination.total {
        Some(path) => {
            let total = follow(path);
            option_as_i64(quote!(#total.copied()), &path.ty)
        }
        None => quote!(None),
    };
    let page_param = &pagination.page_param;
    let page = operation
        .params
        .iter()
        .find(|p| &p.name == page_param)
        .expect("pagination found the page parameter among the parameters");
    let page_field = ident(&page.rust_name);
    // The page the first request asks for: the caller's, or the API's default (1 unless the spec
    // says otherwise), which the stream then never asks for again.
    let default_page = page
        .default
        .as_ref()
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(1);
    let default_page = proc_macro2::Literal::i64_unsuffixed(default_page);
    let first_page = option_as_i64(quote!(self.#page_field), &page.ty);
    let first_page = quote!(#first_page.unwrap_or(#default_page));
    let per_page_param = match &pagination.per_page_param {
        Some(name) => quote!(Some(#name)),
        None => quote!(None),
    };
    let set_per_page = pagination.per_page_param.as_ref().and_then(|name| {
        let field = ident(&operation.params.iter().find(|p| &p.name == name)?.rust_name);
        let value = convert(quote!(per_page), param_type(name));
        Some(quote! {
            if let Some(per_page) = next.per_page {
                request.#field = #value;
            }
        })
    });
    let page_value = convert(quote!(next.page), param_type(page_param));
    quote! {
        /// Every item of every page, as a stream that asks for each page when it reaches it,
        /// following the `next` links (only their page numbers: requests stay on the client's
        /// base URL), and never asking for a page twice.
        pub fn stream(self) -> crate::Pages<#item> {
            let first_page = #first_page;
            crate::runtime::Pages::new(#page_param, #per_page_param, first_page, move |next: Option<crate::runtime::NextPage>| {
                let mut request = self.clone();
                if let Some(next) = next {
                    request.#page_field = #page_value;
                    #set_per_page
                }
                Box::pin(async move {
                    let body = request.send().await?.into_inner();
                    let next = #next.cloned();
                    let total = #total;
                    Ok(crate::runtime::Page { items: #items, next, total })
                })
            })
        }
    }
}
