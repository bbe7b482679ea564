//! Protocol tests of the quick fixes (`textDocument/codeAction`) and the
//! `speech-ls.updateIndex` command: each fix's `WorkspaceEdit` is applied to
//! INDEX.md's text here, as an editor would, and the changed lines are
//! compared with a snapshot.

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::corpus::{INDEX, protocol_corpus};
use crate::kit::edits::{apply_text_edits, changed_lines, edits_for};
use crate::kit::proto::{editing_client_params, start, uri};

/// An unlisted transcript beside the fixture corpus, and an entry whose date
/// disagrees with its header (emoji.txt says 2021-03-04).
const EXTRA: &str = " date 2021-06-01 Source: Test

The President met students in Kazan. They talked about science.

Moderator: Welcome.
";

fn broken_index() -> String {
    INDEX.replace("- 2021-03-04 [Studio talk]", "- 2021-03-05 [Studio talk]")
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    std::fs::write(corpus.join("extra.txt"), EXTRA).expect("write extra.txt");
    std::fs::write(corpus.join("INDEX.md"), broken_index()).expect("write INDEX.md");
    (dir, root)
}

fn range(l1: u32, c1: u32, l2: u32, c2: u32) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

async fn actions(client: &Client, uri: &str, r: Value) -> Vec<Value> {
    let params = json!({"textDocument": {"uri": uri}, "range": r, "context": {"diagnostics": []}});
    client.request("textDocument/codeAction", params).await.as_array().cloned().unwrap_or_default()
}

