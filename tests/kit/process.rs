//! The built `speech-ls` binary as a child process speaking LSP on its
//! stdio, as an editor runs it: with the async client of `client.rs`
//! (`spawn_stdio`), or as a `ServerProcess` holding the blocking client, the
//! server's stderr log in a file, and the process itself (exit, memory).

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use super::blocking::BlockingClient;
use super::client::Client;

/// Starts `command` with piped stdin and stdout and a client on them.
/// Must be called inside a tokio runtime.
pub fn spawn_stdio(command: &mut tokio::process::Command, configuration: Value) -> (tokio::process::Child, Client) {
    let (stdout, stdin, child) = spawn_piped(command);
    (child, Client::over(stdout, stdin, configuration))
}

fn spawn_piped(
    command: &mut tokio::process::Command,
) -> (tokio::process::ChildStdout, tokio::process::ChildStdin, tokio::process::Child) {
    let mut child =
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).kill_on_drop(true).spawn().expect("start speech-ls");
    let stdin = child.stdin.take().expect("the child's stdin");
    let stdout = child.stdout.take().expect("the child's stdout");
    (stdout, stdin, child)
}

/// The binary under test: `SPEECH_LS_BIN` if set, else the one Cargo built
/// for this test run.
pub fn server_binary() -> PathBuf {
    // `option_env!`: Cargo names the binary to tests, not to the benchmark.
    std::env::var_os("SPEECH_LS_BIN")
        .map(PathBuf::from)
        .or_else(|| option_env!("CARGO_BIN_EXE_speech-ls").map(PathBuf::from))
        .expect("SPEECH_LS_BIN is unset, and Cargo built no speech-ls for this target")
}

/// The server running as a child, with a blocking client attached. It
/// derefs to that client, so a test calls `server.request(…)` and
/// `server.wait_exit(…)` alike.
pub struct ServerProcess {
    child: tokio::process::Child,
    client: BlockingClient,
    /// The server's stderr, kept in a file so a test can search it for panics.
    stderr_path: Option<PathBuf>,
    _log_dir: Option<tempfile::TempDir>,
}

impl ServerProcess {
    /// Starts the binary under test in `current_dir` (see `server_binary`).
    pub fn spawn(current_dir: &Path) -> ServerProcess {
        ServerProcess::spawn_binary(&server_binary(), current_dir)
    }

    /// Starts `binary --stdio` in `current_dir` with `RUST_LOG=info` (unless
    /// set), its stderr kept in a log file.
    pub fn spawn_binary(binary: &Path, current_dir: &Path) -> ServerProcess {
        let log_dir = tempfile::tempdir().expect("temp dir for the server log");
        let stderr_path = log_dir.path().join("stderr.log");
        let stderr = std::fs::File::create(&stderr_path).expect("create the server log");
        let mut command = tokio::process::Command::new(binary);
        command
            .arg("--stdio")
            .current_dir(current_dir)
            .env("RUST_LOG", std::env::var("RUST_LOG").unwrap_or_else(|_| "info".to_string()))
            .stderr(Stdio::from(stderr));
        let mut server = ServerProcess::start(command);
        server.stderr_path = Some(stderr_path);
        server._log_dir = Some(log_dir);
        server
    }

    /// Starts `binary --stdio` with its stderr discarded and its default log
    /// level, for the benchmark (writing a log would be counted as its work).
    pub fn spawn_silent(binary: &Path) -> ServerProcess {
        let mut command = tokio::process::Command::new(binary);
        command.arg("--stdio").stderr(Stdio::null());
        ServerProcess::start(command)
    }

    fn start(mut command: tokio::process::Command) -> ServerProcess {
        let (client, child) = BlockingClient::connect(|| spawn_piped(&mut command), Value::Null);
        ServerProcess { child, client, stderr_path: None, _log_dir: None }
    }

    pub fn pid(&self) -> u32 {
        self.child.id().unwrap_or(0)
    }

    /// The peak resident set size of the server so far, in kB (Linux only).
    pub fn peak_rss_kb(&self) -> Option<u64> {
        self.status_kb("VmHWM:")
    }

    /// The server's resident set size now, in kB (Linux only).
    pub fn rss_kb(&self) -> Option<u64> {
        self.status_kb("VmRSS:")
    }

    fn status_kb(&self, field: &str) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// True while the process has not exited.
    pub fn is_alive(&mut self) -> bool {
        let (client, child) = (&self.client, &mut self.child);
        client.block_on(async { matches!(child.try_wait(), Ok(None)) })
    }

    /// Waits up to `timeout` for the process to exit.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let (client, child) = (&self.client, &mut self.child);
        // The timer is made inside the runtime, which drives it.
        client.block_on(async { tokio::time::timeout(timeout, child.wait()).await }).ok().and_then(Result::ok)
    }

    /// `shutdown` (waiting for its answer) then `exit`; true when the process
    /// ended within `timeout`.
    pub fn shutdown_and_exit(&mut self, timeout: Duration) -> bool {
        let answered = self.request("shutdown", Value::Null, timeout).is_some();
        let _ = self.send_body(json!({"jsonrpc": "2.0", "method": "exit"}).to_string().as_bytes());
        answered && self.wait_exit(timeout).is_some()
    }

    /// What the server wrote to stderr so far (empty for `spawn_silent`).
    pub fn stderr_log(&self) -> String {
        let Some(path) = &self.stderr_path else { return String::new() };
        std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
    }

    /// Panics if the server's log shows a panic.
    pub fn assert_no_panic_in_log(&self) {
        let log = self.stderr_log();
        let bad: Vec<&str> = log.lines().filter(|l| l.contains("panicked")).take(5).collect();
        assert!(bad.is_empty(), "the server log shows panics:\n{}", bad.join("\n"));
    }
}

impl Deref for ServerProcess {
    type Target = BlockingClient;

    fn deref(&self) -> &BlockingClient {
        &self.client
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if self.is_alive() {
            let _ = self.child.start_kill();
            let (client, child) = (&self.client, &mut self.child);
            let _ = client.block_on(child.wait());
        }
    }
}
