//! Schemas sorted into the shapes the lowering reads, with openapiv3's catch-all `Any` sorted
//! into them too, and the parts of `oneOf`/`anyOf` that only validate set aside.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

use super::{LowerError, SchemaNode, TypeLowerer};

/// The shapes a schema can have.
pub(super) enum Shape<'a> {
    String {
        format: Option<&'a str>,
        values: Vec<String>,
    },
    Integer {
        format: Option<&'a str>,
    },
    Number {
        format: Option<&'a str>,
    },
    Boolean,
    Array {
        items: Option<SchemaNode<'a>>,
    },
    Object(ObjectShape<'a>),
    AllOf(Vec<SchemaNode<'a>>, Option<ObjectShape<'a>>),
    OneOf(UnionShape<'a>),
    Any,
}

/// The parts of a `oneOf` or `anyOf` that describe values, each with its index in the spec (the
/// parts that only validate are left out).
pub(super) struct UnionShape<'a> {
    pub(super) keyword: &'static str,
    pub(super) parts: Vec<(usize, SchemaNode<'a>)>,
}

pub(super) struct ObjectShape<'a> {
    pub(super) properties: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
    pub(super) required: &'a [String],
    pub(super) additional: Option<&'a AdditionalProperties>,
}

impl<'a> TypeLowerer<'a> {
    /// Sorts a schema into a shape, refusing what makes no sense.
    pub(super) fn shape(
        &mut self,
        schema: &'a Schema,
        pointer: &str,
    ) -> Result<Shape<'a>, LowerError> {
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => Shape::String {
                format: format_name(&string.format),
                values: string.enumeration.iter().flatten().cloned().collect(),
            },
            SchemaKind::Type(Type::Integer(integer)) => Shape::Integer {
                format: format_name(&integer.format),
            },
            SchemaKind::Type(Type::Number(number)) => Shape::Number {
                format: format_name(&number.format),
            },
            SchemaKind::Type(Type::Boolean(_)) => Shape::Boolean,
            SchemaKind::Type(Type::Array(array)) => Shape::Array {
                items: array.items.as_ref().map(SchemaNode::from),
            },
            SchemaKind::Type(Type::Object(object)) => Shape::Object(ObjectShape {
                properties: &object.properties,
                required: &object.required,
                additional: object.additional_properties.as_ref(),
            }),
            SchemaKind::AllOf { all_of } => {
                Shape::AllOf(all_of.iter().map(SchemaNode::from).collect(), None)
            }
            SchemaKind::OneOf { one_of } => self
                .union_shape("oneOf", one_of, None, pointer)
                .map_or(Shape::Any, Shape::OneOf),
            SchemaKind::AnyOf { any_of } => self
                .union_shape("anyOf", any_of, None, pointer)
                .map_or(Shape::Any, Shape::OneOf),
            SchemaKind::Not { .. } => Shape::Any,
            SchemaKind::Any(any) => {
                let object = || ObjectShape {
                    properties: &any.properties,
                    required: &any.required,
                    additional: any.additional_properties.as_ref(),
                };
                let has_object = !any.properties.is_empty() || any.additional_properties.is_some();
                if !any.all_of.is_empty() {
                    // `additionalProperties: false` beside an `allOf` only forbids other keys.
                    let typed_rest = matches!(
                        any.additional_properties,
                        Some(AdditionalProperties::Schema(_))
                    );
                    let own = (!any.properties.is_empty() || typed_rest).then(object);
                    return Ok(Shape::AllOf(
                        any.all_of.iter().map(SchemaNode::from).collect(),
                        own,
                    ));
                }
                for (keyword, parts) in [("oneOf", &any.one_of), ("anyOf", &any.any_of)] {
                    let siblings = Some(&any.properties).filter(|p| !p.is_empty());
                    if let Some(union) = self.union_shape(keyword, parts, siblings, pointer) {
                        return Ok(Shape::OneOf(union));
                    }
                }
                let format = any.format.as_deref();
                let values = || {
                    any.enumeration
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                };
                match any.typ.as_deref() {
                    Some("string") => Shape::String {
                        format,
                        values: values(),
                    },
                    Some("integer") => Shape::Integer { format },
                    Some("number") => Shape::Number { format },
                    Some("boolean") => Shape::Boolean,
                    Some("array") => Shape::Array {
                        items: any.items.as_ref().map(SchemaNode::from),
                    },
                    Some("object") => Shape::Object(object()),
                    Some(other) => {
                        return Err(self.invalid_because(
                            &format!("{pointer}/type"),
                            format!("unknown type `{other}`; the types are string, number, integer, boolean, array and object"),
                            "use one of these types, with a `format` for dates, byte strings and the like",
                        ));
                    }
                    None if has_object => Shape::Object(object()),
                    None if any.items.is_some() => Shape::Array {
                        items: any.items.as_ref().map(SchemaNode::from),
                    },
                    None if !any.enumeration.is_empty()
                        && any.enumeration.iter().all(|v| v.is_string() || v.is_null()) =>
                    {
                        Shape::String {
                            format,
                            values: values(),
                        }
                    }
                    None => Shape::Any,
                }
            }
        })
    }

    /// The parts of a `oneOf` or `anyOf` that describe values; `None` when it has none. Parts that
    /// only validate (`required`, `not`, bounds, narrower values of the `siblings` properties) are
    /// left out, with a warning.
    fn union_shape(
        &mut self,
        keyword: &'static str,
        parts: &'a [ReferenceOr<Schema>],
        siblings: Option<&Properties>,
        pointer: &str,
    ) -> Option<UnionShape<'a>> {
        if parts.is_empty() {
            return None;
        }
        let (checks, shapes): (Vec<_>, Vec<_>) = parts
            .iter()
            .map(SchemaNode::from)
            .enumerate()
            .partition(|(_, part)| only_validates(*part, siblings));
        if !checks.is_empty() {
            let which = if shapes.is_empty() {
                format!("the parts of this `{keyword}` only validate")
            } else {
                let indices: Vec<String> = checks.iter().map(|(i, _)| i.to_string()).collect();
                format!(
                    "parts {} of this `{keyword}` only validate",
                    indices.join(", ")
                )
            };
            self.warn(
                &format!("{pointer}/{keyword}"),
                format!(
                    "{which} (`required`, `not`, bounds, narrower values of the schema's own properties), which the client does not check; they are left out of the type"
                ),
                "describe each alternative with its own properties, or keep such rules in the description",
            );
        }
        (!shapes.is_empty()).then_some(UnionShape {
            keyword,
            parts: shapes,
        })
    }
}

