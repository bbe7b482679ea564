//! The client of `client.rs` for callers without async: the reliability
//! tests, which flood a server from plain threads, and the benchmark. It owns
//! a small runtime whose one worker runs the reader, so the server's output
//! is drained while the caller writes or sleeps; each call blocks on the
//! async client. There is no second framing or reading implementation.

use std::future::Future;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};

use super::client::Client;

pub struct BlockingClient {
    runtime: tokio::runtime::Runtime,
    client: Client,
}

impl BlockingClient {
    /// A client over streams that `connect` makes inside the client's own
    /// runtime (child processes and pipes must be made there).
    pub fn connect<R, W, T>(connect: impl FnOnce() -> (R, W, T), configuration: Value) -> (BlockingClient, T)
    where
        R: AsyncRead + Send + Unpin + 'static,
        W: AsyncWrite + Send + Unpin + 'static,
    {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime for the client");
        let (client, extra) = {
            let _inside = runtime.enter();
            let (read, write, extra) = connect();
            (Client::over(read, write, configuration), extra)
        };
        (BlockingClient { runtime, client }, extra)
    }

    /// Runs `future` on the client's runtime (for the caller's own async work,
    /// such as waiting for a child process).
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// The async client, for inspection (`arrival`, `notifications`, …).
    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn send_raw(&self, bytes: &[u8]) -> std::io::Result<()> {
        self.block_on(self.client.send_raw(bytes))
    }

    pub fn send_body(&self, body: &[u8]) -> std::io::Result<()> {
        self.block_on(self.client.send_body(body))
    }

    pub fn send(&self, msg: &Value) {
        self.block_on(self.client.send(msg))
    }

    pub fn fresh_id(&self) -> i64 {
        self.client.fresh_id()
    }

    /// Sends a request without waiting; returns its id.
    pub fn request_async(&self, method: &str, params: Value) -> i64 {
        self.block_on(self.client.send_request(method, params))
    }

    /// Sends a request and waits for its reply (the whole message).
    pub fn request(&self, method: &str, params: Value, timeout: Duration) -> Option<Value> {
        let id = self.request_async(method, params);
        self.wait_response(id, timeout)
    }

    pub fn notify(&self, method: &str, params: Value) {
        self.block_on(self.client.notify(method, params))
    }

    /// Takes the reply to `id` once it arrived; `None` after `timeout`.
    pub fn wait_response(&self, id: i64, timeout: Duration) -> Option<Value> {
        self.block_on(self.client.reply_within(id, timeout))
    }

    /// Waits until every id in `ids` has a reply; returns those still unanswered.
    pub fn wait_all(&self, ids: &[i64], timeout: Duration) -> Vec<i64> {
        self.block_on(self.client.wait_all(ids, timeout))
    }

    /// `initialize` with `params`, then `initialized`; returns the `InitializeResult`.
    pub fn initialize(&self, params: Value) -> Value {
        self.block_on(self.client.initialize(params))
    }

    pub fn open(&self, uri: &str, text: &str) {
        self.block_on(self.client.open(uri, text))
    }

    /// Closes the server's input, as a client that goes away does.
    pub fn close_stdin(&self) {
        self.block_on(self.client.close())
    }

    pub fn arrival(&self, id: i64) -> Option<Instant> {
        self.client.arrival(id)
    }

    pub fn response_count(&self, id: i64) -> usize {
        self.client.response_count(id)
    }

    pub fn other_responses(&self) -> Vec<Value> {
        self.client.other_responses()
    }

    /// The replies to `id` after the first, in order.
    pub fn repeated_replies(&self, id: i64) -> Vec<Value> {
        self.client.repeated_replies(id)
    }

    /// The notifications with `method`, with their arrival times.
    pub fn notifications(&self, method: &str) -> Vec<(Instant, Value)> {
        self.client.notifications_of(method)
    }
}
