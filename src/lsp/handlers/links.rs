//! `textDocument/documentLink`: every INDEX.md link that resolves to a
//! transcript in the corpus becomes clickable. Dead links get no target (the
//! consistency diagnostics report them), so clicking never opens a new empty
//! file by mistake.

use tower_lsp_server::ls_types::{DocumentLink, Uri};

use crate::lsp::convert::range_to_proto;
use crate::lsp::state::Snapshot;

pub fn handle_document_link(snap: &Snapshot, uri: &Uri) -> Vec<DocumentLink> {
    let Some(file) = snap.file(uri) else { return Vec::new() };
    let (Some(doc), Some(cv)) = (file.analysis.index(), file.corpus.as_ref()) else { return Vec::new() };
    let mut out = Vec::new();
    for entry in &doc.entries {
        for link in &entry.links {
            let Some(target) = cv.corpus.resolve(link) else { continue };
            let Some(target_uri) = cv.uri_of(&target) else { continue };
            out.push(DocumentLink {
                range: range_to_proto(&file.analysis.line_index, link.span, snap.encoding),
                target: Some(target_uri),
                tooltip: Some(target),
                data: None,
            });
        }
    }
    out
}
