//! Tests of the generator: its output for the project's spec, its errors on broken specs and its
//! warnings on odd ones.

mod broken_specs;
mod determinism;
mod examples;
mod freshness;
mod fuzz_regressions;
mod snapshots;
mod warned_specs;
