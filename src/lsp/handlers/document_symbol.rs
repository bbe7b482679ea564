//! `textDocument/documentSymbol`: the hierarchical outline of a transcript
//! (header, lead, parts, turns) or of INDEX.md (headings and entries), from
//! `corpus::outline`.

use tower_lsp_server::ls_types::{DocumentSymbol, DocumentSymbolResponse, SymbolKind, Uri};

use crate::corpus::outline::{OutlineKind, OutlineNode, index_outline, transcript_outline};
use crate::corpus::{FileKind, LineIndex};
use crate::lsp::convert::{PositionEncoding, range_to_proto};
use std::sync::Arc;

use crate::corpus::themes::analysis::{FileThemes, attach_sections};
use crate::corpus::transcript::Transcript;
use crate::lsp::state::{FileView, Snapshot};
use crate::lsp::themes::{cached_sections, file_themes};
use crate::workspace::{ReadOutcome, read_transcript_file};

pub fn handle_document_symbol(snap: &Snapshot, uri: &Uri) -> Option<DocumentSymbolResponse> {
    let file = snap.file(uri)?;
    // Outlines take the text only to quote the lead: the buffer when the
    // file is open, else the file as it is on disk, if it still matches the
    // analysis (otherwise the spans alone are enough).
    let text = match snap.documents.get(uri) {
        Some(doc) => doc.text(),
        None => file
            .corpus
            .as_ref()
            .map(|cv| read_transcript_file(&cv.root, &file.analysis.path))
            .filter(|r| r.outcome == ReadOutcome::Read && r.text.len() == file.analysis.line_index.len())
            .map(|r| Arc::from(r.text))
            .unwrap_or_else(|| Arc::from("")),
    };
    let text = &*text;
    let nodes = match &file.analysis.kind {
        FileKind::Transcript(t) => {
            let mut nodes = transcript_outline(t, text);
            if let Some(themes) = sections_for(snap, &file, t, text) {
                attach_sections(&mut nodes, t, &themes);
            }
            nodes
        }
        FileKind::Index(d) => index_outline(d, text),
    };
    let index = &file.analysis.line_index;
    Some(DocumentSymbolResponse::Nested(nodes.iter().map(|n| to_proto(n, index, snap.encoding)).collect()))
}

/// True when the outline of `uri` needs neither the disk nor a theme
/// analysis (an open INDEX.md, an open transcript whose sections are cached
/// or not computed inline): then it costs well under a millisecond and may
/// be answered on the protocol's thread, saving the hop to a blocking thread.
pub fn is_light(snap: &Snapshot, uri: &Uri) -> bool {
    let Some(file) = snap.file(uri) else { return true };
    if snap.documents.get(uri).is_none() {
        return false;
    }
    match file.analysis.transcript() {
        None => true,
        Some(t) => t.words > SECTIONS_INLINE_WORDS || cached_sections(snap, &file).is_some(),
    }
}

/// Above this many words, a file's outline has no topical sections (they
/// cost more than an outline request may take).
const SECTIONS_INLINE_WORDS: usize = 20_000;

/// The file's topical sections: cached for this version, or computed now
/// when the file is small enough and its text is at hand.
fn sections_for(snap: &Snapshot, file: &FileView, t: &Transcript, text: &str) -> Option<Arc<FileThemes>> {
    // reliability: the word limit comes first, so that a long file's outline never depends on
    // whether a hover happened to cache its sections (the same text reopened showed none).
    if t.words > SECTIONS_INLINE_WORDS {
        return None;
    }
    if let Some(cached) = cached_sections(snap, file) {
        return Some(cached);
    }
    if text.len() != file.analysis.line_index.len() {
        return None;
    }
    file_themes(snap, file, text, true)
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be named to build the struct.
fn to_proto(node: &OutlineNode, index: &LineIndex, enc: PositionEncoding) -> DocumentSymbol {
    let range = range_to_proto(index, node.span, enc);
    let mut selection_range = range_to_proto(index, node.selection, enc);
    // Clients reject a selection outside the range; a stale or odd span must
    // not make the whole outline disappear.
    if selection_range.start < range.start || selection_range.end > range.end {
        selection_range = range;
    }
    let children: Vec<DocumentSymbol> = node.children.iter().map(|c| to_proto(c, index, enc)).collect();
    DocumentSymbol {
        // VS Code refuses symbols with an empty name.
        name: if node.name.trim().is_empty() { "(untitled)".to_string() } else { node.name.clone() },
        detail: node.detail.clone(),
        kind: symbol_kind(node.kind),
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn symbol_kind(kind: OutlineKind) -> SymbolKind {
    match kind {
        OutlineKind::Header => SymbolKind::KEY,
        OutlineKind::Lead => SymbolKind::STRING,
        OutlineKind::Part => SymbolKind::NAMESPACE,
        OutlineKind::Turn => SymbolKind::EVENT,
        OutlineKind::Section => SymbolKind::STRUCT,
        OutlineKind::StageNote => SymbolKind::CONSTANT,
        OutlineKind::Heading => SymbolKind::NAMESPACE,
        OutlineKind::Entry => SymbolKind::FILE,
    }
}
