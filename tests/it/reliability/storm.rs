//! Protocol storm: a seeded random client floods the built server with a few
//! thousand messages — valid queries, out-of-range positions, unknown
//! documents, edits with stale or jumping versions and ranges past the end,
//! `$/cancelRequest` for requests in flight, broken JSON bodies, unknown
//! methods — and then checks what a user would notice: every request was
//! answered exactly once, the server is alive and still answers, its memory
//! stayed bounded, it logged no panic, and its text of the edited document is
//! the client's (the outline it returns equals the outline computed locally
//! from the client's text, ranges, names and word counts included; topical
//! sections, which come from the themes analysis, are left out).
//!
//! Replay a failure with
//! `SPEECH_LS_SEED=<seed> cargo test --test it reliability::storm -- --include-ignored`.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use speech_ls::corpus::FileAnalysis;
use speech_ls::corpus::outline::{OutlineKind, OutlineNode, transcript_outline};
use speech_ls::corpus::text::{ColumnUnit, LineIndex};
use speech_ls::lsp::from_proto::PositionEncoding;
use speech_ls::lsp::to_proto::range as range_to_proto;

use super::{Rng, init_params, make_seed_corpus, seed_from_env};
use crate::kit::corpus::{SEED, seed_text};
use crate::kit::process::ServerProcess;
use crate::kit::proto::uri;

/// Messages the storm sends (requests and notifications together).
const MESSAGES: usize = 3000;
/// The most requests left unanswered before the client waits for the oldest:
/// enough to keep every handler slot busy and cancellations meaningful.
const WINDOW: usize = 200;
/// The server's peak resident memory must stay under this.
const RSS_LIMIT_KB: u64 = 512 * 1024;

/// Pieces of text the storm inserts: multi-byte characters, line breaks and
/// things the parser cares about (speaker labels, part separators).
const INSERTS: &[&str] = &[
    "",
    "a",
    "word ",
    "\n",
    "–",
    "😀",
    "é",
    "Putin: ",
    "\n\nPresident: Hello, colleagues.\n",
    "\n* * *\n",
    "\r\n",
    "(Applause.)",
    " date 2022-01-01 Source: x\n",
];

#[test]
#[ignore = "slow: runs in CI (see CONTRIBUTING.md)"]
fn storm_of_random_messages_leaves_the_server_consistent() {
    for (seed, encoding) in [(seed_from_env(0x5eed_0001), "utf-16"), (seed_from_env(0x5eed_0001) ^ 0xabcdef, "utf-8")] {
        run_storm(seed, encoding);
    }
}

/// The client's copy of one document.
struct LocalDoc {
    uri: String,
    text: String,
    open: bool,
    version: i32,
}

