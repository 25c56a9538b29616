//! Checks the hand-transcribed spec against the rendered API reference it was transcribed from.
//!
//! 1. [`reference`]: read each page of the reference into operations with flat listings of their
//!    parameters, body fields and response fields, and the sentence under each response.
//! 2. [`spec`]: read the spec's operations and the fields its schemas show.
//! 3. [`compare`]: nest each listing along the spec and collect the differences: fields listed
//!    but missing from the spec, fields of the spec listed nowhere, required flags that disagree,
//!    wrappers ("A JSON with key X") the spec's body does not have, and the same for parameters,
//!    responses and operations.
//! 4. [`untyped`]: list the numeric fields whose type no listing writes, and make a difference of
//!    each measurement among them that the spec types `integer`.
//! 5. [`allowlist`]: set apart the differences the spec makes on purpose, each with its reason.
//!
//! The rule the check holds the spec to: a response's "A JSON with key X" sentence decides its
//! wrapper, the field listing decides the fields, their nesting and their required flags, and an
//! example decides only what both leave out; but a whole-number example does not make a
//! measurement an integer.

// Errors are made once per run and carry the spec's locations; their size costs nothing.
#![allow(clippy::result_large_err)]

pub mod allowlist;
pub mod compare;
pub mod reference;
pub mod spec;
pub mod untyped;

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

pub use allowlist::Allowed;
pub use compare::{Comparison, Difference, Figures, Tally};

/// The environment variable that points the check at the reference, when it is not beside the
/// workspace.
pub const DOCS_VARIABLE: &str = "API_DOCS_DIR";

/// Where the reference is when nothing else is said, relative to the workspace: beside it.
pub const DEFAULT_DOCS: &str = "../shared/api-docs";

/// The allow-list of the project's spec.
pub const ALLOWLIST: &str = "spec/docs-allowlist.yaml";

/// What to check.
#[derive(Debug, Clone)]
pub struct Options {
    /// The root file of the spec.
    pub spec: PathBuf,
    /// The directory of the reference's pages (`*.txt`).
    pub docs: PathBuf,
    pub allowlist: PathBuf,
}

/// The outcome: the comparison, the differences the allow-list covers and those it does not,
/// and the allow-list's entries that cover nothing any more.
#[derive(Debug)]
pub struct Report {
    pub spec: String,
    pub docs: String,
    pub allowlist: String,
    pub pages: Vec<String>,
    pub comparison: Comparison,
    pub allowed: Vec<(Difference, Allowed)>,
    pub unexpected: Vec<Difference>,
    pub stale: Vec<Allowed>,
    /// How many entries of the allow-list cover at least one difference.
    pub entries_used: usize,
}

impl Report {
    /// Whether the spec agrees with the reference but for the allowed differences, and the
    /// allow-list has no entry that covers nothing.
    pub fn passed(&self) -> bool {
        self.unexpected.is_empty() && self.stale.is_empty()
    }
}

/// Runs the check.
pub fn check(options: &Options) -> Result<Report, Error> {
    let spec = codegen::load::load(&options.spec)?;
    let document = &spec.bundle.document;
    let pages = pages(&options.docs)?;
    let examples: BTreeSet<(String, String)> = pages
        .iter()
        .flat_map(|(_, text)| reference::example_keys(text))
        .collect();
    // The names a name glued to an example may be: the keys of the reference's own examples
    // first of all, so that a name the spec got wrong is not read as the spec's name.
    let mut names = spec::names(document);
    names.extend(examples.iter().map(|(_, key)| key.clone()));
    let mut operations = Vec::new();
    for (name, text) in &pages {
        operations.extend(reference::parse(name, text, &names));
    }
    if operations.is_empty() {
        return Err(Error::NoOperations {
            docs: options.docs.display().to_string(),
        });
    }
    let locate = |pointer: &str| {
        let location = spec.locate(pointer);
        match location.line {
            Some(line) => format!("{}:{line}", location.file),
            None => format!("{} at {}", location.file, location.pointer),
        }
    };
    let comparison = compare::compare(&operations, &examples, document, &locate);

    let allowlist_name = options.allowlist.display().to_string();
    let text = std::fs::read_to_string(&options.allowlist).map_err(|source| Error::Read {
        path: allowlist_name.clone(),
        source,
    })?;
    let entries = allowlist::parse(&allowlist_name, &text)?;
    let mut used = BTreeSet::new();
    let mut allowed = Vec::new();
    let mut unexpected = Vec::new();
    for difference in comparison.differences.values() {
        match entries
            .iter()
            .position(|entry| entry.covers(&difference.key))
        {
            Some(index) => {
                used.insert(index);
                allowed.push((difference.clone(), entries[index].clone()));
            }
            None => unexpected.push(difference.clone()),
        }
    }
    let stale = entries
        .iter()
        .enumerate()
        .filter(|(index, _)| !used.contains(index))
        .map(|(_, entry)| entry.clone())
        .collect();
    Ok(Report {
        spec: options.spec.display().to_string(),
        docs: options.docs.display().to_string(),
        allowlist: allowlist_name,
        pages: pages.into_iter().map(|(name, _)| name).collect(),
        comparison,
        allowed,
        unexpected,
        stale,
        entries_used: used.len(),
    })
}

