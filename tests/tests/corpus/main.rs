//! The corpus crates (tests/generated/) at work: the constructs the DigitalOcean spec does not
//! use, sent to and read from a mock server.

mod annotated_refs;
mod bodies;
mod deprecations;
mod media_types;
mod mocks;
mod nullable_items;
mod parameters;
mod query_templates;
mod responses;
mod shared_schemas;
mod unions;
