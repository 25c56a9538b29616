//! End-to-end tests of the generated client against a local mock server.

mod account;
mod actions;
mod add_ons;
mod apps;
mod apps_activity;
mod apps_deployments;
mod apps_lossless;
mod apps_monitoring;
mod apps_yaml;
mod blocking;
mod codec;
mod errors;
mod examples;
mod hooks;
mod http_clients;
mod mocks;
mod one_clicks;
mod options;
mod pagination;
mod paths;
mod proxies;
mod rate_limits;
mod redirects;
mod retries;
mod secrets;
mod transport;
