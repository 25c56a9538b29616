//! The hand-written part of the crate: transport, authentication, errors, retries, pagination
//! and the wire helpers the generated code relies on. It does not depend on the spec.

mod client;
mod error;
mod pages;
mod request;
mod response;
mod retry;
mod wire;

pub use client::{Client, ClientBuilder};
pub use error::{ApiError, Error};
pub use pages::Pages;
pub use request::Format;
pub use response::{RateLimit, Response};
pub use retry::RetryPolicy;
pub use wire::{UnknownFields, decode_strict};

pub(crate) use pages::{NextPage, Page};
pub(crate) use request::{Call, Style, path_segment};
pub(crate) use wire::unknown_enum_value;
