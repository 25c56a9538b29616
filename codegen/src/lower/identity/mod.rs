//! One type per distinct schema. Lowering makes a type of every inline object, enum and union
//! where it meets one, and of every schema file the spec references; many of those are the same
//! schema written again (an app in every response that carries one, the error body of every
//! operation). Here the types that are identical but for their words become one, and every type
//! that is not a component of the spec's gets its name ([`naming`]).
//!
//! A component the spec names keeps its name and is never merged with another: the copies that
//! equal it become it. A schema file that only stands for a primitive, an array or a map (an
//! attribute such as `droplet_id.yml`) is no type of its own: its uses get what it stands for.

mod classes;
mod naming;

pub(crate) use classes::classes;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::ir::{Api, Operation, Success, TypeDef, TypeKind, TypeRef};
use crate::load::HoistedSchema;
use crate::lower::operations::success;
use crate::lower::types::{Place, name_variants};
use crate::names::{Namespace, RESERVED_TYPE_NAMES};

use naming::Target;

/// What lowering knew of the types it made, which their merging and naming read.
pub(crate) struct Births {
    /// The components the spec names under `components/schemas`, by type name.
    pub(crate) declared: BTreeSet<String>,
    /// The components made of files and fragments the spec references, by type name.
    pub(crate) hoisted: BTreeMap<String, HoistedSchema>,
    /// Where each inline type and hoisted component is used.
    pub(crate) places: BTreeMap<String, Vec<Place>>,
    /// The names of all types in the order lowering claimed them.
    pub(crate) born: Vec<String>,
    /// The `title` of each type's schema, when it has one.
    pub(crate) titles: BTreeMap<String, String>,
}

/// A warning of the merge: the pointer it is about, its message and its hint.
pub(crate) type Warning = (String, String, &'static str);

/// Merges the types of `api` that are the same type and names those the spec does not, then
/// settles what depends on which types are the same: union variant names and success bodies.
pub(crate) fn merge(api: &mut Api, births: &Births) -> Vec<Warning> {
    inline_file_aliases(api, births);
    drop_unreached(api, births);
    let classes = classes::classes(&api.types);
    let (mut targets, target_of) = targets(&api.types, &classes, births);
    let mut namespace = Namespace::with_reserved(RESERVED_TYPE_NAMES);
    for target in &targets {
        if let Some(name) = &target.name {
            namespace.claim(name.clone());
        }
    }
    let warnings = naming::name(&mut targets, &target_of, births, &mut namespace)
        .into_iter()
        .map(|(pointer, message)| (pointer, message, naming::TIED_NAMES))
        .collect();
    let renames: HashMap<String, String> = target_of
        .iter()
        .filter_map(|(member, &t)| {
            let name = targets[t].name.as_ref()?;
            (name != member).then(|| (member.clone(), name.clone()))
        })
        .collect();
    api.types = merged_types(std::mem::take(&mut api.types), &targets, &target_of, births);
    if !renames.is_empty() {
        api.visit_type_refs_mut(&mut |ty| {
            if let TypeRef::Named(name) = ty
                && let Some(new) = renames.get(name.as_str())
            {
                *name = new.clone();
            }
        });
    }
    for def in &mut api.types {
        if let TypeKind::Union(union) = &mut def.kind {
            name_variants(union);
        }
    }
    for operation in api.resources.iter_mut().flat_map(|r| &mut r.operations) {
        settle_success(operation);
    }
    warnings
}

/// Leaves out the types that neither an operation nor a component of the spec's reaches: the
/// files that only serve as parts of an `allOf`, or as the schema of a header parameter the
/// client writes itself, and the inline types inside them.
fn drop_unreached(api: &mut Api, births: &Births) {
    let index: HashMap<&str, usize> = api
        .types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.as_str(), i))
        .collect();
    let mut reached = vec![false; api.types.len()];
    let mut waiting: Vec<usize> = api
        .types
        .iter()
        .enumerate()
        .filter(|(_, def)| births.declared.contains(&def.name))
        .map(|(i, _)| i)
        .collect();
    let note = |ty: &mut TypeRef, waiting: &mut Vec<usize>| {
        if let TypeRef::Named(name) = ty
            && let Some(&i) = index.get(name.as_str())
        {
            waiting.push(i);
        }
    };
    let mut resources = api.resources.clone();
    for operation in resources.iter_mut().flat_map(|r| &mut r.operations) {
        operation.visit_type_refs_mut(&mut |ty| note(ty, &mut waiting));
    }
    while let Some(i) = waiting.pop() {
        if std::mem::replace(&mut reached[i], true) {
            continue;
        }
        let mut kind = api.types[i].kind.clone();
        kind.visit_type_refs_mut(&mut |ty| note(ty, &mut waiting));
    }
    let mut reached = reached.into_iter();
    api.types.retain(|_| reached.next().unwrap_or(true));
}