fn run_storm(seed: u64, encoding: &str) {
    let dir = tempfile::tempdir().expect("temp corpus");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    let generated = make_seed_corpus(&root, 3);
    let enc = if encoding == "utf-8" { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
    let unit = if encoding == "utf-8" { ColumnUnit::Utf8 } else { ColumnUnit::Utf16 };
    let started = Instant::now();

    let mut server = ServerProcess::spawn(&root);
    let init = server.initialize(init_params(&root, encoding));
    assert_eq!(init["capabilities"]["positionEncoding"], encoding, "{init}");

    let mut docs = vec![
        LocalDoc { uri: uri(&root.join(SEED)), text: seed_text(), open: false, version: 1 },
        LocalDoc {
            uri: uri(&root.join(&generated[0])),
            text: std::fs::read_to_string(root.join(&generated[0])).expect("generated transcript"),
            open: false,
            version: 1,
        },
    ];
    server.open(&docs[0].uri, &docs[0].text);
    docs[0].open = true;
    let unopened = [uri(&root.join(&generated[1])), uri(&root.join("INDEX.md"))];
    let unknown = ["file:///nowhere/missing.txt".to_string(), "untitled:Untitled-1".to_string(), "git:/x.txt".into()];

    let mut rng = Rng::new(seed);
    let mut expected: Vec<i64> = Vec::new();
    let mut in_flight: std::collections::VecDeque<i64> = std::collections::VecDeque::new();
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    // What was sent, with the next request id at that point, to show what came before a stall.
    let mut history: Vec<(&str, i64)> = Vec::new();

    'storm: for _ in 0..MESSAGES {
        while in_flight.len() >= WINDOW {
            if let Some(oldest) = in_flight.pop_front()
                && server.wait_response(oldest, Duration::from_secs(30)).is_none()
            {
                break 'storm; // stalled: stop and report below
            }
        }
        let roll = rng.below(100);
        let kind: &str = match roll {
            0..=29 => {
                // A valid query on an open, unopened or index document.
                let target = match rng.below(4) {
                    0 | 1 => docs[rng.below(docs.len())].uri.clone(),
                    _ => rng.pick(&unopened).clone(),
                };
                let pos = valid_position(&docs, &target, &mut rng, unit);
                let id = send_query(&server, &mut rng, &target, pos);
                expected.push(id);
                in_flight.push_back(id);
                "query"
            }
            30..=37 => {
                let target = docs[rng.below(docs.len())].uri.clone();
                let pos = match rng.below(3) {
                    0 => json!({"line": u32::MAX, "character": u32::MAX}),
                    1 => json!({"line": 0, "character": 1_000_000_000u32}),
                    _ => json!({"line": 100_000, "character": 3}),
                };
                let id = send_query(&server, &mut rng, &target, pos);
                expected.push(id);
                in_flight.push_back(id);
                "out-of-range query"
            }
            38..=42 => {
                let target = rng.pick(&unknown).clone();
                let id = send_query(&server, &mut rng, &target, json!({"line": 0, "character": 0}));
                expected.push(id);
                in_flight.push_back(id);
                "unknown-document query"
            }
            43..=67 => {
                let d = rng.below(docs.len());
                send_edit(&server, &mut rng, &mut docs[d], unit, enc);
                "didChange"
            }
            68..=71 => {
                // Open or close the second document; edits to it while closed are ignored.
                let doc = &mut docs[1];
                if doc.open {
                    server.notify("textDocument/didClose", json!({"textDocument": {"uri": doc.uri}}));
                    doc.open = false;
                    doc.text = std::fs::read_to_string(root.join(&generated[0])).expect("generated transcript");
                } else {
                    server.open(&doc.uri, &doc.text);
                    doc.open = true;
                }
                "open/close"
            }
            72..=79 => {
                let recent: Vec<i64> = in_flight.iter().rev().take(8).copied().collect();
                let id = if recent.is_empty() { 999_999 } else { *rng.pick(&recent) };
                server.notify("$/cancelRequest", json!({"id": id}));
                "cancel"
            }
            80..=86 => {
                send_broken(&server, &mut rng, &mut expected, &mut in_flight);
                "broken message"
            }
            87..=91 => {
                if rng.chance(50) {
                    let id = server.request_async("speechLs/noSuchMethod", json!({"x": 1}));
                    expected.push(id);
                    in_flight.push_back(id);
                } else {
                    server.notify("custom/noSuchNotification", json!({}));
                }
                "unknown method"
            }
            _ => {
                let query = *rng.pick(&["", "putin", "2021", "meeting board", "zzz-no-match", "speaker1"]);
                let id = server.request_async("workspace/symbol", json!({"query": query}));
                expected.push(id);
                in_flight.push_back(id);
                "workspace/symbol"
            }
        };
        *counts.entry(kind).or_default() += 1;
        history.push((kind, server.fresh_id()));
    }

    let missing = server.wait_all(&expected, Duration::from_secs(30));
    if !missing.is_empty() {
        let alive = server.is_alive();
        let log = server.stderr_log();
        let tail: Vec<&str> = log.lines().rev().take(15).collect();
        let first = missing[0];
        let at = history.iter().position(|(_, next)| *next > first).unwrap_or(0);
        eprintln!(
            "sent before the first unanswered request: {:?}",
            &history[at.saturating_sub(8)..(at + 3).min(history.len())]
        );
        panic!(
            "{} requests never got a response, e.g. {:?} (seed {seed}, {encoding}); server alive: {alive}; log tail:\n{}",
            missing.len(),
            &missing[..5.min(missing.len())],
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    let twice: Vec<i64> = expected.iter().copied().filter(|&id| server.response_count(id) != 1).collect();
    assert!(twice.is_empty(), "requests answered more than once: {twice:?}");
    assert!(server.is_alive(), "the server died during the storm");

    // The server's text of each open document equals the client's.
    for doc in docs.iter().filter(|d| d.open) {
        let reply = server
            .request("textDocument/documentSymbol", json!({"textDocument": {"uri": doc.uri}}), Duration::from_secs(20))
            .expect("documentSymbol answers after the storm");
        let got = flatten_symbols(&reply["result"]);
        let want = expected_outline(&doc.text, enc);
        println!("final outline of {}: {} symbols over {} bytes", doc.uri, want.len(), doc.text.len());
        assert_eq!(got, want, "outline of {} differs from the client's text (seed {seed}, {encoding})", doc.uri);
    }
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": docs[0].uri}, "position": {"line": 0, "character": 2}}),
        Duration::from_secs(20),
    );
    assert!(hover.is_some_and(|h| h.get("error").is_none()), "hover after the storm failed");

    let peak = server.peak_rss_kb();
    server.assert_no_panic_in_log();
    let parse_errors = server.other_responses().len();
    assert!(server.shutdown_and_exit(Duration::from_secs(10)), "the server did not exit after shutdown/exit");
    println!(
        "storm seed {seed} ({encoding}): {MESSAGES} messages {counts:?}, {} requests each answered once, \
         {parse_errors} error replies without id, peak RSS {} kB, {:.1}s",
        expected.len(),
        peak.map_or("?".to_string(), |k| k.to_string()),
        started.elapsed().as_secs_f64()
    );
    if let Some(kb) = peak {
        assert!(kb < RSS_LIMIT_KB, "peak RSS {kb} kB exceeds {RSS_LIMIT_KB} kB");
    }
}

/// A position inside the target's text (or line 0 for files the client does not hold).
fn valid_position(docs: &[LocalDoc], target: &str, rng: &mut Rng, unit: ColumnUnit) -> Value {
    let Some(doc) = docs.iter().find(|d| d.uri == target) else {
        return json!({"line": rng.below(12), "character": rng.below(80)});
    };
    let index = LineIndex::new(&doc.text);
    let (line, character) = index.position(rng.below(doc.text.len() + 1), unit);
    json!({"line": line, "character": character})
}

fn send_query(server: &ServerProcess, rng: &mut Rng, target: &str, position: Value) -> i64 {
    let doc = json!({"uri": target});
    let (method, params) = match rng.below(6) {
        0 => ("textDocument/documentSymbol", json!({"textDocument": doc})),
        1 => ("textDocument/hover", json!({"textDocument": doc, "position": position})),
        2 => ("textDocument/definition", json!({"textDocument": doc, "position": position})),
        3 => (
            "textDocument/references",
            json!({"textDocument": doc, "position": position, "context": {"includeDeclaration": rng.chance(50)}}),
        ),
        4 => ("textDocument/documentLink", json!({"textDocument": doc})),
        _ => ("textDocument/hover", json!({"textDocument": doc, "position": position})),
    };
    server.request_async(method, params)
}

/// One `didChange` with one to three edits, applied to the local copy the
/// same way the server documents it: positions clamp into the text, a
/// reversed range is put in order, a change without a range replaces all.
fn send_edit(server: &ServerProcess, rng: &mut Rng, doc: &mut LocalDoc, unit: ColumnUnit, enc: PositionEncoding) {
    let mut changes = Vec::new();
    let mut text = doc.text.clone();
    for _ in 0..1 + rng.below(3) {
        if rng.chance(2) {
            // The empty text is left to the fuzzers: here the final outline should have something to compare.
            let replacement = seed_text();
            changes.push(json!({"text": replacement}));
            text = replacement;
            continue;
        }
        let index = LineIndex::new(&text);
        let position = |rng: &mut Rng| -> (u32, u32) {
            let lines = index.line_count();
            if rng.chance(10) {
                // Past the end of the line or of the text.
                (rng.below(lines + 3) as u32, 10_000 + rng.below(10) as u32)
            } else {
                let (l, c) = index.position(rng.below(text.len() + 1), unit);
                (l as u32, c as u32)
            }
        };
        let start = position(rng);
        let end = if rng.chance(50) {
            start
        } else if rng.chance(85) {
            let (l, c) = start;
            (l + rng.below(2) as u32, c.saturating_add(rng.below(30) as u32))
        } else {
            position(rng) // possibly before the start: a reversed range
        };
        // Keep the document from growing without end: delete more when large.
        let insert = if text.len() > 20_000 && rng.chance(70) { "" } else { *rng.pick(INSERTS) };
        let a = index.offset(start.0 as usize, start.1 as usize, unit);
        let b = index.offset(end.0 as usize, end.1 as usize, unit);
        let (a, b) = (a.min(b), a.max(b));
        text.replace_range(a..b, insert);
        changes.push(json!({
            "range": {"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}},
            "text": insert
        }));
    }
    doc.version = match rng.below(10) {
        0 => doc.version - 3,    // stale
        1 => doc.version + 1000, // jumping
        _ => doc.version + 1,
    };
    let _ = enc;
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc.uri, "version": doc.version}, "contentChanges": changes}),
    );
    if doc.open {
        doc.text = text;
    }
}

