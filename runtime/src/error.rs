//! What can go wrong with a request, as one error type.

use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::response::RateLimit;

/// Everything that can go wrong with a request. `E` is the type of the API's error bodies.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// The API answered with an error status (4xx or 5xx).
    #[error("{0}")]
    Api(Box<ApiError<E>>),

    /// No complete response arrived, and was decoded, within the configured timeout.
    #[error("the request timed out after {0:?}")]
    Timeout(Duration),

    /// No connection to the server could be made within the configured connect timeout.
    #[error("no connection could be made within {0:?}")]
    ConnectTimeout(Duration),

    /// The server answered with a redirect, which the client does not follow: a request goes to
    /// the base URL it was configured with, or nowhere.
    #[error("{}", redirect_message(*status, location.as_deref()))]
    Redirect {
        /// The status of the response (301, 302, 303, 307 or 308).
        status: StatusCode,
        /// Where the redirect pointed, resolved against the request's URL, when it said.
        location: Option<String>,
    },

    /// The HTTP client given to [`ClientBuilder::http_client`](super::ClientBuilder::http_client)
    /// followed a redirect to another scheme, host or port than the base URL's, where the client
    /// sends no request of its own. The answer is refused, whatever it was.
    #[error(
        "the HTTP client followed a redirect to {location}, away from the base URL, and its \
         answer is refused; build the client given to http_client() with \
         redirect(reqwest::redirect::Policy::none())"
    )]
    FollowedRedirect {
        /// Where the redirect led.
        location: String,
    },

    /// The request could not be sent, or its response not received.
    #[error("the request failed: {0}")]
    Transport(#[source] reqwest::Error),

    /// A middleware of the HTTP client failed (with the `middleware` feature).
    #[error("a middleware of the HTTP client failed: {0}")]
    Middleware(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// A response arrived but its body is not what the operation returns.
    #[error(
        "the {status} response body could not be decoded: {message}; it starts with {excerpt:?}"
    )]
    Decode {
        /// The status of the response.
        status: StatusCode,
        /// What is wrong with the body.
        message: String,
        /// The start of the body, to see what came instead (an HTML page from a proxy, say).
        excerpt: String,
        /// The rate-limit headers of the response.
        rate_limit: RateLimit,
    },

    /// A parameter or body could not be put into a request.
    #[error("the request cannot be sent: {0}")]
    InvalidRequest(String),

    /// The client's configuration cannot work.
    #[error("invalid client configuration: {0}")]
    Config(String),

    /// The base URL is plain http on a host that is not loopback, and plain http was not allowed
    /// on purpose: the token would travel in clear text, readable by anyone on the way.
    #[error(
        "invalid client configuration: the base URL `{url}` is plain http on a host that is not \
         loopback, so the token would travel in clear text; use https, or call \
         allow_insecure_http(true) if you mean it"
    )]
    InsecureBaseUrl {
        /// The base URL as it was given.
        url: String,
    },
}

impl<E> Error<E> {
    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(error) => Some(error.status),
            Error::Decode { status, .. } | Error::Redirect { status, .. } => Some(*status),
            Error::Transport(error) => error.status(),
            _ => None,
        }
    }

    /// The rate-limit headers of the response, when one arrived with an error status or a body
    /// that could not be decoded.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        match self {
            Error::Api(error) => Some(error.rate_limit()),
            Error::Decode { rate_limit, .. } => Some(rate_limit),
            _ => None,
        }
    }

    /// The API error, when the API answered with one.
    pub fn api(&self) -> Option<&ApiError<E>> {
        match self {
            Error::Api(error) => Some(error),
            _ => None,
        }
    }

    pub(crate) fn decode(
        status: StatusCode,
        rate_limit: RateLimit,
        message: impl fmt::Display,
        body: &[u8],
    ) -> Error<E> {
        Error::Decode {
            status,
            message: message.to_string(),
            excerpt: excerpt(body),
            rate_limit,
        }
    }
}

fn redirect_message(status: StatusCode, location: Option<&str>) -> String {
    let target = match location {
        Some(location) => format!("to {location}"),
        None => "without a location".to_owned(),
    };
    format!(
        "the server answered {status} with a redirect {target}, which the client does not follow; \
         if the API has moved, set the base URL to its new address"
    )
}

