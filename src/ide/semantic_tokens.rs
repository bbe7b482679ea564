//! Semantic tokens for transcripts: the header's date and source, speaker
//! labels (marking a speaker's first turn), editorial headings and stage
//! notes, so that every editor colours transcripts alike without a grammar.
//! Tokens never span lines (not every editor takes multi-line tokens).

use std::collections::HashSet;

use crate::corpus::ParagraphKind;
use crate::corpus::text::{ColumnUnit, LineIndex, Span};
use crate::ide::world::{FileRef, World};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Date,
    Source,
    Speaker,
    Heading,
    StageNote,
}

/// One token: a piece of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The label of a speaker's first turn in the file.
    pub first_turn: bool,
}

/// The tokens of a transcript in text order; `None` for anything else.
pub fn semantic_tokens(world: &World, file: &FileRef) -> Option<Vec<Token>> {
    let view = world.file(file)?;
    let t = view.analysis.transcript()?;
    let mut marks: Vec<Token> = Vec::new();
    let mark = |span, kind| Token { span, kind, first_turn: false };
    if let Some(h) = &t.header {
        marks.extend(h.date_span.map(|s| mark(s, TokenKind::Date)));
        marks.extend(h.source_span.map(|s| mark(s, TokenKind::Source)));
    }
    let mut seen = HashSet::new();
    for turn in &t.turns {
        let first_turn = seen.insert(turn.speaker.as_str());
        marks.push(Token { span: turn.label_span, kind: TokenKind::Speaker, first_turn });
    }
    for p in &t.paragraphs {
        match p.kind {
            ParagraphKind::Heading => marks.push(mark(p.span, TokenKind::Heading)),
            ParagraphKind::StageNote => marks.push(mark(p.span, TokenKind::StageNote)),
            _ => {}
        }
    }
    marks.sort_by_key(|m| m.span.start);
    let lines = &view.analysis.line_index;
    let mut out = Vec::new();
    let mut last_end = 0;
    for token in marks {
        // Overlapping marks (a stage note inside a heading) keep the first.
        if token.span.start < last_end || token.span.is_empty() {
            continue;
        }
        last_end = token.span.end;
        out.extend(per_line(lines, token.span).into_iter().map(|span| Token { span, ..token }));
    }
    Some(out)
}

/// `span` cut at line ends (line breaks themselves are not part of a token).
fn per_line(lines: &LineIndex, span: Span) -> Vec<Span> {
    let first = lines.position(span.start, ColumnUnit::Utf8).0;
    let last = lines.position(span.end, ColumnUnit::Utf8).0;
    (first..=last)
        .map(|line| {
            let start = lines.line_start(line).max(span.start);
            let end = lines.line_end(line).min(span.end);
            Span::new(start, end.max(start))
        })
        .filter(|s| !s.is_empty())
        .collect()
}
