//! The transcript parser: turns a speech transcript's text into its structure
//! (header, lead, parts, editorial headings, stage notes, speaker turns,
//! paragraphs), all as byte spans into the text.
//!
//! A transcript looks like this (see `seeds/`):
//!
//! ```text
//!  date 2021-03-03 Source: President of Russia – The Kremlin – English
//!
//! The participants summed up ...                 <- lead
//!
//! President of Russia Vladimir Putin: Mr Kolokoltsev, comrades,   <- turn
//! * * *                                          <- part separator
//! ```

mod classify;
mod header;
mod label;
mod paragraphs;
mod parse;
mod speaker;
mod words;

use std::ops::Range;

use crate::corpus::text::{Date, Problem, Span};

/// Everything the parser understood about one transcript.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transcript {
    /// The ` date YYYY-MM-DD Source: ...` line, when the file has one.
    pub header: Option<Header>,
    /// Every paragraph after the header, in order. Paragraph indexes used
    /// elsewhere (turns, parts, the gold `turn_starts`) index into this.
    pub paragraphs: Vec<Paragraph>,
    /// Paragraphs before the first speaker turn or part separator, if any.
    pub lead: Option<Range<usize>>,
    /// The parts of the speech. There is always at least one part when the
    /// transcript has any paragraph after the lead; a part with no title is
    /// the implicit part before the first separator or heading.
    pub parts: Vec<Part>,
    /// Speaker turns in order, across all parts.
    pub turns: Vec<SpeakerTurn>,
    /// Words in the whole text after the header.
    pub words: usize,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The whole header line, without its line break.
    pub span: Span,
    pub date: Option<Date>,
    /// Where the date is written (even when it is not a real date).
    pub date_span: Option<Span>,
    /// The text after `Source:`, trimmed, e.g. "President of Russia – The Kremlin – English".
    pub source: Option<String>,
    pub source_span: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// Ordinary prose (lead text, or the continuation of a turn).
    Text,
    /// A paragraph that opens a speaker turn with `Label: text`.
    TurnStart,
    /// `* * *`, `***` and the like.
    PartSeparator,
    /// An editorial heading such as "Beginning of meeting with ...".
    Heading,
    /// A stage note such as "(Applause.)".
    StageNote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    /// From the first to the last non-blank character of the paragraph.
    pub span: Span,
    pub kind: ParagraphKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerTurn {
    /// The speaker as written in the label, e.g. "President of Russia Vladimir Putin".
    pub speaker: String,
    /// The label without its colon.
    pub label_span: Span,
    /// From the label to the end of the turn's last paragraph.
    pub span: Span,
    /// The paragraphs of the turn (indexes into `Transcript::paragraphs`);
    /// stage notes inside a turn belong to it.
    pub paragraphs: Range<usize>,
    pub words: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The heading text, or the separator as written, or `None` for the
    /// implicit first part.
    pub title: Option<String>,
    /// The separator or heading paragraph that opens the part, if any.
    pub opener: Option<usize>,
    pub span: Span,
    pub paragraphs: Range<usize>,
    /// Indexes into `Transcript::turns`.
    pub turns: Range<usize>,
}

impl Transcript {
    /// The index of the paragraph containing `offset`, if any.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end < offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.contains(offset)).then_some(i)
    }

    /// The index of the turn containing `offset`, if any.
    pub fn turn_at(&self, offset: usize) -> Option<usize> {
        let i = self.turns.partition_point(|t| t.span.end < offset);
        (i < self.turns.len() && self.turns[i].span.contains(offset)).then_some(i)
    }

    /// Distinct speakers with their words, most words first.
    pub fn speaker_shares(&self) -> Vec<(String, usize)> {
        let mut shares: Vec<(String, usize)> = Vec::new();
        for turn in &self.turns {
            match shares.iter_mut().find(|(s, _)| *s == turn.speaker) {
                Some((_, w)) => *w += turn.words,
                None => shares.push((turn.speaker.clone(), turn.words)),
            }
        }
        shares.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        shares
    }
}

/// Parses a transcript. Never fails: odd input yields problems, not errors.
pub fn parse_transcript(text: &str) -> Transcript {
    parse::parse(text)
}