/// Replaces every reference to a hoisted schema that is only a primitive, array or map by what
/// it stands for, unless it stands for something that contains itself.
fn inline_file_aliases(api: &mut Api, births: &Births) {
    let aliases: BTreeMap<String, TypeRef> = api
        .types
        .iter()
        .filter(|def| births.hoisted.contains_key(&def.name))
        .filter_map(|def| match &def.kind {
            TypeKind::Alias(target) => Some((def.name.clone(), target.clone())),
            _ => None,
        })
        .collect();
    let mut resolved: BTreeMap<String, TypeRef> = BTreeMap::new();
    for name in aliases.keys() {
        let mut seen = vec![name.clone()];
        if let Some(ty) = expand(&aliases[name], &aliases, &mut seen) {
            resolved.insert(name.clone(), ty);
        }
    }
    if resolved.is_empty() {
        return;
    }
    api.types.retain(|def| !resolved.contains_key(&def.name));
    api.visit_type_refs_mut(&mut |ty| {
        if let TypeRef::Named(name) = ty
            && let Some(target) = resolved.get(name.as_str())
        {
            *ty = target.clone();
        }
    });
}

/// `ty` with the aliases in it replaced by what they stand for; `None` when one of them leads
/// back to an alias of `seen`.
fn expand(
    ty: &TypeRef,
    aliases: &BTreeMap<String, TypeRef>,
    seen: &mut Vec<String>,
) -> Option<TypeRef> {
    Some(match ty {
        TypeRef::Named(name) => match aliases.get(name) {
            Some(_) if seen.contains(name) => return None,
            Some(target) => {
                seen.push(name.clone());
                let expanded = expand(target, aliases, seen);
                seen.pop();
                expanded?
            }
            None => ty.clone(),
        },
        TypeRef::Array(inner) => TypeRef::Array(Box::new(expand(inner, aliases, seen)?)),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(expand(inner, aliases, seen)?)),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(expand(inner, aliases, seen)?)),
        other => other.clone(),
    })
}

/// The types of the merged model: a component of the spec's stands for itself and for the
/// other types of its class; the types of a class without one stand for one new type.
fn targets(
    types: &[TypeDef],
    classes: &[usize],
    births: &Births,
) -> (Vec<Target>, HashMap<String, usize>) {
    let born: HashMap<&str, usize> = births
        .born
        .iter()
        .enumerate()
        .map(|(index, name)| (name.as_str(), index))
        .collect();
    let mut members: BTreeMap<usize, Vec<&TypeDef>> = BTreeMap::new();
    for (def, &class) in types.iter().zip(classes) {
        members.entry(class).or_default().push(def);
    }
    let mut targets = Vec::new();
    let mut target_of = HashMap::new();
    for mut defs in members.into_values() {
        defs.sort_by_key(|def| born.get(def.name.as_str()).copied().unwrap_or(usize::MAX));
        let (declared, copies): (Vec<&TypeDef>, Vec<&TypeDef>) = defs
            .into_iter()
            .partition(|def| births.declared.contains(&def.name));
        let mut declared_targets = Vec::new();
        for def in &declared {
            target_of.insert(def.name.clone(), targets.len());
            declared_targets.push(targets.len());
            targets.push(Target {
                members: vec![def.name.clone()],
                name: Some(def.name.clone()),
                origin: def.origin.clone(),
            });
        }
        if copies.is_empty() {
            continue;
        }
        // The copies of components become the first of them by name.
        let target = match declared_targets
            .iter()
            .min_by_key(|&&t| &targets[t].members[0])
        {
            Some(&first) => first,
            None => {
                targets.push(Target {
                    members: Vec::new(),
                    name: None,
                    origin: copies[0].origin.clone(),
                });
                targets.len() - 1
            }
        };
        for def in copies {
            target_of.insert(def.name.clone(), target);
            targets[target].members.push(def.name.clone());
        }
    }
    (targets, target_of)
}

