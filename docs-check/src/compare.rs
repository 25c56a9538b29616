//! Compares the reference's listings with the spec, operation by operation, and counts what
//! agrees.
//!
//! A listing is flat: an entry followed by "Show child properties" opens its children, and nothing
//! closes them. The spec says where each entry can go. An entry belongs to the deepest open
//! object that has a field of its name not yet listed, preferring one where it keeps the
//! listing's alphabetical order; an entry the spec has nowhere open is a field missing from the
//! spec, placed where the alphabetical order allows. (The variants of a `oneOf`/`anyOf` are listed
//! under their titles without "Show child properties": an entry that only the previous entry's
//! value has opens it.)
//!
//! A field of the spec that no listing shows is a difference when some listing expands its object
//! (the listing decides the fields). When none does, an example decides: the field is fine if an
//! example payload of the reference has it under a key that holds its object.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::reference::{self, Entry, Place};
use crate::spec::{self, Property, Shape};
use crate::untyped::{self, UntypedNumber};

/// What agrees, and every difference by its key.
#[derive(Debug, Default)]
pub struct Comparison {
    pub figures: Figures,
    pub differences: BTreeMap<String, Difference>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Operations of the reference found in the spec.
    pub operations: usize,
    /// Listed fields of bodies and responses, those the spec has where they are listed, and those
    /// whose required flag agrees.
    pub fields: Tally,
    pub parameters: Tally,
    /// Responses whose sentence names a wrapping key, and those whose spec body has that key.
    pub wrappers_named: usize,
    pub wrappers_agreeing: usize,
    /// Responses whose listing shows the object inside the key their sentence names (the sentence
    /// decides the wrapper, the listing the fields inside it).
    pub listings_inside_wrapper: Vec<String>,
    /// Fields of the spec in objects that no listing expands, which an example payload shows.
    pub fields_from_examples: usize,
    /// Fields of the spec whose type no listing writes: the examples gave them their types.
    pub untyped_fields: usize,
    /// The numeric ones among them, whose examples cannot tell an integer from a number.
    pub untyped_numbers: Vec<UntypedNumber>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub listed: usize,
    pub matched: usize,
    pub flags_agreeing: usize,
}

/// One difference between the reference and the spec, with where it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// `required field app_component_base.name`: what the allow-list names.
    pub key: String,
    /// What differs, and where the spec has it.
    pub what: String,
    /// Where the reference shows it.
    pub places: Vec<String>,
}

/// Compares the operations of the reference with those of the bundled spec `document`; `locate`
/// turns a pointer of the document into the file and line it was written at.
/// `examples` are the keys of the reference's example payloads under their parents' keys.
pub fn compare(
    reference: &[reference::Operation],
    examples: &BTreeSet<(String, String)>,
    document: &Value,
    locate: &dyn Fn(&str) -> String,
) -> Comparison {
    let mut comparer = Comparer {
        document,
        locate,
        comparison: Comparison::default(),
        listed: BTreeSet::new(),
        shown_at: BTreeMap::new(),
        typed: BTreeSet::new(),
        expanded: BTreeSet::new(),
        reachable: spec::Reachable::default(),
    };
    let operations = spec::operations(document);
    let mut checked = BTreeSet::new();
    for listed in reference {
        let found = operations.iter().find(|operation| {
            operation.method == listed.method && template(&operation.path) == template(&listed.path)
        });
        match found {
            Some(operation) => {
                checked.insert(operation.pointer.clone());
                comparer.operation(listed, operation);
            }
            None => comparer.differ(
                format!("missing operation {} {}", listed.method, listed.path),
                "the docs document this operation; the spec has no operation with that method and path"
                    .to_owned(),
                &listed.at,
                "",
            ),
        }
    }
    for operation in &operations {
        if !checked.contains(&operation.pointer) {
            comparer.unlisted_operation(operation);
        }
    }
    comparer.unlisted_fields(examples);
    comparer.untyped_numbers();
    comparer.comparison
}

/// A path with its parameters' names left out: `/v2/apps/{}`.
fn template(path: &str) -> String {
    let mut out = String::new();
    let mut in_parameter = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_parameter = true;
                out.push_str("{}");
            }
            '}' => in_parameter = false,
            _ if !in_parameter => out.push(c),
            _ => {}
        }
    }
    out
}

