//! What requests are sent with: a `reqwest::Client`, or, with the `middleware` feature, a
//! `reqwest_middleware::ClientWithMiddleware` whose middleware sees every attempt.

use std::fmt;

/// The HTTP client a [`ClientBuilder`](super::ClientBuilder) sends requests with, given to
/// [`http_client`](super::ClientBuilder::http_client): a `reqwest::Client`, or, with the
/// `middleware` feature, a `reqwest_middleware::ClientWithMiddleware`.
#[derive(Clone)]
pub struct Transport(Kind);

#[derive(Clone)]
enum Kind {
    Reqwest(reqwest::Client),
    #[cfg(feature = "middleware")]
    Middleware(reqwest_middleware::ClientWithMiddleware),
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Kind::Reqwest(_) => f.write_str("Transport(reqwest)"),
            #[cfg(feature = "middleware")]
            Kind::Middleware(_) => f.write_str("Transport(reqwest-middleware)"),
        }
    }
}

impl From<reqwest::Client> for Transport {
    fn from(client: reqwest::Client) -> Transport {
        Transport(Kind::Reqwest(client))
    }
}

#[cfg(feature = "middleware")]
impl From<reqwest_middleware::ClientWithMiddleware> for Transport {
    fn from(client: reqwest_middleware::ClientWithMiddleware) -> Transport {
        Transport(Kind::Middleware(client))
    }
}

/// Why no response came back from the transport.
pub(crate) enum Failure {
    /// The HTTP client's own error: a connection, a timeout, a body that broke off.
    Reqwest(reqwest::Error),
    /// A middleware's error (only with the `middleware` feature).
    #[cfg_attr(
        not(feature = "middleware"),
        allow(dead_code, reason = "only middleware fails this way")
    )]
    Middleware(Box<dyn std::error::Error + Send + Sync>),
}

impl Transport {
    /// Sends `request` and returns the response once its headers have come.
    pub(crate) async fn execute(
        &self,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, Failure> {
        match &self.0 {
            Kind::Reqwest(client) => client.execute(request).await.map_err(Failure::Reqwest),
            #[cfg(feature = "middleware")]
            Kind::Middleware(client) => {
                client.execute(request).await.map_err(|error| match error {
                    reqwest_middleware::Error::Reqwest(error) => Failure::Reqwest(error),
                    reqwest_middleware::Error::Middleware(error) => {
                        Failure::Middleware(error.into())
                    }
                })
            }
        }
    }
}
