//! The command line (the crate's `cli` feature): a clap subcommand per resource and per
//! operation, whose help is the spec's words, whose path parameters are positional and the
//! others flags, and whose body comes from `--file` or standard input. Each command calls the
//! client and hands the answer to the runtime's `cli::Context` (`codegen/runtime/cli.rs`), which
//! owns the options every command shares, the output and the exit codes.

use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::quote;

use super::calls::location_name;
use super::docs;
use super::features_cfg;
use super::rust::{TypeTable, ident, rust_type};
use crate::ir::{
    Api, Encoding, Operation, ParamLocation, Parameter, Resource, Success, TypeKind, TypeRef,
};
use crate::names::Namespace;

/// Names of arguments that every command has (clap's and the runtime's `Options`), which the
/// arguments of an operation must not take.
const SHARED_ARGUMENTS: &[&str] = &[
    "allow_insecure_http",
    "base_url",
    "header",
    "help",
    "no_retry",
    "output",
    "timeout",
    "version",
];

/// The files of the `cli` module: `mod.rs` and one per resource.
pub(crate) fn files(
    api: &Api,
    table: &TypeTable<'_>,
    cli_name: &str,
    token_env: &str,
) -> Vec<(String, TokenStream)> {
    let mut files = vec![("src/cli/mod.rs".to_owned(), index(api, cli_name, token_env))];
    for resource in &api.resources {
        files.push((
            format!("src/cli/{}.rs", resource.module),
            module(resource, table, cli_name),
        ));
    }
    files
}

