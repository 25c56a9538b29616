//! The numeric fields whose type the reference does not write.
//!
//! Most pages list a field by its name, flag and example, with no type (only the one-line layout
//! writes one), so the spec took those types from the examples. For a string, a boolean or an
//! object an example is enough; for a number it is not: `100` is the example of a count and of a
//! measurement alike, and a measurement typed `integer` makes the client fail on the first value
//! with a fraction the API sends. The check therefore lists every numeric field whose type came
//! from an example alone, and holds them to one rule: a field whose name says it is a measurement
//! (a value, percent, usage, rate or size) is a `number`, unless the allow-list says why it is
//! always whole.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::spec::{self, Property};

/// A numeric field of the spec whose type no listing writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UntypedNumber {
    /// `owner.name`, as differences name fields.
    pub key: String,
    /// The spec's type: `integer`, `number`, `array of integer` or `array of number`.
    pub declared: String,
    /// The word of its name that says it is a measurement (`percent`), if one does.
    pub measurement: Option<&'static str>,
    /// Where the spec declares it.
    pub at: String,
}

impl UntypedNumber {
    /// Whether the spec reads a measurement as whole numbers only.
    pub fn is_whole_measurement(&self) -> bool {
        self.measurement.is_some() && self.declared.ends_with("integer")
    }
}

/// The words of a field's name that make it a measurement, singular and plural.
const MEASUREMENTS: [&str; 10] = [
    "value",
    "values",
    "percent",
    "percentage",
    "usage",
    "rate",
    "rates",
    "size",
    "sizes",
    "utilization",
];

/// The word of `name` (split at `_` and `-`) that says its value is a measurement.
pub fn measurement(name: &str) -> Option<&'static str> {
    name.split(['_', '-']).find_map(|word| {
        MEASUREMENTS
            .iter()
            .find(|measurement| word.eq_ignore_ascii_case(measurement))
            .copied()
    })
}

/// The numeric ones among `fields` whose key is not in `typed` (the fields some listing writes a
/// type for), in the order of their keys. `locate` turns a pointer into where the spec has it.
pub fn numbers(
    document: &Value,
    fields: &BTreeMap<String, Property>,
    typed: &BTreeSet<String>,
    locate: &dyn Fn(&str) -> String,
) -> Vec<UntypedNumber> {
    fields
        .iter()
        .filter(|(key, _)| !typed.contains(*key))
        .filter_map(|(key, property)| {
            let declared = spec::declared_type(document, &property.schema)?;
            let numeric = ["integer", "number"]
                .iter()
                .any(|kind| declared == *kind || declared == format!("array of {kind}"));
            numeric.then(|| UntypedNumber {
                key: key.clone(),
                declared,
                measurement: measurement(&property.name),
                at: locate(&property.schema),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_measurement_is_named_by_a_whole_word_of_the_name() {
        assert_eq!(measurement("metric_value"), Some("value"));
        assert_eq!(measurement("cpu_usage_percent"), Some("usage"));
        assert_eq!(measurement("discount-percent"), Some("percent"));
        assert_eq!(measurement("SIZE"), Some("size"));
        assert_eq!(measurement("replicas_ready"), None);
        assert_eq!(measurement("instance_count"), None);
        assert_eq!(
            measurement("valued_at"),
            None,
            "a word that only starts like one"
        );
        assert_eq!(measurement("ratelimit"), None);
    }

    #[test]
    fn only_numeric_fields_without_a_written_type_are_listed() {
        let document = json!({"components": {"schemas": {"metric": {"type": "object", "properties": {
            "label": {"type": "string"},
            "count": {"type": "integer"},
            "metric_value": {"type": "integer"},
            "usage_percent": {"type": "number"},
            "sizes": {"type": "array", "items": {"type": "integer"}},
            "written_rate": {"type": "integer"}
        }}}}});
        let fields: BTreeMap<String, Property> =
            spec::shape(&document, "#/components/schemas/metric", "metric")
                .properties
                .into_iter()
                .map(|property| (property.key(), property))
                .collect();
        let typed = BTreeSet::from(["metric.written_rate".to_owned()]);
        let listed = numbers(&document, &fields, &typed, &|pointer| pointer.to_owned());
        let summary: Vec<(&str, &str, Option<&str>, bool)> = listed
            .iter()
            .map(|number| {
                (
                    number.key.as_str(),
                    number.declared.as_str(),
                    number.measurement,
                    number.is_whole_measurement(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("metric.count", "integer", None, false),
                ("metric.metric_value", "integer", Some("value"), true),
                ("metric.sizes", "array of integer", Some("sizes"), true),
                ("metric.usage_percent", "number", Some("usage"), false),
            ]
        );
        assert_eq!(
            listed[1].at,
            "#/components/schemas/metric/properties/metric_value"
        );
    }
}
