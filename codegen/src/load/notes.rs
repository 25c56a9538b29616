//! What loading read although it is odd, noted by pointer while the document is rewritten and
//! located in the files once it is done.

use super::Bundle;
use crate::location::join_pointer;
use crate::warning::Warning;

/// Pointer, message and hint of each odd construct.
#[derive(Default)]
pub(super) struct Notes(Vec<(String, String, &'static str)>);

impl Notes {
    pub(super) fn add(
        &mut self,
        path: &[impl AsRef<str>],
        message: impl Into<String>,
        hint: &'static str,
    ) {
        self.0.push((join_pointer(path), message.into(), hint));
    }

    pub(super) fn located(self, bundle: &Bundle) -> Vec<Warning> {
        self.0
            .into_iter()
            .map(|(pointer, message, hint)| Warning {
                location: bundle.locate(&pointer),
                message,
                hint,
            })
            .collect()
    }
}
