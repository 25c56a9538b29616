//! The rows of the account.

use digitalocean_api::models::AccountStatus;

use super::case::{Case, case, served};

pub fn cases() -> Vec<Case> {
    vec![served!(
        case("account_get", "GET /v2/account"),
        [account().get()],
        |response| {
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
        }
    )]
}
