//! Named types to Rust: structs that keep unknown fields, open enums, unions and aliases, in one
//! module per resource that uses them (and `common` for the types several share).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::rust::{TypeTable, ident, rust_type};
use crate::ir::{Api, EnumDef, Field, Rest, StructDef, TypeDef, TypeKind, TypeRef, UnionDef};

/// The module of the types that no single resource owns.
pub(crate) const COMMON: &str = "common";

/// The module each type goes in: the one resource that uses it, or `common`.
pub(crate) fn groups(api: &Api) -> BTreeMap<String, String> {
    let table = TypeTable::new(api);
    let mut users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for resource in &api.resources {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&TypeRef> = Vec::new();
        for operation in &resource.operations {
            stack.extend(operation.params.iter().map(|p| &p.ty));
            stack.extend(operation.body.iter().map(|b| &b.ty));
            for response in &operation.responses {
                stack.extend(response.content.iter().filter_map(|c| c.ty.as_ref()));
                stack.extend(response.headers.iter().map(|h| &h.ty));
            }
        }
        while let Some(ty) = stack.pop() {
            match ty {
                TypeRef::Array(inner) | TypeRef::Map(inner) => stack.push(inner),
                TypeRef::Named(name) => {
                    if !seen.insert(name.as_str()) {
                        continue;
                    }
                    users.entry(name).or_default().insert(&resource.module);
                    if let Some(def) = table.get(name) {
                        stack.extend(references(def));
                    }
                }
                _ => {}
            }
        }
    }
    api.types
        .iter()
        .map(|def| {
            let group = match users.get(def.name.as_str()) {
                Some(modules) if modules.len() == 1 => {
                    modules.iter().next().expect("one").to_string()
                }
                _ => COMMON.to_owned(),
            };
            (def.name.clone(), group)
        })
        .collect()
}

