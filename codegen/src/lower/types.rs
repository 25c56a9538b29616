//! Schemas to types: every component becomes a named type, and an inline object or enum becomes
//! a named type too, called after the place it appears in (`AppSpec` + `ingress` ->
//! `AppSpecIngress`).

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaData};
use serde_json::Value;

mod all_of;
mod place;
mod shape;

use all_of::AllOfReading;
pub(crate) use place::Place;
use shape::{ObjectShape, Shape, UnionShape};

use super::LowerError;
use super::identity::Births;
use crate::ir::{
    EnumDef, EnumVariant, Field, IntegerFormat, NumberFormat, Rest, StructDef, TypeDef, TypeKind,
    TypeRef, UnionDef, UnionVariant,
};
use crate::load::{HoistedSchema, Spec};
use crate::location::escape_token;
use crate::names::{Namespace, RESERVED_TYPE_NAMES, camel, snake};

/// A schema or a reference to one, whichever box openapiv3 keeps it in.
#[derive(Clone, Copy)]
pub(crate) enum SchemaNode<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaNode<'a> {
    fn from(node: &'a ReferenceOr<Schema>) -> Self {
        match node {
            ReferenceOr::Reference { reference } => SchemaNode::Ref(reference),
            ReferenceOr::Item(schema) => SchemaNode::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaNode<'a> {
    fn from(node: &'a ReferenceOr<Box<Schema>>) -> Self {
        match node {
            ReferenceOr::Reference { reference } => SchemaNode::Ref(reference),
            ReferenceOr::Item(schema) => SchemaNode::Inline(schema),
        }
    }
}

/// Lowers schemas, naming the types it makes.
pub(crate) struct TypeLowerer<'a> {
    spec: &'a Spec,
    components: BTreeMap<&'a str, &'a ReferenceOr<Schema>>,
    /// The Rust name of each schema component.
    component_names: BTreeMap<&'a str, String>,
    names: Namespace,
    pub(crate) types: BTreeMap<String, TypeDef>,
    /// Inline schemas already lowered, by pointer, so that a schema reached twice (a property of a
    /// base merged into several `allOf`s) is one type.
    lowered: BTreeMap<String, TypeRef>,
    /// The schema components the spec wrote outside `components`, by type name.
    pub(crate) hoisted: BTreeMap<String, HoistedSchema>,
    /// Where each inline type and hoisted component is used: an inline type where it was met,
    /// a hoisted component at every reference; what names the types that turn out to be one.
    pub(crate) places: BTreeMap<String, Vec<Place>>,
    /// The names of the components, then of the inline types, in the order they were claimed.
    pub(crate) born: Vec<String>,
    /// The `title` of each type's schema, when it has one.
    pub(crate) titles: BTreeMap<String, String>,
    /// What was read although it is odd.
    pub(crate) warnings: Vec<crate::Warning>,
    /// The pointers and messages of `warnings`.
    warned: BTreeSet<(String, String)>,
}

const COMPONENT_PREFIX: &str = "#/components/schemas/";

