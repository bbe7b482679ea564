//! Hover: the speech at a glance and what it, or the section under the
//! cursor, is about (see `ide::hover`).

use tower_lsp_server::ls_types::*;

use crate::ide;
use crate::lsp::state::Snapshot;
use crate::lsp::to_proto;

pub fn hover(snap: &Snapshot, params: &TextDocumentPositionParams) -> Option<Hover> {
    let (file, offset) = snap.offset_in(&params.text_document.uri, params.position)?;
    let found = ide::hover::hover(&snap.world, &file, offset)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: found.markdown }),
        range: to_proto::range_in(snap, &file, found.span),
    })
}
