//! How a list operation pages, when it follows a convention that lowering recognises: a stream
//! of its items is then generated. An operation that follows none, as in a spec with no paging
//! convention, gets no stream and no warning: it is called page by page like any other.

use std::collections::BTreeMap;

use crate::ir::{
    FieldPath, Operation, Pagination, PagingStrategy, ParamLocation, Success, TypeDef, TypeKind,
    TypeRef,
};

/// The paging convention an operation follows, if it follows one that lowering recognises.
pub(crate) fn detect(
    operation: &Operation,
    types: &BTreeMap<String, TypeDef>,
) -> Option<Pagination> {
    page_number_and_next_link(operation, types)
}

/// [`PagingStrategy::PageNumberAndNextLink`]: the shape of the parameters and of the response
/// decides, not their names beyond `page`, `next` and `total`.
fn page_number_and_next_link(
    operation: &Operation,
    types: &BTreeMap<String, TypeDef>,
) -> Option<Pagination> {
    let integer_query = |names: &[&str]| {
        operation
            .params
            .iter()
            .find(|p| {
                p.location == ParamLocation::Query
                    && matches!(p.ty, TypeRef::Integer(_))
                    && names.contains(&p.name.as_str())
            })
            .map(|p| p.name.clone())
    };
    let page_param = integer_query(&["page"])?;
    let Success::One(TypeRef::Named(response)) = &operation.success else {
        return None;
    };
    let TypeKind::Struct(body) = &types.get(response)?.kind else {
        return None;
    };
    let mut arrays = body.fields.iter().filter_map(|f| match &f.ty {
        TypeRef::Array(item) => Some((f, item)),
        _ => None,
    });
    let (items, item_type) = arrays.next()?;
    if arrays.next().is_some() {
        return None;
    }
    let next_link = find_field(response, types, "next", &|ty| *ty == TypeRef::String, 3)?;
    let total = find_field(
        response,
        types,
        "total",
        &|ty| matches!(ty, TypeRef::Integer(_)),
        3,
    );
    Some(Pagination {
        strategy: PagingStrategy::PageNumberAndNextLink,
        page_param,
        per_page_param: integer_query(&["per_page", "page_size", "perPage", "pageSize"]),
        items_field: items.rust_name.clone(),
        items_optional: items.is_optional(),
        item_type: (**item_type).clone(),
        next_link,
        total,
    })
}

/// The path to a field named `name` whose type passes `accept`, looking through nested structs
/// up to `depth` levels.
fn find_field(
    type_name: &str,
    types: &BTreeMap<String, TypeDef>,
    name: &str,
    accept: &dyn Fn(&TypeRef) -> bool,
    depth: usize,
) -> Option<FieldPath> {
    let TypeKind::Struct(body) = &types.get(type_name)?.kind else {
        return None;
    };
    if let Some(field) = body
        .fields
        .iter()
        .find(|f| f.name == name && accept(&f.ty) && !f.boxed)
    {
        return Some(FieldPath {
            fields: vec![(field.rust_name.clone(), field.is_optional())],
            ty: field.ty.clone(),
        });
    }
    if depth == 0 {
        return None;
    }
    // A boxed struct is followed like any other: a field of a `Box` reads through it.
    body.fields.iter().find_map(|field| {
        let TypeRef::Named(inner) = &field.ty else {
            return None;
        };
        let mut path = find_field(inner, types, name, accept, depth - 1)?;
        path.fields
            .insert(0, (field.rust_name.clone(), field.is_optional()));
        Some(path)
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::ir::{Pagination, PagingStrategy};
    use crate::load::InMemory;

    /// The pagination of `GET /things`, which takes a `page` and answers with `body` (YAML).
    fn pagination_of(body: &str) -> Option<Pagination> {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /things:\n    get:\n      \
             operationId: list_things\n      parameters:\n        - {{name: page, in: query, \
             schema: {{type: integer}}}}\n      responses:\n        '200':\n          \
             description: ok\n          content:\n            application/json:\n              \
             schema: {body}\n"
        );
        let files = InMemory([(PathBuf::from("api.yaml"), text)].into_iter().collect());
        let lowered = crate::model_from(&files, Path::new("api.yaml"))
            .unwrap_or_else(|error| panic!("{}", crate::Report(&error)));
        lowered.api.resources[0].operations[0].pagination.clone()
    }

    #[test]
    fn a_page_number_and_a_next_link_make_a_stream() {
        let pagination = pagination_of(
            "{type: object, properties: {things: {type: array, items: {type: string}}, \
             links: {type: object, properties: {next: {type: string}}}, total: {type: integer}}}",
        )
        .expect("the operation pages");
        assert_eq!(pagination.strategy, PagingStrategy::PageNumberAndNextLink);
        assert_eq!(pagination.items_field, "things");
        assert_eq!(pagination.next_link.fields.len(), 2);
        assert!(pagination.total.is_some());
    }

    #[test]
    fn a_page_number_without_a_next_link_is_no_convention() {
        assert_eq!(
            pagination_of(
                "{type: object, properties: {things: {type: array, items: {type: string}}, \
                 total: {type: integer}}}"
            ),
            None
        );
        assert_eq!(
            pagination_of(
                "{type: object, properties: {a: {type: array, items: {type: string}}, \
                 b: {type: array, items: {type: string}}, next: {type: string}}}"
            ),
            None,
            "two arrays: which one holds the items is not known"
        );
    }
}