/// Each action's title and what it does to INDEX.md.
fn render(actions: &[Value], index_uri: &str, index_text: &str) -> String {
    let mut out = String::new();
    for a in actions {
        let preferred = if a["isPreferred"] == true { " (preferred)" } else { "" };
        out.push_str(&format!(
            "{} [{}]{preferred}\n",
            a["title"].as_str().unwrap_or("?"),
            a["kind"].as_str().unwrap_or("")
        ));
        let after = apply_text_edits(index_text, &edits_for(&a["edit"], index_uri));
        for line in changed_lines(index_text, &after).lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fixes_on_index_and_transcript() {
    let (_dir, root) = setup();
    let corpus = root.join("seeds");
    let client = start(editing_client_params(&root, true)).await;
    let index_uri = uri(&corpus.join("INDEX.md"));
    let extra_uri = uri(&corpus.join("extra.txt"));
    let text = broken_index();

    // On the unlisted transcript's header line (INDEX.md is not open: the
    // edit carries no version and is computed from the file on disk).
    let found = actions(&client, &extra_uri, range(0, 2, 0, 2)).await;
    expect_test::expect![[r#"
        Add extra.txt to INDEX.md [quickfix] (preferred)
          +- 2021-06-01 [The President met students in Kazan](extra.txt)
    "#]]
    .assert_eq(&render(&found, &index_uri, &text));
    let doc_edit = &found[0]["edit"]["documentChanges"][0];
    assert_eq!(doc_edit["textDocument"]["version"], Value::Null, "{doc_edit}");

    // INDEX.md open: versioned edits against the buffer.
    client.open(&index_uri, &text).await;
    // Line 0: the summary of unlisted transcripts.
    let found = actions(&client, &index_uri, range(0, 0, 0, 0)).await;
    expect_test::expect![[r#"
        Add every unlisted transcript to INDEX.md [quickfix] (preferred)
          +- 2021-06-01 [The President met students in Kazan](extra.txt)
    "#]]
    .assert_eq(&render(&found, &index_uri, &text));
    assert_eq!(found[0]["edit"]["documentChanges"][0]["textDocument"]["version"], 1);

    // Line 4: the date that disagrees with emoji.txt's header.
    let found = actions(&client, &index_uri, range(4, 4, 4, 4)).await;
    expect_test::expect![[r#"
        Fix date to 2021-03-04 [quickfix] (preferred)
          -- 2021-03-05 [Studio talk](emoji.txt) #studio
          +- 2021-03-04 [Studio talk](emoji.txt) #studio
    "#]]
    .assert_eq(&render(&found, &index_uri, &text));

    // Line 5: the dead link (no file name is near enough to suggest).
    let found = actions(&client, &index_uri, range(5, 0, 5, 43)).await;
    expect_test::expect![[r#"
        Remove entry (INDEX.md:6) [quickfix] (preferred)
          -- 2022-01-01 [Not written yet](missing.txt)
    "#]]
    .assert_eq(&render(&found, &index_uri, &text));

    // Line 8: the second listing of the seed transcript.
    let found = actions(&client, &index_uri, range(8, 10, 8, 10)).await;
    expect_test::expect![[r#"
        Remove entry (INDEX.md:9) [quickfix] (preferred)
          -- [Interior Ministry, listed twice](./000_dfd047e8c9417aac.txt)
    "#]]
    .assert_eq(&render(&found, &index_uri, &text));

    // A heading has nothing to fix.
    assert!(actions(&client, &index_uri, range(2, 1, 2, 1)).await.is_empty());
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dead_link_near_a_real_file_offers_to_point_there() {
    let (_dir, root) = setup();
    let corpus = root.join("seeds");
    let text = broken_index().replace("(missing.txt)", "(emoj.txt)");
    std::fs::write(corpus.join("INDEX.md"), &text).expect("write INDEX.md");
    // A client without documentChanges gets plain `changes`.
    let client = start(editing_client_params(&root, false)).await;
    let index_uri = uri(&corpus.join("INDEX.md"));
    let found = actions(&client, &index_uri, range(5, 30, 5, 30)).await;
    expect_test::expect![[r#"
        Point to emoji.txt [quickfix] (preferred)
          -- 2022-01-01 [Not written yet](emoj.txt)
          +- 2022-01-01 [Not written yet](emoji.txt)
        Remove entry (INDEX.md:6) [quickfix]
          -- 2022-01-01 [Not written yet](emoj.txt)
    "#]]
    .assert_eq(&render(&found, &index_uri, &text));
    assert!(found.iter().all(|a| a["edit"]["changes"].is_object()), "{found:?}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_index_command_applies_one_edit_through_the_client() {
    let (_dir, root) = setup();
    let corpus = root.join("seeds");
    let client = start(editing_client_params(&root, true)).await;
    let init = client.request("workspace/symbol", json!({"query": ""})).await;
    assert!(init.is_array());
    let answer =
        client.request("workspace/executeCommand", json!({"command": "speech-ls.updateIndex", "arguments": []})).await;
    let requests = client.server_requests().clone();
    let applied: Vec<&Value> = requests.iter().filter(|r| r["method"] == "workspace/applyEdit").collect();
    assert_eq!(applied.len(), 1, "{requests:?}");
    let index_uri = uri(&corpus.join("INDEX.md"));
    let text = broken_index();
    let after = apply_text_edits(&text, &edits_for(&applied[0]["params"]["edit"], &index_uri));
    expect_test::expect![[r#"
        +- 2021-06-01 [The President met students in Kazan](extra.txt)
    "#]]
    .assert_eq(&changed_lines(&text, &after));
    // The test client answers every server request with null, which is not
    // "applied": the server reports that rather than claiming success.
    assert_eq!(answer["applied"], false, "{answer}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_index_creates_a_missing_index_when_the_client_can() {
    let (_dir, root) = setup();
    let corpus = root.join("seeds");
    std::fs::remove_file(corpus.join("INDEX.md")).expect("remove INDEX.md");
    // `seeds/` is a corpus even without an INDEX.md.
    let client = start(editing_client_params(&root, true)).await;
    client.request("workspace/executeCommand", json!({"command": "speech-ls.updateIndex"})).await;
    let requests = client.server_requests().clone();
    let applied: Vec<&Value> = requests.iter().filter(|r| r["method"] == "workspace/applyEdit").collect();
    assert_eq!(applied.len(), 1, "{requests:?}");
    let ops = &applied[0]["params"]["edit"]["documentChanges"];
    let index_uri = uri(&corpus.join("INDEX.md"));
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["uri"], index_uri);
    let text = apply_text_edits("", &edits_for(&applied[0]["params"]["edit"], &index_uri));
    expect_test::expect![[r#"
        # Index

        The transcripts in this folder, by date.

        ## 2021

        - 2021-03-03 [The participants summed up the results of the internal affairs agencies’ operational…](000_dfd047e8c9417aac.txt)
        - 2021-03-04 [The meeting opened with greetings](emoji.txt)
        - 2021-06-01 [The President met students in Kazan](extra.txt)
    "#]]
    .assert_eq(&text);
    client.shutdown().await;
}
