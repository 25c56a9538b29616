//! What the benchmarks share: synthetic specs, the bodies the client decodes, measuring memory,
//! and a bundled description split into files.

pub mod bodies;
pub mod memory;
pub mod split;
pub mod synthetic;
