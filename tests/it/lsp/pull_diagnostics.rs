//! Protocol tests of pull diagnostics and of settings changes: the
//! `workspace/diagnostic` report over every corpus file (open or not), result
//! ids that let an unchanged file be answered `unchanged` (per document and
//! per workspace), and `didChangeConfiguration` refreshing what the client
//! shows (inlay hints, diagnostics, ...) without reloading the corpora unless
//! the corpus folder changed. A client that pulls but cannot be told to pull
//! again (Neovim 0.11) gets diagnostics pushed instead; and a real corpus
//! with a broken INDEX.md shows every finding through the workspace pull.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::kit::client::{Client, TIMEOUT};
use crate::kit::corpus::protocol_corpus;
use crate::kit::data::data;
use crate::kit::proto::{NEOVIM, editing_client_params, real_client_params, start, uri};

/// An INDEX.md with one of each INDEX.md problem: a date that disagrees with
/// the transcript's header (emoji.txt says 2021-03-04), a dead link, and a
/// transcript listed twice.
const INDEX: &str = "\
# Speeches

## 2021
- 2021-03-03 [Expanded meeting of the Interior Ministry Board](000_dfd047e8c9417aac.txt)
- 2021-03-05 [Studio talk](emoji.txt)
- 2022-01-01 [Not written yet](missing.txt)
- [Listed twice](./000_dfd047e8c9417aac.txt)
";

const UNLISTED: &str = " date 2021-05-01 Source: Test – English\n\nModerator: Good morning.\n";
const UNDATED: &str = "Moderator: This transcript has no header line.\n";

/// The fixture corpus with the INDEX.md above, an unlisted transcript and
/// an unlisted one without a header, none of them opened.
fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = protocol_corpus();
    std::fs::write(root.join("seeds/INDEX.md"), INDEX).expect("write INDEX.md");
    std::fs::write(root.join("seeds/unlisted.txt"), UNLISTED).expect("write unlisted.txt");
    std::fs::write(root.join("seeds/undated.txt"), UNDATED).expect("write undated.txt");
    (dir, root)
}

