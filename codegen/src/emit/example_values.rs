//! The example value of each type, for the mocks' `Type::example()`: its required fields filled
//! from the spec's examples (the type's own, a response's or a request's, a field's), and
//! placeholders where the spec gives none. Optional fields are left out, so that a test that sets
//! a field with struct update syntax knows it is the only one it set.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::rust::TypeTable;
use crate::ir::{Api, IntegerFormat, TypeDef, TypeKind, TypeRef};

/// The examples of an API, and the example value of each named type that has one.
pub(crate) struct ExampleValues<'a> {
    table: &'a TypeTable<'a>,
    /// The first example the spec gives of each named type, wherever it gives it.
    given: BTreeMap<&'a str, &'a Value>,
}

impl<'a> ExampleValues<'a> {
    pub(crate) fn new(api: &'a Api, table: &'a TypeTable<'a>) -> ExampleValues<'a> {
        let mut given: BTreeMap<&str, &Value> = BTreeMap::new();
        for def in &api.types {
            if let Some(example) = def.examples.first() {
                given.insert(&def.name, example);
            }
        }
        for operation in api.resources.iter().flat_map(|r| &r.operations) {
            let bodies = operation
                .body
                .iter()
                .filter_map(|body| Some((&body.ty, body.example.as_ref()?)));
            let responses = operation
                .responses
                .iter()
                .flat_map(|response| &response.content)
                .filter_map(|content| Some((content.ty.as_ref()?, content.example.as_ref()?)));
            for (ty, example) in bodies.chain(responses) {
                if let TypeRef::Named(name) = ty {
                    given.entry(name).or_insert(example);
                }
            }
        }
        ExampleValues { table, given }
    }

    /// The example value of a named type, or `None` when it has no finite value (a required
    /// field that leads back to the type itself) or is an alias, which has no methods of its own.
    pub(crate) fn of(&self, def: &TypeDef) -> Option<Value> {
        if matches!(def.kind, TypeKind::Alias(_)) {
            return None;
        }
        self.value(&TypeRef::Named(def.name.clone()), None, &mut Vec::new())
    }

    /// A value of `ty`, taken from `hint` where it fits.
    fn value(&self, ty: &TypeRef, hint: Option<&Value>, stack: &mut Vec<String>) -> Option<Value> {
        match ty {
            TypeRef::Named(name) => {
                if stack.contains(name) || stack.len() > 64 {
                    return None;
                }
                let def = self.table.get(name)?;
                let hint = hint.or_else(|| self.given.get(name.as_str()).copied());
                stack.push(name.clone());
                let value = self.named(def, hint, stack);
                stack.pop();
                value
            }
            // A list or map from an example keeps its entries only when all of them fit.
            TypeRef::Array(inner) => Some(
                match hint {
                    Some(Value::Array(items)) => items
                        .iter()
                        .map(|item| self.value(inner, Some(item), stack))
                        .collect::<Option<Vec<_>>>(),
                    _ => None,
                }
                .map_or(Value::Array(Vec::new()), Value::Array),
            ),
            TypeRef::Map(inner) => Some(
                match hint {
                    Some(Value::Object(entries)) => entries
                        .iter()
                        .map(|(key, item)| {
                            Some((key.clone(), self.value(inner, Some(item), stack)?))
                        })
                        .collect::<Option<Map<_, _>>>(),
                    _ => None,
                }
                .map_or(Value::Object(Map::new()), Value::Object),
            ),
            // An item or value that may be null is the example's where it is one, else null.
            TypeRef::Nullable(inner) => Some(match hint {
                Some(hint) if !hint.is_null() => {
                    self.value(inner, Some(hint), stack).unwrap_or(Value::Null)
                }
                _ => Value::Null,
            }),
            scalar => Some(match hint {
                Some(hint) if fits(hint, scalar) => hint.clone(),
                _ => placeholder(scalar),
            }),
        }
    }

    fn named(&self, def: &TypeDef, hint: Option<&Value>, stack: &mut Vec<String>) -> Option<Value> {
        match &def.kind {
            TypeKind::Alias(target) => self.value(target, hint, stack),
            TypeKind::Enum(e) => Some(Value::String(match hint {
                Some(Value::String(value)) => value.clone(),
                _ => e
                    .default
                    .or((!e.variants.is_empty()).then_some(0))
                    .map(|index| e.variants[index].value.clone())
                    .unwrap_or_default(),
            })),
            TypeKind::Struct(s) => {
                let hint = hint.and_then(Value::as_object);
                let mut object = Map::new();
                for field in s.fields.iter().filter(|f| !f.is_optional()) {
                    let candidates = [
                        hint.and_then(|h| h.get(&field.name)),
                        field.example.as_ref(),
                        field.default.as_ref(),
                    ];
                    // The first candidate that gives a value whose leaves fit, else a value
                    // from the type alone.
                    let value = candidates
                        .into_iter()
                        .flatten()
                        .find(|candidate| self.fits_named(candidate, &field.ty))
                        .and_then(|candidate| self.value(&field.ty, Some(candidate), stack))
                        .or_else(|| self.value(&field.ty, None, stack))?;
                    object.insert(field.name.clone(), value);
                }
                Some(Value::Object(object))
            }
            TypeKind::Union(u) => {
                let chosen = hint.and_then(|hint| {
                    u.variants.iter().find(|variant| match &u.discriminator {
                        Some(property) => hint
                            .get(property)
                            .and_then(Value::as_str)
                            .is_some_and(|tag| variant.tags.iter().any(|t| t == tag)),
                        None => self.fits_named(hint, &variant.ty),
                    })
                });
                let (variant, hint) = match chosen {
                    Some(variant) => (variant, hint),
                    None => (u.variants.first()?, None),
                };
                let mut value = self.value(&variant.ty, hint, stack)?;
                if let (Some(property), Some(tag), Value::Object(object)) =
                    (&u.discriminator, variant.tags.first(), &mut value)
                {
                    object.insert(property.clone(), Value::String(tag.clone()));
                }
                Some(value)
            }
        }
    }

    /// Whether `value` has the shape of `ty` as far as it can be told without filling anything.
    fn fits_named(&self, value: &Value, ty: &TypeRef) -> bool {
        match self.table.wire(ty) {
            TypeRef::Named(name) => match self.table.get(&name).map(|def| &def.kind) {
                Some(TypeKind::Struct(_)) => value.is_object(),
                Some(TypeKind::Enum(_)) => value.is_string(),
                Some(TypeKind::Union(_)) | Some(TypeKind::Alias(_)) | None => !value.is_null(),
            },
            TypeRef::Array(_) => value.is_array(),
            TypeRef::Map(_) => value.is_object(),
            scalar => fits(value, &scalar),
        }
    }
}

/// Whether a JSON value decodes into a scalar type.
fn fits(value: &Value, ty: &TypeRef) -> bool {
    match (ty, value) {
        (TypeRef::String, Value::String(_)) | (TypeRef::Boolean, Value::Bool(_)) => true,
        (TypeRef::Integer(format), Value::Number(_)) => in_range(value, *format),
        (TypeRef::IntegerString(format), Value::Number(_)) => in_range(value, *format),
        (TypeRef::IntegerString(format), Value::String(text)) => text
            .parse::<i128>()
            .is_ok_and(|number| integer_fits(number, *format)),
        (TypeRef::Number(_), Value::Number(_)) => true,
        (TypeRef::DateTime, Value::String(text)) => is_date_time(text),
        (TypeRef::Date, Value::String(text)) => is_date(text),
        (TypeRef::Any, _) => true,
        _ => false,
    }
}

/// Whether a JSON number is an integer of `format`.
fn in_range(value: &Value, format: IntegerFormat) -> bool {
    let number = value
        .as_i64()
        .map(i128::from)
        .or(value.as_u64().map(i128::from));
    number.is_some_and(|number| integer_fits(number, format))
}

fn integer_fits(number: i128, format: IntegerFormat) -> bool {
    match format {
        IntegerFormat::I32 => i32::try_from(number).is_ok(),
        IntegerFormat::I64 => i64::try_from(number).is_ok(),
        IntegerFormat::U32 => u32::try_from(number).is_ok(),
        IntegerFormat::U64 => u64::try_from(number).is_ok(),
    }
}

/// Whether `text` is `len` ASCII digits but for `separator` at each of `at`.
fn digits_apart(text: &str, len: usize, at: [usize; 2], separator: u8) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == len
        && bytes.iter().enumerate().all(|(i, b)| {
            if at.contains(&i) {
                *b == separator
            } else {
                b.is_ascii_digit()
            }
        })
}

