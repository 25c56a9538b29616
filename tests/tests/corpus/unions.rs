use one_of_api::models::{Circle, MeasuredLabel, Shape, Square};
use recursion_api::models::{Expression, Node, Operation, OperationOperator};

#[test]
fn a_discriminated_union_decodes_by_its_tag_and_keeps_unknown_tags() {
    let square: Shape = serde_json::from_str(r#"{"kind": "square", "side": 3}"#).unwrap();
    assert_eq!(square, Shape::Square(Square::new("square", 3.0)));
    let rectangle: Shape =
        serde_json::from_str(r#"{"kind": "rect", "width": 1, "height": 2}"#).unwrap();
    assert!(matches!(rectangle, Shape::Rectangle(ref r) if r.height == 2.0));
    let json = r#"{"kind":"hexagon","sides":6}"#;
    let unknown: Shape = serde_json::from_str(json).unwrap();
    assert!(matches!(unknown, Shape::UnknownValue(_)));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), json);
    assert!(one_of_api::decode_strict::<Shape>(json).is_err());
    let circle = Shape::Circle(Circle::new("circle", 2.5));
    assert_eq!(
        serde_json::to_string(&circle).unwrap(),
        r#"{"kind":"circle","radius":2.5}"#
    );
}

#[test]
fn an_untagged_union_takes_the_first_shape_that_fits() {
    assert_eq!(
        serde_json::from_str::<MeasuredLabel>("9").unwrap(),
        MeasuredLabel::Integer(9)
    );
    assert_eq!(
        serde_json::from_str::<MeasuredLabel>(r#""nine""#).unwrap(),
        MeasuredLabel::String("nine".into())
    );
    assert!(matches!(
        serde_json::from_str::<MeasuredLabel>("[1]").unwrap(),
        MeasuredLabel::UnknownValue(_)
    ));
}

#[test]
fn recursive_types_nest() {
    let json = r#"{"name":"root","children":[{"name":"a","children":[{"name":"b"}]}],"first_child":{"name":"a"}}"#;
    let tree: Node = serde_json::from_str(json).unwrap();
    assert_eq!(
        tree.children.as_ref().unwrap()[0]
            .children
            .as_ref()
            .unwrap()[0]
            .name,
        "b"
    );
    assert_eq!(tree.first_child.as_ref().unwrap().name, "a");
    assert_eq!(
        serde_json::to_value(&tree).unwrap(),
        serde_json::from_str::<serde_json::Value>(json).unwrap()
    );

    let sum = Expression::Operation(Box::new(Operation::new(
        Expression::Number(1.0),
        OperationOperator::Plus,
        Expression::Operation(Box::new(Operation::new(
            Expression::Number(2.0),
            OperationOperator::Star,
            Expression::Number(3.0),
        ))),
    )));
    let text = serde_json::to_string(&sum).unwrap();
    assert_eq!(
        text,
        r#"{"left":1.0,"operator":"+","right":{"left":2.0,"operator":"*","right":3.0}}"#
    );
    assert_eq!(serde_json::from_str::<Expression>(&text).unwrap(), sum);
}
