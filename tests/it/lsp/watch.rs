//! Protocol tests for changes made outside the editor: files created, edited
//! and deleted on disk reach `workspace/symbol` and `definition` within a
//! second or two (the server's own watcher), the client's
//! `didChangeWatchedFiles` goes through the same path, and an open buffer
//! keeps winning over the disk.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::proto::{HELIX, real_client_params, uri, utf16_only_params};

/// Generous, because CI machines are slow; the server normally follows in
/// about the watcher's debounce time (200 ms).
const LIMIT: Duration = Duration::from_secs(5);

const INDEX: &str = "# Speeches\n\n- 2021-03-04 [Old talk](old.txt)\n";
const OLD: &str = " date 2021-03-04 Source: Test\n\nModerator: Welcome to the old talk.\n";
const FRESH: &str = " date 2021-05-05 Source: Test\n\nModerator: A speech written outside the editor.\n";

fn corpus() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    std::fs::write(root.join("INDEX.md"), INDEX).expect("write INDEX.md");
    std::fs::write(root.join("old.txt"), OLD).expect("write old.txt");
    (dir, root)
}

async fn symbols(client: &Client, query: &str) -> Vec<String> {
    let found = client.request("workspace/symbol", json!({"query": query})).await;
    found.as_array().into_iter().flatten().filter_map(|s| s["name"].as_str().map(str::to_string)).collect()
}

/// Only the speech symbols (their names carry the title).
async fn speeches(client: &Client, title: &str) -> Vec<String> {
    symbols(client, title).await.into_iter().filter(|n| n.contains(title)).collect()
}

/// Polls workspace/symbol until `want` says yes; returns how long it took.
async fn wait_for_symbols(client: &Client, query: &str, want: impl Fn(&[String]) -> bool) -> Duration {
    let start = Instant::now();
    loop {
        let found = symbols(client, query).await;
        if want(&found) {
            return start.elapsed();
        }
        assert!(start.elapsed() < LIMIT, "workspace/symbol {query:?} still gives {found:?} after {LIMIT:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn definition_target(client: &Client, index: &Path, line: u32) -> Value {
    let params = json!({"textDocument": {"uri": uri(index)}, "position": {"line": line, "character": 4}});
    client.request("textDocument/definition", params).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_created_edited_and_deleted_on_disk_are_followed() {
    let (_dir, root) = corpus();
    let client = Client::in_process(Value::Null);
    client.initialize(utf16_only_params(&root)).await;
    assert_eq!(symbols(&client, "Fresh speech").await, Vec::<String>::new());

    // A new transcript and a new INDEX.md entry, written by another program.
    std::fs::write(root.join("fresh.txt"), FRESH).expect("write fresh.txt");
    std::fs::write(root.join("INDEX.md"), format!("{INDEX}- 2021-05-05 [Fresh speech](fresh.txt)\n"))
        .expect("rewrite INDEX.md");
    let took = wait_for_symbols(&client, "fresh speech", |s| s.iter().any(|n| n == "2021-05-05 Fresh speech")).await;
    eprintln!("created file visible in workspace/symbol after {took:?}");
    let def = definition_target(&client, &root.join("INDEX.md"), 3).await;
    assert_eq!(def["uri"], uri(&root.join("fresh.txt")), "{def}");

    // Edited on disk: the new date shows.
    std::fs::write(root.join("fresh.txt"), FRESH.replace("2021-05-05", "2021-06-06")).expect("edit fresh.txt");
    wait_for_symbols(&client, "fresh speech", |s| s.iter().any(|n| n == "2021-06-06 Fresh speech")).await;

    // Deleted on disk: the speech goes, and the link goes dead.
    std::fs::remove_file(root.join("fresh.txt")).expect("delete fresh.txt");
    wait_for_symbols(&client, "fresh speech", |s| s.is_empty()).await;
    assert_eq!(definition_target(&client, &root.join("INDEX.md"), 3).await, Value::Null);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
async fn client_file_events_and_open_buffers() {
    let (_dir, root) = corpus();
    let params = real_client_params(HELIX, &root);
    let client = Client::in_process(Value::Null);
    client.initialize(params).await;

    // The editor has old.txt open with unsaved text: a disk write must not win.
    let old_uri = uri(&root.join("old.txt"));
    client.open(&old_uri, &OLD.replace("2021-03-04", "2030-01-01")).await;
    std::fs::write(root.join("old.txt"), OLD.replace("2021-03-04", "1999-09-09")).expect("write old.txt");
    let event = json!({"changes": [{"uri": old_uri, "type": 2}]});
    client.notify("workspace/didChangeWatchedFiles", event).await;
    // A file the client reports (as Helix does for its own writes).
    std::fs::write(root.join("reported.txt"), FRESH).expect("write reported.txt");
    let event = json!({"changes": [{"uri": uri(&root.join("reported.txt")), "type": 1}]});
    client.notify("workspace/didChangeWatchedFiles", event).await;
    wait_for_symbols(&client, "reported.txt", |s| s.iter().any(|n| n == "2021-05-05 reported.txt")).await;
    assert_eq!(speeches(&client, "Old talk").await, ["2030-01-01 Old talk"], "the open buffer wins");

    // Closing the buffer brings back what is on disk.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": old_uri}})).await;
    assert_eq!(speeches(&client, "Old talk").await, ["1999-09-09 Old talk"]);
    client.shutdown().await;
}

/// A speech's key words as `workspace/symbol` names them ("word (key term)").
fn key_term_of(names: &[String], word: &str) -> bool {
    names.iter().any(|n| n.to_lowercase().starts_with(word) && n.ends_with("(key term)"))
}

/// The corpus's theme index takes in a file changed on disk: its key words
/// come from the corpus statistics, and the file's words leave them when it
/// changes again or goes. With 131 speeches the drift budget is 2 changes,
/// so the first edit and the deletion take the incremental path and the
/// second edit a rebuild from the counts in memory (a corpus under 128
/// speeches would rebuild on every change).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_theme_index_follows_files_changed_on_disk() {
    let (_dir, root) = corpus();
    let topics = ["grain harvest", "railway freight", "school teachers", "police patrols", "hospital doctors"];
    for i in 0..130 {
        let topic = topics[i % topics.len()];
        let text = format!(
            " date 2021-01-01 Source: Test\n\nModerator: We discussed the {topic} today. The {topic} matters.\n"
        );
        std::fs::write(root.join(format!("s{i:03}.txt")), text).expect("write a speech");
    }
    let client = Client::in_process(Value::Null);
    client.initialize(utf16_only_params(&root)).await;
    // Themes are ready once the speeches' key words are searchable.
    wait_for_symbols(&client, "harvest", |s| key_term_of(s, "harvest")).await;

    let probe = root.join("s000.txt");
    let said = |word: &str| format!(" date 2021-01-01 Source: Test\n\nModerator: {word}, {word} and {word} again.\n");
    std::fs::write(&probe, said("Zorblaxite")).expect("edit on disk");
    wait_for_symbols(&client, "zorblaxite", |s| key_term_of(s, "zorblaxite")).await;

    std::fs::write(&probe, said("Quintaphore")).expect("edit again");
    wait_for_symbols(&client, "quintaphore", |s| key_term_of(s, "quintaphore")).await;
    assert!(!key_term_of(&symbols(&client, "zorblaxite").await, "zorblaxite"), "the old word left the index");

    std::fs::remove_file(&probe).expect("delete");
    wait_for_symbols(&client, "quintaphore", |s| s.is_empty()).await;
    client.shutdown().await;
}
