//! What a generated crate's own tests check of the spec's examples and of the mocks' example
//! values: each decodes into its type with no member or enum value left unknown, and encodes
//! back to the same JSON, nulls, key order, the spelling of numbers and the offset of
//! timestamps aside.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::wire::decode_strict;

/// Decodes `json` strictly into `T` and checks that it encodes back to the same JSON.
#[doc(hidden)]
#[track_caller]
pub fn assert_round_trip<T: DeserializeOwned + Serialize>(json: &str) {
    let decoded: T = decode_strict(json).unwrap_or_else(|error| panic!("{error} in {json}"));
    assert_encodes_as(&decoded, json);
}

/// Checks that `value` encodes to the JSON `json`.
#[doc(hidden)]
#[track_caller]
pub fn assert_encodes_as<T: Serialize>(value: &T, json: &str) {
    let expected: Value = serde_json::from_str(json).expect("the example is JSON");
    let encoded = serde_json::to_value(value).expect("the value encodes");
    assert_eq!(normalized(encoded), normalized(expected), "in {json}");
}

/// Drops `null` members (an absent field and a null one decode alike), reads every number as a
/// float (`85` and `85.0` are the same number) and every timestamp as UTC (`+01:00` may come
/// back as `Z` for the same instant).
fn normalized(value: Value) -> Value {
    match value {
        Value::Object(map) => map
            .into_iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(key, value)| (key, normalized(value)))
            .collect(),
        Value::Array(items) => items.into_iter().map(normalized).collect(),
        Value::Number(number) => number.as_f64().map_or(Value::Number(number), Value::from),
        Value::String(text) => match chrono::DateTime::parse_from_rfc3339(&text) {
            Ok(time) => Value::String(time.with_timezone(&chrono::Utc).to_rfc3339()),
            Err(_) => Value::String(text),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, serde::Deserialize)]
    struct Reading {
        value: f64,
        at: String,
        note: Option<String>,
    }

    #[test]
    fn spellings_of_the_same_value_round_trip() {
        assert_round_trip::<Reading>(
            r#"{"value":85,"at":"2024-01-01T01:00:00+01:00","note":null}"#,
        );
    }

    #[test]
    #[should_panic(expected = "assertion `left == right` failed")]
    fn a_different_value_does_not() {
        let reading = Reading {
            value: 1.5,
            at: "2024-01-01T00:00:00Z".into(),
            note: None,
        };
        assert_encodes_as(&reading, r#"{"value":2.5,"at":"2024-01-01T00:00:00Z"}"#);
    }
}
