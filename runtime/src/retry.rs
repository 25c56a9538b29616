//! When a failed request is tried again, and how long to wait before it.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use backon::{BackoffBuilder, ExponentialBuilder};
use reqwest::{Method, StatusCode};

use super::response::RateLimit;

type Sleep = Arc<dyn Fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// When failed requests are tried again. On by default:
///
/// - a `429 Too Many Requests` is retried after its `retry-after` (or, without one, at its
///   `ratelimit-reset`), whatever the method, since the API did not act on the request;
/// - `500`, `502`, `503`, `504` and connection failures are retried with exponential backoff and
///   jitter, for GET, HEAD, PUT, DELETE and OPTIONS (which are idempotent) and for POST and PATCH
///   only after [`retry_non_idempotent(true)`](RetryPolicy::retry_non_idempotent);
/// - a timeout, of the connection or of the request, is not retried: the timeout is the caller's
///   budget for the request;
/// - at most [`max_attempts`](RetryPolicy::max_attempts) attempts are made (4), and no more than
///   [`max_total_wait`](RetryPolicy::max_total_wait) (60 s) is spent waiting between them; when
///   either runs out, the last error is returned. A wait the server asks for that would pass
///   `max_total_wait` is not waited: the error is returned at once.
///
/// A retried request sends the same body again.
#[derive(Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    max_total_wait: Duration,
    min_delay: Duration,
    max_delay: Duration,
    non_idempotent: bool,
    sleep: Sleep,
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_attempts", &self.max_attempts)
            .field("max_total_wait", &self.max_total_wait)
            .field("min_delay", &self.min_delay)
            .field("max_delay", &self.max_delay)
            .field("non_idempotent", &self.non_idempotent)
            .finish_non_exhaustive()
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            max_total_wait: Duration::from_secs(60),
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            non_idempotent: false,
            sleep: Arc::new(|duration| Box::pin(tokio::time::sleep(duration))),
        }
    }
}

/// Why an attempt failed, as far as retrying is concerned.
pub(crate) enum Failure<'a> {
    Status(StatusCode, &'a RateLimit),
    Connection,
}

impl RetryPolicy {
    /// The default policy.
    pub fn new() -> RetryPolicy {
        RetryPolicy::default()
    }

    /// Never retry.
    pub fn disabled() -> RetryPolicy {
        RetryPolicy::default().max_attempts(1)
    }

    /// How many attempts a request gets in all, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The most time spent waiting between the attempts of one request.
    pub fn max_total_wait(mut self, wait: Duration) -> Self {
        self.max_total_wait = wait;
        self
    }

