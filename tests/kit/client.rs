//! The one LSP client of the tests, the fuzz session target and the
//! benchmark. It talks JSON-RPC with real `Content-Length` framing over any
//! pair of async streams: an in-process server over `tokio::io::duplex`, or a
//! child process's stdio (see `process.rs`). A reader task answers the
//! server's own requests as an editor would (`workspace/configuration` with
//! the settings the client was given, everything else such as
//! `client/registerCapability` with `null`), and records every reply per id
//! (with how many arrived and when the first did), every notification (with
//! its arrival time) and every server request.
//!
//! Replies are moved out of the reader, never copied: the benchmark times
//! requests through this client, and copying a 100 KB outline would be the
//! client's cost counted against the server.
//!
//! This file stands alone (it names no other kit module), so that the fuzz
//! crate can include just this file.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// How long a test waits for any single answer before failing.
pub const TIMEOUT: Duration = Duration::from_secs(20);

type Output = Box<dyn AsyncWrite + Send + Unpin>;
/// The server's input; `None` once the client closed it.
type Writer = Arc<tokio::sync::Mutex<Option<Output>>>;

/// What the reader has received so far.
#[derive(Default)]
struct Inbox {
    /// The first reply to each request id, until a caller takes it.
    replies: HashMap<i64, Value>,
    /// How many replies arrived for each id (a second one is a server bug).
    counts: HashMap<i64, usize>,
    /// Replies after the first to an id, kept for a test that sent one id twice.
    repeated: HashMap<i64, Vec<Value>>,
    /// When the first reply for each id arrived.
    arrived_at: HashMap<i64, Instant>,
    /// Replies whose id is null or not an integer (errors for unparsable messages).
    other_replies: Vec<Value>,
    notifications: Vec<(Instant, Value)>,
    server_requests: Vec<Value>,
    /// The server's output ended.
    closed: bool,
    /// Why the reader stopped, when the server broke the protocol.
    broken: Option<String>,
}

struct Shared {
    inbox: Mutex<Inbox>,
    /// Woken whenever the inbox changes.
    changed: Notify,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inbox> {
        // A test that panicked while holding the lock leaves the inbox as it was.
        self.inbox.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A client connected to one server.
pub struct Client {
    writer: Writer,
    shared: Arc<Shared>,
    next_id: AtomicI64,
    /// The in-process server's task, when the client started it.
    server: Mutex<Option<JoinHandle<()>>>,
}

impl Client {
    /// Starts the server in-process over an in-memory pipe.
    /// `configuration` is what the client answers to `workspace/configuration`.
    pub fn in_process(configuration: Value) -> Client {
        let (client_side, server_side) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_side);
        let server = tokio::spawn(async move {
            speech_ls::lsp::serve(server_read, server_write).await;
        });
        let (read, write) = tokio::io::split(client_side);
        let client = Client::over(read, write, configuration);
        *client.server.lock().unwrap_or_else(|e| e.into_inner()) = Some(server);
        client
    }

    /// Talks to a server over the given streams (a child's stdio, a pipe to
    /// a server the test built itself). Must be called inside a tokio runtime.
    pub fn over(
        read: impl AsyncRead + Send + Unpin + 'static,
        write: impl AsyncWrite + Send + Unpin + 'static,
        configuration: Value,
    ) -> Client {
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(Some(Box::new(write))));
        let shared = Arc::new(Shared { inbox: Mutex::new(Inbox::default()), changed: Notify::new() });
        tokio::spawn(read_loop(BufReader::new(read), writer.clone(), shared.clone(), configuration));
        Client { writer, shared, next_id: AtomicI64::new(1), server: Mutex::new(None) }
    }

    /// Writes bytes as they are (a test may send a broken frame).
    pub async fn send_raw(&self, bytes: &[u8]) -> std::io::Result<()> {
        write_to(&self.writer, bytes).await
    }

    /// Frames and sends one body (any bytes, valid JSON or not).
    pub async fn send_body(&self, body: &[u8]) -> std::io::Result<()> {
        self.send_raw(&frame(body)).await
    }

    /// Sends one message; panics when the server's input is closed.
    pub async fn send(&self, msg: &Value) {
        self.send_body(msg.to_string().as_bytes()).await.expect("write to the server");
    }

    /// A fresh request id (ids are never reused within a session).
    pub fn fresh_id(&self) -> i64 {
        self.next_id.fetch_add(1, Ordering::SeqCst)
    }

    /// Sends a request without waiting for its reply; returns its id, for
    /// `reply_to` (or a `$/cancelRequest`).
    pub async fn send_request(&self, method: &str, params: Value) -> i64 {
        let id = self.fresh_id();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        id
    }

