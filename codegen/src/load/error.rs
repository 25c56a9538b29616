use std::io;

use super::source::Format;
use crate::location::Location;

/// Why a spec could not be loaded. Every variant says where, and `hint` says what to do.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {file}{}: {source}", from_suffix(.referenced_from))]
    Read {
        file: String,
        referenced_from: Option<Location>,
        #[source]
        source: io::Error,
    },

    #[error("{location}: invalid {format}: {message}")]
    Syntax {
        location: Location,
        format: Format,
        message: String,
    },

    #[error("{location}: {message}")]
    Version { location: Location, message: String },

    #[error("{location}: `$ref: {reference}` {reason}")]
    Reference {
        location: Location,
        reference: String,
        reason: String,
    },

    #[error("{location}: `$ref` cycle with no object in between: {}", .chain.join(" -> "))]
    Cycle {
        location: Location,
        chain: Vec<String>,
    },

    #[error("{location}: `$ref` copies a part of the spec into itself: {}", .chain.join(" -> "))]
    SelfCopy {
        location: Location,
        chain: Vec<String>,
    },

    #[error("{location}: two different components are named `{name}`; the other one is at {other}")]
    Conflict {
        location: Location,
        name: String,
        other: Location,
    },

    #[error("{location}: not a valid OpenAPI 3.0 document here: {message}")]
    Invalid {
        location: Location,
        message: String,
        hint: &'static str,
    },
}

fn from_suffix(location: &Option<Location>) -> String {
    match location {
        Some(location) => format!(" (referenced from {location})"),
        None => String::new(),
    }
}

impl LoadError {
    /// Where the problem is (for `Read`, the reference that named the missing file, if any).
    pub fn location(&self) -> Option<&Location> {
        match self {
            LoadError::Read {
                referenced_from, ..
            } => referenced_from.as_ref(),
            LoadError::Syntax { location, .. }
            | LoadError::Version { location, .. }
            | LoadError::Reference { location, .. }
            | LoadError::Cycle { location, .. }
            | LoadError::SelfCopy { location, .. }
            | LoadError::Conflict { location, .. }
            | LoadError::Invalid { location, .. } => Some(location),
        }
    }
}

impl crate::Hint for LoadError {
    fn hint(&self) -> &'static str {
        match self {
            LoadError::Read { .. } => {
                "check the path: a `$ref` to another file is relative to the file that contains it"
            }
            LoadError::Syntax {
                format: Format::Yaml,
                ..
            } => "fix the YAML at that line and column",
            LoadError::Syntax {
                format: Format::Json,
                ..
            } => "fix the JSON at that line and column",
            LoadError::Version { .. } => {
                "write the document as OpenAPI 3.0 or 3.1 (`openapi: 3.1.1`); other versions are not read"
            }
            LoadError::Reference { .. } => {
                "define what the reference names, or point it at a definition that exists"
            }
            LoadError::Cycle { .. } => {
                "make one of the references point at a schema with content instead of another reference"
            }
            LoadError::SelfCopy { .. } => {
                "break the loop: a path item, response or parameter cannot contain itself"
            }
            LoadError::Conflict { .. } => "rename one of the two components",
            LoadError::Invalid { hint, .. } => hint,
        }
    }
}

/// The hint of a node the OpenAPI parser refuses.
pub(crate) const COMPARE_WITH_THE_SPECIFICATION: &str =
    "compare this node with the OpenAPI 3.0 specification of the object expected there";

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Json => "JSON",
            Format::Yaml => "YAML",
        })
    }
}
