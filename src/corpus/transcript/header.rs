//! The header line ` date YYYY-MM-DD Source: ...`: where it is, what date and
//! source it names, and what is wrong with it. A missing or broken header is
//! a problem for the user to fix, never a reason to give up on the file.

use crate::corpus::text::{Date, Problem, Severity, Span};
use crate::corpus::transcript::Header;

/// Length of a UTF-8 byte order mark at the start of `text` (0 or 3).
pub(super) fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// The end of the first line that starts at `from`, before its break.
pub(super) fn line_end(text: &str, from: usize) -> usize {
    text.get(from..).and_then(|rest| rest.find(['\n', '\r'])).map_or(text.len(), |i| from + i)
}

/// Parses the header on the first line (after a BOM). Returns `None` when the
/// first line is not a header; problems with a header that is there (a bad
/// date, no source) are pushed to `problems`.
pub(super) fn parse_header(text: &str, problems: &mut Vec<Problem>) -> Option<Header> {
    let start = bom_len(text);
    let end = line_end(text, start);
    let line = &text[start..end];
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let after_keyword = trimmed.strip_prefix("date")?;
    // "date" must be a word of its own: "dated ..." or "date:" is prose.
    if !after_keyword.is_empty() && !after_keyword.starts_with(char::is_whitespace) {
        return None;
    }
    let keyword_end = start + indent + 4;
    let rest = &text[keyword_end..end];
    let date_offset = keyword_end + (rest.len() - rest.trim_start().len());
    let date_text = text[date_offset..end].split(char::is_whitespace).next().unwrap_or("");
    let date_span = Span::new(date_offset, date_offset + date_text.len());
    let date = Date::parse_iso(date_text);
    if date.is_none() {
        problems.push(date_problem(date_text, date_span));
    }
    let (source, source_span) = match line.find("Source:") {
        Some(i) => {
            let raw = &line[i + "Source:".len()..];
            let value = raw.trim();
            let offset = start + i + "Source:".len() + (raw.len() - raw.trim_start().len());
            (Some(value.to_string()), Some(Span::new(offset, offset + value.len())))
        }
        None => {
            problems.push(Problem {
                span: Span::new(start + indent, end),
                severity: Severity::Info,
                code: "header-source-missing",
                message: "the header line names no source: expected `Source: ...` after the date".into(),
            });
            (None, None)
        }
    };
    Some(Header { span: Span::new(start, end), date, date_span: Some(date_span), source, source_span })
}

/// The problem for a date that did not parse: missing, not in the
/// `YYYY-MM-DD` shape, or in that shape but not a real calendar day.
fn date_problem(date_text: &str, span: Span) -> Problem {
    let shaped = date_text.len() == 10
        && date_text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let (code, message) = if date_text.is_empty() {
        ("header-date-missing", "the header line has no date: expected ` date YYYY-MM-DD Source: ...`".to_string())
    } else if shaped {
        ("header-date-invalid", format!("`{date_text}` is not a real calendar date"))
    } else {
        ("header-date-malformed", format!("`{date_text}` is not a date in the form YYYY-MM-DD"))
    };
    Problem { span, severity: Severity::Warning, code, message }
}
