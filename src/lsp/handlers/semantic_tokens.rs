//! `textDocument/semanticTokens/full` for transcripts: the header's date and
//! source, speaker labels, editorial headings and stage notes, so that every
//! editor colours transcripts alike without a grammar.
//!
//! Standard token types are used so that themes colour them out of the box:
//! the date is a `number`, the source a `string`, a speaker label a `class`
//! (with `declaration` on a speaker's first turn), an editorial heading a
//! `keyword`, a stage note a `comment`. Tokens never span lines (not every
//! client takes multi-line tokens) and are encoded relative to the previous
//! one, with lengths in the negotiated position encoding.

use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensFullOptions,
    SemanticTokensLegend, SemanticTokensOptions, Uri,
};

use crate::corpus::ParagraphKind;
use crate::corpus::text::Span;
use crate::lsp::convert::position_to_proto;
use crate::lsp::state::Snapshot;

const DATE: u32 = 0;
const SOURCE: u32 = 1;
const SPEAKER: u32 = 2;
const HEADING: u32 = 3;
const STAGE_NOTE: u32 = 4;
/// Bit of the `declaration` modifier.
const FIRST_TURN: u32 = 1;

pub fn options() -> SemanticTokensOptions {
    SemanticTokensOptions {
        legend: SemanticTokensLegend {
            token_types: vec![
                SemanticTokenType::NUMBER,
                SemanticTokenType::STRING,
                SemanticTokenType::CLASS,
                SemanticTokenType::KEYWORD,
                SemanticTokenType::COMMENT,
            ],
            token_modifiers: vec![SemanticTokenModifier::DECLARATION],
        },
        full: Some(SemanticTokensFullOptions::Bool(true)),
        range: Some(false),
        work_done_progress_options: Default::default(),
    }
}

pub fn handle_semantic_tokens(snap: &Snapshot, uri: &Uri) -> Option<SemanticTokens> {
    let file = snap.file(uri)?;
    let t = file.analysis.transcript()?;
    let mut marks: Vec<(Span, u32, u32)> = Vec::new();
    if let Some(h) = &t.header {
        marks.extend(h.date_span.map(|s| (s, DATE, 0)));
        marks.extend(h.source_span.map(|s| (s, SOURCE, 0)));
    }
    let mut seen = std::collections::HashSet::new();
    for turn in &t.turns {
        let modifiers = if seen.insert(turn.speaker.as_str()) { FIRST_TURN } else { 0 };
        marks.push((turn.label_span, SPEAKER, modifiers));
    }
    for p in &t.paragraphs {
        match p.kind {
            ParagraphKind::Heading => marks.push((p.span, HEADING, 0)),
            ParagraphKind::StageNote => marks.push((p.span, STAGE_NOTE, 0)),
            _ => {}
        }
    }
    marks.sort_by_key(|m| m.0.start);
    let lines = &file.analysis.line_index;
    let enc = snap.encoding;
    let mut data = Vec::new();
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    let mut last_end = 0;
    for (span, kind, modifiers) in marks {
        // Overlapping marks (a stage note inside a heading) keep the first.
        if span.start < last_end || span.is_empty() {
            continue;
        }
        last_end = span.end;
        for piece in per_line(lines, span) {
            let start = position_to_proto(lines, piece.start, enc);
            let end = position_to_proto(lines, piece.end, enc);
            if end.character <= start.character {
                continue;
            }
            let delta_line = start.line - prev_line;
            let delta_start = if delta_line == 0 { start.character - prev_col } else { start.character };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: end.character - start.character,
                token_type: kind,
                token_modifiers_bitset: modifiers,
            });
            (prev_line, prev_col) = (start.line, start.character);
        }
    }
    Some(SemanticTokens { result_id: None, data })
}

/// `span` cut at line ends (line breaks themselves are not part of a token).
fn per_line(lines: &crate::corpus::LineIndex, span: Span) -> Vec<Span> {
    let first = lines.position(span.start, crate::corpus::text::ColumnUnit::Utf8).0;
    let last = lines.position(span.end, crate::corpus::text::ColumnUnit::Utf8).0;
    (first..=last)
        .map(|line| {
            let start = lines.line_start(line).max(span.start);
            let end = lines.line_end(line).min(span.end);
            Span::new(start, end.max(start))
        })
        .filter(|s| !s.is_empty())
        .collect()
}
