//! What a reader hands the parser: the file's noise, what it says about
//! itself, where its body starts and, for captions, segments and rows, its
//! text blocks with their times and the voices the container names.
//!
//! Plain text, Markdown and HTML give no blocks: their paragraphs are split
//! from the text with its noise blanked, as for any `.txt`. Captions and
//! segments give one block per cue line or segment; the parser joins the
//! blocks of one turn into paragraphs.

use crate::corpus::text::{Problem, Span};
use crate::corpus::transcript::{Format, Metadata, Noise, TimeSpan};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub format: Format,
    pub meta: Metadata,
    pub noise: Vec<Noise>,
    /// Where the transcript's own text starts (after front matter or a caption header).
    pub body_start: usize,
    /// Read the ` date YYYY-MM-DD Source: ...` line at `body_start`, and say when it is missing.
    pub header_line: bool,
    /// The container's text blocks, in order; `None` to split paragraphs from the text.
    pub blocks: Option<Vec<Block>>,
    pub problems: Vec<Problem>,
}

/// One cue line, segment or row.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The block's text in the file (its noise, such as tags, blanked by `Reading::noise`).
    pub span: Span,
    pub time: Option<TimeSpan>,
    /// The speaker the container names (`<v Name>`, a JSON `speaker`), and where.
    pub voice: Option<(String, Span)>,
    /// The block opens with a dialogue dash (`- Ta en kopp`): a new speaker, unnamed.
    pub dash: bool,
}

impl Block {
    pub fn new(span: Span, time: Option<TimeSpan>) -> Block {
        Block { span, time, voice: None, dash: false }
    }
}

impl Reading {
    /// The reading of a plain `.txt`: no noise known yet, a header line expected.
    pub fn plain() -> Reading {
        Reading { header_line: true, ..Reading::default() }
    }
}
