//! Lists every app of the account, page after page, with the stream that follows the `next`
//! links.
//!
//! ```sh
//! DIGITALOCEAN_TOKEN=... cargo run --example list_apps
//! ```

use digitalocean_api::{Client, Error};
use futures::StreamExt;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = Client::from_env()?;
    let names = run(&client).await?;
    println!("{} apps", names.len());
    Ok(())
}

/// Prints each app as it arrives and returns their names.
pub async fn run(client: &Client) -> Result<Vec<String>, Error> {
    let mut apps = client.apps().list().per_page(200).stream();
    let mut names = Vec::new();
    while let Some(app) = apps.next().await {
        let app = app?;
        let id = app.id.as_deref().unwrap_or("?");
        println!("{id}  {}", app.spec.name);
        names.push(app.spec.name);
    }
    if let Some(total) = apps.total() {
        println!("the API counts {total} apps");
    }
    Ok(names)
}
