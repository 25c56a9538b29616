//! Which named types users build (requests carry them) and which they read (responses do).

use std::collections::{BTreeMap, BTreeSet};

use super::leaf;
use crate::emit::models::references;
use crate::ir::{Api, TypeDef, TypeRef};

/// How users meet a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Usage {
    /// A parameter or request body reaches it: users build values of it to send.
    pub sent: bool,
    /// A response reaches it: users read values of it.
    pub received: bool,
}

impl Usage {
    /// The heading's note on how the type is used.
    pub fn label(self) -> &'static str {
        match (self.sent, self.received) {
            (true, true) => "requests and responses",
            (true, false) => "requests",
            (false, _) => "responses",
        }
    }
}

/// The types reached from requests and from responses in one model.
pub(super) struct Reach<'a> {
    sent: BTreeSet<&'a str>,
    received: BTreeSet<&'a str>,
}

impl<'a> Reach<'a> {
    pub fn of(api: &'a Api) -> Reach<'a> {
        let mut sent = Vec::new();
        let mut received = Vec::new();
        for operation in api.resources.iter().flat_map(|r| &r.operations) {
            sent.extend(operation.params.iter().map(|p| &p.ty));
            sent.extend(operation.body.iter().map(|b| &b.ty));
            for response in &operation.responses {
                received.extend(response.content.iter().filter_map(|c| c.ty.as_ref()));
                received.extend(response.headers.iter().map(|h| &h.ty));
            }
        }
        received.extend(&api.error_body);
        Reach {
            sent: closure(api, sent),
            received: closure(api, received),
        }
    }
}

/// How users meet `name`, in the old model or the new. A type that neither reaches is still
/// public, so it counts as both sent and received.
pub(super) fn usage(old: &Reach<'_>, new: &Reach<'_>, name: &str) -> Usage {
    let sent = old.sent.contains(name) || new.sent.contains(name);
    let received = old.received.contains(name) || new.received.contains(name);
    if sent || received {
        Usage { sent, received }
    } else {
        Usage {
            sent: true,
            received: true,
        }
    }
}

/// Every named type that `roots` reach, through fields, variants and aliases.
fn closure<'a>(api: &'a Api, roots: Vec<&'a TypeRef>) -> BTreeSet<&'a str> {
    let defs: BTreeMap<&str, &TypeDef> = api.types.iter().map(|d| (d.name.as_str(), d)).collect();
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(ty) = stack.pop() {
        let Some(name) = named(ty) else { continue };
        if !seen.insert(name) {
            continue;
        }
        if let Some(def) = defs.get(name) {
            stack.extend(references(def));
        }
    }
    seen
}

/// The named type a value of `ty` holds, however deep in arrays and maps.
fn named(ty: &TypeRef) -> Option<&str> {
    match leaf(ty) {
        TypeRef::Named(name) => Some(name),
        _ => None,
    }
}
