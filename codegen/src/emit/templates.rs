//! The frame of the crate, rendered from the minijinja templates in `templates/`.

use std::path::PathBuf;

use heck::{ToKebabCase, ToShoutySnakeCase};
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value, context};
use serde::Serialize;

use super::runtime::RuntimeView;
use super::{EmitError, EmitOptions, GeneratedFile, docs, header};
use crate::ir::{Api, Operation, ParamLocation, Resource, Success, TypeKind, TypeRef};
use crate::load::ExampleProgram;

/// Each template, the file it renders, and its source.
const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "Cargo.toml.jinja",
        "Cargo.toml",
        include_str!("../../../templates/Cargo.toml.jinja"),
    ),
    (
        "README.md.jinja",
        "README.md",
        include_str!("../../../templates/README.md.jinja"),
    ),
    (
        "lib.rs.jinja",
        "src/lib.rs",
        include_str!("../../../templates/lib.rs.jinja"),
    ),
    (
        "cli/Cargo.toml.jinja",
        "cli/Cargo.toml",
        include_str!("../../../templates/cli/Cargo.toml.jinja"),
    ),
    (
        "cli/main.rs.jinja",
        "cli/src/main.rs",
        include_str!("../../../templates/cli/main.rs.jinja"),
    ),
    (
        "config.rs.jinja",
        "src/config.rs",
        include_str!("../../../templates/config.rs.jinja"),
    ),
    (
        "client.rs.jinja",
        "src/client.rs",
        include_str!("../../../templates/client.rs.jinja"),
    ),
];

/// An example the spec brings, as the README lists it.
#[derive(Serialize)]
struct ExampleView<'a> {
    name: &'a str,
    summary: String,
    /// The features (resources) of the operations it calls.
    features: Vec<&'a str>,
}

/// The resources (features) an example's `source` reaches through their accessors on the
/// client (`client.apps()`), in the order of the spec.
fn features_of<'a>(api: &'a Api, source: &str) -> Vec<&'a str> {
    api.resources
        .iter()
        .map(|resource| resource.module.as_str())
        .filter(|module| source.contains(&format!(".{module}()")))
        .collect()
}

/// The first sentence of an example's module documentation.
fn summary(source: &str) -> String {
    let docs: Vec<&str> = source
        .lines()
        .filter_map(|line| line.strip_prefix("//! "))
        .take_while(|line| !line.is_empty())
        .collect();
    let text = docs.join(" ");
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text,
    }
}

#[derive(Serialize)]
struct ResourceView<'a> {
    tag: &'a str,
    module: &'a str,
    methods: Vec<String>,
}

pub(crate) fn render(
    api: &Api,
    options: &EmitOptions,
    examples: &[ExampleProgram],
) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut environment = Environment::new();
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|error| template_error("syntax", &error))?;
    environment.set_syntax(syntax);
    // A misspelt variable is an error, not an empty string in the output.
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, _, source) in TEMPLATES {
        environment
            .add_template(name, source)
            .map_err(|error| template_error(name, &error))?;
    }
    let lib_name = options.crate_name.replace('-', "_");
    let examples: Vec<ExampleView> = examples
        .iter()
        .map(|example| ExampleView {
            name: &example.name,
            summary: summary(&example.source),
            features: features_of(api, &example.source),
        })
        .collect();
    let resources: Vec<ResourceView<'_>> = api
        .resources
        .iter()
        .map(|resource| ResourceView {
            tag: &resource.tag,
            module: &resource.module,
            methods: resource
                .operations
                .iter()
                .map(|op| format!("`{}`", op.method_name))
                .collect(),
        })
        .collect();
    let description_doc: Vec<String> = api
        .description
        .as_deref()
        .map(docs::rustdoc)
        .unwrap_or_default()
        .lines()
        .map(str::to_owned)
        .collect();
    let context = context! {
        header_toml => header(options, "#"),
        header_rust => header(options, "//"),
        header_markdown => format!("<!-- {} -->", header(options, "").trim()),
        crate_name => &options.crate_name,
        cli_name => options.cli_name(),
        crate_version => &options.crate_version,
        lib_name => lib_name,
        title => &api.title,
        // The title and version in rustdoc, where `<` or `[` mean something.
        title_doc => docs::inline(&api.title),
        version_doc => docs::inline(&api.version),
        api_version => &api.version,
        description_doc => description_doc,
        base_url => api.base_url.clone().unwrap_or_default(),
        user_agent => format!("{}-rust", options.crate_name),
        token_env => token_env(&options.crate_name),
        error_body => error_body(api),
        features => Value::from(Serde(&api.features)),
        resources => Value::from(Serde(&resources)),
        operation_count => api.resources.iter().map(|r| r.operations.len()).sum::<usize>(),
        type_count => api.types.len(),
        quick_start => quick_start(api),
        quick_start_answer => quick_start_answer(api),
        cli_quick_start => quick_start_operation(api).map(|(r, op)| command(r, op)),
        cli_paginated => paginated_operation(api).map(|(r, op)| command(r, op)),
        paginated => paginated(api),
        examples => Value::from(Serde(&examples)),
        runtime => Value::from(Serde(RuntimeView::new(&options.runtime))),
    };
    TEMPLATES
        .iter()
        .map(|(name, path, _)| {
            let template = environment
                .get_template(name)
                .map_err(|error| template_error(name, &error))?;
            let contents = template
                .render(&context)
                .map_err(|error| template_error(name, &error))?;
            Ok(GeneratedFile {
                path: PathBuf::from(path),
                contents,
            })
        })
        .collect()
}