struct Comparer<'a> {
    document: &'a Value,
    locate: &'a dyn Fn(&str) -> String,
    comparison: Comparison,
    /// The keys of the spec's fields that some listing shows.
    listed: BTreeSet<String>,
    /// Where the listings show each of those fields, as differences give places.
    shown_at: BTreeMap<String, Vec<String>>,
    /// The keys of the fields some listing writes a type for.
    typed: BTreeSet<String>,
    /// The owners of the fields of every object some listing expands.
    expanded: BTreeSet<String>,
    /// What the bodies and responses of the operations the reference documents reach.
    reachable: spec::Reachable,
}

/// An object of a listing whose children are being read.
struct Frame {
    /// What the spec says it has; `None` for an object the spec does not have.
    shape: Option<Shape>,
    identity: String,
    path: Vec<String>,
    last: Option<String>,
    seen: BTreeSet<String>,
}

/// The entry just read, if it matched a field and did not open it: its value's fields may follow
/// without "Show child properties".
struct Unopened {
    property: Property,
    level: usize,
    path: Vec<String>,
}

impl Frame {
    fn new(shape: Option<Shape>, identity: String, path: Vec<String>) -> Frame {
        Frame {
            shape,
            identity,
            path,
            last: None,
            seen: BTreeSet::new(),
        }
    }

    fn has(&self, name: &str) -> bool {
        !self.seen.contains(name)
            && self
                .shape
                .as_ref()
                .is_some_and(|shape| shape.get(name).is_some())
    }

    fn in_order(&self, name: &str) -> bool {
        self.last.as_deref().is_none_or(|last| last < name)
    }
}

