//! The typed mocks (the crate's `mock` feature): a `MockServer` with an accessor per resource,
//! an expectation per operation whose matchers take the operation's typed parameters and body
//! and whose answers take its typed responses, and the `example()` value of every type. The
//! server, matchers and answers themselves are the runtime's (`codegen/runtime/mock.rs`).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::calls::{self, location_name, style};
use super::docs;
use super::example_values::ExampleValues;
use super::features_cfg;
use super::models::Groups;
use super::rust::{argument, ident, rust_type};
use crate::ir::{
    Api, BodyWire, Encoding, Format, Operation, ParamLocation, Parameter, Resource, Success,
    TypeDef, TypeKind, TypeRef,
};

/// The files of the `mock` module: `mod.rs` and one per resource or group of types.
pub(crate) fn files(
    api: &Api,
    examples: &ExampleValues<'_>,
    groups: &Groups<'_>,
    lib_name: &str,
) -> Vec<(String, TokenStream)> {
    let mut values: BTreeMap<&str, Vec<(&TypeDef, Value)>> = BTreeMap::new();
    // Structs and unions have examples; an enum's values are as short to write as an example.
    let with_examples = api
        .types
        .iter()
        .filter(|def| matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_)));
    for def in with_examples {
        if let (Some(group), Some(value)) = (groups.of(&def.name), examples.of(def)) {
            values.entry(group).or_default().push((def, value));
        }
    }
    let resources: BTreeMap<&str, &Resource> = api
        .resources
        .iter()
        .map(|resource| (resource.module.as_str(), resource))
        .collect();
    let modules: BTreeSet<&str> = resources.keys().chain(values.keys()).copied().collect();
    let mut files = vec![(
        "src/mock/mod.rs".to_owned(),
        index(api, &modules, examples, lib_name),
    )];
    for module in modules {
        let doc = match (resources.get(module), values.contains_key(module)) {
            (Some(resource), true) => format!(
                " Expectations of the {} resource, and example values of the types it uses.",
                docs::code(&resource.tag)
            ),
            (Some(resource), false) => {
                format!(
                    " Expectations of the {} resource.",
                    docs::code(&resource.tag)
                )
            }
            (None, _) => " Example values of the types that several resources use.".to_owned(),
        };
        let resource = resources.get(module).map(|resource| expectations(resource));
        // A resource's module is compiled with its feature, and so are the types of its group;
        // the other groups' types each say what they need.
        let gate = |name: &str| {
            if resources.contains_key(module) {
                TokenStream::new()
            } else {
                groups.cfg(name)
            }
        };
        let values = values
            .get(module)
            .map(|values| example_values(values, gate));
        files.push((
            format!("src/mock/{module}.rs"),
            quote! {
                #![doc = #doc]
                #resource
                #values
            },
        ));
    }
    files
}

fn index(
    api: &Api,
    modules: &BTreeSet<&str>,
    examples: &ExampleValues<'_>,
    lib_name: &str,
) -> TokenStream {
    let doc = docs::module_attrs(&module_doc(api, examples, lib_name));
    let resources: BTreeSet<&str> = api.resources.iter().map(|r| r.module.as_str()).collect();
    // A resource's module is its feature's; the others hold example values of types that each
    // say what they need.
    let modules = modules.iter().map(|module| {
        let cfg = resources.contains(module).then(|| features_cfg([*module]));
        let module = ident(module);
        quote!(#cfg pub mod #module;)
    });
    let accessors = api.resources.iter().map(|resource| {
        let cfg = features_cfg([resource.module.as_str()]);
        let module = ident(&resource.module);
        let type_name = ident(&resource.type_name);
        let doc = format!(
            " The expectations of the operations of the {} resource.",
            docs::code(&resource.tag)
        );
        quote! {
            #[doc = #doc]
            #cfg
            pub fn #module(&self) -> #module::#type_name<'_> {
                #module::#type_name { server: &self.server }
            }
        }
    });
    quote! {
        #doc
        #( #modules )*

        pub use crate::runtime::mock::{Expectation, IntoStatus, Server, wiremock};

        /// A local server that plays the API: mount typed expectations on it with its accessors
        /// (one per resource, one method per operation), and point a client at it with
        /// [`client`](MockServer::client). It dereferences to the [`Server`] underneath.
        #[derive(Debug)]
        pub struct MockServer {
            server: Server,
        }

        impl MockServer {
            /// Starts a server on a free local port.
            pub async fn start() -> MockServer {
                MockServer { server: Server::start().await }
            }

            /// A client of this server: a test token, and no retries, so that an error answer
            /// fails at once.
            pub fn client(&self) -> crate::Client {
                self.server.client()
            }

            /// A client builder already pointed at this server, with a test token and no
            /// retries, for a test that configures more.
            pub fn client_builder(&self) -> crate::ClientBuilder {
                self.server.client_builder()
            }

            #( #accessors )*
        }

        impl std::ops::Deref for MockServer {
            type Target = Server;

            fn deref(&self) -> &Server {
                &self.server
            }
        }
    }
}

