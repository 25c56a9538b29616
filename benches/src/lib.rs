//! What the benchmarks share: synthetic specs, the bodies the client decodes, and measuring
//! memory.

pub mod bodies;
pub mod memory;
pub mod synthetic;
