//! The codec of every generated struct, declared by the generated code in one line per member.
//!
//! A derived struct with `#[serde(flatten)]` for its unknown fields makes serde buffer every
//! object into a map of values before it builds the struct, which costs more than decoding the
//! object into a `serde_json::Value`. The impls `object_codec!` writes read
//! each member straight into its field and send the names the type does not describe to the
//! catch-all, in one pass; they write the described fields in order and then the unknown ones.
//! Written out per struct they took some sixty lines for a struct of three fields; as a macro of
//! the runtime, a generated model reads almost like a derive.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{MapAccess, Visitor};

/// A struct decoded from the members of an object, one at a time.
pub trait DecodeObject: Sized {
    /// Reads the object's members from `map`.
    fn decode<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Decodes an object into `T`: the body of every generated struct's `Deserialize`, so that one
/// visitor serves them all and no generated name can clash with it.
pub fn deserialize_object<'de, D: Deserializer<'de>, T: DecodeObject>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(PhantomData<T>);

    impl<'de, T: DecodeObject> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::decode(map)
        }
    }

    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Implements `Deserialize` and `Serialize` for a generated struct, from one line per member:
///
/// ```text
/// object_codec! {
///     Droplet {
///         "created_at" => created_at as Option<Rfc3339>,   // optional, through an adapter
///         "id" => id: required,                            // missing is an error
///         "image" => image: nullable,                      // always written, `null` when None
///         "name" => name,                                  // optional: left out when None
///         ..unknown_fields                                 // or `..entries: map`
///     }
/// }
/// ```
///
/// An optional member is an `Option` that is left out of the object when `None`; a nullable one
/// is required but may be `null`, and is always written; a required one must be there. The
/// catch-all is the struct's `UnknownFields` (refused by strict decoding) or, with `: map`, the
/// map of the entries a schema types with `additionalProperties`.
///
/// The paths it expands to start at `crate::runtime`, which every generated crate has, whether it
/// depends on the runtime or carries a copy of it.
#[macro_export]
#[doc(hidden)]
#[allow(
    clippy::crate_in_macro_def,
    reason = "its paths start at the calling crate's runtime, a copy or a dependency"
)]
macro_rules! __object_codec {
    (
        $type:ident {
            $( $wire:literal => $field:ident $(: $kind:ident)? $(as $adapter:ty)?, )*
            ..$rest:ident $(: $rest_kind:ident)?
        }
    ) => {
        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::deserialize_object(deserializer)
            }
        }

        impl crate::runtime::DecodeObject for $type {
            fn decode<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                $( let mut $field = None; )*
                let mut rest = $crate::__object_codec!(@rest_new $($rest_kind)?);
                while let Some(key) = map.next_key::<crate::runtime::MemberKey<'de>>()? {
                    match key.as_str() {
                        $( $wire => $crate::__object_codec!(@read map, $field, $wire $(, $adapter)?), )*
                        _ => $crate::__object_codec!(@rest_read $($rest_kind)? rest, map, key),
                    }
                }
                $crate::__object_codec!(@rest_check $($rest_kind)? rest);
                Ok(Self {
                    $( $field: $crate::__object_codec!(@value $field, $wire $(, $kind)?), )*
                    $rest: rest,
                })
            }
        }

        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                $( $crate::__object_codec!(@write map, self.$field, $wire $(, $kind)? $(; $adapter)?); )*
                for (name, value) in self.$rest.iter() {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    };

    (@read $map:ident, $slot:ident, $wire:literal) => {
        crate::runtime::read_member(&mut $map, &mut $slot, $wire)?
    };
    (@read $map:ident, $slot:ident, $wire:literal, $adapter:ty) => {
        crate::runtime::read_member_as::<$adapter, _, _>(&mut $map, &mut $slot, $wire)?
    };

    (@value $slot:ident, $wire:literal, required) => {
        crate::runtime::required::<A::Error, _>($slot, $wire)?
    };
    (@value $slot:ident, $wire:literal $(, nullable)?) => {
        $slot.unwrap_or_default()
    };

    (@write $map:ident, $value:expr, $wire:literal) => {
        if $value.is_some() {
            $map.serialize_entry($wire, &$value)?;
        }
    };
    (@write $map:ident, $value:expr, $wire:literal, $kind:ident) => {
        $map.serialize_entry($wire, &$value)?;
    };
    (@write $map:ident, $value:expr, $wire:literal; $adapter:ty) => {
        if $value.is_some() {
            $map.serialize_entry(
                $wire,
                &serde_with::ser::SerializeAsWrap::<_, $adapter>::new(&$value),
            )?;
        }
    };
    (@write $map:ident, $value:expr, $wire:literal, $kind:ident; $adapter:ty) => {
        $map.serialize_entry(
            $wire,
            &serde_with::ser::SerializeAsWrap::<_, $adapter>::new(&$value),
        )?;
    };

    (@rest_new) => { crate::runtime::UnknownFields::default() };
    (@rest_new map) => { std::collections::BTreeMap::new() };
    (@rest_read map $rest:ident, $map:ident, $key:ident) => {{
        let value = $map.next_value()?;
        $rest.insert($key.into_owned(), value);
    }};
    (@rest_read $rest:ident, $map:ident, $key:ident) => {
        $rest.read(&mut $map, $key.into_owned())?
    };
    (@rest_check map $rest:ident) => {};
    (@rest_check $rest:ident) => { $rest.check()? };
}
