//! `textDocument/codeLens` on a transcript's header line:
//! "listed in INDEX.md:12 · 3 speakers · 2,310 words". Clicking runs
//! `speech-ls.showEntry` with the entry's location, which the server turns
//! into `window/showDocument`, so no client needs a command of its own. An
//! unlisted transcript's lens runs `speech-ls.updateIndex` instead.

use std::collections::HashSet;

use serde_json::json;
use tower_lsp_server::ls_types::{CodeLens, Command, Uri};

use crate::corpus::text::Span;
use crate::lsp::convert::range_to_proto;
use crate::lsp::handlers::commands::{SHOW_ENTRY, UPDATE_INDEX};
use crate::lsp::handlers::definition::index_links_to;
use crate::lsp::state::Snapshot;

pub fn handle_code_lens(snap: &Snapshot, uri: &Uri) -> Vec<CodeLens> {
    let Some(file) = snap.file(uri) else { return Vec::new() };
    let Some(t) = file.analysis.transcript() else { return Vec::new() };
    let lines = &file.analysis.line_index;
    let span = t.header.as_ref().map_or(Span::new(0, lines.line_end(0)), |h| h.span);
    let range = range_to_proto(lines, span, snap.encoding);
    let speakers = t.turns.iter().map(|turn| turn.speaker.as_str()).collect::<HashSet<_>>().len();
    let facts = format!(
        "{speakers} speaker{} · {} word{}",
        if speakers == 1 { "" } else { "s" },
        thousands(t.words),
        if t.words == 1 { "" } else { "s" }
    );
    let listed = file.corpus.as_ref().map(|cv| index_links_to(cv, &file.analysis.path, snap.encoding));
    let command = match listed.as_deref() {
        Some([first, ..]) => Command {
            title: format!("listed in INDEX.md:{} · {facts}", first.range.start.line + 1),
            command: SHOW_ENTRY.to_string(),
            arguments: Some(vec![json!(first.uri), json!(first.range)]),
        },
        Some([]) if file.corpus.as_ref().is_some_and(|cv| cv.corpus.index().is_some()) => Command {
            title: format!("not listed in INDEX.md (add it) · {facts}"),
            command: UPDATE_INDEX.to_string(),
            arguments: Some(vec![json!(uri)]),
        },
        // No index to be listed in: the facts alone, with a command that
        // does nothing harmful when clicked (an empty command is not shown).
        _ => Command { title: facts, command: String::new(), arguments: None },
    };
    vec![CodeLens { range, command: Some(command), data: None }]
}

/// `2310` -> `2,310`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
