//! The report a reviewer reads, and its one-line summary.

use std::fmt::Write;

use indexmap::IndexMap;

use super::{Bump, Change, Changes, Class, Part, Section};

/// The full report in Markdown. `base` names what the changes are compared with (Markdown, say
/// "the merge base with `main` (`a657322`)"); `version` is the crate's version before them.
pub fn markdown(changes: &Changes, base: &str, version: &semver::Version) -> String {
    let mut out = String::from("# API changes\n\n");
    if changes.is_empty() {
        let _ = writeln!(out, "Compared with {base}: no change to the API.\n");
    } else {
        let counts: Vec<String> = Class::ALL
            .iter()
            .map(|&class| {
                let count = format!("{} {class}", changes.count(class));
                if class == Class::Breaking && changes.count(class) > 0 {
                    format!("**{count}**")
                } else {
                    count
                }
            })
            .collect();
        let _ = writeln!(out, "Compared with {base}: {}.\n", counts.join(", "));
    }
    // The changes are in section order; a subject's changes are gathered under one heading.
    let mut subjects: IndexMap<(Section, &str), Vec<&Change>> = IndexMap::new();
    for change in &changes.changes {
        subjects
            .entry((change.section, &change.subject))
            .or_default()
            .push(change);
    }
    let mut section = None;
    for ((in_section, subject), lines) in &subjects {
        if section != Some(*in_section) {
            section = Some(*in_section);
            let _ = writeln!(out, "## {}\n", title(*in_section));
        }
        if !subject.is_empty() {
            let _ = writeln!(out, "### {subject}\n");
        }
        for change in lines {
            let _ = writeln!(out, "- **{}**: {}", change.class, change.text);
        }
        out.push('\n');
    }
    if !changes.is_empty() {
        out.push_str(LEGEND);
    }
    let _ = writeln!(out, "## Semver\n\n{}", bump_sentence(changes, version));
    out
}

/// One line: the counts per class and the release they call for.
pub fn summary(changes: &Changes, version: &semver::Version) -> String {
    if changes.is_empty() {
        return "no change to the API".into();
    }
    let counts: Vec<String> = Class::ALL
        .iter()
        .map(|&class| format!("{} {class}", changes.count(class)))
        .collect();
    let bump = changes.bump(version);
    format!(
        "{}; semver: {} → {} ({})",
        counts.join(", "),
        bump.from,
        bump.to,
        part(bump.part)
    )
}

fn title(section: Section) -> &'static str {
    match section {
        Section::Crate => "The crate",
        Section::Operations => "Operations",
        Section::Types => "Types",
    }
}

fn part(part: Part) -> &'static str {
    match part {
        Part::None => "no release",
        Part::Patch => "patch",
        Part::Minor => "minor",
        Part::Major => "major",
    }
}

const LEGEND: &str = "\
## What the classes mean

- **breaking**: code that uses the crate may no longer compile, or a call now sends a different
  request or reads its response differently.
- **additive**: something new; code that compiled still compiles and does what it did.
- **docs**: only documentation changes, or what the spec says that the crate does not type
  (error statuses, response headers).

This holds for code that builds structs with `new`, `Default::default()` or `..` from one of
them (not with a literal that names every field), and that matches enums with a `_` arm (they
are `#[non_exhaustive]`). A type is in requests when a parameter or request body reaches it,
and in responses when a response does.

";

fn bump_sentence(changes: &Changes, version: &semver::Version) -> String {
    let Bump {
        part: which,
        from,
        to,
    } = changes.bump(version);
    let why = match (changes.worst(), from.major, from.minor) {
        (None, _, _) => return format!("Nothing to release: the crate stays at `{from}`."),
        (Some(_), 0, 0) => "any change to a 0.0.z crate is breaking",
        (Some(Class::Breaking), 0, _) => "breaking changes to a 0.y.z crate bump y",
        (Some(Class::Breaking), _, _) => "breaking changes bump the major version",
        (Some(Class::Additive), 0, _) => "additive changes to a 0.y.z crate bump z",
        (Some(Class::Additive), _, _) => "additive changes bump the minor version",
        (Some(Class::Docs), _, _) => "documentation changes bump the patch version",
    };
    format!("A {} release, `{from}` → **`{to}`**: {why}.", part(which))
}
