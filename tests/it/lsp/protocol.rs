//! Protocol tests: the server runs in-process over `tokio::io::duplex` with
//! real `Content-Length` framing, and the kit's client (tests/kit) drives it
//! the way editors do: negotiation, outlines, navigation, hover, workspace
//! symbols, unknown documents. The corpus is `kit::corpus::protocol_corpus`.

use std::path::Path;

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::corpus::{EMOJI, INDEX, PUTIN, SEED, protocol_corpus};
use crate::kit::proto::{
    HELIX, NEOVIM, at, find, pos, real_client_params, render_location, render_locations, start, uri, utf16_only_params,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the shared corpora (see CONTRIBUTING.md)"]
async fn negotiates_utf8_with_real_clients_and_utf16_with_vscode() {
    let (_dir, root) = protocol_corpus();
    for file in [HELIX, NEOVIM] {
        let params = real_client_params(file, &root);
        let client = Client::in_process(Value::Null);
        let result = client.request("initialize", params).await;
        assert_eq!(result["capabilities"]["positionEncoding"], "utf-8", "{file}");
        assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync for {file}");
        for cap in [
            "documentSymbolProvider",
            "definitionProvider",
            "referencesProvider",
            "hoverProvider",
            "workspaceSymbolProvider",
        ] {
            assert_eq!(result["capabilities"][cap], true, "{cap} for {file}");
        }
        assert!(result["capabilities"]["documentLinkProvider"].is_object());
        client.notify("initialized", json!({})).await;
        // Helix offers dynamic registration of file watching; Neovim does not.
        let symbols = client.request("workspace/symbol", json!({"query": "Interior"})).await;
        assert!(symbols.as_array().is_some_and(|a| !a.is_empty()), "{file}: {symbols}");
        let registered = client.server_requests().iter().any(|r| r["method"] == "client/registerCapability");
        assert_eq!(registered, file.starts_with("helix"), "{file} registration");
        client.shutdown().await;
    }
    negotiates_utf16_with_vscode(&root).await;
}

/// The VS Code half of the test above, which needs no shared data.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negotiates_utf16_with_a_vscode_like_client() {
    let (_dir, root) = protocol_corpus();
    negotiates_utf16_with_vscode(&root).await;
}

