//! A finished session must free the server's state. The session fuzzer ran
//! out of memory because the background tasks (diagnostics publisher, theme
//! index keeper, change applier) held a strong reference to the shared state
//! while they waited, so every in-process session kept its whole state (open
//! documents, loaded corpora, theme indexes) alive forever. Here a session
//! loads a corpus, opens and edits documents, gets diagnostics, shuts down and
//! is dropped; its state must then be gone.
//!
//! The state is watched through `Backend::state_liveness`, which holds only a
//! weak reference, so watching cannot itself keep the state alive.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use speech_ls::lsp::Backend;
use tower_lsp_server::{LspService, Server};

use crate::kit::client::Client;
use crate::kit::corpus::{INDEX, protocol_corpus};
use crate::kit::proto::{pos, uri, utf16_only_params};

/// How long the runtime gets to end the background tasks once the session is
/// over. Generous for a loaded machine: this bounds a wait, it is not a speed
/// claim (the tasks end as soon as they are next polled).
const GRACE: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "slow: runs in CI (see CONTRIBUTING.md)"]
async fn a_finished_session_frees_the_server_state() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let (service, socket) = LspService::new(Backend::new);
    let alive = service.inner().state_liveness();
    let (client_side, server_side) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_side);
    let server = tokio::spawn(Server::new(server_read, server_write, socket).serve(service));
    let (read, write) = tokio::io::split(client_side);
    let client = Client::over(read, write, Value::Null);
    client.initialize(utf16_only_params(&root)).await;

    // Work every background task: a load (themes are built after it), an
    // open document with diagnostics, a disk event (change applier, theme
    // index update, diagnostics), an edit (diagnostics again), and a query.
    let index_uri = uri(&corpus.join("INDEX.md"));
    client.open(&index_uri, INDEX).await;
    client.wait_for_diagnostics(&index_uri, |d| mentions(d, "missing.txt")).await;
    std::fs::write(corpus.join("missing.txt"), " date 2022-01-01 Source: test\n\nModerator: Hello.\n").expect("write");
    let created = json!({"changes": [{"uri": uri(&corpus.join("missing.txt")), "type": 1}]});
    client.notify("workspace/didChangeWatchedFiles", created).await;
    client.wait_for_diagnostics(&index_uri, |d| !mentions(d, "missing.txt")).await;
    // The server's own watcher reports the same write a little later (it is
    // debounced); let that be applied too, so that no wake-up is pending when
    // the session ends: a pending one would let a task that holds the state
    // while it waits notice the end by luck, and hide the leak.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let edit = json!({"range": {"start": pos(6, 0), "end": pos(6, 0)}, "text": "- [Gone](gone.txt)\n"});
    let params = json!({"textDocument": {"uri": index_uri, "version": 2}, "contentChanges": [edit]});
    client.notify("textDocument/didChange", params).await;
    client.wait_for_diagnostics(&index_uri, |d| mentions(d, "gone.txt")).await;
    let symbols = client.request("workspace/symbol", json!({"query": "Interior"})).await;
    assert!(symbols.as_array().is_some_and(|s| !s.is_empty()), "the corpus was loaded: {symbols}");
    assert!(alive(), "the state lives while the session does");

    client.shutdown().await;
    tokio::time::timeout(GRACE, server).await.expect("the server ends on exit").expect("the server task");
    drop(client);

    let ended = Instant::now();
    while alive() && ended.elapsed() < GRACE {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!alive(), "the server state outlived its session: a background task still holds it");
}

/// True when some diagnostic's message names `needle`.
fn mentions(diagnostics: &[Value], needle: &str) -> bool {
    diagnostics.iter().any(|d| d["message"].as_str().is_some_and(|m| m.contains(needle)))
}