    /// Sends a notification; `Value::Null` params are left out.
    pub async fn notify(&self, method: &str, params: Value) {
        let msg = match params {
            Value::Null => json!({"jsonrpc": "2.0", "method": method}),
            p => json!({"jsonrpc": "2.0", "method": method, "params": p}),
        };
        self.send(&msg).await;
    }

    /// Takes the reply to request `id` once it arrived; `None` after
    /// `timeout`, or when the server's output ended without it.
    pub async fn reply_within(&self, id: i64, timeout: Duration) -> Option<Value> {
        self.wait_for(timeout, |inbox| inbox.replies.remove(&id)).await
    }

    /// Takes the whole reply to a request sent with `send_request`; panics
    /// after `TIMEOUT`.
    pub async fn reply_to(&self, id: i64) -> Value {
        match self.reply_within(id, TIMEOUT).await {
            Some(reply) => reply,
            None if self.is_closed() => panic!("the server closed the connection before answering request {id}"),
            None => panic!("no reply to request {id} within {TIMEOUT:?}"),
        }
    }

    /// Sends a request and returns the whole reply message.
    pub async fn request_raw(&self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params).await;
        self.reply_to(id).await
    }

    /// Sends a request and returns its `result` (panics on an error reply).
    pub async fn request(&self, method: &str, params: Value) -> Value {
        let reply = self.request_raw(method, params).await;
        if let Some(err) = reply.get("error") {
            panic!("{method} failed: {err}");
        }
        result_of(reply)
    }

    /// Waits until every id in `ids` has a reply; returns those still unanswered.
    pub async fn wait_all(&self, ids: &[i64], timeout: Duration) -> Vec<i64> {
        let missing =
            |inbox: &Inbox| -> Vec<i64> { ids.iter().copied().filter(|id| !inbox.counts.contains_key(id)).collect() };
        match self.wait_for(timeout, |inbox| Some(missing(inbox)).filter(Vec::is_empty)).await {
            Some(none) => none,
            None => missing(&self.shared.lock()),
        }
    }

    /// `initialize` with the given params, then `initialized`; returns the
    /// server's `InitializeResult`.
    pub async fn initialize(&self, params: Value) -> Value {
        let result = self.request("initialize", params).await;
        self.notify("initialized", json!({})).await;
        result
    }

    /// `didOpen` at version 1, as markdown for `.md` files, else plain text.
    pub async fn open(&self, uri: &str, text: &str) {
        let lang = if uri.ends_with(".md") { "markdown" } else { "plaintext" };
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
        )
        .await;
    }

    /// Waits until the latest diagnostics published for `uri` satisfy
    /// `want`, and returns them; panics after `TIMEOUT`.
    pub async fn wait_for_diagnostics(&self, uri: &str, want: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let found = self
            .wait_for(TIMEOUT, |inbox| {
                let latest = inbox
                    .notifications
                    .iter()
                    .rev()
                    .find(|(_, n)| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
                    .map(|(_, n)| n["params"]["diagnostics"].as_array().cloned().unwrap_or_default());
                latest.filter(|d| want(d))
            })
            .await;
        found.unwrap_or_else(|| panic!("no matching diagnostics for {uri} within {TIMEOUT:?}"))
    }

    /// `shutdown` (waiting for its answer) then `exit`.
    pub async fn shutdown(&self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
    }

    /// Closes the server's input, as a client that goes away does.
    pub async fn close(&self) {
        let output = self.writer.lock().await.take();
        if let Some(mut output) = output {
            let _ = output.shutdown().await;
        }
    }

    /// Waits up to `timeout` for the in-process server's task to end; true
    /// when it did. Panics for a client that did not start its server.
    pub async fn server_ended_within(&self, timeout: Duration) -> bool {
        let task = self.server.lock().unwrap_or_else(|e| e.into_inner()).take();
        let task = task.expect("this client did not start the server in-process");
        tokio::time::timeout(timeout, task).await.is_ok()
    }

    /// When the first reply for `id` arrived.
    pub fn arrival(&self, id: i64) -> Option<Instant> {
        self.shared.lock().arrived_at.get(&id).copied()
    }

    /// How many replies arrived for `id`.
    pub fn response_count(&self, id: i64) -> usize {
        self.shared.lock().counts.get(&id).copied().unwrap_or(0)
    }

    /// The replies to `id` after the first, in order.
    pub fn repeated_replies(&self, id: i64) -> Vec<Value> {
        self.shared.lock().repeated.get(&id).cloned().unwrap_or_default()
    }

    /// Replies that carried a null or non-integer id (e.g. parse errors).
    pub fn other_responses(&self) -> Vec<Value> {
        self.shared.lock().other_replies.clone()
    }

    /// Every notification the server sent, in order.
    pub fn notifications(&self) -> Vec<Value> {
        self.shared.lock().notifications.iter().map(|(_, n)| n.clone()).collect()
    }

    /// The notifications with `method`, with their arrival times.
    pub fn notifications_of(&self, method: &str) -> Vec<(Instant, Value)> {
        self.shared.lock().notifications.iter().filter(|(_, n)| n["method"] == method).cloned().collect()
    }

    /// Every request the server sent the client, in order.
    pub fn server_requests(&self) -> Vec<Value> {
        self.shared.lock().server_requests.clone()
    }

    /// True once the server's output has ended.
    pub fn is_closed(&self) -> bool {
        self.shared.lock().closed
    }

    /// Waits until `found` finds something in the inbox (it may take it
    /// out); `None` after `timeout` or when the server's output ended first.
    /// Panics when the server broke the protocol.
    async fn wait_for<T>(&self, timeout: Duration, mut found: impl FnMut(&mut Inbox) -> Option<T>) -> Option<T> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            // Registered before looking, so that a change between the look and the wait is not missed.
            let changed = self.shared.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            {
                let mut inbox = self.shared.lock();
                if let Some(got) = found(&mut inbox) {
                    return Some(got);
                }
                if let Some(why) = &inbox.broken {
                    panic!("{why}");
                }
                if inbox.closed {
                    return None;
                }
            }
            if tokio::time::timeout_at(deadline, changed).await.is_err() {
                return None;
            }
        }
    }
}

