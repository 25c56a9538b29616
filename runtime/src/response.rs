//! A successful response: the typed body with its status and headers.

use std::ops::Deref;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The body of a successful response, with the status and headers it came with. It dereferences
/// to the body.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    rate_limit: RateLimit,
    body: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, body: T) -> Response<T> {
        let rate_limit = RateLimit::from_headers(&headers);
        Response {
            status,
            headers,
            rate_limit,
            body,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The rate-limit headers, parsed.
    pub fn rate_limit(&self) -> &RateLimit {
        &self.rate_limit
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, without the status and headers.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// The same response with its body transformed.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            rate_limit: self.rate_limit,
            body: f(self.body),
        }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

/// The rate-limit headers of a response (`ratelimit-limit`, `ratelimit-remaining`,
/// `ratelimit-reset` and, when the burst limit was hit, `retry-after`). A header that is missing
/// or unreadable is `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// How many requests may be made in the current window.
    pub limit: Option<u64>,
    /// How many of them are left.
    pub remaining: Option<u64>,
    /// When the oldest request of the window expires.
    pub reset: Option<SystemTime>,
    /// How long to wait before trying again.
    pub retry_after: Option<Duration>,
}

impl RateLimit {
    pub(crate) fn from_headers(headers: &HeaderMap) -> RateLimit {
        let number =
            |name: &str| -> Option<u64> { headers.get(name)?.to_str().ok()?.trim().parse().ok() };
        RateLimit {
            limit: number("ratelimit-limit"),
            remaining: number("ratelimit-remaining"),
            reset: number("ratelimit-reset")
                .map(|seconds| UNIX_EPOCH + Duration::from_secs(seconds)),
            retry_after: number("retry-after").map(Duration::from_secs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_headers_are_parsed_whatever_their_case() {
        let mut headers = HeaderMap::new();
        headers.insert("ratelimit-limit", "5000".parse().unwrap());
        headers.insert("RateLimit-Remaining", "4816".parse().unwrap());
        headers.insert("ratelimit-reset", "1444931833".parse().unwrap());
        headers.insert("retry-after", "soon".parse().unwrap());
        let limit = RateLimit::from_headers(&headers);
        assert_eq!(limit.limit, Some(5000));
        assert_eq!(limit.remaining, Some(4816));
        assert_eq!(
            limit.reset,
            Some(UNIX_EPOCH + Duration::from_secs(1_444_931_833))
        );
        assert_eq!(limit.retry_after, None);
    }
}
