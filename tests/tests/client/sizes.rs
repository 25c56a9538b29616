//! A page of a list is a vector of its items, so every model must be small inline: its large
//! members are boxed, whatever the spec nests.

use std::mem::size_of;

use digitalocean_api::UnknownFields;
use digitalocean_api::models::{
    Account, App, AppSpec, AppsDeployment, AppsListResponse, PageLinks,
};

/// What a value may take inline: a kilobyte holds the largest models' strings and lists, while
/// one whole `AppSpec` held inline per deployment made an app 6.8 KB.
const SMALL: usize = 1024;

#[test]
fn the_models_that_nest_others_are_small_inline() {
    for (name, size) in [
        ("App", size_of::<App>()),
        ("AppSpec", size_of::<AppSpec>()),
        ("AppsDeployment", size_of::<AppsDeployment>()),
        ("Account", size_of::<Account>()),
        ("AppsListResponse", size_of::<AppsListResponse>()),
    ] {
        assert!(size <= SMALL, "{name} takes {size} bytes inline");
    }
}

#[test]
fn the_unknown_fields_every_struct_carries_are_one_word() {
    assert_eq!(size_of::<UnknownFields>(), size_of::<usize>());
}

#[test]
fn a_large_member_is_boxed_and_a_small_one_is_not() {
    // An app holds four deployments, each over the box threshold: each is a pointer. The
    // annotations are the assertion: they fail to compile if either representation changes.
    let app = App::example();
    let _: &Option<Box<AppsDeployment>> = &app.active_deployment;
    let _: Box<AppSpec> = app.spec.clone();
    // The links of a page are under the threshold, and stay inline.
    let _: &Option<PageLinks> = &AppsListResponse::example().links;
    assert!(size_of::<PageLinks>() <= 256, "{}", size_of::<PageLinks>());
    assert!(
        size_of::<AppsDeployment>() > 256,
        "{}",
        size_of::<AppsDeployment>()
    );
}
