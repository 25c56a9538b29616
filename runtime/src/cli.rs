//! The hand-written half of the command line (the `cli` feature): the options every command
//! shares, the client they make, reading bodies, printing results, and exit codes. The generated
//! `cli` module has a subcommand per resource and per operation, each of which calls the client
//! and hands the result to a [`Context`].

use std::fmt;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::client::{ClientBuilder, GeneratedClient};
use super::error::Error;
use super::hook::{Attempt, Hook};
use super::options::{checked_header, lay_over};
use super::retry::RetryPolicy;

/// The exit code of a command line that is wrong: an unknown argument, a value that does not
/// parse, a body file that cannot be read or decoded, a configuration that cannot work.
pub const EXIT_USAGE: u8 = 2;
/// The exit code of an error answered by the API (a 4xx or 5xx status).
pub const EXIT_API: u8 = 3;
/// The exit code of a request that got no answer: the connection failed or timed out.
pub const EXIT_TRANSPORT: u8 = 4;
/// The exit code of an answer that is not what the spec describes: a body that does not decode,
/// or a redirect, which the client does not follow.
pub const EXIT_RESPONSE: u8 = 5;

/// The options every command takes.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct Options {
    /// Send requests to this URL instead of the API's own (a proxy or a test server; https,
    /// or http on a loopback address).
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Allow a plain-http base URL on a host that is not loopback. The token then travels in
    /// clear text, readable by anyone on the way: only for a network you trust.
    #[arg(long, global = true)]
    pub allow_insecure_http: bool,

    /// How long one attempt of a request may take, in seconds (60 unless set).
    #[arg(long, global = true, value_name = "SECONDS", value_parser = seconds)]
    pub timeout: Option<Duration>,

    /// A header to send with every request, as NAME:VALUE; repeat it for more. Not
    /// Authorization, which carries the token, nor Host, which is the base URL's.
    #[arg(long, short = 'H', global = true, value_name = "NAME:VALUE", value_parser = header)]
    pub header: Vec<(HeaderName, HeaderValue)>,

    /// Make each request once: no retry after a failure, whatever it was.
    #[arg(long, global = true)]
    pub no_retry: bool,

    /// How to print results: JSON (pretty on a terminal, compact otherwise) or YAML.
    #[arg(
        long,
        short = 'o',
        global = true,
        value_enum,
        default_value_t = OutputFormat::Json,
        value_name = "FORMAT"
    )]
    pub output: OutputFormat,
}

fn seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .filter(|duration| !duration.is_zero())
        .ok_or_else(|| "expected a positive number of seconds".to_owned())
}

/// A header of the command line: `NAME:VALUE`, spaces around either ignored.
fn header(text: &str) -> Result<(HeaderName, HeaderValue), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| "expected NAME:VALUE, a header name and its value".to_owned())?;
    checked_header(name.trim(), value.trim())
}

/// The headers of `--header`, laid over those of every attempt of every request.
struct ExtraHeaders(HeaderMap);

impl Hook for ExtraHeaders {
    fn before_attempt(&self, attempt: &mut Attempt<'_>) {
        lay_over(attempt.headers_mut(), &self.0);
    }
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// JSON: pretty on a terminal, one line otherwise.
    Json,
    /// YAML.
    Yaml,
}

/// What a command runs with: the client `C` of the generated crate, and how to print what it
/// gets.
#[derive(Debug)]
pub struct Context<C> {
    client: C,
    output: OutputFormat,
    has_token: bool,
}

/// The result of a command of a client whose API's error bodies are `E`.
pub type Outcome<E> = Result<(), Failure<E>>;

impl<C: GeneratedClient> Context<C> {
    /// The context of `options`: a client with the token of the environment, if any, the
    /// headers of the command line, and the client's own retries and timeouts unless the command
    /// line changes them.
    pub fn new(options: &Options) -> Result<Context<C>, Failure<C::ErrorBody>> {
        let token = std::env::var(C::TOKEN_ENV_VAR)
            .ok()
            .filter(|token| !token.trim().is_empty());
        let mut builder = ClientBuilder::<C>::new();
        if let Some(token) = &token {
            builder = builder.token(token);
        }
        if let Some(base_url) = &options.base_url {
            builder = builder.base_url(base_url);
        }
        builder = builder.allow_insecure_http(options.allow_insecure_http);
        if let Some(timeout) = options.timeout {
            builder = builder.timeout(timeout);
        }
        if options.no_retry {
            builder = builder.retry(RetryPolicy::disabled());
        }
        if !options.header.is_empty() {
            let headers = options.header.iter().cloned().collect();
            builder = builder.hook(ExtraHeaders(headers));
        }
        Ok(Context {
            client: builder.build()?,
            output: options.output,
            has_token: token.is_some(),
        })
    }

    /// The client requests are sent with.
    pub fn client(&self) -> &C {
        &self.client
    }

