//! Which types are one and what they are called, on small specs.

use std::path::{Path, PathBuf};

use crate::ir::{Api, TypeKind, TypeRef};
use crate::load::InMemory;

fn lowered(entries: &[(&str, &str)]) -> crate::lower::Lowered {
    let files = InMemory(
        entries
            .iter()
            .map(|(name, text)| (PathBuf::from(name), text.to_string()))
            .collect(),
    );
    crate::model_from(&files, Path::new(entries[0].0))
        .unwrap_or_else(|error| panic!("{}", crate::Report(&error)))
}

fn model(text: &str) -> Api {
    lowered(&[("api.yaml", text)]).api
}

fn names(api: &Api) -> Vec<&str> {
    api.types.iter().map(|def| def.name.as_str()).collect()
}

/// A spec whose operations answer with the given inline schemas (YAML, one line each), one
/// operation per entry, `get_{name}` at `/{name}`.
fn answering(bodies: &[(&str, &str)], components: &str) -> String {
    let mut text = String::from("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n");
    for (name, schema) in bodies {
        text.push_str(&format!(
            "  /{name}:\n    get:\n      operationId: get_{name}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {schema}\n"
        ));
    }
    text.push_str(components);
    text
}

const ADDRESS: &str = "{type: object, required: [city], properties: {city: {type: string}}}";

#[test]
fn identical_objects_under_members_that_agree_are_one_type_named_for_the_member() {
    let api = model(&answering(
        &[
            (
                "orders",
                &format!("{{type: object, properties: {{shipping_address: {ADDRESS}}}}}"),
            ),
            (
                "people",
                &format!(
                    "{{type: object, properties: {{home: {{type: object, properties: {{address: {ADDRESS}}}}}}}}}"
                ),
            ),
        ],
        "",
    ));
    assert_eq!(
        names(&api),
        [
            "Address",
            "GetOrdersResponse",
            "GetPeopleResponse",
            "GetPeopleResponseHome"
        ]
    );
    let address = &api.types[0];
    assert_eq!(address.copies.len(), 1);
}

#[test]
fn objects_that_differ_in_a_required_flag_a_type_or_a_member_stay_apart() {
    let optional = "{type: object, properties: {city: {type: string}}}";
    let integer = "{type: object, required: [city], properties: {city: {type: integer}}}";
    let more =
        "{type: object, required: [city], properties: {city: {type: string}, zip: {type: string}}}";
    let api = model(&answering(
        &[("a", ADDRESS), ("b", optional), ("c", integer), ("d", more)],
        "",
    ));
    assert_eq!(
        names(&api),
        [
            "GetAResponse",
            "GetBResponse",
            "GetCResponse",
            "GetDResponse"
        ]
    );
}

#[test]
fn a_copy_of_a_component_is_the_component_and_two_equal_components_stay_two() {
    let components =
        format!("components:\n  schemas:\n    place: {ADDRESS}\n    spot: {ADDRESS}\n");
    let api = model(&answering(&[("a", ADDRESS)], &components));
    assert_eq!(names(&api), ["Place", "Spot"]);
    let operation = &api.resources[0].operations[0];
    assert_eq!(
        operation.success,
        crate::ir::Success::One(TypeRef::Named("Place".into()))
    );
}

#[test]
fn recursive_schemas_of_the_same_shape_are_one_type_and_other_shapes_stay_apart() {
    let root = answering(
        &[
            ("a", "{$ref: 'models/chain.yml'}"),
            ("b", "{$ref: 'models/link.yml'}"),
            ("c", "{$ref: 'models/tree.yml'}"),
        ],
        "",
    );
    let chain = "type: object\nproperties:\n  next: {$ref: 'chain.yml'}\n";
    let link = "type: object\nproperties:\n  next: {$ref: 'link.yml'}\n";
    let tree = "type: object\nproperties:\n  next: {$ref: 'tree.yml'}\n  size: {type: integer}\n";
    let api = lowered(&[
        ("api.yaml", &root),
        ("models/chain.yml", chain),
        ("models/link.yml", link),
        ("models/tree.yml", tree),
    ])
    .api;
    // The first file by path names the two that are one.
    assert_eq!(names(&api), ["Chain", "Tree"]);
    let TypeKind::Struct(chain) = &api.types[0].kind else {
        panic!("a struct")
    };
    assert_eq!(chain.fields[0].ty, TypeRef::Named("Chain".into()));
}

#[test]
fn a_file_that_only_stands_for_a_primitive_is_no_type_but_one_that_contains_itself_is() {
    let root = answering(
        &[(
            "a",
            "{type: object, properties: {id: {$ref: 'attributes.yml#/id'}, tags: {$ref: 'attributes.yml#/tags'}, tree: {$ref: 'tree.yml'}}}",
        )],
        "",
    );
    let attributes = "id: {type: integer, description: The number.}\ntags: {type: array, items: {type: string}}\n";
    let tree = "type: array\nitems: {$ref: 'tree.yml'}\n";
    let api = lowered(&[
        ("api.yaml", &root),
        ("attributes.yml", attributes),
        ("tree.yml", tree),
    ])
    .api;
    assert_eq!(names(&api), ["GetAResponse", "Tree"]);
    let TypeKind::Struct(body) = &api.types[0].kind else {
        panic!("a struct")
    };
    let field = |name: &str| body.fields.iter().find(|f| f.name == name).unwrap();
    assert_eq!(
        field("id").ty,
        TypeRef::Integer(crate::ir::IntegerFormat::I64)
    );
    // The field keeps the words of the attribute it stands for.
    assert_eq!(field("id").doc.as_deref(), Some("The number."));
    assert_eq!(field("tags").ty, TypeRef::Array(Box::new(TypeRef::String)));
    assert_eq!(field("tree").ty, TypeRef::Named("Tree".into()));
}