impl Comparer<'_> {
    fn operation(&mut self, listed: &reference::Operation, operation: &spec::Operation) {
        self.comparison.figures.operations += 1;
        self.parameters(listed, operation);
        let roots = operation
            .body
            .iter()
            .chain(operation.responses.iter().filter_map(|r| r.schema.as_ref()));
        for root in roots {
            let identity = format!("{} body", operation.id);
            self.reachable.add(self.document, root, &identity);
        }
        if !listed.body.is_empty() {
            let label = format!("{} request body", operation.id);
            let shape = operation
                .body
                .as_ref()
                .map(|pointer| spec::shape(self.document, pointer, &label));
            self.listing(&listed.body, shape, None, &label);
        }
        for response in &listed.responses {
            let label = format!("{} {}", operation.id, response.status);
            let Some(specified) = operation
                .responses
                .iter()
                .find(|r| r.status == response.status)
            else {
                self.differ(
                    format!("missing response {label}"),
                    format!(
                        "the docs document status {}; the spec's operation has no such response ({})",
                        response.status,
                        (self.locate)(&operation.pointer)
                    ),
                    &response.at,
                    "",
                );
                continue;
            };
            let shape = specified
                .schema
                .as_ref()
                .map(|pointer| spec::shape(self.document, pointer, &label));
            let key = response.wrapper_key();
            if let Some(key) = &key {
                self.wrapper(key, shape.as_ref(), response, &label);
            }
            self.listing(&response.fields, shape, key.as_deref(), &label);
        }
        for specified in &operation.responses {
            if !listed
                .responses
                .iter()
                .any(|r| r.status == specified.status)
            {
                let what = format!(
                    "the docs document no status {} for {} {}",
                    specified.status, operation.method, operation.path
                );
                self.note(
                    format!("unlisted response {} {}", operation.id, specified.status),
                    what,
                );
            }
        }
    }

    fn unlisted_operation(&mut self, operation: &spec::Operation) {
        let what = format!(
            "no listing of the docs documents {} {} ({})",
            operation.method,
            operation.path,
            (self.locate)(&operation.pointer)
        );
        self.note(format!("unlisted operation {}", operation.id), what);
    }

    /// The spec's fields that no listing shows: differences where a listing expands their
    /// object, fine where none does and an example shows them under a key that holds the object.
    fn unlisted_fields(&mut self, examples: &BTreeSet<(String, String)>) {
        let unlisted: Vec<Property> = self
            .reachable
            .fields
            .values()
            .filter(|property| !self.listed.contains(&property.key()))
            .cloned()
            .collect();
        for property in unlisted {
            let owner = &property.owner;
            let at = (self.locate)(&property.schema);
            let shown_by_example = || {
                self.reachable.parents.get(owner).is_some_and(|parents| {
                    parents
                        .iter()
                        .any(|parent| examples.contains(&(parent.clone(), property.name.clone())))
                })
            };
            let what = if self.expanded.contains(owner) {
                format!("the docs expand `{owner}` and do not list this field ({at})")
            } else if shown_by_example() {
                self.comparison.figures.fields_from_examples += 1;
                continue;
            } else {
                format!(
                    "no listing of the docs expands `{owner}` and no example payload shows this field ({at})"
                )
            };
            self.note(format!("unlisted field {}", property.key()), what);
        }
    }

    fn parameters(&mut self, listed: &reference::Operation, operation: &spec::Operation) {
        for parameter in &listed.parameters {
            let location = parameter.location.as_str();
            let entry = &parameter.entry;
            let key = format!("parameter {} {location} {}", operation.id, entry.name);
            let tally = &mut self.comparison.figures.parameters;
            tally.listed += 1;
            let Some(specified) = operation
                .parameters
                .iter()
                .find(|p| p.location == location && p.name == entry.name)
            else {
                let what = "the docs list this parameter; the spec's operation does not have it";
                self.differ(format!("missing {key}"), what.to_owned(), &entry.at, "");
                continue;
            };
            tally.matched += 1;
            if specified.required == entry.required {
                tally.flags_agreeing += 1;
            } else {
                let what = flags(
                    entry.required,
                    specified.required,
                    &(self.locate)(&specified.pointer),
                );
                self.differ(format!("required {key}"), what, &entry.at, "");
            }
        }
        for specified in &operation.parameters {
            let listed = listed.parameters.iter().any(|p| {
                p.location.as_str() == specified.location && p.entry.name == specified.name
            });
            if !listed {
                let what = format!(
                    "the docs do not list this parameter ({})",
                    (self.locate)(&specified.pointer)
                );
                self.note(
                    format!(
                        "unlisted parameter {} {} {}",
                        operation.id, specified.location, specified.name
                    ),
                    what,
                );
            }
        }
    }

    fn wrapper(
        &mut self,
        key: &str,
        shape: Option<&Shape>,
        response: &reference::Response,
        label: &str,
    ) {
        self.comparison.figures.wrappers_named += 1;
        if shape.is_some_and(|shape| shape.get(key).is_some()) {
            self.comparison.figures.wrappers_agreeing += 1;
            return;
        }
        let keys: Vec<&str> = shape
            .into_iter()
            .flat_map(|shape| &shape.properties)
            .map(|property| property.name.as_str())
            .collect();
        let what = format!(
            "the docs say \"{}\": the body is keyed on `{key}`; the spec's body has {}",
            response.description,
            if keys.is_empty() {
                "no fields".to_owned()
            } else {
                format!("`{}`", keys.join("`, `"))
            }
        );
        self.differ(format!("wrapper {label}"), what, &response.at, "");
    }

    /// Nests a flat listing under `root` and compares each entry with the field it lands on.
    fn listing(
        &mut self,
        entries: &[Entry],
        root: Option<Shape>,
        wrapper: Option<&str>,
        label: &str,
    ) {
        let mut root = root;
        // A listing may show the object inside the key its sentence names.
        if let (Some(shape), Some(key), Some(first)) = (&root, wrapper, entries.first())
            && first.name != key
            && shape.get(&first.name).is_none()
            && let Some(wrapped) = shape.get(key)
        {
            let inner = spec::child_shape(self.document, wrapped);
            self.listed.insert(wrapped.key());
            self.comparison
                .figures
                .listings_inside_wrapper
                .push(label.to_owned());
            root = Some(inner);
        }
        let identity = root
            .as_ref()
            .map_or_else(|| label.to_owned(), |shape| shape.identity.clone());
        let mut frames = vec![Frame::new(root, identity, Vec::new())];
        let mut unopened: Option<Unopened> = None;
        for entry in entries {
            if let Some(previous) = unopened.take() {
                let shape = spec::child_shape(self.document, &previous.property);
                if !frames.iter().any(|frame| frame.has(&entry.name))
                    && shape.get(&entry.name).is_some()
                {
                    frames.truncate(previous.level + 1);
                    frames.push(Frame::new(
                        Some(shape.clone()),
                        shape.identity,
                        previous.path,
                    ));
                }
            }
            let level = level(&frames, &entry.name);
            frames.truncate(level + 1);
            let frame = &mut frames[level];
            frame.seen.insert(entry.name.clone());
            frame.last = Some(entry.name.clone());
            if frame.seen.len() == 1 {
                let owners = frame.shape.iter().flat_map(|shape| &shape.properties);
                self.expanded
                    .extend(owners.map(|property| property.owner.clone()));
            }
            let mut path = frame.path.clone();
            path.push(entry.name.clone());
            let shown = format!("{label}: {}", path.join("."));
            let property = frame
                .shape
                .as_ref()
                .and_then(|shape| shape.get(&entry.name))
                .cloned();
            let parent = frame.identity.clone();
            self.comparison.figures.fields.listed += 1;
            let Some(property) = property else {
                let what = format!(
                    "the docs list `{}` under `{parent}`; the spec does not have it",
                    entry.name
                );
                self.differ(
                    format!("missing field {parent}.{}", entry.name),
                    what,
                    &entry.at,
                    &shown,
                );
                if entry.expands {
                    frames.push(Frame::new(None, format!("{parent}.{}", entry.name), path));
                }
                continue;
            };
            self.comparison.figures.fields.matched += 1;
            self.listed.insert(property.key());
            self.shown_at
                .entry(property.key())
                .or_default()
                .push(place_shown(&entry.at, &shown));
            if entry.written_type.is_some() {
                self.typed.insert(property.key());
            }
            if property.required == entry.required {
                self.comparison.figures.fields.flags_agreeing += 1;
            } else {
                let what = flags(
                    entry.required,
                    property.required,
                    &(self.locate)(&property.schema),
                );
                self.differ(
                    format!("required field {}", property.key()),
                    what,
                    &entry.at,
                    &shown,
                );
            }
            if entry.expands {
                let shape = spec::child_shape(self.document, &property);
                frames.push(Frame::new(Some(shape.clone()), shape.identity, path));
            } else {
                unopened = Some(Unopened {
                    property,
                    level,
                    path,
                });
            }
        }
    }

    /// Lists the numeric fields whose type no listing writes, and makes a difference of each
    /// measurement among them that the spec reads as whole numbers only.
    fn untyped_numbers(&mut self) {
        let fields = &self.reachable.fields;
        self.comparison.figures.untyped_fields = fields
            .keys()
            .filter(|key| !self.typed.contains(*key))
            .count();
        let numbers = untyped::numbers(self.document, fields, &self.typed, self.locate);
        for number in numbers
            .iter()
            .filter(|number| number.is_whole_measurement())
        {
            let what = format!(
                "the docs write no type for this field and its name says it is a measurement \
                 (`{}`); the spec has `{}` ({}), but a whole-number example does not make an \
                 integer: make it `type: number`, or allow-list it with the reason it is always whole",
                number.measurement.unwrap_or_default(),
                number.declared,
                number.at
            );
            let key = format!("integer measurement {}", number.key);
            let places = self.shown_at.get(&number.key).cloned().unwrap_or_default();
            self.comparison
                .differences
                .insert(key.clone(), Difference { key, what, places });
        }
        self.comparison.figures.untyped_numbers = numbers;
    }

    /// Records a difference seen at `place` of the reference.
    fn differ(&mut self, key: String, what: String, place: &Place, shown: &str) {
        let place = place_shown(place, shown);
        self.comparison
            .differences
            .entry(key.clone())
            .or_insert_with(|| Difference {
                key,
                what,
                places: Vec::new(),
            })
            .places
            .push(place);
    }

    /// Records a difference that no place of the reference shows: something the spec has.
    fn note(&mut self, key: String, what: String) {
        self.comparison.differences.insert(
            key.clone(),
            Difference {
                key,
                what,
                places: Vec::new(),
            },
        );
    }
}

