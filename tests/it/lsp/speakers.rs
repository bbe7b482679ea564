//! Protocol tests of speakers as people: hover, definition, references,
//! rename, completion and the speaker diagnostics with their merge fix,
//! on a corpus with a registry (`speakers.toml`) and without one.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::proto::{at, editing_client_params, find, render_locations, start, uri};

const A: &str = " date 2021-03-03 Source: Kremlin

President of Russia Vladimir Putin: Good afternoon, colleagues.

Sergei Kuzmenko: Thank you.

President of Russia Vladimir Putin: Let us begin.
";

const B: &str = " date 2021-04-04 Source: Kremlin

Vladimir Putin: Hello again.

Sergei Kuzmenko: A question.

Vladimir Putin: And once more.

Vladmir Putin: A misspelt label.

Vladmir Putin: Misspelt again.
";

const D: &str = " date 2021-06-06 Source: White House

SPEAKER_00: Good morning.

SPEAKER_01: A question.

SPEAKER_00: An answer.
";

const REGISTRY: &str = "[[person]]
name = \"Jen Psaki\"
roles = [{ title = \"Press Secretary\", from = \"2021-01-20\", country = \"USA\" }]

[files.\"d.txt\"]
SPEAKER_00 = \"Jen Psaki\"
";

fn corpus(registry: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = std::fs::canonicalize(dir.path()).expect("the folder exists");
    let write = |rel: &str, text: &str| std::fs::write(root.join(rel), text).expect("write");
    write("INDEX.md", "# Speeches\n\n- 2021-03-03 [A](a.txt)\n- 2021-04-04 [B](b.txt)\n- 2021-06-06 [D](d.txt)\n");
    write("a.txt", A);
    write("b.txt", B);
    write("d.txt", D);
    if registry {
        write("speakers.toml", REGISTRY);
    }
    (dir, root)
}

async fn request_at(client: &Client, method: &str, file: &Path, text: &str, needle: &str) -> Value {
    let (line, character, _) = find(text, needle);
    client.request(method, at(&uri(file), line, character)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_hover_and_rename_on_a_label_are_about_the_person() {
    let (_dir, root) = corpus(false);
    let client = start(editing_client_params(&root, false)).await;
    let a = root.join("a.txt");
    client.open(&uri(&a), A).await;

    let (line, character, _) = find(A, "President of Russia");
    let params = json!({"textDocument": {"uri": uri(&a)}, "position": {"line": line, "character": character},
        "context": {"includeDeclaration": false}});
    let found = client.request("textDocument/references", params).await;
    let shown = render_locations(&found, &root);
    for expected in ["a.txt 2:0-", "a.txt 6:0-", "b.txt 2:0-", "b.txt 6:0-"] {
        assert!(shown.contains(expected), "{expected} missing from\n{shown}");
    }
    assert!(!shown.contains("a.txt 4:"), "Sergei Kuzmenko is someone else:\n{shown}");

    let hover = request_at(&client, "textDocument/hover", &a, A, "President of Russia").await;
    let md = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(md.starts_with("**Vladimir Putin**"), "{md}");
    assert!(md.contains("In the corpus: 4 turns"), "{md}");
    assert!(md.contains("President of Russia Vladimir Putin — 2 turns"), "{md}");

    let prepared = request_at(&client, "textDocument/prepareRename", &a, A, "President of Russia").await;
    assert_eq!(prepared["placeholder"], "President of Russia Vladimir Putin");
    let params = json!({"textDocument": {"uri": uri(&a)}, "position": {"line": line, "character": character},
        "newName": "Vladimir V. Putin"});
    let edit = client.request("textDocument/rename", params).await;
    let b_edits = edit["changes"][uri(&root.join("b.txt"))].as_array().cloned().unwrap_or_default();
    let texts: Vec<&str> = b_edits.iter().filter_map(|e| e["newText"].as_str()).collect();
    assert_eq!(texts, ["Vladimir V. Putin", "Vladimir V. Putin"]);
    let a_edits = edit["changes"][uri(&a)].as_array().cloned().unwrap_or_default();
    assert_eq!(a_edits[0]["newText"], "President of Russia Vladimir V. Putin");
    // Without a registry there is no definition to go to.
    let def = request_at(&client, "textDocument/definition", &a, A, "President of Russia").await;
    assert!(def.is_null() || def.as_array().is_some_and(Vec::is_empty), "{def}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_near_duplicate_is_a_diagnostic_with_a_merge_and_names_complete() {
    let (_dir, root) = corpus(false);
    let client = start(editing_client_params(&root, false)).await;
    let b = root.join("b.txt");
    client.open(&uri(&b), B).await;
    let diagnostics =
        client.wait_for_diagnostics(&uri(&b), |d| d.iter().any(|x| x["code"] == "speaker-near-duplicate")).await;
    let near: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == "speaker-near-duplicate").collect();
    assert_eq!(near.len(), 2, "{diagnostics:?}");
    let range = near[0]["range"].clone();
    let params = json!({"textDocument": {"uri": uri(&b)}, "range": range, "context": {"diagnostics": []}});
    let actions = client.request("textDocument/codeAction", params).await;
    let merge = actions.as_array().and_then(|a| a.iter().find(|x| x["title"] == "Merge into Vladimir Putin"));
    let merge = merge.unwrap_or_else(|| panic!("no merge in {actions}"));
    let edits = merge["edit"]["changes"][uri(&b)].as_array().cloned().unwrap_or_default();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], "Vladimir Putin");

    // A new line typed at the end: known names are offered.
    let text = format!("{B}\nSerg");
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(&b), "version": 2}, "contentChanges": [{"text": text}]}),
        )
        .await;
    let line = text.lines().count() as u32 - 1;
    let found = client.request("textDocument/completion", at(&uri(&b), line, 4)).await;
    let labels: Vec<&str> =
        found.as_array().map_or(Vec::new(), |i| i.iter().filter_map(|x| x["label"].as_str()).collect());
    assert_eq!(labels, ["Sergei Kuzmenko"]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_a_registry_a_diarised_id_has_a_name_and_a_definition() {
    let (_dir, root) = corpus(true);
    let client = start(editing_client_params(&root, false)).await;
    let d = root.join("d.txt");
    client.open(&uri(&d), D).await;
    let hover = request_at(&client, "textDocument/hover", &d, D, "SPEAKER_00").await;
    let md = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(md.starts_with("**Jen Psaki**\n\n- Role: Press Secretary (USA), from 2021-01-20"), "{md}");
    let def = request_at(&client, "textDocument/definition", &d, D, "SPEAKER_00").await;
    let shown = render_locations(&def, &root);
    assert!(shown.starts_with("speakers.toml 5:0-"), "{shown}");
    let diagnostics = client.wait_for_diagnostics(&uri(&d), |d| d.iter().any(|x| x["code"] == "speaker-unnamed")).await;
    let unnamed: Vec<&Value> = diagnostics.iter().filter(|x| x["code"] == "speaker-unnamed").collect();
    assert_eq!(unnamed.len(), 1, "only SPEAKER_01 has no name: {diagnostics:?}");
    assert_eq!(unnamed[0]["range"]["start"]["line"], 4);

    // A broken registry opened in the editor: its problems are its diagnostics.
    let registry = root.join("speakers.toml");
    client.open(&uri(&registry), "[[person]]\naliases = [\"X\"]\n").await;
    let problems = client.wait_for_diagnostics(&uri(&registry), |d| !d.is_empty()).await;
    assert_eq!(problems[0]["range"]["start"]["line"], 0);
    assert!(problems[0]["message"].as_str().unwrap_or("").contains("needs a `name`"), "{problems:?}");
    client.shutdown().await;
}
