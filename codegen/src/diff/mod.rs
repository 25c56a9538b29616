//! What a change of the spec does to code that uses the generated crate.
//!
//! [`compare`] walks two models of an API, the one before a change and the one after, and lists
//! every difference a user of the crate can meet: operations, their parameters, bodies and
//! responses; types, their fields, variants and enum values. Each [`Change`] is classed
//! [`Class::Breaking`], [`Class::Additive`] or [`Class::Docs`], and the worst class decides the
//! [`Bump`] of the crate's version. [`markdown`] writes the report a reviewer reads in a pull
//! request; [`summary`] its one line.
//!
//! # What counts as breaking
//!
//! The classes are decided from the generated code, as a user's code meets it:
//!
//! - **Breaking**: code that compiled against the old crate may not compile against the new one,
//!   or the same call now sends a different request or reads a response differently.
//! - **Additive**: something new (an operation, a setter, a type, a field, an enum value); code
//!   that compiled still compiles and does what it did.
//! - **Docs**: nothing code can observe changes: descriptions, summaries, documented defaults and
//!   scopes, and what the spec says of error statuses and response headers, which the crate
//!   does not type.
//!
//! Two conventions make "additive" mean what it says, and the generated crate documents both:
//!
//! - Enums, unions and the enums of success bodies are `#[non_exhaustive]`, so every `match` on
//!   them has a `_` arm: a new value or variant breaks no match. Enums also keep values they do
//!   not list (`UnknownValue`), so a response with a new value decoded before and still does.
//! - Structs are built with `Type::new(required fields)`, `Default::default()` or functional
//!   update (`Type { field, ..Type::new(a, b) }`), never with a literal that names every field.
//!   A new optional field is then additive. A struct that has neither `new` nor `Default` can only
//!   be built with such a literal, so any new field breaks it.
//!
//! Whether a type is sent, received or both matters: a new required field breaks code that builds
//! a request (it lacks the field), but only adds to code that reads a response. Types are sent
//! when a parameter or request body reaches them, received when a response does; a type neither
//! reaches counts as both.
//!
//! The comparison is of two specs through the same generator: a change of the generator itself
//! shows in the diff of the generated code, not here.

mod markdown;
mod operations;
mod types;
mod usage;

#[cfg(test)]
mod tests;

use std::fmt;

pub use markdown::{markdown, summary};
pub use semver::Version;

use crate::ir::{Api, TypeRef};

/// How a change affects code that uses the generated crate, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Only documentation changes.
    Docs,
    /// Something is new; existing code compiles and behaves as before.
    Additive,
    /// Existing code may stop compiling or behave differently.
    Breaking,
}

impl Class {
    pub const ALL: [Class; 3] = [Class::Breaking, Class::Additive, Class::Docs];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Docs => "docs",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in the crate a change is found: the report's sections, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// What the crate defines once: its base URL, its error body, its docs.
    Crate,
    /// A resource's accessor on the client, or one of its operations.
    Operations,
    /// A named type of `models`.
    Types,
}

/// One difference between the two models.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub class: Class,
    pub section: Section,
    /// The thing that changed, as the report's heading names it (Markdown); empty for the
    /// crate as a whole.
    pub subject: String,
    /// What changed and what it does to users, in one sentence (Markdown, no final period).
    pub text: String,
}

/// Every difference, grouped by section and subject in the order of the models.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub changes: Vec<Change>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes are of `class`.
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// The most severe class among the changes.
    pub fn worst(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).max()
    }

    /// The release the changes call for, from `version`.
    pub fn bump(&self, version: &semver::Version) -> Bump {
        Bump::of(self.worst(), version)
    }
}

/// Compares the model before a change (`old`) with the one after (`new`).
pub fn compare(old: &Api, new: &Api) -> Changes {
    let mut out = Vec::new();
    operations::compare_crate(old, new, &mut out);
    operations::compare(old, new, &mut out);
    types::compare(old, new, &mut out);
    // Stable: the walks go in the models' order; this only puts the sections in theirs.
    out.sort_by_key(|change| change.section);
    Changes { changes: out }
}

/// A release: which part of the version goes up, and the version it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bump {
    pub part: Part,
    pub from: semver::Version,
    pub to: semver::Version,
}

/// The part of a version that a release increments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// Nothing changed: no release is needed.
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    /// Cargo's rules: from 1.0 on, breaking is major, additive minor, docs patch; for `0.y.z`
    /// (y > 0) breaking is minor and the rest patch; for `0.0.z` every change is breaking and
    /// bumps the patch.
    pub fn of(worst: Option<Class>, from: &semver::Version) -> Bump {
        let part = match (worst, from.major, from.minor) {
            (None, _, _) => Part::None,
            (Some(_), 0, 0) => Part::Patch,
            (Some(Class::Breaking), 0, _) => Part::Minor,
            (Some(_), 0, _) => Part::Patch,
            (Some(Class::Breaking), _, _) => Part::Major,
            (Some(Class::Additive), _, _) => Part::Minor,
            (Some(Class::Docs), _, _) => Part::Patch,
        };
        let to = match part {
            Part::None => from.clone(),
            Part::Patch => semver::Version::new(from.major, from.minor, from.patch + 1),
            Part::Minor => semver::Version::new(from.major, from.minor + 1, 0),
            Part::Major => semver::Version::new(from.major + 1, 0, 0),
        };
        Bump {
            part,
            from: from.clone(),
            to,
        }
    }
}

