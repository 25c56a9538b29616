//! Code of the caller's that runs around every attempt of every request: for metrics, logging,
//! request signing and authentication of one's own.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url};

/// Code that sees every attempt of every request, registered with
/// [`ClientBuilder::hook`](super::ClientBuilder::hook). Both methods do nothing unless
/// implemented; hooks run in the order they were registered.
///
/// A hook sees the headers as they are sent. The `Authorization` header carrying the token is
/// marked sensitive, so that printing the request or its headers shows `Sensitive` in its place;
/// a header a hook adds with a secret in it should be marked the same way
/// (`HeaderValue::set_sensitive`).
///
/// With the `middleware` feature, a hook sees each attempt the runtime makes, once, before the
/// middleware; the retries of a retry middleware happen inside one attempt.
pub trait Hook: Send + Sync + 'static {
    /// Called before each attempt is sent, its retries included, with the request as it will go.
    /// The hook may add or change headers.
    fn before_attempt(&self, attempt: &mut Attempt<'_>) {
        let _ = attempt;
    }

    /// Called when the response to an attempt arrives, whatever its status, once its headers have
    /// come and before its body is read. An attempt that gets no response (a connection failure, a
    /// timeout) is not seen here: the next `before_attempt`, or the error the call returns, says
    /// so.
    fn after_response(&self, response: &AttemptResponse<'_>) {
        let _ = response;
    }
}

/// An attempt about to be sent, as a [`Hook`] sees it.
#[derive(Debug)]
pub struct Attempt<'a> {
    pub(crate) operation: &'static str,
    pub(crate) number: u32,
    pub(crate) request: &'a mut reqwest::Request,
}

impl Attempt<'_> {
    /// The operation's id in the spec (its `operationId`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Which attempt of the call this is: 1 for the first, 2 for the first retry, and so on.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The request as it will be sent: method, URL, headers, body.
    pub fn request(&self) -> &reqwest::Request {
        self.request
    }

    /// The request's headers, to add or change one (a signature, a header of one's own
    /// authentication).
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.request.headers_mut()
    }
}

/// The response to an attempt, as a [`Hook`] sees it: before its body is read.
#[derive(Debug)]
pub struct AttemptResponse<'a> {
    pub(crate) operation: &'static str,
    pub(crate) number: u32,
    pub(crate) method: &'a Method,
    pub(crate) url: &'a Url,
    pub(crate) response: &'a reqwest::Response,
    pub(crate) elapsed: Duration,
}

impl AttemptResponse<'_> {
    /// The operation's id in the spec (its `operationId`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Which attempt of the call this answers: 1 for the first, 2 for the first retry, and so on.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The method of the request.
    pub fn method(&self) -> &Method {
        self.method
    }

    /// The URL the request was sent to.
    pub fn url(&self) -> &Url {
        self.url
    }

    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The headers of the response.
    pub fn headers(&self) -> &HeaderMap {
        self.response.headers()
    }

    /// The time from sending the attempt to its response's headers.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}
