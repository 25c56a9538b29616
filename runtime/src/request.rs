//! One call of an operation: the generated request builders fill it in, and it sends itself,
//! retrying as the policy says, inside a tracing span.

use std::marker::PhantomData;
use std::time::Duration;

use bytes::Bytes;
use futures_util::TryStreamExt;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue, LOCATION,
};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::time::Instant;
use tracing::Instrument;

use super::client::{Client, GeneratedClient};
use super::error::{ApiError, Error};
use super::hook::{Attempt, AttemptResponse};
use super::options::{RequestOptions, lay_over};
use super::response::{RateLimit, Response};
use super::retry::Failure;
use super::transport;

/// The format of a request or response body, where an operation offers a choice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `application/json`
    #[default]
    Json,
    /// `application/yaml`
    Yaml,
}

impl Format {
    /// The media type of the format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Yaml => "application/yaml",
        }
    }
}

/// How a parameter's value is written (OpenAPI's `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `name=a,b`, or `name=a&name=b` exploded; an object's keys become names when exploded.
    Form,
    /// `name=a b`.
    SpaceDelimited,
    /// `name=a|b`.
    PipeDelimited,
    /// `name[key]=value` for each key of an object.
    DeepObject,
    /// The whole value as JSON text.
    Json,
}

/// Characters a path segment may keep: letters, digits and `-._~`. Everything else, `/` and `?`
/// first, is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path parameter as one encoded segment. A value that would change which path the request goes
/// to (empty, `.` or `..`) is refused.
pub fn path_segment<T: Serialize + ?Sized, E>(name: &str, value: &T) -> Result<String, Error<E>> {
    let text = match to_value(name, value)? {
        Value::Array(items) => items
            .iter()
            .filter_map(scalar)
            .collect::<Vec<_>>()
            .join(","),
        other => scalar(&other).unwrap_or_default(),
    };
    if text.is_empty() || text == "." || text == ".." {
        return Err(Error::InvalidRequest(format!(
            "path parameter `{name}` cannot be {text:?}: it would change the path of the request"
        )));
    }
    Ok(utf8_percent_encode(&text, SEGMENT).to_string())
}

fn to_value<T: Serialize + ?Sized, E>(name: &str, value: &T) -> Result<Value, Error<E>> {
    json(name, value).map_err(Error::InvalidRequest)
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

/// The pairs a query parameter (or form field) becomes.
fn pairs(name: &str, value: Value, style: Style, explode: bool) -> Vec<(String, String)> {
    let joiner = match style {
        Style::SpaceDelimited => " ",
        Style::PipeDelimited => "|",
        Style::Form | Style::DeepObject => ",",
        Style::Json if value.is_null() => return Vec::new(),
        Style::Json => return vec![(name.to_owned(), value.to_string())],
    };
    match value {
        Value::Null => Vec::new(),
        Value::Array(items)
            if explode && style != Style::DeepObject || style == Style::DeepObject =>
        {
            items
                .iter()
                .filter_map(scalar)
                .map(|v| (name.to_owned(), v))
                .collect()
        }
        Value::Array(items) => vec![(
            name.to_owned(),
            items
                .iter()
                .filter_map(scalar)
                .collect::<Vec<_>>()
                .join(joiner),
        )],
        Value::Object(map) => match style {
            Style::DeepObject => map
                .iter()
                .filter_map(|(k, v)| Some((format!("{name}[{k}]"), scalar(v)?)))
                .collect(),
            _ if explode => map
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), scalar(v)?)))
                .collect(),
            _ => {
                let flat: Vec<String> = map
                    .iter()
                    .filter_map(|(k, v)| Some(format!("{k}{joiner}{}", scalar(v)?)))
                    .collect();
                vec![(name.to_owned(), flat.join(joiner))]
            }
        },
        other => scalar(&other)
            .map(|v| vec![(name.to_owned(), v)])
            .unwrap_or_default(),
    }
}

/// The pairs of the query string that a query parameter becomes.
pub(crate) fn query_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<Vec<(String, String)>, String> {
    Ok(pairs(name, json(name, value)?, style, explode))
}

