//! How values travel: the fields an object has beyond those the spec names, and the strict mode
//! that refuses them.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use serde_with::DeserializeAs;
use serde_with::de::DeserializeAsWrap;

thread_local! {
    static STRICT: Cell<bool> = const { Cell::new(false) };
}

/// The fields of an object that the spec does not describe (a newer server may send them). They
/// are kept on decode and written back on encode, so that reading, changing and writing back an
/// object never drops them. It reads as the map of them; with none, it is one word and
/// allocates nothing, since every struct carries one and most stay empty.
#[derive(Debug, Clone, Default)]
pub struct UnknownFields(Option<Box<Map<String, Value>>>);

impl Deref for UnknownFields {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Self::Target {
        static EMPTY: OnceLock<Map<String, Value>> = OnceLock::new();
        self.0
            .as_deref()
            .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
    }
}

impl DerefMut for UnknownFields {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.0.get_or_insert_with(Box::default)
    }
}

impl PartialEq for UnknownFields {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl From<Map<String, Value>> for UnknownFields {
    fn from(fields: Map<String, Value>) -> Self {
        UnknownFields((!fields.is_empty()).then(|| Box::new(fields)))
    }
}

impl From<UnknownFields> for Map<String, Value> {
    fn from(fields: UnknownFields) -> Self {
        fields.0.map(|fields| *fields).unwrap_or_default()
    }
}

impl Serialize for UnknownFields {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for UnknownFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = UnknownFields::from(Map::deserialize(deserializer)?);
        fields.check()?;
        Ok(fields)
    }
}

impl UnknownFields {
    /// Reads the value of the member `name`, which the object's type does not describe.
    #[doc(hidden)]
    pub fn read<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        name: String,
    ) -> Result<(), A::Error> {
        let value = map.next_value()?;
        self.insert(name, value);
        Ok(())
    }

    /// In strict mode, refuses an object that had members its type does not describe.
    #[doc(hidden)]
    pub fn check<E: de::Error>(&self) -> Result<(), E> {
        if STRICT.get() && !self.is_empty() {
            let names: Vec<&str> = self.keys().map(String::as_str).collect();
            return Err(E::custom(format!(
                "fields the spec does not describe: {}",
                names.join(", ")
            )));
        }
        Ok(())
    }
}

/// The name of a member of an object being decoded, borrowed from the input where the decoder
/// allows it, so that matching it against the names a type describes allocates nothing.
pub struct MemberKey<'de>(Cow<'de, str>);

impl MemberKey<'_> {
    /// The name as written in the input.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name, owned, for the catch-all of members the type does not describe.
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for MemberKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = MemberKey<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }

            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Self::Value, E> {
                Ok(MemberKey(Cow::Borrowed(name)))
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
                Ok(MemberKey(Cow::Owned(name.to_owned())))
            }

            fn visit_string<E: de::Error>(self, name: String) -> Result<Self::Value, E> {
                Ok(MemberKey(Cow::Owned(name)))
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// Reads the value of a described member into its slot; a member that comes twice is an error,
/// as with serde's derive.
pub fn read_member<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    first_time::<A::Error, T>(slot, name)?;
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads the value of a described member that travels through the `serde_with` adapter `U`
/// (integers written as strings, timestamps) into its slot.
pub fn read_member_as<'de, U, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error>
where
    U: DeserializeAs<'de, T>,
    A: MapAccess<'de>,
{
    first_time::<A::Error, T>(slot, name)?;
    *slot = Some(map.next_value::<DeserializeAsWrap<T, U>>()?.into_inner());
    Ok(())
}

/// Fails when the member `name` has been read already.
fn first_time<E: de::Error, T>(slot: &Option<T>, name: &'static str) -> Result<(), E> {
    match slot {
        Some(_) => Err(E::duplicate_field(name)),
        None => Ok(()),
    }
}

/// The value of a required member, or the error that it is missing.
pub fn required<E: de::Error, T>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// Reads a string into an open enum without allocating for the values it lists.
pub struct EnumValue<T>(PhantomData<T>);

impl<T> Default for EnumValue<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> EnumValue<T> {
    /// The visitor of one enum's values.
    pub fn new() -> Self {
        EnumValue(PhantomData)
    }
}

impl<'de, T: for<'a> From<&'a str>> Visitor<'de> for EnumValue<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// Decodes JSON refusing what the spec does not describe: a field no type names, or an enum value
/// no enum lists. For tests that the spec and the API agree; normal decoding keeps both.
pub fn decode_strict<T: DeserializeOwned>(json: &str) -> Result<T, serde_json::Error> {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            STRICT.set(self.0);
        }
    }
    let _restore = Restore(STRICT.replace(true));
    serde_json::from_str(json)
}

/// Called by an enum's decoder on a value it does not list: an error in strict mode.
pub fn unknown_enum_value<E: de::Error>(type_name: &str, value: &str) -> Result<(), E> {
    if STRICT.get() {
        return Err(E::custom(format!(
            "`{value}` is not one of the values of {type_name}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_read_as_a_map_whether_or_not_they_hold_any() {
        let mut fields = UnknownFields::default();
        assert!(fields.is_empty());
        assert_eq!(fields, UnknownFields::from(Map::new()));
        fields.insert("new_field".into(), Value::from(1));
        let mut map = Map::new();
        map.insert("new_field".into(), Value::from(1));
        assert_eq!(fields, UnknownFields::from(map.clone()));
        assert_eq!(Map::from(fields), map);
        assert_eq!(
            serde_json::to_string(&UnknownFields::default()).unwrap(),
            "{}"
        );
    }

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Thing {
        name: String,
        #[serde(flatten)]
        unknown_fields: UnknownFields,
    }

    #[test]
    fn unknown_fields_survive_a_round_trip() {
        let json = r#"{"name":"a","new_field":{"deep":[1,2]},"other":null}"#;
        let thing: Thing = serde_json::from_str(json).unwrap();
        assert_eq!(thing.unknown_fields.len(), 2);
        assert_eq!(serde_json::to_string(&thing).unwrap(), json);
    }

    #[test]
    fn strict_decoding_refuses_unknown_fields_and_restores_itself() {
        let error = decode_strict::<Thing>(r#"{"name":"a","new_field":1}"#).unwrap_err();
        assert!(error.to_string().contains("new_field"), "{error}");
        assert!(decode_strict::<Thing>(r#"{"name":"a"}"#).is_ok());
        assert!(serde_json::from_str::<Thing>(r#"{"name":"a","new_field":1}"#).is_ok());
    }
}
