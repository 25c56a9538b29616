//! Operations grouped into resources, one per tag, and the names users call them by.

use std::collections::BTreeMap;

use super::operations::TaggedOperation;
use crate::ir::{Operation, Resource};
use crate::load::Spec;
use crate::names::{Namespace, camel, snake};

/// Names accessors must not take: the generated `Client`'s own methods and the mocks'
/// `MockServer`'s; `default`, which cargo keeps for the default set of features (each resource is
/// a feature of the crate); the crate's own features, `mock` and `cli`; and the files beside the
/// resources' own (a tag `Common` would overwrite the types and mocks its resources share).
const CLIENT_METHODS: &[&str] = &[
    "base_url",
    "builder",
    "cli",
    "client",
    "client_builder",
    "clone",
    "common",
    "default",
    "deref",
    "example_tests",
    "fmt",
    "from_env",
    "mock",
    "new",
    "received_requests",
    "reset",
    "start",
    "uri",
    "verify",
    "wiremock",
];

/// The resource of operations without a tag.
const UNTAGGED: &str = "operations";

/// Groups the operations by tag; two operations that would be the same method are told apart,
/// with a warning in `warnings`.
pub(crate) fn group(
    spec: &Spec,
    operations: Vec<TaggedOperation>,
    warnings: &mut Vec<crate::Warning>,
) -> Vec<Resource> {
    let mut by_tag: BTreeMap<String, Vec<TaggedOperation>> = BTreeMap::new();
    for operation in operations {
        let tag = operation.tag.clone().unwrap_or_else(|| UNTAGGED.to_owned());
        by_tag.entry(tag).or_default().push(operation);
    }
    let mut accessors = Namespace::with_reserved(CLIENT_METHODS);
    let mut type_names = Namespace::with_reserved(crate::names::RESERVED_TYPE_NAMES);
    let mut resources = Vec::new();
    for (tag, mut operations) in by_tag {
        operations.sort_by(|a, b| a.operation.id.cmp(&b.operation.id));
        let prefix = shared_prefix(&tag, &operations).map(str::to_owned);
        let prefix = prefix.as_deref();
        let module = accessors.claim(module_name(&tag, &operations));
        let type_name = type_names.claim(camel(&module, "Resource", "R"));
        let mut lowered: BTreeMap<String, TaggedOperation> = BTreeMap::new();
        let mut methods = Namespace::new();
        for operation in operations {
            let id = &operation.operation.id;
            let stem = match prefix {
                Some(_) => split_prefix(id).map_or(id.as_str(), |(_, rest)| rest),
                None => id.as_str(),
            };
            let wanted = snake(stem, "call");
            let method = methods.claim(wanted.clone());
            if method != wanted {
                let other = &lowered[&wanted];
                let warning = crate::Warning {
                    location: spec.locate(&format!("{}/operationId", operation.pointer)),
                    message: format!(
                        "operations `{id}` and `{}` would both be the method `{wanted}` of `{module}`; this one is `{method}`",
                        other.operation.id
                    ),
                    hint: "rename one of the two operationIds so that they differ in more than case and punctuation",
                };
                warnings.push(warning);
            }
            lowered.insert(method, operation);
        }
        let mut builders = Namespace::with_reserved(&[type_name.as_str()]);
        let operations = lowered
            .into_iter()
            .map(|(method_name, lowered)| Operation {
                builder_name: builders.claim(camel(&method_name, "Call", "C")),
                method_name,
                ..lowered.operation
            })
            .collect();
        let doc = spec
            .openapi
            .tags
            .iter()
            .find(|t| t.name == tag)
            .and_then(|t| t.description.clone());
        resources.push(Resource {
            tag,
            module,
            type_name,
            doc,
            operations,
        });
    }
    resources.sort_by(|a, b| a.module.cmp(&b.module));
    resources
}

/// The accessor is the tag in snake case; a tag that cannot start an identifier (`1-Click
/// Applications`) is named by the prefix its operationIds share (`oneClicks_list` -> `one_clicks`).
fn module_name(tag: &str, operations: &[TaggedOperation]) -> String {
    let from_tag = snake(tag, "");
    if !from_tag.is_empty() && !from_tag.starts_with('_') {
        return from_tag;
    }
    match common_prefix(operations) {
        Some(prefix) => snake(prefix, "operations"),
        None => "operations".to_owned(),
    }
}

/// The `prefix` of operationIds written `{prefix}_{action}` that the method names drop, when
/// every operation of the tag has it and it names the resource (the tag has several operations,
/// or the prefix is the tag itself): `apps_get_deployment` is `client.apps().get_deployment()`.
fn shared_prefix<'o>(tag: &str, operations: &'o [TaggedOperation]) -> Option<&'o str> {
    let prefix = common_prefix(operations)?;
    let squash = |text: &str| -> String {
        text.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    (operations.len() > 1 || squash(prefix) == squash(tag)).then_some(prefix)
}

fn common_prefix(operations: &[TaggedOperation]) -> Option<&str> {
    let first = split_prefix(&operations.first()?.operation.id)?.0;
    let shared = operations
        .iter()
        .all(|op| split_prefix(&op.operation.id).is_some_and(|(prefix, _)| prefix == first));
    shared.then_some(first)
}

/// `apps_get` and `repos/get` both name the resource first: the prefix before the first `_`,
/// `/` or `.`, when there is something on both sides.
fn split_prefix(id: &str) -> Option<(&str, &str)> {
    let at = id.find(['_', '/', '.'])?;
    let (prefix, rest) = (&id[..at], &id[at + 1..]);
    (!prefix.is_empty() && !rest.is_empty()).then_some((prefix, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_name_their_resource_first() {
        assert_eq!(
            split_prefix("apps_get_deployment"),
            Some(("apps", "get_deployment"))
        );
        assert_eq!(
            split_prefix("repos/list-for-org"),
            Some(("repos", "list-for-org"))
        );
        assert_eq!(split_prefix("pets.list"), Some(("pets", "list")));
        assert_eq!(split_prefix("listPets"), None);
        assert_eq!(split_prefix("_private"), None);
        assert_eq!(split_prefix("trailing_"), None);
    }
}
