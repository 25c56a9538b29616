//! How an `allOf` reads: the properties of objects merged into one struct, or (when its parts are
//! not objects) the one type its parts agree on, the other parts only annotating it.
//!
//! OpenAPI 3.0 cannot put siblings next to a `$ref`, so specs write
//! `allOf: [{$ref: Name}, {description: ..., maxLength: 64}]` to document or constrain a
//! reference to a string, an array or an enum. Such an `allOf` is the referenced type; its
//! description, `nullable`, `readOnly`, `default` and `deprecated` apply to the field that uses it.

use openapiv3::Schema;

use super::{LowerError, SchemaNode, Shape, TypeLowerer};

/// What an `allOf` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AllOfReading {
    /// The properties of its object parts merge into one struct.
    Merge,
    /// The type of this part; the others only annotate or constrain it.
    Part(usize),
    /// No part says anything about the value: any JSON value.
    Any,
}

/// What one part of an `allOf` brings.
enum Contribution {
    /// Words or constraints the client does not check (`description`, `maxLength`, `xml`...).
    Annotation,
    /// Properties to merge.
    Object,
    /// A value that is not an object.
    Value(Value),
}

/// A part that is not an object, with what makes one such part more precise than another.
struct Value {
    kind: Kind,
    /// The schema it ends at, after references.
    target: String,
    /// Its values are listed.
    enumerated: bool,
    /// It references a component, which names the type.
    named: bool,
    /// It has a format, which may choose a more precise type (a date, an integer as a string).
    formatted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Union,
}

impl Value {
    /// What the part at `at` is, and the schema it references when it is not written there.
    fn described(&self, at: &str) -> String {
        let kind = self.kind.described();
        if self.target == at {
            kind.to_owned()
        } else {
            format!("{kind} (`{}`)", self.target)
        }
    }
}

impl Kind {
    fn described(self) -> &'static str {
        match self {
            Kind::String => "a string",
            Kind::Integer => "an integer",
            Kind::Number => "a number",
            Kind::Boolean => "a boolean",
            Kind::Array => "an array",
            Kind::Union => "a `oneOf` or `anyOf`",
        }
    }

    /// Whether a value can be of both kinds (an integer is also a number).
    fn agrees(self, other: Kind) -> bool {
        self == other
            || matches!(
                (self, other),
                (Kind::Integer, Kind::Number) | (Kind::Number, Kind::Integer)
            )
    }
}

