//! The named types of `models`: structs and their fields, enums and their values, unions and
//! their variants, aliases.

use std::collections::{BTreeMap, BTreeSet};

use super::usage::{Reach, Usage, usage};
use super::{Change, Log, Pair, Section, code, pairs, spell, spell_both};
use crate::emit::models::constructor_arguments;
use crate::ir::{
    Api, EnumDef, EnumVariant, Field, Rest, StructDef, TypeDef, TypeKind, UnionDef, UnionVariant,
};

pub(super) fn compare(old: &Api, new: &Api, out: &mut Vec<Change>) {
    let (old_reach, new_reach) = (Reach::of(old), Reach::of(new));
    let renamed = renames(old, new);
    for pair in pairs(&old.types, &new.types, |def| def.name.as_str()) {
        let name = match pair {
            Pair::Removed(def) | Pair::Added(def) | Pair::Both(_, def) => &def.name,
        };
        let usage = usage(&old_reach, &new_reach, name);
        let subject = format!("{} · {}", code(name), usage.label());
        let mut log = Log::new(out, Section::Types, subject);
        match pair {
            Pair::Removed(def) => match renamed.get(def.name.as_str()) {
                Some(&(to, merged)) if merged => log.breaking(format!(
                    "merged into {}, the same type written elsewhere",
                    code(&to.name)
                )),
                Some(&(to, _)) => log.breaking(format!("renamed to {}", code(&to.name))),
                None => log.breaking(format!("{} removed", kind(&def.kind))),
            },
            // A type that only has a new name is compared with the one it was.
            Pair::Added(def) => {
                let before = old.types.iter().find(|before| {
                    renamed
                        .get(before.name.as_str())
                        .is_some_and(|(to, _)| to.name == def.name)
                });
                match before {
                    Some(before) => type_def(before, def, usage, &mut log),
                    None => log.additive(format!("{} added", kind(&def.kind))),
                }
            }
            Pair::Both(old, new) => type_def(old, new, usage, &mut log),
        }
    }
}

/// The types of `old` that `new` no longer has by their name but describes from the same place
/// of the spec: the type they are now, and whether `old` had that name too (two types of `old`
/// are one now, as identical schemas are).
fn renames<'a>(old: &'a Api, new: &'a Api) -> BTreeMap<&'a str, (&'a TypeDef, bool)> {
    let old_names: BTreeSet<&str> = old.types.iter().map(|def| def.name.as_str()).collect();
    let new_names: BTreeSet<&str> = new.types.iter().map(|def| def.name.as_str()).collect();
    let mut by_origin: BTreeMap<&str, &TypeDef> = BTreeMap::new();
    for def in &new.types {
        for origin in std::iter::once(&def.origin).chain(&def.copies) {
            by_origin.insert(origin, def);
        }
    }
    old.types
        .iter()
        .filter(|def| !new_names.contains(def.name.as_str()))
        .filter_map(|def| {
            let to = std::iter::once(&def.origin)
                .chain(&def.copies)
                .find_map(|origin| by_origin.get(origin.as_str()))?;
            Some((
                def.name.as_str(),
                (*to, old_names.contains(to.name.as_str())),
            ))
        })
        .collect()
}

/// What a type is, as a noun.
fn kind(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Struct(_) => "struct".into(),
        TypeKind::Enum(_) => "enum".into(),
        TypeKind::Union(_) => "union".into(),
        TypeKind::Alias(target) => format!("alias of {}", code(&spell(target))),
    }
}

