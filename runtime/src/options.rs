//! What one call may change of the client's settings: its timeout, its retries, headers and query
//! pairs of its own, and the token it is made with.

use std::fmt;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HOST, HeaderMap, HeaderName, HeaderValue};
use secrecy::SecretString;

use super::retry::RetryPolicy;

/// Settings of one call, in place of the client's, given to a request builder's `with_options`
/// before it is sent. They hold for that call alone, on each of its retries and on every page of
/// its stream; the client's settings stay as they were for the next call. Giving a builder options
/// again replaces the options it had.
///
/// Nothing is checked until the call is sent: a header name or value that cannot be sent, a
/// header the options may not set (`Authorization`, which is [`token`](RequestOptions::token),
/// and `Host`, which is the base URL's) or a token that cannot be sent makes `send` return
/// [`Error::InvalidRequest`](super::Error::InvalidRequest), with no request made.
#[derive(Clone, Default)]
#[must_use]
pub struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) token: Option<SecretString>,
}

impl fmt::Debug for RequestOptions {
    /// Header and query values may be credentials: only their names are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = |pairs: &[(String, String)]| -> Vec<String> {
            pairs.iter().map(|(name, _)| name.clone()).collect()
        };
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("headers", &names(&self.headers))
            .field("query", &names(&self.query))
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .finish()
    }
}

impl RequestOptions {
    /// Options that change nothing.
    pub fn new() -> RequestOptions {
        RequestOptions::default()
    }

    /// How long each attempt of the call may take, from sending to the end of the body, in place
    /// of the client's [`timeout`](super::ClientBuilder::timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// When the call is tried again, in place of the client's policy: [`RetryPolicy::disabled`]
    /// makes it once.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// A header sent with the call. It replaces a header of the same name that the call would
    /// send (`Accept`, `User-Agent`, a header parameter); the same name given twice is sent
    /// twice.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A query pair added to the call's URL, after its parameters.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// The API token the call is made with, in place of the client's: a call for another account
    /// or team. It is checked as [`ClientBuilder::token`](super::ClientBuilder::token) checks the
    /// client's.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(SecretString::from(token.into()));
        self
    }

    /// The headers, checked, as a map to lay over the call's own.
    pub(crate) fn header_map(&self) -> Result<HeaderMap, String> {
        let mut map = HeaderMap::new();
        for (name, value) in &self.headers {
            let (name, value) = checked_header(name, value)?;
            map.append(name, value);
        }
        Ok(map)
    }
}

/// A header a caller adds to requests, refused when it cannot be sent or when it is one the client
/// sets from its own settings. The value is never quoted back: it may be a credential.
pub(crate) fn checked_header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    let header = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a header name"))?;
    if header == AUTHORIZATION {
        return Err(format!(
            "the header `{name}` carries the token, which is set on its own: give the token \
             instead"
        ));
    }
    if header == HOST {
        return Err(format!(
            "the header `{name}` is the base URL's host: set the base URL instead"
        ));
    }
    let value = HeaderValue::from_str(value).map_err(|_| {
        format!("the value of the header `{name}` has a character a header cannot carry")
    })?;
    Ok((header, value))
}

/// The headers of `extra` in `headers`: each name of `extra` replaces that name's values.
pub(crate) fn lay_over(headers: &mut HeaderMap, extra: &HeaderMap) {
    for name in extra.keys() {
        headers.remove(name);
    }
    for (name, value) in extra {
        headers.append(name.clone(), value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_the_client_sets_itself_are_refused_with_what_to_do() {
        let refused = |name: &str| checked_header(name, "x").unwrap_err();
        assert!(refused("Authorization").contains("give the token"));
        assert!(refused("authorization").contains("give the token"));
        assert!(refused("Host").contains("set the base URL"));
        assert_eq!(refused("bad name"), "`bad name` is not a header name");
        assert_eq!(refused(""), "`` is not a header name");
        let error = checked_header("X-Key", "secret\nvalue").unwrap_err();
        assert!(!error.contains("secret"), "{error}");
        assert!(checked_header("X-Trace", "abc").is_ok());
    }

    #[test]
    fn an_extra_header_replaces_the_call_s_own_and_repeats_as_given() {
        let mut headers = HeaderMap::new();
        headers.insert("accept", HeaderValue::from_static("application/json"));
        headers.insert("x-keep", HeaderValue::from_static("1"));
        let extra = RequestOptions::new()
            .header("Accept", "application/yaml")
            .header("X-Tag", "a")
            .header("X-Tag", "b")
            .header_map()
            .unwrap();
        lay_over(&mut headers, &extra);
        assert_eq!(headers["accept"], "application/yaml");
        assert_eq!(headers["x-keep"], "1");
        let tags: Vec<_> = headers.get_all("x-tag").iter().collect();
        assert_eq!(tags, ["a", "b"]);
    }

    #[test]
    fn debug_shows_names_never_values_or_the_token() {
        let options = RequestOptions::new()
            .header("X-Api-Key", "key-secret")
            .query("signature", "sig-secret")
            .token("dop_v1_secret");
        let debug = format!("{options:?}");
        assert!(
            debug.contains("X-Api-Key") && debug.contains("signature"),
            "{debug}"
        );
        for secret in ["key-secret", "sig-secret", "dop_v1_secret"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }
}
