//! The language server: the only module that knows LSP types, JSON and tokio.
//!
//! `server` implements the protocol on top of `state` (open documents and the
//! workspace's corpora); `convert` is the one place positions and URIs are
//! converted; `handlers` holds one small module per feature; `lifecycle`
//! loads corpora and feeds disk changes through one change path;
//! `diagnostics` pushes what is inconsistent to the open documents;
//! `cancel` stops heavy work whose request was cancelled or whose document
//! changed meanwhile.

pub mod cancel;
pub mod config;
pub mod convert;
pub mod diagnostics;
pub mod documents;
pub mod framing;
pub mod handlers;
pub mod lifecycle;
pub mod server;
pub mod state;
pub mod themes;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use server::Backend;

/// Serves LSP over any pair of streams until the client sends `exit` or
/// closes the input. Must run inside a multi-threaded tokio runtime (heavy
/// work goes to blocking threads). Tests use it over `tokio::io::duplex`.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::new(Backend::new);
    // The framework reads from a pipe fed by `framing::sanitize`, so that one
    // undecodable message from the client cannot end the session.
    let (pipe_writer, pipe_reader) = tokio::io::duplex(1 << 20);
    let server = Server::new(pipe_reader, output, socket).serve(service);
    tokio::pin!(server);
    tokio::select! {
        _ = &mut server => return,
        _ = framing::sanitize(input, pipe_writer) => {}
    }
    // The input ended (the pipe is closed): let the server see it and finish.
    server.await;
}

/// Serves LSP on stdin/stdout. Blocking: it builds its own tokio runtime and
/// returns when the session ends. Command-line arguments are not read here
/// (`main.rs` accepts and ignores `--stdio`). Logging is set up by the caller;
/// nothing but protocol messages is ever written to stdout.
pub fn serve_stdio() -> anyhow::Result<()> {
    lifecycle::WATCH_CLIENT_PROCESS.store(true, std::sync::atomic::Ordering::SeqCst);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // A corpus load may still be running on a blocking thread; the session
    // is over, so do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(())
}

/// Runs one notification's synchronous work, turning a panic (a bug on some
/// odd input) into a logged error, so that one bad file cannot end the
/// user's whole session.
pub(crate) fn guard<T>(what: &str, fallback: T, work: impl FnOnce() -> T) -> T {
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
pub(crate) fn answer<T>(what: &str, work: impl FnOnce() -> T) -> tower_lsp_server::jsonrpc::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        tracing::error!("{what} panicked: {message}; answered with an internal error");
        tower_lsp_server::jsonrpc::Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
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
pub(crate) async fn answer_blocking<T: Send + 'static>(
    what: &'static str,
    work: impl FnOnce() -> T + Send + 'static,
) -> tower_lsp_server::jsonrpc::Result<T> {
    let flag = std::sync::Arc::new(cancel::RequestFlag::default());
    // Dropped with this future: when the request is answered, or cancelled
    // by the client (tower-lsp-server drops the future), or at shutdown.
    let _guard = cancel::DropGuard(flag.clone());
    let for_work = flag.clone();
    let joined = tokio::task::spawn_blocking(move || cancel::within(for_work, || answer(what, work))).await;
    let answered = joined.unwrap_or_else(|e| {
        tracing::error!("{what} did not finish: {e}");
        Err(tower_lsp_server::jsonrpc::Error {
            code: tower_lsp_server::jsonrpc::ErrorCode::InternalError,
            message: format!("speech-ls: {what} did not finish").into(),
            data: None,
        })
    });
    match flag.stopped() {
        Some(why) => Err(why.to_error(what)),
        None => answered,
    }
}

#[cfg(test)]
mod tests {
    use super::answer;
    use tower_lsp_server::jsonrpc::ErrorCode;

    #[test]
    fn a_panicking_request_is_answered_as_an_internal_error_naming_it() {
        let failed = answer("hover", || -> Option<u8> { panic!("index out of range") });
        let error = failed.expect_err("a panic must become an error");
        assert_eq!(error.code, ErrorCode::InternalError);
        assert!(error.message.contains("hover") && error.message.contains("index out of range"), "{}", error.message);
        assert_eq!(answer("hover", || Some(1)).ok(), Some(Some(1)));
    }
}