/// The text of a header parameter (`None` for a null value, which sends no header).
pub(crate) fn header_text<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<Option<String>, String> {
    Ok(match json(name, value)? {
        Value::Null => None,
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(scalar)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Value::Object(map) => Some(
            map.iter()
                .filter_map(|(k, v)| Some(format!("{k},{}", scalar(v)?)))
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => Some(scalar(&other).unwrap_or_default()),
    })
}

/// The `name=value` pairs of the `Cookie` header that a cookie parameter becomes.
pub(crate) fn cookie_pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<Vec<String>, String> {
    Ok(pairs(name, json(name, value)?, Style::Form, false)
        .into_iter()
        .map(|(key, value)| format!("{key}={}", utf8_percent_encode(&value, SEGMENT)))
        .collect())
}

/// A body as `application/x-www-form-urlencoded` text.
pub(crate) fn form_text<T: Serialize + ?Sized>(body: &T) -> Result<String, String> {
    let Value::Object(fields) = json("body", body)? else {
        return Err("a form body must be an object".into());
    };
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        let value = match value {
            Value::Object(_) => Value::String(value.to_string()),
            other => other,
        };
        form.extend_pairs(pairs(&name, value, Style::Form, true));
    }
    Ok(form.finish())
}

/// The bytes of a binary value, which serializes as a list of numbers.
pub(crate) fn bytes_of(items: &[Value]) -> Vec<u8> {
    items
        .iter()
        .filter_map(Value::as_u64)
        .map(|b| b as u8)
        .collect()
}

/// A parameter or body as JSON, or what keeps it from being one.
fn json<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|error| format!("parameter `{name}`: {error}"))
}

/// A request being put together, for an API whose error bodies are `E`.
pub struct Call<E> {
    client: Client,
    operation: &'static str,
    method: Method,
    template: &'static str,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    cookies: Vec<String>,
    body: Option<Body>,
    accept: &'static str,
    error_body: PhantomData<fn() -> E>,
}

/// A body, kept so that every attempt sends the same one.
#[allow(
    dead_code,
    reason = "a spec uses the kinds of bodies its operations take"
)]
enum Body {
    Bytes(Bytes, &'static str),
    Multipart(Vec<(String, Part)>),
}

#[allow(
    dead_code,
    reason = "a spec uses the kinds of bodies its operations take"
)]
enum Part {
    Text(String),
    Json(String),
    Bytes(Vec<u8>),
}

impl<E: DeserializeOwned> Call<E> {
    /// A call of `operation` (its operationId) on the already encoded `path`, which fills the
    /// spec's path `template`.
    pub fn new<C: GeneratedClient<ErrorBody = E>>(
        client: &C,
        operation: &'static str,
        method: Method,
        template: &'static str,
        path: String,
    ) -> Call<E> {
        Call {
            client: client.as_client().clone(),
            operation,
            method,
            template,
            path,
            query: Vec::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            body: None,
            accept: Format::Json.media_type(),
            error_body: PhantomData,
        }
    }

