//! How many bytes a value of each type takes inline, and the members boxed to keep values small.
//!
//! A struct holds its members inline, so an object that nests others (an app with four
//! deployments, each with the app's whole spec) would be kilobytes before its first string, and a
//! page of them a vector that copies kilobytes per element as it grows. A member whose type is
//! larger than [`BOX_ABOVE`] bytes is kept behind a `Box` instead: the value is then a few
//! hundred bytes at most, whatever the spec nests, and decoding pays one allocation for a member
//! that is there, none for one that is absent.
//!
//! The sizes are those of the Rust types the emitter spells on a 64-bit target, estimated from
//! the layout of the standard types (a `String` or a `Vec` is three words, an `Option` of either
//! costs nothing more); they only need to be right to within a word or two.

use std::collections::BTreeMap;

use crate::ir::{IntegerFormat, Rest, TypeDef, TypeKind, TypeRef};

/// The largest type, in bytes, that a member holds inline.
pub(crate) const BOX_ABOVE: u64 = 256;

/// A word: a pointer, a `usize`, an `i64`.
const WORD: u64 = 8;
/// A `String`, a `Vec` or a `BTreeMap`: a pointer, a length and a capacity (or a root, a height
/// and a length).
const COLLECTION: u64 = 3 * WORD;
/// A `serde_json::Value` with `preserve_order`: an `IndexMap`, whose spare bits hold the tag.
const JSON_VALUE: u64 = 9 * WORD;
/// The unknown fields of a struct: the runtime's `UnknownFields`, a box of a map that is only
/// allocated when there are some.
const UNKNOWN_FIELDS: u64 = WORD;

/// Boxes every struct member and union variant whose type is larger than [`BOX_ABOVE`]; a boxed
/// member counts as a pointer in the size of the type that holds it.
pub(crate) fn box_large_members(types: &mut [TypeDef]) {
    let index: BTreeMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, def)| (def.name.clone(), i))
        .collect();
    let mut sizes = Sizes {
        index: &index,
        known: vec![None; types.len()],
    };
    // A type's members are decided before the type's own size is known, so that a type counts
    // what it holds after boxing: visiting the types that others hold first does that.
    for i in 0..types.len() {
        sizes.size_of(types, i, 0);
    }
}

struct Sizes<'a> {
    index: &'a BTreeMap<String, usize>,
    /// The size of each type once it is decided.
    known: Vec<Option<u64>>,
}

/// How deep a chain of types that hold each other inline is followed; recursive types are boxed
/// before this runs, so only a pathological spec reaches it.
const MAX_DEPTH: usize = 64;

impl Sizes<'_> {
    /// The size of `types[i]`, boxing its large members first.
    fn size_of(&mut self, types: &mut [TypeDef], i: usize, depth: usize) -> u64 {
        if let Some(size) = self.known[i] {
            return size;
        }
        if depth > MAX_DEPTH {
            return WORD;
        }
        let size = match types[i].kind.clone() {
            TypeKind::Struct(s) => {
                let mut total = match &s.rest {
                    Rest::Unknown { .. } => UNKNOWN_FIELDS,
                    Rest::Typed { .. } => COLLECTION,
                };
                for (j, field) in s.fields.iter().enumerate() {
                    let inline = self.inline(types, &field.ty, depth);
                    let boxed = field.boxed || inline > BOX_ABOVE;
                    if let TypeKind::Struct(s) = &mut types[i].kind {
                        s.fields[j].boxed = boxed;
                    }
                    let held = if boxed { WORD } else { inline };
                    total += if field.is_optional() {
                        optional(&field.ty, held, boxed)
                    } else {
                        held
                    };
                }
                total
            }
            TypeKind::Union(u) => {
                let mut largest = JSON_VALUE;
                for (j, variant) in u.variants.iter().enumerate() {
                    let inline = self.inline(types, &variant.ty, depth);
                    let boxed = variant.boxed || inline > BOX_ABOVE;
                    if let TypeKind::Union(u) = &mut types[i].kind {
                        u.variants[j].boxed = boxed;
                    }
                    largest = largest.max(if boxed { WORD } else { inline });
                }
                largest + WORD
            }
            TypeKind::Enum(_) => COLLECTION,
            TypeKind::Alias(ty) => self.inline(types, &ty, depth),
        };
        let size = size.next_multiple_of(WORD);
        self.known[i] = Some(size);
        size
    }

    /// The size of a value of `ty` held inline.
    fn inline(&mut self, types: &mut [TypeDef], ty: &TypeRef, depth: usize) -> u64 {
        match ty {
            TypeRef::Named(name) => match self.index.get(name) {
                Some(&i) => self.size_of(types, i, depth + 1),
                None => WORD,
            },
            TypeRef::String | TypeRef::Binary | TypeRef::Array(_) | TypeRef::Map(_) => COLLECTION,
            TypeRef::Boolean => 1,
            TypeRef::Integer(format) | TypeRef::IntegerString(format) => match format {
                IntegerFormat::I32 | IntegerFormat::U32 => 4,
                IntegerFormat::I64 | IntegerFormat::U64 => WORD,
            },
            TypeRef::Number(_) => WORD,
            // A `DateTime<Utc>`: a date, a time of day in seconds and nanoseconds.
            TypeRef::DateTime => 12,
            TypeRef::Date => 4,
            TypeRef::Any => JSON_VALUE,
            TypeRef::Nullable(inner) => {
                let held = self.inline(types, inner, depth);
                optional(inner, held, false)
            }
        }
    }
}

