//! A test module, generated into the crate, that decodes every example of the spec.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::rust::{ident, rust_type};
use crate::ir::{Api, Encoding, TypeRef};
use crate::names::{Namespace, snake};

/// Every JSON example of the spec with the type it must decode into, and a test name.
fn cases(api: &Api) -> Vec<(String, TypeRef, &Value)> {
    let mut names = Namespace::new();
    let mut cases = Vec::new();
    for def in &api.types {
        for (index, example) in def.examples.iter().enumerate() {
            let name = names.claim(snake(&format!("{} example {index}", def.name), "example"));
            cases.push((name, TypeRef::Named(def.name.clone()), example));
        }
    }
    for operation in api.resources.iter().flat_map(|r| &r.operations) {
        if let Some(body) = &operation.body
            && let Some(example) = &body.example
            && body.encodings.first() == Some(&Encoding::Json)
        {
            let name = names.claim(snake(&format!("{} request", operation.id), "example"));
            cases.push((name, body.ty.clone(), example));
        }
        for response in &operation.responses {
            for content in &response.content {
                let (Some(ty), Some(example), Encoding::Json) =
                    (&content.ty, &content.example, content.encoding)
                else {
                    continue;
                };
                let status = match response.status {
                    crate::ir::Status::Code(code) => code.to_string(),
                    crate::ir::Status::Range(class) => format!("{class}xx"),
                    crate::ir::Status::Default => "default".into(),
                };
                let name = names.claim(snake(&format!("{} {status}", operation.id), "example"));
                cases.push((name, ty.clone(), example));
            }
        }
    }
    cases
}

/// `value` with the keys of its objects in order.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sorted(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The named type a test decodes into, through arrays and maps.
fn named(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => named(inner),
        _ => None,
    }
}

pub(crate) fn any(api: &Api) -> bool {
    !cases(api).is_empty()
}

/// The `#[cfg]` of the test module: compiled when one of its tests is, as its helpers would
/// otherwise be unused.
pub(crate) fn module_cfg(api: &Api, groups: &super::models::Groups<'_>) -> TokenStream {
    let cases = cases(api);
    match groups.any_of(cases.iter().map(|(_, ty, _)| named(ty))) {
        Some(predicate) => quote!(#[cfg(all(test, #predicate))]),
        None => quote!(#[cfg(test)]),
    }
}

pub(crate) fn tests(api: &Api, groups: &super::models::Groups<'_>) -> TokenStream {
    // Tests that need the same features share a module behind that `cfg`, written once; a spec
    // that repeats an example (the same error body on every operation) gets one test of it.
    let mut modules: Vec<(String, TokenStream, Vec<TokenStream>)> = Vec::new();
    let mut names = Namespace::new();
    let mut seen = std::collections::HashSet::new();
    let mut ungated = Vec::new();
    for (name, ty, example) in cases(api) {
        // Keys sorted, so that reordering the spec's maps changes nothing here either.
        let json = serde_json::to_string(&sorted(example)).expect("a JSON value prints");
        let rust = rust_type(&ty, &TokenStream::new());
        if !seen.insert((rust.to_string(), json.clone())) {
            continue;
        }
        let name = ident(&name);
        let test = quote! {
            #[test]
            fn #name() {
                let json = #json;
                check::<#rust>(json);
            }
        };
        let Some(named) = named(&ty) else {
            ungated.push(test);
            continue;
        };
        let cfg = groups.cfg(named);
        let key = cfg.to_string();
        match modules
            .iter_mut()
            .find(|(_, gate, _)| gate.to_string() == key)
        {
            Some((_, _, tests)) => tests.push(test),
            None => {
                let group = groups.of(named).unwrap_or("models");
                modules.push((names.claim(group.to_owned()), cfg, vec![test]));
            }
        }
    }
    let check = quote!(
        use crate::runtime::assert_round_trip as check;
    );
    let top = (!ungated.is_empty()).then(|| check.clone());
    let modules = modules.into_iter().map(|(name, cfg, tests)| {
        let name = ident(&name);
        quote! {
            #cfg
            mod #name {
                use crate::models::*;
                #check
                #( #tests )*
            }
        }
    });
    quote! {
        //! Every example of the spec decodes into its type with no field or enum value left
        //! unknown, and encodes back to the same JSON (nulls, key order and the spelling of
        //! numbers aside).
        #top
        #( #ungated )*
        #( #modules )*
    }
}