    /// Adds the query parameter `name`, written in `style` (nothing for `None`).
    pub fn query<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) -> Result<(), Error<E>> {
        let pairs = query_pairs(name, value, style, explode).map_err(Error::InvalidRequest)?;
        self.query.extend(pairs);
        Ok(())
    }

    /// Adds the header `name`, its items and fields joined by commas (nothing for `None`).
    pub fn header<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error<E>> {
        let Some(text) = header_text(name, value).map_err(Error::InvalidRequest)? else {
            return Ok(());
        };
        let value = HeaderValue::from_str(&text)
            .map_err(|_| Error::InvalidRequest(format!("header `{name}` cannot carry {text:?}")))?;
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::InvalidRequest(format!("`{name}` is not a header name")))?;
        self.headers.append(name, value);
        Ok(())
    }

    /// Adds the cookie `name` (nothing for `None`).
    pub fn cookie<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error<E>> {
        let pairs = cookie_pairs(name, value).map_err(Error::InvalidRequest)?;
        self.cookies.extend(pairs);
        Ok(())
    }

    /// Sends `body` as JSON or YAML.
    pub fn body<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        format: Format,
    ) -> Result<(), Error<E>> {
        let bytes = match format {
            Format::Json => serde_json::to_vec(body).map_err(|error| {
                Error::InvalidRequest(format!("the body cannot be encoded as JSON: {error}"))
            })?,
            Format::Yaml => serde_yaml::to_string(body)
                .map_err(|error| {
                    Error::InvalidRequest(format!("the body cannot be encoded as YAML: {error}"))
                })?
                .into_bytes(),
        };
        self.body = Some(Body::Bytes(Bytes::from(bytes), format.media_type()));
        Ok(())
    }

    /// Sends `body` as `application/x-www-form-urlencoded`.
    pub fn form<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error<E>> {
        let text = form_text(body).map_err(Error::InvalidRequest)?;
        self.body = Some(Body::Bytes(
            Bytes::from(text),
            "application/x-www-form-urlencoded",
        ));
        Ok(())
    }

    /// Sends `body` as `multipart/form-data`: a part per field (per item for arrays), objects as
    /// JSON text, binary fields as their bytes.
    pub fn multipart<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), Error<E>> {
        let Value::Object(fields) = to_value("body", body)? else {
            return Err(Error::InvalidRequest(
                "a multipart body must be an object".into(),
            ));
        };
        // Binary fields serialize as lists of bytes.
        let is_bytes = |items: &[Value]| {
            !items.is_empty() && items.iter().all(|i| i.as_u64().is_some_and(|b| b <= 255))
        };
        let mut parts = Vec::new();
        for (name, value) in fields {
            let values = match value {
                Value::Array(items) if !is_bytes(&items) => items,
                other => vec![other],
            };
            for value in values {
                let part = match value {
                    Value::Null => continue,
                    Value::String(text) => Part::Text(text),
                    Value::Array(items) => Part::Bytes(bytes_of(&items)),
                    other => Part::Json(other.to_string()),
                };
                parts.push((name.clone(), part));
            }
        }
        self.body = Some(Body::Multipart(parts));
        Ok(())
    }

    /// Sends `body` as it is, with `media_type`.
    pub fn raw(&mut self, body: impl Into<Bytes>, media_type: &'static str) {
        self.body = Some(Body::Bytes(body.into(), media_type));
    }

    /// Asks for the response in `format`.
    pub fn accept(&mut self, format: Format) {
        self.accept_media_type(format.media_type());
    }

    /// Asks for the response in one of `media_types` (a comma-separated list): a body the
    /// client reads as text or bytes.
    pub fn accept_media_type(&mut self, media_types: &'static str) {
        self.accept = media_types;
    }

    /// Sends the request, retrying as the client's policy says, and returns the successful
    /// response or the error.
    pub async fn send(self) -> Result<Answer<E>, Error<E>> {
        let span = tracing::info_span!(
            "request",
            operation = self.operation,
            method = %self.method,
            path = self.template,
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        self.attempt_all().instrument(span).await
    }

    /// The URL of the call: the base URL, the path, the parameters' query pairs, then the
    /// options' own.
    fn url(&self, options: Option<&RequestOptions>) -> url::Url {
        let mut url = self.client.base_url().clone();
        let path = format!("{}{}", url.path().trim_end_matches('/'), self.path);
        url.set_path(&path);
        let extra = options.map_or(&[][..], |options| options.query.as_slice());
        if !self.query.is_empty() || !extra.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(&self.query)
                .extend_pairs(extra);
        }
        url
    }

    /// The headers every attempt of the call sends: the parameters', `Accept`, the token, the
    /// cookies and the body's type, then the options' over them.
    fn headers(
        &self,
        options: Option<&RequestOptions>,
        content_type: Option<HeaderValue>,
    ) -> Result<HeaderMap, Error<E>> {
        let mut headers = self.headers.clone();
        let accept = HeaderValue::from_str(self.accept).map_err(|_| {
            Error::InvalidRequest(format!("`{}` cannot be sent as `Accept`", self.accept))
        })?;
        headers.insert(ACCEPT, accept);
        if let Some(authorization) = self.client.authorization()? {
            headers.insert(AUTHORIZATION, authorization);
        }
        if !self.cookies.is_empty() {
            let cookies = HeaderValue::from_str(&self.cookies.join("; "))
                .map_err(|_| Error::InvalidRequest("the cookies cannot be sent".into()))?;
            headers.insert(COOKIE, cookies);
        }
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, content_type);
        }
        if let Some(options) = options {
            let extra = options.header_map().map_err(Error::InvalidRequest)?;
            lay_over(&mut headers, &extra);
        }
        Ok(headers)
    }

    /// The body's bytes and media type, encoded once for every attempt.
    async fn encoded_body(&self) -> Result<Option<(Bytes, HeaderValue)>, Error<E>> {
        let (bytes, media_type) = match &self.body {
            None => return Ok(None),
            Some(Body::Bytes(bytes, media_type)) => (bytes.clone(), (*media_type).to_owned()),
            Some(Body::Multipart(parts)) => {
                let form = multipart_form(parts)?;
                let media_type = format!("multipart/form-data; boundary={}", form.boundary());
                let bytes = form
                    .into_stream()
                    .try_fold(Vec::new(), |mut bytes, chunk| async move {
                        bytes.extend_from_slice(&chunk);
                        Ok(bytes)
                    })
                    .await
                    .map_err(|error| Error::InvalidRequest(error.to_string()))?;
                (Bytes::from(bytes), media_type)
            }
        };
        let media_type = HeaderValue::from_str(&media_type).map_err(|_| {
            Error::InvalidRequest(format!("`{media_type}` cannot be sent as `Content-Type`"))
        })?;
        Ok(Some((bytes, media_type)))
    }

    async fn attempt_all(self) -> Result<Answer<E>, Error<E>> {
        let inner = &self.client.inner;
        let options = self.client.options.as_deref();
        let url = self.url(options);
        let body = self.encoded_body().await?;
        let content_type = body.as_ref().map(|(_, media_type)| media_type.clone());
        let headers = self.headers(options, content_type)?;
        let policy = options
            .and_then(|options| options.retry.as_ref())
            .unwrap_or(&inner.retry);
        let timeout = options
            .and_then(|options| options.timeout)
            .unwrap_or(inner.timeout);
        let mut backoff = policy.backoff();
        let mut waited = Duration::ZERO;
        let mut attempt = 0;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempts", attempt);
            let mut request = reqwest::Request::new(self.method.clone(), url.clone());
            *request.headers_mut() = headers.clone();
            *request.timeout_mut() = Some(timeout);
            if let Some((bytes, _)) = &body {
                *request.body_mut() = Some(bytes.clone().into());
            }
            for hook in &inner.hooks {
                hook.before_attempt(&mut Attempt {
                    operation: self.operation,
                    number: attempt,
                    request: &mut request,
                });
            }
            let (error, rate_limit, status) = match self.exchange(request, attempt, timeout).await {
                Ok(Exchange::Success(answer)) => {
                    tracing::Span::current().record("status", answer.status.as_u16());
                    tracing::debug!("answered");
                    return Ok(answer);
                }
                Ok(Exchange::Failure(error)) => {
                    let status = error.status();
                    tracing::Span::current().record("status", status.as_u16());
                    let rate_limit = *error.rate_limit();
                    (Error::Api(Box::new(error)), rate_limit, Some(status))
                }
                Err(error @ Error::Transport(_)) => (error, RateLimit::default(), None),
                Err(error) => return Err(error),
            };
            let failure = match status {
                Some(status) => Failure::Status(status, &rate_limit),
                None => Failure::Connection,
            };
            let next = backoff.next().unwrap_or(Duration::ZERO);
            let delay = (attempt < policy.attempts())
                .then(|| policy.delay(&self.method, failure, next, waited))
                .flatten();
            let Some(delay) = delay else {
                tracing::debug!(error = %error, "failed");
                return Err(error);
            };
            tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, error = %error, "retrying");
            policy.sleep(delay).await;
            waited += delay;
        }
    }

    /// One attempt (number `attempt`, which may take `timeout`): the response read to its end,
    /// sorted into success, redirect and API error.
    async fn exchange(
        &self,
        request: reqwest::Request,
        attempt: u32,
        timeout: Duration,
    ) -> Result<Exchange<E>, Error<E>> {
        let inner = &self.client.inner;
        let sent = Instant::now();
        let deadline = sent + timeout;
        let transport = |error: reqwest::Error| match inner.connect_timeout {
            Some(connect_timeout) if error.is_connect() && error.is_timeout() => {
                Error::ConnectTimeout(connect_timeout)
            }
            _ if error.is_timeout() => Error::Timeout(timeout),
            _ => Error::Transport(error),
        };
        let url = request.url().clone();
        let response = inner
            .http
            .execute(request)
            .await
            .map_err(|failure| match failure {
                transport::Failure::Reqwest(error) => transport(error),
                transport::Failure::Middleware(error) => Error::Middleware(error),
            })?;
        for hook in &inner.hooks {
            hook.after_response(&AttemptResponse {
                operation: self.operation,
                number: attempt,
                method: &self.method,
                url: &url,
                response: &response,
                elapsed: sent.elapsed(),
            });
        }
        // A client of the caller's may have followed a redirect the runtime's own never would.
        if response.url().origin() != url.origin() {
            return Err(Error::FollowedRedirect {
                location: response.url().to_string(),
            });
        }
        let status = response.status();
        if matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
            return Err(redirect(status, response.url(), response.headers()));
        }
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(transport)?;
        if status.is_success() {
            return Ok(Exchange::Success(Answer {
                status,
                headers,
                body,
                deadline,
                timeout,
                error_body: PhantomData,
            }));
        }
        let rate_limit = RateLimit::from_headers(&headers);
        Ok(Exchange::Failure(ApiError::new(status, rate_limit, &body)))
    }
}

