use digitalocean_api::models::AccountStatus;
use tests::{Once, assert_round_trip, client, decoded, mock_server, response_example};

#[tokio::test]
async fn get_decodes_the_account() {
    let server = mock_server().await;
    let example = response_example("account_get", 200);
    server
        .account()
        .get()
        .respond(200, decoded(&example))
        .once()
        .await;

    let response = client(&server).account().get().send().await.unwrap();

    let account = &response.account;
    assert_eq!(account.droplet_limit, 25);
    assert_eq!(account.floating_ip_limit, 5);
    assert_eq!(account.email, "sammy@digitalocean.com");
    assert_eq!(account.name.as_deref(), Some("Sammy the Shark"));
    assert_eq!(account.uuid, "b6fr89dbf6d9156cace5f3c78dc9851d957381ef");
    assert!(account.email_verified);
    assert_eq!(account.status, AccountStatus::Active);
    assert_eq!(account.status_message, " ");
    let team = account.team.as_ref().unwrap();
    assert_eq!(
        team.uuid.as_deref(),
        Some("5df3e3004a17e242b7c20ca6c9fc25b701a47ece")
    );
    assert_eq!(team.name.as_deref(), Some("My Team"));
    assert_round_trip(response.body(), &example);
}
