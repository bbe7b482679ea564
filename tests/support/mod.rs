//! A tiny LSP test client: talks to the server with real `Content-Length`
//! framing, either in-process over `tokio::io::duplex` or to a child process,
//! answers the server's own requests (configuration, capability
//! registration), and offers request/notify helpers for protocol tests.

#![allow(dead_code)] // each test binary uses a different part of this helper

pub mod fixture;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{Mutex, mpsc};

/// How long a test waits for any single answer before failing.
pub const TIMEOUT: Duration = Duration::from_secs(20);

type Writer = Arc<Mutex<Box<dyn AsyncWrite + Send + Unpin>>>;

pub struct TestClient {
    writer: Writer,
    responses: mpsc::UnboundedReceiver<Value>,
    stashed: HashMap<i64, Value>,
    next_id: i64,
    /// Requests the server sent us, in order.
    pub server_requests: Arc<std::sync::Mutex<Vec<Value>>>,
    /// Notifications the server sent us (diagnostics, logs), in order.
    pub notifications: Arc<std::sync::Mutex<Vec<Value>>>,
}

impl TestClient {
    /// Starts the server in-process over an in-memory pipe.
    /// `configuration` is what the client answers to `workspace/configuration`.
    pub fn in_process(configuration: Value) -> TestClient {
        let (client_side, server_side) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_side);
        tokio::spawn(speech_ls::lsp::serve(server_read, server_write));
        let (read, write) = tokio::io::split(client_side);
        TestClient::over(read, write, configuration)
    }

    /// Talks to a server over the given streams (e.g. a child's stdio).
    pub fn over(
        read: impl AsyncRead + Send + Unpin + 'static,
        write: impl AsyncWrite + Send + Unpin + 'static,
        configuration: Value,
    ) -> TestClient {
        let writer: Writer = Arc::new(Mutex::new(Box::new(write)));
        let (tx, rx) = mpsc::unbounded_channel();
        let server_requests = Arc::new(std::sync::Mutex::new(Vec::new()));
        let notifications = Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = Seen { requests: server_requests.clone(), notifications: notifications.clone() };
        tokio::spawn(read_loop(BufReader::new(read), writer.clone(), tx, configuration, seen));
        TestClient { writer, responses: rx, stashed: HashMap::new(), next_id: 1, server_requests, notifications }
    }

    /// Sends a request and returns its `result` (panics on an error reply).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let reply = self.request_raw(method, params).await;
        if let Some(err) = reply.get("error") {
            panic!("{method} failed: {err}");
        }
        reply.get("result").cloned().unwrap_or(Value::Null)
    }

    /// Sends a request and returns the whole reply message.
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params).await;
        self.reply_to(id).await
    }

    /// Sends a request without waiting for its reply; returns its id, for
    /// `reply_to` (or a `$/cancelRequest`).
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        send(&self.writer, &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        id
    }

    /// Waits for the whole reply to a request sent with `send_request`.
    pub async fn reply_to(&mut self, id: i64) -> Value {
        if let Some(reply) = self.stashed.remove(&id) {
            return reply;
        }
        loop {
            let msg = tokio::time::timeout(TIMEOUT, self.responses.recv())
                .await
                .unwrap_or_else(|_| panic!("no reply to request {id} within {TIMEOUT:?}"))
                .expect("server closed the connection");
            match msg.get("id").and_then(Value::as_i64) {
                Some(got) if got == id => return msg,
                Some(other) => {
                    self.stashed.insert(other, msg);
                }
                None => {}
            }
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let msg = match params {
            Value::Null => json!({"jsonrpc": "2.0", "method": method}),
            p => json!({"jsonrpc": "2.0", "method": method, "params": p}),
        };
        send(&self.writer, &msg).await;
    }

    /// `initialize` with the given params, then `initialized`; returns the
    /// server's `InitializeResult`.
    pub async fn initialize(&mut self, params: Value) -> Value {
        let result = self.request("initialize", params).await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        let lang = if uri.ends_with(".md") { "markdown" } else { "plaintext" };
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
        )
        .await;
    }

    /// Waits until the latest diagnostics published for `uri` satisfy
    /// `want`, and returns them; panics after `TIMEOUT`.
    pub async fn wait_for_diagnostics(&mut self, uri: &str, want: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let start = std::time::Instant::now();
        loop {
            let latest = self
                .notifications
                .lock()
                .expect("lock")
                .iter()
                .rev()
                .find(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
                .map(|n| n["params"]["diagnostics"].as_array().cloned().unwrap_or_default());
            if let Some(diags) = latest.filter(|d| want(d)) {
                return diags;
            }
            assert!(start.elapsed() < TIMEOUT, "no matching diagnostics for {uri}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn shutdown(&mut self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
    }
}

async fn send(writer: &Writer, msg: &Value) {
    let body = msg.to_string();
    let mut w = writer.lock().await;
    let framed = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
    w.write_all(framed.as_bytes()).await.expect("write to server");
    w.flush().await.expect("flush to server");
}

/// Where the reader records what the server sent on its own initiative.
struct Seen {
    requests: Arc<std::sync::Mutex<Vec<Value>>>,
    notifications: Arc<std::sync::Mutex<Vec<Value>>>,
}

/// Reads framed messages; answers server requests; forwards the rest.
async fn read_loop(
    mut read: BufReader<impl AsyncRead + Unpin>,
    writer: Writer,
    tx: mpsc::UnboundedSender<Value>,
    configuration: Value,
    seen: Seen,
) {
    loop {
        let mut length = None;
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
                length = v.trim().parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0u8; length];
        if read.read_exact(&mut body).await.is_err() {
            return;
        }
        let Ok(msg) = serde_json::from_slice::<Value>(&body) else { return };
        match (msg.get("method"), msg.get("id")) {
            (Some(method), Some(id)) => {
                seen.requests.lock().expect("lock").push(msg.clone());
                let result = match method.as_str() {
                    Some("workspace/configuration") => {
                        let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                        Value::Array(vec![configuration.clone(); n])
                    }
                    _ => Value::Null,
                };
                send(&writer, &json!({"jsonrpc": "2.0", "id": id, "result": result})).await;
            }
            (Some(_), None) => seen.notifications.lock().expect("lock").push(msg),
            _ => {
                let _ = tx.send(msg);
            }
        }
    }
}

/// A `file://` URI for a path.
pub fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The repository's `seeds/` folder.
pub fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"))
}

/// The captured `initialize` params of a real client in `../shared/clients/`,
/// with its placeholder root replaced by `root`; `None` (and a printed
/// message) when the shared folder is absent.
pub fn real_client_params(file: &str, root: &Path) -> Option<Value> {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/clients")).join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is absent", path.display());
        return None;
    };
    let root_uri = uri(root);
    let text =
        text.replace("file:///ROOT", &root_uri).replace("\"/ROOT\"", &format!("{:?}", root.display().to_string()));
    let mut params: Value = serde_json::from_str(&text).expect("client params are JSON");
    params["processId"] = Value::Null;
    Some(params)
}

/// Minimal `initialize` params of a client that speaks only UTF-16 and does
/// not watch files for the server, like VS Code without the file watcher.
pub fn utf16_only_params(root: &Path) -> Value {
    json!({
        "processId": null,
        "rootUri": uri(root),
        "workspaceFolders": [{"uri": uri(root), "name": "ws"}],
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": false}},
            "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}
        }
    })
}