/// `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    digits_apart(text, 10, [4, 7], b'-')
}

/// An RFC 3339 date-time: a date, `T`, `HH:MM:SS`, optional fractions, and `Z` or an offset.
fn is_date_time(text: &str) -> bool {
    let Some((date, time)) = text.split_once(['T', 't']) else {
        return false;
    };
    let clock = |t: &str| digits_apart(t, 8, [2, 5], b':');
    let (time, offset_ok) = if let Some(time) = time.strip_suffix(['Z', 'z']) {
        (time, true)
    } else if let Some(at) = time.rfind(['+', '-']) {
        (&time[..at], clock(&format!("{}:00", &time[at + 1..])))
    } else {
        return false;
    };
    let time = match time.split_once('.') {
        Some((clock_part, fraction)) => {
            if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            clock_part
        }
        None => time,
    };
    is_date(date) && clock(time) && offset_ok
}

/// The value of a scalar type when the spec gives no example.
fn placeholder(ty: &TypeRef) -> Value {
    match ty {
        TypeRef::String => Value::String("string".into()),
        TypeRef::Boolean => Value::Bool(false),
        TypeRef::Integer(_) | TypeRef::IntegerString(_) => Value::from(0),
        TypeRef::Number(_) => Value::from(0.0),
        TypeRef::DateTime => Value::String("1970-01-01T00:00:00Z".into()),
        TypeRef::Date => Value::String("1970-01-01".into()),
        TypeRef::Binary | TypeRef::Array(_) => Value::Array(Vec::new()),
        TypeRef::Map(_) => Value::Object(Map::new()),
        TypeRef::Any | TypeRef::Named(_) | TypeRef::Nullable(_) => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_checked_before_they_are_used() {
        assert!(is_date("2020-11-14"));
        assert!(!is_date("2020-1-14"));
        assert!(is_date_time("2020-11-14T16:29:21Z"));
        assert!(is_date_time("2020-11-14T16:29:21.123+01:00"));
        assert!(!is_date_time("2020-11-14 16:29:21"));
        assert!(!is_date_time("2020-11-14T16:29Z"));
        assert!(!is_date_time("yesterday"));
    }

    #[test]
    fn integers_fit_their_width() {
        let int = |format| TypeRef::Integer(format);
        assert!(fits(&Value::from(-1), &int(IntegerFormat::I32)));
        assert!(!fits(&Value::from(-1), &int(IntegerFormat::U32)));
        assert!(!fits(&Value::from(1.5), &int(IntegerFormat::I64)));
        assert!(!fits(&Value::from("7"), &int(IntegerFormat::I64)));
        assert!(fits(
            &Value::from("7"),
            &TypeRef::IntegerString(IntegerFormat::I64)
        ));
    }
}