/// The changes of one subject, in the order they are found.
struct Log<'a> {
    out: &'a mut Vec<Change>,
    section: Section,
    subject: String,
}

impl<'a> Log<'a> {
    fn new(out: &'a mut Vec<Change>, section: Section, subject: String) -> Log<'a> {
        Log {
            out,
            section,
            subject,
        }
    }

    fn push(&mut self, class: Class, text: impl Into<String>) {
        self.out.push(Change {
            class,
            section: self.section,
            subject: self.subject.clone(),
            text: text.into(),
        });
    }

    fn breaking(&mut self, text: impl Into<String>) {
        self.push(Class::Breaking, text);
    }

    fn additive(&mut self, text: impl Into<String>) {
        self.push(Class::Additive, text);
    }

    fn docs(&mut self, text: impl Into<String>) {
        self.push(Class::Docs, text);
    }

    /// `deprecated` set or cleared: a warning for users, which breaks no build of theirs.
    fn deprecation(&mut self, what: &str, old: bool, new: bool) {
        match (old, new) {
            (false, true) => self.additive(format!("{what} deprecated")),
            (true, false) => self.additive(format!("{what} no longer deprecated")),
            _ => {}
        }
    }

    /// A default the spec documents (the crate only shows it in the docs).
    fn documented_default(
        &mut self,
        what: &str,
        old: &Option<serde_json::Value>,
        new: &Option<serde_json::Value>,
    ) {
        if old == new {
            return;
        }
        let shown = |value: &Option<serde_json::Value>| {
            value
                .as_ref()
                .map_or("none".to_owned(), |v| code(&crate::emit::docs::value(v)))
        };
        self.docs(format!(
            "{what}: documented default {} (was {})",
            shown(new),
            shown(old)
        ));
    }

    /// A text that only documents: "`what` changed" when it differs.
    fn description<T: PartialEq>(&mut self, what: &str, old: &T, new: &T) {
        if old != new {
            self.docs(format!("{what} changed"));
        }
    }
}

/// An item of a list that two models key the same way.
enum Pair<'a, T> {
    Removed(&'a T),
    Added(&'a T),
    Both(&'a T, &'a T),
}

/// The items of `old` and `new`, matched by `key`, in key order.
fn pairs<'a, T, K: Ord>(old: &'a [T], new: &'a [T], key: impl Fn(&'a T) -> K) -> Vec<Pair<'a, T>> {
    let mut matched: std::collections::BTreeMap<K, (Option<&'a T>, Option<&'a T>)> =
        std::collections::BTreeMap::new();
    for item in old {
        matched.entry(key(item)).or_default().0 = Some(item);
    }
    for item in new {
        matched.entry(key(item)).or_default().1 = Some(item);
    }
    matched
        .into_values()
        .filter_map(|pair| match pair {
            (Some(old), Some(new)) => Some(Pair::Both(old, new)),
            (Some(old), None) => Some(Pair::Removed(old)),
            (None, Some(new)) => Some(Pair::Added(new)),
            (None, None) => None,
        })
        .collect()
}

/// `text` as inline code, whatever backticks it holds.
fn code(text: &str) -> String {
    let text = text.replace('\n', " ");
    let longest = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    if longest == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

/// How the crate spells `ty` (named types without their module).
fn spell(ty: &TypeRef) -> String {
    crate::emit::rust::rust_type(ty, &proc_macro2::TokenStream::new())
        .to_string()
        .replace(' ', "")
        .replace(',', ", ")
}

/// `old` and `new` spelled for a "was" sentence, telling apart types the crate spells alike
/// (an integer and an integer that travels as a string).
fn spell_both(old: &TypeRef, new: &TypeRef) -> (String, String) {
    let (old_text, new_text) = (spell(old), spell(new));
    if old_text == new_text && old != new {
        let wire = |ty: &TypeRef| {
            if integers_as_strings(ty) {
                " (integers as strings)"
            } else {
                " (integers as numbers)"
            }
        };
        return (old_text + wire(old), new_text + wire(new));
    }
    (old_text, new_text)
}

fn integers_as_strings(ty: &TypeRef) -> bool {
    matches!(leaf(ty), TypeRef::IntegerString(_))
}

/// What a value of `ty` is made of, inside any arrays and maps.
fn leaf(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => leaf(inner),
        TypeRef::Named(_)
        | TypeRef::String
        | TypeRef::Boolean
        | TypeRef::Integer(_)
        | TypeRef::IntegerString(_)
        | TypeRef::Number(_)
        | TypeRef::DateTime
        | TypeRef::Date
        | TypeRef::Binary
        | TypeRef::Any => ty,
    }
}
