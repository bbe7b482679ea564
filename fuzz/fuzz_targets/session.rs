//! Fuzz target: a whole editing session. A mutated corpus (a few transcripts
//! and an INDEX.md written to a temporary folder) and a mutated sequence of
//! editor operations (open, change at positions inside and outside the text,
//! close, queries, disk writes and deletes reported as watched-file events)
//! run through an in-process server over real framing (the tests' client,
//! `tests/kit/client.rs`). Every request must be answered exactly once within
//! a few seconds, and the session must end on `shutdown`/`exit`. A panic anywhere (even one a handler catches) aborts,
//! because libFuzzer's panic hook runs first: so this also finds caught panics.
#![no_main]

// The tests' LSP client (framing, replies per id, the in-process server).
#[allow(dead_code)]
#[path = "../../tests/kit/client.rs"]
mod client;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use client::Client;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};

const NAMES: [&str; 4] = ["a.txt", "b.txt", "sub/c.txt", "INDEX.md"];

#[derive(Arbitrary, Debug)]
struct Input {
    files: Vec<(u8, String)>,
    utf8: bool,
    ops: Vec<Op>,
}

#[derive(Arbitrary, Debug)]
enum Op {
    Open(u8),
    Close(u8),
    Change { file: u8, start: (u16, u16), end: (u16, u16), text: String, version: i16 },
    Replace { file: u8, text: String },
    Hover { file: u8, line: u16, col: u16 },
    Definition { file: u8, line: u16, col: u16 },
    References { file: u8, line: u16, col: u16 },
    Outline(u8),
    Links(u8),
    WorkspaceSymbol(String),
    DiskWrite { file: u8, text: String },
    DiskDelete(u8),
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("tokio runtime")
    })
}

fn name(i: u8) -> &'static str {
    NAMES[i as usize % NAMES.len()]
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fuzz_target!(|input: Input| {
    if input.ops.len() > 64 || input.files.len() > 8 {
        return;
    }
    static RUN: AtomicU64 = AtomicU64::new(0);
    let root = std::env::temp_dir().join(format!(
        "speech-ls-fuzz-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::create_dir_all(root.join("sub"));
    for (i, text) in &input.files {
        let _ = std::fs::write(root.join(name(*i)), text);
    }
    if !root.join("INDEX.md").exists() {
        let _ = std::fs::write(root.join("INDEX.md"), "- [A](a.txt)\n");
    }
    runtime().block_on(session(&root, &input));
    let _ = std::fs::remove_dir_all(&root);
});

/// Sends a request and waits for its answer, which must come exactly once.
async fn request(c: &Client, method: &str, params: Value) {
    let id = c.send_request(method, params).await;
    let answer = c.reply_within(id, Duration::from_secs(10)).await;
    assert!(answer.is_some(), "no answer to {method} within 10 s");
    assert_eq!(c.response_count(id), 1, "{method} answered more than once");
}

async fn session(root: &Path, input: &Input) {
    let c = Client::in_process(Value::Null);
    let encoding = if input.utf8 { "utf-8" } else { "utf-16" };
    let root_uri = uri(root);
    request(
        &c,
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "workspaceFolders": [{"uri": root_uri, "name": "c"}],
               "capabilities": {"general": {"positionEncodings": [encoding]}}}),
    )
    .await;
    c.notify("initialized", json!({})).await;
    let mut open: HashMap<&str, i32> = HashMap::new();
    for op in &input.ops {
        let doc = |i: u8| json!({"uri": uri(&root.join(name(i)))});
        let at =
            |i: u8, line: u16, col: u16| json!({"textDocument": doc(i), "position": {"line": line, "character": col}});
        match op {
            Op::Open(i) => {
                let text = std::fs::read_to_string(root.join(name(*i))).unwrap_or_default();
                c.notify("textDocument/didOpen", json!({"textDocument": {"uri": doc(*i)["uri"], "languageId": "plaintext", "version": 1, "text": text}})).await;
                open.insert(name(*i), 1);
            }
            Op::Close(i) => {
                c.notify("textDocument/didClose", json!({"textDocument": doc(*i)})).await;
                open.remove(name(*i));
            }
            Op::Change { file, start, end, text, version } => {
                let range = json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}});
                c.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": doc(*file)["uri"], "version": version},
                    "contentChanges": [{"range": range, "text": text}]}),
                )
                .await;
            }
            Op::Replace { file, text } => {
                c.notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": doc(*file)["uri"], "version": 0},
                    "contentChanges": [{"text": text}]}),
                )
                .await;
            }
            Op::Hover { file, line, col } => request(&c, "textDocument/hover", at(*file, *line, *col)).await,
            Op::Definition { file, line, col } => request(&c, "textDocument/definition", at(*file, *line, *col)).await,
            Op::References { file, line, col } => {
                let mut p = at(*file, *line, *col);
                p["context"] = json!({"includeDeclaration": true});
                request(&c, "textDocument/references", p).await;
            }
            Op::Outline(i) => request(&c, "textDocument/documentSymbol", json!({"textDocument": doc(*i)})).await,
            Op::Links(i) => request(&c, "textDocument/documentLink", json!({"textDocument": doc(*i)})).await,
            Op::WorkspaceSymbol(q) => request(&c, "workspace/symbol", json!({"query": q})).await,
            Op::DiskWrite { file, text } => {
                let _ = std::fs::write(root.join(name(*file)), text);
                c.notify(
                    "workspace/didChangeWatchedFiles",
                    json!({"changes": [{"uri": doc(*file)["uri"], "type": 2}]}),
                )
                .await;
            }
            Op::DiskDelete(i) => {
                let _ = std::fs::remove_file(root.join(name(*i)));
                c.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": doc(*i)["uri"], "type": 3}]}))
                    .await;
            }
        }
    }
    request(&c, "shutdown", Value::Null).await;
    c.notify("exit", Value::Null).await;
    assert!(c.server_ended_within(Duration::from_secs(10)).await, "the server did not end within 10 s of exit");
}