/// The error for a redirect, with its `location` resolved against the URL of the request.
fn redirect<E>(status: StatusCode, url: &url::Url, headers: &HeaderMap) -> Error<E> {
    let location = headers.get(LOCATION).map(|location| {
        let text = String::from_utf8_lossy(location.as_bytes());
        url.join(&text)
            .map_or_else(|_| text.into_owned(), String::from)
    });
    Error::Redirect { status, location }
}

fn multipart_form<E>(parts: &[(String, Part)]) -> Result<reqwest::multipart::Form, Error<E>> {
    let mut form = reqwest::multipart::Form::new();
    for (name, part) in parts {
        let part = match part {
            Part::Text(text) => reqwest::multipart::Part::text(text.clone()),
            Part::Json(json) => reqwest::multipart::Part::text(json.clone())
                .mime_str("application/json")
                .map_err(|error| Error::InvalidRequest(error.to_string()))?,
            Part::Bytes(bytes) => reqwest::multipart::Part::bytes(bytes.clone()),
        };
        form = form.part(name.clone(), part);
    }
    Ok(form)
}

enum Exchange<E> {
    Success(Answer<E>),
    Failure(ApiError<E>),
}

/// A successful response before its body is decoded, from an API whose error bodies are `E`.
pub struct Answer<E> {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    /// When the attempt that brought the response runs out of time, decoding included.
    deadline: Instant,
    timeout: Duration,
    error_body: PhantomData<fn() -> E>,
}