/// The types a type's definition mentions.
pub(crate) fn references(def: &TypeDef) -> Vec<&TypeRef> {
    match &def.kind {
        TypeKind::Struct(s) => {
            let mut refs: Vec<&TypeRef> = s.fields.iter().map(|f| &f.ty).collect();
            if let Rest::Typed { ty, .. } = &s.rest {
                refs.push(ty);
            }
            refs
        }
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// The items of one models module.
pub(crate) fn module(
    api: &Api,
    table: &TypeTable<'_>,
    groups: &BTreeMap<String, String>,
    group: &str,
) -> TokenStream {
    let items = api
        .types
        .iter()
        .filter(|def| groups.get(&def.name).map(String::as_str) == Some(group))
        .map(|def| item(def, table, groups, group));
    let doc = if group == COMMON {
        " Types that several resources use, or none.".to_owned()
    } else {
        format!(" Types that only the `{group}` operations use.")
    };
    quote! {
        #![doc = #doc]
        #( #items )*
    }
}

fn item(
    def: &TypeDef,
    table: &TypeTable<'_>,
    groups: &BTreeMap<String, String>,
    group: &str,
) -> TokenStream {
    // Types of other modules are reached through the `models` re-exports.
    let prefix_of = |ty: &TypeRef| -> TokenStream {
        match ty {
            TypeRef::Named(name) if groups.get(name).map(String::as_str) != Some(group) => {
                quote!(super::)
            }
            _ => TokenStream::new(),
        }
    };
    let spell = |ty: &TypeRef| spell(ty, &prefix_of);
    let doc = docs::attrs(Some(
        docs::said(def.doc.as_deref()).unwrap_or(&default_doc(def)),
    ));
    let deprecated = def.deprecated.then(|| quote!(#[deprecated]));
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => structure(def, s, table, &spell),
        TypeKind::Enum(e) => enumeration(def, e),
        TypeKind::Union(u) => union(def, u, &spell),
        TypeKind::Alias(ty) => {
            let target = spell(ty);
            quote!(pub type #name = #target;)
        }
    };
    quote! {
        #doc
        #deprecated
        #body
    }
}

/// Spells a type, prefixing the named types (however deep) that live in another module.
fn spell(ty: &TypeRef, prefix_of: &dyn Fn(&TypeRef) -> TokenStream) -> TokenStream {
    match ty {
        TypeRef::Array(inner) => {
            let inner = spell(inner, prefix_of);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = spell(inner, prefix_of);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        other => rust_type(other, &prefix_of(other)),
    }
}

fn default_doc(def: &TypeDef) -> String {
    format!(
        "The `{}` schema of the spec.",
        def.origin.rsplit('/').next().unwrap_or(&def.name)
    )
}

fn structure(
    def: &TypeDef,
    s: &StructDef,
    table: &TypeTable<'_>,
    spell: &dyn Fn(&TypeRef) -> TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let fields = s
        .fields
        .iter()
        .map(|field| struct_field(field, table, spell));
    let rest = match &s.rest {
        Rest::Unknown { field } => {
            let field = ident(field);
            quote! {
                /// Fields the spec does not describe, kept so that they are sent back unchanged.
                #[serde(flatten)]
                pub #field: crate::UnknownFields,
            }
        }
        Rest::Typed { field, ty } => {
            let field = ident(field);
            let ty = spell(ty);
            quote! {
                /// The entries beyond the named fields.
                #[serde(flatten)]
                pub #field: std::collections::BTreeMap<String, #ty>,
            }
        }
    };
    let serde_as = s
        .fields
        .iter()
        .any(|f| table.serde_as(&f.ty).is_some())
        .then(|| quote!(#[serde_with::serde_as]));
    let default = def.has_default.then(|| quote!(Default,));
    let constructor = constructor(def, s, spell);
    quote! {
        #serde_as
        #[derive(Clone, Debug, #default PartialEq, serde::Deserialize, serde::Serialize)]
        pub struct #name {
            #( #fields )*
            #rest
        }

        #constructor
    }
}

/// The most arguments a constructor takes before a struct literal reads better.
const MAX_CONSTRUCTOR_ARGUMENTS: usize = 7;

/// The fields that `new` takes, in order, when the struct has a `new`.
pub(crate) fn constructor_arguments(s: &StructDef) -> Option<Vec<&Field>> {
    let required: Vec<&Field> = s.fields.iter().filter(|f| !f.is_optional()).collect();
    (!required.is_empty() && required.len() <= MAX_CONSTRUCTOR_ARGUMENTS).then_some(required)
}

/// `new` with the required fields as arguments and the others empty, so that a value can be
/// built without naming every optional field (and without `Default` where a required field has
/// none).
fn constructor(
    def: &TypeDef,
    s: &StructDef,
    spell: &dyn Fn(&TypeRef) -> TokenStream,
) -> TokenStream {
    let Some(required) = constructor_arguments(s) else {
        return TokenStream::new();
    };
    let mut arguments = Vec::new();
    let mut values = Vec::new();
    for field in &s.fields {
        let name = ident(&field.rust_name);
        if field.is_optional() {
            values.push(quote!(#name: None));
            continue;
        }
        let mut ty = spell(&field.ty);
        let mut value = None;
        if field.ty == TypeRef::String {
            ty = quote!(impl Into<String>);
            value = Some(quote!(#name.into()));
        }
        if field.boxed {
            let inner = value.unwrap_or_else(|| quote!(#name));
            value = Some(quote!(Box::new(#inner)));
        }
        arguments.push(quote!(#name: #ty));
        values.push(match value {
            Some(value) => quote!(#name: #value),
            None => quote!(#name),
        });
    }
    let rest = ident(match &s.rest {
        Rest::Unknown { field } | Rest::Typed { field, .. } => field,
    });
    let name = ident(&def.name);
    let names: Vec<String> = required
        .iter()
        .map(|f| format!("`{}`", f.rust_name))
        .collect();
    let doc = format!(
        " A value with its required fields ({}) and no others.",
        names.join(", ")
    );
    quote! {
        impl #name {
            #[doc = #doc]
            pub fn new(#( #arguments ),*) -> Self {
                Self {
                    #( #values, )*
                    #rest: Default::default(),
                }
            }
        }
    }
}

fn struct_field(
    field: &Field,
    table: &TypeTable<'_>,
    spell: &dyn Fn(&TypeRef) -> TokenStream,
) -> TokenStream {
    let name = ident(&field.rust_name);
    let mut ty = spell(&field.ty);
    if field.boxed {
        ty = quote!(Box<#ty>);
    }
    let optional = field.is_optional();
    if optional {
        ty = quote!(Option<#ty>);
    }
    let mut serde = Vec::new();
    if field.rust_name != field.name {
        let wire = &field.name;
        serde.push(quote!(rename = #wire));
    }
    if optional {
        serde.push(quote!(default));
        if !field.required {
            serde.push(quote!(skip_serializing_if = "Option::is_none"));
        }
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    let serde_as = table.serde_as(&field.ty).map(|adapter| {
        let adapter = if field.boxed {
            format!("Box<{adapter}>")
        } else {
            adapter
        };
        let adapter = if optional {
            format!("Option<{adapter}>")
        } else {
            adapter
        };
        quote!(#[serde_as(as = #adapter)])
    });
    let mut doc = docs::said(field.doc.as_deref())
        .unwrap_or_default()
        .to_owned();
    if let Some(default) = &field.default {
        doc = docs::paragraphs([
            doc,
            format!("Defaults to {}.", docs::code(&docs::value(default))),
        ]);
    }
    if doc.is_empty() {
        doc = format!("The {} field.", docs::code(&field.name));
    }
    let doc = docs::attrs(Some(&doc));
    let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #doc
        #serde
        #serde_as
        #deprecated
        pub #name: #ty,
    }
}

fn enumeration(def: &TypeDef, e: &EnumDef) -> TokenStream {
    let name = ident(&def.name);
    let type_name = &def.name;
    let other = ident(&e.other_variant);
    let variants = e.variants.iter().enumerate().map(|(index, variant)| {
        let variant_name = ident(&variant.rust_name);
        let doc = docs::said(variant.doc.as_deref())
            .map(str::to_owned)
            .unwrap_or_else(|| match variant.value.as_str() {
                "" => "The empty string.".to_owned(),
                value => docs::code(value),
            });
        let doc = docs::attrs(Some(&doc));
        let default = (e.default == Some(index)).then(|| quote!(#[default]));
        quote! { #doc #default #variant_name, }
    });
    let names: Vec<_> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let default = e.default.is_some().then(|| quote!(Default,));
    // `non_exhaustive`, like the unions and success enums: every match has a `_` arm, so a value
    // the spec adds later is an additive change for users, as `diff` counts it.
    quote! {
        #[derive(Clone, Debug, #default PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
            /// A value that this version of the spec does not list, kept as it came.
            #other(String),
        }

        impl #name {
            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#names => #values, )*
                    Self::#other(value) => value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#names, )*
                    other => Self::#other(other.to_owned()),
                }
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                let parsed = Self::from(value.as_str());
                if let Self::#other(_) = parsed {
                    crate::runtime::unknown_enum_value::<D::Error>(#type_name, &value)?;
                }
                Ok(parsed)
            }
        }
    }
}

fn union(def: &TypeDef, u: &UnionDef, spell: &dyn Fn(&TypeRef) -> TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let other = ident(&u.other_variant);
    let variants = u.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let mut ty = spell(&variant.ty);
        if variant.boxed {
            ty = quote!(Box<#ty>);
        }
        let doc = match variant.tags.as_slice() {
            [] => format!("A value of the `{}` shape.", variant.rust_name),
            tags => format!(
                "Tagged {}.",
                tags.iter()
                    .map(|t| docs::code(t))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        };
        quote! { #[doc = #doc] #variant_name(#ty), }
    });
    let head = quote! {
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
            /// A value that none of the shapes the spec lists accepts, kept as it came.
            #other(serde_json::Value),
        }
    };
    let Some(property) = &u.discriminator else {
        return quote! {
            #[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
            #[serde(untagged)]
            #head
        };
    };
    let names: Vec<_> = u.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let arms = u.variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let tags = &variant.tags;
        let wrap = if variant.boxed { quote!(|value| Self::#variant_name(Box::new(value))) } else { quote!(Self::#variant_name) };
        quote! {
            #( Some(#tags) )|* => serde_json::from_value(value).map(#wrap).map_err(serde::de::Error::custom),
        }
    });
    let type_name = &def.name;
    quote! {
        #[derive(Clone, Debug, PartialEq)]
        #head

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #( Self::#names(value) => value.serialize(serializer), )*
                    Self::#other(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                let tag = value.get(#property).and_then(serde_json::Value::as_str).map(str::to_owned);
                match tag.as_deref() {
                    #( #arms )*
                    other => {
                        crate::runtime::unknown_enum_value::<D::Error>(#type_name, other.unwrap_or_default())?;
                        Ok(Self::#other(value))
                    }
                }
            }
        }
    }
}
