//! Tests of the generator: its output for the project's spec, its errors on broken specs.

mod broken_specs;
mod determinism;
mod freshness;
mod fuzz_regressions;
mod snapshots;
