//! `textDocument/selectionRange`: in a transcript, the selection grows
//! sentence → paragraph → turn → part → the whole speech (what follows the
//! header). Sentences need the text, so they come from the open buffer; a
//! transcript that is not open starts at the paragraph.

use tower_lsp_server::ls_types::{Position, SelectionRange, Uri};

use crate::corpus::text::Span;
use crate::corpus::themes::sentences::sentences_in;
use crate::lsp::convert::{offset_from_proto, range_to_proto};
use crate::lsp::state::Snapshot;

pub fn handle_selection_range(snap: &Snapshot, uri: &Uri, positions: &[Position]) -> Vec<SelectionRange> {
    let Some(file) = snap.file(uri) else { return Vec::new() };
    let Some(t) = file.analysis.transcript() else { return Vec::new() };
    let text = snap.documents.get(uri).map(|d| d.text());
    let lines = &file.analysis.line_index;
    positions
        .iter()
        .map(|&pos| {
            let offset = offset_from_proto(lines, pos, snap.encoding);
            let mut spans: Vec<Span> = Vec::new();
            if let Some(p) = t.paragraphs.iter().find(|p| p.span.contains(offset)) {
                if let Some(text) = &text {
                    spans.extend(sentences_in(text, p.span).into_iter().find(|s| s.contains(offset)));
                }
                spans.push(p.span);
            }
            spans.extend(t.turns.iter().find(|turn| turn.span.contains(offset)).map(|turn| turn.span));
            spans.extend(t.parts.iter().find(|part| part.span.contains(offset)).map(|part| part.span));
            if let (Some(first), Some(last)) = (t.paragraphs.first(), t.paragraphs.last()) {
                spans.push(Span::new(first.span.start, last.span.end));
            }
            // Each range must contain the one before it; drop repeats.
            let mut chain: Vec<Span> = Vec::new();
            for s in spans {
                let grows = chain.last().is_none_or(|prev| s.start <= prev.start && s.end >= prev.end && s != *prev);
                if grows {
                    chain.push(s);
                }
            }
            let empty = Span::new(offset, offset);
            let mut range: Option<SelectionRange> = None;
            for s in chain.iter().rev() {
                range = Some(SelectionRange {
                    range: range_to_proto(lines, *s, snap.encoding),
                    parent: range.map(Box::new),
                });
            }
            range.unwrap_or(SelectionRange { range: range_to_proto(lines, empty, snap.encoding), parent: None })
        })
        .collect()
}
