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
//!
//! Other containers (WebVTT, SubRip, Whisper JSON, Markdown, HTML, tables)
//! are read by `corpus::formats`, which hands this parser the same text with
//! its noise blanked (`noise.rs`) and, for captions and segments, the text
//! blocks with their times and voices (`Reading`): every file ends up in this
//! one model, with spans into the file as it is on disk.

mod classify;
mod group;
mod header;
mod label;
pub mod meta;
pub mod noise;
mod paragraphs;
mod parse;
mod reading;
mod shape;
mod speaker;
mod special;
pub mod time;
pub(crate) mod words;

use std::borrow::Cow;
use std::ops::Range;

use crate::corpus::text::{Date, Problem, Span};

pub use meta::{DateFrom, Metadata};
pub use noise::Noise;
pub use reading::{Block, Reading};
pub(crate) use special::is_diarised_id;
pub use time::TimeSpan;

/// The container a transcript was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (`.txt`), the home layout and its many variants.
    #[default]
    Plain,
    /// A Markdown transcript (`.md` with front matter or speaker labels).
    Markdown,
    /// HTML (`.html`, `.htm`): tags are noise, the text is read as plain text.
    Html,
    WebVtt,
    /// SubRip (`.srt`).
    SubRip,
    /// Whisper, WhisperX, whisper.cpp or Podcasting 2.0 JSON (`.json`).
    Json,
    /// One utterance a row (`.tsv`, `.csv`).
    Table,
}

impl Format {
    /// The name shown to users and in the evaluation table.
    pub fn name(self) -> &'static str {
        match self {
            Format::Plain => "plain text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::WebVtt => "WebVTT",
            Format::SubRip => "SubRip",
            Format::Json => "JSON",
            Format::Table => "table",
        }
    }
}

/// Everything the parser understood about one transcript.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Transcript {
    pub format: Format,
    /// What the file says about itself (date, title, source, speakers);
    /// boxed, as most files say nothing and the model stays small.
    pub meta: Box<Metadata>,
    /// The bytes that are not spoken words, sorted (see `noise.rs`).
    pub noise: Vec<Noise>,
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
    /// The label without its colon (for a WebVTT voice or a JSON speaker,
    /// the name inside the tag or the string).
    pub label_span: Span,
    /// From the label to the end of the turn's last paragraph.
    pub span: Span,
    /// The paragraphs of the turn (indexes into `Transcript::paragraphs`);
    /// stage notes inside a turn belong to it.
    pub paragraphs: Range<usize>,
    pub words: usize,
    /// When the turn is spoken, where the source says (captions, segments,
    /// `Name  0:03`, `[00:01:02] Name:`). A turn with only a start time ends
    /// where the next timed turn starts.
    pub time: Option<TimeSpan>,
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

    /// The text that word counts and the theme analysis read: `text` with
    /// its noise blanked to spaces, the same length (borrowed when there is
    /// no noise, as for every file in the home layout).
    pub fn analysis_text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        noise::analysis_text(text, &self.noise)
    }

    /// The date the file states, wherever it states it.
    pub fn date(&self) -> Option<Date> {
        self.header.as_ref().and_then(|h| h.date).or(self.meta.date)
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

/// Parses a plain-text transcript. Never fails: odd input yields problems, not errors.
pub fn parse_transcript(text: &str) -> Transcript {
    parse::parse(text)
}

/// Builds the transcript of a file a reader has prepared (see `Reading`).
pub fn parse_reading(text: &str, reading: Reading) -> Transcript {
    parse::parse_reading(text, reading)
}
