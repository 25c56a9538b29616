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
/// or unreadable is `None`, and so is a reset beyond what the system clock can represent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// How many requests may be made in the current window.
    pub limit: Option<u64>,
    /// How many of them are left.
    pub remaining: Option<u64>,
    /// When the oldest request of the window expires.
    pub reset: Option<SystemTime>,
    /// How long to wait before trying again, from when the response arrived: `retry-after` in
    /// seconds, or its HTTP-date less the time then.
    pub retry_after: Option<Duration>,
}

impl RateLimit {
    pub(crate) fn from_headers(headers: &HeaderMap) -> RateLimit {
        let text = |name: &str| Some(headers.get(name)?.to_str().ok()?.trim());
        let number = |name: &str| text(name)?.parse::<u64>().ok();
        RateLimit {
            limit: number("ratelimit-limit"),
            remaining: number("ratelimit-remaining"),
            reset: number("ratelimit-reset")
                .and_then(|seconds| UNIX_EPOCH.checked_add(Duration::from_secs(seconds))),
            retry_after: text("retry-after")
                .and_then(|value| retry_after(value, SystemTime::now())),
        }
    }
}

/// A `retry-after` value: a number of seconds or an HTTP-date (RFC 9110, section 10.2.3). A date
/// already past means now.
fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or_default())
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

    #[test]
    fn numbers_beyond_the_clock_are_no_time() {
        let mut headers = HeaderMap::new();
        headers.insert("ratelimit-reset", "18446744073709551615".parse().unwrap());
        headers.insert("retry-after", "18446744073709551615".parse().unwrap());
        let limit = RateLimit::from_headers(&headers);
        assert_eq!(limit.reset, None);
        assert_eq!(limit.retry_after, Some(Duration::from_secs(u64::MAX)));
    }

    #[test]
    fn retry_after_is_seconds_or_an_http_date() {
        let now = UNIX_EPOCH + Duration::from_secs(1_445_412_460);
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(20))
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        for unreadable in ["", "-1", "1.5", "soon", "Wed, 21 Oct 2015"] {
            assert_eq!(retry_after(unreadable, now), None, "{unreadable:?}");
        }
    }
}
