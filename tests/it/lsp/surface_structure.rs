//! Protocol tests of the transcript surface: folding ranges, selection
//! ranges, semantic tokens (decoded back to text), the header's code lens,
//! inlay hints (off by default, on by setting) and pull diagnostics (with a
//! kind turned off by code).

use serde_json::{Value, json};

use crate::kit::client::Client;
use crate::kit::corpus::protocol_corpus;
use crate::kit::edits::offset_of;
use crate::kit::proto::{editing_client_params, find, start, uri};

/// Lead, two parts (a separator, then an editorial heading), turns over
/// several paragraphs, a stage note, and an en dash in the header.
const SPEECH: &str = " date 2022-05-09 Source: Kremlin – English

The President attended the parade. He then met veterans.

Vladimir Putin: Dear veterans,

Comrades, I congratulate you. Glory to the heroes.

(Applause.)

* * *

Beginning of meeting with veterans

Veteran Ivan Petrov: Thank you, Mr President.

Vladimir Putin: Thank you.
";

fn setup() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (dir, root) = protocol_corpus();
    std::fs::write(root.join("seeds/speech.txt"), SPEECH).expect("write speech.txt");
    let speech_uri = uri(&root.join("seeds/speech.txt"));
    (dir, root, speech_uri)
}

fn line_of(text: &str, needle: &str) -> u32 {
    text[..text.find(needle).unwrap_or(0)].matches('\n').count() as u32
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn folding_and_selection_ranges() {
    let (_dir, root, speech_uri) = setup();
    let client = start(editing_client_params(&root, true)).await;
    client.open(&speech_uri, SPEECH).await;
    let folds = client.request("textDocument/foldingRange", json!({"textDocument": {"uri": speech_uri}})).await;
    let shown: Vec<String> = folds
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| format!("{}-{} {}", f["startLine"], f["endLine"], f["kind"].as_str().unwrap_or("")))
        .collect();
    // Part 1 is Putin's first turn (4-8, folded once), part 2 starts at the
    // editorial heading (12-16); one-line turns and the lead do not fold.
    expect_test::expect![[r#"
        4-8 region
        12-16 region"#]]
    .assert_eq(&shown.join("\n"));

    // Cursor in "I congratulate": sentence, paragraph, turn (= part 1), speech.
    let line = line_of(SPEECH, "Comrades, I");
    let params = json!({"textDocument": {"uri": speech_uri}, "positions": [{"line": line, "character": 12}]});
    let ranges = client.request("textDocument/selectionRange", params).await;
    let mut chain = Vec::new();
    let mut node = &ranges[0];
    while node.is_object() {
        let r = &node["range"];
        let (a, b) = (offset_of(SPEECH, &r["start"]), offset_of(SPEECH, &r["end"]));
        let text = SPEECH[a..b].replace('\n', "⏎");
        chain.push(if text.chars().count() > 60 {
            format!("{}…", text.chars().take(60).collect::<String>())
        } else {
            text
        });
        node = &node["parent"];
    }
    expect_test::expect![[r#"
        Comrades, I congratulate you.
        Comrades, I congratulate you. Glory to the heroes.
        Vladimir Putin: Dear veterans,⏎⏎Comrades, I congratulate you…
        The President attended the parade. He then met veterans.⏎⏎Vl…"#]]
    .assert_eq(&chain.join("\n"));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_decode_to_the_marked_text() {
    let (_dir, root, speech_uri) = setup();
    let client = start(editing_client_params(&root, true)).await;
    let init = Client::in_process(Value::Null).request("initialize", editing_client_params(&root, true)).await;
    let legend = &init["capabilities"]["semanticTokensProvider"]["legend"];
    let types: Vec<String> =
        legend["tokenTypes"].as_array().into_iter().flatten().map(|t| t.as_str().unwrap_or("").to_string()).collect();
    assert_eq!(types, ["number", "string", "class", "keyword", "comment"]);
    let tokens = client.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": speech_uri}})).await;
    let data: Vec<u64> = tokens["data"].as_array().into_iter().flatten().filter_map(Value::as_u64).collect();
    assert_eq!(data.len() % 5, 0);
    let (mut line, mut col) = (0u64, 0u64);
    let mut shown = Vec::new();
    for t in data.chunks(5) {
        line += t[0];
        col = if t[0] == 0 { col + t[1] } else { t[1] };
        let start = offset_of(SPEECH, &json!({"line": line, "character": col}));
        let end = offset_of(SPEECH, &json!({"line": line, "character": col + t[2]}));
        let modifier = if t[4] & 1 == 1 { " +declaration" } else { "" };
        shown.push(format!("{} {:?}{modifier}", types[t[3] as usize], &SPEECH[start..end]));
    }
    // UTF-16 lengths: the en dash in the source is one unit.
    expect_test::expect![[r#"
        number "2022-05-09"
        string "Kremlin – English"
        class "Vladimir Putin" +declaration
        comment "(Applause.)"
        keyword "Beginning of meeting with veterans"
        class "Veteran Ivan Petrov" +declaration
        class "Vladimir Putin""#]]
    .assert_eq(&shown.join("\n"));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_lens_on_header_and_inlay_hints_by_setting() {
    let (_dir, root, speech_uri) = setup();
    let seed_uri = uri(&root.join("seeds/000_dfd047e8c9417aac.txt"));
    let client = start(editing_client_params(&root, true)).await;
    let lens = client.request("textDocument/codeLens", json!({"textDocument": {"uri": seed_uri}})).await;
    let command = &lens[0]["command"];
    let title = command["title"].as_str().unwrap_or("");
    assert!(title.starts_with("listed in INDEX.md:4 · "), "{title}");
    assert!(title.contains(" speaker") && title.ends_with(" words"), "{title}");
    assert_eq!(command["command"], "speech-ls.showEntry");
    assert_eq!(command["arguments"][0], uri(&root.join("seeds/INDEX.md")));
    assert_eq!(command["arguments"][1]["start"]["line"], 3);

    let lens = client.request("textDocument/codeLens", json!({"textDocument": {"uri": speech_uri}})).await;
    expect_test::expect!["not listed in INDEX.md (add it) · 2 speakers · 38 words"]
        .assert_eq(lens[0]["command"]["title"].as_str().unwrap_or(""));
    assert_eq!(lens[0]["command"]["command"], "speech-ls.updateIndex");

    // Clicking the lens: the server asks the client to show the entry.
    let args = command["arguments"].clone();
    client.request("workspace/executeCommand", json!({"command": "speech-ls.showEntry", "arguments": args})).await;
    let shown = client
        .server_requests()
        .iter()
        .any(|r| r["method"] == "window/showDocument" && r["params"]["selection"]["start"]["line"] == 3);
    assert!(shown, "window/showDocument was sent");

    // Inlay hints are off by default...
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}});
    let params = json!({"textDocument": {"uri": speech_uri}, "range": whole});
    assert_eq!(client.request("textDocument/inlayHint", params.clone()).await, json!([]));
    client.shutdown().await;

    // ...and on with the setting.
    let mut init = editing_client_params(&root, true);
    init["initializationOptions"] = json!({"inlayHints": true});
    let client = start(init).await;
    let hints = client.request("textDocument/inlayHint", params).await;
    let shown: Vec<String> = hints
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            format!("{}:{} {}", h["position"]["line"], h["position"]["character"], h["label"].as_str().unwrap_or(""))
        })
        .collect();
    expect_test::expect![[r#"
        4:14 11 words · 76% of the speech
        14:19 4 words · 24% of the speech
        16:14 2 words"#]]
    .assert_eq(&shown.join("\n"));
    client.shutdown().await;
}

/// A section's inlay hint names the same theme its hover does: both come
/// from one analysis of the buffer (the seed's long turn has three sections).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn section_hints_name_the_theme_the_hover_shows() {
    let (_dir, root, _) = setup();
    let seed_path = root.join("seeds/000_dfd047e8c9417aac.txt");
    let seed_uri = uri(&seed_path);
    let text = std::fs::read_to_string(&seed_path).expect("the seed is in the fixture");
    let mut init = editing_client_params(&root, true);
    init["initializationOptions"] = json!({"inlayHints": true});
    let client = start(init).await;
    // The corpus themes are built in the background and may change a close
    // call between two themes: compare once they are in (the INDEX.md entry's
    // hover then shows the user's tags).
    let index_path = root.join("seeds/INDEX.md");
    let index_text = std::fs::read_to_string(&index_path).expect("the fixture has an INDEX.md");
    let (line, col, _) = find(&index_text, "Expanded meeting");
    let entry = json!({"textDocument": {"uri": uri(&index_path)}, "position": {"line": line, "character": col}});
    for _ in 0..100 {
        let hover = client.request("textDocument/hover", entry.clone()).await;
        if hover["contents"]["value"].as_str().unwrap_or("").contains("Tags (INDEX.md)") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    client.open(&seed_uri, &text).await;
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 9999, "character": 0}});
    let hints =
        client.request("textDocument/inlayHint", json!({"textDocument": {"uri": seed_uri}, "range": whole})).await;
    let sections: Vec<(Value, String)> = hints
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| Some((h["position"].clone(), h["label"].as_str()?.strip_prefix("§ ")?.to_string())))
        .collect();
    assert!(sections.len() >= 2, "the seed's long turn is cut into sections: {hints}");
    for (position, label) in sections {
        let hover = client
            .request("textDocument/hover", json!({"textDocument": {"uri": seed_uri}, "position": position}))
            .await;
        let shown = hover["contents"]["value"].as_str().unwrap_or("");
        assert!(shown.contains(&label), "hint `{label}` at {position}, hover:\n{shown}");
    }
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_honour_the_switches() {
    let (_dir, root, speech_uri) = setup();
    let index_uri = uri(&root.join("seeds/INDEX.md"));
    let mut init = editing_client_params(&root, true);
    init["capabilities"]["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    init["capabilities"]["workspace"]["diagnostics"] = json!({"refreshSupport": true});
    let codes = |report: &Value| -> Vec<String> {
        assert_eq!(report["kind"], "full");
        let mut c: Vec<String> = report["items"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect();
        c.sort();
        c
    };
    let client = start(init.clone()).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": index_uri}})).await;
    assert_eq!(codes(&report), ["dead-link", "duplicate-entry", "unlisted-summary"]);
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": speech_uri}})).await;
    assert_eq!(codes(&report), ["unlisted"]);
    client.shutdown().await;

    init["initializationOptions"] = json!({"speech-ls": {"diagnostics": {"unlisted": false, "dead-link": false}}});
    let client = start(init).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": index_uri}})).await;
    assert_eq!(codes(&report), ["duplicate-entry", "unlisted-summary"]);
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": speech_uri}})).await;
    assert_eq!(codes(&report), Vec::<String>::new());
    // A client that pulls gets nothing pushed, even for open documents.
    client.open(&index_uri, &std::fs::read_to_string(root.join("seeds/INDEX.md")).expect("read")).await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let pushed = client.notifications().iter().any(|n| n["method"] == "textDocument/publishDiagnostics");
    assert!(!pushed, "diagnostics were pushed to a client that pulls");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pushed_diagnostics_honour_the_switches() {
    let (_dir, root, _) = setup();
    let index_uri = uri(&root.join("seeds/INDEX.md"));
    let mut init = editing_client_params(&root, true);
    init["initializationOptions"] = json!({"diagnostics": {"dead-link": false}});
    let client = start(init).await;
    client.open(&index_uri, &std::fs::read_to_string(root.join("seeds/INDEX.md")).expect("read")).await;
    let diags = client.wait_for_diagnostics(&index_uri, |d| !d.is_empty()).await;
    let mut codes: Vec<&str> = diags.iter().filter_map(|d| d["code"].as_str()).collect();
    codes.sort();
    assert_eq!(codes, ["duplicate-entry", "unlisted-summary"]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn long_turns_fold_and_hint_by_topical_section() {
    let (_dir, root, _) = setup();
    let seed_path = root.join("seeds/000_dfd047e8c9417aac.txt");
    let seed_uri = uri(&seed_path);
    let text = std::fs::read_to_string(&seed_path).expect("seed");
    let mut init = editing_client_params(&root, true);
    init["initializationOptions"] = json!({"inlayHints": true});
    let client = start(init).await;
    let folds_of = async |client: &Client| -> usize {
        let folds = client.request("textDocument/foldingRange", json!({"textDocument": {"uri": seed_uri}})).await;
        folds.as_array().map_or(0, Vec::len)
    };
    let closed = folds_of(&client).await;
    client.open(&seed_uri, &text).await;
    let open = folds_of(&client).await;
    assert!(open > closed, "sections add folds in an open buffer: {closed} -> {open}");

    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 9999, "character": 0}});
    let hints =
        client.request("textDocument/inlayHint", json!({"textDocument": {"uri": seed_uri}, "range": whole})).await;
    let labels: Vec<&str> = hints.as_array().into_iter().flatten().filter_map(|h| h["label"].as_str()).collect();
    let sections: Vec<&&str> = labels.iter().filter(|l| l.starts_with("§ ")).collect();
    // The seed has one long turn: its first section starts on the label's
    // line, which carries the turn's word count instead.
    assert_eq!(sections.len(), open - closed - 1, "one hint per section after a turn's first: {labels:?}");
    assert!(sections.iter().all(|l| l.chars().count() <= 43), "{sections:?}");
    assert!(labels.iter().any(|l| l.ends_with(" words")), "{labels:?}");
    client.shutdown().await;
}
