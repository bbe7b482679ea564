//! Shared helpers for the reliability tests: a blocking LSP client that drives
//! the built `speech-ls` binary over stdio with raw framing (so tests can send
//! broken bodies, many requests in flight, cancellations), records every
//! response per id, answers the server's own requests, keeps the server's
//! stderr log in a file, and reads the process's peak memory. Plus a seeded
//! xorshift PRNG and corpus builders.
//!
//! It uses plain threads rather than tokio: a test that floods the server must
//! keep draining stdout while it writes, and a reader thread does that simply.

#![allow(dead_code)] // each test binary uses a different part of this helper

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A small, fast, seeded PRNG (xorshift64*), so a failing storm can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The seed for a randomised test: `SPEECH_LS_SEED` when set, else `default`.
pub fn seed_from_env(default: u64) -> u64 {
    std::env::var("SPEECH_LS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

pub fn repo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds_dir() -> PathBuf {
    repo_dir().join("seeds")
}

pub const SEED_NAME: &str = "000_dfd047e8c9417aac.txt";

pub fn seed_text() -> String {
    std::fs::read_to_string(seeds_dir().join(SEED_NAME)).expect("the seed transcript is in seeds/")
}

/// The `file:` URI of an absolute path, as the server spells it.
pub fn uri(path: &Path) -> String {
    speech_ls::lsp::convert::uri_from_path(path).map(|u| u.as_str().to_string()).expect("absolute path")
}

/// Copies `seeds/` into `dir` (files only) and adds `extra` generated
/// transcripts (the seed with another date and speaker names), each listed
/// in INDEX.md. Returns the generated file names.
pub fn make_seed_corpus(dir: &Path, extra: usize) -> Vec<String> {
    for entry in std::fs::read_dir(seeds_dir()).expect("read seeds/") {
        let entry = entry.expect("seeds/ entry");
        if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy a seed file");
        }
    }
    // Copies of a read-only seed are read-only too; tests write around them.
    let seed = seed_text();
    let mut index = std::fs::read_to_string(dir.join("INDEX.md")).expect("seeds/INDEX.md");
    let mut names = Vec::new();
    for i in 0..extra {
        let name = format!("gen_{i:03}.txt");
        let day = 10 + i % 18;
        let text =
            seed.replacen("2021-03-03", &format!("2021-04-{day:02}"), 1).replace("Putin", &format!("Speaker{i}"));
        std::fs::write(dir.join(&name), text).expect("write a generated transcript");
        index.push_str(&format!("- 2021-04-{day:02} [Generated speech {i}]({name}) #generated\n"));
        names.push(name);
    }
    make_writable(&dir.join("INDEX.md"));
    std::fs::write(dir.join("INDEX.md"), index).expect("write INDEX.md");
    names
}

pub fn make_writable(path: &Path) {
    if let Ok(meta) = std::fs::metadata(path) {
        let mut perms = meta.permissions();
        #[allow(clippy::permissions_set_readonly_false)] // test temp files only
        perms.set_readonly(false);
        let _ = std::fs::set_permissions(path, perms);
    }
}

/// `initialize` params for a client rooted at `root`, speaking `encoding`
/// ("utf-16" or "utf-8"), that answers `workspace/configuration`.
pub fn init_params(root: &Path, encoding: &str) -> Value {
    json!({
        "processId": std::process::id(),
        "rootUri": uri(root),
        "workspaceFolders": [{"uri": uri(root), "name": "corpus"}],
        "capabilities": {
            "general": {"positionEncodings": [encoding]},
            "workspace": {"configuration": true, "didChangeWatchedFiles": {"dynamicRegistration": false}},
            "textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}
        }
    })
}

#[derive(Default)]
struct Inbox {
    /// Every response received, per integer id, in arrival order.
    responses: HashMap<i64, Vec<Value>>,
    /// When the first response for each id arrived.
    arrived_at: HashMap<i64, Instant>,
    /// Responses whose id is null or not an integer (parse errors).
    other_responses: Vec<Value>,
    /// Notifications with their arrival time.
    notifications: Vec<(Instant, Value)>,
    closed: bool,
}

struct Shared {
    inbox: Mutex<Inbox>,
    arrived: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inbox> {
        self.inbox.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The `speech-ls` binary running as a child, with a raw LSP client attached.
pub struct ServerProcess {
    child: Child,
    stdin: Arc<Mutex<Option<ChildStdin>>>,
    shared: Arc<Shared>,
    next_id: AtomicI64,
    /// The server's stderr, kept in a file so a test can search it for panics.
    pub stderr_path: PathBuf,
    _log_dir: tempfile::TempDir,
}

impl ServerProcess {
    /// Starts the debug or release binary (`SPEECH_LS_BIN` overrides) with `RUST_LOG=info`.
    pub fn spawn(current_dir: &Path) -> ServerProcess {
        ServerProcess::spawn_binary(&server_binary(), current_dir)
    }

    pub fn spawn_binary(binary: &Path, current_dir: &Path) -> ServerProcess {
        let log_dir = tempfile::tempdir().expect("temp dir for the server log");
        let stderr_path = log_dir.path().join("stderr.log");
        let stderr = std::fs::File::create(&stderr_path).expect("create the server log");
        let mut child = Command::new(binary)
            .arg("--stdio")
            .current_dir(current_dir)
            .env("RUST_LOG", std::env::var("RUST_LOG").unwrap_or_else(|_| "info".to_string()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr))
            .spawn()
            .expect("start speech-ls");
        let stdin = Arc::new(Mutex::new(child.stdin.take()));
        let stdout = child.stdout.take().expect("stdout");
        let shared = Arc::new(Shared { inbox: Mutex::new(Inbox::default()), arrived: Condvar::new() });
        let (reader_shared, reader_stdin) = (shared.clone(), stdin.clone());
        std::thread::spawn(move || read_loop(BufReader::new(stdout), reader_stdin, reader_shared));
        ServerProcess { child, stdin, shared, next_id: AtomicI64::new(1), stderr_path, _log_dir: log_dir }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes bytes as they are (a test may send a broken frame body).
    pub fn send_raw(&self, bytes: &[u8]) -> std::io::Result<()> {
        let mut guard = self.stdin.lock().unwrap_or_else(|e| e.into_inner());
        let w = guard.as_mut().ok_or_else(|| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        w.write_all(bytes)?;
        w.flush()
    }

    /// Closes the server's input, as a client that goes away does.
    pub fn close_stdin(&self) {
        self.stdin.lock().unwrap_or_else(|e| e.into_inner()).take();
    }

    /// Frames and sends one body (any bytes, valid JSON or not).
    pub fn send_body(&self, body: &[u8]) -> std::io::Result<()> {
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend_from_slice(body);
        self.send_raw(&framed)
    }

    pub fn send(&self, msg: &Value) {
        self.send_body(msg.to_string().as_bytes()).expect("write to speech-ls");
    }

    /// A fresh request id (ids are never reused within a session).
    pub fn fresh_id(&self) -> i64 {
        self.next_id.fetch_add(1, Ordering::SeqCst)
    }

    /// Sends a request without waiting; returns its id.
    pub fn request_async(&self, method: &str, params: Value) -> i64 {
        let id = self.fresh_id();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response (the whole message).
    pub fn request(&self, method: &str, params: Value, timeout: Duration) -> Option<Value> {
        let id = self.request_async(method, params);
        self.wait_response(id, timeout)
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits until a response for `id` arrived; returns the first one.
    pub fn wait_response(&self, id: i64, timeout: Duration) -> Option<Value> {
        let deadline = Instant::now() + timeout;
        let mut inbox = self.shared.lock();
        loop {
            if let Some(first) = inbox.responses.get(&id).and_then(|v| v.first()) {
                return Some(first.clone());
            }
            let now = Instant::now();
            if now >= deadline || inbox.closed {
                return None;
            }
            inbox = self.shared.arrived.wait_timeout(inbox, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Waits until every id in `ids` has at least one response; returns the ids still unanswered.
    pub fn wait_all(&self, ids: &[i64], timeout: Duration) -> Vec<i64> {
        let deadline = Instant::now() + timeout;
        let mut inbox = self.shared.lock();
        loop {
            let missing: Vec<i64> = ids.iter().copied().filter(|id| !inbox.responses.contains_key(id)).collect();
            let now = Instant::now();
            if missing.is_empty() || now >= deadline || inbox.closed {
                return missing;
            }
            inbox = self.shared.arrived.wait_timeout(inbox, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// When the first response for `id` arrived.
    pub fn arrival(&self, id: i64) -> Option<Instant> {
        self.shared.lock().arrived_at.get(&id).copied()
    }

    /// How many responses arrived for `id`.
    pub fn response_count(&self, id: i64) -> usize {
        self.shared.lock().responses.get(&id).map_or(0, Vec::len)
    }

    /// Every response that arrived for `id`, in order.
    pub fn responses(&self, id: i64) -> Vec<Value> {
        self.shared.lock().responses.get(&id).cloned().unwrap_or_default()
    }

    /// Responses that carried a null or non-integer id (e.g. parse errors).
    pub fn other_responses(&self) -> Vec<Value> {
        self.shared.lock().other_responses.clone()
    }

    /// Notifications with `method`, with their arrival times.
    pub fn notifications(&self, method: &str) -> Vec<(Instant, Value)> {
        self.shared.lock().notifications.iter().filter(|(_, n)| n["method"] == method).cloned().collect()
    }

    /// `initialize` then `initialized`; returns the `InitializeResult`.
    pub fn initialize(&self, root: &Path, encoding: &str) -> Value {
        let reply = self
            .request("initialize", init_params(root, encoding), Duration::from_secs(20))
            .expect("an answer to initialize");
        self.notify("initialized", json!({}));
        reply["result"].clone()
    }

    pub fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
    }

    /// The peak resident set size of the server so far, in kB (Linux only).
    pub fn peak_rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// True while the process has not exited.
    pub fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits up to `timeout` for the process to exit.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `shutdown` (waiting for its answer) then `exit`; true when the process ended within `timeout`.
    pub fn shutdown_and_exit(&mut self, timeout: Duration) -> bool {
        let answered = self.request("shutdown", Value::Null, timeout).is_some();
        let _ = self.send_body(json!({"jsonrpc": "2.0", "method": "exit"}).to_string().as_bytes());
        answered && self.wait_exit(timeout).is_some()
    }

    /// What the server wrote to stderr so far.
    pub fn stderr_log(&self) -> String {
        std::fs::read(&self.stderr_path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    }

    /// Panics if the server's log shows a panic.
    pub fn assert_no_panic_in_log(&self) {
        let log = self.stderr_log();
        let bad: Vec<&str> = log.lines().filter(|l| l.contains("panicked")).take(5).collect();
        assert!(bad.is_empty(), "the server log shows panics:\n{}", bad.join("\n"));
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if self.is_alive() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The binary under test: `SPEECH_LS_BIN` if set, else the one Cargo built for this test run.
pub fn server_binary() -> PathBuf {
    std::env::var_os("SPEECH_LS_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_speech-ls")))
}

/// A release build of the server if one exists and is newer than the debug
/// one (for timing-sensitive tests), else the debug build under test.
pub fn fastest_binary() -> (PathBuf, &'static str) {
    if std::env::var_os("SPEECH_LS_BIN").is_some() {
        return (server_binary(), "SPEECH_LS_BIN");
    }
    let debug = PathBuf::from(env!("CARGO_BIN_EXE_speech-ls"));
    let release = repo_dir().join("target/release/speech-ls");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(&release), modified(&debug)) {
        (Some(r), Some(d)) if r >= d => (release, "release"),
        _ => (debug, "debug"),
    }
}

fn read_loop(mut read: BufReader<impl Read>, stdin: Arc<Mutex<Option<ChildStdin>>>, shared: Arc<Shared>) {
    while let Some(msg) = read_message(&mut read) {
        let is_request = msg.get("method").is_some() && msg.get("id").is_some();
        if is_request {
            // Answer like a plain editor: no settings, registrations accepted.
            let result = if msg["method"] == "workspace/configuration" {
                let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![Value::Null; n])
            } else {
                Value::Null
            };
            let reply = json!({"jsonrpc": "2.0", "id": msg["id"].clone(), "result": result}).to_string();
            let mut guard = stdin.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(w) = guard.as_mut() {
                let _ = write!(w, "Content-Length: {}\r\n\r\n{}", reply.len(), reply);
                let _ = w.flush();
            }
            continue;
        }
        let mut inbox = shared.lock();
        if msg.get("method").is_some() {
            inbox.notifications.push((Instant::now(), msg));
        } else if let Some(id) = msg.get("id").and_then(Value::as_i64) {
            inbox.arrived_at.entry(id).or_insert_with(Instant::now);
            inbox.responses.entry(id).or_default().push(msg);
        } else {
            inbox.other_responses.push(msg);
        }
        drop(inbox);
        shared.arrived.notify_all();
    }
    shared.lock().closed = true;
    shared.arrived.notify_all();
}

/// Reads one framed message; `None` at the end of the stream. A body that is
/// not JSON is a protocol violation by the server and fails loudly.
fn read_message(read: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if read.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:").or_else(|| line.strip_prefix("content-length:")) {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0u8; length?];
    read.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).unwrap_or_else(|e| panic!("the server wrote a non-JSON body ({e})")))
}
