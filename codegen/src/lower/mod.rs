//! Stage 2: turn the loaded spec into the [`ir::Api`](crate::ir::Api).
//!
//! Every map of the spec is walked in sorted order, so that the model (and the code emitted from
//! it) does not change when the spec's keys are reordered.

mod error;
mod exchange;
mod finish;
mod identity;
mod operations;
mod pagination;
mod resources;
mod size;
mod template;
mod types;

pub(crate) use error::FOLLOW_THE_SPECIFICATION;
pub use error::LowerError;

use crate::Warning;
use crate::ir::{Api, Features};
use crate::load::Spec;

/// The model of an API, with what was read although it is odd.
#[derive(Debug)]
pub struct Lowered {
    pub api: Api,
    /// The warnings of loading and lowering, sorted by where they are.
    pub warnings: Vec<Warning>,
}

/// A class number for each of `types`: the same number for the types that are the same type,
/// identical but for their words (descriptions, examples), the types they refer to the same in
/// turn. Lowering merges such types of one spec; this tells, for one list of types, which are
/// alike (the types of two models, say, with their names made distinct).
pub fn identical_types(types: &[crate::ir::TypeDef]) -> Vec<usize> {
    identity::classes(types)
}

/// Builds the model of the API described by `spec`.
pub fn lower(spec: &Spec) -> Result<Lowered, LowerError> {
    let mut types = types::TypeLowerer::new(spec);
    types.lower_components()?;
    let operations = operations::lower_all(spec, &mut types)?;
    let resources = resources::group(spec, operations, &mut types.warnings);
    let info = &spec.openapi.info;
    let mut api = Api {
        title: info.title.clone(),
        version: info.version.clone(),
        description: info.description.clone(),
        base_url: spec
            .openapi
            .servers
            .first()
            .map(|server| server.url.clone()),
        resources,
        types: std::mem::take(&mut types.types).into_values().collect(),
        error_body: None,
        features: Features::default(),
    };
    for (pointer, message, hint) in identity::merge(&mut api, &types.births()) {
        types.warn(&pointer, message, hint);
    }
    finish::finish(&mut api, spec)?;
    let mut warnings = spec.warnings.clone();
    warnings.append(&mut types.warnings);
    crate::warning::settle(&mut warnings);
    Ok(Lowered { api, warnings })
}
