//! Runs the built `speech-ls` binary over stdio, as an editor does (with the
//! `--stdio` flag VS Code appends), on the repository's own `seeds/` folder:
//! initialize, documentSymbol (transcript and INDEX.md), definition,
//! shutdown, exit; the process must end cleanly and write nothing but
//! protocol messages to stdout (the client fails on anything else).

use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::corpus::seeds_dir;
use crate::kit::process::spawn_stdio;
use crate::kit::proto::{uri, utf16_only_params};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_serves_stdio() {
    let repo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let (mut child, client) = spawn_server(Stdio::inherit());

    let result = client.initialize(utf16_only_params(&repo)).await;
    assert_eq!(result["serverInfo"]["name"], "speech-ls");
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");

    let seed = seeds_dir().join("000_dfd047e8c9417aac.txt");
    let text = std::fs::read_to_string(&seed).expect("the seed transcript is in seeds/");
    client.open(&uri(&seed), &text).await;
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri(&seed)}})).await;
    let first = &symbols[0];
    assert_eq!(first["name"], "2021-03-03", "{symbols}");
    assert_eq!(first["detail"], "President of Russia – The Kremlin – English");

    // seeds/INDEX.md, answered from disk (not opened): an entry for the
    // seed transcript, and definition on it lands in that transcript.
    let index = seeds_dir().join("INDEX.md");
    let outline = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri(&index)}})).await;
    let entry = find_symbol(&outline, "2021-03-03").unwrap_or_else(|| panic!("an entry for 2021-03-03: {outline}"));
    let position = entry["selectionRange"]["start"].clone();
    let def = client
        .request("textDocument/definition", json!({"textDocument": {"uri": uri(&index)}, "position": position}))
        .await;
    assert_eq!(def["uri"], uri(&seed), "{def}");

    client.shutdown().await;
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("speech-ls exits after `exit`")
        .expect("wait for speech-ls");
    assert!(status.success(), "exit status {status}");
}

/// The built binary serving stdio from the repository folder, with a client on its pipes.
fn spawn_server(stderr: Stdio) -> (tokio::process::Child, Client) {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_speech-ls"));
    command.arg("--stdio").current_dir(env!("CARGO_MANIFEST_DIR")).stderr(stderr);
    spawn_stdio(&mut command, Value::Null)
}

/// The first symbol (depth first) whose name contains `needle`.
fn find_symbol(symbols: &Value, needle: &str) -> Option<Value> {
    for s in symbols.as_array()? {
        if s["name"].as_str().is_some_and(|n| n.contains(needle)) {
            return Some(s.clone());
        }
        if let Some(found) = find_symbol(&s["children"], needle) {
            return Some(found);
        }
    }
    None
}

/// An editor that quits right after starting: `initialized`, `shutdown` and
/// `exit` back to back, while the server is still asking the client for
/// settings and loading. The process must still end at once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_exits_right_after_initialized() {
    let repo = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for _ in 0..10 {
        // The client keeps stdin open after `exit`, as editors do.
        let (mut child, client) = spawn_server(Stdio::null());
        let mut params = utf16_only_params(&repo);
        params["capabilities"]["workspace"]["didChangeWatchedFiles"]["dynamicRegistration"] = json!(true);
        client.request("initialize", params).await;
        client.notify("initialized", json!({})).await;
        client.shutdown().await;
        // Normally a few milliseconds; the old bug waited out a 3 s timeout or forever.
        let status = tokio::time::timeout(Duration::from_secs(2), child.wait()).await;
        assert!(status.is_ok_and(|s| s.is_ok_and(|s| s.success())), "speech-ls did not exit cleanly after `exit`");
    }
}
