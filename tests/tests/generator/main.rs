//! Tests of the generator: its output for the project's spec, its errors on broken specs.

mod broken_specs;
mod freshness;
mod snapshots;