/// The pages of the reference: every `*.txt` of the directory, by name.
fn pages(docs: &Path) -> Result<Vec<(String, String)>, Error> {
    let missing = || Error::DocsMissing {
        docs: docs.display().to_string(),
    };
    if !docs.is_dir() {
        return Err(missing());
    }
    let read = |path: &Path, source| Error::Read {
        path: path.display().to_string(),
        source,
    };
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(docs).map_err(|source| read(docs, source))? {
        let path = entry.map_err(|source| read(docs, source))?.path();
        if path.extension().is_some_and(|extension| extension == "txt") {
            let text = std::fs::read_to_string(&path).map_err(|source| read(&path, source))?;
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            pages.push((name, text));
        }
    }
    pages.sort();
    Ok(pages)
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the API reference is not at {docs}")]
    DocsMissing { docs: String },
    #[error("no page of {docs} documents an operation")]
    NoOperations { docs: String },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Allowlist { file: String, message: String },
    #[error(transparent)]
    Spec(#[from] codegen::LoadError),
}

impl codegen::Hint for Error {
    fn hint(&self) -> &'static str {
        match self {
            Error::DocsMissing { .. } | Error::NoOperations { .. } => {
                "point the check at the directory of the reference's pages with --docs DIR or API_DOCS_DIR"
            }
            Error::Read { .. } => "check that the file exists and can be read",
            Error::Allowlist { .. } => {
                "each entry is `- difference: KEY` and `reason: WHY`, with a key as the check prints it"
            }
            Error::Spec(error) => error.hint(),
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let figures = &self.comparison.figures;
        writeln!(
            f,
            "{} against {} ({}): {} operations",
            self.spec,
            self.docs,
            self.pages.join(", "),
            figures.operations
        )?;
        let tally = |f: &mut fmt::Formatter<'_>, what: &str, tally: &Tally| {
            writeln!(
                f,
                "  {what}: {} listed, {} matched in the spec, {} with the same required flag",
                tally.listed, tally.matched, tally.flags_agreeing
            )
        };
        tally(f, "fields", &figures.fields)?;
        tally(f, "parameters", &figures.parameters)?;
        writeln!(
            f,
            "  wrappers: {} named by a response's sentence, {} found in the spec",
            figures.wrappers_named, figures.wrappers_agreeing
        )?;
        writeln!(
            f,
            "  fields of objects no listing expands, shown by an example payload: {}",
            figures.fields_from_examples
        )?;
        writeln!(
            f,
            "  fields whose type no listing writes, typed from the examples: {}; the {} numeric ones \
             (an example cannot tell an integer from a number):",
            figures.untyped_fields,
            figures.untyped_numbers.len()
        )?;
        for number in &figures.untyped_numbers {
            write!(f, "    {:<16}  {}", number.declared, number.key)?;
            match number.measurement {
                Some(word) => writeln!(f, "  (a measurement: `{word}`)")?,
                None => writeln!(f)?,
            }
        }
        if !figures.listings_inside_wrapper.is_empty() {
            writeln!(
                f,
                "  listings of the object inside the wrapper their sentence names: {}",
                figures.listings_inside_wrapper.join(", ")
            )?;
        }
        writeln!(
            f,
            "  differences: {} allowed by {} entries of {}, {} not allowed",
            self.allowed.len(),
            self.entries_used,
            self.allowlist,
            self.unexpected.len()
        )?;
        for difference in &self.unexpected {
            writeln!(f, "\n{}\n  {}", difference.key, difference.what)?;
            if let Some(first) = difference.places.first() {
                write!(f, "  listed at {first}")?;
                match difference.places.len() {
                    1 => writeln!(f)?,
                    n => writeln!(f, " and {} more places", n - 1)?,
                }
            }
        }
        for entry in &self.stale {
            writeln!(
                f,
                "\n{}: `{}` covers no difference any more; remove it",
                self.allowlist, entry.difference
            )?;
        }
        if !self.unexpected.is_empty() {
            writeln!(
                f,
                "\nFix the spec where the docs are right; where the spec differs on purpose, add the \
                 difference to {} with its reason.",
                self.allowlist
            )?;
        }
        Ok(())
    }
}
