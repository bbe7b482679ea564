//! The language server: the only module that knows LSP types, JSON and tokio.
//!
//! It depends one way: `server` (the `LanguageServer` methods) hands each
//! request to its `handlers` module, which converts (`from_proto`), calls the
//! feature in `ide`, and converts back (`to_proto`), running as `dispatch`
//! says (on the protocol's thread or a blocking one). State changes go
//! through `state` under the lock in `shared`; `reload` loads corpora and
//! applies disk changes; the background tasks `push_diagnostics` and
//! `theme_index` follow the state; `refresh` asks the client to pull again.
//! `framing` sits between stdin and the framework; `capabilities` says what
//! each side can do; `config` reads the user's settings.

pub mod capabilities;
pub mod config;
pub mod dispatch;
pub mod documents;
pub mod framing;
pub mod from_proto;
pub mod handlers;
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
    reload::WATCH_CLIENT_PROCESS.store(true, std::sync::atomic::Ordering::SeqCst);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // A corpus load may still be running on a blocking thread; the session
    // is over, so do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    Ok(())
}
