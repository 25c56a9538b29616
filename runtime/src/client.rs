//! The client: where requests go, who they are from, and how long they may take.

use std::fmt;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use reqwest::header::HeaderValue;
use rustls_platform_verifier::BuilderVerifierExt;
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use url::Url;

use super::error::Error;
use super::hook::Hook;
use super::options::RequestOptions;
use super::retry::RetryPolicy;
use super::transport::Transport;

/// A client generated for one API, as the runtime sees it: the defaults its spec gives and the
/// type of its error bodies. The generated crate's `Client` implements it, around a [`Client`].
pub trait GeneratedClient: Sized {
    /// The body of the API's error responses, as [`ApiError::body`](crate::ApiError::body)
    /// decodes it.
    type ErrorBody: DeserializeOwned;

    /// The URL requests go to unless [`ClientBuilder::base_url`] sets another.
    const DEFAULT_BASE_URL: &'static str;

    /// The `User-Agent` header sent unless [`ClientBuilder::user_agent`] sets another.
    const DEFAULT_USER_AGENT: &'static str;

    /// The environment variable [`ClientBuilder::token_from_env`] reads the token from.
    const TOKEN_ENV_VAR: &'static str;

    /// The generated client around a configured one.
    fn from_client(client: Client) -> Self;

    /// The configured client the generated one wraps.
    fn as_client(&self) -> &Client;
}

/// The configured connection to an API, which a generated client wraps. Cloning is cheap: clones
/// share one connection pool and configuration.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
    /// The options of the one call this client is the client of, in a request builder.
    pub(crate) options: Option<Arc<RequestOptions>>,
}

pub(crate) struct Inner {
    pub(crate) http: Transport,
    pub(crate) hooks: Vec<Arc<dyn Hook>>,
    pub(crate) base_url: Url,
    pub(crate) token: Option<SecretString>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    /// The connect timeout, when the client built its own connection pool.
    pub(crate) connect_timeout: Option<Duration>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("token", &self.inner.token.as_ref().map(|_| "[redacted]"))
            .field("retry", &self.inner.retry)
            .field("timeout", &self.inner.timeout)
            .field("hooks", &self.inner.hooks.len())
            .field("options", &self.options)
            .finish()
    }
}

/// The client `client` with `options` for the one call its request builder makes: what a
/// builder's `with_options` does.
pub fn with_options<C: GeneratedClient>(client: &C, options: RequestOptions) -> C {
    let client = client.as_client();
    C::from_client(Client {
        inner: client.inner.clone(),
        options: Some(Arc::new(options)),
    })
}

impl Client {
    /// The URL that every request path is appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The `Authorization` header of a call, marked sensitive: from the call's own token, else
    /// from the client's.
    pub(crate) fn authorization<E>(&self) -> Result<Option<HeaderValue>, Error<E>> {
        let call_token = self.options.as_ref().and_then(|o| o.token.as_ref());
        let token = match call_token {
            Some(token) => checked_token(token.expose_secret(), "the token of the request options")
                .map_err(Error::InvalidRequest)?,
            None => match &self.inner.token {
                Some(token) => token.expose_secret(),
                None => return Ok(None),
            },
        };
        let mut value = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
            Error::Config("the token contains characters that cannot be sent in a header".into())
        })?;
        value.set_sensitive(true);
        Ok(Some(value))
    }
}

/// Builds a client of the API `C` (the generated crate's `Client`).
#[must_use]
pub struct ClientBuilder<C> {
    token: Option<SecretString>,
    base_url: String,
    user_agent: String,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    http: Option<Transport>,
    hooks: Vec<Arc<dyn Hook>>,
    allow_insecure_http: bool,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("http", &self.http)
            .field("hooks", &self.hooks.len())
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish_non_exhaustive()
    }
}

impl<C: GeneratedClient> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder {
            token: None,
            base_url: C::DEFAULT_BASE_URL.to_owned(),
            user_agent: C::DEFAULT_USER_AGENT.to_owned(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            http: None,
            hooks: Vec::new(),
            allow_insecure_http: false,
            client: PhantomData,
        }
    }
}

impl<C: GeneratedClient> ClientBuilder<C> {
    /// A builder with the API's defaults.
    pub fn new() -> Self {
        ClientBuilder::default()
    }

