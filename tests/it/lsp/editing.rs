//! Protocol tests for editing: positions after an en dash and an emoji in
//! UTF-8 and UTF-16, incremental changes (several per notification, versions
//! that jump, ranges past the end), and fast typing applied in order.

use std::path::Path;

use serde_json::{Value, json};

use crate::kit::corpus::{EMOJI, protocol_corpus};
use crate::kit::proto::{NEOVIM, at, find, pos, real_client_params, render_locations, start, uri, utf16_only_params};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
async fn positions_after_en_dash_and_emoji_in_both_encodings() {
    let (_dir, root) = protocol_corpus();
    let neovim = real_client_params(NEOVIM, &root);
    for (params, utf8) in [(utf16_only_params(&root), false), (neovim, true)] {
        positions_after_en_dash_and_emoji(&root, params, utf8).await;
    }
}

/// The UTF-16 half of the test above, which needs no shared data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_after_en_dash_and_emoji_in_utf16() {
    let (_dir, root) = protocol_corpus();
    positions_after_en_dash_and_emoji(&root, utf16_only_params(&root), false).await;
}

/// Hover and edits around the en dashes and emoji of `emoji.txt`, with
/// columns in UTF-8 (`utf8`) or UTF-16 units, as `params` negotiates.
async fn positions_after_en_dash_and_emoji(root: &Path, params: Value, utf8: bool) {
    let corpus = root.join("seeds");
    let emoji_uri = uri(&corpus.join("emoji.txt"));
    let header = EMOJI.lines().next().unwrap_or("");
    let client = start(params).await;
    client.open(&emoji_uri, EMOJI).await;
    // Hover just after the emoji on the header line hits the header; its
    // range ends at the line's length in the negotiated unit.
    let (_, c8, c16) = find(EMOJI, "😀 Studio");
    let col = if utf8 { c8 + 4 } else { c16 + 2 };
    let hover = client.request("textDocument/hover", at(&emoji_uri, 0, col)).await;
    let end = if utf8 { header.len() } else { header.encode_utf16().count() };
    assert_eq!(hover["range"]["end"], pos(0, end as u32), "utf8={utf8}: {hover}");

    // Insert after the en dash and after the emoji, in one didChange.
    let (_, d8, d16) = find(EMOJI, "– 😀");
    let dash_end = if utf8 { d8 + 3 } else { d16 + 1 };
    let (_, e8, e16) = find(EMOJI, "😀 everyone");
    let (line, emoji_end) = (find(EMOJI, "Moderator").0, if utf8 { e8 + 4 } else { e16 + 2 });
    let changes = json!([
        {"range": {"start": pos(0, dash_end), "end": pos(0, dash_end)}, "text": "X"},
        {"range": {"start": pos(line, emoji_end), "end": pos(line, emoji_end)}, "text": "!"},
    ]);
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": emoji_uri, "version": 5}, "contentChanges": changes}),
        )
        .await;
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": emoji_uri}})).await;
    assert_eq!(symbols[0]["detail"], "Test –X 😀 Studio – English", "utf8={utf8}");
    let moderator = symbols.as_array().into_iter().flatten().find(|s| s["name"] == "Moderator");
    assert!(moderator.is_some(), "{symbols}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_edits_follow_versions_and_clamp_past_the_end() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = start(utf16_only_params(&root)).await;
    let emoji_uri = uri(&corpus.join("emoji.txt"));
    client.open(&emoji_uri, EMOJI).await;
    // Versions jump (need not be contiguous); the range runs past the end.
    let edits = [
        (7, json!({"range": {"start": pos(0, 6), "end": pos(0, 16)}, "text": "2024-12-31"})),
        (12, json!({"range": {"start": pos(999, 0), "end": pos(1000, 5)}, "text": "\nModerator: Thank you all.\n"})),
    ];
    for (version, change) in edits {
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": emoji_uri, "version": version}, "contentChanges": [change]}),
            )
            .await;
    }
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": emoji_uri}})).await;
    let names: Vec<&str> = symbols.as_array().expect("symbols").iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names.first().copied(), Some("2024-12-31"), "{names:?}");
    assert_eq!(names.iter().filter(|n| **n == "Moderator").count(), 2, "a turn appended past the end: {names:?}");
    assert_eq!(names.last().copied(), Some("Moderator"), "{names:?}");
    // The open buffer wins: workspace/symbol sees the edited date.
    let found = client.request("workspace/symbol", json!({"query": "2024-12-31"})).await;
    assert!(found.as_array().is_some_and(|a| !a.is_empty()), "{found}");
    // Positions past the end of a line or the file clamp instead of failing.
    for p in [pos(0, 9999), pos(9999, 0), pos(9999, 9999)] {
        let reply =
            client.request_raw("textDocument/hover", json!({"textDocument": {"uri": emoji_uri}, "position": p})).await;
        assert!(reply.get("error").is_none(), "{reply}");
    }
    let index_uri = uri(&corpus.join("INDEX.md"));
    let def = client.request("textDocument/definition", at(&index_uri, 4, 9999)).await;
    let header_units = EMOJI.lines().next().unwrap_or("").encode_utf16().count();
    assert_eq!(render_locations(&def, &corpus), format!("emoji.txt 0:0-0:{header_units}"));
    // Closing the document brings back the disk version.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": emoji_uri}})).await;
    let found = client.request("workspace/symbol", json!({"query": "2024-12-31"})).await;
    assert_eq!(found, json!([]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rapid_typing_is_applied_in_order() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = start(utf16_only_params(&root)).await;
    let emoji_uri = uri(&corpus.join("emoji.txt"));
    client.open(&emoji_uri, EMOJI).await;
    let header = EMOJI.lines().next().unwrap_or("");
    let end = header.encode_utf16().count() as u32;
    let typed = "The quick brown fox jumps over the lazy dog, 0123456789 times over and over again.";
    for (i, c) in typed.chars().enumerate() {
        let at = pos(0, end + i as u32);
        let change = json!({"range": {"start": at, "end": at}, "text": c.to_string()});
        let params = json!({"textDocument": {"uri": emoji_uri, "version": 2 + i}, "contentChanges": [change]});
        client.notify("textDocument/didChange", params).await;
    }
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": emoji_uri}})).await;
    assert_eq!(symbols[0]["detail"], format!("Test – 😀 Studio – English{typed}"));
    client.shutdown().await;
}
