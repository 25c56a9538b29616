//! Follows a deployment of an app until it is active, printing its phase and progress as they
//! change.
//!
//! ```sh
//! DIGITALOCEAN_TOKEN=... cargo run --example follow_deployment -- <app id> <deployment id>
//! ```

use std::time::Duration;

use digitalocean_api::models::AppsDeployment;
use digitalocean_api::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: follow_deployment <app id> <deployment id>";
    let app_id = args.next().ok_or(usage)?;
    let deployment_id = args.next().ok_or(usage)?;
    let client = Client::from_env()?;
    run(&client, &app_id, &deployment_id, Duration::from_secs(5)).await?;
    Ok(())
}

/// Polls the deployment every `interval` until its phase is `ACTIVE`; a deployment that ends in
/// another phase is an error.
pub async fn run(
    client: &Client,
    app_id: &str,
    deployment_id: &str,
    interval: Duration,
) -> Result<AppsDeployment, Box<dyn std::error::Error>> {
    let mut last_phase = String::new();
    loop {
        let response = client
            .apps()
            .get_deployment(app_id, deployment_id)
            .send()
            .await?;
        let deployment = response.into_inner().deployment.ok_or_else(|| {
            Error::InvalidRequest("the API answered without the deployment".into())
        })?;
        let phase = deployment.phase.clone().unwrap_or_default();
        if phase != last_phase {
            let progress = deployment.progress.as_ref();
            let done = progress.and_then(|p| p.success_steps).unwrap_or(0);
            let total = progress.and_then(|p| p.total_steps).unwrap_or(0);
            println!("{phase} ({done}/{total} steps)");
            last_phase = phase.clone();
        }
        match phase.as_str() {
            "ACTIVE" => return Ok(*deployment),
            "ERROR" | "CANCELED" | "SUPERSEDED" => {
                return Err(format!("the deployment ended in {phase}").into());
            }
            _ => tokio::time::sleep(interval).await,
        }
    }
}