/// A VS Code-like client that pulls diagnostics and takes every refresh.
fn pulling_client_params(root: &Path) -> Value {
    let mut init = editing_client_params(root, true);
    init["capabilities"]["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    let ws = &mut init["capabilities"]["workspace"];
    ws["diagnostics"] = json!({"refreshSupport": true});
    ws["inlayHint"] = json!({"refreshSupport": true});
    ws["semanticTokens"] = json!({"refreshSupport": true});
    ws["codeLens"] = json!({"refreshSupport": true});
    init["capabilities"]["window"] = json!({"workDoneProgress": true});
    init
}

/// One line per report: the file (relative to the corpus), the kind, and
/// the diagnostic codes; sorted by file.
fn render(report: &Value, corpus: &Path) -> String {
    let prefix = uri(corpus) + "/";
    let mut lines: Vec<String> = report["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|item| {
            let file = item["uri"].as_str().unwrap_or("?").replace(&prefix, "");
            let codes: Vec<&str> =
                item["items"].as_array().into_iter().flatten().filter_map(|d| d["code"].as_str()).collect();
            let version = if item["version"].is_null() { String::new() } else { format!(" v{}", item["version"]) };
            format!("{file}{version} {} [{}]", item["kind"].as_str().unwrap_or("?"), codes.join(" "))
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

/// The `previousResultIds` a client sends after receiving `report`.
fn result_ids(report: &Value) -> Value {
    let ids: Vec<Value> = report["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|item| json!({"uri": item["uri"], "value": item["resultId"]}))
        .collect();
    Value::Array(ids)
}

async fn pull_workspace(client: &Client, previous: Value) -> Value {
    client.request("workspace/diagnostic", json!({"previousResultIds": previous})).await
}

/// Waits until the server has sent a request with `method` at least `count`
/// times; panics after the tests' timeout.
async fn wait_for_requests(client: &Client, method: &str, count: usize) {
    let start = Instant::now();
    while requests_named(client, method) < count {
        assert!(start.elapsed() < TIMEOUT, "fewer than {count} {method} requests from the server");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn requests_named(client: &Client, method: &str) -> usize {
    client.server_requests().iter().filter(|r| r["method"] == method).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_diagnostics_cover_files_nobody_opened() {
    let (_dir, root) = setup();
    let corpus = root.join("seeds");
    let client = Client::in_process(Value::Null);
    let init = client.initialize(pulling_client_params(&root)).await;
    assert_eq!(init["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"], true);

    let report = pull_workspace(&client, json!([])).await;
    expect_test::expect![[r#"
        INDEX.md full [unlisted-summary date-mismatch dead-link duplicate-entry]
        undated.txt full [header-missing unlisted]
        unlisted.txt full [unlisted]"#]]
    .assert_eq(&render(&report, &corpus));

    // The same ids sent back: nothing changed, nothing is resent.
    let again = pull_workspace(&client, result_ids(&report)).await;
    expect_test::expect![[r#"
        INDEX.md unchanged []
        undated.txt unchanged []
        unlisted.txt unchanged []"#]]
    .assert_eq(&render(&again, &corpus));
    assert_eq!(result_ids(&again), result_ids(&report), "unchanged reports keep their ids");

    // The user lists both transcripts in the editor (unsaved): INDEX.md is
    // reported from the buffer, with its version; the two transcripts are
    // no longer unlisted, so one is cleared and the other keeps only its
    // own problem.
    let index_uri = uri(&corpus.join("INDEX.md"));
    let listed = format!("{INDEX}- 2021-05-01 [Morning](unlisted.txt)\n- [No header](undated.txt)\n");
    client.open(&index_uri, &listed).await;
    let after = pull_workspace(&client, result_ids(&report)).await;
    expect_test::expect![[r#"
        INDEX.md v1 full [date-mismatch dead-link duplicate-entry]
        undated.txt full [header-missing]
        unlisted.txt full []"#]]
    .assert_eq(&render(&after, &corpus));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_diagnostics_honour_the_switches() {
    let (_dir, root) = setup();
    let mut init = pulling_client_params(&root);
    init["initializationOptions"] = json!({"diagnostics": {"unlisted": false, "dead-link": false}});
    let client = start(init).await;
    let report = pull_workspace(&client, json!([])).await;
    expect_test::expect![[r#"
        INDEX.md full [unlisted-summary date-mismatch duplicate-entry]
        undated.txt full [header-missing]"#]]
    .assert_eq(&render(&report, &root.join("seeds")));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_diagnostics_include_open_files_outside_the_corpora() {
    let (_dir, root) = setup();
    let client = start(pulling_client_params(&root)).await;
    // A transcript opened from the workspace folder, outside `seeds/`: no
    // INDEX.md judges it, but its own header problem is still reported.
    let loose_uri = uri(&root.join("loose.txt"));
    client.open(&loose_uri, UNDATED).await;
    let report = pull_workspace(&client, json!([])).await;
    let loose: Vec<&Value> =
        report["items"].as_array().into_iter().flatten().filter(|i| i["uri"] == loose_uri).collect();
    assert_eq!(loose.len(), 1, "{report}");
    assert_eq!(loose[0]["version"], 1);
    let codes: Vec<&str> =
        loose[0]["items"].as_array().into_iter().flatten().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes, ["header-missing"]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_diagnostics_carry_result_ids() {
    let (_dir, root) = setup();
    let index_uri = uri(&root.join("seeds/INDEX.md"));
    let client = start(pulling_client_params(&root)).await;
    let pull = async |client: &Client, previous: Option<&str>| {
        let mut params = json!({"textDocument": {"uri": index_uri}});
        if let Some(id) = previous {
            params["previousResultId"] = json!(id);
        }
        client.request("textDocument/diagnostic", params).await
    };
    let first = pull(&client, None).await;
    assert_eq!(first["kind"], "full");
    assert_eq!(first["items"].as_array().map_or(0, Vec::len), 4, "{first}");
    let id = first["resultId"].as_str().expect("a result id").to_string();

    let same = pull(&client, Some(&id)).await;
    assert_eq!(same, json!({"kind": "unchanged", "resultId": id}));
    let stale = pull(&client, Some("not-an-id-we-gave")).await;
    assert_eq!(stale["kind"], "full");
    assert_eq!(stale["items"], first["items"]);

    // The workspace answer gives this file the same id: a client may mix
    // the two requests.
    let workspace = pull_workspace(&client, json!([])).await;
    let listed = workspace["items"].as_array().into_iter().flatten().find(|i| i["uri"] == index_uri);
    assert_eq!(listed.map(|i| i["resultId"].clone()), Some(json!(id)));

    // An edit that changes the diagnostics changes the id.
    client.open(&index_uri, &INDEX.replace("2021-03-05", "2021-03-04")).await;
    let edited = pull(&client, Some(&id)).await;
    assert_eq!(edited["kind"], "full");
    assert_ne!(edited["resultId"], json!(id));
    let codes: Vec<&str> =
        edited["items"].as_array().into_iter().flatten().filter_map(|d| d["code"].as_str()).collect();
    assert!(!codes.contains(&"date-mismatch"), "{codes:?}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_settings_change_refreshes_the_client_and_reloads_only_for_a_new_corpus() {
    let (_dir, root) = setup();
    let seed_uri = uri(&root.join("seeds/000_dfd047e8c9417aac.txt"));
    let client = start(pulling_client_params(&root)).await;
    // Every load is followed by a theme build the client sees as progress.
    const PROGRESS: &str = "window/workDoneProgress/create";
    wait_for_requests(&client, PROGRESS, 1).await;
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 9999, "character": 0}});
    let hints = async |client: &Client| {
        let params = json!({"textDocument": {"uri": seed_uri}, "range": whole});
        client.request("textDocument/inlayHint", params).await.as_array().map_or(0, Vec::len)
    };
    assert_eq!(hints(&client).await, 0, "inlay hints are off by default");

    // Inlay hints on: the client is told to ask again, and gets hints.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"speech-ls": {"inlayHints": true}}})).await;
    wait_for_requests(&client, "workspace/inlayHint/refresh", 1).await;
    assert!(hints(&client).await > 0, "hints after the refresh");

    // A kind of diagnostic off: the diagnostics are pulled again.
    let settings = json!({"speech-ls": {"inlayHints": true, "diagnostics": {"unlisted": false}}});
    client.notify("workspace/didChangeConfiguration", json!({"settings": settings})).await;
    wait_for_requests(&client, "workspace/diagnostic/refresh", 1).await;
    let report = pull_workspace(&client, json!([])).await;
    assert!(!report.to_string().contains("\"unlisted\""), "{report}");

    // Neither change touched the corpus: nothing was loaded again, and
    // nothing unrelated was refreshed.
    assert_eq!(requests_named(&client, PROGRESS), 1, "a settings change reloaded the corpora");
    assert_eq!(requests_named(&client, "workspace/semanticTokens/refresh"), 0);
    assert_eq!(requests_named(&client, "workspace/codeLens/refresh"), 0);
    assert_eq!(requests_named(&client, "workspace/inlayHint/refresh"), 1);

    // A corpus folder named: loaded again, everything refreshed.
    let settings = json!({"speech-ls": {"corpus": "seeds", "inlayHints": true, "diagnostics": {"unlisted": false}}});
    client.notify("workspace/didChangeConfiguration", json!({"settings": settings})).await;
    wait_for_requests(&client, "workspace/codeLens/refresh", 1).await;
    wait_for_requests(&client, "workspace/semanticTokens/refresh", 1).await;
    wait_for_requests(&client, "workspace/inlayHint/refresh", 2).await;
    wait_for_requests(&client, "workspace/diagnostic/refresh", 2).await;
    wait_for_requests(&client, PROGRESS, 2).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushed_diagnostics_follow_a_switch_without_reopening() {
    let (_dir, root) = setup();
    let index_uri = uri(&root.join("seeds/INDEX.md"));
    let client = start(editing_client_params(&root, true)).await;
    client.open(&index_uri, INDEX).await;
    let has = |code: &'static str| move |d: &[Value]| d.iter().any(|x| x["code"] == code);
    client.wait_for_diagnostics(&index_uri, has("dead-link")).await;
    let settings = json!({"speech-ls": {"diagnostics": {"dead-link": false}}});
    client.notify("workspace/didChangeConfiguration", json!({"settings": settings})).await;
    let diags = client.wait_for_diagnostics(&index_uri, |d| !d.is_empty() && !has("dead-link")(d)).await;
    assert!(has("duplicate-entry")(&diags), "{diags:?}");
    // This client takes no refresh requests: none was sent.
    let sent = client.server_requests().iter().any(|r| r["method"].as_str().is_some_and(|m| m.ends_with("/refresh")));
    assert!(!sent, "a refresh request went to a client that does not take them");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
async fn a_client_that_cannot_be_told_to_pull_again_gets_diagnostics_pushed() {
    let (_dir, root) = setup();
    // Neovim 0.11 pulls, but only for the buffer it just changed, and takes
    // no refresh: pull is not offered to it, and diagnostics are pushed.
    let neovim = real_client_params(NEOVIM, &root);
    assert!(neovim["capabilities"]["textDocument"]["diagnostic"].is_object(), "the captured client pulls");
    let client = Client::in_process(Value::Null);
    let init = client.initialize(neovim).await;
    assert!(init["capabilities"]["diagnosticProvider"].is_null(), "{}", init["capabilities"]);

    let unlisted_uri = uri(&root.join("seeds/unlisted.txt"));
    let index_uri = uri(&root.join("seeds/INDEX.md"));
    client.open(&unlisted_uri, UNLISTED).await;
    let has_unlisted = |d: &[Value]| d.iter().any(|x| x["code"] == "unlisted");
    client.wait_for_diagnostics(&unlisted_uri, has_unlisted).await;
    // Listing it in INDEX.md (another buffer) clears the transcript's warning.
    client.open(&index_uri, &format!("{INDEX}- 2021-05-01 [Morning](unlisted.txt)\n")).await;
    client.wait_for_diagnostics(&unlisted_uri, |d| d.is_empty()).await;
    client.shutdown().await;
}

/// 300 real Kremlin transcripts with an INDEX.md built by the server's own
/// index builder, then broken (one dead link, one duplicate, one wrong date,
/// one entry dropped): the workspace answer holds every one of those
/// findings and no other (these transcripts' headers are sound, and a
/// freshly built index is clean). The time is printed (`--nocapture`), not
/// asserted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
async fn workspace_diagnostics_on_a_real_corpus() {
    use speech_ls::corpus::index_edit::build_index;
    use speech_ls::corpus::{Corpus, FileAnalysis};

    let source = data("kremlin-dev");
    let read = std::fs::read_dir(&source).unwrap_or_else(|e| panic!("cannot list {}: {e}", source.display()));
    let mut names: Vec<String> =
        read.filter_map(|e| e.ok()?.file_name().into_string().ok()).filter(|n| n.ends_with(".txt")).collect();
    names.sort();
    names.truncate(300);
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    let mut corpus = Corpus::new();
    let mut texts = std::collections::HashMap::new();
    for name in &names {
        let bytes = std::fs::read(source.join(name)).expect("read a transcript");
        std::fs::write(root.join(name), &bytes).expect("copy a transcript");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        corpus.insert(FileAnalysis::analyze(name, &text));
        texts.insert(name.clone(), text);
    }
    let built = build_index(&corpus, &|p: &str| texts.get(p).cloned());
    let entries: Vec<&str> = built.lines().filter(|l| l.starts_with("- ") && l.contains(".txt)")).collect();
    assert!(entries.len() > 40, "a built index lists the transcripts");
    let (dead, dated, twice, dropped) = (entries[10], entries[20], entries[30], entries[40]);
    let mut broken = String::new();
    for line in built.lines() {
        match line {
            l if l == dead => broken.push_str(&l.replacen(".txt)", "_gone.txt)", 1)),
            l if l == dated => broken.push_str(&format!("- 1987-01-01{}", l.get(12..).unwrap_or_default())),
            l if l == twice => broken.push_str(&format!("{l}\n{l}")),
            l if l == dropped => continue,
            l => broken.push_str(l),
        }
        broken.push('\n');
    }
    std::fs::write(root.join("INDEX.md"), &broken).expect("write INDEX.md");

    let client = Client::in_process(Value::Null);
    client.initialize(pulling_client_params(&root)).await;
    let started = Instant::now();
    let report = pull_workspace(&client, json!([])).await;
    let mut found: Vec<String> = report["items"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|item| {
            let file = item["uri"].as_str().unwrap_or("?").rsplit('/').next().unwrap_or("?").to_string();
            let codes: Vec<String> = item["items"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|d| format!("{file} {}", d["code"].as_str().unwrap_or("?")))
                .collect();
            codes
        })
        .collect();
    found.sort();
    // The Kremlin pages really misspell some speakers ("Kirill Kleimenov"
    // beside "Kirill Kleymenov"): those diagnostics are the speakers' tests'
    // business; this test is about the index's problems.
    found.retain(|d| !d.ends_with(" speaker-near-duplicate"));
    eprintln!(
        "workspace/diagnostic over {} files: {} diagnostics in {:?}",
        names.len() + 1,
        found.len(),
        started.elapsed()
    );
    // The dead link's file and the dropped entry's file are both unlisted.
    let file_of = |entry: &str| entry.rsplit_once("](").map(|(_, f)| f.trim_end_matches(')').to_string());
    let mut want: Vec<String> = ["INDEX.md dead-link", "INDEX.md date-mismatch", "INDEX.md duplicate-entry"]
        .into_iter()
        .map(String::from)
        .chain(["INDEX.md unlisted-summary".to_string()])
        .chain([dead, dropped].iter().filter_map(|e| file_of(e)).map(|f| format!("{f} unlisted")))
        .collect();
    want.sort();
    assert_eq!(found, want);
    client.shutdown().await;
}

/// A transcript renamed outside the editor: the old name's "not listed"
/// warning is cleared in the next workspace report, not left as a ghost
/// (seen in a real VS Code), and the new name carries it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_renamed_transcript_leaves_no_ghost_diagnostic_under_its_old_name() {
    let (_dir, root) = setup();
    let corpus = root.join("seeds");
    let client = Client::in_process(Value::Null);
    client.initialize(pulling_client_params(&root)).await;
    let before = pull_workspace(&client, json!([])).await;
    assert!(render(&before, &corpus).contains("unlisted.txt full [unlisted]"));

    let (old, new) = (corpus.join("unlisted.txt"), corpus.join("renamed.txt"));
    std::fs::rename(&old, &new).expect("rename on disk");
    let event = json!({"changes": [{"uri": uri(&old), "type": 3}, {"uri": uri(&new), "type": 1}]});
    client.notify("workspace/didChangeWatchedFiles", event).await;
    let deadline = Instant::now() + TIMEOUT;
    let after = loop {
        let report = render(&pull_workspace(&client, result_ids(&before)).await, &corpus);
        if report.contains("renamed.txt") || Instant::now() > deadline {
            break report;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(after.contains("unlisted.txt full []"), "the old name is cleared:\n{after}");
    assert!(after.contains("renamed.txt full [unlisted]"), "the new name is warned about:\n{after}");
    client.shutdown().await;
}
