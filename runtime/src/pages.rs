//! Every item of a paginated list, as one stream that fetches each page when it is reached.

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::{Stream, TryStreamExt};

use super::error::Error;

type PageFuture<T, E> = Pin<Box<dyn Future<Output = Result<Page<T>, Error<E>>> + Send>>;
type Fetch<T, E> = Box<dyn FnMut(Option<NextPage>) -> PageFuture<T, E> + Send>;

/// One page of a list, as the generated code reads it from a response.
pub struct Page<T> {
    /// The items of the page.
    pub items: Vec<T>,
    /// The `next` link of the page, when there is one.
    pub next: Option<String>,
    /// The total number of items of the list, when the page says.
    pub total: Option<i64>,
}

/// The page parameters of a `next` link. Only these are taken from the link: the request goes to
/// the client's own base URL, so a link to another host never receives the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextPage {
    /// The number of the page.
    pub page: i64,
    /// The number of items per page, when the link says.
    pub per_page: Option<i64>,
}

impl NextPage {
    /// Reads `page_param` (and `per_page_param`) from the query of `link`.
    fn parse(link: &str, page_param: &str, per_page_param: Option<&str>) -> Option<NextPage> {
        let url = url::Url::parse(link)
            .or_else(|_| url::Url::parse("http://relative.invalid/")?.join(link))
            .ok()?;
        let find = |name: &str| {
            url.query_pairs()
                .find(|(key, _)| key == name)
                .and_then(|(_, value)| value.parse::<i64>().ok())
        };
        Some(NextPage {
            page: find(page_param)?,
            per_page: per_page_param.and_then(find),
        })
    }
}

/// A stream of every item of a list, page after page. It sends no request until it is polled,
/// and fetches the next page only when the items of the last one are used up. It never asks for
/// a page it has already read, the one it started from included: a `next` link back to one, or
/// an empty page, ends the list. Use it with `futures::StreamExt`, or collect it with
/// [`Pages::collect_all`]. `E` is the type of the API's error bodies.
#[must_use = "a stream does nothing unless polled"]
pub struct Pages<T, E = serde_json::Value> {
    fetch: Fetch<T, E>,
    page_param: &'static str,
    per_page_param: Option<&'static str>,
    state: State<T, E>,
    items: VecDeque<T>,
    total: Option<u64>,
    /// The numbers of the pages requested so far.
    read: HashSet<i64>,
}

enum State<T, E> {
    /// The next request to make (`None` for the first page).
    Next(Option<NextPage>),
    Fetching(PageFuture<T, E>),
    Done,
}

impl<T, E> fmt::Debug for Pages<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("buffered", &self.items.len())
            .field("total", &self.total)
            .field("pages_read", &self.read.len())
            .finish_non_exhaustive()
    }
}

impl<T, E> Pages<T, E> {
    /// A stream whose first request asks for page `first_page` (the one the caller chose, or
    /// the API's default), and whose later ones `fetch` makes from the `next` links.
    #[doc(hidden)]
    pub fn new(
        page_param: &'static str,
        per_page_param: Option<&'static str>,
        first_page: i64,
        fetch: impl FnMut(Option<NextPage>) -> PageFuture<T, E> + Send + 'static,
    ) -> Pages<T, E> {
        Pages {
            fetch: Box::new(fetch),
            page_param,
            per_page_param,
            state: State::Next(None),
            items: VecDeque::new(),
            total: None,
            read: HashSet::from([first_page]),
        }
    }

    /// The total number of items the API reported (`meta.total`), once a page has arrived.
    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// Every item of every page, in order.
    pub async fn collect_all(self) -> Result<Vec<T>, Error<E>> {
        self.try_collect().await
    }

    /// The same items as an iterator that blocks the thread for each page, for code that is not
    /// async (the `blocking` feature). Inside an async runtime its first item is an error that
    /// says to use the stream, and it ends there.
    #[cfg(feature = "blocking")]
    pub fn into_blocking_iter(self) -> BlockingPages<T, E> {
        BlockingPages {
            pages: self,
            done: false,
        }
    }
}

/// Every item of a paginated list, page after page, for code that is not async: see
/// [`Pages::into_blocking_iter`]. An error ends it.
#[cfg(feature = "blocking")]
#[must_use = "an iterator does nothing unless iterated"]
#[derive(Debug)]
pub struct BlockingPages<T, E = serde_json::Value> {
    pages: Pages<T, E>,
    done: bool,
}

#[cfg(feature = "blocking")]
impl<T, E> BlockingPages<T, E> {
    /// The total number of items the API reported (`meta.total`), once a page has arrived.
    pub fn total(&self) -> Option<u64> {
        self.pages.total()
    }
}

#[cfg(feature = "blocking")]
impl<T, E> Iterator for BlockingPages<T, E> {
    type Item = Result<T, Error<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = super::blocking::next(&mut self.pages);
        self.done = !matches!(item, Some(Ok(_)));
        item
    }
}

impl<T, E> Unpin for Pages<T, E> {}

impl<T, E> Stream for Pages<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match &mut this.state {
                State::Done => return Poll::Ready(None),
                State::Next(next) => {
                    let next = next.take();
                    this.state = State::Fetching((this.fetch)(next));
                }
                State::Fetching(future) => match future.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Err(error)) => {
                        this.state = State::Done;
                        return Poll::Ready(Some(Err(error)));
                    }
                    Poll::Ready(Ok(page)) => {
                        this.total = page
                            .total
                            .and_then(|t| u64::try_from(t).ok())
                            .or(this.total);
                        let empty = page.items.is_empty();
                        this.items.extend(page.items);
                        let next = page.next.and_then(|link| {
                            NextPage::parse(&link, this.page_param, this.per_page_param)
                        });
                        // A link back to a page already read, or an empty page, ends the list
                        // rather than loop.
                        this.state = match next {
                            Some(next) if !empty && this.read.insert(next.page) => {
                                State::Next(Some(next))
                            }
                            _ => State::Done,
                        };
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_page_parameters_of_a_link_are_used() {
        let next = NextPage::parse(
            "https://elsewhere.example/v2/apps?page=3&per_page=2&token=x",
            "page",
            Some("per_page"),
        );
        assert_eq!(
            next,
            Some(NextPage {
                page: 3,
                per_page: Some(2)
            })
        );
        assert_eq!(
            NextPage::parse("/v2/apps?page=4", "page", None),
            Some(NextPage {
                page: 4,
                per_page: None
            })
        );
        assert_eq!(
            NextPage::parse("https://x.example/v2/apps", "page", None),
            None
        );
    }
}