type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// Whether a part of a `oneOf` or `anyOf` only validates a value that the other keywords of the
/// schema describe: `{required: [a]}`, `{not: ...}`, `{minimum: 1}`, with no type; or, beside
/// the schema's own `properties`, a part that only narrows some of them
/// (`{properties: {status: {enum: [done]}}, required: [conclusion]}`).
fn only_validates(part: SchemaNode<'_>, siblings: Option<&Properties>) -> bool {
    let SchemaNode::Inline(schema) = part else {
        return false;
    };
    let narrows = |properties: &Properties| {
        properties.is_empty()
            || siblings.is_some_and(|siblings| properties.keys().all(|k| siblings.contains_key(k)))
    };
    let typed_rest =
        |rest: &Option<AdditionalProperties>| matches!(rest, Some(AdditionalProperties::Schema(_)));
    match &schema.schema_kind {
        SchemaKind::Not { .. } => true,
        SchemaKind::Type(Type::Object(object)) => {
            narrows(&object.properties)
                && !typed_rest(&object.additional_properties)
                && (!object.required.is_empty() || !object.properties.is_empty())
        }
        SchemaKind::Any(any) => {
            let says_something = !any.properties.is_empty() || !any.required.is_empty();
            let untyped = match any.typ.as_deref() {
                None => true,
                Some("object") => says_something,
                Some(_) => false,
            };
            untyped
                && narrows(&any.properties)
                && !typed_rest(&any.additional_properties)
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.all_of.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.format.is_none()
        }
        _ => false,
    }
}

pub(super) fn format_name<T>(format: &VariantOrUnknownOrEmpty<T>) -> Option<&str>
where
    T: Copy + FormatName,
{
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(item.name()),
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

pub(super) trait FormatName {
    fn name(self) -> &'static str;
}

impl FormatName for StringFormat {
    fn name(self) -> &'static str {
        match self {
            StringFormat::Date => "date",
            StringFormat::DateTime => "date-time",
            StringFormat::Password => "password",
            StringFormat::Byte => "byte",
            StringFormat::Binary => "binary",
        }
    }
}

impl FormatName for openapiv3::IntegerFormat {
    fn name(self) -> &'static str {
        match self {
            openapiv3::IntegerFormat::Int32 => "int32",
            openapiv3::IntegerFormat::Int64 => "int64",
        }
    }
}

impl FormatName for openapiv3::NumberFormat {
    fn name(self) -> &'static str {
        match self {
            openapiv3::NumberFormat::Float => "float",
            openapiv3::NumberFormat::Double => "double",
        }
    }
}
