//! Turns an OpenAPI 3.0 description into a typed, async Rust client crate.
//!
//! The pipeline has three stages, each with its own error type:
//!
//! 1. [`load`]: read the spec's files, join their `$ref`s, parse the document as OpenAPI.
//! 2. [`lower`]: build the [`ir::Api`], a plain model of resources, operations and named types.
//! 3. [`emit`]: turn the model into the files of a crate (Rust through `quote` and
//!    `prettyplease`, the rest through the `minijinja` templates in `templates/`).
//!
//! [`write`] then puts those files in place without losing anything on failure, and [`diff`]
//! compares two models to tell what a change of the spec does to the crate's users.

// Errors are made once per run and carry the locations users need; their size costs nothing.
#![allow(clippy::result_large_err)]

pub mod corpus;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod load;
mod location;
pub mod lower;
pub mod names;
mod report;
mod warning;
pub mod write;

use std::path::Path;

pub use emit::{EmitError, EmitOptions, GeneratedFile, RUNTIME_DIR, Runtime};
pub use load::LoadError;
pub use location::Location;
pub use lower::LowerError;
pub use report::{Hint, Report, WarningReport};
pub use warning::Warning;

/// The files of a generated crate, and what was read although it is odd.
#[derive(Debug)]
pub struct Generated {
    /// Sorted by path.
    pub files: Vec<GeneratedFile>,
    /// Sorted by where they are in the spec.
    pub warnings: Vec<Warning>,
}

/// Runs the whole pipeline on the spec whose root file is `spec`, in memory.
pub fn generate(spec: &Path, options: &EmitOptions) -> Result<Generated, Error> {
    generate_from(&load::Disk, spec, options)
}

/// [`generate`] with the spec's files read through `files` (the disk, or memory).
pub fn generate_from(
    files: &dyn load::Files,
    spec: &Path,
    options: &EmitOptions,
) -> Result<Generated, Error> {
    let lowered = model_from(files, spec)?;
    let programs = load::example_programs(files, spec)?;
    Ok(Generated {
        files: emit::emit(&lowered.api, options, &programs)?,
        warnings: lowered.warnings,
    })
}

/// Loads and lowers the spec whose root file is `spec`: the model the emitters read (and what
/// [`diff::compare`] compares), with the warnings of reading it.
pub fn model_from(files: &dyn load::Files, spec: &Path) -> Result<lower::Lowered, Error> {
    let spec = load::load_with(files, spec)?;
    Ok(lower::lower(&spec)?)
}

/// Generates the crate and puts it in `out`; on any failure `out` is left as it was.
pub fn regenerate(
    spec: &Path,
    out: &Path,
    options: &EmitOptions,
) -> Result<(write::Plan, Vec<Warning>), Error> {
    let generated = generate(spec, options)?;
    Ok((write::write(out, &generated.files)?, generated.warnings))
}

/// What [`regenerate`] would change in `out`, without changing it.
pub fn check(
    spec: &Path,
    out: &Path,
    options: &EmitOptions,
) -> Result<(write::Plan, Vec<Warning>), Error> {
    let generated = generate(spec, options)?;
    Ok((write::plan(out, &generated.files)?, generated.warnings))
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
    #[error(transparent)]
    Write(#[from] write::WriteError),
}

impl Hint for Error {
    fn hint(&self) -> &'static str {
        match self {
            Error::Load(error) => error.hint(),
            Error::Lower(error) => error.hint(),
            Error::Emit(error) => error.hint(),
            Error::Write(error) => error.hint(),
        }
    }
}