impl<'a> TypeLowerer<'a> {
    pub(crate) fn new(spec: &'a Spec) -> TypeLowerer<'a> {
        let components: BTreeMap<&str, &ReferenceOr<Schema>> = spec
            .openapi
            .components
            .iter()
            .flat_map(|components| &components.schemas)
            .map(|(name, schema)| (name.as_str(), schema))
            .collect();
        let mut names = Namespace::with_reserved(RESERVED_TYPE_NAMES);
        let component_names: BTreeMap<&str, String> = components
            .keys()
            .map(|name| (*name, names.claim(camel(name, "Schema", "T"))))
            .collect();
        let hoisted = component_names
            .iter()
            .filter_map(|(key, name)| {
                let schema = spec.bundle.hoisted_schema(key)?;
                Some((name.clone(), schema.clone()))
            })
            .collect();
        TypeLowerer {
            spec,
            born: component_names.values().cloned().collect(),
            components,
            component_names,
            names,
            types: BTreeMap::new(),
            lowered: BTreeMap::new(),
            hoisted,
            places: BTreeMap::new(),
            titles: BTreeMap::new(),
            warnings: Vec::new(),
            warned: BTreeSet::new(),
        }
    }

    /// Lowers every component schema, whether an operation uses it or not.
    pub(crate) fn lower_components(&mut self) -> Result<(), LowerError> {
        let components: Vec<(&str, &ReferenceOr<Schema>)> = self
            .components
            .iter()
            .map(|(name, schema)| (*name, *schema))
            .collect();
        for (name, schema) in components {
            let type_name = self.component_names[name].clone();
            let pointer = format!("{COMPONENT_PREFIX}{}", escape_token(name));
            let def = self.define(&type_name, schema.into(), &pointer)?;
            self.types.insert(type_name, def);
        }
        Ok(())
    }

    /// What the lowering of the types knew of them, for their merging and naming.
    pub(crate) fn births(&mut self) -> Births {
        let declared = self
            .component_names
            .values()
            .filter(|name| !self.hoisted.contains_key(*name))
            .cloned()
            .collect();
        Births {
            declared,
            hoisted: std::mem::take(&mut self.hoisted),
            places: std::mem::take(&mut self.places),
            born: std::mem::take(&mut self.born),
            titles: std::mem::take(&mut self.titles),
        }
    }

    /// Claims a fresh type name for an inline schema at `place`.
    fn claim_name(&mut self, place: &Place) -> String {
        let name = self
            .names
            .claim(camel(&place.provisional_name(), "Type", "T"));
        self.born.push(name.clone());
        self.places
            .entry(name.clone())
            .or_default()
            .push(place.clone());
        name
    }

    pub(crate) fn location(&self, pointer: &str) -> crate::Location {
        self.spec.locate(pointer)
    }

    /// Notes that the node at `pointer` was read although it is odd.
    /// A schema read several times (by its type, its field, an `allOf` that holds it) says so
    /// once, and is located once.
    pub(crate) fn warn(&mut self, pointer: &str, message: impl Into<String>, hint: &'static str) {
        let message = message.into();
        if !self.warned.insert((pointer.to_owned(), message.clone())) {
            return;
        }
        let warning = crate::Warning {
            location: self.location(pointer),
            message,
            hint,
        };
        self.warnings.push(warning);
    }

    fn unsupported(&self, pointer: &str, construct: impl Into<String>) -> LowerError {
        LowerError::Unsupported {
            location: self.location(pointer),
            construct: construct.into(),
        }
    }

    fn invalid(&self, pointer: &str, message: impl Into<String>) -> LowerError {
        self.invalid_because(pointer, message, super::FOLLOW_THE_SPECIFICATION)
    }

    fn invalid_because(
        &self,
        pointer: &str,
        message: impl Into<String>,
        hint: &'static str,
    ) -> LowerError {
        LowerError::Invalid {
            location: self.location(pointer),
            message: message.into(),
            hint,
        }
    }

    /// The component a `$ref` names.
    fn component(
        &self,
        reference: &str,
        pointer: &str,
    ) -> Result<(&'a str, &'a ReferenceOr<Schema>), LowerError> {
        reference
            .strip_prefix(COMPONENT_PREFIX)
            .map(|name| crate::location::split_pointer(&format!("#/{name}")).concat())
            .and_then(|name| self.components.get_key_value(name.as_str()))
            .map(|(name, schema)| (*name, *schema))
            .ok_or_else(|| {
                self.invalid(
                    pointer,
                    format!("`$ref: {reference}` does not name a schema component"),
                )
            })
    }

    /// Follows references to the schema they end at, with the pointer of that schema.
    fn resolve(
        &self,
        node: SchemaNode<'a>,
        pointer: &str,
    ) -> Result<(&'a Schema, String), LowerError> {
        let mut node = node;
        let mut pointer = pointer.to_owned();
        for _ in 0..64 {
            match node {
                SchemaNode::Inline(schema) => return Ok((schema, pointer)),
                SchemaNode::Ref(reference) => {
                    let (name, target) = self.component(reference, &pointer)?;
                    pointer = format!("{COMPONENT_PREFIX}{}", escape_token(name));
                    node = target.into();
                }
            }
        }
        Err(self.invalid(
            &pointer,
            "`$ref`s lead to each other without reaching a schema",
        ))
    }

    /// The type of a schema used at `pointer`, at `place`. Inline objects, enums and unions
    /// become named types called after the place.
    pub(crate) fn type_of(
        &mut self,
        node: SchemaNode<'a>,
        place: &Place,
        pointer: &str,
    ) -> Result<TypeRef, LowerError> {
        let schema = match node {
            SchemaNode::Ref(reference) => {
                let (name, _) = self.component(reference, pointer)?;
                let name = self.component_names[name].clone();
                if self.hoisted.contains_key(&name) {
                    self.places
                        .entry(name.clone())
                        .or_default()
                        .push(place.clone());
                }
                return Ok(TypeRef::Named(name));
            }
            SchemaNode::Inline(schema) => schema,
        };
        if let Some(known) = self.lowered.get(pointer) {
            return Ok(known.clone());
        }
        let shape = self.shape(schema, pointer)?;
        let ty = match shape {
            Shape::String { format, values } if values.is_empty() => string_type(format),
            Shape::Integer { format } => TypeRef::Integer(integer_format(format)),
            Shape::Number { .. } => TypeRef::Number(NumberFormat::F64),
            Shape::Boolean => TypeRef::Boolean,
            Shape::Any => TypeRef::Any,
            Shape::Array { items } => self.array_of(items, place, pointer)?,
            Shape::Object(object) if object.properties.is_empty() => {
                self.map_of(object.additional, place, pointer)?
            }
            // A single-part union is how 3.0 puts a description or `nullable` on a `$ref`.
            Shape::OneOf(union) if union.parts.len() == 1 => {
                let (index, part) = union.parts[0];
                self.type_of(part, place, &format!("{pointer}/{}/{index}", union.keyword))?
            }
            Shape::AllOf(parts, own) => match self.read_all_of(&parts, own.is_some(), pointer)? {
                AllOfReading::Part(index) => {
                    self.type_of(parts[index], place, &format!("{pointer}/allOf/{index}"))?
                }
                AllOfReading::Any => TypeRef::Any,
                AllOfReading::Merge => self.named(place, node, pointer)?,
            },
            _ => self.named(place, node, pointer)?,
        };
        self.lowered.insert(pointer.to_owned(), ty.clone());
        Ok(ty)
    }

    /// A new named type called after `place` for the inline schema at `pointer`.
    fn named(
        &mut self,
        place: &Place,
        node: SchemaNode<'a>,
        pointer: &str,
    ) -> Result<TypeRef, LowerError> {
        let name = self.claim_name(place);
        // Known before it is defined, so that a schema reached again while it is being
        // defined (through an `allOf` of the component it sits in) is the same type.
        self.lowered
            .insert(pointer.to_owned(), TypeRef::Named(name.clone()));
        let def = self.define(&name, node, pointer)?;
        self.types.insert(name.clone(), def);
        Ok(TypeRef::Named(name))
    }

    /// The named type `name` for the schema at `pointer`.
    fn define(
        &mut self,
        name: &str,
        node: SchemaNode<'a>,
        pointer: &str,
    ) -> Result<TypeDef, LowerError> {
        let (schema, target) = match node {
            SchemaNode::Ref(_) => (None, self.type_of(node, &Place::of_type(name), pointer)?),
            SchemaNode::Inline(schema) => (Some(schema), TypeRef::Any),
        };
        let Some(schema) = schema else {
            return Ok(self.def(name, pointer, None, TypeKind::Alias(target)));
        };
        let data = &schema.schema_data;
        if let Some(title) = &data.title {
            self.titles
                .entry(name.to_owned())
                .or_insert_with(|| title.clone());
        }
        let kind = match self.shape(schema, pointer)? {
            Shape::String { values, .. } if !values.is_empty() => {
                TypeKind::Enum(self.enumeration(&values, data, pointer)?)
            }
            Shape::Object(object) if !object.properties.is_empty() => TypeKind::Struct(
                self.structure(&[(name.to_owned(), pointer.to_owned(), object)])?,
            ),
            Shape::AllOf(parts, own) => match self.read_all_of(&parts, own.is_some(), pointer)? {
                AllOfReading::Part(index) => {
                    let at = format!("{pointer}/allOf/{index}");
                    let (words, _) = self.words(schema, pointer)?;
                    let mut def = match parts[index] {
                        SchemaNode::Ref(_) => {
                            let target = self.type_of(parts[index], &Place::of_type(name), &at)?;
                            self.def(name, pointer, None, TypeKind::Alias(target))
                        }
                        // The component is that inline schema, with the words of the `allOf`.
                        SchemaNode::Inline(_) => self.define(name, parts[index], &at)?,
                    };
                    def.origin = pointer.to_owned();
                    def.doc = words.doc.or(def.doc);
                    def.deprecated |= words.deprecated;
                    def.examples.splice(0..0, data.example.iter().cloned());
                    return Ok(def);
                }
                AllOfReading::Any => TypeKind::Alias(TypeRef::Any),
                AllOfReading::Merge => {
                    let mut objects = Vec::new();
                    self.collect_objects(name, &parts, pointer, &mut objects)?;
                    if let Some(own) = own {
                        objects.push((name.to_owned(), pointer.to_owned(), own));
                    }
                    TypeKind::Struct(self.structure(&objects)?)
                }
            },
            Shape::OneOf(union) => TypeKind::Union(self.union(name, &union, schema, pointer)?),
            _ => {
                // A primitive, array or map component: an alias that keeps its documentation.
                self.lowered.remove(pointer);
                let ty = self.alias_target(schema, name, pointer)?;
                TypeKind::Alias(ty)
            }
        };
        let mut def = self.def(
            name,
            pointer,
            data.description.clone().or_else(|| data.title.clone()),
            kind,
        );
        def.deprecated = data.deprecated;
        def.examples = data.example.iter().cloned().collect();
        Ok(def)
    }

    /// The type an alias component stands for (a primitive, array or map schema).
    fn alias_target(
        &mut self,
        schema: &'a Schema,
        name: &str,
        pointer: &str,
    ) -> Result<TypeRef, LowerError> {
        match self.shape(schema, pointer)? {
            Shape::String { format, .. } => Ok(string_type(format)),
            Shape::Integer { format } => Ok(TypeRef::Integer(integer_format(format))),
            Shape::Number { .. } => Ok(TypeRef::Number(NumberFormat::F64)),
            Shape::Boolean => Ok(TypeRef::Boolean),
            Shape::Any => Ok(TypeRef::Any),
            Shape::Array { items } => self.array_of(items, &Place::of_type(name), pointer),
            Shape::Object(object) => self.map_of(object.additional, &Place::of_type(name), pointer),
            // `define` makes structs and unions of compositions; they never get here.
            Shape::AllOf(..) | Shape::OneOf(_) => Ok(TypeRef::Any),
        }
    }

    /// The array held at `place` of the `items` schema (of any JSON value when there is none).
    fn array_of(
        &mut self,
        items: Option<SchemaNode<'a>>,
        place: &Place,
        pointer: &str,
    ) -> Result<TypeRef, LowerError> {
        let item = match items {
            Some(items) => self.element_of(items, &place.item(), &format!("{pointer}/items"))?,
            None => TypeRef::Any,
        };
        Ok(TypeRef::Array(Box::new(item)))
    }

    /// The map of an object with no properties, whose values are of the `additionalProperties`
    /// schema (any JSON value when it gives none).
    fn map_of(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        place: &Place,
        pointer: &str,
    ) -> Result<TypeRef, LowerError> {
        let value = match additional {
            Some(AdditionalProperties::Schema(schema)) => self.element_of(
                schema.as_ref().into(),
                &place.value(),
                &format!("{pointer}/additionalProperties"),
            )?,
            _ => TypeRef::Any,
        };
        Ok(TypeRef::Map(Box::new(value)))
    }

    /// The type of an array's items or a map's values: a nullable one may be `null` in place of
    /// a value, so it is optional (a JSON value holds `null` already).
    fn element_of(
        &mut self,
        node: SchemaNode<'a>,
        place: &Place,
        pointer: &str,
    ) -> Result<TypeRef, LowerError> {
        let ty = self.type_of(node, place, pointer)?;
        if ty == TypeRef::Any || !self.field_data(node, pointer)?.nullable {
            return Ok(ty);
        }
        Ok(TypeRef::Nullable(Box::new(ty)))
    }

    fn def(&self, name: &str, pointer: &str, doc: Option<String>, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            doc,
            origin: pointer.to_owned(),
            copies: Vec::new(),
            deprecated: false,
            kind,
            has_default: false,
            examples: Vec::new(),
        }
    }

