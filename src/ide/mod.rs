//! The features, as plain data: a `World` and a byte offset in; spans,
//! labels, markdown and edits (`file + span + text`) out.
//!
//! One module per feature. Nothing here names an LSP type or an async
//! runtime: the protocol layer (`lsp`) converts positions to offsets, calls
//! a feature, and converts its answer back; the command line calls the same
//! functions, so `speech-ls outline` shows what the editor shows. Features
//! never fail on user input: a file or offset with nothing under it gives an
//! empty answer.
//!
//! Work that grows with the file or the corpus checks `cancel` between its
//! steps and gives up (answering `None` or less) when its request was
//! cancelled or its text superseded; the caller learns why from the request
//! flag and never sends the incomplete answer.

pub mod cancel;
pub mod code_actions;
pub mod code_lens;
pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod document_links;
pub mod edits;
pub mod folding;
pub mod hover;
pub mod index_update;
pub mod inlay_hints;
pub mod names;
pub mod outline;
pub mod references;
pub mod rename;
pub mod selection_ranges;
pub mod semantic_tokens;
pub mod speaker_edits;
pub mod speakers;
pub mod theme_cache;
pub mod themes;
pub mod workspace_symbols;
pub mod world;

#[cfg(test)]
mod tests;

pub use edits::{Change, FileEdit, SourceChange};
pub use world::{CorpusView, FileRef, FileView, OpenText, OpenTexts, World};

use crate::corpus::index::{IndexDoc, IndexEntry, IndexLink};
use crate::corpus::text::Span;

/// A place in a file: what definition, references and symbols point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: FileRef,
    pub span: Span,
}

impl Location {
    /// The place `span` of the corpus file `rel`.
    pub fn in_corpus(cv: &CorpusView, rel: &str, span: Span) -> Location {
        Location { file: cv.file_ref(rel), span }
    }
}

/// The INDEX.md entry under `offset` and the link the cursor is on (or the
/// entry's first link when the cursor is elsewhere on the entry's line).
pub(crate) fn entry_link_at(doc: &IndexDoc, offset: usize) -> Option<(&IndexEntry, Option<&IndexLink>)> {
    let entry = &doc.entries[doc.entry_at(offset)?];
    let link = entry.links.iter().find(|l| l.span.contains(offset)).or(entry.links.first());
    Some((entry, link))
}

/// True when `offset` lies on a transcript's header line.
pub(crate) fn on_header(file: &FileView, offset: usize) -> bool {
    file.analysis.transcript().and_then(|t| t.header.as_ref()).is_some_and(|h| h.span.contains(offset))
}
