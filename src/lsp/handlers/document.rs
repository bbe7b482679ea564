//! What a document shows of itself: its outline, folds, selection ranges,
//! semantic tokens, code lens and inlay hints.

use serde_json::json;
use tower_lsp_server::ls_types::*;

use crate::ide;
use crate::ide::code_lens::LensAction;
use crate::ide::outline::Sections;
use crate::ide::semantic_tokens::TokenKind;
use crate::lsp::capabilities::{SHOW_ENTRY, UPDATE_INDEX};
use crate::lsp::from_proto;
use crate::lsp::state::Snapshot;
use crate::lsp::to_proto;

/// True when the outline of `uri` is cheap enough to answer on the protocol's thread.
pub fn outline_is_light(snap: &Snapshot, uri: &Uri) -> bool {
    ide::outline::is_light(&snap.world, &snap.file_ref(uri))
}

pub fn document_symbols(snap: &Snapshot, uri: &Uri) -> Option<DocumentSymbolResponse> {
    let file = snap.file_ref(uri);
    let nodes = ide::outline::outline(&snap.world, &file, Sections::Editor)?;
    let index = snap.line_index(&file)?;
    let symbols = nodes.iter().map(|n| to_proto::document_symbol(n, index, snap.encoding)).collect();
    Some(DocumentSymbolResponse::Nested(symbols))
}

pub fn folding_ranges(snap: &Snapshot, uri: &Uri) -> Vec<FoldingRange> {
    let folds = ide::folding::folding_ranges(&snap.world, &snap.file_ref(uri));
    let line = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    folds
        .into_iter()
        .map(|f| FoldingRange {
            start_line: line(f.start_line),
            end_line: line(f.end_line),
            kind: Some(FoldingRangeKind::Region),
            ..Default::default()
        })
        .collect()
}

pub fn selection_ranges(snap: &Snapshot, params: &SelectionRangeParams) -> Vec<SelectionRange> {
    let file = snap.file_ref(&params.text_document.uri);
    let Some(index) = snap.line_index(&file) else { return Vec::new() };
    let offsets: Vec<usize> = params.positions.iter().map(|&p| from_proto::offset(index, p, snap.encoding)).collect();
    let chains = ide::selection_ranges::selection_ranges(&snap.world, &file, &offsets);
    chains
        .into_iter()
        .filter_map(|chain| {
            chain.iter().rev().fold(None, |parent, span| {
                Some(SelectionRange {
                    range: to_proto::range(index, *span, snap.encoding),
                    parent: parent.map(Box::new),
                })
            })
        })
        .collect()
}

/// Token type numbers, in the order of `capabilities::semantic_tokens_options`.
fn token_type(kind: TokenKind) -> u32 {
    match kind {
        TokenKind::Date => 0,
        TokenKind::Source => 1,
        TokenKind::Speaker => 2,
        TokenKind::Heading => 3,
        TokenKind::StageNote => 4,
    }
}

/// Tokens encoded relative to the previous one, with lengths in the
/// negotiated position encoding.
pub fn semantic_tokens(snap: &Snapshot, uri: &Uri) -> Option<SemanticTokens> {
    let file = snap.file_ref(uri);
    let tokens = ide::semantic_tokens::semantic_tokens(&snap.world, &file)?;
    let index = snap.line_index(&file)?;
    let mut data = Vec::new();
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    for token in tokens {
        let start = to_proto::position(index, token.span.start, snap.encoding);
        let end = to_proto::position(index, token.span.end, snap.encoding);
        if end.character <= start.character {
            continue;
        }
        let delta_line = start.line - prev_line;
        let delta_start = if delta_line == 0 { start.character - prev_col } else { start.character };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: token_type(token.kind),
            token_modifiers_bitset: u32::from(token.first_turn),
        });
        (prev_line, prev_col) = (start.line, start.character);
    }
    Some(SemanticTokens { result_id: None, data })
}

pub fn code_lenses(snap: &Snapshot, uri: &Uri) -> Vec<CodeLens> {
    let file = snap.file_ref(uri);
    ide::code_lens::code_lenses(&snap.world, &file)
        .into_iter()
        .filter_map(|lens| {
            let command = match lens.action {
                LensAction::Show(place) => {
                    let place = to_proto::location(snap, &place)?;
                    Command {
                        title: lens.title,
                        command: SHOW_ENTRY.to_string(),
                        arguments: Some(vec![json!(place.uri), json!(place.range)]),
                    }
                }
                LensAction::UpdateIndex(_) => {
                    Command { title: lens.title, command: UPDATE_INDEX.to_string(), arguments: Some(vec![json!(uri)]) }
                }
                // An empty command is shown and does nothing when clicked.
                LensAction::None => Command { title: lens.title, command: String::new(), arguments: None },
            };
            Some(CodeLens { range: to_proto::range_in(snap, &file, lens.span)?, command: Some(command), data: None })
        })
        .collect()
}

pub fn inlay_hints(snap: &Snapshot, params: &InlayHintParams, enabled: bool) -> Vec<InlayHint> {
    let file = snap.file_ref(&params.text_document.uri);
    let Some(index) = snap.line_index(&file).filter(|_| enabled) else { return Vec::new() };
    let wanted = from_proto::span(index, params.range, snap.encoding);
    ide::inlay_hints::inlay_hints(&snap.world, &file, wanted)
        .into_iter()
        .map(|hint| InlayHint {
            position: to_proto::position(index, hint.offset, snap.encoding),
            label: InlayHintLabel::String(hint.label),
            kind: None,
            text_edits: None,
            tooltip: None,
            padding_left: Some(hint.padding_left),
            padding_right: Some(hint.padding_right),
            data: None,
        })
        .collect()
}
