//! Completing what a file says about itself once it is read: a date stated
//! near the top of the text ("Tuesday, January 28, 1997", "25 de noviembre
//! de 2022"), else one in the file name; a title line before the first turn
//! ("Remarks by the President ..."), when the file names no title.
//!
//! Files in the home layout have their date in the header line: nothing is
//! searched for them, so the parser's speed on the shared corpora stays.

use crate::corpus::formats::dates::{date_in_file_name, date_in_text};
use crate::corpus::text::Span;
use crate::corpus::transcript::{DateFrom, Transcript};

/// How far into the text a stated date is looked for.
const TOP_BYTES: usize = 1500;

/// Longest title line, in words.
const TITLE_WORDS: usize = 24;

pub(super) fn complete(path: &str, text: &str, t: &mut Transcript) {
    if t.date().is_none() {
        let masked = t.analysis_text(text);
        let top = t.paragraphs.iter().take_while(|p| p.span.start < TOP_BYTES).last().map_or(0, |p| p.span.end);
        let from = t.paragraphs.first().map_or(0, |p| p.span.start).min(top);
        let title_date = t.meta.title.as_deref().and_then(date_in_text).map(|(d, _)| d);
        if let Some((date, r)) = masked.get(from..top).and_then(date_in_text) {
            t.meta.offer_date(date, Some(Span::new(from + r.start, from + r.end)), DateFrom::Text);
        } else if let Some(date) = title_date {
            t.meta.offer_date(date, t.meta.title_span, DateFrom::Text);
        } else if let Some(date) = date_in_file_name(path) {
            t.meta.offer_date(date, None, DateFrom::FileName);
        }
    }
    if t.meta.title.is_none()
        && let Some(span) = title_line(t, text)
    {
        let masked = t.analysis_text(text);
        let title = span.slice(&masked).trim_matches(|c: char| c == '#' || c == '*' || c.is_whitespace()).to_string();
        t.meta.offer_title(&title, Some(span));
    }
}

/// The first paragraph before any turn, when it reads as a title: one
/// line, a few words, no sentence end, not a date or a time alone.
fn title_line(t: &Transcript, text: &str) -> Option<Span> {
    let lead = t.lead.as_ref()?;
    let p = t.paragraphs.get(lead.start)?;
    let masked = t.analysis_text(text);
    let mut span = p.span;
    let mut s = span.slice(&masked).trim();
    // A Setext heading: the title, then a line of `===` or `---`.
    if let Some((first, under)) = s.split_once('\n')
        && under.trim().len() >= 3
        && (under.trim().bytes().all(|b| b == b'=') || under.trim().bytes().all(|b| b == b'-'))
    {
        s = first.trim_end();
        span = Span::new(span.start, span.start + s.len());
    }
    let words = s.split_whitespace().count();
    let one_line = !s.contains('\n');
    let ends_sentence = s.ends_with(['.', ',', ';', ':']);
    let capitalised = s.trim_start_matches(['#', '*', ' ']).starts_with(char::is_uppercase);
    let only_date = date_in_text(s).is_some_and(|(_, r)| r.len() + 12 >= s.len());
    (one_line && (2..=TITLE_WORDS).contains(&words) && !ends_sentence && capitalised && !only_date).then_some(span)
}