/// The `result` of a reply, or its `error` object, moved out of it.
pub fn result_of(mut reply: Value) -> Value {
    let Some(fields) = reply.as_object_mut() else { return Value::Null };
    fields.remove("result").or_else(|| fields.remove("error")).unwrap_or(Value::Null)
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

async fn write_to(writer: &Writer, bytes: &[u8]) -> std::io::Result<()> {
    let mut guard = writer.lock().await;
    let output = guard.as_mut().ok_or_else(|| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
    output.write_all(bytes).await?;
    output.flush().await
}

/// Reads framed messages until the server's output ends; answers server
/// requests; records the rest.
async fn read_loop(
    mut read: BufReader<impl AsyncRead + Unpin>,
    writer: Writer,
    shared: Arc<Shared>,
    configuration: Value,
) {
    loop {
        match read_message(&mut read).await {
            Ok(Some(msg)) => receive(msg, &writer, &shared, &configuration).await,
            Ok(None) => break,
            Err(why) => {
                shared.lock().broken = Some(why.clone());
                shared.lock().closed = true;
                shared.changed.notify_waiters();
                // Loud for the fuzzer too, whose panic hook aborts on it.
                panic!("{why}");
            }
        }
    }
    shared.lock().closed = true;
    shared.changed.notify_waiters();
}

async fn receive(msg: Value, writer: &Writer, shared: &Shared, configuration: &Value) {
    match (msg.get("method"), msg.get("id")) {
        (Some(method), Some(id)) => {
            // A request from the server: answer as an editor would.
            let result = match method.as_str() {
                Some("workspace/configuration") => {
                    let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![configuration.clone(); n])
                }
                _ => Value::Null,
            };
            let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
            shared.lock().server_requests.push(msg);
            // The client may have closed the server's input already.
            let _ = write_to(writer, &frame(reply.to_string().as_bytes())).await;
        }
        (Some(_), None) => shared.lock().notifications.push((Instant::now(), msg)),
        (None, id) => {
            let mut inbox = shared.lock();
            match id.and_then(Value::as_i64) {
                Some(id) => {
                    let count = inbox.counts.entry(id).or_default();
                    *count += 1;
                    if *count == 1 {
                        inbox.arrived_at.insert(id, Instant::now());
                        inbox.replies.insert(id, msg);
                    } else {
                        inbox.repeated.entry(id).or_default().push(msg);
                    }
                }
                None => inbox.other_replies.push(msg),
            }
        }
    }
    shared.changed.notify_waiters();
}

/// Reads one framed message; `Ok(None)` at the end of the stream. A body
/// that is not JSON is a protocol violation by the server: an `Err`.
async fn read_message(read: &mut BufReader<impl AsyncRead + Unpin>) -> Result<Option<Value>, String> {
    let mut length = None;
    loop {
        let mut line = String::new();
        match read.read_line(&mut line).await {
            Ok(0) | Err(_) => return Ok(None),
            Ok(_) => {}
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else { return Err("the server sent a message without Content-Length".into()) };
    let mut body = vec![0u8; length];
    if read.read_exact(&mut body).await.is_err() {
        return Ok(None);
    }
    serde_json::from_slice(&body).map(Some).map_err(|e| format!("the server wrote a non-JSON body ({e})"))
}