/// One definition per target: a component's own, or the first copy's with the words the copies
/// give most often, and the examples of them all.
fn merged_types(
    types: Vec<TypeDef>,
    targets: &[Target],
    target_of: &HashMap<String, usize>,
    births: &Births,
) -> Vec<TypeDef> {
    let mut by_name: HashMap<String, TypeDef> = types
        .into_iter()
        .map(|def| (def.name.clone(), def))
        .collect();
    let mut merged = Vec::with_capacity(targets.len());
    for (t, target) in targets.iter().enumerate() {
        let Some(name) = &target.name else { continue };
        let mut defs: Vec<TypeDef> = target
            .members
            .iter()
            .filter(|member| target_of.get(*member) == Some(&t))
            .filter_map(|member| by_name.remove(member))
            .collect();
        if defs.is_empty() {
            continue;
        }
        let first = if births.declared.contains(&defs[0].name) {
            defs.remove(0)
        } else {
            let words = Words::most_common(&defs);
            let mut first = defs.remove(0);
            words.apply(&mut first);
            first
        };
        let mut def = first;
        def.name = name.clone();
        for copy in defs {
            def.copies.push(copy.origin);
            def.copies.extend(copy.copies);
            for example in copy.examples {
                if !def.examples.contains(&example) {
                    def.examples.push(example);
                }
            }
        }
        def.copies.sort();
        merged.push(def);
    }
    merged.sort_by(|a, b| a.name.cmp(&b.name));
    merged
}

/// The words of a merged type: for the type and each of its fields and values, the description
/// its copies give most often (the first copy's among those given as often), and the first
/// example given.
struct Words {
    doc: Option<String>,
    members: Vec<(Option<String>, Option<Value>)>,
}

impl Words {
    fn most_common(defs: &[TypeDef]) -> Words {
        let slots = member_words(&defs[0].kind).len();
        let doc = most_common(defs.iter().filter_map(|def| def.doc.as_deref())).map(str::to_owned);
        let words: Vec<Vec<(Option<&str>, Option<&Value>)>> =
            defs.iter().map(|def| member_words(&def.kind)).collect();
        let members = (0..slots)
            .map(|slot| {
                let docs = words
                    .iter()
                    .filter_map(|w| w.get(slot).and_then(|(doc, _)| *doc));
                let example = words
                    .iter()
                    .find_map(|w| w.get(slot).and_then(|(_, example)| *example))
                    .cloned();
                (most_common(docs).map(str::to_owned), example)
            })
            .collect();
        Words { doc, members }
    }

    fn apply(self, def: &mut TypeDef) {
        def.doc = self.doc;
        let mut members = self.members.into_iter();
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for (field, (doc, example)) in s.fields.iter_mut().zip(&mut members) {
                    field.doc = doc;
                    field.example = example;
                }
            }
            TypeKind::Enum(e) => {
                for (variant, (doc, _)) in e.variants.iter_mut().zip(&mut members) {
                    variant.doc = doc;
                }
            }
            TypeKind::Union(_) | TypeKind::Alias(_) => {}
        }
    }
}

/// The description and example of each field or enum value of a type, in order.
fn member_words(kind: &TypeKind) -> Vec<(Option<&str>, Option<&Value>)> {
    match kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|field| (field.doc.as_deref(), field.example.as_ref()))
            .collect(),
        TypeKind::Enum(e) => e
            .variants
            .iter()
            .map(|variant| (variant.doc.as_deref(), None))
            .collect(),
        TypeKind::Union(_) | TypeKind::Alias(_) => Vec::new(),
    }
}

/// The value given most often, the first of those given as often.
fn most_common<'a, T: PartialEq + ?Sized>(values: impl Iterator<Item = &'a T>) -> Option<&'a T> {
    let mut counts: Vec<(&T, usize)> = Vec::new();
    for value in values {
        match counts.iter_mut().find(|(v, _)| *v == value) {
            Some((_, count)) => *count += 1,
            None => counts.push((value, 1)),
        }
    }
    let most = counts.iter().map(|(_, count)| *count).max()?;
    counts
        .into_iter()
        .find(|(_, count)| *count == most)
        .map(|(value, _)| value)
}

/// Success bodies that were different types may be one now.
fn settle_success(operation: &mut Operation) {
    if let Success::Several { type_name, .. } = &operation.success {
        let (success, accept) = success(&operation.responses, type_name.clone());
        operation.success = success;
        operation.accept = accept;
    }
}