    /// Prints a result in the chosen format.
    pub fn print<T: Serialize + ?Sized>(&self, value: &T) -> Outcome<C::ErrorBody> {
        let mut stdout = io::stdout().lock();
        let text = match self.output {
            OutputFormat::Json if stdout.is_terminal() => {
                serde_json::to_string_pretty(value).map_err(io::Error::other)
            }
            OutputFormat::Json => serde_json::to_string(value).map_err(io::Error::other),
            OutputFormat::Yaml => serde_yaml::to_string(value).map_err(io::Error::other),
        }
        .map_err(Failure::Output)?;
        let newline = if text.ends_with('\n') { "" } else { "\n" };
        write!(stdout, "{text}{newline}")
            .and_then(|()| stdout.flush())
            .map_err(Failure::Output)
    }

    /// Prints a text result as it is.
    pub fn print_text(&self, text: &str) -> Outcome<C::ErrorBody> {
        self.print_bytes(text.as_bytes())
    }

    /// Writes a binary result to standard output as it is.
    pub fn print_bytes(&self, bytes: &[u8]) -> Outcome<C::ErrorBody> {
        let mut stdout = io::stdout().lock();
        stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(Failure::Output)
    }

    /// The body of a request, decoded from JSON or YAML: from `file`, from standard input when
    /// `file` is `-` or left out (unless standard input is a terminal).
    pub fn body<T: DeserializeOwned>(
        &self,
        file: Option<&Path>,
    ) -> Result<T, Failure<C::ErrorBody>> {
        read(file)
            .and_then(|(source, bytes)| decode(&source, bytes))
            .map_err(Failure::Usage)
    }

    /// An optional body, read as [`Context::body`] reads one, but only when `file` is given.
    pub fn optional_body<T: DeserializeOwned>(
        &self,
        file: Option<&Path>,
    ) -> Result<Option<T>, Failure<C::ErrorBody>> {
        file.map(|file| self.body(Some(file))).transpose()
    }

    /// A text or binary body as it is, read as [`Context::body`] reads one.
    pub fn raw_body<T: RawBody>(&self, file: Option<&Path>) -> Result<T, Failure<C::ErrorBody>> {
        read(file)
            .and_then(|(source, bytes)| T::from_bytes(&source, bytes))
            .map_err(Failure::Usage)
    }

    /// An optional text or binary body, read only when `file` is given.
    pub fn optional_raw_body<T: RawBody>(
        &self,
        file: Option<&Path>,
    ) -> Result<Option<T>, Failure<C::ErrorBody>> {
        file.map(|file| self.raw_body(Some(file))).transpose()
    }
}

/// A body that is sent as it is read: text or bytes.
pub trait RawBody: Sized {
    /// The body of `bytes`, read from `source`, or what is wrong with them.
    fn from_bytes(source: &str, bytes: Vec<u8>) -> Result<Self, String>;
}

impl RawBody for Vec<u8> {
    fn from_bytes(_: &str, bytes: Vec<u8>) -> Result<Self, String> {
        Ok(bytes)
    }
}

impl RawBody for String {
    fn from_bytes(source: &str, bytes: Vec<u8>) -> Result<Self, String> {
        String::from_utf8(bytes).map_err(|_| format!("{source} is not UTF-8 text"))
    }
}

/// A body decoded from JSON or YAML: by the file's extension, else by its first character.
fn decode<T: DeserializeOwned>(source: &str, bytes: Vec<u8>) -> Result<T, String> {
    let text = String::from_bytes(source, bytes)?;
    let json = match source.rsplit_once('.').map(|(_, extension)| extension) {
        Some("json") => true,
        Some("yaml" | "yml") => false,
        _ => text.trim_start().starts_with(['{', '[']),
    };
    let decoded = if json {
        serde_json::from_str(&text).map_err(|error| error.to_string())
    } else {
        serde_yaml::from_str(&text).map_err(|error| error.to_string())
    };
    decoded.map_err(|error| format!("the body in {source} does not fit: {error}"))
}

/// The bytes of a body and where they came from.
fn read(file: Option<&Path>) -> Result<(String, Vec<u8>), String> {
    match file {
        Some(path) if path != Path::new("-") => std::fs::read(path)
            .map(|bytes| (path.display().to_string(), bytes))
            .map_err(|error| format!("cannot read {}: {error}", path.display())),
        None if io::stdin().is_terminal() => Err("this operation needs a body: pass --file PATH \
             (JSON or YAML), or pipe it on standard input"
            .to_owned()),
        _ => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|error| format!("cannot read standard input: {error}"))?;
            Ok(("standard input".to_owned(), bytes))
        }
    }
}