#[test]
fn a_merged_type_keeps_the_description_its_copies_give_most_often() {
    let described = |doc: &str| {
        format!(
            "{{type: object, description: {doc}, properties: {{city: {{type: string, description: {doc}}}}}}}"
        )
    };
    // Each body has a member of its own, so that the bodies are not one type themselves.
    let body = |own: &str, doc: &str| {
        format!(
            "{{type: object, properties: {{{own}: {{type: string}}, place: {}}}}}",
            described(doc)
        )
    };
    let api = model(&answering(
        &[
            ("a", &body("a", "First")),
            ("b", &body("b", "Common")),
            ("c", &body("c", "Common")),
        ],
        "",
    ));
    let place = api.types.iter().find(|def| def.name == "Place").unwrap();
    assert_eq!(place.doc.as_deref(), Some("Common"));
    let TypeKind::Struct(place) = &place.kind else {
        panic!("a struct")
    };
    assert_eq!(place.fields[0].doc.as_deref(), Some("Common"));
}

#[test]
fn the_error_bodies_of_all_operations_are_one_error_type() {
    let error = "{type: object, properties: {message: {type: string}}}";
    let mut spec = answering(&[("a", "{type: string}"), ("b", "{type: string}")], "");
    spec = spec.replace(
        "          content:\n            application/json:\n              schema: {type: string}\n",
        &format!("          content:\n            application/json:\n              schema: {{type: string}}\n        '404':\n          description: no\n          content:\n            application/json:\n              schema: {error}\n"),
    );
    let api = model(&spec);
    assert_eq!(names(&api), ["Error"]);
    assert_eq!(api.error_body, Some(TypeRef::Named("Error".into())));
}

#[test]
fn places_that_do_not_agree_give_the_shortest_place_name_and_a_tie_is_warned() {
    let spec = answering(&[("aa", ADDRESS), ("bb", ADDRESS), ("ccc", ADDRESS)], "");
    let lowered = lowered(&[("api.yaml", &spec)]);
    assert_eq!(names(&lowered.api), ["GetAaResponse"]);
    let warning = lowered
        .warnings
        .iter()
        .find(|w| w.message.contains("as short as each other"))
        .expect("a warning about the tie");
    assert!(
        warning.message.contains("`GetBbResponse`"),
        "{}",
        warning.message
    );
}

#[test]
fn a_change_elsewhere_in_the_spec_renames_nothing_else() {
    let shop = |extra: &[(&str, &str)]| {
        let mut bodies = vec![
            (
                "orders",
                format!("{{type: object, properties: {{shipping_address: {ADDRESS}}}}}"),
            ),
            (
                "people",
                format!("{{type: object, properties: {{billing_address: {ADDRESS}}}}}"),
            ),
        ];
        bodies.extend(extra.iter().map(|(a, b)| (*a, b.to_string())));
        let bodies: Vec<(&str, &str)> = bodies.iter().map(|(a, b)| (*a, b.as_str())).collect();
        model(&answering(&bodies, ""))
    };
    let before = shop(&[]);
    let after = shop(&[(
        "stores",
        "{type: object, properties: {place: {type: object, properties: {name: {type: string}}}}}",
    )]);
    let before_names = names(&before);
    assert!(
        before_names.iter().all(|name| names(&after).contains(name)),
        "{before_names:?} → {:?}",
        names(&after)
    );
}

#[test]
fn a_discriminator_mapping_to_files_selects_the_variants_those_files_become() {
    let root = answering(&[("a", "{$ref: 'models/action.yml'}")], "");
    let action = "oneOf:\n  - $ref: 'actions.yml#/reboot'\n  - $ref: 'actions.yml#/rename'\ndiscriminator:\n  propertyName: type\n  mapping:\n    reboot: 'actions.yml#/reboot'\n    power_cycle: 'actions.yml#/reboot'\n    rename: 'actions.yml#/rename'\n    gone: 'nowhere.yml#/x'\n";
    let actions = "reboot: {type: object, properties: {type: {type: string}}}\nrename: {type: object, properties: {type: {type: string}, name: {type: string}}}\n";
    let api = lowered(&[
        ("api.yaml", &root),
        ("models/action.yml", action),
        ("models/actions.yml", actions),
    ])
    .api;
    let action = api.types.iter().find(|def| def.name == "Action").unwrap();
    let TypeKind::Union(union) = &action.kind else {
        panic!("a union")
    };
    assert_eq!(union.discriminator.as_deref(), Some("type"));
    let tags: Vec<(&str, Vec<&str>)> = union
        .variants
        .iter()
        .map(|v| {
            (
                v.rust_name.as_str(),
                v.tags.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        tags,
        [
            ("Reboot", vec!["power_cycle", "reboot"]),
            ("Rename", vec!["rename"])
        ]
    );
}

#[test]
fn a_file_that_only_serves_as_a_part_of_an_all_of_is_no_type_of_its_own() {
    let root = answering(
        &[(
            "a",
            "{allOf: [{$ref: 'base.yml'}, {type: object, properties: {size: {type: integer}}}]}",
        )],
        "",
    );
    let base = "type: object\nproperties:\n  id: {type: string}\n";
    let api = lowered(&[("api.yaml", &root), ("base.yml", base)]).api;
    assert_eq!(names(&api), ["GetAResponse"]);
    let TypeKind::Struct(body) = &api.types[0].kind else {
        panic!("a struct")
    };
    let fields: Vec<&str> = body.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(fields, ["id", "size"]);
}
