//! What can only be decided once every type and operation is known: which types box which (for
//! recursion here, for size in [`size`]), which implement `Default`, the API's error body,
//! pagination, how each answer is asked for ([`exchange`]), and the features the crate needs.

use std::collections::{BTreeMap, BTreeSet};

use super::{LowerError, exchange, pagination, size};
use crate::ir::{Api, Encoding, Features, Rest, Status, TypeDef, TypeKind, TypeRef};
use crate::load::Spec;

pub(crate) fn finish(api: &mut Api, spec: &Spec) -> Result<(), LowerError> {
    refuse_alias_cycles(&api.types, spec)?;
    box_recursion(&mut api.types);
    size::box_large_members(&mut api.types);
    mark_defaults(&mut api.types);
    api.error_body = shared_error_body(api);
    let types: BTreeMap<String, TypeDef> = api
        .types
        .iter()
        .map(|t| (t.name.clone(), t.clone()))
        .collect();
    for resource in &mut api.resources {
        for operation in &mut resource.operations {
            operation.pagination = pagination::detect(operation, &types);
            operation.answer = exchange::answer(operation);
        }
    }
    api.features = features(api);
    Ok(())
}

/// An alias that stands for itself (`a: {allOf: [$ref: a]}`) is no type at all.
fn refuse_alias_cycles(types: &[TypeDef], spec: &Spec) -> Result<(), LowerError> {
    let aliases: BTreeMap<&str, &str> = types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::Alias(TypeRef::Named(target)) => Some((def.name.as_str(), target.as_str())),
            _ => None,
        })
        .collect();
    for def in types {
        let mut seen = BTreeSet::new();
        let mut current = def.name.as_str();
        while let Some(target) = aliases.get(current) {
            if !seen.insert(current) {
                return Err(LowerError::Invalid {
                    location: spec.locate(&def.origin),
                    message: format!("`{}` is only ever another name for itself", def.name),
                    hint: "give the schema content, or point it at a schema that has some",
                });
            }
            current = target;
        }
    }
    Ok(())
}

/// The type a value of `ty` contains without indirection, if it is a named one.
fn direct(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}

/// Boxes every field and union variant that leads back to its own type without passing through
/// a `Vec` or a map, so that recursive types have a size.
fn box_recursion(types: &mut [TypeDef]) {
    let index: BTreeMap<&str, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|def| {
            let targets: Vec<&str> = match &def.kind {
                TypeKind::Struct(s) => s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
                TypeKind::Union(u) => u.variants.iter().filter_map(|v| direct(&v.ty)).collect(),
                TypeKind::Alias(ty) => direct(ty).into_iter().collect(),
                TypeKind::Enum(_) => Vec::new(),
            };
            targets
                .iter()
                .filter_map(|t| index.get(t).copied())
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);
    let recursive = |from: usize, to: &TypeRef| {
        direct(to)
            .and_then(|name| index.get(name))
            .is_some_and(|&to| component[to] == component[from])
    };
    let mut boxes: Vec<(usize, usize)> = Vec::new();
    for (i, def) in types.iter().enumerate() {
        match &def.kind {
            TypeKind::Struct(s) => boxes.extend(
                s.fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| recursive(i, &f.ty))
                    .map(|(j, _)| (i, j)),
            ),
            TypeKind::Union(u) => boxes.extend(
                u.variants
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| recursive(i, &v.ty))
                    .map(|(j, _)| (i, j)),
            ),
            _ => {}
        }
    }
    for (i, j) in boxes {
        match &mut types[i].kind {
            TypeKind::Struct(s) => s.fields[j].boxed = true,
            TypeKind::Union(u) => u.variants[j].boxed = true,
            _ => {}
        }
    }
}

/// Tarjan's algorithm: the component number of every node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    struct State<'e> {
        edges: &'e [Vec<usize>],
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on_stack: Vec<bool>,
        stack: Vec<usize>,
        next: usize,
        component: Vec<usize>,
        components: usize,
    }
    fn visit(s: &mut State<'_>, v: usize) {
        s.index[v] = Some(s.next);
        s.low[v] = s.next;
        s.next += 1;
        s.stack.push(v);
        s.on_stack[v] = true;
        for &w in &s.edges[v] {
            match s.index[w] {
                None => {
                    visit(s, w);
                    s.low[v] = s.low[v].min(s.low[w]);
                }
                Some(index) if s.on_stack[w] => s.low[v] = s.low[v].min(index),
                Some(_) => {}
            }
        }
        if Some(s.low[v]) == s.index[v] {
            while let Some(w) = s.stack.pop() {
                s.on_stack[w] = false;
                s.component[w] = s.components;
                if w == v {
                    break;
                }
            }
            s.components += 1;
        }
    }
    let n = edges.len();
    let mut state = State {
        edges,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        next: 0,
        component: vec![0; n],
        components: 0,
    };
    for v in 0..n {
        if state.index[v].is_none() {
            visit(&mut state, v);
        }
    }
    state.component
}