fn template_error(name: &str, error: &minijinja::Error) -> EmitError {
    EmitError::Template {
        template: name.to_owned(),
        message: format!("{error:#}"),
    }
}

/// `PETSTORE_TOKEN` for `petstore-api`: the crate name without `-api`, then `_TOKEN`.
pub(crate) fn token_env(crate_name: &str) -> String {
    let stem = crate_name.strip_suffix("-api").unwrap_or(crate_name);
    format!("{}_TOKEN", stem.to_shouty_snake_case())
}

/// The operation to show in the docs: the first that needs no body and no arguments, else the
/// first one without a body.
fn quick_start_operation(api: &Api) -> Option<(&Resource, &Operation)> {
    let simple = |op: &Operation| {
        op.body.is_none()
            && op.http_method == crate::ir::HttpMethod::Get
            && !matches!(op.success, Success::Empty)
    };
    let mut candidates: Vec<_> = api
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().map(move |op| (r, op)))
        .filter(|(_, op)| simple(op))
        .collect();
    candidates.sort_by_key(|(_, op)| op.params.iter().filter(|p| p.required).count());
    candidates.into_iter().next()
}

/// The quick-start call, with example arguments.
fn quick_start(api: &Api) -> Option<String> {
    let (resource, op) = quick_start_operation(api)?;
    let arguments: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| example_argument(&p.ty))
        .collect();
    Some(format!(
        "{}().{}({})",
        resource.module,
        op.method_name,
        arguments.join(", ")
    ))
}

/// The type the quick-start call answers, when it is a struct (which the mocks give an
/// `example()`).
fn quick_start_answer(api: &Api) -> Option<String> {
    let (_, op) = quick_start_operation(api)?;
    let Success::One(TypeRef::Named(name)) = &op.success else {
        return None;
    };
    let def = api.types.iter().find(|def| &def.name == name)?;
    matches!(def.kind, TypeKind::Struct(_)).then(|| name.clone())
}

/// An operation as the command line runs it: `apps get <ID>`.
fn command(resource: &Resource, op: &Operation) -> String {
    let mut words = vec![
        resource.module.to_kebab_case(),
        op.method_name.to_kebab_case(),
    ];
    for param in op.params.iter().filter(|p| p.required) {
        let value = format!(
            "<{}>",
            param.name.to_uppercase().replace(['-', ' ', '.'], "_")
        );
        match param.location {
            ParamLocation::Path => words.push(value),
            _ => words.push(format!("--{} {value}", param.rust_name.to_kebab_case())),
        }
    }
    words.join(" ")
}

fn example_argument(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "\"...\"".into(),
        TypeRef::Boolean => "true".into(),
        TypeRef::Integer(_) | TypeRef::IntegerString(_) => "1".into(),
        TypeRef::Number(_) => "1.0".into(),
        _ => "Default::default()".into(),
    }
}

/// A paginated list that takes no arguments, to show in the README.
fn paginated_operation(api: &Api) -> Option<(&Resource, &Operation)> {
    api.resources.iter().find_map(|resource| {
        let op = resource
            .operations
            .iter()
            .find(|op| op.pagination.is_some() && !op.params.iter().any(|p| p.required))?;
        Some((resource, op))
    })
}

/// A paginated list call to show in the README.
fn paginated(api: &Api) -> Option<String> {
    let (resource, op) = paginated_operation(api)?;
    Some(format!("{}().{}()", resource.module, op.method_name))
}

/// What `ErrorBody` stands for: the error responses' shared named type, or any JSON.
pub(crate) fn error_body(api: &Api) -> String {
    match &api.error_body {
        Some(TypeRef::Named(name)) => format!("crate::models::{name}"),
        _ => "serde_json::Value".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_is_summed_up_by_its_first_sentence() {
        assert_eq!(
            summary("//! Lists the apps. Then more.\n//! And more.\n\nfn main() {}"),
            "Lists the apps."
        );
        assert_eq!(summary("fn main() {}"), "");
    }

    #[test]
    fn token_variables_follow_the_crate_name() {
        assert_eq!(token_env("petstore-api"), "PETSTORE_TOKEN");
        assert_eq!(token_env("pet-store"), "PET_STORE_TOKEN");
    }
}