/// The size of an `Option` of a value of `held` bytes: nothing more for the types whose
/// pointer, capacity or tag leaves room for `None`, a word more for the others.
fn optional(ty: &TypeRef, held: u64, boxed: bool) -> u64 {
    let has_niche = boxed
        || matches!(
            ty,
            TypeRef::Named(_)
                | TypeRef::String
                | TypeRef::Binary
                | TypeRef::Array(_)
                | TypeRef::Map(_)
                | TypeRef::Any
        );
    if has_niche { held } else { held + WORD }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, StructDef};

    fn field(name: &str, ty: TypeRef) -> Field {
        Field {
            name: name.to_owned(),
            rust_name: name.to_owned(),
            ty,
            required: false,
            nullable: false,
            doc: None,
            default: None,
            example: None,
            deprecated: false,
            read_only: false,
            boxed: false,
        }
    }

    fn structure(name: &str, fields: Vec<Field>) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            doc: None,
            origin: format!("#/components/schemas/{name}"),
            copies: Vec::new(),
            deprecated: false,
            kind: TypeKind::Struct(StructDef {
                fields,
                rest: Rest::Unknown {
                    field: "unknown_fields".to_owned(),
                },
            }),
            has_default: true,
            examples: Vec::new(),
        }
    }

    fn boxed(types: &[TypeDef], name: &str) -> Vec<(String, bool)> {
        let def = types.iter().find(|def| def.name == name).unwrap();
        let TypeKind::Struct(s) = &def.kind else {
            panic!("{name} is not a struct")
        };
        s.fields.iter().map(|f| (f.name.clone(), f.boxed)).collect()
    }

    #[test]
    fn a_member_of_a_large_type_is_boxed_and_a_small_one_is_not() {
        let strings = |n: usize| {
            (0..n)
                .map(|i| field(&format!("s{i}"), TypeRef::String))
                .collect::<Vec<_>>()
        };
        let mut types = vec![
            structure(
                "Holder",
                vec![
                    field("large", TypeRef::Named("Large".to_owned())),
                    field("small", TypeRef::Named("Small".to_owned())),
                    field(
                        "many",
                        TypeRef::Array(Box::new(TypeRef::Named("Large".to_owned()))),
                    ),
                ],
            ),
            structure("Large", strings(12)),
            structure("Small", strings(2)),
        ];
        box_large_members(&mut types);
        assert_eq!(
            boxed(&types, "Holder"),
            [
                ("large".to_owned(), true),
                ("small".to_owned(), false),
                ("many".to_owned(), false),
            ]
        );
    }

    /// A type that is small only because its own large members are boxed is held inline.
    #[test]
    fn a_type_counts_its_members_after_boxing() {
        let mut types = vec![
            structure(
                "Outer",
                vec![field("middle", TypeRef::Named("Middle".to_owned()))],
            ),
            structure(
                "Middle",
                vec![
                    field("a", TypeRef::Named("Inner".to_owned())),
                    field("b", TypeRef::Named("Inner".to_owned())),
                ],
            ),
            structure(
                "Inner",
                (0..12)
                    .map(|i| field(&format!("s{i}"), TypeRef::String))
                    .collect(),
            ),
        ];
        box_large_members(&mut types);
        assert_eq!(
            boxed(&types, "Middle"),
            [("a".to_owned(), true), ("b".to_owned(), true)]
        );
        assert_eq!(boxed(&types, "Outer"), [("middle".to_owned(), false)]);
    }
}