/// How deep YAML may nest, as serde_json allows JSON to.
const YAML_DEPTH: usize = 128;

impl<E> Answer<E> {
    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    fn decode_error(&self, message: impl std::fmt::Display) -> Error<E> {
        Error::decode(
            self.status,
            RateLimit::from_headers(&self.headers),
            message,
            &self.body,
        )
    }

    /// The body decoded from `format`. YAML is decoded on the blocking pool, and no later than
    /// the request's timeout allows.
    pub async fn parse<T: DeserializeOwned + Send + 'static>(
        &self,
        format: Format,
    ) -> Result<T, Error<E>> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Err(self.decode_error(format!(
                "the body is empty where {} was expected",
                format.media_type()
            )));
        }
        match format {
            Format::Json => {
                serde_json::from_slice(&self.body).map_err(|error| self.decode_error(error))
            }
            Format::Yaml => {
                let body = self.body.clone();
                let decoding = tokio::task::spawn_blocking(move || decode_yaml::<T>(&body));
                match tokio::time::timeout_at(self.deadline, decoding).await {
                    Err(_) => Err(Error::Timeout(self.timeout)),
                    Ok(Err(join)) if join.is_panic() => {
                        std::panic::resume_unwind(join.into_panic())
                    }
                    Ok(Err(_)) => Err(self.decode_error("the runtime shut down while decoding")),
                    Ok(Ok(decoded)) => decoded.map_err(|message| self.decode_error(message)),
                }
            }
        }
    }

    /// The error for a success status the operation does not document.
    pub fn undocumented_status(&self) -> Error<E> {
        self.decode_error(format!(
            "the operation does not document the status {}",
            self.status
        ))
    }

    /// The body as text.
    pub fn text(&self) -> Result<String, Error<E>> {
        String::from_utf8(self.body.to_vec()).map_err(|error| self.decode_error(error))
    }

    /// The body as it came.
    pub fn bytes(&self) -> Bytes {
        self.body.clone()
    }

    /// The response with `body` as its body.
    pub fn into_response<T>(self, body: T) -> Response<T> {
        Response::new(self.status, self.headers, body)
    }

    /// The response with the body decoded from `format`.
    pub async fn decode<T: DeserializeOwned + Send + 'static>(
        self,
        format: Format,
    ) -> Result<Response<T>, Error<E>> {
        let body = self.parse(format).await?;
        Ok(self.into_response(body))
    }
}

