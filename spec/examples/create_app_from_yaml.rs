//! Creates an app from an app spec kept as YAML, after asking the API whether the spec is valid
//! and what it costs.
//!
//! ```sh
//! DIGITALOCEAN_TOKEN=... cargo run --example create_app_from_yaml -- app.yaml
//! ```

use digitalocean_api::models::{App, AppPropose, AppSpec, AppsCreateAppRequest};
use digitalocean_api::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: create_app_from_yaml <app.yaml>")?;
    let yaml = std::fs::read_to_string(&path)?;
    let client = Client::from_env()?;
    let app = run(&client, &yaml).await?;
    println!("created app {}", app.id.as_deref().unwrap_or("?"));
    Ok(())
}

/// Proposes the spec, then creates the app from it.
pub async fn run(client: &Client, yaml: &str) -> Result<App, Box<dyn std::error::Error>> {
    let spec: AppSpec = serde_yaml::from_str(yaml)?;
    let proposal = client
        .apps()
        .validate_app_spec(AppPropose::new(spec.clone()))
        .send()
        .await?;
    if proposal.app_name_available == Some(false) {
        let suggestion = proposal
            .app_name_suggestion
            .as_deref()
            .unwrap_or("another name");
        return Err(format!("the name {} is taken; try {suggestion}", spec.name).into());
    }
    if let Some(cost) = proposal.app_cost {
        println!("{} will cost {cost} USD a month", spec.name);
    }
    let created = client
        .apps()
        .create(AppsCreateAppRequest::new(spec))
        .send()
        .await?;
    created
        .into_inner()
        .app
        .map(|app| *app)
        .ok_or_else(|| Error::InvalidRequest("the API answered without the app".into()).into())
}