/// The module's documentation, with a runnable example when the spec has an operation to show.
fn module_doc(api: &Api, examples: &ExampleValues<'_>, lib_name: &str) -> String {
    let head = "Typed mocks of the API (the `mock` feature), for testing code that uses this \
        crate: a local [`MockServer`] whose expectations take the same typed parameters, bodies \
        and responses as the client, and an `example()` value of every type whose required \
        fields are filled from the spec's examples, so that a test writes only the fields it \
        cares about (`Type { field: value, ..Type::example() }`).\n\n\
        An expectation matches the operation's method and path, the parameters passed to it, \
        and what its setters add (optional parameters, `body`, `body_matches`). It answers with \
        `respond(status, body)` or `respond_error(status, error_body)`, can be told how often it \
        must be met (`times`), and is mounted when awaited. A server that is dropped with an \
        unmet count panics, naming the operation.";
    let mut parts = vec![head.to_owned()];
    if let Some(demo) = demo(api, examples, false) {
        let call = demo.mock_call();
        let body_type = &demo.answer_type;
        let error = match &api.error_body {
            Some(TypeRef::Named(_)) => format!("{lib_name}::ErrorBody::example()"),
            _ => "serde_json::json!({\"message\": \"not found\"})".to_owned(),
        };
        parts.push(doc_test(&format!(
            "use {lib_name}::StatusCode;\n\
            use {lib_name}::mock::MockServer;\n\
            use {lib_name}::models::{body_type};\n\
            \n\
            let server = MockServer::start().await;\n\
            server\n    .{call}\n    .respond(StatusCode::OK, {body_type}::example())\n    .times(1)\n    .await;\n\
            \n\
            let response = server.client().{call}.send().await.unwrap();\n\
            assert_eq!(*response.body(), {body_type}::example());\n\
            \n\
            // Errors are answered with the API's error body.\n\
            server.reset().await;\n\
            server.{call}.respond_error(404, {error}).await;\n\
            let error = server.client().{call}.send().await.unwrap_err();\n\
            assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));"
        )));
    }
    if let Some(demo) = demo(api, examples, true) {
        let call = demo.mock_call();
        let client_call = demo.client_call("request");
        let answer_type = &demo.answer_type;
        let request_type = demo.request_type.as_deref().unwrap_or_default();
        // An operation may answer with the type it is sent: it is imported once.
        let imports = if request_type == answer_type {
            answer_type.clone()
        } else {
            format!("{{{answer_type}, {request_type}}}")
        };
        parts.push("A body is matched by its value:".to_owned());
        parts.push(doc_test(&format!(
            "use {lib_name}::mock::MockServer;\n\
            use {lib_name}::models::{imports};\n\
            \n\
            let server = MockServer::start().await;\n\
            let request = {request_type}::example();\n\
            server\n    .{call}\n    .body(request.clone())\n    .respond(200, {answer_type}::example())\n    .times(1)\n    .await;\n\
            \n\
            server.client().{client_call}.send().await.unwrap();"
        )));
    }
    docs::paragraphs(parts)
}

/// `code` as a doctest that runs in a Tokio runtime.
fn doc_test(code: &str) -> String {
    format!(
        "```\n# #[tokio::main(flavor = \"current_thread\")]\n# async fn main() {{\n{code}\n# }}\n```"
    )
}

/// An operation the module's examples show.
struct Demo {
    resource: String,
    method: String,
    arguments: Vec<&'static str>,
    answer_type: String,
    /// The type of its required body, for the example of a body.
    request_type: Option<String>,
}

impl Demo {
    fn mock_call(&self) -> String {
        format!(
            "{}().{}({})",
            self.resource,
            self.method,
            self.arguments.join(", ")
        )
    }

