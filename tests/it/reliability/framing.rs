//! The frame reader gets back in step after any malformed frame: a
//! `Content-Length` one byte too large or too small, a length that is not a
//! number, a header that does not start a line, garbage between frames. Each
//! attack is followed by normal requests, and every one of them must be
//! answered (the built binary over stdio, as an editor runs it), the server
//! must stay alive, and its log must say what it skipped.

use std::time::Duration;

use super::{init_params, make_seed_corpus};
use crate::kit::process::ServerProcess;
use serde_json::{Value, json};

/// Requests sent after each malformed frame (the acceptance attack sends 30).
const FOLLOWERS: usize = 30;

/// One request body, as the client would frame it.
fn request_body(id: i64) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "workspace/symbol", "params": {"query": "putin"}}).to_string()
}

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// Starts a server on a small corpus, sends `attack` (raw bytes, built from
/// the first free id), then `FOLLOWERS` well-framed requests in the same
/// write; returns the server and the ids left unanswered.
fn run_attack(attack: impl Fn(i64) -> Vec<u8>) -> (ServerProcess, Vec<i64>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp corpus");
    let root = dir.path().canonicalize().expect("canonical temp dir");
    make_seed_corpus(&root, 1);
    let server = ServerProcess::spawn(&root);
    server.initialize(init_params(&root, "utf-16"));
    let first = server.fresh_id();
    let mut bytes = attack(first);
    let ids: Vec<i64> = (0..FOLLOWERS).map(|_| server.fresh_id()).collect();
    for id in &ids {
        bytes.extend_from_slice(frame(&request_body(*id)).as_bytes());
    }
    server.send_raw(&bytes).expect("write to speech-ls");
    let missing = server.wait_all(&ids, Duration::from_secs(30));
    (server, missing, dir)
}

fn assert_survived(name: &str, mut server: ServerProcess, missing: &[i64], log_says: &str) {
    assert!(missing.is_empty(), "{name}: {} of {FOLLOWERS} requests unanswered: {missing:?}", missing.len());
    assert!(server.is_alive(), "{name}: the server died");
    let log = server.stderr_log();
    assert!(log.contains(log_says), "{name}: the log does not say `{log_says}`:\n{log}");
    server.assert_no_panic_in_log();
    assert!(server.shutdown_and_exit(Duration::from_secs(10)), "{name}: no clean exit");
}

/// The acceptance attack: one frame whose `Content-Length` is one byte too
/// large, then 30 normal requests. Before the fix the reader took the first
/// byte of the next header into the body, then never matched a header again
/// (0 of 30 answered).
#[test]
fn a_content_length_one_byte_too_large_does_not_wedge_the_stream() {
    let (server, missing, _dir) = run_attack(|id| {
        let body = request_body(id);
        format!("Content-Length: {}\r\n\r\n{body}", body.len() + 1).into_bytes()
    });
    assert_survived("one byte too large", server, &missing, "Content-Length");
}

#[test]
fn a_content_length_one_byte_too_small_does_not_wedge_the_stream() {
    let (server, missing, _dir) = run_attack(|id| {
        let body = request_body(id);
        format!("Content-Length: {}\r\n\r\n{body}", body.len() - 1).into_bytes()
    });
    assert_survived("one byte too small", server, &missing, "Content-Length");
}

#[test]
fn a_length_that_is_not_a_number_is_skipped() {
    let (server, missing, _dir) =
        run_attack(|id| format!("Content-Length: twelve\r\n\r\n{}", request_body(id)).into_bytes());
    assert_survived("garbage length", server, &missing, "Content-Length");
}

#[test]
fn a_header_that_does_not_start_a_line_is_found() {
    let (server, missing, _dir) = run_attack(|id| format!("junk before{}", frame(&request_body(id))).into_bytes());
    assert_survived("header inside a line", server, &missing, "skipp");
}

#[test]
fn garbage_between_frames_is_skipped() {
    let (server, missing, _dir) = run_attack(|_| b"\x00\xff some bytes that are no frame at all\r\n\r\n{{{".to_vec());
    assert_survived("garbage", server, &missing, "skipp");
}

/// Each request of a malformed frame that can still be read is answered:
/// the log names what was skipped, and no answer goes missing.
#[test]
fn the_request_inside_a_mislabelled_frame_is_answered() {
    for (name, delta) in [("too large", 1i64), ("too small", -1), ("much too small", -20)] {
        let (server, missing, _dir) = run_attack(|id| {
            let body = request_body(id);
            format!("Content-Length: {}\r\n\r\n{body}", body.len() as i64 + delta).into_bytes()
        });
        // The attack's own request got the first id after initialize.
        let attack_id = 2;
        let reply: Option<Value> = server.wait_response(attack_id, Duration::from_secs(10));
        assert!(reply.is_some_and(|r| r.get("result").is_some()), "{name}: the mislabelled request got no result");
        assert_survived(name, server, &missing, "Content-Length");
    }
}
