//! End-to-end tests of the generated client against a local mock server.

mod apps_lossless;
mod apps_yaml;
mod blocking;
mod codec;
mod errors;
mod examples;
mod hooks;
mod http_clients;
mod mocks;
mod operations;
mod options;
mod pagination;
mod paths;
mod proxies;
mod rate_limits;
mod redirects;
mod retries;
mod secrets;
mod sizes;
mod transport;
