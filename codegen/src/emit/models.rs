//! Named types to Rust: structs that keep unknown fields, open enums, unions and aliases, in one
//! module per resource that uses them (and `common` for the types several share).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{TypeTable, ident, rust_type};
use super::{Chunk, codec, docs};
use crate::ir::{Api, EnumDef, Field, Rest, StructDef, TypeDef, TypeKind, TypeRef, UnionDef};

/// The module of the types that no single resource owns.
pub(crate) const COMMON: &str = "common";

/// Where each type goes: the one resource module that uses it, or `common`.
pub(crate) struct Groups<'a> {
    /// The group of each type, by type name.
    of: HashMap<&'a str, &'a str>,
    /// What each type needs to be compiled, by type name: for each set, one of its resources
    /// (features) enabled. A type used by operations needs one of their resources; a type no
    /// operation uses needs what the types it mentions need; a type absent needs nothing.
    needs: HashMap<&'a str, Vec<BTreeSet<&'a str>>>,
    /// The types of each group, in the order of `Api::types`, by group name.
    members: BTreeMap<&'a str, Vec<&'a TypeDef>>,
}

impl<'a> Groups<'a> {
    pub(crate) fn new(api: &'a Api, table: &TypeTable<'a>) -> Groups<'a> {
        let mut users: HashMap<&'a str, BTreeSet<&'a str>> = HashMap::new();
        for resource in &api.resources {
            let mut seen = HashSet::new();
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
                    TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                        stack.push(inner)
                    }
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
        let mut groups = Groups {
            of: HashMap::with_capacity(api.types.len()),
            needs: HashMap::new(),
            members: BTreeMap::new(),
        };
        for def in &api.types {
            let group = match users.get(def.name.as_str()) {
                Some(modules) if modules.len() == 1 => modules.iter().next().expect("one"),
                _ => COMMON,
            };
            groups.of.insert(&def.name, group);
            groups.members.entry(group).or_default().push(def);
        }
        // The error body is named by the crate's frame whatever resources are enabled.
        let always = match &api.error_body {
            Some(TypeRef::Named(name)) => mentioned(table, name),
            _ => HashSet::new(),
        };
        for def in &api.types {
            let name = def.name.as_str();
            if always.contains(name) {
                continue;
            }
            let needs = match users.get(name) {
                Some(modules) => vec![modules.clone()],
                None => {
                    let mut needs: Vec<BTreeSet<&str>> = mentioned(table, name)
                        .into_iter()
                        .filter(|other| !always.contains(other))
                        .filter_map(|other| users.get(other).cloned())
                        .collect();
                    needs.sort();
                    needs.dedup();
                    // One of A, and one of a superset of A, is one of A.
                    let all = needs.clone();
                    needs.retain(|set| {
                        !all.iter().any(|other| other != set && other.is_subset(set))
                    });
                    needs
                }
            };
            if !needs.is_empty() {
                groups.needs.insert(name, needs);
            }
        }
        groups
    }

    /// The `#[cfg]` that compiles the type named `name` only with what it needs (each resource
    /// is a cargo feature of the crate).
    pub(crate) fn cfg(&self, name: &str) -> TokenStream {
        match self.predicate(name) {
            Some(predicate) => quote!(#[cfg(#predicate)]),
            None => TokenStream::new(),
        }
    }

    /// The `cfg` predicate of the type named `name`; `None` when it is always compiled.
    fn predicate(&self, name: &str) -> Option<TokenStream> {
        match self.needs.get(name).map(Vec::as_slice) {
            None | Some([]) => None,
            Some([one]) => Some(super::any_feature(one.iter().copied())),
            Some(all) => {
                let clauses = all
                    .iter()
                    .map(|set| super::any_feature(set.iter().copied()));
                Some(quote!(all(#( #clauses ),*)))
            }
        }
    }

    /// The `#[cfg]` of the module of `group`: a resource's module compiles with its feature;
    /// `common` when any of its types does, since re-exporting an empty module warns.
    pub(crate) fn module_cfg(&self, group: &str) -> TokenStream {
        if group != COMMON {
            return super::features_cfg([group]);
        }
        let members = self.members.get(group).into_iter().flatten();
        match self.any_of(members.map(|def| Some(def.name.as_str()))) {
            Some(predicate) => quote!(#[cfg(#predicate)]),
            None => TokenStream::new(),
        }
    }

    /// The `cfg` predicate under which at least one of `names` compiles; `None` when one of them
    /// always does (a `None` name stands for code that uses no named type).
    pub(crate) fn any_of<'n>(
        &self,
        names: impl IntoIterator<Item = Option<&'n str>>,
    ) -> Option<TokenStream> {
        let mut predicates: Vec<TokenStream> = Vec::new();
        let mut seen = HashSet::new();
        for name in names {
            let predicate = self.predicate(name?)?;
            if seen.insert(predicate.to_string()) {
                predicates.push(predicate);
            }
        }
        match predicates.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            many => Some(quote!(any(#( #many ),*))),
        }
    }

    /// The group of the type named `name`.
    pub(crate) fn of(&self, name: &str) -> Option<&'a str> {
        self.of.get(name).copied()
    }

    /// The names of the groups, sorted.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.members.keys().copied()
    }
}

/// Every item of `items` behind `cfg`.
fn gated(items: TokenStream, cfg: &TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    let file = match syn::parse2::<syn::File>(items.clone()) {
        Ok(file) => file,
        // The file fails to parse later, with the error reported where it belongs.
        Err(_) => return items,
    };
    file.items.iter().map(|item| quote!(#cfg #item)).collect()
}

/// The types named `name` mentions, however deep, with itself.
fn mentioned<'a>(table: &TypeTable<'a>, name: &'a str) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    let mut stack = vec![name];
    while let Some(name) = stack.pop() {
        if !seen.insert(name) {
            continue;
        }
        let Some(def) = table.get(name) else { continue };
        let mut refs = references(def);
        while let Some(ty) = refs.pop() {
            match ty {
                TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                    refs.push(inner)
                }
                TypeRef::Named(other) => stack.push(other),
                _ => {}
            }
        }
    }
    seen
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

/// The items of one models module, with the codec of each struct as text.
pub(crate) fn module(table: &TypeTable<'_>, groups: &Groups<'_>, group: &str) -> Vec<Chunk> {
    let doc = if group == COMMON {
        " Types that several resources use, or none.".to_owned()
    } else {
        format!(" Types that only the `{group}` operations use.")
    };
    let mut chunks = vec![Chunk::Items(quote!(#![doc = #doc]))];
    for def in groups.members.get(group).into_iter().flatten() {
        // A resource's own module is gated as a whole, in `models/mod.rs`.
        let cfg = if group == COMMON {
            groups.cfg(&def.name)
        } else {
            TokenStream::new()
        };
        let item = gated(item(def, groups, group), &cfg);
        match chunks.last_mut() {
            Some(Chunk::Items(items)) => items.extend(item),
            _ => chunks.push(Chunk::Items(item)),
        }
        if let TypeKind::Struct(s) = &def.kind {
            chunks.push(Chunk::Text(codec::object_codec(def, s, table, &cfg)));
        }
    }
    chunks
}

fn item(def: &TypeDef, groups: &Groups<'_>, group: &str) -> TokenStream {
    // Types of other modules are reached through the `models` re-exports.
    let prefix_of = |ty: &TypeRef| -> TokenStream {
        match ty {
            TypeRef::Named(name) if groups.of(name) != Some(group) => {
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
        TypeKind::Struct(s) => structure(def, s, &spell),
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
        TypeRef::Nullable(inner) => {
            let inner = spell(inner, prefix_of);
            quote!(Option<#inner>)
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

fn structure(def: &TypeDef, s: &StructDef, spell: &dyn Fn(&TypeRef) -> TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let fields = s.fields.iter().map(|field| struct_field(field, spell));
    let rest = match &s.rest {
        Rest::Unknown { field } => {
            let field = ident(field);
            quote! {
                /// Fields the spec does not describe, kept so that they are sent back unchanged.
                pub #field: crate::UnknownFields,
            }
        }
        Rest::Typed { field, ty } => {
            let field = ident(field);
            let ty = spell(ty);
            quote! {
                /// The entries beyond the named fields.
                pub #field: std::collections::BTreeMap<String, #ty>,
            }
        }
    };
    let default = def.has_default.then(|| quote!(Default,));
    let constructor = constructor(def, s, spell);
    quote! {
        #[derive(Clone, Debug, #default PartialEq)]
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
            // `Into<Box<T>>` takes a value or a box already made, as a field read from another
            // model is.
            ty = quote!(impl Into<Box<#ty>>);
            value = Some(quote!(#name.into()));
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

fn struct_field(field: &Field, spell: &dyn Fn(&TypeRef) -> TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    let ty = codec::field_type(field, spell);
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
                let parsed = deserializer.deserialize_str(crate::runtime::EnumValue::<Self>::new())?;
                if let Self::#other(value) = &parsed {
                    crate::runtime::unknown_enum_value::<D::Error>(#type_name, value)?;
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
