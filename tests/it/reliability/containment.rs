//! Containment: nothing the corpus says can make the server read or offer a
//! file outside the corpus, and a full LSP exchange changes no file.
//!
//! INDEX.md links to `../../etc/passwd`, an absolute path, a `file://` URI,
//! wiki and autolinks that climb out, and a symlink that points outside (to a
//! file holding a secret marker). Definition, documentLink, hover and
//! references must never return a target outside the corpus root, and no
//! response may contain the marker. Every file's bytes are hashed before and
//! after the session: none may change, and no file may appear.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use speech_ls::corpus::text::{ColumnUnit, LineIndex};

use super::{init_params, make_seed_corpus};
use crate::kit::corpus::SEED;
use crate::kit::process::ServerProcess;
use crate::kit::proto::uri;

const MARKER: &str = "SECRET-MARKER-7f3a";

#[test]
fn links_out_of_the_corpus_are_never_followed_and_no_file_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().canonicalize().expect("canonical temp dir");
    let root = base.join("corpus");
    let outside = base.join("outside");
    std::fs::create_dir_all(&root).expect("corpus dir");
    std::fs::create_dir_all(&outside).expect("outside dir");
    make_seed_corpus(&root, 1);
    let secret = format!(" date 2020-01-01 Source: {MARKER}\n\n{MARKER}: {MARKER} speaks.\n");
    std::fs::write(outside.join("secret.txt"), &secret).expect("secret file");
    std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("link_out.txt")).expect("symlink out");
    std::os::unix::fs::symlink(&outside, root.join("outdir")).expect("symlinked folder out");
    let hostile_links = [
        "- 2020-01-01 [Passwd](../../etc/passwd) #escape".to_string(),
        "- 2020-01-02 [Absolute](/etc/passwd)".to_string(),
        "- 2020-01-03 [Uri](file:///etc/passwd)".to_string(),
        format!("- 2020-01-04 [Uri to secret]({})", uri(&outside.join("secret.txt"))),
        "- 2020-01-05 [[../outside/secret]]".to_string(),
        "- 2020-01-06 <../outside/secret.txt>".to_string(),
        "- 2020-01-07 [Symlink](link_out.txt)".to_string(),
        "- 2020-01-08 [Through a linked folder](outdir/secret.txt)".to_string(),
        "- 2020-01-09 [Encoded](%2e%2e/outside/secret.txt)".to_string(),
        "- 2020-01-10 ../outside/secret.txt".to_string(),
    ];
    let index_path = root.join("INDEX.md");
    let mut index = std::fs::read_to_string(&index_path).expect("INDEX.md");
    index.push_str("\n## Hostile\n\n");
    for line in &hostile_links {
        index.push_str(line);
        index.push('\n');
    }
    std::fs::write(&index_path, &index).expect("write INDEX.md");
    let before = hash_tree(&base);

    let mut server = ServerProcess::spawn(&root);
    server.initialize(init_params(&root, "utf-16"));
    let index_uri = uri(&index_path);
    let transcript_uri = uri(&root.join(SEED));
    let mut responses: Vec<Value> = Vec::new();
    let mut ask = |server: &ServerProcess, method: &str, params: Value| {
        let reply = server.request(method, params, Duration::from_secs(20));
        let mut reply = reply.unwrap_or_else(|| panic!("no answer to {method}"));
        reply["asked"] = json!(method); // so a failure names the request
        responses.push(reply);
    };
    // First from disk, then with INDEX.md open in the editor.
    for open in [false, true] {
        if open {
            server.open(&index_uri, &index);
        }
        ask(&server, "textDocument/documentLink", json!({"textDocument": {"uri": index_uri}}));
        ask(&server, "textDocument/documentSymbol", json!({"textDocument": {"uri": index_uri}}));
        let line_index = LineIndex::new(&index);
        for line in &hostile_links {
            let Some(at) = index.find(line.as_str()) else { continue };
            // Every position on the entry's line: the date, the title, the link.
            for col_byte in (0..line.len()).step_by(3) {
                let (l, c) = line_index.position(at + col_byte, ColumnUnit::Utf16);
                let pos = json!({"line": l, "character": c});
                let at_pos = json!({"textDocument": {"uri": index_uri}, "position": pos});
                ask(&server, "textDocument/definition", at_pos.clone());
                ask(&server, "textDocument/hover", at_pos.clone());
                let mut refs = at_pos.clone();
                refs["context"] = json!({"includeDeclaration": true});
                ask(&server, "textDocument/references", refs);
            }
        }
    }
    for query in ["", "secret", MARKER, "passwd"] {
        ask(&server, "workspace/symbol", json!({"query": query}));
    }
    // The files outside, asked for directly, are not part of the corpus either.
    for target in [uri(&outside.join("secret.txt")), uri(&root.join("link_out.txt")), "file:///etc/passwd".into()] {
        ask(&server, "textDocument/documentSymbol", json!({"textDocument": {"uri": target}}));
        ask(
            &server,
            "textDocument/hover",
            json!({"textDocument": {"uri": target}, "position": {"line": 0, "character": 2}}),
        );
    }
    // Editing and saving a transcript in the editor must not write it.
    let seed = std::fs::read_to_string(root.join(SEED)).expect("seed copy");
    server.open(&transcript_uri, &seed);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": transcript_uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "EDITED "}]}),
    );
    server.notify("textDocument/didSave", json!({"textDocument": {"uri": transcript_uri}}));
    ask(&server, "textDocument/documentSymbol", json!({"textDocument": {"uri": transcript_uri}}));
    server.notify("textDocument/didClose", json!({"textDocument": {"uri": transcript_uri}}));
    server.notify("textDocument/didClose", json!({"textDocument": {"uri": index_uri}}));
    ask(&server, "workspace/symbol", json!({"query": ""}));
    server.assert_no_panic_in_log();
    assert!(server.shutdown_and_exit(Duration::from_secs(10)), "the server did not exit");

    let root_prefix = format!("{}/", uri(&root));
    let mut escaped = Vec::new();
    for reply in &responses {
        let text = reply.to_string();
        assert!(!text.contains(MARKER), "a response shows the secret from outside the corpus: {text}");
        assert!(!text.contains("root:x:0:0"), "a response shows /etc/passwd: {text}");
        collect_uris(reply, &mut |u: &str| {
            if u.starts_with("file:") && !u.starts_with(&root_prefix) {
                escaped.push(format!("{} (from {})", u, reply["asked"]));
            }
        });
    }
    // A symlink inside the corpus that points out must not be offered either.
    escaped.extend(
        responses
            .iter()
            .flat_map(|r| {
                let mut found = Vec::new();
                collect_uris(r, &mut |u: &str| found.push(format!("{} (from {})", u, r["asked"])));
                found
            })
            .filter(|u| u.contains("link_out.txt") || u.contains("/outdir/")),
    );
    escaped.sort();
    escaped.dedup();
    assert!(escaped.is_empty(), "targets outside the corpus were offered: {escaped:?}");

    let after = hash_tree(&base);
    assert_eq!(before.keys().collect::<Vec<_>>(), after.keys().collect::<Vec<_>>(), "files appeared or vanished");
    for (path, hash) in &before {
        assert_eq!(Some(hash), after.get(path), "{path} changed during the session");
    }
    println!("containment: {} responses checked, {} files hashed before and after", responses.len(), before.len());
}

/// Every string under a key that names a location (`uri`, `target`, `targetUri`).
fn collect_uris(value: &Value, found: &mut impl FnMut(&str)) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if matches!(key.as_str(), "uri" | "target" | "targetUri")
                    && let Some(s) = v.as_str()
                {
                    found(s);
                }
                collect_uris(v, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_uris(v, found)),
        _ => {}
    }
}

/// A content hash of every regular file under `dir` (symlinks recorded by their target, not followed).
fn hash_tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            let key = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
            if meta.file_type().is_symlink() {
                out.insert(key, format!("-> {}", std::fs::read_link(&path).expect("link").display()));
            } else if meta.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read file");
                out.insert(key, sha1_smol::Sha1::from(&bytes).digest().to_string());
            }
        }
    }
    out
}
