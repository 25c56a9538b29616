//! The hand-written part of every generated client: transport, authentication, errors, retries,
//! pagination and the wire helpers the generated code relies on. It knows no spec: what it needs
//! of one, the generated crate's `Client` tells it through [`GeneratedClient`].
//!
//! A generated crate depends on this crate, or carries a copy of it as its `runtime` module; its
//! generated code reaches both the same way, as `crate::runtime`. Users of a generated crate use
//! the types it re-exports and need not name this crate.
//!
//! Two features add what a generated crate's own features build on: `mock`, the server, matchers
//! and answers of its typed mocks, and `cli`, the options, output and exit codes of its command
//! line.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "cli")]
pub mod cli;
mod client;
mod error;
#[cfg(feature = "mock")]
pub mod mock;
mod pages;
mod request;
mod response;
mod retry;
mod timestamp;
mod wire;

pub use client::{Client, ClientBuilder, GeneratedClient};
pub use error::{ApiError, Error};
pub use pages::Pages;
pub use request::Format;
pub use response::{RateLimit, Response};
pub use retry::RetryPolicy;
pub use wire::{UnknownFields, decode_strict};

/// The HTTP client requests are sent with, for [`ClientBuilder::http_client`].
pub use reqwest;

// What the generated code calls; not for users.
#[doc(hidden)]
pub use pages::{NextPage, Page};
#[doc(hidden)]
pub use request::{Answer, Call, Style, path_segment};
#[doc(hidden)]
pub use timestamp::Rfc3339;
#[doc(hidden)]
pub use wire::{EnumValue, MemberKey, read_member, read_member_as, required, unknown_enum_value};
