//! Protocol tests of completion in INDEX.md (file names after `](`, `[[`,
//! `<`; tags after `#`) and of renaming transcripts (`willRenameFiles`,
//! `prepareRename` + `rename` on a link), on the shared fixture corpus.

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::corpus::{INDEX, protocol_corpus};
use crate::kit::edits::{apply_text_edits, changed_lines, edits_for};
use crate::kit::proto::{editing_client_params, start, uri};

async fn complete(client: &Client, uri: &str, text: &str) -> String {
    // The cursor is at the end of the text's last line.
    let line = text.lines().count().saturating_sub(1) as u32;
    let character = text.lines().last().unwrap_or("").encode_utf16().count() as u32;
    let params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    let found = client.request("textDocument/completion", params).await;
    let items = found.as_array().cloned().unwrap_or_default();
    let mut out = String::new();
    for item in &items {
        let edit = &item["textEdit"];
        out.push_str(&format!(
            "{} -> {:?} at {}-{} · {}\n",
            item["label"].as_str().unwrap_or("?"),
            edit["newText"].as_str().unwrap_or(""),
            edit["range"]["start"]["character"],
            edit["range"]["end"]["character"],
            item["detail"].as_str().unwrap_or(""),
        ));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completes_file_names_and_tags_in_index() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = start(editing_client_params(&root, true)).await;
    let index_uri = uri(&corpus.join("INDEX.md"));

    let mut version = 1;
    let mut edit_to = async |client: &Client, text: &str| {
        version += 1;
        if version == 2 {
            client.open(&index_uri, text).await;
        } else {
            client
                .notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": index_uri, "version": version}, "contentChanges": [{"text": text}]}),
                )
                .await;
        }
    };

    let text = format!("{INDEX}- 2021-05-05 [New](em");
    edit_to(&client, &text).await;
    expect_test::expect![[r#"
        emoji.txt -> "emoji.txt" at 19-21 · 2021-03-04 · The meeting opened with greetings
    "#]]
    .assert_eq(&complete(&client, &index_uri, &text).await);

    let text = format!("{INDEX}- [[");
    edit_to(&client, &text).await;
    expect_test::expect![[r#"
        emoji.txt -> "emoji" at 4-4 · 2021-03-04 · The meeting opened with greetings
        000_dfd047e8c9417aac.txt -> "000_dfd047e8c9417aac" at 4-4 · 2021-03-03 · The participants summed up the results of the…
    "#]]
    .assert_eq(&complete(&client, &index_uri, &text).await);

    let text = format!("{INDEX}- <000");
    edit_to(&client, &text).await;
    let shown = complete(&client, &index_uri, &text).await;
    assert!(shown.starts_with("000_dfd047e8c9417aac.txt -> \"000_dfd047e8c9417aac.txt\" at 3-6"), "{shown}");

    let text = format!("{INDEX}- 2021-05-05 [New](emoji.txt) #pu");
    edit_to(&client, &text).await;
    expect_test::expect![[r##"
        #cybercrime -> "#cybercrime" at 30-33 · used by 1 entry
        #pu -> "#pu" at 30-33 · used by 1 entry
        #public-safety -> "#public-safety" at 30-33 · used by 1 entry
        #studio -> "#studio" at 30-33 · used by 1 entry
    "##]]
    .assert_eq(&complete(&client, &index_uri, &text).await);

    // A heading is not a tag; plain prose completes nothing.
    for text in [format!("{INDEX}## 20"), format!("{INDEX}Some words")] {
        edit_to(&client, &text).await;
        assert_eq!(complete(&client, &index_uri, &text).await, "", "{text:?}");
    }
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn will_rename_files_rewrites_every_link() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = start(editing_client_params(&root, true)).await;
    let index_uri = uri(&corpus.join("INDEX.md"));
    let old = uri(&corpus.join("000_dfd047e8c9417aac.txt"));
    let new = uri(&corpus.join("2021/interior-board.txt"));
    let edit = client.request("workspace/willRenameFiles", json!({"files": [{"oldUri": old, "newUri": new}]})).await;
    let after = apply_text_edits(INDEX, &edits_for(&edit, &index_uri));
    expect_test::expect![[r#"
        -- 2021-03-03 [Expanded meeting of the Interior Ministry Board](000_dfd047e8c9417aac.txt) #public-safety #cybercrime
        -- [Interior Ministry, listed twice](./000_dfd047e8c9417aac.txt)
        +- 2021-03-03 [Expanded meeting of the Interior Ministry Board](2021/interior-board.txt) #public-safety #cybercrime
        +- [Interior Ministry, listed twice](./2021/interior-board.txt)
    "#]]
    .assert_eq(&changed_lines(INDEX, &after));

    // A folder: every transcript under it moves along.
    std::fs::create_dir(corpus.join("studio")).expect("mkdir");
    std::fs::write(corpus.join("studio/inside.txt"), " date 2021-01-01 Source: Test\n\nText.\n").expect("write");
    let text = format!("{INDEX}- [Inside](studio/inside.txt)\n- [[inside]]\n");
    client.open(&index_uri, &text).await;
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(&corpus.join("studio/inside.txt")), "type": 1}]}),
        )
        .await;
    let (from, to) = (uri(&corpus.join("studio")), uri(&corpus.join("archive/studio")));
    let mut edit = Value::Null;
    for _ in 0..100 {
        edit = client.request("workspace/willRenameFiles", json!({"files": [{"oldUri": from, "newUri": to}]})).await;
        if !edit.is_null() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let after = apply_text_edits(&text, &edits_for(&edit, &index_uri));
    expect_test::expect![[r#"
        -- [Inside](studio/inside.txt)
        -- [[inside]]
        +- [Inside](archive/studio/inside.txt)
        +- [[archive/studio/inside]]
    "#]]
    .assert_eq(&changed_lines(&text, &after));

    // A file no link names: nothing to do.
    let other = uri(&corpus.join("unlisted.txt"));
    let edit = client.request("workspace/willRenameFiles", json!({"files": [{"oldUri": other, "newUri": new}]})).await;
    assert_eq!(edit, Value::Null);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_on_a_link_renames_the_file_and_the_links() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = start(editing_client_params(&root, true)).await;
    let index_uri = uri(&corpus.join("INDEX.md"));
    client.open(&index_uri, INDEX).await;
    // Line 4: `- 2021-03-04 [Studio talk](emoji.txt) #studio`, cursor in the target.
    let at = json!({"textDocument": {"uri": index_uri}, "position": {"line": 4, "character": 30}});
    let prepared = client.request("textDocument/prepareRename", at.clone()).await;
    assert_eq!(prepared["placeholder"], "emoji.txt", "{prepared}");
    assert_eq!(prepared["range"]["start"], json!({"line": 4, "character": 27}));

    let mut params = at.clone();
    params["newName"] = json!("studio-talk");
    let edit = client.request("textDocument/rename", params).await;
    let ops = edit["documentChanges"].as_array().expect("document changes");
    assert_eq!(ops[0]["kind"], "rename", "{edit}");
    assert_eq!(ops[0]["oldUri"], uri(&corpus.join("emoji.txt")));
    assert_eq!(ops[0]["newUri"], uri(&corpus.join("studio-talk.txt")));
    assert_eq!(ops[1]["textDocument"]["version"], 1);
    let after = apply_text_edits(INDEX, &edits_for(&edit, &index_uri));
    expect_test::expect![[r#"
        -- 2021-03-04 [Studio talk](emoji.txt) #studio
        +- 2021-03-04 [Studio talk](studio-talk.txt) #studio
    "#]]
    .assert_eq(&changed_lines(INDEX, &after));

    // Renaming onto an existing transcript is refused with a message.
    let mut params = at.clone();
    params["newName"] = json!("000_dfd047e8c9417aac.txt");
    let reply = client.request_raw("textDocument/rename", params).await;
    assert!(reply["error"]["message"].as_str().is_some_and(|m| m.contains("already exists")), "{reply}");

    // A dead link and a heading cannot be renamed.
    for (line, character) in [(5, 33), (2, 3)] {
        let at = json!({"textDocument": {"uri": index_uri}, "position": {"line": line, "character": character}});
        assert_eq!(client.request("textDocument/prepareRename", at).await, Value::Null);
    }
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_without_resource_operations_get_no_file_rename() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = Client::in_process(Value::Null);
    let init = client.initialize(editing_client_params(&root, false)).await;
    let filters = &init["capabilities"]["workspace"]["fileOperations"]["willRename"]["filters"];
    assert_eq!(filters[0]["pattern"]["glob"], "**/*.txt", "{init}");
    assert!(filters.as_array().is_some_and(|f| f.iter().any(|f| f["pattern"]["glob"] == "**/*.vtt")), "{init}");
    assert_eq!(init["capabilities"]["renameProvider"]["prepareProvider"], true);
    let index_uri = uri(&corpus.join("INDEX.md"));
    let at = json!({"textDocument": {"uri": index_uri}, "position": {"line": 4, "character": 30}});
    assert_eq!(client.request("textDocument/prepareRename", at).await, Value::Null);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_corpus_completes_the_newest_first_and_says_the_list_is_incomplete() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    let corpus = root.join("seeds");
    std::fs::create_dir(&corpus).expect("mkdir");
    for i in 0..600 {
        let (year, day) = (2000 + i / 100, 1 + i % 28);
        let text = format!(" date {year}-01-{day:02} Source: Test\n\nSpeech number {i} begins here.\n");
        std::fs::write(corpus.join(format!("s{i:03}.txt")), text).expect("write");
    }
    std::fs::write(corpus.join("INDEX.md"), "# Index\n").expect("write");
    let client = start(editing_client_params(&root, true)).await;
    let index_uri = uri(&corpus.join("INDEX.md"));
    let text = "# Index\n- [New](";
    client.open(&index_uri, text).await;
    let params = json!({"textDocument": {"uri": index_uri}, "position": {"line": 1, "character": 8}});
    let found = client.request("textDocument/completion", params).await;
    assert_eq!(found["isIncomplete"], true);
    let items = found["items"].as_array().expect("items");
    assert_eq!(items.len(), 500);
    // The newest (2005-01-28, s599 and others of that day) come first.
    assert_eq!(items[0]["detail"].as_str().map(|d| &d[..10]), Some("2005-01-28"), "{}", items[0]);
    assert!(items[0]["detail"].as_str().is_some_and(|d| d.contains("Speech number")), "{}", items[0]);
    client.shutdown().await;
}
