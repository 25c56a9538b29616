//! How the generated structs read and write JSON: members in any order, unknown ones kept in the
//! order they came and written after the described ones, and the errors serde's derive gives.

use digitalocean_api::models::{AppsListResponse, LinkPages, MetaProperties};
use serde_json::json;

#[test]
fn members_in_any_order_with_unknown_ones_between_them() {
    let text = r#"{"zeta":1,"total":3,"alpha":{"a":[true]}}"#;
    let meta: MetaProperties = serde_json::from_str(text).unwrap();
    assert_eq!(meta.total, 3);
    assert_eq!(meta.unknown_fields.len(), 2);
    // Described fields first, then the unknown ones in the order they came.
    assert_eq!(
        serde_json::to_string(&meta).unwrap(),
        r#"{"total":3,"zeta":1,"alpha":{"a":[true]}}"#
    );
}

#[test]
fn an_absent_optional_field_is_left_out_and_null_reads_as_absent() {
    let pages: LinkPages = serde_json::from_str(r#"{"next":null,"last":"l"}"#).unwrap();
    assert_eq!(pages.next, None);
    assert_eq!(serde_json::to_string(&pages).unwrap(), r#"{"last":"l"}"#);
}

#[test]
fn a_missing_required_field_is_named() {
    let error = serde_json::from_value::<AppsListResponse>(json!({"apps": []})).unwrap_err();
    assert!(
        error.to_string().contains("missing field `meta`"),
        "{error}"
    );
}

#[test]
fn a_member_given_twice_is_refused() {
    let error = serde_json::from_str::<MetaProperties>(r#"{"total":1,"total":2}"#).unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `total`"),
        "{error}"
    );
}

#[test]
fn a_non_object_is_refused() {
    let error = serde_json::from_str::<MetaProperties>("[1]").unwrap_err();
    assert!(error.to_string().contains("expected an object"), "{error}");
}

#[test]
fn strict_decoding_still_names_every_unknown_member() {
    let error = digitalocean_api::decode_strict::<MetaProperties>(r#"{"total":1,"a":1,"b":2}"#)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("fields the spec does not describe: a, b"),
        "{error}"
    );
}