/// A message the server must survive: an empty body, a request with wrong
/// params (which must still be answered), a notification with wrong params.
fn send_broken(
    server: &ServerProcess,
    rng: &mut Rng,
    expected: &mut Vec<i64>,
    in_flight: &mut std::collections::VecDeque<i64>,
) {
    let mut expect = |id: i64| {
        expected.push(id);
        in_flight.push_back(id);
    };
    // Requests whose params are not an object are covered by
    // `request_with_malformed_params_gets_an_error_reply` (not answered today).
    match rng.below(5) {
        0 => server.send_body(b"").expect("write"),
        1 => server.send_body(b"{not json").expect("write"),
        2 => {
            let id = server.fresh_id();
            server.send(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol"}));
            expect(id);
        }
        3 => {
            let id = server.fresh_id();
            let params = json!({"textDocument": {"uri": 17}, "position": {"line": -1, "character": "x"}});
            server.send(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/definition", "params": params}));
            expect(id);
        }
        _ => server.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"bogus": true}})),
    }
}

/// (name, detail, range) of every symbol, depth first.
fn flatten_symbols(symbols: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for s in symbols.as_array().into_iter().flatten() {
        // Topical sections (SymbolKind::STRUCT) come from the themes analysis,
        // computed or cached apart from the outline: they are not compared.
        if s["kind"] == 23 {
            continue;
        }
        let r = &s["range"];
        out.push((
            s["name"].as_str().unwrap_or_default().to_string(),
            s["detail"].as_str().unwrap_or_default().to_string(),
            format!(
                "{}:{}-{}:{}",
                r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"]
            ),
        ));
        out.extend(flatten_symbols(&s["children"]));
    }
    out
}

