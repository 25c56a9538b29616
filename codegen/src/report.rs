//! How the errors of every stage are shown: where and what, then one sentence on how to fix it.

use std::fmt;

/// An error that knows how to fix itself.
pub trait Hint {
    /// One sentence on how to fix it.
    fn hint(&self) -> &'static str;
}

/// The error with its hint, as the command-line tools print it.
pub struct Report<'a, E>(pub &'a E);

impl<E: fmt::Display + Hint> fmt::Display for Report<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(f, "error", self.0)
    }
}

/// A warning with its hint, as the command-line tools print it.
pub struct WarningReport<'a, W>(pub &'a W);

impl<W: fmt::Display + Hint> fmt::Display for WarningReport<'_, W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show(f, "warning", self.0)
    }
}

fn show(
    f: &mut fmt::Formatter<'_>,
    severity: &str,
    item: &(impl fmt::Display + Hint),
) -> fmt::Result {
    write!(f, "{severity}: {item}\n  help: {}", item.hint())
}
