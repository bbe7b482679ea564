//! Diagnostics are debounced, but with a maximum delay: someone who types
//! without ever pausing as long as the debounce (a keystroke every 20 ms, for
//! several seconds) must still see diagnostics for what they typed before
//! they stop. A pure debounce would publish nothing until the typing ends.
//!
//! The typing goes into a dead INDEX.md link, so that every version has a
//! different diagnostic ("missingx.txt", "missingxx.txt", ...) and each pass
//! of the publisher has something new to send.

use std::time::Duration;

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::corpus::{INDEX, protocol_corpus};
use crate::kit::proto::{pos, start, uri, utf16_only_params};

/// A fast typist: well under the server's debounce.
const KEYSTROKE_EVERY: Duration = Duration::from_millis(20);
/// About three seconds of typing: several times the server's maximum delay.
const KEYSTROKES: u32 = 150;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_arrive_while_typing_never_pauses() {
    let (_dir, root) = protocol_corpus();
    let client = start(utf16_only_params(&root)).await;
    let index_uri = uri(&root.join("seeds").join("INDEX.md"));
    client.open(&index_uri, INDEX).await;
    client.wait_for_diagnostics(&index_uri, |d| mentions(d, "missing.txt")).await;

    let (line, column) = INDEX
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("missing.txt").map(|c| (i as u32, (c + "missing".len()) as u32)))
        .expect("the fixture's INDEX.md has a dead link to missing.txt");
    let mut ticks = tokio::time::interval(KEYSTROKE_EVERY);
    let mut published_while_typing = None;
    for keystroke in 0..KEYSTROKES {
        ticks.tick().await;
        if published_while_typing.is_none() {
            published_while_typing = edited_version_published(&client, &index_uri);
        }
        let at = pos(line, column + keystroke);
        let change = json!({"range": {"start": at, "end": at}, "text": "x"});
        let version = keystroke as i32 + 2;
        let params = json!({"textDocument": {"uri": index_uri, "version": version}, "contentChanges": [change]});
        client.notify("textDocument/didChange", params).await;
    }
    let typed = format!("missing{}.txt", "x".repeat(KEYSTROKES as usize));

    assert!(
        published_while_typing.is_some(),
        "no diagnostics for an edited version arrived during {KEYSTROKES} keystrokes, one every {KEYSTROKE_EVERY:?}"
    );
    // Once the typing stops, the diagnostics catch up with the last keystroke,
    // and only its dead link is shown (none of the intermediate names).
    let last = client.wait_for_diagnostics(&index_uri, |d| mentions(d, &typed)).await;
    let dead_links: Vec<&Value> = last.iter().filter(|d| message(d).contains("missingx")).collect();
    assert_eq!(dead_links.len(), 1, "{last:?}");
    client.shutdown().await;
}

/// The version of the first `publishDiagnostics` for `uri` computed from an
/// edited version of the document (the open was version 1), if any arrived.
fn edited_version_published(client: &Client, uri: &str) -> Option<i64> {
    client
        .notifications()
        .iter()
        .filter(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
        .filter_map(|n| n["params"]["version"].as_i64())
        .find(|&v| v >= 2)
}

/// True when some diagnostic's message names `needle`.
fn mentions(diagnostics: &[Value], needle: &str) -> bool {
    diagnostics.iter().any(|d| message(d).contains(needle))
}

fn message(diagnostic: &Value) -> &str {
    diagnostic["message"].as_str().unwrap_or_default()
}
