//! How values travel: the fields an object has beyond those the spec names, and the strict mode
//! that refuses them.

use std::cell::Cell;
use std::ops::{Deref, DerefMut};

use serde::de::{self, DeserializeOwned};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

thread_local! {
    static STRICT: Cell<bool> = const { Cell::new(false) };
}

/// The fields of an object that the spec does not describe (a newer server may send them). They
/// are kept on decode and written back on encode, so that reading, changing and writing back an
/// object never drops them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct UnknownFields(pub Map<String, Value>);

impl Deref for UnknownFields {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for UnknownFields {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<'de> Deserialize<'de> for UnknownFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let fields = Map::deserialize(deserializer)?;
        if STRICT.get() && !fields.is_empty() {
            let names: Vec<&str> = fields.keys().map(String::as_str).collect();
            return Err(de::Error::custom(format!(
                "fields the spec does not describe: {}",
                names.join(", ")
            )));
        }
        Ok(UnknownFields(fields))
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
