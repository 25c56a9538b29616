//! A list streams every item of every page, fetching each page when the stream reaches it.

use digitalocean_api::ErrorBody;
use digitalocean_api::mock::MockServer;
use digitalocean_api::models::{Action, ActionsListResponse, LinkPages, MetaProperties, PageLinks};
use futures::StreamExt;
use tests::{Once, client, mock_server};

/// A page of actions with ids `ids`, a `next` link to `next` and the total.
fn page(ids: &[i64], next: Option<String>) -> ActionsListResponse {
    let actions = ids.iter().map(|id| Action {
        id: Some(*id),
        ..Action::example()
    });
    let pages = LinkPages {
        next,
        ..LinkPages::example()
    };
    ActionsListResponse {
        actions: Some(actions.collect()),
        links: Some(PageLinks {
            pages: Some(pages),
            ..PageLinks::example()
        }),
        meta: MetaProperties::new(5),
        ..ActionsListResponse::example()
    }
}

/// Serves `body` once as page `number` of two actions a page. The first page is asked for
/// without a page number: its expectation comes after those of the other pages.
async fn serve_page(server: &MockServer, number: i64, body: ActionsListResponse) {
    let list = server.actions().list().per_page(2);
    match number {
        1 => list.respond(200, body).with_priority(10).once().await,
        _ => list.page(number).respond(200, body).once().await,
    }
}

#[tokio::test]
async fn three_pages_stream_every_item_once_in_order() {
    let server = mock_server().await;
    let link = |n: u32| format!("https://api.digitalocean.com/v2/actions?page={n}&per_page=2");
    serve_page(&server, 1, page(&[1, 2], Some(link(2)))).await;
    serve_page(&server, 2, page(&[3, 4], Some(link(3)))).await;
    serve_page(&server, 3, page(&[5], None)).await;

    let mut stream = client(&server).actions().list().per_page(2).stream();
    assert!(
        server.received_requests().await.is_empty(),
        "nothing is sent before the stream is polled"
    );
    assert_eq!(stream.total(), None);

    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.id, Some(1));
    assert_eq!(
        server.received_requests().await.len(),
        1,
        "the second page waits until it is needed"
    );
    assert_eq!(stream.total(), Some(5));

    let mut ids = vec![first.id.unwrap()];
    while let Some(action) = stream.next().await {
        ids.push(action.unwrap().id.unwrap());
    }
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(server.received_requests().await.len(), 3);
    assert!(stream.next().await.is_none(), "the stream stays finished");
}

#[tokio::test]
async fn collect_all_gathers_every_page() {
    let server = mock_server().await;
    serve_page(
        &server,
        1,
        page(&[1, 2], Some("/v2/actions?page=2&per_page=2".into())),
    )
    .await;
    serve_page(&server, 2, page(&[3], None)).await;

    let all = client(&server)
        .actions()
        .list()
        .per_page(2)
        .stream()
        .collect_all()
        .await
        .unwrap();

    assert_eq!(
        all.iter().map(|a| a.id.unwrap()).collect::<Vec<_>>(),
        [1, 2, 3]
    );
}

#[tokio::test]
async fn a_next_link_to_another_host_stays_on_the_configured_one() {
    let server = mock_server().await;
    let elsewhere = mock_server().await;
    let list = elsewhere.actions().list();
    list.respond(200, page(&[99], None)).await;
    let next = format!("{}/v2/actions?page=2&per_page=2", elsewhere.uri());
    serve_page(&server, 1, page(&[1, 2], Some(next))).await;
    serve_page(&server, 2, page(&[3], None)).await;

    let all = client(&server)
        .actions()
        .list()
        .per_page(2)
        .stream()
        .collect_all()
        .await
        .unwrap();

    assert_eq!(
        all.iter().map(|a| a.id.unwrap()).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(
        elsewhere.received_requests().await.is_empty(),
        "the other host received nothing"
    );
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_items_before_it() {
    let server = mock_server().await;
    serve_page(
        &server,
        1,
        page(&[1, 2], Some("/v2/actions?page=2&per_page=2".into())),
    )
    .await;
    let gone = ErrorBody::new("not_found", "gone");
    let list = server.actions().list().per_page(2).page(2);
    list.respond_error(404, gone).once().await;

    let mut stream = client(&server).actions().list().per_page(2).stream();
    assert_eq!(stream.next().await.unwrap().unwrap().id, Some(1));
    assert_eq!(stream.next().await.unwrap().unwrap().id, Some(2));
    let error = stream.next().await.unwrap().unwrap_err();
    assert_eq!(error.status().unwrap(), 404);
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn a_link_back_to_a_page_already_read_ends_the_stream() {
    let server = mock_server().await;
    serve_page(
        &server,
        1,
        page(&[1], Some("/v2/actions?page=2&per_page=2".into())),
    )
    .await;
    serve_page(
        &server,
        2,
        page(&[2], Some("/v2/actions?page=2&per_page=2".into())),
    )
    .await;

    let all = client(&server)
        .actions()
        .list()
        .per_page(2)
        .stream()
        .collect_all()
        .await
        .unwrap();

    assert_eq!(all.len(), 2);
}

#[tokio::test]
async fn a_first_page_linking_to_page_one_is_read_once() {
    let server = mock_server().await;
    let to_page_one = || Some("/v2/actions?page=1&per_page=2".to_owned());
    serve_page(&server, 1, page(&[1, 2], to_page_one())).await;
    let again = server.actions().list().per_page(2).page(1);
    again
        .respond(200, page(&[1, 2], to_page_one()))
        .times(0)
        .await;

    let all = client(&server)
        .actions()
        .list()
        .per_page(2)
        .stream()
        .collect_all()
        .await
        .unwrap();

    assert_eq!(
        all.iter().map(|a| a.id.unwrap()).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(server.received_requests().await.len(), 1);
}

#[tokio::test]
async fn a_stream_started_at_a_page_never_reads_it_again() {
    let server = mock_server().await;
    let link = |n: u32| Some(format!("/v2/actions?page={n}&per_page=2"));
    serve_page(&server, 3, page(&[5, 6], link(2))).await;
    serve_page(&server, 2, page(&[3, 4], link(3))).await;

    let all = client(&server)
        .actions()
        .list()
        .per_page(2)
        .page(3)
        .stream()
        .collect_all()
        .await
        .unwrap();

    assert_eq!(
        all.iter().map(|a| a.id.unwrap()).collect::<Vec<_>>(),
        [5, 6, 3, 4]
    );
    let pages: Vec<String> = server
        .received_requests()
        .await
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(pages, ["page=3&per_page=2", "page=2&per_page=2"]);
}
