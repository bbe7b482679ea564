//! `textDocument/definition`: from an INDEX.md entry to the transcript it
//! links to (its header line), and from a transcript's header line back to
//! every INDEX.md entry that lists it.

use tower_lsp_server::ls_types::{GotoDefinitionResponse, Location, Position, Uri};

use crate::lsp::convert::PositionEncoding;
use crate::lsp::handlers::{entry_link_at, location_in, offset_in, on_header};
use crate::lsp::state::{CorpusView, Snapshot};

pub fn handle_definition(snap: &Snapshot, uri: &Uri, pos: Position) -> Option<GotoDefinitionResponse> {
    let enc = snap.encoding;
    let file = snap.file(uri)?;
    let offset = offset_in(&file, pos, enc);
    let cv = file.corpus.as_ref()?;
    let locations = if let Some(doc) = file.analysis.index() {
        let (_, link) = entry_link_at(doc, offset)?;
        let target = cv.corpus.resolve(link?)?;
        vec![transcript_target(cv, &target, enc)?]
    } else if on_header(&file, offset) {
        index_links_to(cv, &file.analysis.path, enc)
    } else {
        Vec::new()
    };
    match locations.len() {
        0 => None,
        1 => locations.into_iter().next().map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    }
}

/// Where to land in a transcript: its header line, or its start.
pub fn transcript_target(cv: &CorpusView, rel: &str, enc: PositionEncoding) -> Option<Location> {
    let file = cv.corpus.get(rel)?;
    let span = file.transcript().and_then(|t| t.header.as_ref()).map(|h| h.span).unwrap_or_default();
    location_in(cv, rel, span, enc)
}

/// Every INDEX.md link (as the link's span) that resolves to `rel`.
pub fn index_links_to(cv: &CorpusView, rel: &str, enc: PositionEncoding) -> Vec<Location> {
    let Some((index_file, doc)) = cv.corpus.index() else { return Vec::new() };
    cv.corpus
        .links_to(rel)
        .into_iter()
        .filter_map(|r| doc.entries.get(r.entry)?.links.get(r.link).map(|l| l.span))
        .filter_map(|span| location_in(cv, &index_file.path, span, enc))
        .collect()
}
