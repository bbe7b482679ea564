//! Themes through the protocol, with the capabilities of the real clients
//! (Helix and Neovim from `clients/` of the shared folder, and a VS Code-like UTF-16
//! client): hovers on an INDEX.md entry, on a header line, inside a section
//! and on a key term; the topical sections of the seed's long turn in the
//! outline; and the `$/progress` that says when themes are ready.

use std::path::Path;

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::corpus::{SEED, protocol_corpus};
use crate::kit::proto::{HELIX, NEOVIM, at, find, real_client_params, start, uri, utf16_only_params};

/// Every client's initialize params for the fixture corpus, by name (the
/// real ones need the shared folder).
fn clients(root: &Path) -> Vec<(&'static str, Value)> {
    vec![
        ("vscode-like", utf16_only_params(root)),
        ("helix", real_client_params(HELIX, root)),
        ("neovim", real_client_params(NEOVIM, root)),
    ]
}

fn hover_text(v: &Value) -> String {
    v["contents"]["value"].as_str().unwrap_or_default().to_string()
}

/// Hovers until the corpus themes are in (they are built in the background).
async fn hover_when_ready(client: &Client, params: Value, marker: &str) -> String {
    for _ in 0..100 {
        let text = hover_text(&client.request("textDocument/hover", params.clone()).await);
        if text.contains(marker) {
            return text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    hover_text(&client.request("textDocument/hover", params).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
async fn hovers_show_themes_key_terms_and_summaries_in_every_client() {
    let (_dir, root) = protocol_corpus();
    for (name, params) in clients(&root) {
        hovers_show_themes_key_terms_and_summaries(&root, name, params).await;
    }
}

/// The VS Code-like part of the test above, which needs no shared data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hovers_show_themes_key_terms_and_summaries_in_a_vscode_like_client() {
    let (_dir, root) = protocol_corpus();
    hovers_show_themes_key_terms_and_summaries(&root, "vscode-like", utf16_only_params(&root)).await;
}

/// Hovers on an INDEX.md entry, a header line, inside a section and on a
/// key term, from the client `name` initialized with `params`.
async fn hovers_show_themes_key_terms_and_summaries(root: &Path, name: &str, params: Value) {
    let seed_path = root.join("seeds").join(SEED);
    let seed_text = std::fs::read_to_string(&seed_path).expect("seed");
    let index_path = root.join("seeds/INDEX.md");
    let index_text = std::fs::read_to_string(&index_path).expect("index");
    let client = start(params).await;

    // On the INDEX.md entry: the glance and what the speech is about, with
    // the user's own tags once the corpus themes are built.
    let (line, col, _) = find(&index_text, "Expanded meeting");
    let entry = hover_when_ready(&client, at(&uri(&index_path), line, col), "Tags (INDEX.md)").await;
    assert!(entry.contains("What the speech is about"), "{name}: {entry}");
    assert!(entry.contains("Crime and policing"), "{name}: {entry}");
    assert!(entry.contains("**Key terms:**"), "{name}: {entry}");
    assert!(entry.contains("#public-safety"), "{name}: the user's own tags are shown: {entry}");

    // On the header line of the open transcript: the same, plus speakers.
    client.open(&uri(&seed_path), &seed_text).await;
    let header = hover_text(&client.request("textDocument/hover", at(&uri(&seed_path), 0, 3)).await);
    assert!(header.contains("President of Russia Vladimir Putin"), "{name}: {header}");
    assert!(header.contains("What the speech is about"), "{name}: {header}");

    // Inside the section about the internet and minors: that section's themes
    // and a summary taken from it, never a greeting.
    let (line, col, _) = find(&seed_text, "child pornography");
    let section = hover_text(&client.request("textDocument/hover", at(&uri(&seed_path), line, col)).await);
    assert!(section.contains("Internet content and media law"), "{name}: {section}");
    assert!(section.contains("> "), "{name}: a quoted summary: {section}");
    assert!(!section.contains("comrades"), "{name}: the greeting is not a summary: {section}");
    let summary = section.lines().find(|l| l.starts_with("> ")).unwrap_or_default();
    assert!(summary.split_whitespace().count() <= 70, "{name}: summary too long: {summary}");

    // On a key term: how often it occurs here and in the corpus.
    let (line, col, _) = find(&seed_text, "cybercrime");
    let term = hover_text(&client.request("textDocument/hover", at(&uri(&seed_path), line, col + 2)).await);
    assert!(term.contains("in this section"), "{name}: {term}");
    assert!(term.contains("speeches"), "{name}: {term}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_seeds_long_turn_is_cut_into_named_sections_in_the_outline() {
    let (_dir, root) = protocol_corpus();
    let seed_path = root.join("seeds").join(SEED);
    let seed_text = std::fs::read_to_string(&seed_path).expect("seed");
    let client = start(utf16_only_params(&root)).await;
    client.open(&uri(&seed_path), &seed_text).await;
    let symbols =
        client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri(&seed_path)}})).await;
    let turn = symbols
        .as_array()
        .and_then(|all| all.iter().find(|s| s["name"] == "President of Russia Vladimir Putin"))
        .cloned()
        .unwrap_or_else(|| panic!("no turn symbol: {symbols}"));
    let sections: Vec<String> = turn["children"]
        .as_array()
        .map(|c| c.iter().map(|s| s["name"].as_str().unwrap_or_default().to_string()).collect())
        .unwrap_or_default();
    assert!(sections.len() >= 2, "the long turn has sections: {sections:?}");
    assert!(sections.iter().all(|s| s.contains(" · ¶")), "named by theme and paragraph range: {sections:?}");
    let distinct: std::collections::HashSet<&String> = sections.iter().collect();
    assert_eq!(distinct.len(), sections.len(), "each section has its own name: {sections:?}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_symbols_find_themes_and_references_find_sections_of_a_theme() {
    let (_dir, root) = protocol_corpus();
    let seed_path = root.join("seeds").join(SEED);
    let seed_text = std::fs::read_to_string(&seed_path).expect("seed");
    let client = start(utf16_only_params(&root)).await;
    let mut found = Value::Null;
    for _ in 0..100 {
        found = client.request("workspace/symbol", json!({"query": "policing"})).await;
        if found.as_array().is_some_and(|a| !a.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let names: Vec<String> = found
        .as_array()
        .map(|a| a.iter().map(|s| format!("{} @ {}", s["name"], s["location"]["uri"])).collect())
        .unwrap_or_default();
    assert!(
        names.iter().any(|n| n.contains("Crime and policing (theme)") && n.contains(SEED)),
        "a theme finds the speech: {names:?}"
    );

    client.open(&uri(&seed_path), &seed_text).await;
    let (line, col, _) = find(&seed_text, "child pornography");
    let mut params = at(&uri(&seed_path), line, col);
    params["context"] = json!({"includeDeclaration": true});
    let refs = client.request("textDocument/references", params).await;
    let refs = refs.as_array().cloned().unwrap_or_default();
    assert!(!refs.is_empty(), "the section's theme has references");
    assert!(refs.iter().all(|r| r["uri"] == uri(&seed_path).as_str()), "only this speech carries it here: {refs:?}");
    assert!(
        refs.iter().any(|r| r["range"]["start"]["line"].as_u64().is_some_and(|l| l <= line as u64)),
        "the section under the cursor is among them: {refs:?}"
    );
    client.shutdown().await;
}
