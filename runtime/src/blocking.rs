//! Calls from code that is not async (the `blocking` feature): the request runs on a runtime the
//! process shares, and the calling thread waits for it.

use std::future::Future;
use std::sync::OnceLock;

use super::error::Error;

/// The runtime every blocking call runs on: one worker thread, started at the first call, which
/// keeps the connections of the pool alive between calls. The future of a call runs on the
/// calling thread, which waits for it.
fn runtime<E>() -> Result<&'static tokio::runtime::Runtime, Error<E>> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("api-client-blocking")
                .enable_all()
                .build()
                .map_err(|error| error.to_string())
        })
        .as_ref()
        .map_err(|error| {
            Error::InvalidRequest(format!(
                "the runtime of blocking calls cannot start: {error}"
            ))
        })
}

/// The refusal of a blocking call (`what`) made inside an async runtime, where waiting would hold
/// up the runtime's thread (or, on a runtime of one thread, wait for itself forever); `instead` is
/// its async counterpart.
fn inside_a_runtime<E>(what: &str, instead: &str) -> Error<E> {
    Error::InvalidRequest(format!(
        "{what} was called inside an async runtime, where waiting would block it; use {instead} \
         there (or, in tokio's spawn_blocking, Handle::current().block_on(...))"
    ))
}

/// Whether the calling thread is inside an async runtime, where it must not wait.
fn in_runtime() -> bool {
    tokio::runtime::Handle::try_current().is_ok()
}

/// Waits for `call` (a request's `send()`) on the shared runtime. Inside an async runtime it
/// returns an error instead, and `call` is never polled.
pub fn wait<T, E>(call: impl Future<Output = Result<T, Error<E>>>) -> Result<T, Error<E>> {
    if in_runtime() {
        return Err(inside_a_runtime("send_blocking()", "send().await"));
    }
    runtime()?.block_on(call)
}

/// Each item of `stream`, waited for on the shared runtime: see [`Pages::into_blocking_iter`].
///
/// [`Pages::into_blocking_iter`]: super::Pages::into_blocking_iter
pub(crate) fn next<S, T, E>(stream: &mut S) -> Option<Result<T, Error<E>>>
where
    S: futures_util::Stream<Item = Result<T, Error<E>>> + Unpin,
{
    if in_runtime() {
        return Some(Err(inside_a_runtime(
            "a blocking iterator of pages",
            "the stream itself",
        )));
    }
    match runtime() {
        Ok(runtime) => runtime.block_on(futures_util::StreamExt::next(stream)),
        Err(error) => Some(Err(error)),
    }
}
