//! Typing load: incremental edits to a 40,000-word transcript at editor speed
//! (one every 20 ms) while hovers and outline requests come in. Every
//! request must be answered, diagnostics must be debounced (far fewer
//! publishes than edits), and the server's log must show no panic.
//!
//! The waits are printed, not asserted (a test asserts behaviour; the
//! latency target of 200 ms a request is the benchmark's to measure): the
//! worst and median wait, how soon the last outline follows the last edit,
//! and the peak memory. Run with `--nocapture` to see them.
//!
//! CI runs 1,000 edits (20 s); the 2,000 edits (40 s) run with
//! `SPEECH_LS_TYPING_EDITS=2000`. The transcript is the seed repeated with
//! varied speakers (about 40,000 words), so the test needs no outside data.
//! The release binary is used when it is newer than the debug one
//! (`SPEECH_LS_BIN` picks another), so the figures are those users see.

use std::time::{Duration, Instant};

use serde_json::json;
use speech_ls::corpus::text::{ColumnUnit, LineIndex, count_words};

use super::{fastest_binary, init_params, make_seed_corpus};
use crate::kit::corpus::seed_text;
use crate::kit::process::ServerProcess;
use crate::kit::proto::uri;

const EDIT_EVERY: Duration = Duration::from_millis(20);

#[test]
#[ignore = "slow: runs in CI (see CONTRIBUTING.md)"]
fn typing_into_a_long_transcript_answers_every_request() {
    let edits: usize = std::env::var("SPEECH_LS_TYPING_EDITS").ok().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let dir = tempfile::tempdir().expect("temp corpus");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    make_seed_corpus(&root, 0);
    let seed = seed_text();
    let mut text = String::new();
    let mut copy = 0;
    while count_words(&text) < 40_000 {
        let body = seed.split_once('\n').map_or(seed.as_str(), |(_, rest)| rest);
        text.push_str(&body.replace("Putin", &format!("Putin{copy}")));
        text.push_str("\n* * *\n");
        copy += 1;
    }
    text.insert_str(0, " date 2021-03-03 Source: President of Russia – The Kremlin – English\n");
    let words = count_words(&text);
    let path = root.join("long.txt");
    std::fs::write(&path, &text).expect("write the long transcript");
    let doc_uri = uri(&path);

    let (binary, build) = fastest_binary();
    let server = ServerProcess::spawn_binary(&binary, &root);
    server.initialize(init_params(&root, "utf-16"));
    server.open(&doc_uri, &text);
    // Wait for the first answer so that the load is not counted as typing delay.
    let first = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": doc_uri}}),
        Duration::from_secs(60),
    );
    assert!(first.is_some(), "no first outline");

    // The cursor types in the middle of the text: a word, a space, now and then a new paragraph or a backspace.
    let index = LineIndex::new(&text);
    let (line, mut col) = index.position(text.len() / 2, ColumnUnit::Utf16);
    let mut line = line as u32;
    let mut sent: Vec<(i64, Instant, &str)> = Vec::new();
    let started = Instant::now();
    for i in 0..edits {
        let tick = started + EDIT_EVERY * i as u32;
        if let Some(wait) = tick.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let (insert, delete) = match i % 40 {
            39 => ("\n\n", false),
            17 => ("", true),
            n if n % 6 == 5 => (" ", false),
            _ => ("e", false),
        };
        let (start, end) = if delete && col > 0 { ((line, col - 1), (line, col)) } else { ((line, col), (line, col)) };
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc_uri, "version": i + 2}, "contentChanges": [{
                "range": {"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}},
                "text": insert}]}),
        );
        if delete && col > 0 {
            col -= 1;
        } else if insert.starts_with('\n') {
            line += 2;
            col = 0;
        } else {
            col += insert.len();
        }
        if i % 5 == 0 {
            let (method, params) = if i % 10 == 0 {
                (
                    "textDocument/hover",
                    json!({"textDocument": {"uri": doc_uri}, "position": {"line": line, "character": 0}}),
                )
            } else {
                ("textDocument/documentSymbol", json!({"textDocument": {"uri": doc_uri}}))
            };
            sent.push((server.request_async(method, params), Instant::now(), method));
        }
    }
    let typing = started.elapsed();
    let last = server.request_async("textDocument/documentSymbol", json!({"textDocument": {"uri": doc_uri}}));
    let last_sent = Instant::now();
    let ids: Vec<i64> = sent.iter().map(|(id, _, _)| *id).chain([last]).collect();
    assert!(server.wait_all(&ids, Duration::from_secs(60)).is_empty(), "requests left unanswered under typing load");
    let caught_up = server.arrival(last).map(|t| t.duration_since(last_sent));
    // Give the debounced diagnostics a moment to settle, then count them.
    std::thread::sleep(Duration::from_millis(500));
    let publishes = server
        .notifications("textDocument/publishDiagnostics")
        .iter()
        .filter(|(_, n)| n["params"]["uri"] == doc_uri)
        .count();

    let mut waits: Vec<(Duration, &str)> = sent
        .iter()
        .filter_map(|(id, at, method)| server.arrival(*id).map(|t| (t.duration_since(*at), *method)))
        .collect();
    waits.sort();
    let worst = waits.last().copied().unwrap_or_default();
    let median = waits.get(waits.len() / 2).map(|w| w.0).unwrap_or_default();
    let peak = server.peak_rss_kb();
    server.assert_no_panic_in_log();
    println!(
        "typing ({build} build): {edits} edits to a {words}-word transcript in {:.1}s, {} requests; \
         worst wait {:?} ({}), median {:?}; last outline {:?} after the last edit; \
         {publishes} publishDiagnostics for the document; peak RSS {:?} kB",
        typing.as_secs_f64(),
        waits.len(),
        worst.0,
        worst.1,
        median,
        caught_up,
        peak
    );
    assert!(publishes < edits / 4, "{publishes} diagnostics publishes for {edits} edits: not debounced");
}
