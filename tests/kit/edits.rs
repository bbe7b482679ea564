//! What an editor does with the edits the server sends: apply the text
//! edits of a `WorkspaceEdit` to the text the test holds, and show what
//! changed as a small diff for snapshots.

use serde_json::Value;

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
pub fn offset_of(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap_or(0) as usize;
    let character = pos["character"].as_u64().unwrap_or(0) as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
    let mut units = 0;
    for (i, c) in line_text.char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line_text.len()
}

/// Applies LSP text edits (non-overlapping, in any order) to `text`.
pub fn apply_text_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let a = offset_of(text, &e["range"]["start"]);
            let b = offset_of(text, &e["range"]["end"]);
            (a, b, e["newText"].as_str().unwrap_or("").to_string())
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = String::new();
    let mut copied = 0;
    for (a, b, new) in spans {
        out.push_str(&text[copied..a]);
        out.push_str(&new);
        copied = b;
    }
    out.push_str(&text[copied..]);
    out
}

/// The text edits a `WorkspaceEdit` makes to `target` (a URI), from either
/// `documentChanges` or `changes`.
pub fn edits_for(edit: &Value, target: &str) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(changes) = edit["documentChanges"].as_array() {
        for change in changes {
            if change["textDocument"]["uri"] == target {
                out.extend(change["edits"].as_array().cloned().unwrap_or_default());
            }
        }
    }
    if let Some(edits) = edit["changes"][target].as_array() {
        out.extend(edits.iter().cloned());
    }
    out
}

/// The lines of `after` that are not in `before`, each with a `+`, and the
/// lines of `before` gone from `after`, each with a `-` (a cheap diff for
/// snapshots of small files).
pub fn changed_lines(before: &str, after: &str) -> String {
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let mut out = String::new();
    for l in &old {
        if !new.contains(l) {
            out.push_str(&format!("-{l}\n"));
        }
    }
    for l in &new {
        if !old.contains(l) {
            out.push_str(&format!("+{l}\n"));
        }
    }
    out
}
