use crate::location::Location;

/// Why a loaded spec could not be turned into the model. Every variant says where, and `hint`
/// says what to do.
#[derive(Debug, thiserror::Error)]
pub enum LowerError {
    #[error("{location}: {construct} is not supported")]
    Unsupported {
        location: Location,
        construct: String,
    },

    #[error("{location}: {message}")]
    Invalid {
        location: Location,
        message: String,
        hint: &'static str,
    },
}

/// The hint of an invalid node that has no more specific one.
pub(crate) const FOLLOW_THE_SPECIFICATION: &str =
    "correct this node so that it follows the OpenAPI 3.0 specification";

impl LowerError {
    pub fn location(&self) -> &Location {
        match self {
            LowerError::Unsupported { location, .. } | LowerError::Invalid { location, .. } => {
                location
            }
        }
    }
}

impl crate::Hint for LowerError {
    fn hint(&self) -> &'static str {
        match self {
            LowerError::Unsupported { .. } => {
                "describe this part of the spec with a construct the generator supports, or open an issue for it"
            }
            LowerError::Invalid { hint, .. } => hint,
        }
    }
}