    /// The API token, sent as a bearer token. Stray whitespace and quotes around it, as a pasted
    /// token often has, are removed. [`build`](ClientBuilder::build) refuses a token that is
    /// empty, or that has characters other than visible ASCII.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(SecretString::from(token.into()));
        self
    }

    /// The API token, read from the environment variable the API names
    /// ([`GeneratedClient::TOKEN_ENV_VAR`]): refused when it is not set, and as
    /// [`token`](ClientBuilder::token) refuses it.
    pub fn token_from_env(self) -> Result<Self, Error<C::ErrorBody>> {
        let name = C::TOKEN_ENV_VAR;
        let source = format!("the environment variable {name}");
        let Some(token) = std::env::var_os(name) else {
            return Err(Error::Config(format!(
                "{source} is not set; set it to an API token"
            )));
        };
        // A value that is not Unicode is refused for the characters it has.
        let token = token.to_string_lossy();
        checked_token(&token, &source).map_err(Error::Config)?;
        Ok(self.token(token))
    }

    /// Where requests go instead of the API's own host: a proxy or a test server. Must be
    /// `https://`, unless its host is a loopback address or [`allow_insecure_http`] is set. A
    /// loopback base URL is reached directly, never through a proxy of the environment.
    ///
    /// [`allow_insecure_http`]: ClientBuilder::allow_insecure_http
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Allows a plain `http://` base URL on a host other than loopback. The token then travels in
    /// clear text.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The `User-Agent` header (by default [`GeneratedClient::DEFAULT_USER_AGENT`]).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// How long one attempt of a request may take, from sending to the end of the body (60 s by
    /// default).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long connecting may take (10 s by default).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// When failed requests are tried again (see [`RetryPolicy`]; on by default).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sends requests through this HTTP client: a `reqwest::Client` of one's own (for its proxy,
    /// TLS or pool settings), or, with the `middleware` feature, a
    /// `reqwest_middleware::ClientWithMiddleware`. A client built from the crate's re-export of
    /// `reqwest` (`reqwest::Client::new()`) has TLS as the crate's own has, with no feature or
    /// setup of the program's.
    ///
    /// The builder's user agent and connect timeout then do not apply, since they are settings
    /// of the connection; the timeout of each attempt does. The base URL is still checked (https
    /// unless loopback or allowed), and a response that comes from another scheme, host or port
    /// than the base URL's, because the client followed a redirect, is refused as
    /// [`Error::FollowedRedirect`]: reqwest drops the token when it follows a redirect to
    /// another host, but a client of one's own should not follow redirects at all
    /// (`redirect(reqwest::redirect::Policy::none())`). Its proxy settings are its own: a
    /// loopback base URL is reached directly only if the client says so (`no_proxy()`).
    pub fn http_client(mut self, http: impl Into<Transport>) -> Self {
        self.http = Some(http.into());
        self
    }

    /// Registers a hook: code called before every attempt of every request and after every
    /// response (see [`Hook`]). Hooks run in the order they were registered.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Builds the client, checking the configuration.
    pub fn build(self) -> Result<C, Error<C::ErrorBody>> {
        let base_url = self.checked_base_url()?;
        let token = match &self.token {
            Some(token) => Some(SecretString::from(
                checked_token(token.expose_secret(), "the token")
                    .map_err(Error::Config)?
                    .to_owned(),
            )),
            None => None,
        };
        let (http, connect_timeout) = match self.http {
            Some(http) => (http, None),
            None => {
                let mut http = reqwest::Client::builder()
                    .user_agent(self.user_agent)
                    .connect_timeout(self.connect_timeout)
                    .redirect(reqwest::redirect::Policy::none())
                    .tls_backend_preconfigured(tls_config()?);
                if is_loopback(&base_url) {
                    http = http.no_proxy();
                }
                let http = http.build().map_err(|error| {
                    Error::Config(format!("the HTTP client cannot be built: {error}"))
                })?;
                (http.into(), Some(self.connect_timeout))
            }
        };
        Ok(C::from_client(Client {
            inner: Arc::new(Inner {
                http,
                hooks: self.hooks,
                base_url,
                token,
                retry: self.retry,
                timeout: self.timeout,
                connect_timeout,
            }),
            options: None,
        }))
    }

    fn checked_base_url(&self) -> Result<Url, Error<C::ErrorBody>> {
        if self.base_url.is_empty() {
            return Err(Error::Config(
                "there is no base URL: the spec names no server, so set one with base_url()".into(),
            ));
        }
        let mut url = Url::parse(&self.base_url).map_err(|error| {
            Error::Config(format!(
                "the base URL `{}` is not a URL: {error}",
                self.base_url
            ))
        })?;
        match url.scheme() {
            "https" => {}
            "http" if self.allow_insecure_http || is_loopback(&url) => {}
            "http" => {
                return Err(Error::InsecureBaseUrl {
                    url: self.base_url.clone(),
                });
            }
            other => {
                return Err(Error::Config(format!(
                    "the base URL must be http or https, not `{other}`"
                )));
            }
        }
        if url.cannot_be_a_base() || url.query().is_some() || url.fragment().is_some() {
            return Err(Error::Config(format!(
                "the base URL `{}` must be a plain URL without query or fragment",
                self.base_url
            )));
        }
        // Request paths are appended to the base path, which therefore ends without a slash.
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&path);
        Ok(url)
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// A token as users paste it: with spaces, newlines or quotes around it.
fn clean_token(token: &str) -> &str {
    token.trim().trim_matches(|c| c == '"' || c == '\'').trim()
}