fn index(api: &Api, cli_name: &str, token_env: &str) -> TokenStream {
    let module_doc = docs::module_attrs(&format!(
        "The command line of the API (the `cli` feature): `{cli_name} RESOURCE OPERATION \
         [ARGUMENTS]`, with a subcommand per resource and per operation. The `{cli_name}` binary \
         is [`main`]; [`Command`] embeds the same commands in another clap tool."
    ));
    let about = docs::paragraphs([
        format!(
            "{}, from the command line.",
            docs::inline(api.title.trim_end_matches('.'))
        ),
        api.description
            .as_deref()
            .map(docs::rustdoc)
            .unwrap_or_default(),
        format!(
            "The token is read from the environment variable {token_env}. Results are printed as \
             JSON (pretty on a terminal, compact otherwise) or YAML. Exit codes: 0 success, \
             2 usage, 3 an error answered by the API, 4 no answer (connection or timeout), \
             5 an answer the spec does not describe."
        ),
    ]);
    let about = docs::lines_to_attrs(&about);
    // Each resource is a feature of the crate: its module, command and arm are compiled with it.
    let cfg = |resource: &Resource| features_cfg([resource.module.as_str()]);
    let modules = api.resources.iter().map(|resource| {
        let cfg = cfg(resource);
        let module = ident(&resource.module);
        quote!(#cfg pub mod #module;)
    });
    let variants = api.resources.iter().map(|resource| {
        let cfg = cfg(resource);
        let module = ident(&resource.module);
        let type_name = ident(&resource.type_name);
        let name = resource.module.to_kebab_case();
        let doc = match resource.doc.as_deref() {
            Some(doc) => first_sentence_apart(&docs::rustdoc(doc)),
            None => format!(
                "The operations of the {} resource.",
                docs::code(&resource.tag)
            ),
        };
        let doc = docs::lines_to_attrs(&doc);
        quote! {
            #doc
            #cfg
            #[command(name = #name, subcommand)]
            #type_name(#module::#type_name),
        }
    });
    let arms = api.resources.iter().map(|resource| {
        let cfg = cfg(resource);
        let type_name = ident(&resource.type_name);
        quote!(#cfg Command::#type_name(command) => command.run(context).await,)
    });
    // Without a resource (none in the spec, or none enabled) no command uses the context.
    let features = api.resources.iter().map(|resource| &resource.module);
    let unused = quote!(#[cfg_attr(not(any(#( feature = #features ),*)), allow(unused_variables))]);
    quote! {
        #module_doc
        #( #modules )*

        pub use crate::runtime::cli::{
            EXIT_API, EXIT_RESPONSE, EXIT_TRANSPORT, EXIT_USAGE, Options, OutputFormat,
        };

        /// What a command runs with: the client, and how to print what it gets.
        pub type Context = crate::runtime::cli::Context<crate::Client>;

        /// Why a command failed; each kind has its own exit code.
        pub type Failure = crate::runtime::cli::Failure<crate::ErrorBody>;

        #about
        #[derive(Debug, clap::Parser)]
        #[command(name = #cli_name, version)]
        pub struct Cli {
            /// The options every command takes.
            #[command(flatten)]
            pub options: Options,

            /// The resource and operation to run.
            #[command(subcommand)]
            pub command: Command,
        }

        /// A subcommand per resource of the API, each with a subcommand per operation.
        #[derive(Debug, clap::Subcommand)]
        pub enum Command {
            #( #variants )*
        }

        impl Command {
            /// Sends the request of the operation and prints its answer.
            #unused
            pub async fn run(self, context: &Context) -> Result<(), Failure> {
                match self {
                    #( #arms )*
                }
            }
        }

        /// The command line's entry point: parses the arguments, runs the command and returns
        /// its exit code, having reported a failure on standard error.
        pub fn main() -> std::process::ExitCode {
            use clap::Parser as _;
            match Cli::try_parse() {
                Ok(cli) => crate::runtime::cli::execute(&cli.options, async |context: &Context| {
                    cli.command.run(context).await
                }),
                Err(error) => crate::runtime::cli::parse_failure(&error),
            }
        }
    }
}

/// `text` with its first sentence as a paragraph of its own: clap lists a command by its first
/// paragraph.
fn first_sentence_apart(text: &str) -> String {
    let (first, rest) = text.split_once("\n\n").unwrap_or((text, ""));
    let end = first.char_indices().find_map(|(at, c)| {
        let next = first[at + c.len_utf8()..].chars().next();
        (c == '.' && matches!(next, Some(' ' | '\n'))).then_some(at + 1)
    });
    match end {
        Some(end) => docs::paragraphs([first[..end].trim(), first[end..].trim(), rest]),
        None => text.to_owned(),
    }
}

fn module(resource: &Resource, table: &TypeTable<'_>, cli_name: &str) -> TokenStream {
    let type_name = ident(&resource.type_name);
    let command = resource.module.to_kebab_case();
    let module_doc = format!(
        " The `{cli_name} {command}` commands: the operations of the {} resource.",
        docs::code(&resource.tag)
    );
    let doc = format!(
        " The operations of the {} resource.",
        docs::code(&resource.tag)
    );
    let variants = resource.operations.iter().map(|operation| {
        let name = ident(&operation.builder_name);
        let command = operation.method_name.to_kebab_case();
        quote! {
            #[command(name = #command)]
            #name(#name),
        }
    });
    let arms = resource.operations.iter().map(|operation| {
        let name = ident(&operation.builder_name);
        quote!(#type_name::#name(command) => command.run(context).await,)
    });
    let commands = resource
        .operations
        .iter()
        .map(|operation| operation_command(resource, operation, table));
    quote! {
        #![doc = #module_doc]

        #[doc = #doc]
        // Each variant's help is the documentation of its arguments' type.
        #[allow(missing_docs)]
        #[derive(Debug, clap::Subcommand)]
        pub enum #type_name {
            #( #variants )*
        }

        impl #type_name {
            /// Sends the request of the operation and prints its answer.
            pub async fn run(self, context: &crate::cli::Context) -> Result<(), crate::cli::Failure> {
                match self {
                    #( #arms )*
                }
            }
        }

        #( #commands )*
    }
}

/// The Rust type of an argument's field, and the attributes that read it: clap's own parsers
/// for strings and numbers, a flag that may stand alone for `true` for an optional boolean, and
/// the runtime's parser (the text as a JSON string, else as JSON) for the rest.
fn argument_type(table: &TypeTable<'_>, param: &Parameter) -> (TokenStream, Vec<TokenStream>) {
    let models = quote!(crate::models::);
    let (element, list) = match table.wire(&param.ty) {
        TypeRef::Array(inner) => (inner.as_ref().clone(), true),
        _ => (param.ty.clone(), false),
    };
    let element_type = match table.wire(&element) {
        // A `Vec<u8>` field would take a byte per value.
        TypeRef::Binary => quote!(crate::runtime::cli::Bytes),
        _ => rust_type(&element, &models),
    };
    let mut attributes = Vec::new();
    match table.wire(&element) {
        TypeRef::String | TypeRef::Integer(_) | TypeRef::IntegerString(_) | TypeRef::Number(_) => {}
        TypeRef::Boolean if list => {}
        TypeRef::Boolean if param.required => {
            // A required flag takes its value: `--flag true` or `--flag false`.
            attributes.push(quote!(action = clap::ArgAction::Set));
        }
        TypeRef::Boolean => attributes.extend([
            quote!(num_args = 0..=1),
            quote!(require_equals = true),
            quote!(default_missing_value = "true"),
        ]),
        _ => attributes.push(quote!(value_parser = crate::runtime::cli::parse::<#element_type>)),
    }
    if list {
        attributes.push(quote!(value_delimiter = ','));
    }
    let ty = match (list, param.required) {
        (true, true) => {
            attributes.push(quote!(required = true));
            quote!(Vec<#element_type>)
        }
        (true, false) => quote!(Option<Vec<#element_type>>),
        (false, true) => element_type,
        (false, false) => quote!(Option<#element_type>),
    };
    (ty, attributes)
}

/// The help of a parameter: the spec's words, its possible values, its default.
fn parameter_help(table: &TypeTable<'_>, param: &Parameter) -> String {
    let own = param.doc.as_deref().map(docs::rustdoc).unwrap_or_else(|| {
        format!(
            "The {} {} parameter.",
            docs::code(&param.name),
            location_name(param.location)
        )
    });
    let element = match table.wire(&param.ty) {
        TypeRef::Array(inner) => *inner,
        other => other,
    };
    let values = match &element {
        TypeRef::Named(name) => match table.get(name).map(|def| &def.kind) {
            Some(TypeKind::Enum(e)) if !e.variants.is_empty() => Some(format!(
                "One of: {}.",
                e.variants
                    .iter()
                    .map(|v| docs::code(&v.value))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Some(_) => Some("As JSON.".to_owned()),
            None => None,
        },
        TypeRef::Map(_) | TypeRef::Any => Some("As JSON.".to_owned()),
        _ => None,
    };
    let default = param.default.as_ref().map(|value| {
        format!(
            "The API uses {} when it is not set.",
            docs::code(&docs::value(value))
        )
    });
    let deprecated = param.deprecated.then(|| "Deprecated.".to_owned());
    docs::paragraphs(
        [Some(own), values, default, deprecated]
            .into_iter()
            .flatten(),
    )
}

fn operation_command(
    resource: &Resource,
    operation: &Operation,
    table: &TypeTable<'_>,
) -> TokenStream {
    let name = ident(&operation.builder_name);
    // The fields are the arguments' clap ids: unique, and apart from the shared options.
    let mut fields = Namespace::with_reserved(SHARED_ARGUMENTS);
    let file_field = operation
        .body
        .as_ref()
        .map(|_| ident(&fields.claim("file".to_owned())));
    let all_field = operation
        .pagination
        .as_ref()
        .map(|_| ident(&fields.claim("all".to_owned())));
    let mut arguments = Vec::new();
    let mut field_of = Vec::new();
    for param in &operation.params {
        let location = location_name(param.location);
        let wanted = if fields.contains(&param.rust_name) {
            format!("{location}_{}", param.rust_name)
        } else {
            param.rust_name.clone()
        };
        let field_name = fields.claim(wanted);
        let field = ident(&field_name);
        let (ty, mut attributes) = argument_type(table, param);
        let value_name = param.name.to_uppercase().replace(['-', ' ', '.'], "_");
        attributes.push(quote!(value_name = #value_name));
        if param.location != ParamLocation::Path {
            let long = field_name.to_kebab_case();
            attributes.insert(0, quote!(long = #long));
        }
        let doc = docs::lines_to_attrs(&parameter_help(table, param));
        arguments.push(quote! {
            #doc
            #[arg( #( #attributes ),* )]
            #field: #ty,
        });
        field_of.push((param, field));
    }
    if let (Some(file), Some(body)) = (&file_field, &operation.body) {
        let what = match body.encodings.first() {
            Some(Encoding::Text) => "as text",
            Some(Encoding::Binary) => "as it is",
            _ => "as JSON or YAML",
        };
        let doc = docs::lines_to_attrs(&docs::paragraphs([
            body.doc.as_deref().map(docs::rustdoc).unwrap_or_default(),
            if body.required {
                format!(
                    "The body of the request, {what}: read from this file, or from standard input \
                     when it is `-` or left out."
                )
            } else {
                format!(
                    "The body of the request, {what}: read from this file, or from standard input \
                     when it is `-`. Without it, the request has no body."
                )
            },
        ]));
        arguments.push(quote! {
            #doc
            #[arg(long = "file", value_name = "PATH")]
            #file: Option<std::path::PathBuf>,
        });
    }
    if let (Some(all), Some(pagination)) = (&all_field, &operation.pagination) {
        let page = field_of
            .iter()
            .find(|(param, _)| param.name == pagination.page_param)
            .map(|(_, field)| field.to_string());
        let conflicts = page.map(|page| quote!(, conflicts_with = #page));
        arguments.push(quote! {
            /// Follow every page of the list and print all its items, as one list.
            #[arg(long = "all" #conflicts)]
            #all: bool,
        });
    }
    let doc = docs::lines_to_attrs(&command_help(operation));
    let run = run(
        resource,
        operation,
        table,
        &field_of,
        file_field.as_ref(),
        all_field.as_ref(),
    );
    quote! {
        #doc
        #[derive(Debug, clap::Args)]
        pub struct #name {
            #( #arguments )*
        }

        #run
    }
}

/// The help of a command: the operation's summary, description, and method and path.
fn command_help(operation: &Operation) -> String {
    let summary = operation
        .summary
        .as_deref()
        .map(docs::inline)
        .unwrap_or_else(|| format!("The {} operation.", docs::code(&operation.id)));
    docs::paragraphs([
        summary,
        operation
            .description
            .as_deref()
            .map(docs::rustdoc)
            .unwrap_or_default(),
        format!(
            "{} (operation {}){}.",
            docs::code(&format!(
                "{} {}",
                operation.http_method.as_str(),
                operation.path
            )),
            docs::code(&operation.id),
            if operation.deprecated {
                ", deprecated"
            } else {
                ""
            }
        ),
    ])
}

fn run(
    resource: &Resource,
    operation: &Operation,
    table: &TypeTable<'_>,
    field_of: &[(&Parameter, proc_macro2::Ident)],
    file: Option<&proc_macro2::Ident>,
    all: Option<&proc_macro2::Ident>,
) -> TokenStream {
    let name = ident(&operation.builder_name);
    let accessor = ident(&resource.module);
    let method = ident(&operation.method_name);
    let field = |param: &Parameter| {
        field_of
            .iter()
            .find(|(p, _)| std::ptr::eq(*p, param))
            .map(|(_, field)| field.clone())
            .expect("every parameter has a field")
    };
    let mut arguments: Vec<TokenStream> = operation
        .positional()
        .map(|param| {
            let field = field(param);
            quote!(self.#field)
        })
        .collect();
    let mut steps = Vec::new();
    for param in operation.params.iter().filter(|p| !p.positional) {
        let field = field(param);
        let setter = ident(&param.rust_name);
        steps.push(quote! {
            if let Some(value) = self.#field {
                request = request.#setter(value);
            }
        });
    }
    let mut read_body = TokenStream::new();
    if let (Some(body), Some(file)) = (&operation.body, file) {
        let ty = rust_type(&body.ty, &quote!(crate::models::));
        let raw = matches!(
            body.encodings.first(),
            Some(Encoding::Text | Encoding::Binary)
        ) && matches!(table.wire(&body.ty), TypeRef::String | TypeRef::Binary);
        let read = match (raw, body.required) {
            (false, true) => quote!(body),
            (false, false) => quote!(optional_body),
            (true, true) => quote!(raw_body),
            (true, false) => quote!(optional_raw_body),
        };
        read_body = quote! {
            let body: #ty = context.#read(self.#file.as_deref())?;
        };
        if body.required {
            arguments.push(quote!(body));
        } else {
            read_body = quote! {
                let body: Option<#ty> = context.#read(self.#file.as_deref())?;
            };
            steps.push(quote! {
                if let Some(body) = body {
                    request = request.body(body);
                }
            });
        }
    }
    let request = if steps.is_empty() {
        quote!(let request = context.client().#accessor().#method( #( #arguments ),* );)
    } else {
        quote!(let mut request = context.client().#accessor().#method( #( #arguments ),* );)
    };
    let all = all.map(|all| {
        quote! {
            if self.#all {
                return context.print(&request.stream().collect_all().await?);
            }
        }
    });
    let finish = match &operation.success {
        Success::Empty => quote! {
            request.send().await?;
            Ok(())
        },
        Success::One(ty) => {
            let print = printer(operation.answer.encoding, ty);
            quote!(context.#print(request.send().await?.body()))
        }
        Success::Several {
            type_name,
            variants,
        } => {
            let type_name = ident(type_name);
            let arms = variants.iter().map(|variant| {
                let variant_name = ident(&variant.name);
                match &variant.ty {
                    Some(ty) => {
                        let print = printer(variant.encoding, ty);
                        quote!(crate::apis::#accessor::#type_name::#variant_name(value) => context.#print(&value),)
                    }
                    None => quote!(crate::apis::#accessor::#type_name::#variant_name => Ok(()),),
                }
            });
            quote! {
                match request.send().await?.into_inner() {
                    #( #arms )*
                }
            }
        }
    };
    let deprecated = (operation.deprecated || operation.params.iter().any(|p| p.deprecated))
        .then(|| quote!(#[allow(deprecated)]));
    quote! {
        impl #name {
            /// Sends the request and prints its answer.
            #deprecated
            pub async fn run(self, context: &crate::cli::Context) -> Result<(), crate::cli::Failure> {
                #read_body
                #request
                #( #steps )*
                #all
                #finish
            }
        }
    }
}

/// The method of `Context` that prints a body of type `ty` that came as `encoding`: text and
/// bytes as they are, anything else as JSON or YAML.
fn printer(encoding: Option<Encoding>, ty: &TypeRef) -> TokenStream {
    match (encoding, ty) {
        (Some(Encoding::Binary), TypeRef::Binary) => quote!(print_bytes),
        (Some(Encoding::Text), TypeRef::String) => quote!(print_text),
        _ => quote!(print),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_sentence_becomes_a_paragraph() {
        assert_eq!(
            first_sentence_apart("Apps run code. They scale.\n\nMore."),
            "Apps run code.\n\nThey scale.\n\nMore."
        );
        assert_eq!(first_sentence_apart("One sentence."), "One sentence.");
        assert_eq!(
            first_sentence_apart("Version 1.2 is out"),
            "Version 1.2 is out"
        );
    }
}
