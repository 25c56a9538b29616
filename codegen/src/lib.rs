//! Turns an OpenAPI 3.0 description into a typed, async Rust client crate.
//!
//! The pipeline has three stages, each with its own error type:
//!
//! 1. [`load`]: read the spec's files, join their `$ref`s, parse the document as OpenAPI.
//! 2. [`lower`]: build the [`ir::Api`], a plain model of resources, operations and named types.
//! 3. [`emit`]: turn the model into the files of a crate (Rust through `quote` and
//!    `prettyplease`, the rest through the `minijinja` templates in `templates/`).
//!
//! [`write`] then puts those files in place without losing anything on failure.

pub mod emit;
pub mod ir;
pub mod load;
mod location;
pub mod lower;
pub mod names;
pub mod write;

use std::path::Path;

pub use emit::{EmitError, EmitOptions, GeneratedFile};
pub use load::LoadError;
pub use location::Location;
pub use lower::LowerError;

/// Runs the whole pipeline on the spec whose root file is `spec`.
pub fn generate(spec: &Path, options: &EmitOptions) -> Result<Vec<GeneratedFile>, Error> {
    let spec = load::load(spec)?;
    let api = lower::lower(&spec)?;
    Ok(emit::emit(&api, options)?)
}

/// A failure of any stage.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Lower(#[from] LowerError),
    #[error(transparent)]
    Emit(#[from] EmitError),
}

impl load::HasHint for Error {
    fn hint(&self) -> &'static str {
        match self {
            Error::Load(error) => error.hint(),
            Error::Lower(error) => error.hint(),
            Error::Emit(error) => error.hint(),
        }
    }
}