    /// The objects whose properties an `allOf` merges, each with the type name its inline
    /// properties are named after.
    fn collect_objects(
        &mut self,
        owner: &str,
        parts: &[SchemaNode<'a>],
        pointer: &str,
        out: &mut Vec<(String, String, ObjectShape<'a>)>,
    ) -> Result<(), LowerError> {
        let parts = numbered(parts, pointer, "allOf");
        self.collect_objects_within(owner, &parts, out, &mut vec![pointer.to_owned()])
    }

    /// `expanding` holds the `allOf`s being merged, outermost first, to refuse one that
    /// includes itself rather than recurse forever.
    fn collect_objects_within(
        &mut self,
        owner: &str,
        parts: &[(String, SchemaNode<'a>)],
        out: &mut Vec<(String, String, ObjectShape<'a>)>,
        expanding: &mut Vec<String>,
    ) -> Result<(), LowerError> {
        for (part_pointer, part) in parts {
            let (schema, at, part_owner) = match *part {
                SchemaNode::Ref(reference) => {
                    let (name, _) = self.component(reference, part_pointer)?;
                    let (schema, at) = self.resolve(*part, part_pointer)?;
                    (schema, at, self.component_names[name].clone())
                }
                SchemaNode::Inline(schema) => (schema, part_pointer.clone(), owner.to_owned()),
            };
            if out.len() > 256 {
                return Err(
                    self.unsupported(part_pointer, "an `allOf` nested more than 256 objects deep")
                );
            }
            let shape = self.shape(schema, &at)?;
            if matches!(shape, Shape::AllOf(..) | Shape::OneOf(_)) {
                if expanding.contains(&at) {
                    return Err(self.invalid_because(
                        part_pointer,
                        format!("this `allOf` includes itself through `{at}`"),
                        "break the cycle: a schema cannot be made of itself",
                    ));
                }
                expanding.push(at.clone());
            }
            match shape {
                Shape::Object(object) => out.push((part_owner, at, object)),
                Shape::AllOf(inner, own) => {
                    let inner = numbered(&inner, &at, "allOf");
                    self.collect_objects_within(&part_owner, &inner, out, expanding)?;
                    expanding.pop();
                    if let Some(own) = own {
                        out.push((part_owner, at, own));
                    }
                }
                // The value is one of the variants, and also the other parts: it has the
                // properties of the variant it is, which may be any of them.
                Shape::OneOf(union) => {
                    self.warn(
                        part_pointer,
                        format!(
                            "this `allOf` part is a `{}`; the properties of its variants are read as optional fields of the merged object",
                            union.keyword
                        ),
                        "write the alternatives as a `oneOf` of whole objects, each an `allOf` of the shared part and its own",
                    );
                    let variants: Vec<(String, SchemaNode<'a>)> = union
                        .parts
                        .iter()
                        .map(|(index, variant)| {
                            (format!("{at}/{}/{index}", union.keyword), *variant)
                        })
                        .collect();
                    let first = out.len();
                    self.collect_objects_within(&part_owner, &variants, out, expanding)?;
                    expanding.pop();
                    for (_, _, object) in &mut out[first..] {
                        object.required = &[];
                    }
                }
                // A description-only or empty part adds nothing.
                Shape::Any => {}
                // `read_all_of` refuses the other parts before the objects are collected.
                _ => {
                    return Err(self.unsupported(
                        part_pointer,
                        format!(
                            "a part that is not an object (`{at}`) inside an `allOf` of objects"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// A struct from the properties of `objects` (one object, or the parts of an `allOf`).
    fn structure(
        &mut self,
        objects: &[(String, String, ObjectShape<'a>)],
    ) -> Result<StructDef, LowerError> {
        // Later parts override earlier ones, as the most specific part usually comes last.
        let mut properties: BTreeMap<&str, (&str, String, SchemaNode<'a>)> = BTreeMap::new();
        let mut required: BTreeSet<&str> = BTreeSet::new();
        let mut additional = None;
        for (owner, at, object) in objects {
            for (property, schema) in object.properties {
                let property_pointer = format!("{at}/properties/{}", escape_token(property));
                properties.insert(property, (owner, property_pointer, schema.into()));
            }
            required.extend(object.required.iter().map(String::as_str));
            if let Some(AdditionalProperties::Schema(schema)) = object.additional {
                additional = Some((
                    owner.clone(),
                    format!("{at}/additionalProperties"),
                    schema.as_ref(),
                ));
            }
        }
        // `required` may name a property that another part of an `allOf` defines; one that no
        // part defines is still required, of whatever type the other keys have.
        let mut undefined: BTreeMap<&str, String> = BTreeMap::new();
        for (_, at, object) in objects {
            for (index, name) in object.required.iter().enumerate() {
                if !properties.contains_key(name.as_str()) && !undefined.contains_key(name.as_str())
                {
                    undefined.insert(name, format!("{at}/required/{index}"));
                }
            }
        }
        let rest_type = match additional {
            Some((owner, at, schema)) => {
                Some(self.element_of(schema.into(), &Place::of_type(&owner).value(), &at)?)
            }
            None => None,
        };
        let mut field_names = Namespace::new();
        let mut fields = Vec::with_capacity(properties.len() + undefined.len());
        for (property, (owner, property_pointer, node)) in properties {
            let ty = self.type_of(node, &Place::member(owner, property), &property_pointer)?;
            let data = self.field_data(node, &property_pointer)?;
            fields.push(Field {
                name: property.to_owned(),
                rust_name: field_names.claim(snake(property, "field")),
                ty,
                // A read-only field is never sent, so a request cannot be made to carry it.
                required: required.contains(property) && !data.read_only,
                nullable: data.nullable,
                doc: data.doc,
                default: data.default,
                example: data.example,
                deprecated: data.deprecated,
                read_only: data.read_only,
                boxed: false,
            });
        }
        for (property, pointer) in undefined {
            let ty = rest_type.clone().unwrap_or(TypeRef::Any);
            self.warn(
                &pointer,
                format!(
                    "`{property}` is required but is not among the properties; it is read as a required field of {}",
                    match &ty {
                        TypeRef::Any => "any JSON value".to_owned(),
                        _ => "the `additionalProperties` type".to_owned(),
                    }
                ),
                "add the property to `properties`, or remove its name from `required`",
            );
            fields.push(Field {
                name: property.to_owned(),
                rust_name: field_names.claim(snake(property, "field")),
                ty,
                required: true,
                nullable: false,
                doc: None,
                default: None,
                example: None,
                deprecated: false,
                read_only: false,
                boxed: false,
            });
        }
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        let rest = match rest_type {
            Some(ty) => Rest::Typed {
                field: field_names.claim("additional_properties".into()),
                ty,
            },
            None => Rest::Unknown {
                field: field_names.claim("unknown_fields".into()),
            },
        };
        Ok(StructDef { fields, rest })
    }

    /// What a property's schema says about the field: its own words, or those of the schema it
    /// references (`allOf: [$ref]` with a description is how 3.0 documents a reference).
    fn field_data(&mut self, node: SchemaNode<'a>, pointer: &str) -> Result<FieldData, LowerError> {
        let mut node = node;
        let mut pointer = pointer.to_owned();
        let mut data: Option<FieldData> = None;
        // Bounded: an `allOf` of itself is refused, but only once every type is known.
        for _ in 0..64 {
            let (schema, at) = self.resolve(node, &pointer)?;
            let (words, inner) = self.words(schema, &at)?;
            data = Some(match data {
                Some(outer) => outer.or(words),
                None => words,
            });
            match inner {
                Some((inner, inner_at)) => (node, pointer) = (inner, inner_at),
                None => break,
            }
        }
        Ok(data.expect("the loop runs at least once"))
    }

    /// What a schema says about a value of it, with the words of the `allOf` parts that only
    /// annotate it; and, when it wraps another schema (`allOf: [$ref, {description}]`), that one.
    #[allow(clippy::type_complexity)]
    fn words(
        &mut self,
        schema: &'a Schema,
        at: &str,
    ) -> Result<(FieldData, Option<(SchemaNode<'a>, String)>), LowerError> {
        let mut words = FieldData::of(&schema.schema_data);
        let inner = match self.shape(schema, at)? {
            Shape::OneOf(union) if union.parts.len() == 1 => {
                let (index, part) = union.parts[0];
                Some((part, format!("{at}/{}/{index}", union.keyword)))
            }
            Shape::AllOf(parts, own) => {
                let reading = self.read_all_of(&parts, own.is_some(), at)?;
                for (index, part) in parts.iter().enumerate() {
                    let part_at = format!("{at}/allOf/{index}");
                    let (part_schema, target) = self.resolve(*part, &part_at)?;
                    if let Shape::Any = self.shape(part_schema, &target)? {
                        words = words.or(FieldData::of(&part_schema.schema_data));
                    }
                }
                match reading {
                    AllOfReading::Part(index) => {
                        Some((parts[index], format!("{at}/allOf/{index}")))
                    }
                    AllOfReading::Merge | AllOfReading::Any => None,
                }
            }
            _ => None,
        };
        Ok((words, inner))
    }

    fn enumeration(
        &mut self,
        values: &[String],
        data: &SchemaData,
        pointer: &str,
    ) -> Result<EnumDef, LowerError> {
        let meanings = enum_meanings(data.description.as_deref().unwrap_or(""));
        let mut names = Namespace::new();
        let mut seen = BTreeSet::new();
        let mut variants = Vec::new();
        for (index, value) in values.iter().enumerate() {
            if !seen.insert(value) {
                self.warn(
                    &format!("{pointer}/enum/{index}"),
                    format!("the value `{value}` is listed twice; it is one variant"),
                    "list each value of an enum once",
                );
                continue;
            }
            variants.push(EnumVariant {
                value: value.clone(),
                rust_name: names.claim(camel(value, "Empty", "V")),
                doc: meanings.get(value.as_str()).cloned(),
            });
        }
        let default = match &data.default {
            Some(Value::String(default)) => variants.iter().position(|v| &v.value == default),
            _ => None,
        };
        Ok(EnumDef {
            variants,
            other_variant: names.claim("UnknownValue".into()),
            default,
        })
    }

    fn union(
        &mut self,
        name: &str,
        union: &UnionShape<'a>,
        schema: &'a Schema,
        pointer: &str,
    ) -> Result<UnionDef, LowerError> {
        let mut discriminator = schema.schema_data.discriminator.as_ref();
        let mut variants: Vec<UnionVariant> = Vec::new();
        for &(index, part) in &union.parts {
            let at = format!("{pointer}/{}/{index}", union.keyword);
            let ty = self.type_of(part, &Place::variant(name, index), &at)?;
            let mut tags = Vec::new();
            if let Some(chosen) = discriminator {
                tags = self.tags(part, chosen, &at)?;
                // A value that an earlier variant lists too cannot tell the two apart.
                let shared = tags
                    .iter()
                    .find(|tag| variants.iter().any(|v| v.tags.contains(tag)));
                let problem = match (tags.is_empty(), shared) {
                    (true, _) => Some((
                        format!(
                            "this inline variant does not say which `{}` selects it (an `enum` of one value)",
                            chosen.property_name
                        ),
                        "reference a component for the variant, or give its discriminator property an `enum` of the one value that selects it",
                    )),
                    (false, Some(tag)) => Some((
                        format!(
                            "this variant is selected by the `{}` value `{tag}`, which an earlier variant lists too",
                            chosen.property_name
                        ),
                        "give each variant values of the discriminator property of its own",
                    )),
                    (false, None) => None,
                };
                if let Some((what, hint)) = problem {
                    self.warn(
                        &at,
                        format!(
                            "{what}; the `{}` is read without its discriminator, each variant tried in turn",
                            union.keyword
                        ),
                        hint,
                    );
                    discriminator = None;
                    tags.clear();
                    variants.iter_mut().for_each(|v| v.tags.clear());
                }
            }
            variants.push(UnionVariant {
                rust_name: String::new(),
                ty,
                tags,
                boxed: false,
            });
        }
        let mut union = UnionDef {
            variants,
            discriminator: discriminator.map(|d| d.property_name.clone()),
            other_variant: String::new(),
        };
        name_variants(&mut union);
        Ok(union)
    }

    /// The discriminator values that select a variant: those the mapping gives its component,
    /// else the component's name; for an inline variant, or one the spec wrote outside
    /// `components` (whose component name is not the spec's), the `enum` of its discriminator
    /// property.
    fn tags(
        &mut self,
        part: SchemaNode<'a>,
        discriminator: &openapiv3::Discriminator,
        at: &str,
    ) -> Result<Vec<String>, LowerError> {
        let mut tags: Vec<String> = match part {
            SchemaNode::Ref(reference) => {
                let mapped: Vec<String> = discriminator
                    .mapping
                    .iter()
                    .filter(|(_, target)| {
                        *target == reference || reference.ends_with(&format!("/{target}"))
                    })
                    .map(|(tag, _)| tag.clone())
                    .collect();
                let (component, _) = self.component(reference, at)?;
                if !mapped.is_empty() {
                    mapped
                } else if self.hoisted.contains_key(&self.component_names[component]) {
                    self.listed_values(part, &discriminator.property_name, at, 0)?
                } else {
                    vec![component.to_owned()]
                }
            }
            SchemaNode::Inline(_) => {
                self.listed_values(part, &discriminator.property_name, at, 0)?
            }
        };
        tags.sort();
        tags.dedup();
        Ok(tags)
    }

    /// The values the `enum` of `property` lists in the object (or `allOf` of objects) `node`.
    fn listed_values(
        &mut self,
        node: SchemaNode<'a>,
        property: &str,
        pointer: &str,
        depth: usize,
    ) -> Result<Vec<String>, LowerError> {
        let (schema, at) = self.resolve(node, pointer)?;
        let objects = match self.shape(schema, &at)? {
            Shape::Object(object) => vec![object],
            Shape::AllOf(parts, own) if depth < 8 => {
                for (index, part) in parts.into_iter().enumerate() {
                    let part_at = format!("{at}/allOf/{index}");
                    let values = self.listed_values(part, property, &part_at, depth + 1)?;
                    if !values.is_empty() {
                        return Ok(values);
                    }
                }
                own.into_iter().collect()
            }
            _ => Vec::new(),
        };
        for object in objects {
            let Some(schema) = object.properties.get(property) else {
                continue;
            };
            let property_at = format!("{at}/properties/{}", escape_token(property));
            let (schema, target) = self.resolve(schema.into(), &property_at)?;
            if let Shape::String { values, .. } = self.shape(schema, &target)? {
                return Ok(values);
            }
        }
        Ok(Vec::new())
    }
}

/// The parts of a composition with their pointers (`{pointer}/allOf/0`, ...).
fn numbered<'a>(
    parts: &[SchemaNode<'a>],
    pointer: &str,
    keyword: &str,
) -> Vec<(String, SchemaNode<'a>)> {
    parts
        .iter()
        .enumerate()
        .map(|(index, part)| (format!("{pointer}/{keyword}/{index}"), *part))
        .collect()
}

/// What a schema says about a field that uses it.
struct FieldData {
    doc: Option<String>,
    nullable: bool,
    read_only: bool,
    deprecated: bool,
    default: Option<Value>,
    example: Option<Value>,
}

impl FieldData {
    fn of(data: &SchemaData) -> FieldData {
        FieldData {
            doc: data.description.clone().or_else(|| data.title.clone()),
            nullable: data.nullable,
            read_only: data.read_only,
            deprecated: data.deprecated,
            default: data.default.clone(),
            example: data.example.clone(),
        }
    }

    /// These words, completed by those of the schema they wrap.
    fn or(self, inner: FieldData) -> FieldData {
        FieldData {
            doc: self.doc.or(inner.doc),
            nullable: self.nullable || inner.nullable,
            read_only: self.read_only || inner.read_only,
            deprecated: self.deprecated || inner.deprecated,
            default: self.default.or(inner.default),
            example: self.example.or(inner.example),
        }
    }
}

/// Names the variants of a union after their types, and its catch-all after them.
pub(crate) fn name_variants(union: &mut UnionDef) {
    let mut names = Namespace::new();
    for variant in &mut union.variants {
        variant.rust_name = names.claim(variant_name(&variant.ty));
    }
    union.other_variant = names.claim("UnknownValue".into());
}

/// A union variant is named after its type.
fn variant_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::String => "String".into(),
        TypeRef::Boolean => "Boolean".into(),
        TypeRef::Integer(_) | TypeRef::IntegerString(_) => "Integer".into(),
        TypeRef::Number(_) => "Number".into(),
        TypeRef::DateTime => "DateTime".into(),
        TypeRef::Date => "Date".into(),
        TypeRef::Binary => "Binary".into(),
        TypeRef::Any => "Value".into(),
        TypeRef::Array(_) => "Array".into(),
        TypeRef::Map(_) => "Object".into(),
        TypeRef::Nullable(inner) => variant_name(inner),
    }
}

fn string_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("date-time") => TypeRef::DateTime,
        Some("date") => TypeRef::Date,
        Some("binary") => TypeRef::Binary,
        Some("int64") => TypeRef::IntegerString(IntegerFormat::I64),
        Some("int32") => TypeRef::IntegerString(IntegerFormat::I32),
        Some("uint64") => TypeRef::IntegerString(IntegerFormat::U64),
        Some("uint32") => TypeRef::IntegerString(IntegerFormat::U32),
        _ => TypeRef::String,
    }
}

fn integer_format(format: Option<&str>) -> IntegerFormat {
    match format {
        Some("int32") => IntegerFormat::I32,
        Some("uint32") => IntegerFormat::U32,
        Some("uint64") => IntegerFormat::U64,
        // No format, int64, or one we do not know: the widest signed type loses nothing.
        _ => IntegerFormat::I64,
    }
}

/// The meanings that a description gives enum values in a `- VALUE: meaning` list.
pub(crate) fn enum_meanings(description: &str) -> BTreeMap<&str, String> {
    description
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("- "))
        .filter_map(|item| item.split_once(": "))
        .map(|(value, meaning)| (value.trim().trim_matches('`'), meaning.trim().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_meanings_come_from_the_description_list() {
        let meanings = enum_meanings(
            "The scope.\n- RUN_TIME: Made available only at run-time\n- `BUILD_TIME`: at build-time\nnot a list",
        );
        assert_eq!(meanings["RUN_TIME"], "Made available only at run-time");
        assert_eq!(meanings["BUILD_TIME"], "at build-time");
        assert_eq!(meanings.len(), 2);
    }

    #[test]
    fn string_formats_choose_types() {
        assert_eq!(string_type(Some("date-time")), TypeRef::DateTime);
        assert_eq!(
            string_type(Some("int64")),
            TypeRef::IntegerString(IntegerFormat::I64)
        );
        assert_eq!(string_type(Some("uuid")), TypeRef::String);
        assert_eq!(integer_format(None), IntegerFormat::I64);
        assert_eq!(integer_format(Some("int32")), IntegerFormat::I32);
    }
}