fn type_def(old: &TypeDef, new: &TypeDef, usage: Usage, log: &mut Log<'_>) {
    // `examples` only feed the crate's own tests.
    let TypeDef {
        name: _,
        doc,
        origin,
        copies: _,
        deprecated,
        kind: old_kind,
        has_default,
        examples: _,
    } = old;
    // A type without a description is documented by the name of its schema.
    let schema = |origin: &str| origin.rsplit('/').next().map(str::to_owned);
    if doc != &new.doc || (doc.is_none() && schema(origin) != schema(&new.origin)) {
        log.docs("description changed");
    }
    log.deprecation("the type", *deprecated, new.deprecated);
    match (old_kind, &new.kind) {
        (TypeKind::Struct(a), TypeKind::Struct(b)) => structure(old, a, new, b, usage, log),
        (TypeKind::Enum(a), TypeKind::Enum(b)) => enumeration(&new.name, a, b, log),
        (TypeKind::Union(a), TypeKind::Union(b)) => union(&new.name, a, b, log),
        (TypeKind::Alias(a), TypeKind::Alias(b)) => {
            if a != b {
                let (a, b) = spell_both(a, b);
                log.breaking(format!("stands for {} (was {})", code(&b), code(&a)));
            }
        }
        (a, b) => log.breaking(format!("now a {} (was a {})", kind(b), kind(a))),
    }
    match (*has_default, new.has_default) {
        (true, false) => log.breaking("no longer implements `Default`"),
        (false, true) => log.additive("now implements `Default`"),
        _ => {}
    }
}

fn structure(
    old_def: &TypeDef,
    old: &StructDef,
    new_def: &TypeDef,
    new: &StructDef,
    usage: Usage,
    log: &mut Log<'_>,
) {
    let StructDef {
        fields: old_fields,
        rest: old_rest,
    } = old;
    // Without `new` or `Default`, the only way to build a value names every field.
    let literal_only = constructor_arguments(old).is_none() && !old_def.has_default;
    for pair in pairs(old_fields, &new.fields, |field| field.name.as_str()) {
        match pair {
            Pair::Removed(field) => log.breaking(format!("field {} removed", field_name(field))),
            Pair::Added(field) => field_added(&new_def.name, field, literal_only, usage, log),
            Pair::Both(a, b) => field_changed(a, b, usage, log),
        }
    }
    constructor(&new_def.name, old, new, log);
    if old_rest != &new.rest {
        log.breaking(format!(
            "the fields the spec does not name are kept in {} (was {})",
            code(&rest(&new.rest)),
            code(&rest(old_rest))
        ));
    }
}

fn rest(rest: &Rest) -> String {
    match rest {
        Rest::Unknown { field } => format!("{field}: UnknownFields"),
        Rest::Typed { field, ty } => format!("{field}: BTreeMap<String, {}>", spell(ty)),
    }
}

/// `field`, with its name on the wire when Rust spells it otherwise.
fn field_name(field: &Field) -> String {
    if field.rust_name == field.name {
        code(&field.rust_name)
    } else {
        format!("{} ({} in JSON)", code(&field.rust_name), code(&field.name))
    }
}

/// The field's type as the struct declares it.
fn field_type(field: &Field) -> String {
    let mut ty = spell(&field.ty);
    if field.boxed {
        ty = format!("Box<{ty}>");
    }
    if field.is_optional() {
        ty = format!("Option<{ty}>");
    }
    ty
}

fn field_added(
    type_name: &str,
    field: &Field,
    literal_only: bool,
    usage: Usage,
    log: &mut Log<'_>,
) {
    let declared = code(&format!("{}: {}", field.rust_name, field_type(field)));
    let required = if field.is_optional() {
        "optional"
    } else {
        "required"
    };
    let text = format!("{required} field {declared} added");
    if literal_only {
        log.breaking(format!(
            "{text}: {} has neither `new` nor `Default`, so building one takes a literal that \
             names every field",
            code(type_name)
        ));
    } else if !field.is_optional() && usage.sent {
        log.breaking(format!("{text}: requests need it"));
    } else {
        log.additive(text);
    }
}

