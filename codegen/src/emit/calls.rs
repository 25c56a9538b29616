//! How the parts of an operation are spelled wherever the crate names them: in the client's
//! methods, in the mocks' expectations and in the command line, so that the three agree.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::rust::ident;
use crate::ir::{HttpMethod, Operation, ParamLocation, ParamStyle, Parameter, PathSegment};

/// The most arguments (`self` included) clippy's `too_many_arguments` accepts.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// The allow a method of `self` and `arguments` more needs: an operation's required parameters
/// are arguments, however many the spec has.
pub(crate) fn allow_many_arguments(arguments: usize) -> Option<TokenStream> {
    (arguments + 1 > CLIPPY_MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments)]))
}

/// The allow a method named after an operation called `new` needs: it returns a request (or an
/// expectation), as the method of any other operation does, not `Self`.
pub(crate) fn allow_new(method_name: &str) -> Option<TokenStream> {
    (method_name == "new").then(|| quote!(#[allow(clippy::new_ret_no_self)]))
}

/// The operation's summary in parentheses, after a space, for the first line of a type's doc.
pub(crate) fn summary_in_parentheses(operation: &Operation) -> String {
    operation
        .summary
        .as_deref()
        .map(|s| format!(" ({})", docs::inline(s.trim_end_matches('.'))))
        .unwrap_or_default()
}

/// The name of a parameter's place, as the docs say it (`query`).
pub(crate) fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The method, as reqwest names it.
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

/// How the runtime encodes a parameter of this style.
pub(crate) fn style(style: ParamStyle) -> TokenStream {
    match style {
        ParamStyle::SpaceDelimited => quote!(crate::runtime::Style::SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(crate::runtime::Style::PipeDelimited),
        ParamStyle::DeepObject => quote!(crate::runtime::Style::DeepObject),
        ParamStyle::Json => quote!(crate::runtime::Style::Json),
        _ => quote!(crate::runtime::Style::Form),
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
pub(crate) fn path_segments(
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