    fn client_call(&self, body: &str) -> String {
        let mut arguments = self.arguments.clone();
        arguments.push(body);
        format!(
            "{}().{}({})",
            self.resource,
            self.method,
            arguments.join(", ")
        )
    }
}

/// The operation an example shows: one that returns a struct with an example value and takes
/// the fewest arguments, each a string or an integer; a GET without a body, or, `with_body`, one
/// that requires a JSON body with an example value.
fn demo(api: &Api, examples: &ExampleValues<'_>, with_body: bool) -> Option<Demo> {
    let struct_with_example = |ty: &TypeRef| {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        let def = api.types.iter().find(|def| &def.name == name)?;
        (matches!(def.kind, TypeKind::Struct(_)) && examples.of(def).is_some())
            .then(|| name.clone())
    };
    let mut candidates = Vec::new();
    for resource in &api.resources {
        for operation in &resource.operations {
            let Success::One(answer) = &operation.success else {
                continue;
            };
            let Some(answer_type) = struct_with_example(answer) else {
                continue;
            };
            let arguments: Option<Vec<&str>> = operation
                .positional()
                .map(|param| match param.ty {
                    TypeRef::String => Some("\"example\""),
                    TypeRef::Integer(_) => Some("1"),
                    _ => None,
                })
                .collect();
            let Some(arguments) = arguments else {
                continue;
            };
            let request_type = match &operation.body {
                Some(body)
                    if with_body
                        && body.required
                        && body.encodings.first() == Some(&Encoding::Json) =>
                {
                    struct_with_example(&body.ty)
                }
                _ => None,
            };
            let fits = if with_body {
                request_type.is_some()
            } else {
                operation.http_method == crate::ir::HttpMethod::Get
                    && !operation.body.as_ref().is_some_and(|body| body.required)
            };
            if fits {
                candidates.push(Demo {
                    resource: resource.module.clone(),
                    method: operation.method_name.clone(),
                    arguments,
                    answer_type,
                    request_type,
                });
            }
        }
    }
    candidates
        .into_iter()
        .min_by_key(|demo| demo.arguments.len())
}

/// The expectations of one resource: its accessor type and one expectation per operation.
fn expectations(resource: &Resource) -> TokenStream {
    let type_name = ident(&resource.type_name);
    let doc = format!(
        " The expectations of the {} resource: a method per operation, which takes what the \
         client's method takes but the body.",
        docs::code(&resource.tag)
    );
    let methods = resource
        .operations
        .iter()
        .map(|operation| constructor(resource, operation));
    let types = resource
        .operations
        .iter()
        .map(|operation| expectation(resource, operation));
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        pub struct #type_name<'a> {
            pub(crate) server: &'a crate::runtime::mock::Server,
        }

        impl<'a> #type_name<'a> {
            #( #methods )*
        }

        #( #types )*
    }
}

fn models() -> TokenStream {
    quote!(crate::models::)
}

