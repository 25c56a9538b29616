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

pub(crate) fn any(api: &Api) -> bool {
    !cases(api).is_empty()
}

pub(crate) fn tests(api: &Api) -> TokenStream {
    let tests = cases(api).into_iter().map(|(name, ty, example)| {
        let name = ident(&name);
        let ty = rust_type(&ty, &TokenStream::new());
        let json = serde_json::to_string(example).expect("a JSON value prints");
        quote! {
            #[test]
            fn #name() {
                check::<#ty>(#json);
            }
        }
    });
    quote! {
        //! Every example of the spec decodes into its type with no field or enum value left
        //! unknown, and encodes back to the same JSON (nulls, key order and the spelling of
        //! numbers aside).
        use super::*;

        fn check<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) {
            let decoded: T = crate::decode_strict(json).unwrap_or_else(|error| panic!("{error} in {json}"));
            let expected: serde_json::Value = serde_json::from_str(json).expect("the example is JSON");
            let encoded = serde_json::to_value(&decoded).expect("the value encodes");
            assert_eq!(normalized(encoded), normalized(expected));
        }

        /// Drops `null` members (an absent field and a null one decode alike) and reads every
        /// number as a float (`85` and `85.0` are the same number).
        fn normalized(value: serde_json::Value) -> serde_json::Value {
            match value {
                serde_json::Value::Object(map) => map
                    .into_iter()
                    .filter(|(_, value)| !value.is_null())
                    .map(|(key, value)| (key, normalized(value)))
                    .collect(),
                serde_json::Value::Array(items) => items.into_iter().map(normalized).collect(),
                serde_json::Value::Number(number) => number.as_f64().map_or(serde_json::Value::Number(number), serde_json::Value::from),
                other => other,
            }
        }

        #( #tests )*
    }
}
