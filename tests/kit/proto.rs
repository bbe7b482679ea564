//! The protocol's vocabulary for tests: URIs, positions, the `initialize`
//! params of the clients the tests play (a VS Code-like UTF-16 client, an
//! editing client, and the real Helix and Neovim captured in the shared
//! folder), and answers rendered as short text for assertions.

use std::path::Path;

use serde_json::{Value, json};

use super::client::Client;
use super::data;

/// A `file://` URI for a path, percent-encoded here rather than by the
/// server's own conversion, so a test does not agree with a server bug.
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

pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

/// `TextDocumentPositionParams` for `uri` at `line:character`.
pub fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos(line, character)})
}

/// The line of `needle` in `text` and its column in UTF-8 and UTF-16 units.
pub fn find(text: &str, needle: &str) -> (u32, u32, u32) {
    let offset = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in text"));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() as u32;
    let before = &text[line_start..offset];
    (line, before.len() as u32, before.encode_utf16().count() as u32)
}

/// `uri line:col-line:col`, with the URI relative to the corpus.
pub fn render_location(loc: &Value, corpus: &Path) -> String {
    let prefix = uri(corpus) + "/";
    let u = loc["uri"].as_str().unwrap_or("?").replace(&prefix, "");
    let r = &loc["range"];
    format!("{u} {}:{}-{}:{}", r["start"]["line"], r["start"]["character"], r["end"]["line"], r["end"]["character"])
}

/// One location or many, rendered one a line, sorted.
pub fn render_locations(v: &Value, corpus: &Path) -> String {
    let list = match v {
        Value::Array(a) => a.clone(),
        Value::Null => Vec::new(),
        one => vec![one.clone()],
    };
    let mut lines: Vec<String> = list.iter().map(|l| render_location(l, corpus)).collect();
    lines.sort();
    lines.join("\n")
}

/// An in-process server, initialized with `params`, whose client answers
/// `workspace/configuration` with null.
pub async fn start(params: Value) -> Client {
    let client = Client::in_process(Value::Null);
    client.initialize(params).await;
    client
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

/// `initialize` params of a UTF-16 client that takes versioned edits and
/// resource operations, pulls nothing, and answers configuration with null.
pub fn editing_client_params(root: &Path, document_changes: bool) -> Value {
    json!({
        "processId": null,
        "rootUri": uri(root),
        "workspaceFolders": [{"uri": uri(root), "name": "ws"}],
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "workspace": {
                "configuration": true,
                "applyEdit": true,
                "workspaceEdit": {
                    "documentChanges": document_changes,
                    "resourceOperations": if document_changes { json!(["create", "rename", "delete"]) } else { json!([]) }
                },
                "fileOperations": {"willRename": true}
            },
            "textDocument": {
                "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
                "completion": {"completionItem": {"labelDetailsSupport": true}}
            }
        }
    })
}

/// The captured `initialize` params of a real client in the shared folder's
/// `clients/` (`SPEECH_LS_SHARED`; panics without it), with its placeholder
/// root replaced by `root`.
pub fn real_client_params(file: &str, root: &Path) -> Value {
    let path = data::shared(&format!("clients/{file}"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let root_uri = uri(root);
    let text =
        text.replace("file:///ROOT", &root_uri).replace("\"/ROOT\"", &format!("{:?}", root.display().to_string()));
    let mut params: Value = serde_json::from_str(&text).expect("client params are JSON");
    params["processId"] = Value::Null;
    params
}

/// The captured Helix 25.07.1 and Neovim 0.11.4 clients.
pub const HELIX: &str = "helix-25.07.1-initialize-params.json";
pub const NEOVIM: &str = "neovim-0.11.4-initialize-params.json";
