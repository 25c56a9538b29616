//! Warnings: what the generator read although it is odd, so that the spec's author can look.
//!
//! A spec that has a sensible reading is generated, not refused; a warning says where the odd
//! construct is, how it was read, and how to write it so that it reads plainly. Each stage adds
//! its warnings to the result; `--deny-warnings` makes them errors.

use std::fmt;

use serde::Serialize;

use crate::location::Location;

/// Something in the spec that was read in a way its author may not expect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub location: Location,
    /// What is odd and how it was read.
    pub message: String,
    /// One sentence on how to write it plainly.
    pub hint: &'static str,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl crate::Hint for Warning {
    fn hint(&self) -> &'static str {
        self.hint
    }
}

/// Sorts warnings by where they are and drops repeats, so that the same spec always gives the
/// same list however its parts were visited.
pub(crate) fn settle(warnings: &mut Vec<Warning>) {
    warnings.sort_by(|a, b| {
        (
            &a.location.file,
            a.location.line,
            &a.location.pointer,
            &a.message,
        )
            .cmp(&(
                &b.location.file,
                b.location.line,
                &b.location.pointer,
                &b.message,
            ))
    });
    warnings.dedup();
}