async fn negotiates_utf16_with_vscode(root: &Path) {
    let client = Client::in_process(Value::Null);
    let result = client.request("initialize", utf16_only_params(root)).await;
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outline_of_seed_transcript_and_index() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = start(utf16_only_params(&root)).await;
    let seed_uri = uri(&corpus.join(SEED));
    let seed_text = std::fs::read_to_string(corpus.join(SEED)).expect("seed");
    client.open(&seed_uri, &seed_text).await;
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": seed_uri}})).await;
    let symbols = symbols.as_array().expect("hierarchical symbols");
    assert_eq!(symbols[0]["name"], "2021-03-03", "the header comes first");
    assert_eq!(symbols[0]["detail"], "President of Russia – The Kremlin – English");
    // The header line in UTF-16: the two en dashes are one unit each.
    let header_line = seed_text.lines().next().unwrap_or("");
    assert_eq!(symbols[0]["range"]["end"]["character"], header_line.encode_utf16().count());
    let mut names = Vec::new();
    collect_names(symbols, &mut names);
    assert!(names.iter().any(|n| n == PUTIN), "a turn named after the speaker: {names:?}");

    // INDEX.md is not opened: it is answered from the corpus on disk.
    let index_uri = uri(&corpus.join("INDEX.md"));
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": index_uri}})).await;
    let mut rendered = String::new();
    render_tree(&symbols, 0, &mut rendered);
    expect_test::expect![[r#"
        Speeches 0:0-8:63
          2021 2:0-5:43
            2021-03-03 Expanded meeting of the Interior Ministry Board 3:0-3:115
            2021-03-04 Studio talk 4:0-4:45
            2022-01-01 Not written yet 5:0-5:43
          Again 7:0-8:63
            Interior Ministry, listed twice 8:0-8:63
    "#]]
    .assert_eq(&rendered);
    client.shutdown().await;
}

fn collect_names(symbols: &[Value], out: &mut Vec<String>) {
    for s in symbols {
        out.push(s["name"].as_str().unwrap_or("").to_string());
        let (r, sel) = (&s["range"], &s["selectionRange"]);
        let key = |p: &Value| (p["line"].as_u64(), p["character"].as_u64());
        assert!(key(&sel["start"]) >= key(&r["start"]) && key(&sel["end"]) <= key(&r["end"]), "{s}");
        if let Some(children) = s["children"].as_array() {
            collect_names(children, out);
        }
    }
}

fn render_tree(symbols: &Value, depth: usize, out: &mut String) {
    for s in symbols.as_array().into_iter().flatten() {
        let r = &s["range"];
        out.push_str(&format!(
            "{}{} {}:{}-{}:{}\n",
            "  ".repeat(depth),
            s["name"].as_str().unwrap_or(""),
            r["start"]["line"],
            r["start"]["character"],
            r["end"]["line"],
            r["end"]["character"]
        ));
        render_tree(&s["children"], depth + 1, out);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_references_links_and_hover() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = start(utf16_only_params(&root)).await;
    let index_uri = uri(&corpus.join("INDEX.md"));
    let seed_uri = uri(&corpus.join(SEED));
    let emoji_uri = uri(&corpus.join("emoji.txt"));
    client.open(&index_uri, INDEX).await;

    // INDEX.md entry -> the transcript's header line.
    let def = client.request("textDocument/definition", at(&index_uri, 3, 20)).await;
    let seed_header = std::fs::read_to_string(corpus.join(SEED)).expect("seed");
    let header_units = seed_header.lines().next().unwrap_or("").encode_utf16().count();
    assert_eq!(render_locations(&def, &corpus), format!("{SEED} 0:0-0:{header_units}"));
    // A dead link goes nowhere.
    let def = client.request("textDocument/definition", at(&index_uri, 5, 25)).await;
    assert_eq!(def, Value::Null);

    // Header line -> every INDEX.md entry listing the transcript.
    let def = client.request("textDocument/definition", at(&seed_uri, 0, 3)).await;
    expect_test::expect![[r#"
        INDEX.md 3:13-3:88
        INDEX.md 8:2-8:63"#]]
    .assert_eq(&render_locations(&def, &corpus));
    let refs = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": seed_uri}, "position": pos(0, 3), "context": {"includeDeclaration": false}}),
        )
        .await;
    assert_eq!(render_locations(&refs, &corpus), render_locations(&def, &corpus));

    // Speaker label -> every turn of that speaker across the corpus.
    let (line, _, col16) = find(EMOJI, PUTIN);
    let refs = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": emoji_uri}, "position": pos(line, col16 + 5), "context": {"includeDeclaration": true}}),
        )
        .await;
    let rendered = render_locations(&refs, &corpus);
    assert!(rendered.contains(&format!("emoji.txt {line}:0-{line}:{}", PUTIN.len())), "{rendered}");
    assert!(rendered.lines().filter(|l| l.starts_with(SEED)).count() >= 1, "{rendered}");

    // Links: only those that resolve, dead ones get no target.
    let links = client.request("textDocument/documentLink", json!({"textDocument": {"uri": index_uri}})).await;
    let targets: Vec<String> = links
        .as_array()
        .expect("links")
        .iter()
        .map(|l| {
            format!(
                "{} -> {}",
                l["range"]["start"]["line"],
                l["target"].as_str().unwrap_or("none").rsplit('/').next().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(targets, [format!("3 -> {SEED}"), "4 -> emoji.txt".to_string(), format!("8 -> {SEED}")]);

    // Hover on an entry and on a header line: the speech at a glance.
    let hover = client.request("textDocument/hover", at(&index_uri, 3, 2)).await;
    let md = hover["contents"]["value"].as_str().expect("markdown hover");
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(md.contains("Expanded meeting of the Interior Ministry Board"), "{md}");
    assert!(md.contains("2021-03-03") && md.contains("The Kremlin"), "{md}");
    assert!(md.contains(PUTIN) && md.contains('%') && md.contains("Words:"), "{md}");
    let hover = client.request("textDocument/hover", at(&emoji_uri, 0, 10)).await;
    let md = hover["contents"]["value"].as_str().expect("markdown hover");
    assert!(md.contains("Studio talk") && md.contains("Moderator") && md.contains("Turns: 2"), "{md}");
    let hover = client.request("textDocument/hover", at(&index_uri, 5, 5)).await;
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("missing.txt"), "{hover}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_symbols_find_speeches_speakers_and_turns() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = start(utf16_only_params(&root)).await;
    let found = client.request("workspace/symbol", json!({"query": "interior board"})).await;
    let names: Vec<&str> = found.as_array().expect("symbols").iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names.first().copied(), Some("2021-03-03 Expanded meeting of the Interior Ministry Board"), "{names:?}");
    let found = client.request("workspace/symbol", json!({"query": "vladimir"})).await;
    let list = found.as_array().expect("symbols");
    let speaker = list.iter().filter(|s| s["name"] == PUTIN && s["containerName"] == "speaker").count();
    assert_eq!(speaker, 1, "the speaker once: {found}");
    let turns: Vec<String> = list
        .iter()
        .filter(|s| s["name"] == PUTIN && s["containerName"] != "speaker")
        .map(|s| render_location(&s["location"], &corpus))
        .collect();
    assert!(turns.iter().any(|t| t.starts_with("emoji.txt")) && turns.iter().any(|t| t.starts_with(SEED)), "{turns:?}");
    let everything = client.request("workspace/symbol", json!({"query": ""})).await;
    assert!(everything.as_array().map_or(0, Vec::len) <= 200);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_documents_get_empty_answers() {
    let (_dir, root) = protocol_corpus();
    let client = start(utf16_only_params(&root)).await;
    let ghost = uri(&root.join("seeds/never-there.txt"));
    let outside = "file:///nonexistent/dir/INDEX.md";
    for u in [ghost.as_str(), outside, "untitled:Untitled-1"] {
        for (method, params) in [
            ("textDocument/documentSymbol", json!({"textDocument": {"uri": u}})),
            ("textDocument/hover", at(u, 0, 0)),
            ("textDocument/definition", at(u, 0, 0)),
            ("textDocument/documentLink", json!({"textDocument": {"uri": u}})),
            (
                "textDocument/references",
                json!({"textDocument": {"uri": u}, "position": pos(0, 0), "context": {"includeDeclaration": true}}),
            ),
        ] {
            let reply = client.request_raw(method, params).await;
            assert!(reply.get("error").is_none(), "{method} {u}: {reply}");
            let result = &reply["result"];
            assert!(result.is_null() || result == &json!([]), "{method} {u}: {result}");
        }
        // A change for a document that was never opened is ignored.
        client
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [{"text": "x"}]}),
            )
            .await;
    }
    // Other files the client may send (markdown besides INDEX.md) get nothing.
    let readme = uri(&root.join("seeds/README.md"));
    client.open(&readme, "# Notes\n\nModerator: not a transcript\n").await;
    let outline = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": readme}})).await;
    assert_eq!(outline, Value::Null);
    let reply = client.request_raw("workspace/symbol", json!({"query": "Interior"})).await;
    assert!(reply["result"].as_array().is_some_and(|a| !a.is_empty()), "server still answers: {reply}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transcript_outside_any_corpus_gets_outline_and_hover() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().canonicalize().expect("canonical");
    let client = start(utf16_only_params(&root)).await;
    let loose = uri(&root.join("loose.txt"));
    client.open(&loose, EMOJI).await;
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": loose}})).await;
    assert_eq!(symbols[0]["name"], "2021-03-04");
    let hover = client.request("textDocument/hover", at(&loose, 0, 2)).await;
    assert!(hover["contents"]["value"].as_str().unwrap_or("").contains("Moderator"), "{hover}");
    let refs = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": loose}, "position": pos(4, 2), "context": {"includeDeclaration": true}}),
        )
        .await;
    assert_eq!(refs.as_array().map_or(0, Vec::len), 1, "the speaker's one turn in this file: {refs}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_documents_get_diagnostics_that_follow_edits() {
    let (_dir, root) = protocol_corpus();
    let corpus = root.join("seeds");
    let client = start(utf16_only_params(&root)).await;
    let index_uri = uri(&corpus.join("INDEX.md"));
    client.open(&index_uri, INDEX).await;
    let diags = client.wait_for_diagnostics(&index_uri, |d| !d.is_empty()).await;
    let dead: Vec<&Value> =
        diags.iter().filter(|d| d["message"].as_str().unwrap_or("").contains("missing.txt")).collect();
    assert_eq!(dead.len(), 1, "the dead link is reported: {diags:?}");
    assert_eq!(dead[0]["range"]["start"]["line"], 5);
    assert_eq!(dead[0]["source"], "speech-ls");
    // Removing the dead entry in the editor clears its diagnostic.
    let change = json!({"range": {"start": pos(5, 0), "end": pos(6, 0)}, "text": ""});
    let params = json!({"textDocument": {"uri": index_uri, "version": 2}, "contentChanges": [change]});
    client.notify("textDocument/didChange", params).await;
    client
        .wait_for_diagnostics(&index_uri, |d| {
            !d.iter().any(|x| x["message"].as_str().unwrap_or("").contains("missing.txt"))
        })
        .await;
    client.shutdown().await;
}
