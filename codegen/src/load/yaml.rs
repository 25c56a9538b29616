//! Files written in YAML: read into JSON values (so that everything after the loader works on one
//! data model), and the way back from a pointer to the line and column of its node.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses the document into JSON values: a mapping key such as `200:` becomes the string OpenAPI
/// means, an integer beyond 64 bits the nearest floating-point number, a tagged node its value.
pub fn parse(text: &str) -> Result<Value, serde_yaml::Error> {
    Json.deserialize(serde_yaml::Deserializer::from_str(text))
}

/// Builds a JSON value from whatever the YAML deserializer visits.
#[derive(Clone, Copy)]
struct Json;

impl<'de> DeserializeSeed<'de> for Json {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Json {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| float(v as f64), |v| Value::Number(v.into())))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| float(v as f64), |v| Value::Number(v.into())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Map::new();
        while let Some(KeyText(key)) = map.next_key()? {
            if entries.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            let value = map.next_value_seed(self)?;
            entries.insert(key, value);
        }
        Ok(Value::Object(entries))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A tagged node (`!tag value`): the tag means nothing to OpenAPI.
        let (IgnoredAny, variant) = data.variant()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

/// JSON has no infinity or NaN: they read as `null`, as JSON serializers write them.
fn float(v: f64) -> Value {
    Number::from_f64(v).map_or(Value::Null, Value::Number)
}

/// Finds the line and column of the node at `tokens` by walking the YAML once more and stopping
/// there with an error: serde_yaml attaches the position of the current node to errors raised
/// while deserializing it.
pub fn find(text: &str, tokens: &[String]) -> Option<(usize, usize)> {
    const FOUND: &str = "\u{0}found";
    let deserializer = serde_yaml::Deserializer::from_str(text);
    let error = match (Seek { tokens }).deserialize(deserializer) {
        Ok(()) => return None,
        Err(error) => error,
    };
    if !error.to_string().contains(FOUND) {
        return None;
    }
    let location = error.location()?;
    return Some((location.line(), location.column()));

    struct Seek<'a> {
        tokens: &'a [String],
    }

    impl<'de> DeserializeSeed<'de> for Seek<'_> {
        type Value = ();

        fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            if self.tokens.is_empty() {
                // Make serde_yaml visit the node so that the error carries its position.
                return deserializer.deserialize_any(Found);
            }
            deserializer.deserialize_any(self)
        }
    }

    struct Found;

    impl<'de> Visitor<'de> for Found {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any node")
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            Err(E::custom(FOUND))
        }
        fn visit_some<D: de::Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
            Err(de::Error::custom(FOUND))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
            Err(de::Error::custom(FOUND))
        }
        fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
            Err(de::Error::custom(FOUND))
        }
    }

    impl<'de> Visitor<'de> for Seek<'_> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a mapping or a sequence")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<KeyText>()? {
                if key.0 == self.tokens[0] {
                    return map.next_value_seed(Seek {
                        tokens: &self.tokens[1..],
                    });
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let Ok(wanted) = self.tokens[0].parse::<usize>() else {
                return Ok(());
            };
            let mut index = 0;
            loop {
                if index == wanted {
                    return seq
                        .next_element_seed(Seek {
                            tokens: &self.tokens[1..],
                        })
                        .map(|_| ());
                }
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(());
                }
                index += 1;
            }
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
            Ok(())
        }
        fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            Ok(())
        }
    }
}

/// A mapping key as text, whatever scalar it is.
struct KeyText(String);

impl<'de> de::Deserialize<'de> for KeyText {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scalar key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_owned()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".into()))
            }
        }
        deserializer.deserialize_any(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::location::split_pointer;

    const TEXT: &str = "\
openapi: 3.0.3
paths:
  /a:
    get:
      responses:
        200:
          description: ok
components:
  schemas:
    list:
      - first
      - second: {deep: true}
";

    #[test]
    fn finds_the_line_of_a_pointer() {
        let tokens = |p: &str| split_pointer(p);
        assert_eq!(find(TEXT, &tokens("#/openapi")), Some((1, 10)));
        assert_eq!(find(TEXT, &tokens("#/paths/~1a/get")), Some((5, 7)));
        assert_eq!(
            find(TEXT, &tokens("#/paths/~1a/get/responses/200/description")),
            Some((7, 24))
        );
        assert_eq!(
            find(TEXT, &tokens("#/components/schemas/list/1/second/deep")),
            Some((12, 24))
        );
    }

    #[test]
    fn a_missing_pointer_has_no_line() {
        assert_eq!(find(TEXT, &split_pointer("#/nope")), None);
        assert_eq!(
            find(TEXT, &split_pointer("#/components/schemas/list/7")),
            None
        );
        assert_eq!(find("a: 1", &split_pointer("#/a/b")), None);
    }

    #[test]
    fn integer_keys_become_strings_and_big_integers_are_read() {
        let value = parse(
            "responses:\n  200: {maximum: 18446744073709551616, minimum: -18446744073709551617}\n",
        )
        .unwrap();
        let schema = &value["responses"]["200"];
        assert_eq!(schema["maximum"].as_f64(), Some(18446744073709551616.0));
        assert_eq!(schema["minimum"].as_f64(), Some(-18446744073709551617.0));
        assert_eq!(
            find("a:\n  b: 18446744073709551616\n", &split_pointer("#/a/b")),
            Some((2, 6))
        );
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let error = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(error.to_string().contains("duplicate key `a`"), "{error}");
    }
}
