//! One module per LSP feature, texlab style: each handler converts the
//! request's positions to byte offsets, asks the pure core (`corpus`), and
//! converts the answer back. Handlers read a `Snapshot` and never fail on
//! user input: an unknown document or a position with nothing under it gives
//! an empty answer.

pub mod definition;
pub mod document_symbol;
pub mod hover;
pub mod links;
pub mod references;
pub mod workspace_symbol;
// The editing surface (issue 5).
pub mod code_actions;
pub mod code_lens;
pub mod commands;
pub mod completion;
pub mod folding;
pub mod inlay_hints;
pub mod pull_diagnostics;
pub mod rename;
pub mod selection;
pub mod semantic_tokens;
pub mod surface;
pub mod workspace_edit;

use tower_lsp_server::ls_types::{Location, Position};

use crate::corpus::index::{IndexDoc, IndexEntry, IndexLink};
use crate::corpus::text::Span;
use crate::lsp::convert::{PositionEncoding, offset_from_proto, range_to_proto};
use crate::lsp::state::{CorpusView, FileView};

/// The byte offset of a request's position in a file's analysed text.
fn offset_in(file: &FileView, pos: Position, enc: PositionEncoding) -> usize {
    offset_from_proto(&file.analysis.line_index, pos, enc)
}

/// The location of `span` in the corpus file `rel`; `None` when the file is
/// not in the corpus (its line index is needed to convert the span).
fn location_in(cv: &CorpusView, rel: &str, span: Span, enc: PositionEncoding) -> Option<Location> {
    let file = cv.corpus.get(rel)?;
    let uri = cv.uri_of(rel)?;
    Some(Location::new(uri, range_to_proto(&file.line_index, span, enc)))
}

/// The INDEX.md entry under `offset` and the link the cursor is on (or the
/// entry's first link when the cursor is elsewhere on the entry's line).
fn entry_link_at(doc: &IndexDoc, offset: usize) -> Option<(&IndexEntry, Option<&IndexLink>)> {
    let entry = &doc.entries[doc.entry_at(offset)?];
    let link = entry.links.iter().find(|l| l.span.contains(offset)).or(entry.links.first());
    Some((entry, link))
}

/// True when `offset` lies on a transcript's header line.
fn on_header(file: &FileView, offset: usize) -> bool {
    file.analysis.transcript().and_then(|t| t.header.as_ref()).is_some_and(|h| h.span.contains(offset))
}

#[cfg(test)]
mod tests;
