//! The hand-written part of every generated client: transport, authentication, errors, retries,
//! pagination and the wire helpers the generated code relies on. It knows no spec: what it needs
//! of one, the generated crate's `Client` tells it through [`GeneratedClient`].
//!
//! A generated crate depends on this crate, or carries a copy of it as its `runtime` module; its
//! generated code reaches both the same way, as `crate::runtime`. Users of a generated crate use
//! the types it re-exports and need not name this crate.
//!
//! Every call can change some of the client's settings for itself ([`RequestOptions`]), and
//! [`Hook`]s see every attempt of every call.
//!
//! Features add what a generated crate's own features build on: `mock`, the server, matchers and
//! answers of its typed mocks; `cli`, the options, output and exit codes of its command line;
//! `blocking`, calls from code that is not async; and `middleware`, a
//! `reqwest_middleware::ClientWithMiddleware` as the HTTP client.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "blocking")]
mod blocking;
#[cfg(feature = "cli")]
pub mod cli;
mod client;
mod error;
mod hook;
#[cfg(feature = "mock")]
pub mod mock;
mod object;
mod options;
mod pages;
mod request;
mod response;
mod retry;
mod round_trip;
mod timestamp;
mod transport;
mod wire;

pub use client::{Client, ClientBuilder, GeneratedClient};
pub use error::{ApiError, Error};
pub use hook::{Attempt, AttemptResponse, Hook};
pub use options::RequestOptions;
#[cfg(feature = "blocking")]
pub use pages::BlockingPages;
pub use pages::Pages;
pub use request::Format;
pub use response::{RateLimit, Response};
pub use retry::RetryPolicy;
pub use transport::Transport;
pub use wire::{UnknownFields, decode_strict};

/// The HTTP client requests are sent with, for [`ClientBuilder::http_client`].
pub use reqwest;
/// Middleware around the HTTP client, for [`ClientBuilder::http_client`].
#[cfg(feature = "middleware")]
pub use reqwest_middleware;

// What the generated code calls; not for users.
#[doc(hidden)]
pub use crate::__object_codec as object_codec;
#[cfg(feature = "blocking")]
#[doc(hidden)]
pub use blocking::wait;
#[doc(hidden)]
pub use client::with_options;
#[doc(hidden)]
pub use object::{DecodeObject, deserialize_object};
#[doc(hidden)]
pub use pages::{NextPage, Page};
#[doc(hidden)]
pub use request::{Answer, Call, Style, path_segment};
#[doc(hidden)]
pub use round_trip::{assert_encodes_as, assert_round_trip};
#[doc(hidden)]
pub use timestamp::Rfc3339;
#[doc(hidden)]
pub use wire::{EnumValue, MemberKey, read_member, read_member_as, required, unknown_enum_value};
