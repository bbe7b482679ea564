//! The language server: the only module that knows LSP types, JSON and tokio.
//!
//! It depends one way: `server` (the `LanguageServer` methods) hands each
//! request to its `handlers` module, which converts (`from_proto`), calls the
//! feature in `ide`, and converts back (`to_proto`), running as `dispatch`
//! says (on the protocol's thread or a blocking one). State changes go
//! through `state` under the lock in `shared`; `reload` loads corpora and
//! applies disk changes; the background tasks `push_diagnostics` and
//! `theme_index` follow the state; `refresh` asks the client to pull again.
//! `framing` sits between the client's streams and the framework;
//! `capabilities` says what each side can do; `config` reads the user's
//! settings; `notices` tells the user when a load did not go as the settings
//! asked.

pub mod capabilities;
pub mod config;
pub mod dispatch;
pub mod documents;
pub mod framing;
pub mod from_proto;
pub mod handlers;
pub mod notices;
pub mod push_diagnostics;
pub mod refresh;
pub mod reload;
pub mod server;
pub mod shared;
pub mod state;
pub mod theme_index;
pub mod to_proto;

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
    reload::WATCH_CLIENT_PROCESS.store(true, std::sync::atomic::Ordering::SeqCst);
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
