//! End-to-end tests of the generated client against a local mock server.

mod account;
mod actions;
mod add_ons;
mod errors;
mod one_clicks;
