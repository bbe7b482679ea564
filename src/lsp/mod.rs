//! The language server: the only module that knows LSP types, JSON and tokio.
//!
//! `server` implements the protocol on top of `state` (open documents and the
//! workspace's corpora); `convert` is the one place positions and URIs are
//! converted; `handlers` holds one small module per feature; `lifecycle`
//! loads corpora and feeds disk changes through one change path;
//! `diagnostics` pushes what is inconsistent to the open documents;
//! `cancel` stops heavy work whose request was cancelled or whose document
//! changed meanwhile; `framing` guards the client's streams; `notices`
//! tells the user when a load did not go as the settings asked.

pub mod cancel;
pub mod config;
pub mod convert;
pub mod diagnostics;
pub mod documents;
pub mod framing;
pub mod handlers;
pub mod lifecycle;
pub mod notices;
pub mod server;
pub mod state;
pub mod themes;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use server::Backend;

/// How a session ended, for the process's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionEnd {
    /// The client sent `shutdown` before the session ended.
    pub shutdown: bool,
    /// The client sent `exit` (rather than closing the input).
    pub exit: bool,
}

impl SessionEnd {
    /// The specification: "exit with success code 0 if the shutdown request
    /// has been received before; otherwise with error code 1". A client that
    /// closes the input without `shutdown` ended the session abnormally too.
    pub fn exit_code(self) -> i32 {
        if self.shutdown { 0 } else { 1 }
    }
}

/// Serves LSP over any pair of streams until the client sends `exit` or
/// closes the input. Must run inside a multi-threaded tokio runtime (heavy
/// work goes to blocking threads). Tests use it over `tokio::io::duplex`.
///
/// The framework reads from a pipe fed by `framing::sanitize` and writes to
/// a pipe read by `framing::forward_output`, so that a malformed message
/// from the client neither ends the session nor goes unanswered.
pub async fn serve<I, O>(input: I, output: O) -> SessionEnd
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::new(Backend::new);
    let session = framing::Session::default();
    let (to_framework, framework_input) = tokio::io::duplex(1 << 20);
    let (framework_output, from_framework) = tokio::io::duplex(1 << 20);
    let (answers, answered) = tokio::sync::mpsc::unbounded_channel();
    let run = async {
        let server = Server::new(framework_input, framework_output, socket).serve(service);
        tokio::pin!(server);
        tokio::select! {
            _ = &mut server => return,
            _ = framing::sanitize(input, to_framework, answers, &session) => {}
        }
        // The input ended (the pipe is closed): let the server see it and finish.
        server.await;
    };
    // The output ends when the server has finished and the guard is gone.
    tokio::join!(run, framing::forward_output(from_framework, answered, output, &session));
    SessionEnd { shutdown: session.shutdown_requested(), exit: session.exit_received() }
}

/// Serves LSP on stdin/stdout. Blocking: it builds its own tokio runtime and
/// returns the process's exit code when the session ends (see
/// `SessionEnd::exit_code`). Command-line arguments are not read here
/// (`main.rs` accepts and ignores `--stdio`). Logging is set up by the caller;
/// nothing but protocol messages is ever written to stdout.
pub fn serve_stdio() -> anyhow::Result<i32> {
    lifecycle::WATCH_CLIENT_PROCESS.store(true, std::sync::atomic::Ordering::SeqCst);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let end = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // A corpus load may still be running on a blocking thread; the session
    // is over, so do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if !end.shutdown {
        tracing::info!("the session ended without `shutdown`; exiting with code 1");
    }
    Ok(end.exit_code())
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
