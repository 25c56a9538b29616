//! Which types are the same type: identical members, types, required flags and enum values,
//! with their words (descriptions, examples) set aside, and the types they refer to the same in
//! turn.

use std::collections::HashMap;

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// A class number for each of `types`, in their order: two types have the same number when they
/// are the same type. Refined from what each type says itself until what it refers to agrees
/// too, so that two recursive types are told apart or kept together by their whole shape.
pub(crate) fn classes(types: &[TypeDef]) -> Vec<usize> {
    let index: HashMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.as_str(), i))
        .collect();
    let mut own = Interner::default();
    let mut refs = Vec::with_capacity(types.len());
    let mut class = Vec::with_capacity(types.len());
    for def in types {
        let (key, referred) = signature(def, &index);
        class.push(own.intern(key));
        refs.push(referred);
    }
    let mut count = own.len();
    loop {
        let mut refined = Interner::default();
        let next: Vec<usize> = class
            .iter()
            .zip(&refs)
            .map(|(&own, referred)| {
                refined.intern((own, referred.iter().map(|&r| class[r]).collect::<Vec<_>>()))
            })
            .collect();
        class = next;
        if refined.len() == count {
            return class;
        }
        count = refined.len();
    }
}

/// What a type says of itself, its words and the names of the types it refers to left out,
/// and the types it refers to, in order.
fn signature(def: &TypeDef, index: &HashMap<&str, usize>) -> (String, Vec<usize>) {
    let mut kind = def.kind.clone();
    match &mut kind {
        TypeKind::Struct(s) => {
            for field in &mut s.fields {
                field.doc = None;
                field.example = None;
            }
        }
        TypeKind::Enum(e) => {
            for variant in &mut e.variants {
                variant.doc = None;
            }
        }
        // A variant is named after its type, and the catch-all after the variants.
        TypeKind::Union(u) => {
            for variant in &mut u.variants {
                variant.rust_name.clear();
            }
            u.other_variant.clear();
        }
        TypeKind::Alias(_) => {}
    }
    let mut referred = Vec::new();
    kind.visit_type_refs_mut(&mut |ty| {
        if let TypeRef::Named(name) = ty {
            // A name the model does not define refers to no type; it keeps its name.
            if let Some(&target) = index.get(name.as_str()) {
                referred.push(target);
                name.clear();
            }
        }
    });
    let key = serde_json::to_string(&(def.deprecated, &kind)).unwrap_or_default();
    (key, referred)
}

/// Numbers values in the order they are first seen.
struct Interner<K> {
    numbers: HashMap<K, usize>,
}

impl<K> Default for Interner<K> {
    fn default() -> Self {
        Interner {
            numbers: HashMap::new(),
        }
    }
}

impl<K: std::hash::Hash + Eq> Interner<K> {
    fn intern(&mut self, key: K) -> usize {
        let next = self.numbers.len();
        *self.numbers.entry(key).or_insert(next)
    }

    fn len(&self) -> usize {
        self.numbers.len()
    }
}
