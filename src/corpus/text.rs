//! Small text primitives shared by every parser: byte spans, calendar dates,
//! problems found in user text, and a line index that maps byte offsets to
//! lines and columns without keeping the text itself.

use std::ops::Range;

pub mod fasthash;
mod markdown;
mod scan;
mod words;

pub use markdown::{escape_markdown, thousands};
pub(crate) use scan::find_line_break;
pub use words::count_words;

/// A half-open byte range `[start, end)` into a file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when `offset` lies inside the span; the end counts as inside so
    /// that a cursor placed right after the last character still hits it.
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The text this span covers, or "" when it does not fit the text
    /// (a stale span never panics).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A calendar date as written in a header or an INDEX.md entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`; returns `None` for anything that is not a real
    /// calendar date (month 13, 31 April, 29 February outside leap years).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: u16 = s.get(0..4)?.parse().ok()?;
        let month: u8 = s.get(5..7)?.parse().ok()?;
        let day: u8 = s.get(8..10)?.parse().ok()?;
        let date = Date { year, month, day };
        date.is_valid().then_some(date)
    }

    pub fn is_valid(&self) -> bool {
        if self.month == 0 || self.month > 12 || self.day == 0 {
            return false;
        }
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        let days = match self.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        self.day <= days
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// Something wrong or odd in user text. Parsers never fail: they return what
/// they understood plus a list of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub severity: Severity,
    /// A stable machine-readable kind, e.g. `"header-missing"`, used by the
    /// settings that turn diagnostics off.
    pub code: &'static str,
    /// A lower-case sentence for the user.
    pub message: String,
}

/// Maps byte offsets to (line, column) and back, in UTF-8 or UTF-16 units,
/// without keeping the text: it stores where lines start and, for lines with
/// non-ASCII characters, where those characters are. Lines end at `\n`,
/// `\r\n` or a lone `\r`, the same breaks as ropey's `cr_lines` and editors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of each line; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    /// Sorted by offset: every non-ASCII character's byte offset and UTF-8 length.
    wide_chars: Vec<(u32, u8)>,
    /// Sorted line numbers whose break is the two bytes "\r\n".
    crlf_lines: Vec<u32>,
    len: u32,
}

/// Which unit columns are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnUnit {
    Utf8,
    Utf16,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0u32];
        let mut wide_chars = Vec::new();
        let mut crlf_lines = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            // Runs of plain ASCII have nothing to record: skip them in one go.
            i = scan::find_break_or_wide(bytes, i);
            let Some(&b) = bytes.get(i) else { break };
            if b == b'\n' {
                line_starts.push((i + 1) as u32);
                i += 1;
            } else if b == b'\r' {
                if bytes.get(i + 1) == Some(&b'\n') {
                    crlf_lines.push((line_starts.len() - 1) as u32);
                    i += 1;
                }
                line_starts.push((i + 1) as u32);
                i += 1;
            } else if b < 0x80 {
                i += 1;
            } else {
                let width = utf8_width(b);
                wide_chars.push((i as u32, width as u8));
                i += width;
            }
        }
        LineIndex { line_starts, wide_chars, crlf_lines, len: bytes.len() as u32 }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Byte offset where `line` starts, clamped to the last line.
    pub fn line_start(&self, line: usize) -> usize {
        let line = line.min(self.line_starts.len() - 1);
        self.line_starts[line] as usize
    }

    /// Byte offset where `line`'s content ends (before its line break).
    pub fn line_end(&self, line: usize) -> usize {
        let line = line.min(self.line_starts.len() - 1);
        match self.line_starts.get(line + 1) {
            Some(&next) => {
                let brk = if self.crlf_lines.binary_search(&(line as u32)).is_ok() { 2 } else { 1 };
                (next as usize - brk).max(self.line_starts[line] as usize)
            }
            None => self.len as usize,
        }
    }

    /// (line, column) of a byte offset; offsets past the end clamp to the end,
    /// offsets inside a multi-byte character snap back to its start.
    pub fn position(&self, offset: usize, unit: ColumnUnit) -> (usize, usize) {
        let offset = offset.min(self.len as usize) as u32;
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let offset = self.snap_to_char(offset);
        let col_bytes = (offset - start) as usize;
        let col = match unit {
            ColumnUnit::Utf8 => col_bytes,
            ColumnUnit::Utf16 => {
                let mut col = col_bytes;
                for &(_, width) in self.wide_in(start, offset) {
                    let units16 = if width == 4 { 2 } else { 1 };
                    col = col - width as usize + units16;
                }
                col
            }
        };
        (line, col)
    }

    /// Byte offset of (line, column). A line past the end clamps to the end of
    /// the text; a column past the end of its line clamps to the line's end; a
    /// column inside a character (UTF-8) or a surrogate pair (UTF-16) snaps
    /// back to the character's start.
    pub fn offset(&self, line: usize, col: usize, unit: ColumnUnit) -> usize {
        if line >= self.line_starts.len() {
            return self.len as usize;
        }
        let start = self.line_starts[line];
        let end = self.line_end(line) as u32;
        let target = match unit {
            ColumnUnit::Utf8 => start.saturating_add(col as u32).min(end),
            ColumnUnit::Utf16 => {
                let mut byte = start;
                let mut units = 0usize;
                let wides = self.wide_in(start, end);
                let mut w = 0;
                while byte < end && units < col {
                    if w < wides.len() && wides[w].0 == byte {
                        let width = wides[w].1 as u32;
                        let u16s = if width == 4 { 2 } else { 1 };
                        if units + u16s > col {
                            break;
                        }
                        units += u16s;
                        byte += width;
                        w += 1;
                    } else {
                        units += 1;
                        byte += 1;
                    }
                }
                byte
            }
        };
        self.snap_to_char(target) as usize
    }

    fn wide_in(&self, from: u32, to: u32) -> &[(u32, u8)] {
        let a = self.wide_chars.partition_point(|&(at, _)| at < from);
        let b = self.wide_chars.partition_point(|&(at, _)| at < to);
        &self.wide_chars[a..b]
    }

    fn snap_to_char(&self, offset: u32) -> u32 {
        let i = self.wide_chars.partition_point(|&(at, _)| at <= offset);
        if i > 0 {
            let (at, width) = self.wide_chars[i - 1];
            if offset > at && offset < at + width as u32 {
                return at;
            }
        }
        offset
    }
}