fn field_changed(old: &Field, new: &Field, usage: Usage, log: &mut Log<'_>) {
    // `read_only` only decides `required`, which is compared; `example` only fills the mocks'
    // example values, which tests write over.
    let Field {
        name: _,
        rust_name,
        ty,
        required,
        nullable,
        doc,
        default,
        example: _,
        deprecated,
        read_only: _,
        boxed,
    } = old;
    let name = field_name(new);
    if rust_name != &new.rust_name {
        log.breaking(format!(
            "field {} is now {} in Rust",
            code(rust_name),
            code(&new.rust_name)
        ));
    }
    let (was, is) = (field_type(old), field_type(new));
    if old.is_optional() != new.is_optional() {
        let now = if new.is_optional() {
            "optional"
        } else {
            "required"
        };
        log.breaking(format!(
            "field {name} is now {now}: {} (was {})",
            code(&is),
            code(&was)
        ));
    } else if ty != &new.ty || boxed != &new.boxed {
        let (was, is) = if was == is {
            spell_both(ty, &new.ty)
        } else {
            (was, is)
        };
        log.breaking(format!("field {name}: {} (was {})", code(&is), code(&was)));
    } else if required != &new.required {
        // Both an `Option`, as the field is nullable: only whether `None` is sent changes.
        let now = if new.required {
            "required, and sent as `null` when `None`"
        } else {
            "optional, and left out when `None` (it was sent as `null`)"
        };
        let text = format!("field {name} is now {now}");
        if usage.sent {
            log.breaking(text);
        } else {
            log.additive(text);
        }
    } else if nullable != &new.nullable {
        // An optional field is an `Option` either way.
        let may = if new.nullable { "may" } else { "may no longer" };
        log.docs(format!("field {name} {may} be `null`"));
    }
    log.description(&format!("field {name}: description"), doc, &new.doc);
    log.documented_default(&format!("field {name}"), default, &new.default);
    log.deprecation(&format!("field {name}"), *deprecated, new.deprecated);
}

/// `new` takes the required fields: a change of them changes its arguments.
fn constructor(type_name: &str, old: &StructDef, new: &StructDef, log: &mut Log<'_>) {
    let signature = |s: &StructDef| {
        constructor_arguments(s).map(|fields| {
            let names: Vec<&str> = fields.iter().map(|f| f.rust_name.as_str()).collect();
            format!("{type_name}::new({})", names.join(", "))
        })
    };
    match (signature(old), signature(new)) {
        (Some(a), Some(b)) if a != b => log.breaking(format!("{} is now {}", code(&a), code(&b))),
        (Some(a), None) => log.breaking(format!(
            "{} is gone: the struct has no required field now, or more than a constructor takes",
            code(&a)
        )),
        (None, Some(b)) => log.additive(format!("constructor {} added", code(&b))),
        _ => {}
    }
}

fn enumeration(type_name: &str, old: &EnumDef, new: &EnumDef, log: &mut Log<'_>) {
    let EnumDef {
        variants,
        other_variant,
        default,
    } = old;
    let path = |variant: &str| code(&format!("{type_name}::{variant}"));
    for pair in pairs(variants, &new.variants, |v| v.value.as_str()) {
        match pair {
            Pair::Removed(v) => log.breaking(format!(
                "value {} removed ({})",
                code(&v.value),
                path(&v.rust_name)
            )),
            Pair::Added(v) => log.additive(format!(
                "value {} added ({})",
                code(&v.value),
                path(&v.rust_name)
            )),
            Pair::Both(a, b) => {
                let EnumVariant {
                    value,
                    rust_name,
                    doc,
                } = a;
                if rust_name != &b.rust_name {
                    log.breaking(format!(
                        "value {} is now {} (was {})",
                        code(value),
                        path(&b.rust_name),
                        path(rust_name)
                    ));
                }
                log.description(&format!("value {}: description", code(value)), doc, &b.doc);
            }
        }
    }
    if other_variant != &new.other_variant {
        log.breaking(format!(
            "values the spec does not list are {} (was {})",
            path(&format!("{}(_)", new.other_variant)),
            path(&format!("{other_variant}(_)"))
        ));
    }
    // Gaining or losing a default is gaining or losing `Default`, which the type reports.
    let default_of = |e: &EnumDef, index: Option<usize>| {
        index
            .and_then(|i| e.variants.get(i))
            .map(|v| v.value.clone())
    };
    if let (Some(a), Some(b)) = (default_of(old, *default), default_of(new, new.default))
        && a != b
    {
        log.breaking(format!(
            "`{type_name}::default()` is {} (was {})",
            code(&b),
            code(&a)
        ));
    }
}