/// A place of the reference with the listing's path to the field shown there, if any.
fn place_shown(place: &Place, shown: &str) -> String {
    if shown.is_empty() {
        place.to_string()
    } else {
        format!("{place} ({shown})")
    }
}

fn flags(listed: bool, specified: bool, at: &str) -> String {
    let word = |required: bool| if required { "required" } else { "optional" };
    format!(
        "the docs list it as {}, the spec has it {} ({at})",
        word(listed),
        word(specified)
    )
}

/// The open object an entry named `name` belongs to (see the module's comment).
fn level(frames: &[Frame], name: &str) -> usize {
    let deepest =
        |accept: &dyn Fn(&Frame) -> bool| (0..frames.len()).rev().find(|i| accept(&frames[*i]));
    deepest(&|frame| frame.has(name) && frame.in_order(name))
        .or_else(|| deepest(&|frame| frame.has(name)))
        .or_else(|| deepest(&|frame| frame.in_order(name)))
        .unwrap_or(frames.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A spec of two operations: a plan with nested dimensions and a map, and a wrapped job.
    fn document() -> Value {
        let response = |schema: &str| json!({"content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
        json!({
            "paths": {
                "/v2/plans": {"get": {
                    "operationId": "plans_get",
                    "responses": {"200": response("plans_response")}
                }},
                "/v2/jobs/{id}": {"get": {
                    "operationId": "jobs_get",
                    "parameters": [{"name": "id", "in": "path", "required": true}],
                    "responses": {"200": response("job_response")}
                }}
            },
            "components": {"schemas": {
                "plans_response": {"type": "object", "properties": {
                    "plans": {"type": "array", "items": {"$ref": "#/components/schemas/plan"}},
                    "links": {"type": "object", "properties": {"pages": {"anyOf": [
                        {"type": "object", "properties": {"last": {"type": "string"}}},
                        {"type": "object", "properties": {"first": {"type": "string"}}}
                    ]}}}
                }},
                "plan": {
                    "type": "object",
                    "properties": {
                        "dimensions": {"type": "array", "items": {
                            "type": "object",
                            "properties": {"display_name": {"type": "string"}, "sku": {"type": "string"}}
                        }},
                        "display_name": {"type": "string"},
                        "extras": {"type": "object", "properties": {"note": {"type": "string"}}},
                        "hidden": {"type": "string"},
                        "invented": {"type": "object", "properties": {"thing": {"type": "string"}}},
                        "scales": {"type": "object", "additionalProperties": {
                            "type": "object", "properties": {"to": {"type": "integer"}}
                        }},
                        "slug": {"type": "string"}
                    },
                    "required": ["display_name"]
                },
                "job_response": {"type": "object", "properties": {
                    "job": {"type": "object", "properties": {"id": {"type": "string"}, "phase": {"type": "string"}}}
                }}
            }}
        })
    }

    const PAGE: &str = "\
GET List plans
/v2/plans
Responses
200
A JSON object with a plans key.
application/json
plans
optional
Show child properties
dimensions
optional
Show child properties
display_name
required
Basic Dimensionsku
optional
sku_1display_name
required
Basicextras
optional
scales
optional
Show child properties
(additional properties)
optional
Show child properties
to
optional
3slug
optional
basicThe slug.
unknown
required
links
optional
Show child properties
pages
optional
Forward Links
last
optional
Backward Links
first
optional
Response
{\"plans\": [{\"extras\": {\"note\": \"a\"}}]}
GET Get a job
/v2/jobs/{id}
Path Parameters
id
required
Responses
200
A JSON with key job
application/json
id
optional
phase
optional
404
Not found.
";

    fn run() -> Comparison {
        let document = document();
        let known = spec::names(&document);
        let operations = reference::parse("page.txt", PAGE, &known);
        let examples = reference::example_keys(PAGE);
        compare(&operations, &examples, &document, &|pointer| {
            pointer.to_owned()
        })
    }

    #[test]
    fn listings_nest_along_the_spec_and_every_kind_of_difference_is_found() {
        let comparison = run();
        let keys: Vec<&str> = comparison.differences.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "missing field plan.unknown",
                "missing response jobs_get 404",
                "required field plan.dimensions.display_name",
                "unlisted field plan.hidden",
                "unlisted field plan.invented",
                "unlisted field plan.invented.thing",
            ],
            "{comparison:#?}"
        );
        let missing = &comparison.differences["missing field plan.unknown"];
        assert_eq!(
            missing.places,
            ["page.txt:32 (plans_get 200: plans.unknown)"]
        );
        assert!(
            comparison.differences["unlisted field plan.hidden"]
                .what
                .starts_with("the docs expand `plan`"),
        );
    }

    /// A page where a listing writes no types and one that writes them, and the spec they
    /// describe.
    fn gauges() -> Comparison {
        let response = |schema: &str| json!({"content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
        let document = json!({
            "paths": {
                "/v2/gauges": {"get": {
                    "operationId": "gauges_list",
                    "responses": {"200": response("gauges_response")}
                }},
                "/v2/dials": {"get": {
                    "operationId": "dials_get",
                    "responses": {"200": response("dial_response")}
                }}
            },
            "components": {"schemas": {
                "gauges_response": {"type": "object", "properties": {
                    "gauges": {"type": "array", "items": {"$ref": "#/components/schemas/gauge"}}
                }},
                "gauge": {"type": "object", "properties": {
                    "label": {"type": "string"},
                    "load_rate": {"type": "number"},
                    "reading_value": {"type": "integer"},
                    "replicas": {"type": "integer"}
                }},
                "dial_response": {"type": "object", "properties": {
                    "dial": {"$ref": "#/components/schemas/dial"}
                }},
                "dial": {"type": "object", "properties": {"size": {"type": "integer"}}}
            }}
        });
        let page = "\
GET List gauges
/v2/gauges
Responses
200
A JSON with key gauges
application/json
gauges
optional
Show child properties
label
optional
northload_rate
optional
0.5reading_value
optional
100replicas
optional
2
GET Get a dial
/v2/dials
Responses

200

A JSON with key dial

dial object optional
Show child properties
size integer optional
Example: 3
";
        let known = spec::names(&document);
        let operations = reference::parse("page.txt", page, &known);
        compare(&operations, &BTreeSet::new(), &document, &|pointer| {
            pointer.to_owned()
        })
    }

    #[test]
    fn a_measurement_typed_integer_with_no_type_in_the_docs_is_a_difference() {
        let comparison = gauges();
        let keys: Vec<&str> = comparison.differences.keys().map(String::as_str).collect();
        assert_eq!(keys, ["integer measurement gauge.reading_value"]);
        let difference = &comparison.differences["integer measurement gauge.reading_value"];
        assert_eq!(
            difference.places,
            ["page.txt:14 (gauges_list 200: gauges.reading_value)"]
        );
        assert!(
            difference.what.contains("(`value`)")
                && difference
                    .what
                    .contains("`integer` (#/components/schemas/gauge/properties/reading_value)"),
            "{}",
            difference.what
        );
    }

    #[test]
    fn every_numeric_field_without_a_written_type_is_listed() {
        let figures = gauges().figures;
        let listed: Vec<(&str, &str, Option<&str>)> = figures
            .untyped_numbers
            .iter()
            .map(|number| {
                (
                    number.key.as_str(),
                    number.declared.as_str(),
                    number.measurement,
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                ("gauge.load_rate", "number", Some("rate")),
                ("gauge.reading_value", "integer", Some("value")),
                ("gauge.replicas", "integer", None),
            ],
            "`dial.size` is left out: its listing writes `integer`"
        );
        assert_eq!(
            figures.untyped_fields, 5,
            "the gauges' fields and `gauges` itself; not the dial's, whose types are written"
        );
    }

    #[test]
    fn the_figures_count_what_agrees() {
        let figures = run().figures;
        assert_eq!(figures.operations, 2);
        assert_eq!(
            figures.fields,
            Tally {
                listed: 17,
                matched: 16,
                flags_agreeing: 15
            }
        );
        assert_eq!(
            figures.parameters,
            Tally {
                listed: 1,
                matched: 1,
                flags_agreeing: 1
            }
        );
        assert_eq!((figures.wrappers_named, figures.wrappers_agreeing), (2, 2));
        assert_eq!(figures.listings_inside_wrapper, ["jobs_get 200"]);
        assert_eq!(
            figures.fields_from_examples, 1,
            "extras.note, shown by the example"
        );
    }
}
