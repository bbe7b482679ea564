//! What to do with each JSON message from the client before the framework
//! sees it: pass it on, answer it here with an error, or drop it (logged).
//!
//! tower-lsp-server 0.23 drops without an answer what it cannot decode: a
//! batch (LSP has none, JSON-RPC 2.0 does), an id that is not an `i64` or a
//! string (1.5, 2^63), a request whose method is not a string; and it
//! answers a second request with an id still in flight with a bare "Invalid
//! request" that the client cannot tell from the first's answer. Each gets
//! an error answer here instead, echoing the id as sent (or null when there
//! is none to echo), and a log line. URIs with raw spaces, which the
//! framework refuses as invalid (dropping a `didOpen`), are percent-encoded
//! and logged.

use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Request, Response};

/// JSON-RPC error codes used here.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;

/// What the guard knows about the session: the ids in flight (sent on,
/// not yet answered), and whether `shutdown` and `exit` came.
#[derive(Debug, Default)]
pub struct Session {
    in_flight: Mutex<HashSet<String>>,
    shutdown: AtomicBool,
    exit: AtomicBool,
    /// URIs already repaired (logged once each, not on every keystroke).
    repaired: Mutex<HashSet<String>>,
}

impl Session {
    /// True once a `shutdown` request was passed on to the server.
    pub fn shutdown_requested(&self) -> bool {
        self.shutdown.load(Ordering::SeqCst)
    }

    /// True once `exit` was passed on.
    pub fn exit_received(&self) -> bool {
        self.exit.load(Ordering::SeqCst)
    }

    /// The server answered `id` (as JSON text): it may be used again.
    pub fn answered(&self, id: &str) {
        self.in_flight.lock().unwrap_or_else(|e| e.into_inner()).remove(id);
    }

    fn start(&self, id: &str) -> bool {
        self.in_flight.lock().unwrap_or_else(|e| e.into_inner()).insert(id.to_string())
    }
}

/// The guard's decision about one message.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Pass these bytes on to the framework.
    Forward(Vec<u8>),
    /// Answer the client with these responses; the framework never sees it.
    Answer(Vec<Value>),
    /// Nothing to answer (logged).
    Drop,
}

/// The error response for a body that is not JSON at all.
pub fn parse_error(message: &str) -> Value {
    error(Value::Null, PARSE_ERROR, message)
}

/// The error response for a message that is too large to read.
pub fn too_large() -> Value {
    error(Value::Null, INVALID_REQUEST, "speech-ls: the message is too large; it was skipped unread")
}

/// Decides about one message (`bytes` is how it came, `value` its JSON).
pub fn check(mut value: Value, bytes: Vec<u8>, session: &Session) -> Verdict {
    let Value::Object(fields) = &value else {
        return match value {
            Value::Array(items) => batch(&items),
            other => {
                tracing::warn!("a client message that is not a JSON object: {}", short(&other));
                Verdict::Answer(vec![error(Value::Null, INVALID_REQUEST, "speech-ls: a message must be an object")])
            }
        };
    };
    let is_response = !fields.contains_key("method") && (fields.contains_key("result") || fields.contains_key("error"));
    if is_response {
        if serde_json::from_slice::<Response>(&bytes).is_ok() {
            return Verdict::Forward(bytes);
        }
        tracing::warn!("dropping a response from the client that is not JSON-RPC: {}", short(&value));
        return Verdict::Drop;
    }
    let bytes = match repair_uris(&mut value, session) {
        true => value.to_string().into_bytes(),
        false => bytes,
    };
    let method = value.get("method").and_then(Value::as_str).unwrap_or_default().to_string();
    let Some(id) = value.get("id").cloned() else {
        if serde_json::from_slice::<Request>(&bytes).is_err() {
            tracing::warn!("dropping a notification that is not JSON-RPC: {}", short(&value));
            return Verdict::Drop;
        }
        if method == "exit" {
            session.exit.store(true, Ordering::SeqCst);
        }
        return Verdict::Forward(bytes);
    };
    if !is_usable_id(&id) {
        tracing::warn!(
            "request {method:?} has the id {id}, which is neither an integer nor a string; answered with an error"
        );
        let echo = if id.is_number() { id.clone() } else { Value::Null };
        let message = format!("speech-ls: the request id {id} is not an integer (within 64 bits) or a string");
        return Verdict::Answer(vec![error(echo, INVALID_REQUEST, &message)]);
    }
    if serde_json::from_slice::<Request>(&bytes).is_err() {
        tracing::warn!("request with id {id} is not JSON-RPC 2.0: {}; answered with an error", short(&value));
        return Verdict::Answer(vec![error(id, INVALID_REQUEST, "speech-ls: not a JSON-RPC 2.0 request")]);
    }
    if !session.start(&id.to_string()) {
        tracing::warn!("request {method:?} reuses the id {id} of a request still in flight; answered with an error");
        let message = format!("speech-ls: the request id {id} is already in flight; use a new id for each request");
        return Verdict::Answer(vec![error(id, INVALID_REQUEST, &message)]);
    }
    if method == "shutdown" {
        session.shutdown.store(true, Ordering::SeqCst);
    }
    Verdict::Forward(bytes)
}

