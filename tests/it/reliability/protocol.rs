//! Protocol conformance at the edges JSON-RPC 2.0 and LSP define, on the
//! built binary over stdio: the exit code after `exit`, a batch (an array of
//! messages, which LSP does not support), ids the framework cannot represent
//! (1.5, 2^63), an id reused while its first request is in flight, and a
//! `didOpen` whose URI holds raw spaces. Each message that asks for an answer
//! gets one; nothing is dropped without a log line.

use std::time::Duration;

use super::{init_params, make_seed_corpus};
use crate::kit::corpus::{SEED, seed_text};
use crate::kit::process::ServerProcess;
use crate::kit::proto::uri;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(10);

fn started() -> (ServerProcess, tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp corpus");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    make_seed_corpus(&root, 1);
    let server = ServerProcess::spawn(&root);
    server.initialize(init_params(&root, "utf-16"));
    (server, dir, root)
}

/// The specification: "The server should exit with success code 0 if the
/// shutdown request has been received before; otherwise with error code 1."
/// Before the fix both ended with 0.
#[test]
fn exit_without_shutdown_ends_with_code_1_and_after_shutdown_with_0() {
    let (mut server, _dir, _root) = started();
    server.notify("exit", Value::Null);
    let status = server.wait_exit(WAIT).expect("the server exits on `exit`");
    assert_eq!(status.code(), Some(1), "exit without shutdown: {status}");

    let (mut server, _dir, _root) = started();
    assert!(server.shutdown_and_exit(WAIT), "shutdown then exit ends the process");
    let status = server.wait_exit(WAIT).expect("exited");
    assert_eq!(status.code(), Some(0), "exit after shutdown: {status}");
}

/// LSP does not support JSON-RPC batches; a batch must still be answered
/// (with errors), or a client that sent one waits forever. Before the fix
/// the array was dropped without an answer.
#[test]
fn a_batch_gets_error_answers() {
    let (server, _dir, _root) = started();
    let (a, b) = (server.fresh_id(), server.fresh_id());
    let batch = json!([
        {"jsonrpc": "2.0", "id": a, "method": "workspace/symbol", "params": {"query": ""}},
        {"jsonrpc": "2.0", "id": b, "method": "workspace/symbol", "params": {"query": "x"}},
        {"jsonrpc": "2.0", "method": "$/noSuchNotification"}
    ]);
    server.send_body(batch.to_string().as_bytes()).expect("write");
    for id in [a, b] {
        let reply = server.wait_response(id, WAIT).unwrap_or_else(|| panic!("no answer to batch element {id}"));
        let message = reply["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("batch"), "an error that says why: {reply}");
    }
    // An empty batch has no id to answer: one error with id null.
    server.send_body(b"[]").expect("write");
    let later = server.request("workspace/symbol", json!({"query": ""}), WAIT);
    assert!(later.is_some(), "the session goes on");
    let null_errors = server.other_responses();
    assert!(
        null_errors.iter().any(|r| r["id"].is_null() && r["error"]["code"] == -32600),
        "an Invalid Request error with id null: {null_errors:?}"
    );
}

/// Ids the framework cannot hold (it keeps integer ids as i64) still get an
/// answer: an error that echoes the id as sent. Before the fix: no answer.
#[test]
fn ids_that_are_not_64_bit_integers_get_an_answer() {
    let (server, _dir, _root) = started();
    for raw in ["1.5", "9223372036854775808", "-1e3", "true"] {
        let body = format!(r#"{{"jsonrpc":"2.0","id":{raw},"method":"workspace/symbol","params":{{"query":""}}}}"#);
        server.send_body(body.as_bytes()).expect("write");
    }
    // Answers come in any order; wait until the session has answered a later request.
    assert!(server.request("workspace/symbol", json!({"query": ""}), WAIT).is_some());
    let deadline = std::time::Instant::now() + WAIT;
    let answered = loop {
        let others = server.other_responses();
        if others.len() >= 4 || std::time::Instant::now() > deadline {
            break others;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let ids: Vec<String> = answered.iter().map(|r| r["id"].to_string()).collect();
    for want in ["1.5", "9223372036854775808", "-1000.0", "null"] {
        assert!(ids.iter().any(|id| id == want), "no answer with id {want}: {answered:?}");
    }
    assert!(answered.iter().all(|r| r.get("error").is_some()), "errors: {answered:?}");
}

/// A client that reuses an id while its first request is still running
/// must not lose a request silently: both get an answer, and the second is
/// an error that says why (logged, too).
#[test]
fn an_id_reused_while_in_flight_does_not_lose_a_request() {
    let (server, _dir, root) = started();
    let seed = uri(&root.join(SEED));
    server.open(&seed, &seed_text());
    let id = server.fresh_id();
    // Heavy enough to be in flight when the second arrives: the themes of a
    // long speech (the cache is cold), then a cheap one with the same id.
    let hover = json!({"textDocument": {"uri": seed}, "position": {"line": 0, "character": 2}});
    let first = json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": hover});
    let second = json!({"jsonrpc": "2.0", "id": id, "method": "workspace/symbol", "params": {"query": ""}});
    let mut bytes = Vec::new();
    for msg in [&first, &second] {
        let body = msg.to_string();
        bytes.extend_from_slice(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }
    server.send_raw(&bytes).expect("write");
    assert!(server.request("workspace/symbol", json!({"query": ""}), WAIT).is_some());
    let deadline = std::time::Instant::now() + WAIT;
    while server.response_count(id) < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(server.response_count(id), 2, "two requests with id {id}, two answers");
    let mut replies = server.repeated_replies(id);
    replies.extend(server.wait_response(id, WAIT));
    let why = replies.iter().filter_map(|r| r["error"]["message"].as_str()).collect::<Vec<_>>().join(" ");
    assert!(why.contains("in flight"), "the refused one says why: {replies:?}");
    let log = server.stderr_log();
    assert!(log.contains(&format!("id {id}")) && log.contains("in flight"), "logged:\n{log}");
}

/// A URI with raw spaces is not a valid URI; the framework drops the whole
/// notification. It must be logged, and served when it can be read
/// leniently (the spaces percent-encoded). Before the fix: dropped silently.
#[test]
fn a_did_open_with_raw_spaces_in_its_uri_is_logged_and_served() {
    let dir = tempfile::tempdir().expect("temp corpus");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    let folder = root.join("my speeches");
    std::fs::create_dir(&folder).expect("mkdir");
    make_seed_corpus(&folder, 0);
    let server = ServerProcess::spawn(&root);
    server.initialize(init_params(&folder, "utf-16"));
    let raw_uri = format!("file://{}", folder.join(SEED).display());
    assert!(raw_uri.contains(' '));
    let edited = seed_text().replacen("2021-03-03", "1999-12-31", 1);
    server.open(&raw_uri, &edited);
    let reply = server
        .request("textDocument/documentSymbol", json!({"textDocument": {"uri": raw_uri}}), WAIT)
        .expect("an answer");
    assert_eq!(reply["result"][0]["name"], "1999-12-31", "the open buffer is served: {reply}");
    let log = server.stderr_log();
    assert!(log.contains("raw spaces") || log.contains("not a valid URI"), "logged:\n{log}");
}
