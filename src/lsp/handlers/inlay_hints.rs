//! `textDocument/inlayHint` (off by default; the setting `inlayHints: true`
//! turns it on): each speaker turn's word count at the end of its label, and
//! in an open buffer, each topical section's theme at its start: the same
//! themes a hover shows (the corpus's once its statistics are built), from
//! the per-version cache that hovers and outlines share, so scrolling does
//! not analyse the file again.

use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, Range, Uri};

use crate::corpus::Transcript;
use crate::corpus::text::{LineIndex, Span};
use crate::lsp::convert::{position_to_proto, span_from_proto};
use crate::lsp::handlers::code_lens::thousands;
use crate::lsp::state::{FileView, Snapshot};
use crate::lsp::themes::file_themes;

pub fn handle_inlay_hints(snap: &Snapshot, uri: &Uri, range: Range, enabled: bool) -> Vec<InlayHint> {
    if !enabled {
        return Vec::new();
    }
    let Some(file) = snap.file(uri) else { return Vec::new() };
    let Some(t) = file.analysis.transcript() else { return Vec::new() };
    let lines = &file.analysis.line_index;
    let wanted = span_from_proto(lines, range, snap.encoding);
    let mut hints: Vec<InlayHint> = t
        .turns
        .iter()
        .filter(|turn| turn.label_span.end >= wanted.start && turn.label_span.end <= wanted.end)
        .map(|turn| {
            // After the label's colon when it is there (`Putin: ` -> `Putin:`).
            let pos = position_to_proto(lines, turn.label_span.end, snap.encoding);
            InlayHint {
                position: pos,
                label: InlayHintLabel::String(format!("{} words", thousands(turn.words))),
                kind: None::<InlayHintKind>,
                text_edits: None,
                tooltip: None,
                padding_left: Some(true),
                padding_right: Some(true),
                data: None,
            }
        })
        .collect();
    if let Some(text) = snap.documents.get(uri).map(|d| d.text()) {
        hints.extend(section_hints(snap, &file, t, &text, wanted));
    }
    hints.sort_by_key(|h| (h.position.line, h.position.character));
    hints
}

/// `§ theme · ¶a-b` at the start of every topical section of a turn cut
/// into more than one.
fn section_hints(snap: &Snapshot, file: &FileView, t: &Transcript, text: &str, wanted: Span) -> Vec<InlayHint> {
    let Some(themes) = file_themes(snap, file, text, true) else { return Vec::new() };
    let lines: &LineIndex = &file.analysis.line_index;
    let mut out = Vec::new();
    for turn in 0..t.turns.len() {
        for section in themes.sections_of(turn) {
            let start = section.themes.span.start;
            if start < wanted.start || start > wanted.end {
                continue;
            }
            out.push(InlayHint {
                position: position_to_proto(lines, start, snap.encoding),
                label: InlayHintLabel::String(format!("§ {}", section.themes.name_against(Some(&themes.speech)))),
                kind: None,
                text_edits: None,
                tooltip: None,
                padding_left: Some(false),
                padding_right: Some(true),
                data: None,
            });
        }
    }
    out
}
