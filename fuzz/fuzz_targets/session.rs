//! Fuzz target: a whole editing session. A mutated corpus (a few transcripts
//! and an INDEX.md written to a temporary folder) and a mutated sequence of
//! editor operations (open, change at positions inside and outside the text,
//! close, queries, disk writes and deletes reported as watched-file events)
//! run through an in-process server over real framing. Every request must be
//! answered exactly once within a few seconds, and the session must end on
//! `shutdown`/`exit`. A panic anywhere (even one a handler catches) aborts,
//! because libFuzzer's panic hook runs first: so this also finds caught panics.
#![no_main]

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

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

struct Client {
    writer: tokio::io::WriteHalf<tokio::io::DuplexStream>,
    responses: tokio::sync::mpsc::UnboundedReceiver<Value>,
    answered: HashMap<i64, usize>,
    next_id: i64,
}

impl Client {
    async fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        self.writer.write_all(framed.as_bytes()).await.expect("server input closed early");
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await;
    }

    async fn request(&mut self, method: &str, params: Value) {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        while !self.answered.contains_key(&id) {
            let msg = tokio::time::timeout(Duration::from_secs(10), self.responses.recv())
                .await
                .unwrap_or_else(|_| panic!("no answer to {method} within 10 s"))
                .expect("server output closed");
            if let Some(got) = msg.get("id").and_then(Value::as_i64) {
                *self.answered.entry(got).or_default() += 1;
            }
        }
        assert_eq!(self.answered.get(&id), Some(&1), "{method} answered more than once");
    }
}

async fn session(root: &Path, input: &Input) {
    let (client_side, server_side) = tokio::io::duplex(1 << 20);
    let (server_read, server_write) = tokio::io::split(server_side);
    let server = tokio::spawn(speech_ls::lsp::serve(server_read, server_write));
    let (read, writer) = tokio::io::split(client_side);
    let (tx, responses) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(read_loop(BufReader::new(read), tx));
    let mut c = Client { writer, responses, answered: HashMap::new(), next_id: 1 };
    let encoding = if input.utf8 { "utf-8" } else { "utf-16" };
    let root_uri = uri(root);
    c.request(
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
            Op::Hover { file, line, col } => c.request("textDocument/hover", at(*file, *line, *col)).await,
            Op::Definition { file, line, col } => c.request("textDocument/definition", at(*file, *line, *col)).await,
            Op::References { file, line, col } => {
                let mut p = at(*file, *line, *col);
                p["context"] = json!({"includeDeclaration": true});
                c.request("textDocument/references", p).await;
            }
            Op::Outline(i) => c.request("textDocument/documentSymbol", json!({"textDocument": doc(*i)})).await,
            Op::Links(i) => c.request("textDocument/documentLink", json!({"textDocument": doc(*i)})).await,
            Op::WorkspaceSymbol(q) => c.request("workspace/symbol", json!({"query": q})).await,
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
    c.request("shutdown", Value::Null).await;
    c.notify("exit", Value::Null).await;
    let ended = tokio::time::timeout(Duration::from_secs(10), server).await;
    assert!(ended.is_ok(), "the server did not end within 10 s of exit");
}

async fn read_loop(
    mut read: BufReader<tokio::io::ReadHalf<tokio::io::DuplexStream>>,
    tx: tokio::sync::mpsc::UnboundedSender<Value>,
) {
    loop {
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            match read.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; length];
        if read.read_exact(&mut body).await.is_err() {
            return;
        }
        let msg: Value = serde_json::from_slice(&body).expect("the server wrote a non-JSON body");
        // Server requests (registrations, configuration) are not expected: the client offers neither.
        if msg.get("method").is_none() {
            let _ = tx.send(msg);
        }
    }
}