/// Marks the types that can implement `Default`: those whose every field can be left out or has
/// a type with a default, and enums that the spec gives a default.
fn mark_defaults(types: &mut [TypeDef]) {
    loop {
        let known: BTreeSet<String> = types
            .iter()
            .filter(|t| t.has_default)
            .map(|t| t.name.clone())
            .collect();
        let has = |ty: &TypeRef| match ty {
            TypeRef::Named(name) => known.contains(name),
            TypeRef::DateTime | TypeRef::Date => false,
            _ => true,
        };
        let mut changed = false;
        for def in types.iter_mut().filter(|t| !t.has_default) {
            let can = match &def.kind {
                TypeKind::Struct(s) => s.fields.iter().all(|f| f.is_optional() || has(&f.ty)),
                TypeKind::Enum(e) => e.default.is_some(),
                TypeKind::Union(_) => false,
                TypeKind::Alias(ty) => has(ty),
            };
            if can {
                def.has_default = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// The body of every error response, when they all have the same one.
fn shared_error_body(api: &Api) -> Option<TypeRef> {
    let mut bodies = BTreeSet::new();
    for operation in api.resources.iter().flat_map(|r| &r.operations) {
        // Without a documented success, `default` describes the success, not the errors.
        let has_success = operation.responses.iter().any(|r| r.status.is_success());
        let errors = operation
            .responses
            .iter()
            .filter(|r| !r.status.is_success() && (has_success || r.status != Status::Default));
        for response in errors {
            // Only a body the client decodes can be shared; text and bytes stay raw.
            let decoded = response
                .content
                .first()
                .filter(|c| matches!(c.encoding, Encoding::Json | Encoding::Yaml));
            if let Some(ty) = decoded.and_then(|c| c.ty.clone()) {
                bodies.insert(ty);
            }
        }
    }
    (bodies.len() == 1)
        .then(|| bodies.into_iter().next())
        .flatten()
}

fn features(api: &Api) -> Features {
    let mut features = Features {
        deprecated: deprecates_anything(api),
        ..Features::default()
    };
    let mut visit = |ty: &TypeRef| visit_type(ty, &mut features);
    for def in &api.types {
        match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| visit(&f.ty));
                if let Rest::Typed { ty, .. } = &s.rest {
                    visit(ty);
                }
            }
            TypeKind::Union(u) => u.variants.iter().for_each(|v| visit(&v.ty)),
            TypeKind::Alias(ty) => visit(ty),
            TypeKind::Enum(_) => {}
        }
    }
    for operation in api.resources.iter().flat_map(|r| &r.operations) {
        for param in &operation.params {
            visit_type(&param.ty, &mut features);
        }
        let mut encodings: Vec<Encoding> = operation.accept.clone();
        if let Some(body) = &operation.body {
            visit_type(&body.ty, &mut features);
            encodings.extend(&body.encodings);
        }
        for response in &operation.responses {
            encodings.extend(response.content.iter().map(|c| c.encoding));
            for header in &response.headers {
                visit_type(&header.ty, &mut features);
            }
        }
        for encoding in encodings {
            match encoding {
                Encoding::Yaml => features.yaml = true,
                Encoding::Form => features.form = true,
                Encoding::Multipart => features.multipart = true,
                _ => {}
            }
        }
    }
    features
}

/// Whether any type, field, operation or parameter is deprecated.
fn deprecates_anything(api: &Api) -> bool {
    let types = api.types.iter().any(|def| {
        def.deprecated
            || matches!(&def.kind, TypeKind::Struct(s) if s.fields.iter().any(|f| f.deprecated))
    });
    let operations = api
        .resources
        .iter()
        .flat_map(|r| &r.operations)
        .any(|op| op.deprecated || op.params.iter().any(|p| p.deprecated));
    types || operations
}

fn visit_type(ty: &TypeRef, features: &mut Features) {
    match ty {
        TypeRef::DateTime | TypeRef::Date => features.date_time = true,
        TypeRef::IntegerString(_) => features.int_as_string = true,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            visit_type(inner, features)
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_of_a_graph() {
        // 0 -> 1 -> 2 -> 1, 3 -> 3, 4 alone.
        let component = strongly_connected(&[vec![1], vec![2], vec![1], vec![3], vec![]]);
        assert_eq!(component[1], component[2]);
        assert_ne!(component[0], component[1]);
        assert_ne!(component[4], component[0]);
        let alone = |v: usize| component.iter().filter(|&&c| c == component[v]).count() == 1;
        assert!(alone(0) && alone(3) && alone(4));
    }
}
