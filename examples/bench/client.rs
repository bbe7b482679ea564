//! A minimal LSP client over a child process's stdio, for the benchmark: it
//! frames JSON-RPC messages, matches responses to requests, answers the
//! server's own requests (progress tokens, registrations, configuration) the
//! way an editor would, and records `$/progress` notifications with the time
//! they arrived.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub struct Client {
    pub child: Child,
    writer: Arc<Mutex<ChildStdin>>,
    next_id: i64,
    responses: Receiver<(i64, Value)>,
    pending: HashMap<i64, Value>,
    /// Every `$/progress` notification: (time since start, params).
    pub progress: Arc<Mutex<Vec<(Duration, Value)>>>,
    pub started: Instant,
}

impl Client {
    pub fn spawn(binary: &str) -> Client {
        let started = Instant::now();
        let mut child = Command::new(binary)
            .arg("--stdio")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary}: {e}"));
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let writer = Arc::new(Mutex::new(stdin));
        let (tx, rx) = channel();
        let progress = Arc::new(Mutex::new(Vec::new()));
        {
            let writer = writer.clone();
            let progress = progress.clone();
            std::thread::spawn(move || read_loop(stdout, tx, writer, progress, started));
        }
        Client { child, writer, next_id: 1, responses: rx, pending: HashMap::new(), progress, started }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        send(&self.writer, &json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id without waiting.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        send(&self.writer, &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    pub fn wait(&mut self, id: i64) -> Value {
        if let Some(v) = self.pending.remove(&id) {
            return v;
        }
        loop {
            let (got, value) = self.responses.recv_timeout(Duration::from_secs(120)).expect("server stopped answering");
            if got == id {
                return value;
            }
            self.pending.insert(got, value);
        }
    }

    /// Sends a request and waits for its result (or error object).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.wait(id)
    }

    /// Peak and current resident memory of the server, in MB.
    pub fn memory_mb(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .map(|kb| kb / 1024.0)
                .unwrap_or(f64::NAN)
        };
        (field("VmHWM:"), field("VmRSS:"))
    }
}

fn send(writer: &Mutex<ChildStdin>, message: &Value) {
    let body = message.to_string();
    let mut w = writer.lock().expect("writer");
    let _ = write!(w, "Content-Length: {}\r\n\r\n{}", body.len(), body);
    let _ = w.flush();
}

fn read_loop(
    stdout: impl Read,
    tx: Sender<(i64, Value)>,
    writer: Arc<Mutex<ChildStdin>>,
    progress: Arc<Mutex<Vec<(Duration, Value)>>>,
    started: Instant,
) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let Ok(mut message) = serde_json::from_slice::<Value>(&body) else { continue };
        match (message.get("id"), message.get("method")) {
            (Some(id), Some(method)) => {
                // A request from the server: answer as an editor would.
                let result = match method.as_str() {
                    Some("workspace/configuration") => {
                        let n = message["params"]["items"].as_array().map(Vec::len).unwrap_or(1);
                        Value::Array(vec![Value::Null; n])
                    }
                    _ => Value::Null,
                };
                send(&writer, &json!({"jsonrpc": "2.0", "id": id, "result": result}));
            }
            (Some(id), None) => {
                let id = id.as_i64().unwrap_or(-1);
                // Taken, not cloned: copying a 100 KB outline would be the
                // benchmark's own cost, counted against the server.
                let body = message.as_object_mut();
                let value = body.and_then(|m| m.remove("result").or_else(|| m.remove("error"))).unwrap_or_default();
                if tx.send((id, value)).is_err() {
                    return;
                }
            }
            (None, Some(method)) if method == "$/progress" => {
                progress.lock().expect("progress").push((started.elapsed(), message["params"].clone()));
            }
            _ => {}
        }
    }
}
