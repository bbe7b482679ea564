//! One utterance a row (`.tsv`, `.csv`): Whisper's `start`, `end`, `text` (times
//! in milliseconds), and exports with `speaker`, `start`, `end` and `text`
//! columns under any of their usual names. The header row, the delimiters,
//! the quotes and the time and speaker cells are noise; each row's text cell
//! is a block, with the row's speaker as its voice.
//!
//! Times: whole numbers under a `start`/`end` header are milliseconds (as
//! Whisper writes them), numbers with a fraction are seconds, `00:01:02.5`
//! is a clock. A table with no header naming a text column gets a
//! diagnostic, and its longest cell of each row is read as the text.

use crate::corpus::formats::cues::lines;
use crate::corpus::text::{Problem, Severity, Span};
use crate::corpus::transcript::time::{parse_clock, seconds_to_ms};
use crate::corpus::transcript::{Block, Format, Metadata, Noise, Reading, TimeSpan};

const TEXT: [&str; 7] = ["text", "transcript", "utterance", "body", "content", "sentence", "words"];
const SPEAKER: [&str; 5] = ["speaker", "speaker name", "speaker_name", "name", "speaker label"];
const START: [&str; 6] = ["start", "start time", "start_time", "begin", "from", "in"];
const END: [&str; 5] = ["end", "end time", "end_time", "to", "out"];

pub(super) fn read(text: &str, tab_separated: bool) -> Reading {
    let mut noise = Vec::new();
    let mut problems = Vec::new();
    let rows: Vec<Vec<Span>> = lines(text, 0)
        .into_iter()
        .filter(|l| !l.slice(text).trim().is_empty())
        .map(|l| cells(text, l, if tab_separated { b'\t' } else { b',' }))
        .collect();
    let header: Vec<String> = rows
        .first()
        .map(|r| r.iter().map(|c| c.slice(text).trim().trim_matches('"').to_lowercase()).collect())
        .unwrap_or_default();
    let column = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let text_col = column(&TEXT);
    let (speaker_col, start_col, end_col) = (column(&SPEAKER), column(&START), column(&END));
    let first_row = usize::from(text_col.is_some());
    if text_col.is_none() && !rows.is_empty() {
        problems.push(Problem {
            span: rows[0].first().copied().unwrap_or_default(),
            severity: Severity::Warning,
            code: "table-no-text-column",
            message:
                "no header names a text column (`text`, `transcript`, ...); each row's longest cell is read as its text"
                    .into(),
        });
    }
    let mut blocks = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let Some(first) = row.first() else { continue };
        let row_span = Span::new(first.start, row.last().map_or(first.end, |c| c.end));
        let text_cell = match text_col {
            _ if r < first_row => None,
            Some(c) => row.get(c).copied(),
            None => row.iter().copied().max_by_key(|c| c.len()),
        };
        let Some(cell) = text_cell.map(|c| unquoted(text, c)) else {
            noise.push(Noise::blank(row_span));
            continue;
        };
        noise.push(Noise::blank(Span::new(row_span.start, cell.start)));
        noise.push(Noise::blank(Span::new(cell.end, row_span.end)));
        quote_escapes(text, cell, &mut noise);
        let time_of =
            |col: Option<usize>| col.and_then(|c| row.get(c)).and_then(|c| time(unquoted(text, *c).slice(text)));
        let time = match (time_of(start_col), time_of(end_col)) {
            (Some(s), Some(e)) => Some(TimeSpan::new(s, e)),
            (Some(s), None) => Some(TimeSpan::at(s)),
            _ => None,
        };
        let voice = speaker_col
            .and_then(|c| row.get(c))
            .map(|c| unquoted(text, *c))
            .map(|s| (s.slice(text).trim().to_string(), s))
            .filter(|(name, _)| !name.is_empty());
        blocks.push(Block { span: cell, time, voice, dash: false });
    }
    Reading {
        format: Format::Table,
        meta: Metadata::default(),
        noise,
        body_start: 0,
        header_line: false,
        blocks: Some(blocks),
        problems,
    }
}

/// The cells of one line, split at `delimiter` outside double quotes.
fn cells(text: &str, line: Span, delimiter: u8) -> Vec<Span> {
    let bytes = &text.as_bytes()[line.start..line.end];
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b if b == delimiter && !quoted => {
                out.push(Span::new(line.start + start, line.start + i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(Span::new(line.start + start, line.end));
    out
}

/// A cell without its surrounding quotes.
fn unquoted(text: &str, cell: Span) -> Span {
    let s = cell.slice(text);
    let lead = s.len() - s.trim_start().len();
    let inner = s.trim();
    match inner.strip_prefix('"').and_then(|i| i.strip_suffix('"')) {
        Some(body) => Span::new(cell.start + lead + 1, cell.start + lead + 1 + body.len()),
        None => Span::new(cell.start + lead, cell.start + lead + inner.len()),
    }
}

/// `""` inside a quoted cell stands for one quote.
fn quote_escapes(text: &str, cell: Span, noise: &mut Vec<Noise>) {
    for (i, _) in cell.slice(text).match_indices("\"\"") {
        noise.push(Noise::escape(Span::new(cell.start + i, cell.start + i + 2), '"'));
    }
}

/// A time cell: whole milliseconds, seconds with a fraction, or a clock.
fn time(cell: &str) -> Option<u64> {
    let cell = cell.trim();
    if cell.contains(':') {
        return parse_clock(cell);
    }
    if cell.bytes().all(|b| b.is_ascii_digit()) && !cell.is_empty() {
        return cell.parse().ok();
    }
    cell.parse::<f64>().ok().and_then(seconds_to_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::transcript::parse_reading;

    #[test]
    fn whisper_tsv_rows_are_blocks_with_times_in_milliseconds() {
        let text = "start\tend\ttext\n0\t2000\tHola, bon dia, com et dius?\n2000\t4000\tHola, em dic Carme.\n";
        let t = parse_reading(text, read(text, true));
        assert_eq!(t.words, 10, "{}", t.analysis_text(text));
        assert!(t.turns.is_empty(), "no speaker column, no label: one voice");
        assert_eq!(t.paragraphs.len(), 1);
    }

    #[test]
    fn a_speaker_column_makes_turns_and_quotes_are_noise() {
        let text =
            "Speaker,Start,End,Text\nAnna,0.0,1.5,\"Hello, \"\"world\"\".\"\nBen,1.5,3.0,Hi.\nAnna,3.0,4.0,Bye.\n";
        let t = parse_reading(text, read(text, false));
        let turns: Vec<(&str, u64)> =
            t.turns.iter().map(|x| (x.speaker.as_str(), x.time.map_or(0, |t| t.start_ms))).collect();
        assert_eq!(turns, vec![("Anna", 0), ("Ben", 1_500), ("Anna", 3_000)]);
        assert!(t.analysis_text(text).contains("Hello, \"world\"."), "{}", t.analysis_text(text));
    }
}