    /// The first backoff delay; later ones double up to `max_delay`. Each is lengthened by a
    /// random jitter of up to 100%, within `max_delay`.
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = delay;
        self
    }

    /// The longest backoff wait, jitter included.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Also retry POST and PATCH after server errors and connection failures. Only for requests
    /// that are safe to repeat: the first attempt may have taken effect.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.non_idempotent = retry;
        self
    }

    /// Waits with this function instead of `tokio::time::sleep`: for another runtime, or for
    /// tests that must not wait.
    pub fn sleep_with<F, Fut>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.sleep = Arc::new(move |duration| Box::pin(sleep(duration)));
        self
    }

    pub(crate) fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff delays, one per retry. Jitter adds up to 100% to a delay, so the delays grow
    /// to half of `max_delay` before it, and whatever is left over is cut at `max_delay`.
    pub(crate) fn backoff(&self) -> impl Iterator<Item = Duration> + use<> {
        let max_delay = self.max_delay;
        ExponentialBuilder::default()
            .with_min_delay(self.min_delay)
            .with_max_delay(max_delay / 2)
            .with_jitter()
            .without_max_times()
            .build()
            .map(move |delay| delay.min(max_delay))
    }

    pub(crate) fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        (self.sleep)(duration)
    }

    /// How long to wait before the next attempt, or `None` to give up. `backoff` is the next
    /// backoff delay and `waited` the time already spent waiting.
    pub(crate) fn delay(
        &self,
        method: &Method,
        failure: Failure<'_>,
        backoff: Duration,
        waited: Duration,
    ) -> Option<Duration> {
        let repeatable = self.non_idempotent
            || matches!(
                *method,
                Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
            );
        let delay = match failure {
            Failure::Status(StatusCode::TOO_MANY_REQUESTS, rate_limit) => rate_limit
                .retry_after
                .or_else(|| {
                    rate_limit
                        .reset
                        .map(|reset| reset.duration_since(SystemTime::now()).unwrap_or_default())
                })
                .unwrap_or(backoff),
            Failure::Status(status, _)
                if repeatable && matches!(status.as_u16(), 500 | 502 | 503 | 504) =>
            {
                backoff
            }
            Failure::Connection if repeatable => backoff,
            _ => return None,
        };
        waited
            .checked_add(delay)
            .is_some_and(|total| total <= self.max_total_wait)
            .then_some(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(retry_after: Option<u64>) -> RateLimit {
        RateLimit {
            retry_after: retry_after.map(Duration::from_secs),
            ..RateLimit::default()
        }
    }

    #[test]
    fn too_many_requests_waits_as_told_for_any_method() {
        let policy = RetryPolicy::default();
        let backoff = Duration::from_millis(500);
        let failure = || {
            Failure::Status(
                StatusCode::TOO_MANY_REQUESTS,
                Box::leak(Box::new(limit(Some(2)))),
            )
        };
        assert_eq!(
            policy.delay(&Method::POST, failure(), backoff, Duration::ZERO),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            policy.delay(&Method::GET, failure(), backoff, Duration::from_secs(59)),
            None
        );
    }

    #[test]
    fn server_errors_are_retried_for_idempotent_methods_only() {
        let policy = RetryPolicy::default();
        let no_limit = RateLimit::default();
        let delay = |policy: &RetryPolicy, method: Method, status: u16| {
            policy.delay(
                &method,
                Failure::Status(StatusCode::from_u16(status).unwrap(), &no_limit),
                Duration::from_secs(1),
                Duration::ZERO,
            )
        };
        assert_eq!(
            delay(&policy, Method::GET, 503),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            delay(&policy, Method::DELETE, 500),
            Some(Duration::from_secs(1))
        );
        assert_eq!(delay(&policy, Method::POST, 503), None);
        assert_eq!(delay(&policy, Method::GET, 501), None);
        assert_eq!(delay(&policy, Method::GET, 404), None);
        let opted_in = RetryPolicy::default().retry_non_idempotent(true);
        assert_eq!(
            delay(&opted_in, Method::POST, 503),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            policy.delay(
                &Method::PATCH,
                Failure::Connection,
                Duration::from_secs(1),
                Duration::ZERO
            ),
            None
        );
    }

    #[test]
    fn backoff_grows_within_its_bounds_jitter_included() {
        let policy = RetryPolicy::default()
            .min_delay(Duration::from_millis(100))
            .max_delay(Duration::from_secs(1));
        let delays: Vec<Duration> = policy.backoff().take(100).collect();
        assert_eq!(delays.len(), 100);
        assert!(
            delays
                .iter()
                .all(|d| *d >= Duration::from_millis(100) && *d <= Duration::from_secs(1)),
            "{delays:?}"
        );
        let late = &delays[10..];
        assert!(
            late.iter().all(|d| *d >= Duration::from_millis(500)),
            "{late:?}"
        );
        assert!(
            late.iter().any(|d| *d != late[0]),
            "waits at the cap still vary: {late:?}"
        );
        let tiny_cap = RetryPolicy::default()
            .min_delay(Duration::from_secs(5))
            .max_delay(Duration::from_secs(1));
        assert!(
            tiny_cap
                .backoff()
                .take(10)
                .all(|d| d <= Duration::from_secs(1))
        );
    }

    #[test]
    fn a_wait_past_the_total_cap_is_refused_whatever_its_size() {
        let policy = RetryPolicy::default();
        let huge = RateLimit {
            retry_after: Some(Duration::MAX),
            ..RateLimit::default()
        };
        let failure = || Failure::Status(StatusCode::TOO_MANY_REQUESTS, &huge);
        let backoff = Duration::from_millis(500);
        assert_eq!(
            policy.delay(&Method::GET, failure(), backoff, Duration::from_secs(1)),
            None
        );
        assert_eq!(
            policy.delay(&Method::GET, failure(), backoff, Duration::ZERO),
            None
        );
    }
}