/// The token without what pasting added, refused when nothing is left or when it has a
/// character a header would carry as raw bytes or not at all. `source` says where it came from.
fn checked_token<'a>(token: &'a str, source: &str) -> Result<&'a str, String> {
    let token = clean_token(token);
    if token.is_empty() {
        return Err(format!("{source} is empty; set it to an API token"));
    }
    if !token.chars().all(|c| c.is_ascii_graphic()) {
        return Err(format!(
            "{source} has a character that is not visible ASCII, which an Authorization header \
             cannot carry; check that it was copied whole"
        ));
    }
    Ok(token)
}

/// TLS 1.2 and 1.3 by rustls, with the `aws-lc-rs` provider and its post-quantum key exchange
/// (or the provider the program installed as its default), certificates checked by the
/// operating system's verifier, and HTTP/2 offered before HTTP/1.1. The provider is the one
/// reqwest uses too, so that a client built from the crate's re-export of reqwest works as this
/// one does. Made once per process: the verifier reads the system's roots.
fn tls_config<E>() -> Result<rustls::ClientConfig, Error<E>> {
    static CONFIG: OnceLock<Result<rustls::ClientConfig, String>> = OnceLock::new();
    let config = CONFIG.get_or_init(|| {
        let provider = rustls::crypto::CryptoProvider::get_default()
            .cloned()
            .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()));
        let mut config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .and_then(|builder| builder.with_platform_verifier())
            .map_err(|error| error.to_string())?
            .with_no_client_auth();
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(config)
    });
    config
        .clone()
        .map_err(|error| Error::Config(format!("TLS cannot be set up: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime's client stands for a generated one.
    impl GeneratedClient for Client {
        type ErrorBody = serde_json::Value;
        const DEFAULT_BASE_URL: &'static str = "https://api.example.com";
        const DEFAULT_USER_AGENT: &'static str = "test";
        const TOKEN_ENV_VAR: &'static str = "TEST_TOKEN";

        fn from_client(client: Client) -> Self {
            client
        }

        fn as_client(&self) -> &Client {
            self
        }
    }

    impl Client {
        fn builder() -> ClientBuilder<Client> {
            ClientBuilder::new()
        }
    }

    #[test]
    fn tokens_are_cleaned_then_checked() {
        let checked = |token| checked_token(token, "the token");
        assert_eq!(checked(" 'dop_v1_abc'\n").unwrap(), "dop_v1_abc");
        for refused in ["", " ", "\"\"", "dop_v1_\u{e9}", "dop v1", "dop\u{0}"] {
            assert!(checked(refused).is_err(), "{refused:?}");
        }
    }

    #[test]
    fn pasted_tokens_are_cleaned() {
        assert_eq!(clean_token("  \"dop_v1_abc\"\n"), "dop_v1_abc");
        assert_eq!(clean_token("'dop_v1_abc'"), "dop_v1_abc");
        assert_eq!(clean_token(" \n"), "");
    }

    #[test]
    fn plain_http_is_only_for_loopback_unless_allowed() {
        let build = |url: &str| Client::builder().token("t").base_url(url).build();
        assert!(build("http://127.0.0.1:8080").is_ok());
        assert!(build("http://localhost/api/").is_ok());
        assert!(build("http://[::1]:9000").is_ok());
        let error = build("http://example.com").unwrap_err();
        assert!(error.to_string().contains("clear text"), "{error}");
        assert!(
            Client::builder()
                .token("t")
                .base_url("http://example.com")
                .allow_insecure_http(true)
                .build()
                .is_ok()
        );
        assert!(build("ftp://example.com").is_err());
        assert!(build("not a url").is_err());
    }

    #[test]
    fn the_base_path_loses_its_trailing_slash() {
        let client = Client::builder()
            .token("t")
            .base_url("https://proxy.example/do/")
            .build()
            .unwrap();
        assert_eq!(client.base_url().as_str(), "https://proxy.example/do");
    }

    #[test]
    fn debug_never_shows_the_token() {
        let client = Client::builder()
            .token("dop_v1_secret")
            .base_url("https://api.example.com")
            .build()
            .unwrap();
        assert!(!format!("{client:?}").contains("dop_v1_secret"));
        let builder = Client::builder().token("dop_v1_secret");
        assert!(!format!("{builder:?}").contains("dop_v1_secret"));
    }
}
