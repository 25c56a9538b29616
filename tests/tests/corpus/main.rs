//! The corpus crates (tests/generated/) at work: the constructs the DigitalOcean spec does not
//! use, sent to and read from a mock server.

mod bodies;
mod parameters;
mod responses;
mod unions;
