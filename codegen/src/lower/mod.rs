//! Stage 2: turn the loaded spec into the [`ir::Api`](crate::ir::Api).
//!
//! Every map of the spec is walked in sorted order, so that the model (and the code emitted from
//! it) does not change when the spec's keys are reordered.

mod error;
mod finish;
mod operations;
mod resources;
mod types;

pub(crate) use error::FOLLOW_THE_SPECIFICATION;
pub use error::LowerError;

use crate::ir::{Api, Features};
use crate::load::Spec;

/// Builds the model of the API described by `spec`.
pub fn lower(spec: &Spec) -> Result<Api, LowerError> {
    let mut types = types::TypeLowerer::new(spec);
    types.lower_components()?;
    let operations = operations::lower_all(spec, &mut types)?;
    let resources = resources::group(spec, operations)?;
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
        types: types.types.into_values().collect(),
        error_body: None,
        features: Features::default(),
    };
    finish::finish(&mut api, spec)?;
    Ok(api)
}
