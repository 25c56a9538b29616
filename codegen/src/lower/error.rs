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

    #[error("{location}: {message}")]
    PathParameter { location: Location, message: String },

    #[error("{location}: operationId `{id}` is used twice; the other one is at {other}")]
    DuplicateOperationId {
        location: Location,
        id: String,
        other: Location,
    },

    #[error(
        "{location}: operations `{id}` and `{other_id}` would both be the method `{method}` of `{resource}`; the other one is at {other}"
    )]
    NameCollision {
        location: Location,
        id: String,
        other_id: String,
        method: String,
        resource: String,
        other: Location,
    },
}

/// The hint of an invalid node that has no more specific one.
pub(crate) const FOLLOW_THE_SPECIFICATION: &str =
    "correct this node so that it follows the OpenAPI 3.0 specification";

impl LowerError {
    pub fn location(&self) -> &Location {
        match self {
            LowerError::Unsupported { location, .. }
            | LowerError::Invalid { location, .. }
            | LowerError::PathParameter { location, .. }
            | LowerError::DuplicateOperationId { location, .. }
            | LowerError::NameCollision { location, .. } => location,
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
            LowerError::PathParameter { .. } => {
                "every `{name}` of the path template needs a path parameter of that name, and every path parameter a `{name}` in the template"
            }
            LowerError::DuplicateOperationId { .. } => "give each operation its own operationId",
            LowerError::NameCollision { .. } => {
                "rename one of the two operationIds so that they differ in more than case and punctuation"
            }
        }
    }
}