impl<'a> TypeLowerer<'a> {
    /// How the `allOf` at `pointer` reads; `own_object` says whether the schema that holds it
    /// has properties of its own.
    pub(crate) fn read_all_of(
        &mut self,
        parts: &[SchemaNode<'a>],
        own_object: bool,
        pointer: &str,
    ) -> Result<AllOfReading, LowerError> {
        self.read_all_of_within(parts, own_object, pointer, &mut vec![pointer.to_owned()])
    }

    /// `expanding` holds the `allOf`s being read, outermost first, to refuse one that includes
    /// itself rather than recurse forever.
    fn read_all_of_within(
        &mut self,
        parts: &[SchemaNode<'a>],
        own_object: bool,
        pointer: &str,
        expanding: &mut Vec<String>,
    ) -> Result<AllOfReading, LowerError> {
        // `allOf: [$ref]` is how 3.0 documents a reference: that type, whatever it is.
        if let ([_], false) = (parts, own_object) {
            return Ok(AllOfReading::Part(0));
        }
        let mut objects = usize::from(own_object);
        let mut values: Vec<(usize, Value)> = Vec::new();
        let mut substantial = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let at = format!("{pointer}/allOf/{index}");
            let (schema, target) = self.resolve(*part, &at)?;
            match self.contribution(schema, &target, &at, expanding)? {
                Contribution::Annotation => continue,
                Contribution::Object => objects += 1,
                Contribution::Value(mut value) => {
                    value.named |= matches!(part, SchemaNode::Ref(_));
                    values.push((index, value));
                }
            }
            substantial.push(index);
        }
        match (substantial.as_slice(), values.is_empty()) {
            ([], _) if own_object => Ok(AllOfReading::Merge),
            ([], _) => Ok(AllOfReading::Any),
            ([only], _) if !own_object => Ok(AllOfReading::Part(*only)),
            (_, true) => Ok(AllOfReading::Merge),
            // Objects with a `oneOf`: merging refuses it, at the part.
            _ if objects > 0 && values.iter().all(|(_, value)| value.kind == Kind::Union) => {
                Ok(AllOfReading::Merge)
            }
            _ if objects > 0 => {
                let (index, value) = &values[0];
                let at = format!("{pointer}/allOf/{index}");
                Err(self.invalid_because(
                    &at,
                    format!(
                        "this `allOf` joins an object and {}: no value is both",
                        value.described(&at)
                    ),
                    "make every part of the `allOf` an object, or reference the one type the value has",
                ))
            }
            _ => self.agreed(&values, pointer).map(AllOfReading::Part),
        }
    }

    /// The part that the non-object parts of an `allOf` agree on: the most precise one.
    fn agreed(&mut self, values: &[(usize, Value)], pointer: &str) -> Result<usize, LowerError> {
        let (first_index, first) = &values[0];
        for (index, value) in &values[1..] {
            let same_union = first.kind != Kind::Union || first.target == value.target;
            if !first.kind.agrees(value.kind) || !same_union {
                let at = format!("{pointer}/allOf/{index}");
                return Err(self.invalid_because(
                    &at,
                    format!(
                        "this `allOf` part is {} but part {first_index} is {}: no value is both",
                        value.described(&at),
                        first.described(&format!("{pointer}/allOf/{first_index}")),
                    ),
                    "reference the one type the value has, and describe its constraints in the same part",
                ));
            }
        }
        let precision = |value: &Value| {
            (
                value.enumerated,
                value.named,
                value.formatted,
                value.kind == Kind::Integer,
            )
        };
        let (best, chosen) = values
            .iter()
            .rev()
            .max_by_key(|(_, value)| precision(value))
            .expect("an `allOf` with values has one");
        // Two different named types or lists of values: the value must satisfy both, but a Rust
        // type can only be one of them.
        let rivals: Vec<&str> = values
            .iter()
            .filter(|(_, value)| {
                value.target != chosen.target
                    && ((value.named && chosen.named) || (value.enumerated && chosen.enumerated))
            })
            .map(|(_, value)| value.target.as_str())
            .collect();
        if !rivals.is_empty() {
            self.warn(
                &format!("{pointer}/allOf/{best}"),
                format!(
                    "this `allOf` requires both `{}` and `{}`; it is read as `{}`",
                    chosen.target,
                    rivals.join("` and `"),
                    chosen.target
                ),
                "reference one schema and write the constraints of the others inline beside it",
            );
        }
        Ok(*best)
    }

    /// What the part at `at` (whose schema, after references, is `schema` at `target`) brings.
    fn contribution(
        &mut self,
        schema: &'a Schema,
        target: &str,
        at: &str,
        expanding: &mut Vec<String>,
    ) -> Result<Contribution, LowerError> {
        let value = |kind: Kind, enumerated: bool, formatted: bool| {
            Contribution::Value(Value {
                kind,
                target: target.to_owned(),
                enumerated,
                named: false,
                formatted,
            })
        };
        Ok(match self.shape(schema, target)? {
            Shape::Object(_) => Contribution::Object,
            Shape::Any => Contribution::Annotation,
            Shape::String { format, values } => {
                value(Kind::String, !values.is_empty(), format.is_some())
            }
            Shape::Integer { format } => value(Kind::Integer, false, format.is_some()),
            Shape::Number { format } => value(Kind::Number, false, format.is_some()),
            Shape::Boolean => value(Kind::Boolean, false, false),
            Shape::Array { .. } => value(Kind::Array, false, false),
            Shape::OneOf(_) => value(Kind::Union, false, false),
            Shape::AllOf(inner, own) => {
                if expanding.iter().any(|outer| outer == target) {
                    return Err(self.invalid_because(
                        at,
                        format!("this `allOf` includes itself through `{target}`"),
                        "break the cycle: a schema cannot be made of itself",
                    ));
                }
                expanding.push(target.to_owned());
                let reading = self.read_all_of_within(&inner, own.is_some(), target, expanding)?;
                let contribution = match reading {
                    AllOfReading::Merge => Contribution::Object,
                    AllOfReading::Any => Contribution::Annotation,
                    AllOfReading::Part(index) => {
                        let part_at = format!("{target}/allOf/{index}");
                        let (schema, part_target) = self.resolve(inner[index], &part_at)?;
                        let mut contribution =
                            self.contribution(schema, &part_target, &part_at, expanding)?;
                        if let Contribution::Value(value) = &mut contribution {
                            value.named |= matches!(inner[index], SchemaNode::Ref(_));
                        }
                        contribution
                    }
                };
                expanding.pop();
                contribution
            }
        })
    }
}