/// Why a command failed; each kind has its own exit code. `E` is the type of the API's error
/// bodies.
#[derive(Debug)]
pub enum Failure<E> {
    /// The command line is wrong ([`EXIT_USAGE`]).
    Usage(String),
    /// The request failed ([`EXIT_API`], [`EXIT_TRANSPORT`] or [`EXIT_RESPONSE`], by its kind).
    Request(Error<E>),
    /// The result could not be written.
    Output(io::Error),
}

impl<E> From<Error<E>> for Failure<E> {
    fn from(error: Error<E>) -> Failure<E> {
        Failure::Request(error)
    }
}

impl<E> Failure<E> {
    /// The process's exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => EXIT_USAGE,
            Failure::Request(Error::Api(_)) => EXIT_API,
            Failure::Request(
                Error::Timeout(_)
                | Error::ConnectTimeout(_)
                | Error::Transport(_)
                | Error::Middleware(_),
            ) => EXIT_TRANSPORT,
            Failure::Request(
                Error::Decode { .. } | Error::Redirect { .. } | Error::FollowedRedirect { .. },
            ) => EXIT_RESPONSE,
            Failure::Request(
                Error::InvalidRequest(_) | Error::Config(_) | Error::InsecureBaseUrl { .. },
            ) => EXIT_USAGE,
            // A reader that went away (`| head`) is not a failure.
            Failure::Output(error) if error.kind() == io::ErrorKind::BrokenPipe => 0,
            Failure::Output(_) => 1,
        }
    }
}

/// How a failure reads on standard error.
struct Report<'a, E> {
    failure: &'a Failure<E>,
    /// The variable the token is read from, when it was not set.
    missing_token: Option<&'static str>,
}

impl<E: fmt::Debug> fmt::Display for Report<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.failure {
            Failure::Usage(message) => write!(f, "error: {message}"),
            Failure::Request(Error::Api(error)) => {
                let status = error.status();
                write!(f, "error: the API answered {status}")?;
                match error.message() {
                    Some(message) => write!(f, ": {message}")?,
                    None if !error.excerpt().is_empty() => write!(f, ": {:?}", error.excerpt())?,
                    None => {}
                }
                if let Some(id) = error.id() {
                    write!(f, "\n  error id: {id}")?;
                }
                if let Some(request_id) = error.request_id() {
                    write!(f, "\n  request id: {request_id}")?;
                }
                if let (reqwest::StatusCode::UNAUTHORIZED, Some(variable)) =
                    (status, self.missing_token)
                {
                    write!(f, "\n  hint: set {variable} to an API token")?;
                }
                Ok(())
            }
            // The library's words name the builder's method, which a user of the command line
            // does not call.
            Failure::Request(Error::InsecureBaseUrl { url }) => write!(
                f,
                "error: the base URL `{url}` is plain http on a host that is not loopback, so \
                 the token would travel in clear text; use https, or pass \
                 --allow-insecure-http if you mean it"
            ),
            Failure::Request(error) => {
                write!(f, "error: {error}")?;
                let mut source = std::error::Error::source(error);
                while let Some(cause) = source {
                    write!(f, "\n  caused by: {cause}")?;
                    source = cause.source();
                }
                Ok(())
            }
            Failure::Output(error) => write!(f, "error: cannot write the result: {error}"),
        }
    }
}

/// Runs a command whose line parsed: makes the context and a runtime, runs it, and reports a
/// failure on standard error with its exit code.
pub fn execute<C>(
    options: &Options,
    command: impl AsyncFnOnce(&Context<C>) -> Outcome<C::ErrorBody>,
) -> ExitCode
where
    C: GeneratedClient,
    C::ErrorBody: fmt::Debug,
{
    let context = match Context::<C>::new(options) {
        Ok(context) => context,
        Err(failure) => return report(&failure, None),
    };
    let missing = (!context.has_token).then_some(C::TOKEN_ENV_VAR);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return report(&Failure::<C::ErrorBody>::Output(error), missing),
    };
    match runtime.block_on(command(&context)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(&failure, missing),
    }
}

/// The exit of a command line that did not parse, or asked for help or the version.
pub fn parse_failure(error: &clap::Error) -> ExitCode {
    // Help and version go to standard output with 0; mistakes to standard error.
    let _ = error.print();
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(EXIT_USAGE))
}

fn report<E: fmt::Debug>(failure: &Failure<E>, missing_token: Option<&'static str>) -> ExitCode {
    let code = failure.exit_code();
    if code != 0 {
        eprintln!(
            "{}",
            Report {
                failure,
                missing_token
            }
        );
    }
    ExitCode::from(code)
}

/// A value of a parameter, from its text on the command line: as the JSON string of that text
/// (so that enum values and strings need no quotes), else as JSON (numbers, booleans, arrays and
/// objects).
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .or_else(|error| serde_json::from_str(text).map_err(|_| error.to_string()))
}

/// Bytes as one value on the command line (a `Vec<u8>` field would take many).
pub type Bytes = Vec<u8>;
