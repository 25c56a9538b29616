//! How model types are spelled in Rust, and how they travel where Rust and the wire differ.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, IntegerFormat, NumberFormat, TypeDef, TypeKind, TypeRef};

/// `name` as an identifier (raw identifiers are never needed: names avoid keywords).
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The named types of an API, for looking through aliases.
pub(crate) struct TypeTable<'a> {
    defs: BTreeMap<&'a str, &'a TypeDef>,
}

impl<'a> TypeTable<'a> {
    pub(crate) fn new(api: &'a Api) -> TypeTable<'a> {
        TypeTable {
            defs: api
                .types
                .iter()
                .map(|def| (def.name.as_str(), def))
                .collect(),
        }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&'a TypeDef> {
        self.defs.get(name).copied()
    }

    /// The type as it travels: aliases replaced by what they stand for.
    pub(crate) fn wire(&self, ty: &TypeRef) -> TypeRef {
        self.wire_within(ty, 0)
    }

    fn wire_within(&self, ty: &TypeRef, depth: usize) -> TypeRef {
        match ty {
            TypeRef::Named(name) if depth < 32 => match self.get(name).map(|def| &def.kind) {
                Some(TypeKind::Alias(target)) => self.wire_within(target, depth + 1),
                _ => ty.clone(),
            },
            TypeRef::Array(inner) => TypeRef::Array(Box::new(self.wire_within(inner, depth + 1))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(self.wire_within(inner, depth + 1))),
            TypeRef::Nullable(inner) => {
                TypeRef::Nullable(Box::new(self.wire_within(inner, depth + 1)))
            }
            other => other.clone(),
        }
    }

    /// The `serde_with` adapter a value of `ty` travels through, if any: integers that travel as
    /// strings are written as strings and read from strings or numbers; timestamps go through
    /// the runtime's faster codec of chrono's text.
    pub(crate) fn adapter(&self, ty: &TypeRef) -> Option<TokenStream> {
        adapter(&self.wire(ty))
    }
}

fn adapter(ty: &TypeRef) -> Option<TokenStream> {
    match ty {
        TypeRef::IntegerString(_) => Some(quote!(
            serde_with::PickFirst<(serde_with::DisplayFromStr, serde_with::Same)>
        )),
        TypeRef::DateTime => Some(quote!(crate::runtime::Rfc3339)),
        TypeRef::Array(inner) => adapter(inner).map(|inner| quote!(Vec<#inner>)),
        TypeRef::Nullable(inner) => adapter(inner).map(|inner| quote!(Option<#inner>)),
        TypeRef::Map(inner) => {
            adapter(inner).map(|inner| quote!(std::collections::BTreeMap<serde_with::Same, #inner>))
        }
        _ => None,
    }
}

/// Spells `ty`; named types get `prefix` (`models::` outside the models module).
pub(crate) fn rust_type(ty: &TypeRef, prefix: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#prefix #name)
        }
        TypeRef::String => quote!(String),
        TypeRef::Boolean => quote!(bool),
        TypeRef::Integer(format) | TypeRef::IntegerString(format) => integer(*format),
        TypeRef::Number(NumberFormat::F64) => quote!(f64),
        TypeRef::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        TypeRef::Date => quote!(chrono::NaiveDate),
        TypeRef::Binary => quote!(Vec<u8>),
        TypeRef::Any => quote!(serde_json::Value),
        TypeRef::Array(inner) => {
            let inner = rust_type(inner, prefix);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner, prefix);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, prefix);
            quote!(Option<#inner>)
        }
    }
}

fn integer(format: IntegerFormat) -> TokenStream {
    match format {
        IntegerFormat::I32 => quote!(i32),
        IntegerFormat::I64 => quote!(i64),
        IntegerFormat::U32 => quote!(u32),
        IntegerFormat::U64 => quote!(u64),
    }
}

/// How an argument of `ty` is taken: strings as `impl Into<String>`, the rest as they are.
pub(crate) fn argument(ty: &TypeRef, prefix: &TokenStream) -> (TokenStream, bool) {
    match ty {
        TypeRef::String => (quote!(impl Into<String>), true),
        other => (rust_type(other, prefix), false),
    }
}
