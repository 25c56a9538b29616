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
    let cases = cases(api);
    // The models are used by the tests of named types, when one of them is compiled (the
    // module is compiled when any test is: the same condition, unless some test names no type).
    let named_types: Vec<&str> = cases.iter().filter_map(|(_, ty, _)| named(ty)).collect();
    let all_named = named_types.len() == cases.len();
    let use_models = (!named_types.is_empty()).then(|| {
        let cfg = groups
            .any_of(named_types.into_iter().map(Some))
            .filter(|_| !all_named)
            .map(|predicate| quote!(#[cfg(#predicate)]));
        quote!(#cfg use super::*;)
    });
    let tests = cases.into_iter().map(|(name, ty, example)| {
        let cfg = named(&ty)
            .map(|named| groups.cfg(named))
            .unwrap_or_default();
        let name = ident(&name);
        let ty = rust_type(&ty, &TokenStream::new());
        // Keys sorted, so that reordering the spec's maps changes nothing here either.
        let json = serde_json::to_string(&sorted(example)).expect("a JSON value prints");
        quote! {
            #[test]
            #cfg
            fn #name() {
                check::<#ty>(#json);
            }
        }
    });
    quote! {
        //! Every example of the spec decodes into its type with no field or enum value left
        //! unknown, and encodes back to the same JSON (nulls, key order and the spelling of
        //! numbers aside).
        #use_models
        use crate::runtime::assert_round_trip as check;

        #( #tests )*
    }
}