/// A JSON-RPC batch: LSP has none. Every request in it gets an error with
/// its id, so that no client waits forever; with none, one error, id null.
fn batch(items: &[Value]) -> Verdict {
    tracing::warn!("a JSON-RPC batch of {} messages; LSP does not support batches, answered with errors", items.len());
    const WHY: &str = "speech-ls: batches are not supported (LSP sends one message per frame)";
    let mut answers: Vec<Value> = items
        .iter()
        .filter(|item| item.get("method").is_some())
        .filter_map(|item| item.get("id").filter(|id| is_usable_id(id) || id.is_number()))
        .map(|id| error(id.clone(), INVALID_REQUEST, WHY))
        .collect();
    if answers.is_empty() {
        answers.push(error(Value::Null, INVALID_REQUEST, WHY));
    }
    Verdict::Answer(answers)
}

/// Ids the framework can hold and echo: 64-bit integers and strings.
fn is_usable_id(id: &Value) -> bool {
    id.is_i64() || id.is_string() || id.is_null()
}

fn error(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// Percent-encodes the URIs a client sent with characters a URI cannot
/// hold (raw spaces, mostly); true when one was changed. Only URIs that do
/// not parse are touched, and only when the repaired one does.
fn repair_uris(message: &mut Value, session: &Session) -> bool {
    let Some(params) = message.get_mut("params") else { return false };
    let mut changed = false;
    let mut fix = |slot: Option<&mut Value>| {
        let Some(slot) = slot else { return };
        let Some(uri) = slot.as_str() else { return };
        if uri.parse::<tower_lsp_server::ls_types::Uri>().is_ok() {
            return;
        }
        let repaired = encode_invalid(uri);
        if repaired.parse::<tower_lsp_server::ls_types::Uri>().is_err() {
            tracing::warn!("the client sent {uri:?}, which is not a valid URI; it cannot be read");
            return;
        }
        let first = session.repaired.lock().unwrap_or_else(|e| e.into_inner()).insert(uri.to_string());
        if first {
            tracing::warn!("the client sent {uri:?}, which is not a valid URI (raw spaces?); read as {repaired:?}");
        }
        *slot = Value::String(repaired);
        changed = true;
    };
    fix(params.get_mut("textDocument").and_then(|d| d.get_mut("uri")));
    fix(params.get_mut("rootUri"));
    if let Some(folders) = params.get_mut("workspaceFolders").and_then(Value::as_array_mut) {
        for folder in folders {
            fix(folder.get_mut("uri"));
        }
    }
    changed
}

/// `uri` with every byte a URI may not hold percent-encoded (a `%` that
/// does not start an escape, too); reserved characters are kept.
fn encode_invalid(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = String::with_capacity(uri.len());
    for (i, &b) in bytes.iter().enumerate() {
        let is_escape = b == b'%' && bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        let allowed = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b) || is_escape;
        if allowed {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A message, shortened for a log line.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(text: &str, session: &Session) -> Verdict {
        let value: Value = serde_json::from_str(text).expect("test JSON");
        check(value, text.as_bytes().to_vec(), session)
    }

    fn answers(v: Verdict) -> Vec<Value> {
        match v {
            Verdict::Answer(a) => a,
            other => panic!("expected an answer, got {other:?}"),
        }
    }

    #[test]
    fn good_messages_pass_unchanged() {
        let s = Session::default();
        for text in [
            r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","method":"exit"}"#,
            r#"{"jsonrpc":"2.0","id":"a","result":null}"#,
        ] {
            assert_eq!(verdict(text, &s), Verdict::Forward(text.as_bytes().to_vec()), "{text}");
        }
        assert!(s.shutdown_requested() && s.exit_received());
    }

    #[test]
    fn odd_ids_are_answered_with_the_id_echoed() {
        let s = Session::default();
        let a = answers(verdict(r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, &s));
        assert_eq!(a[0]["id"], json!(1.5));
        let a = answers(verdict(r#"{"jsonrpc":"2.0","id":{"o":1},"method":"x"}"#, &s));
        assert_eq!(a[0]["id"], Value::Null);
        let a = answers(verdict(r#"{"jsonrpc":"2.0","id":7,"method":{"not":"a string"}}"#, &s));
        assert_eq!((a[0]["id"].clone(), a[0]["error"]["code"].clone()), (json!(7), json!(INVALID_REQUEST)));
    }

    #[test]
    fn an_id_in_flight_is_refused_until_answered() {
        let s = Session::default();
        let text = r#"{"jsonrpc":"2.0","id":3,"method":"hover"}"#;
        assert!(matches!(verdict(text, &s), Verdict::Forward(_)));
        let again = answers(verdict(text, &s));
        assert!(again[0]["error"]["message"].as_str().is_some_and(|m| m.contains("in flight")));
        s.answered("3");
        assert!(matches!(verdict(text, &s), Verdict::Forward(_)));
    }

    #[test]
    fn batches_get_one_error_per_request_or_one_with_id_null() {
        let s = Session::default();
        let a = answers(verdict(r#"[{"jsonrpc":"2.0","id":1,"method":"x"},{"jsonrpc":"2.0","method":"n"}]"#, &s));
        assert_eq!(a.iter().map(|r| r["id"].clone()).collect::<Vec<_>>(), [json!(1)]);
        let a = answers(verdict("[]", &s));
        assert_eq!(a[0]["id"], Value::Null);
        assert_eq!(answers(verdict("42", &s))[0]["error"]["code"], json!(INVALID_REQUEST));
    }

    #[test]
    fn raw_spaces_in_uris_are_encoded() {
        let s = Session::default();
        let text = r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a b/c%20d.txt","text":""}}}"#;
        let Verdict::Forward(bytes) = verdict(text, &s) else { panic!("forwarded") };
        let sent: Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(sent["params"]["textDocument"]["uri"], "file:///a%20b/c%20d.txt");
    }
}
