//! Stale work stops, through the protocol: a hover whose themes are being
//! analysed when a newer version of the document arrives answers
//! `ContentModified` (-32801) and its analysis stops; one the client cancels
//! answers `RequestCancelled` (-32800) and its analysis stops too; neither
//! leaves a wrong answer behind, and the next hover answers in full.
//!
//! The server's debug log is captured in-process (`kit::log`). To hold an
//! analysis at its start until the test has sent what should stop it, the
//! sink blocks the thread that logs "themes of X: analysing" (no timing is
//! involved: each step waits for an event).

use serde_json::{Value, json};

use crate::kit::client::{Client, TIMEOUT};
use crate::kit::corpus::{SEED, protocol_corpus};
use crate::kit::log::{self, hold_at, logged};
use crate::kit::proto::{at, find, start, uri, utf16_only_params};

/// Waits until the server has logged a message containing `needle`.
async fn wait_for_log(needle: &str) {
    let deadline = std::time::Instant::now() + TIMEOUT;
    while !logged(needle) {
        assert!(std::time::Instant::now() < deadline, "the server never logged {needle:?}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

fn hover_text(reply: &Value) -> String {
    reply["result"]["contents"]["value"].as_str().unwrap_or_default().to_string()
}

/// The fixture corpus with the seed transcript also under `name`, opened as
/// version 1; the hover position inside its section on minors.
async fn open_copy(name: &str) -> (tempfile::TempDir, Client, String, String, Value) {
    log::capture();
    let (dir, root) = protocol_corpus();
    let text = std::fs::read_to_string(root.join("seeds").join(SEED)).expect("seed");
    let path = root.join("seeds").join(name);
    std::fs::write(&path, &text).expect("write the copy");
    let client = start(utf16_only_params(&root)).await;
    let uri = uri(&path);
    client.open(&uri, &text).await;
    let (line, col, _) = find(&text, "child pornography");
    let position = at(&uri, line, col);
    (dir, client, uri, text, position)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_version_stops_the_older_analysis_and_the_next_hover_answers_from_it() {
    let (_dir, client, uri, text, position) = open_copy("superseded.txt").await;
    let (reached, release) = hold_at("themes of superseded.txt v1: analysing");
    let hover = client.send_request("textDocument/hover", position.clone()).await;
    tokio::time::timeout(TIMEOUT, reached).await.expect("the analysis of v1 starts").expect("gate");

    // Version 2 adds a closing turn; the outline (analysed from version 2
    // while version 1's analysis is held) shows that it has arrived.
    let end = text.lines().count() as u32;
    let closing = "\nModerator: Thank you, colleagues. The meeting is closed.\n";
    let change = json!({"range": {"start": {"line": end, "character": 0}, "end": {"line": end, "character": 0}}, "text": closing});
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [change]}),
        )
        .await;
    let outline = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}})).await;
    assert!(outline.to_string().contains("Moderator"), "version 2 is in: {outline}");

    release.send(()).expect("the held analysis waits");
    let reply = client.reply_to(hover).await;
    assert_eq!(reply["error"]["code"], -32801, "the stale hover answers ContentModified: {reply}");
    wait_for_log("themes of superseded.txt v1 cancelled: a newer version arrived").await;
    assert!(!logged("themes of superseded.txt v1: done"), "v1's analysis stopped before its end");

    let again = client.request_raw("textDocument/hover", position).await;
    assert!(again.get("error").is_none(), "{again}");
    let shown = hover_text(&again);
    assert!(shown.contains("Crime and policing") && shown.contains("> "), "themes of v2: {shown}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_hover_stops_its_analysis_and_caches_nothing_wrong() {
    let (_dir, client, _uri, _text, position) = open_copy("cancelled.txt").await;
    let (reached, release) = hold_at("themes of cancelled.txt v1: analysing");
    let hover = client.send_request("textDocument/hover", position.clone()).await;
    tokio::time::timeout(TIMEOUT, reached).await.expect("the analysis starts").expect("gate");

    client.notify("$/cancelRequest", json!({"id": hover})).await;
    let reply = client.reply_to(hover).await;
    assert_eq!(reply["error"]["code"], -32800, "the cancelled hover answers RequestCancelled: {reply}");

    release.send(()).expect("the held analysis waits");
    wait_for_log("themes of cancelled.txt v1 cancelled: the request was cancelled").await;
    assert!(!logged("themes of cancelled.txt v1: done"), "the analysis stopped before its end");

    // The same version again: analysed in full (nothing was cached by the
    // stopped analysis), with the section's themes and summary.
    let again = client.request_raw("textDocument/hover", position).await;
    assert!(again.get("error").is_none(), "{again}");
    let shown = hover_text(&again);
    assert!(shown.contains("Crime and policing") && shown.contains("> "), "full themes: {shown}");
    assert!(logged("themes of cancelled.txt v1: done"));
    client.shutdown().await;
}