fn union(type_name: &str, old: &UnionDef, new: &UnionDef, log: &mut Log<'_>) {
    let UnionDef {
        variants,
        discriminator,
        other_variant,
    } = old;
    let path = |variant: &str| code(&format!("{type_name}::{variant}"));
    if discriminator != &new.discriminator {
        let tag = |d: &Option<String>| {
            d.as_ref()
                .map_or("no property".to_owned(), |property| code(property))
        };
        log.breaking(format!(
            "told apart by {} (was {})",
            tag(&new.discriminator),
            tag(discriminator)
        ));
    }
    // Without a discriminator, a value is the first variant that accepts it: order matters.
    let untagged = new.discriminator.is_none();
    let order = |list: &[UnionVariant], among: &[UnionVariant]| -> Vec<String> {
        list.iter()
            .filter(|v| among.iter().any(|o| o.rust_name == v.rust_name))
            .map(|v| v.rust_name.clone())
            .collect()
    };
    let reordered = untagged && order(variants, &new.variants) != order(&new.variants, variants);
    for pair in pairs(variants, &new.variants, |v| v.rust_name.as_str()) {
        match pair {
            Pair::Removed(v) => log.breaking(format!("variant {} removed", path(&v.rust_name))),
            Pair::Added(v) => {
                let position = new.variants.iter().position(|n| n.rust_name == v.rust_name);
                let before_others = new.variants[position.unwrap_or_default()..]
                    .iter()
                    .any(|n| variants.iter().any(|o| o.rust_name == n.rust_name));
                let text = format!(
                    "variant {} added",
                    path(&format!("{}({})", v.rust_name, spell(&v.ty)))
                );
                if untagged && before_others {
                    log.breaking(format!(
                        "{text}, before others: values they took may now decode as it"
                    ));
                } else {
                    log.additive(text);
                }
            }
            Pair::Both(a, b) => {
                let UnionVariant {
                    rust_name,
                    ty,
                    tags,
                    boxed,
                } = a;
                if ty != &b.ty || boxed != &b.boxed {
                    let (mut was, mut is) = spell_both(ty, &b.ty);
                    let boxed_type =
                        |boxed: bool, ty: String| if boxed { format!("Box<{ty}>") } else { ty };
                    (was, is) = (boxed_type(*boxed, was), boxed_type(b.boxed, is));
                    log.breaking(format!(
                        "variant {} holds {} (was {})",
                        path(rust_name),
                        code(&is),
                        code(&was)
                    ));
                }
                for tag in tags.iter().filter(|t| !b.tags.contains(t)) {
                    log.breaking(format!(
                        "variant {} no longer tagged {}",
                        path(rust_name),
                        code(tag)
                    ));
                }
                for tag in b.tags.iter().filter(|t| !tags.contains(t)) {
                    log.additive(format!(
                        "variant {} also tagged {}",
                        path(rust_name),
                        code(tag)
                    ));
                }
            }
        }
    }
    if reordered {
        log.breaking("variants are tried in another order: a value may decode as another one");
    }
    if other_variant != &new.other_variant {
        log.breaking(format!(
            "values no variant accepts are {} (was {})",
            path(&format!("{}(_)", new.other_variant)),
            path(&format!("{other_variant}(_)"))
        ));
    }
}
