//! How requests run: on the protocol's thread or on a blocking thread, with
//! a panic (a bug on some odd input) turned into a logged error instead of
//! the end of the session, and work that stopped early (its request was
//! cancelled, its document changed) answered with the protocol's error for
//! it, never with a partial result.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::{Error, ErrorCode};

use crate::ide::cancel::{self, Stopped};

/// The LSP error a request gets when its work stopped: `RequestCancelled`
/// (-32800) or `ContentModified` (-32801).
pub fn stopped_error(why: Stopped, what: &str) -> Error {
    let code = match why {
        Stopped::Cancelled => ErrorCode::RequestCancelled,
        Stopped::Superseded => ErrorCode::ContentModified,
    };
    Error { code, message: format!("speech-ls: {what} stopped: {why}").into(), data: None }
}

/// Runs one notification's synchronous work, turning a panic (a bug on some
/// odd input) into a logged error, so that one bad file cannot end the
/// user's whole session.
pub fn guard<T>(what: &str, fallback: T, work: impl FnOnce() -> T) -> T {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(value) => value,
        Err(_) => {
            tracing::error!("{what} panicked; answering with nothing");
            fallback
        }
    }
}

/// Runs one request's synchronous work. A panic (a bug on some odd input) is
/// logged with the request's name and message and answered as an internal
/// error; the session goes on.
pub fn answer<T>(what: &str, work: impl FnOnce() -> T) -> tower_lsp_server::jsonrpc::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        tracing::error!("{what} panicked: {message}; answered with an internal error");
        Error {
            code: ErrorCode::InternalError,
            message: format!("speech-ls: {what} failed: {message}").into(),
            data: None,
        }
    })
}

/// `answer`, on a blocking thread: for requests whose work grows with the
/// file or the corpus (the themes of a long speech, a scan of every speech),
/// so that the runtime's two threads stay free to read the client's next
/// messages. A request the client cancels stops waiting here at once, and
/// its work stops at its next check (see `cancel`); so does work about a
/// document that changed meanwhile. Work that stopped early never answers:
/// the request gets `RequestCancelled` or `ContentModified` instead.
pub async fn answer_blocking<T: Send + 'static>(
    what: &'static str,
    work: impl FnOnce() -> T + Send + 'static,
) -> tower_lsp_server::jsonrpc::Result<T> {
    let flag = Arc::new(cancel::RequestFlag::default());
    // Dropped with this future: when the request is answered, or cancelled
    // by the client (tower-lsp-server drops the future), or at shutdown.
    let _guard = cancel::DropGuard(flag.clone());
    let for_work = flag.clone();
    let joined = tokio::task::spawn_blocking(move || cancel::within(for_work, || answer(what, work))).await;
    let answered = joined.unwrap_or_else(|e| {
        tracing::error!("{what} did not finish: {e}");
        Err(Error {
            code: ErrorCode::InternalError,
            message: format!("speech-ls: {what} did not finish").into(),
            data: None,
        })
    });
    match flag.stopped() {
        Some(why) => Err(stopped_error(why, what)),
        None => answered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_request_is_answered_as_an_internal_error_naming_it() {
        let failed = answer("hover", || -> Option<u8> { panic!("index out of range") });
        let error = failed.expect_err("a panic must become an error");
        assert_eq!(error.code, ErrorCode::InternalError);
        assert!(error.message.contains("hover") && error.message.contains("index out of range"), "{}", error.message);
        assert_eq!(answer("hover", || Some(1)).ok(), Some(Some(1)));
    }

    #[test]
    fn work_that_stopped_is_answered_with_the_error_for_why() {
        assert_eq!(stopped_error(Stopped::Cancelled, "hover").code, ErrorCode::RequestCancelled);
        assert_eq!(stopped_error(Stopped::Superseded, "hover").code, ErrorCode::ContentModified);
    }
}