/// Decodes YAML, refusing first what nests deeper than [`YAML_DEPTH`]: serde_norway's parser reads
/// a whole document before its own depth limit applies, in a time that grows with the square of
/// the depth, so the depth is measured first by a streaming parser that stops at the limit (or at
/// its own, 255 levels of flow collections).
fn decode_yaml<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    let text =
        std::str::from_utf8(body).map_err(|error| format!("the YAML is not UTF-8: {error}"))?;
    let mut depth = 0usize;
    for event in saphyr_parser::Parser::new_from_str(text) {
        let (event, span) = event.map_err(|error| format!("the YAML cannot be read: {error}"))?;
        match event {
            saphyr_parser::Event::SequenceStart(..) | saphyr_parser::Event::MappingStart(..) => {
                depth += 1;
                if depth > YAML_DEPTH {
                    return Err(format!(
                        "the YAML is nested deeper than {YAML_DEPTH} levels (line {}, column {})",
                        span.start.line(),
                        span.start.col() + 1
                    ));
                }
            }
            saphyr_parser::Event::SequenceEnd | saphyr_parser::Event::MappingEnd => depth -= 1,
            _ => {}
        }
    }
    serde_yaml::from_str(text).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
        path_segment("id", value)
    }

    #[test]
    fn yaml_deeper_than_json_may_be_is_refused_before_it_is_parsed() {
        let deep = |levels: usize| format!("{}1{}", "{a: ".repeat(levels), "}".repeat(levels));
        assert!(decode_yaml::<serde_json::Value>(deep(YAML_DEPTH).as_bytes()).is_ok());
        let error = decode_yaml::<serde_json::Value>(deep(1_000_000).as_bytes()).unwrap_err();
        assert_eq!(
            error,
            "the YAML cannot be read: recursion limit exceeded at byte 1020 line 1 column 1021"
        );
        let blocks = format!("{}x", "- ".repeat(1_000_000));
        let error = decode_yaml::<serde_json::Value>(blocks.as_bytes()).unwrap_err();
        assert_eq!(
            error,
            "the YAML is nested deeper than 128 levels (line 1, column 257)"
        );
        assert!(decode_yaml::<serde_json::Value>(b"\xff: 1").is_err());
    }

    #[test]
    fn path_segments_cannot_change_the_path() {
        assert_eq!(segment("a/b?c#d").unwrap(), "a%2Fb%3Fc%23d");
        assert_eq!(segment("../../admin").unwrap(), "..%2F..%2Fadmin");
        assert_eq!(segment("web-1.0_x~").unwrap(), "web-1.0_x~");
        assert_eq!(segment(&42).unwrap(), "42");
        assert_eq!(segment("%2e%2e").unwrap(), "%252e%252e");
        for refused in ["", ".", ".."] {
            assert!(
                matches!(segment(refused), Err(Error::InvalidRequest(_))),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn query_values_follow_their_style() {
        let value = |v: Value, style, explode| pairs("p", v, style, explode);
        assert_eq!(
            value(serde_json::json!(3), Style::Form, true),
            [("p".into(), "3".into())]
        );
        assert_eq!(value(Value::Null, Style::Form, true), []);
        assert_eq!(
            value(serde_json::json!(["a", "b"]), Style::Form, true),
            [("p".into(), "a".into()), ("p".into(), "b".into())]
        );
        assert_eq!(
            value(serde_json::json!(["a", "b"]), Style::Form, false),
            [("p".into(), "a,b".into())]
        );
        assert_eq!(
            value(serde_json::json!(["a", "b"]), Style::PipeDelimited, false),
            [("p".into(), "a|b".into())]
        );
        assert_eq!(
            value(serde_json::json!({"x": 1}), Style::DeepObject, true),
            [("p[x]".into(), "1".into())]
        );
        assert_eq!(
            value(serde_json::json!({"x": 1, "y": 2}), Style::Form, true),
            [("x".into(), "1".into()), ("y".into(), "2".into())]
        );
        assert_eq!(
            value(serde_json::json!({"x": 1, "y": 2}), Style::Form, false),
            [("p".into(), "x,1,y,2".into())]
        );
        assert_eq!(
            value(serde_json::json!({"term": "a b"}), Style::Json, false),
            [("p".into(), r#"{"term":"a b"}"#.into())]
        );
    }
}