/// What the outline of `text` should be, computed locally.
fn expected_outline(text: &str, enc: PositionEncoding) -> Vec<(String, String, String)> {
    let analysis = FileAnalysis::analyze(SEED, text);
    let Some(t) = analysis.transcript() else { return Vec::new() };
    let mut out = Vec::new();
    fn walk(nodes: &[OutlineNode], a: &FileAnalysis, enc: PositionEncoding, out: &mut Vec<(String, String, String)>) {
        for n in nodes.iter().filter(|n| n.kind != OutlineKind::Section) {
            let r = range_to_proto(&a.line_index, n.span, enc);
            let name = if n.name.trim().is_empty() { "(untitled)".to_string() } else { n.name.clone() };
            out.push((
                name,
                n.detail.clone().unwrap_or_default(),
                format!("{}:{}-{}:{}", r.start.line, r.start.character, r.end.line, r.end.character),
            ));
            walk(&n.children, a, enc, out);
        }
    }
    walk(&transcript_outline(t, text), &analysis, enc, &mut out);
    out
}

/// A body that is not a JSON-RPC message (a client bug, a stray write to the
/// server's stdin) must be answered with an error, not end the session.
/// Today tower-lsp-server 0.23 stops reading after the first undecodable body
/// (its codec error ends the `FramedRead` stream), so the process exits.
#[test]
fn undecodable_body_does_not_end_the_session() {
    let dir = tempfile::tempdir().expect("temp corpus");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    make_seed_corpus(&root, 0);
    let mut dead = Vec::new();
    for body in [&b"{not json"[..], b"[]", b"42", b"\xff\xfe\x00binary", b"{\"jsonrpc\": \"2.0\"}"] {
        let mut server = ServerProcess::spawn(&root);
        server.initialize(init_params(&root, "utf-16"));
        server.send_body(body).expect("write");
        let reply = server.request("workspace/symbol", json!({"query": ""}), Duration::from_secs(10));
        if reply.is_none() || !server.is_alive() {
            dead.push(String::from_utf8_lossy(body).into_owned());
        }
    }
    assert!(dead.is_empty(), "the session ended after these bodies: {dead:?}");
}

/// A request whose `params` is not an object or array still has an id: the
/// client waits for an answer, so it must get exactly one (an error).
#[test]
fn request_with_malformed_params_gets_an_error_reply() {
    let dir = tempfile::tempdir().expect("temp corpus");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    make_seed_corpus(&root, 0);
    let server = ServerProcess::spawn(&root);
    server.initialize(init_params(&root, "utf-16"));
    let mut unanswered = Vec::new();
    for params in [json!("nonsense"), json!(42), json!(true)] {
        let id = server.fresh_id();
        server.send(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": params}));
        match server.wait_response(id, Duration::from_secs(10)) {
            Some(reply) => assert!(reply.get("error").is_some(), "expected an error reply: {reply}"),
            None => unanswered.push(params.to_string()),
        }
    }
    assert!(unanswered.is_empty(), "requests with these params got no reply at all: {unanswered:?}");
}
