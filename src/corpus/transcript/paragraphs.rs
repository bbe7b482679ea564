//! Splitting the body of a transcript into paragraphs.
//!
//! Real files come in three layouts: one paragraph per line separated by
//! blank lines (the corpora), paragraphs hard-wrapped across several lines
//! separated by blank lines, and one paragraph per line with no blank lines
//! at all. The layout is decided once per file: when the body has a blank
//! line between two text lines, blank lines separate paragraphs; otherwise
//! every line is a paragraph. A fourth layout marks paragraphs by indenting
//! their first line and wraps the rest flush left (the Congressional Record,
//! typescripts): where at least three lines are indented (a twelfth of the
//! lines or more) and most flush lines follow a line that stops
//! mid-sentence (the text is wrapped), an indented line opens a paragraph,
//! and a flush line after one that stops mid-sentence continues it. Lines end
//! at `\n`, `\r\n` or a lone `\r` (as in editors); U+2028 and other Unicode
//! separators are not line breaks.

use crate::corpus::text::{Span, find_line_break};

/// The trimmed spans of the paragraphs in `text[from..]`, in order.
pub(super) fn split_paragraphs(text: &str, from: usize) -> Vec<Span> {
    let lines = body_lines(text, from);
    let first_text = lines.iter().position(|l| !l.blank);
    let last_text = lines.iter().rposition(|l| !l.blank);
    let blank_separated = match (first_text, last_text) {
        (Some(a), Some(b)) => lines[a..b].iter().any(|l| l.blank),
        _ => false,
    };
    let indented = lines.iter().filter(|l| l.indent == Indent::Paragraph).count();
    let flush = lines.iter().filter(|l| l.indent == Indent::Flush).count();
    let ends_sentence = |l: &Line| text[l.span.start..l.span.end].ends_with(['.', '!', '?', '…', '"', '”', ':']);
    let wrapped_flush =
        lines.windows(2).filter(|w| w[1].indent == Indent::Flush && !w[0].blank && !ends_sentence(&w[0])).count();
    let indent_opens = indented >= 3 && indented * 12 >= flush + indented && wrapped_flush * 2 >= flush.max(1);
    let mut out = Vec::new();
    let mut open: Option<Span> = None;
    let mut previous_ends_sentence = true;
    for line in &lines {
        if line.blank {
            if let Some(p) = open.take() {
                out.push(p);
            }
            continue;
        }
        let opens = indent_opens && line.indent == Indent::Paragraph;
        let wrapped = indent_opens && line.indent == Indent::Flush && !previous_ends_sentence;
        previous_ends_sentence = ends_sentence(line);
        match open.as_mut() {
            Some(p) if blank_separated && !opens => p.end = line.span.end,
            Some(p) if wrapped => p.end = line.span.end,
            _ => {
                if let Some(p) = open.take() {
                    out.push(p);
                }
                open = Some(line.span);
            }
        }
    }
    out.extend(open);
    out
}

struct Line {
    /// The line's content without its break, trimmed of surrounding whitespace.
    span: Span,
    /// Nothing but whitespace (or a stray `&nbsp;` entity) on the line.
    blank: bool,
    indent: Indent,
}

/// How a line of text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Indent {
    /// At the margin.
    Flush,
    /// Two to six spaces or one tab: a paragraph's first line, in layouts that indent them.
    Paragraph,
    /// Further in: a centred title, a quotation, a table, or a blank line.
    Other,
}

fn body_lines(text: &str, from: usize) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = from.min(text.len());
    let mut i = start;
    while i <= bytes.len() {
        i = find_line_break(bytes, i);
        let at_end = i == bytes.len();
        lines.push(make_line(text, start, i));
        if at_end {
            break;
        }
        i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        start = i;
    }
    lines
}

fn make_line(text: &str, start: usize, end: usize) -> Line {
    // `start` and `end` sit next to ASCII line breaks (or the text's ends),
    // so they are always on char boundaries.
    let raw = text.get(start..end).unwrap_or("");
    let content = raw.trim();
    let lead = raw.len() - raw.trim_start().len();
    let span = Span::new(start + lead, start + lead + content.len());
    // A trimmed line made only of entities and spaces must open with an entity.
    let blank = content.is_empty()
        || (content.starts_with("&nbsp;") && content.split("&nbsp;").all(|piece| piece.trim().is_empty()));
    let indent = match &raw.as_bytes()[..lead] {
        _ if blank => Indent::Other,
        [] => Indent::Flush,
        [b'\t'] => Indent::Paragraph,
        spaces if (2..=6).contains(&spaces.len()) && spaces.iter().all(|&b| b == b' ') => Indent::Paragraph,
        _ => Indent::Other,
    };
    Line { span, blank, indent }
}