/// A matcher step for a parameter whose value is in the local of its name.
fn match_param(param: &Parameter) -> TokenStream {
    let wire = &param.name;
    let name = ident(&param.rust_name);
    match param.location {
        ParamLocation::Query => {
            let style = style(param.style);
            let explode = param.explode;
            quote!(.query(#wire, &#name, #style, #explode))
        }
        ParamLocation::Header => quote!(.header(#wire, &#name)),
        ParamLocation::Cookie => quote!(.cookie(#wire, &#name)),
        ParamLocation::Path => TokenStream::new(),
    }
}

fn constructor(resource: &Resource, operation: &Operation) -> TokenStream {
    let method_name = ident(&operation.method_name);
    let expectation = ident(&operation.builder_name);
    let doc = format!(
        " Expects [`{}::{}`](crate::apis::{}::{}::{}): {}{}.",
        resource.type_name,
        operation.method_name,
        resource.module,
        resource.type_name,
        operation.method_name,
        docs::code(&format!(
            "{} {}",
            operation.http_method.as_str(),
            operation.path
        )),
        if operation.positional().next().is_none() {
            ""
        } else {
            " with these parameters"
        }
    );
    let mut arguments = Vec::new();
    let mut conversions = Vec::new();
    let mut steps = Vec::new();
    for param in operation.positional() {
        let name = ident(&param.rust_name);
        let (ty, into) = argument(&param.ty, &models());
        arguments.push(quote!(#name: #ty));
        if into {
            conversions.push(quote!(let #name: String = #name.into();));
        }
        steps.push(match_param(param));
    }
    let (template, segments) = calls::path_segments(
        operation,
        |wire, name| quote!(crate::runtime::mock::segment(#wire, &#name)),
    );
    let path = if segments.is_empty() {
        quote!(String::from(#template))
    } else {
        quote!({ #( #segments )* format!(#template) })
    };
    let id = &operation.id;
    let method = calls::http_method(operation.http_method);
    let many = calls::allow_many_arguments(arguments.len());
    let new = calls::allow_new(&operation.method_name);
    quote! {
        #[doc = #doc]
        #many
        #new
        pub fn #method_name(&self, #( #arguments ),*) -> #expectation<'a> {
            #( #conversions )*
            #expectation {
                when: self.server.when(#id, #method, #path) #( #steps )*,
            }
        }
    }
}

/// How the mocks compare a request body with a typed one, if they can.
fn body_encoding(wire: &BodyWire) -> Option<TokenStream> {
    let kind = match wire {
        BodyWire::Document(_) => quote!(Document),
        BodyWire::Form => quote!(Form),
        BodyWire::Text(_) => quote!(Text),
        BodyWire::Binary(_) => quote!(Binary),
        BodyWire::Multipart => return None,
    };
    Some(quote!(crate::runtime::mock::BodyEncoding::#kind))
}

fn expectation(resource: &Resource, operation: &Operation) -> TokenStream {
    let name = ident(&operation.builder_name);
    let summary = calls::summary_in_parentheses(operation);
    let doc = format!(
        "The expectation of [`{}::{}`](crate::apis::{}::{}::{}){summary}: narrow it with its \
         setters, then answer it with [`respond`](Self::respond) or \
         [`respond_error`](Self::respond_error) and await it.",
        resource.type_name,
        operation.method_name,
        resource.module,
        resource.type_name,
        operation.method_name,
    );
    let doc = docs::lines_to_attrs(&doc);
    let mut setters = Vec::new();
    for param in operation.params.iter().filter(|p| !p.positional) {
        let setter = ident(&param.rust_name);
        let (ty, into) = argument(&param.ty, &models());
        let conversion = into.then(|| quote!(let #setter: String = #setter.into();));
        let step = match_param(param);
        let doc = format!(
            " Only requests whose {} {} parameter is this.",
            docs::code(&param.name),
            location_name(param.location)
        );
        let deprecated = param.deprecated.then(|| quote!(#[deprecated]));
        setters.push(quote! {
            #[doc = #doc]
            #deprecated
            pub fn #setter(mut self, #setter: #ty) -> Self {
                #conversion
                self.when = self.when #step;
                self
            }
        });
    }
    if let Some(body) = &operation.body {
        let ty = rust_type(&body.ty, &models());
        let encoding = body_encoding(&body.wire);
        if let Some(encoding) = encoding {
            setters.push(quote! {
                /// Only requests whose body is this.
                pub fn body(mut self, body: #ty) -> Self {
                    self.when = self.when.body(&body, #encoding);
                    self
                }
            });
        }
        if matches!(body.wire, BodyWire::Document(_)) {
            setters.push(quote! {
                /// Only requests whose body, decoded, satisfies `predicate`.
                pub fn body_matches(
                    mut self,
                    predicate: impl Fn(&#ty) -> bool + Send + Sync + 'static,
                ) -> Self {
                    self.when = self.when.body_matches(predicate);
                    self
                }
            });
        }
    }
    let respond = respond(resource, operation);
    quote! {
        #doc
        #[derive(Debug)]
        #[must_use = "an expectation does nothing until it is answered and awaited"]
        pub struct #name<'a> {
            when: crate::runtime::mock::When<'a>,
        }

        impl<'a> #name<'a> {
            #( #setters )*
            #respond

            /// Answers with an error `status` and the API's error body.
            pub fn respond_error(
                self,
                status: impl crate::mock::IntoStatus,
                body: crate::ErrorBody,
            ) -> crate::mock::Expectation<'a> {
                self.when.respond(
                    status,
                    crate::runtime::mock::Reply::value(&body, &[crate::Format::Json]),
                )
            }
        }
    }
}

/// `respond`: the answer of a success, typed as the client decodes it.
fn respond(resource: &Resource, operation: &Operation) -> TokenStream {
    let formats = match operation.answer.format {
        Format::Json => quote!(&[crate::Format::Json]),
        Format::Yaml => quote!(&[crate::Format::Yaml]),
        Format::Chosen => quote!(&[crate::Format::Json, crate::Format::Yaml]),
    };
    let value = |body: TokenStream| quote!(crate::runtime::mock::Reply::value(&#body, #formats));
    let (argument, reply) = match &operation.success {
        Success::Empty => (
            TokenStream::new(),
            quote!(crate::runtime::mock::Reply::Empty),
        ),
        Success::One(ty) => {
            let rust = rust_type(ty, &models());
            let reply = match (operation.answer.encoding, ty) {
                (Some(Encoding::Binary), TypeRef::Binary) => {
                    quote!(crate::runtime::mock::Reply::bytes(body))
                }
                (Some(Encoding::Text), TypeRef::String) => {
                    quote!(crate::runtime::mock::Reply::text(body))
                }
                _ => value(quote!(body)),
            };
            (quote!(, body: #rust), reply)
        }
        Success::Several {
            type_name,
            variants,
        } => {
            let module = ident(&resource.module);
            let type_name = ident(type_name);
            let arms = variants.iter().map(|variant| {
                let variant_name = ident(&variant.name);
                match &variant.ty {
                    Some(_) => {
                        let reply = match variant.encoding {
                            Some(Encoding::Text) => quote!(crate::runtime::mock::Reply::text(value)),
                            Some(Encoding::Binary) => {
                                quote!(crate::runtime::mock::Reply::bytes(value))
                            }
                            _ => value(quote!(value)),
                        };
                        quote!(crate::apis::#module::#type_name::#variant_name(value) => #reply,)
                    }
                    None => quote!(
                        crate::apis::#module::#type_name::#variant_name => crate::runtime::mock::Reply::Empty,
                    ),
                }
            });
            (
                quote!(, body: crate::apis::#module::#type_name),
                quote!(match body { #( #arms )* }),
            )
        }
    };
    let doc = match &operation.success {
        Success::Empty => " Answers with `status` and no body.",
        _ => " Answers with `status` and `body`, in the format the request asks for.",
    };
    quote! {
        #[doc = #doc]
        pub fn respond(self, status: impl crate::mock::IntoStatus #argument) -> crate::mock::Expectation<'a> {
            self.when.respond(status, #reply)
        }
    }
}

/// The `example()` of each type of `values`, each behind its `gate`, and a test that each
/// encodes back to the JSON it was decoded from.
fn example_values(values: &[(&TypeDef, Value)], gate: impl Fn(&str) -> TokenStream) -> TokenStream {
    let impls = values.iter().map(|(def, value)| {
        let cfg = gate(&def.name);
        let name = ident(&def.name);
        let type_name = &def.name;
        let json = raw_string(&value.to_string());
        let doc = match def.kind {
            TypeKind::Struct(_) => format!(
                " The example value of `{type_name}`: its required fields hold the spec's \
                 examples (or placeholders where it gives none) and its optional fields are \
                 empty. A test sets what it cares about with \
                 `{type_name} {{ field: value, ..{type_name}::example() }}`."
            ),
            _ => format!(
                " The example value of `{type_name}`: the spec's example, or else its first \
                 variant with the required fields filled in."
            ),
        };
        quote! {
            #cfg
            impl crate::models::#name {
                const EXAMPLE_JSON: &str = #json;

                #[doc = #doc]
                pub fn example() -> Self {
                    crate::runtime::mock::example(#type_name, Self::EXAMPLE_JSON)
                }
            }
        }
    });
    let checks = values.iter().map(|(def, _)| {
        let cfg = gate(&def.name);
        let name = ident(&def.name);
        quote! {
            #cfg
            crate::runtime::assert_encodes_as(
                &crate::models::#name::example(),
                crate::models::#name::EXAMPLE_JSON,
            );
        }
    });
    quote! {
        #( #impls )*

        #[cfg(test)]
        mod tests {
            #[test]
            fn every_example_value_encodes_as_its_json() {
                #( #checks )*
            }
        }
    }
}

/// `text` as a raw string literal, with as many `#` as it needs.
fn raw_string(text: &str) -> TokenStream {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .expect("a raw string literal is a token")
}
