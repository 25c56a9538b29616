//! Resources to Rust: an accessor per resource on the client, a method per operation, and a
//! request builder per method whose `send` makes the call.

use proc_macro2::TokenStream;
use quote::quote;

use super::calls::{
    allow_many_arguments, allow_new, http_method, location_name, path_segments, style,
    summary_in_parentheses,
};
use super::docs;
use super::rust::{argument, ident, rust_type};
use crate::ir::{
    Api, BodyWire, Encoding, FieldPath, Format, Operation, ParamLocation, RequestBody, Resource,
    Status, Success, TypeRef,
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

fn method(operation: &Operation) -> TokenStream {
    let method_name = ident(&operation.method_name);
    let builder = ident(&operation.builder_name);
    let doc = docs::lines_to_attrs(&operation_doc(operation));
    let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));
    let mut arguments = Vec::new();
    let mut fields = Vec::new();
    for param in operation.positional() {
        let name = ident(&param.rust_name);
        let (ty, into) = argument(&param.ty, &models());
        arguments.push(quote!(#name: #ty));
        fields.push(if into {
            quote!(#name: #name.into())
        } else {
            quote!(#name)
        });
    }
    for param in operation.params.iter().filter(|p| !p.positional) {
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
        if body.wire.is_chosen() {
            fields.push(quote!(content_type: crate::Format::Json));
        }
    }
    if operation.answer.is_chosen() {
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

fn builder(resource: &Resource, operation: &Operation) -> TokenStream {
    let builder = ident(&operation.builder_name);
    let summary = summary_in_parentheses(operation);
    let has_setters = operation.params.iter().any(|p| !p.positional)
        || operation
            .body
            .as_ref()
            .is_some_and(|b| !b.required || b.wire.is_chosen())
        || operation.answer.is_chosen();
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
        if param.positional {
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
        if body.wire.is_chosen() {
            fields.push(quote!(content_type: crate::Format));
            setters.push(format_setter(
                "content_type",
                body.content_type_doc.as_deref(),
                "The body is sent in this format; JSON unless set.",
            ));
        }
    }
    if operation.answer.is_chosen() {
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
        steps.push(if param.positional {
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
    if let Some(media_types) = &operation.answer.accept {
        steps.push(quote!(call.accept_media_type(#media_types);));
    }
    let format = match operation.answer.format {
        Format::Chosen => {
            steps.push(quote!(call.accept(self.accept);));
            quote!(self.accept)
        }
        Format::Yaml => {
            steps.push(quote!(call.accept(crate::Format::Yaml);));
            quote!(crate::Format::Yaml)
        }
        Format::Json => quote!(crate::Format::Json),
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
                        let body = match variant.encoding {
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
    let put = match &body.wire {
        BodyWire::Form => quote!(call.form(#value)?;),
        BodyWire::Multipart => quote!(call.multipart(#value)?;),
        BodyWire::Text(media_type) => quote!(call.raw(#owned.into_bytes(), #media_type);),
        BodyWire::Binary(media_type) => quote!(call.raw(#owned, #media_type);),
        BodyWire::Document(Format::Yaml) => quote!(call.body(#value, crate::Format::Yaml)?;),
        BodyWire::Document(Format::Chosen) => quote!(call.body(#value, self.content_type)?;),
        BodyWire::Document(Format::Json) => quote!(call.body(#value, crate::Format::Json)?;),
    };
    match (body.required, &body.wire) {
        (true, _) => put,
        (false, BodyWire::Text(_) | BodyWire::Binary(_)) => {
            quote! { if let Some(body) = self.body { #put } }
        }
        (false, _) => quote! { if let Some(body) = &self.body { #put } },
    }
}

/// Decoding a single success body, by what its content is.
fn decode_one(operation: &Operation, ty: &TypeRef, format: &TokenStream) -> TokenStream {
    match (operation.answer.encoding, ty) {
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