/// An error status from the API, with its body (of type `E`, when it has the documented shape).
#[derive(Debug, Clone)]
pub struct ApiError<E = serde_json::Value> {
    status: StatusCode,
    rate_limit: RateLimit,
    body: Option<E>,
    id: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    excerpt: String,
}

impl<E> ApiError<E> {
    pub(crate) fn new(status: StatusCode, rate_limit: RateLimit, bytes: &[u8]) -> ApiError<E>
    where
        E: DeserializeOwned,
    {
        let json: Option<serde_json::Value> = serde_json::from_slice(bytes).ok();
        let text = |key: &str| {
            json.as_ref()
                .and_then(|value| value.get(key))
                .and_then(|value| value.as_str())
                .map(str::to_owned)
        };
        ApiError {
            status,
            rate_limit,
            body: serde_json::from_slice(bytes).ok(),
            id: text("id"),
            message: text("message"),
            request_id: text("request_id"),
            excerpt: excerpt(bytes),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The rate-limit headers of the response.
    pub fn rate_limit(&self) -> &RateLimit {
        &self.rate_limit
    }

    /// The error body, when it has the documented shape.
    pub fn body(&self) -> Option<&E> {
        self.body.as_ref()
    }

    /// A short identifier of the error (`not_found`), when the body has one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The human-readable message, when the body has one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request ID to quote to support, when the body has one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The start of the body as text.
    pub fn excerpt(&self) -> &str {
        &self.excerpt
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the API answered {}", self.status)?;
        match (&self.id, &self.message) {
            (Some(id), Some(message)) => write!(f, ": {id}: {message}")?,
            (None, Some(message)) => write!(f, ": {message}")?,
            (Some(id), None) => write!(f, ": {id}")?,
            (None, None) if !self.excerpt.is_empty() => write!(f, ": {:?}", self.excerpt)?,
            (None, None) => {}
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " (request {request_id})")?;
        }
        Ok(())
    }
}

impl<E: fmt::Debug> std::error::Error for ApiError<E> {}

/// At most 200 characters of a body, for messages.
fn excerpt(body: &[u8]) -> String {
    const LIMIT: usize = 200;
    let text = String::from_utf8_lossy(&body[..body.len().min(LIMIT * 4)]);
    let mut out: String = text.chars().take(LIMIT).collect();
    if text.chars().count() > LIMIT {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_errors_read_the_documented_fields() {
        let body =
            br#"{"id":"not_found","message":"The resource was not found.","request_id":"r-1"}"#;
        let error: ApiError = ApiError::new(StatusCode::NOT_FOUND, RateLimit::default(), body);
        assert_eq!(error.id(), Some("not_found"));
        assert_eq!(error.message(), Some("The resource was not found."));
        assert_eq!(error.request_id(), Some("r-1"));
        assert_eq!(
            error.to_string(),
            "the API answered 404 Not Found: not_found: The resource was not found. (request r-1)"
        );
    }

    #[test]
    fn the_body_is_decoded_into_the_api_s_error_type_when_it_fits() {
        #[derive(Debug, serde::Deserialize)]
        struct Problem {
            id: String,
        }
        let fits: ApiError<Problem> = ApiError::new(
            StatusCode::CONFLICT,
            RateLimit::default(),
            br#"{"id":"conflict"}"#,
        );
        assert_eq!(fits.body().map(|body| body.id.as_str()), Some("conflict"));
        let other: ApiError<Problem> =
            ApiError::new(StatusCode::CONFLICT, RateLimit::default(), br#"{"code":7}"#);
        assert!(other.body().is_none());
        assert_eq!(
            other.to_string(),
            "the API answered 409 Conflict: \"{\\\"code\\\":7}\""
        );
    }

    #[test]
    fn a_body_that_is_not_json_is_kept_as_an_excerpt() {
        let error: ApiError = ApiError::new(
            StatusCode::BAD_GATEWAY,
            RateLimit::default(),
            b"<html>Bad gateway</html>",
        );
        assert!(error.body().is_none());
        assert_eq!(
            error.to_string(),
            "the API answered 502 Bad Gateway: \"<html>Bad gateway</html>\""
        );
    }

    #[test]
    fn excerpts_are_short_and_cut_at_characters() {
        let long = "é".repeat(500);
        let cut = excerpt(long.as_bytes());
        assert_eq!(cut.chars().count(), 201);
        assert!(cut.ends_with('…'));
        assert_eq!(excerpt(b""), "");
    }
}
