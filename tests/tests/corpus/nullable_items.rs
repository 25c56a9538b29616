use formats_api::models::Sample;
use serde_json::json;

#[test]
fn array_items_and_map_values_that_may_be_null_read_and_write_their_nulls() {
    let json = json!({
        // `items: {type: string, nullable: true}`
        "labels": ["red", null, "blue"],
        // The same, of integers that travel as strings.
        "nullable_counts": ["7", null],
        // `items: {$ref: size}`, where `size` is nullable.
        "sizes": [1.5, null],
        // `additionalProperties: {type: integer, nullable: true}`
        "limits": {"cpu": 4, "disk": null}
    });
    let sample: Sample = formats_api::decode_strict(&json.to_string()).unwrap();
    assert_eq!(
        sample.labels,
        Some(vec![Some("red".to_owned()), None, Some("blue".to_owned())])
    );
    assert_eq!(sample.nullable_counts, Some(vec![Some(7), None]));
    assert_eq!(sample.sizes, Some(vec![Some(1.5), None]));
    let limits = sample.limits.clone().unwrap();
    assert_eq!(limits["cpu"], Some(4));
    assert_eq!(limits["disk"], None);
    // The nulls go back as they came, and the counts as strings.
    assert_eq!(serde_json::to_value(&sample).unwrap(), json);
}
