//! Protocol tests for settings and folders: the `corpus` setting from
//! `initializationOptions`, from `workspace/configuration`, and changed by
//! `didChangeConfiguration`, overrides discovery; workspace folders added
//! later are loaded too, and so is a corpus whose INDEX.md appears later.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::proto::{uri, utf16_only_params};

/// A workspace folder with two corpora: `seeds/` (found by discovery) and
/// `other/` (only used when the setting names it).
fn two_corpora() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    for (folder, title) in [("seeds", "Seeds talk"), ("other", "Other talk")] {
        std::fs::create_dir(root.join(folder)).expect("create corpus folder");
        std::fs::write(root.join(folder).join("INDEX.md"), format!("- 2021-01-01 [{title}](a.txt)\n")).expect("index");
        std::fs::write(root.join(folder).join("a.txt"), " date 2021-01-01 Source: Test\n\nModerator: Hello.\n")
            .expect("transcript");
    }
    (dir, root)
}

/// The titles of the speeches workspace/symbol finds for "talk".
async fn talks(client: &Client) -> Vec<String> {
    let found = client.request("workspace/symbol", json!({"query": "talk"})).await;
    let mut names: Vec<String> = found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["name"].as_str())
        .filter(|n| n.ends_with("talk"))
        .map(str::to_string)
        .collect();
    names.sort();
    names
}

async fn wait_for_talks(client: &Client, want: &[&str]) {
    let start = Instant::now();
    loop {
        let got = talks(client).await;
        if got == want {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "still {got:?}, want {want:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discovery_prefers_seeds() {
    let (_dir, root) = two_corpora();
    let client = Client::in_process(Value::Null);
    client.initialize(utf16_only_params(&root)).await;
    assert_eq!(talks(&client).await, ["2021-01-01 Seeds talk"]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corpus_setting_from_init_options_then_changed() {
    let (_dir, root) = two_corpora();
    let client = Client::in_process(Value::Null);
    let mut params = utf16_only_params(&root);
    params["initializationOptions"] = json!({"corpus": "other"});
    client.initialize(params).await;
    assert_eq!(talks(&client).await, ["2021-01-01 Other talk"]);
    // Helix pushes its `config` table with the change.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"speech-ls": {"corpus": "seeds"}}})).await;
    wait_for_talks(&client, &["2021-01-01 Seeds talk"]).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corpus_setting_from_workspace_configuration() {
    let (_dir, root) = two_corpora();
    let client = Client::in_process(json!({"corpus": "other"}));
    client.initialize(utf16_only_params(&root)).await;
    assert_eq!(talks(&client).await, ["2021-01-01 Other talk"]);
    let asked = client
        .server_requests()
        .iter()
        .any(|r| r["method"] == "workspace/configuration" && r["params"]["items"][0]["section"] == "speech-ls");
    assert!(asked, "the server asks for the speech-ls section");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_folders_added_later_are_loaded() {
    let (_dir, root) = two_corpora();
    let first = root.join("seeds");
    let client = Client::in_process(Value::Null);
    client.initialize(utf16_only_params(&first)).await;
    assert_eq!(talks(&client).await, ["2021-01-01 Seeds talk"]);
    let added = root.join("other");
    let event = json!({"event": {"added": [{"uri": uri(&added), "name": "other"}], "removed": []}});
    client.notify("workspace/didChangeWorkspaceFolders", event).await;
    wait_for_talks(&client, &["2021-01-01 Other talk", "2021-01-01 Seeds talk"]).await;
    let event = json!({"event": {"added": [], "removed": [{"uri": uri(&first), "name": "seeds"}]}});
    client.notify("workspace/didChangeWorkspaceFolders", event).await;
    wait_for_talks(&client, &["2021-01-01 Other talk"]).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_created_outside_every_corpus_makes_a_new_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    let client = Client::in_process(Value::Null);
    client.initialize(utf16_only_params(&root)).await;
    assert_eq!(talks(&client).await, Vec::<String>::new());
    let folder = root.join("speeches");
    std::fs::create_dir(&folder).expect("create folder");
    std::fs::write(folder.join("a.txt"), " date 2021-01-01 Source: Test\n\nModerator: Hello.\n").expect("transcript");
    std::fs::write(folder.join("INDEX.md"), "- 2021-01-01 [New talk](a.txt)\n").expect("index");
    let event = json!({"changes": [{"uri": uri(&folder.join("INDEX.md")), "type": 1}]});
    client.notify("workspace/didChangeWatchedFiles", event).await;
    wait_for_talks(&client, &["2021-01-01 New talk"]).await;
    client.shutdown().await;
}
