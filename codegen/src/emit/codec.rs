//! How structs travel: their `Deserialize` and `Serialize`, written out rather than derived.
//!
//! A derived struct with `#[serde(flatten)]` for its unknown fields makes serde buffer every
//! object into a map of values before it builds the struct, which costs more than decoding the
//! object into a `serde_json::Value`. These impls read each member straight into its field and
//! send the names the type does not describe to the catch-all, in one pass; they write the
//! described fields in order and then the unknown ones, as the derive did, byte for byte.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{TypeTable, ident};
use crate::ir::{Field, Rest, StructDef, TypeDef, TypeRef};

/// The `Deserialize` and `Serialize` impls of a struct.
pub(crate) fn struct_impls(def: &TypeDef, s: &StructDef, table: &TypeTable<'_>) -> TokenStream {
    let deserialize = deserialize(def, s, table);
    let serialize = serialize(def, s, table);
    quote! {
        #deserialize

        #serialize
    }
}

/// The adapter a field travels through (integers as strings), around its box and option.
fn field_adapter(field: &Field, table: &TypeTable<'_>) -> Option<TokenStream> {
    Some(wrapped(field, table.adapter(&field.ty)?))
}

/// The field's Rust type, as the struct declares it.
pub(crate) fn field_type(field: &Field, spell: &dyn Fn(&TypeRef) -> TokenStream) -> TokenStream {
    wrapped(field, spell(&field.ty))
}

/// `inner` in the field's box and option, so that its type and its adapter wrap alike.
fn wrapped(field: &Field, mut inner: TokenStream) -> TokenStream {
    if field.boxed {
        inner = quote!(Box<#inner>);
    }
    if field.is_optional() {
        inner = quote!(Option<#inner>);
    }
    inner
}

fn deserialize(def: &TypeDef, s: &StructDef, table: &TypeTable<'_>) -> TokenStream {
    let name = ident(&def.name);
    // Locals are prefixed so that no field name can shadow `map` or another local (and the
    // leading `_` of a name like `_1_clicks` does not make two in a row).
    let mut slot_names: Vec<String> = s
        .fields
        .iter()
        .map(|f| format!("slot_{}", f.rust_name.trim_start_matches('_')))
        .collect();
    let mut sorted = slot_names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted.len() < slot_names.len() {
        slot_names = (0..s.fields.len()).map(|i| format!("slot_{i}")).collect();
    }
    let slots: Vec<_> = slot_names.iter().map(|name| ident(name)).collect();
    let fields: Vec<_> = s.fields.iter().map(|f| ident(&f.rust_name)).collect();
    // The runtime's helpers, imported by name so that each arm reads on one line.
    let mut imports = vec![quote!(MemberKey)];
    let adapted = |field: &Field| table.adapter(&field.ty).is_some();
    if s.fields.iter().any(|field| !adapted(field)) {
        imports.push(quote!(read_member));
    }
    if s.fields.iter().any(adapted) {
        imports.push(quote!(read_member_as));
    }
    if s.fields.iter().any(|field| !field.is_optional()) {
        imports.push(quote!(required));
    }
    // Arms match the member's name itself, not its place in a list, so that a field added to
    // the spec adds lines to the diff and renumbers none.
    let arms = s.fields.iter().zip(&slots).map(|(field, slot)| {
        let wire = &field.name;
        match field_adapter(field, table) {
            None => quote! {
                #wire => read_member(&mut map, &mut #slot, #wire)?,
            },
            Some(adapter) => quote! {
                #wire => read_member_as::<#adapter, _, _>(&mut map, &mut #slot, #wire)?,
            },
        }
    });
    let values = s
        .fields
        .iter()
        .zip(&slots)
        .zip(&fields)
        .map(|((field, slot), name)| {
            let wire = &field.name;
            if field.is_optional() {
                quote!(#name: #slot.unwrap_or_default())
            } else {
                quote!(#name: required(#slot, #wire)?)
            }
        });
    let (rest, rest_init, rest_arm, rest_check) = match &s.rest {
        Rest::Unknown { field } => (
            ident(field),
            quote!(crate::UnknownFields::default()),
            quote!(rest.read(&mut map, key.into_owned())?),
            quote!(rest.check()?;),
        ),
        Rest::Typed { field, .. } => (
            ident(field),
            quote!(std::collections::BTreeMap::new()),
            quote! {{
                let value = map.next_value()?;
                rest.insert(key.into_owned(), value);
            }},
            TokenStream::new(),
        ),
    };
    // The decoder names its visitor and imports the runtime's helpers; a struct of one of those
    // names is reached through its module.
    let value = if ["Visitor", "Member", "MemberName"].contains(&def.name.as_str()) {
        quote!(self::#name)
    } else {
        quote!(#name)
    };
    // A struct whose only member is the catch-all has no described names to match.
    let read_member = if s.fields.is_empty() {
        quote!(#rest_arm;)
    } else {
        quote! {
            match key.as_str() {
                #( #arms )*
                _ => #rest_arm,
            }
        }
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #value;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("an object")
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#value, A::Error> {
                        use crate::runtime::{#( #imports ),*};

                        #( let mut #slots = None; )*
                        let mut rest = #rest_init;
                        while let Some(key) = map.next_key::<MemberKey<'de>>()? {
                            #read_member
                        }
                        #rest_check
                        Ok(#value {
                            #( #values, )*
                            #rest: rest,
                        })
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

fn serialize(def: &TypeDef, s: &StructDef, table: &TypeTable<'_>) -> TokenStream {
    let name = ident(&def.name);
    let entries = s.fields.iter().map(|field| {
        let wire = &field.name;
        let slot = ident(&field.rust_name);
        let value = match field_adapter(field, table) {
            None => quote!(&self.#slot),
            Some(adapter) => {
                quote!(&serde_with::ser::SerializeAsWrap::<_, #adapter>::new(&self.#slot))
            }
        };
        // A field that may be absent is left out when empty; a required one that may be null
        // is written as null.
        if field.is_optional() && !field.required {
            quote! {
                if self.#slot.is_some() {
                    map.serialize_entry(#wire, #value)?;
                }
            }
        } else {
            quote!(map.serialize_entry(#wire, #value)?;)
        }
    });
    let rest = ident(match &s.rest {
        Rest::Unknown { field } | Rest::Typed { field, .. } => field,
    });
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                #( #entries )*
                for (name, value) in self.#rest.iter() {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}
