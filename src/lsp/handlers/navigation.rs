//! Navigation: definition, references, document links and workspace symbols.

use tower_lsp_server::ls_types::*;

use crate::ide;
use crate::lsp::state::Snapshot;
use crate::lsp::to_proto;

pub fn definition(snap: &Snapshot, params: &TextDocumentPositionParams) -> Option<GotoDefinitionResponse> {
    let (file, offset) = snap.offset_in(&params.text_document.uri, params.position)?;
    let mut found = to_proto::locations(snap, &ide::definition::definition(&snap.world, &file, offset));
    match found.len() {
        0 => None,
        1 => found.pop().map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(found)),
    }
}

pub fn references(snap: &Snapshot, params: &ReferenceParams) -> Vec<Location> {
    let at = &params.text_document_position;
    let Some((file, offset)) = snap.offset_in(&at.text_document.uri, at.position) else { return Vec::new() };
    let include_declaration = params.context.include_declaration;
    to_proto::locations(snap, &ide::references::references(&snap.world, &file, offset, include_declaration))
}

pub fn document_links(snap: &Snapshot, uri: &Uri) -> Vec<DocumentLink> {
    let file = snap.file_ref(uri);
    ide::document_links::document_links(&snap.world, &file)
        .into_iter()
        .filter_map(|link| {
            Some(DocumentLink {
                range: to_proto::range_in(snap, &file, link.span)?,
                target: Some(to_proto::uri(snap, &link.target)?),
                tooltip: Some(link.tooltip),
                data: None,
            })
        })
        .collect()
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must be named to build the struct.
pub fn workspace_symbols(snap: &Snapshot, query: &str) -> Vec<SymbolInformation> {
    ide::workspace_symbols::workspace_symbols(&snap.world, query)
        .into_iter()
        .filter_map(|s| {
            Some(SymbolInformation {
                name: s.name,
                kind: to_proto::symbol_kind(s.kind),
                tags: None,
                deprecated: None,
                location: to_proto::location(snap, &s.location)?,
                container_name: s.container,
            })
        })
        .collect()
}