fn utf8_width(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The seed's header line: the en dash is 3 bytes in UTF-8, 1 unit in UTF-16.
    const HEADER: &str =
        " date 2021-03-03 Source: President of Russia – The Kremlin – English\n\nLead.\r\nNext 😀 x\rlast";

    #[test]
    fn columns_after_an_en_dash_differ_by_encoding() {
        let idx = LineIndex::new(HEADER);
        let after_dash = HEADER.find("The Kremlin").unwrap();
        assert_eq!(idx.position(after_dash, ColumnUnit::Utf8), (0, after_dash));
        assert_eq!(idx.position(after_dash, ColumnUnit::Utf16), (0, after_dash - 2));
        assert_eq!(idx.offset(0, after_dash - 2, ColumnUnit::Utf16), after_dash);
        assert_eq!(idx.offset(0, after_dash, ColumnUnit::Utf8), after_dash);
    }

    #[test]
    fn an_emoji_is_two_utf16_units_and_four_bytes() {
        let idx = LineIndex::new(HEADER);
        let x = HEADER.rfind('x').unwrap();
        let line = 3;
        let col8 = "Next 😀 ".len();
        assert_eq!(idx.position(x, ColumnUnit::Utf8), (line, col8));
        assert_eq!(idx.position(x, ColumnUnit::Utf16), (line, 8));
        // A column inside the surrogate pair snaps back to the emoji's start.
        let emoji = HEADER.find('😀').unwrap();
        assert_eq!(idx.offset(line, 6, ColumnUnit::Utf16), emoji);
        // A byte column inside the emoji snaps back too.
        assert_eq!(idx.offset(line, 7, ColumnUnit::Utf8), emoji);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines_and_columns_clamp_to_the_line() {
        let idx = LineIndex::new(HEADER);
        assert_eq!(idx.line_count(), 5);
        let lead = HEADER.find("Lead.").unwrap();
        assert_eq!(idx.line_end(2), lead + "Lead.".len());
        assert_eq!(idx.offset(2, 999, ColumnUnit::Utf16), lead + "Lead.".len());
        assert_eq!(idx.offset(4, 0, ColumnUnit::Utf8), HEADER.find("last").unwrap());
        assert_eq!(idx.offset(99, 0, ColumnUnit::Utf8), HEADER.len());
        assert_eq!(idx.position(HEADER.len() + 10, ColumnUnit::Utf16), (4, 4));
    }

    #[test]
    fn line_separator_u2028_is_not_a_line_break() {
        let text = "a\u{2028}b\nc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 2);
        assert_eq!(idx.position(text.find('b').unwrap(), ColumnUnit::Utf16), (0, 2));
    }

    #[test]
    fn dates_must_be_real_calendar_dates() {
        assert_eq!(Date::parse_iso("2021-03-03").map(|d| d.to_string()), Some("2021-03-03".into()));
        assert!(Date::parse_iso("2021-02-29").is_none());
        assert!(Date::parse_iso("2020-02-29").is_some());
        assert!(Date::parse_iso("2021-13-01").is_none());
        assert!(Date::parse_iso("2021-04-31").is_none());
        assert!(Date::parse_iso("21-04-01").is_none());
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        assert_eq!(count_words("people’s e-commerce, 10 times -- ok"), 5);
    }
}
