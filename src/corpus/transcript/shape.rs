//! The shape of a paragraph's first line, before any word is judged: where a
//! speaker label could be and how it ends, and which bytes are markup or
//! times rather than words.
//!
//! The layouts read here:
//!
//! ```text
//! Name: text            THE PRESIDENT: text       Name : text        (colon)
//! THE PRESIDENT. text   Mr. WARNER. text          Q. text            (period)
//! Name                  ### Name                  **Name**           (alone; text on the next line)
//! Name  0:03            Name (00:01):             **Name** [0:00]    (timed; text here or on the next line)
//! [00:01:02] Name: text 00:01 Name: text          [SPEAKER_00]: text (a leading clock, a bracketed id)
//! >> NAME: text         **Name:** text            __Name__: text     (markup around the label)
//! ```
//!
//! Whether the words make a label is `label.rs`'s question, and whether the
//! file's other labels support it is `speaker.rs`'s.

use std::ops::Range;

use crate::corpus::text::find_line_break;
use crate::corpus::transcript::time::{Clock, clock_at, find_clock};

/// How the label ends: which layout it is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Ending {
    /// `Label: text`.
    Colon,
    /// `LABEL. Text`.
    Period,
    /// The label is the whole line; the text follows on the next line or paragraph.
    Alone,
    /// `Label 0:03` or `Label (00:01):`: a time after the label.
    Timed,
}

/// One first line's shape. Ranges are byte ranges into the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shape {
    pub label: Range<usize>,
    pub ending: Ending,
    /// Where the turn's own words start (after the colon, the full stop, the
    /// time or the line break).
    pub after: usize,
    /// The time written on the line, in milliseconds.
    pub time: Option<u64>,
    /// The label was in square brackets (`[SPEAKER_00]:`).
    pub bracketed: bool,
    /// Brackets, emphasis and times that belong to the label: noise when it is read as one.
    pub noise: Vec<Range<usize>>,
}

/// The markup and times of a first line, and the label it may carry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct LineShape {
    /// Markup (`>>`, `###`, `**`) and times: noise, whatever the label's fate.
    pub noise: Vec<Range<usize>>,
    /// A leading time (`[00:01:02] ...`), which is the paragraph's time even without a label.
    pub time: Option<u64>,
    pub label: Option<Shape>,
    /// The whole paragraph is a time and nothing else (`0:53` on its own line).
    pub only_time: bool,
    /// The label is in bold or italics (`**Ege Korkan:**`): written as a label on purpose.
    pub emphasised: bool,
}

/// Labels longer than this are sentences, whatever their words.
pub(super) const MAX_LABEL_BYTES: usize = 260;

/// Longest name or role, in bytes, read alone on its line or before a full stop.
const MAX_BARE_LABEL_BYTES: usize = 80;

/// The shape of `p`, a trimmed paragraph.
pub(super) fn shape(p: &str) -> LineShape {
    let mut out = LineShape::default();
    let window = &p[..floor_char_boundary(p, MAX_LABEL_BYTES + 40)];
    let line_end = find_line_break(window.as_bytes(), 0);
    let line = &window[..line_end];
    let mut i = 0;
    // `>>` marks a change of speaker in broadcast captions; `#` a Markdown heading.
    for mark in [b'>', b'#'] {
        let run = line.bytes().skip(i).take_while(|&b| b == mark).count();
        let spaced = line.as_bytes().get(i + run).is_some_and(|&b| b == b' ');
        if ((mark == b'>' && run >= 2) || (mark == b'#' && (1..=6).contains(&run))) && spaced {
            out.noise.push(i..i + run);
            i = skip_spaces(line, i + run);
        }
    }
    let mut clock_first = false;
    if line.as_bytes().get(i).is_some_and(|b| matches!(b, b'0'..=b'9' | b'[' | b'('))
        && let Some(c) = leading_clock(line, i)
    {
        out.noise.push(c.start..c.end);
        out.time = c.time();
        clock_first = true;
        i = skip_separators(line, c.end);
        if i >= line.len() && line_end == p.len() {
            out.only_time = true;
            return out;
        }
    }
    let mut line = line;
    if i >= line.len() && clock_first {
        // A time on its own line, the label on the next (`[00:00:00:02]`
        // then `P: Roger`): the label is read on the second line.
        let next = next_line_start(p, line.len());
        let next_end = find_line_break(window.as_bytes(), next);
        line = &window[..next_end];
        i = next;
    }
    if i >= line.len() {
        return out;
    }
    let stars = line[i..].bytes().take_while(|&b| b == b'*' || b == b'_').count();
    if stars > 0 {
        out.noise.push(i..i + stars);
    }
    let start = i + stars;
    out.emphasised = stars > 0;
    out.label = label_shape(p, line, start);
    out
}

/// The label starting at `start` of `line` (the first line of `p`), if the line has one's shape.
fn label_shape(p: &str, line: &str, start: usize) -> Option<Shape> {
    let rest = &line[start..];
    if rest.starts_with('[') {
        return bracketed(p, line, start);
    }
    let mut noise = Vec::new();
    let colon = first_colon(rest);
    // Every time has a colon: most lines have none, and no time is looked for.
    let any_colon = memchr::memchr(b':', rest.as_bytes()).is_some();
    let clock = if any_colon { find_clock(rest, MAX_LABEL_BYTES).filter(|c| c.start > 0) } else { None };
    // "The President. Mr. Speaker, ... my fellow Americans: Since ...": a
    // full stop that ends a label before the first colon wins.
    if let Some(k) = colon
        && clock.is_none_or(|c| k < c.start)
        && period_end(&rest[..k]).is_some()
    {
        return period_or_alone(p, line, start);
    }
    match (colon, clock) {
        (Some(k), c) if c.is_none_or(|c| k < c.start) => {
            let label = trim_label(line, start..start + k);
            let after = after_colon(p, line, start + k + 1, &mut noise);
            Some(Shape { label, ending: Ending::Colon, after: after.0, time: after.1, bracketed: false, noise })
        }
        (_, Some(c)) => {
            let label = trim_label(line, start..start + c.start);
            if label.is_empty() {
                return None;
            }
            let mut after = skip_spaces(line, start + c.end);
            // `Name (00:01): text` or `Name  0:03` with the text below; "At
            // 10:30 we met" is prose.
            if line[after..].starts_with(':') {
                after = skip_spaces(line, after + 1);
            } else if after < line.len() {
                return None;
            }
            noise.push(start + c.start..start + c.end);
            let after = if after >= line.len() { next_line_start(p, line.len()) } else { after };
            Some(Shape { label, ending: Ending::Timed, after, time: c.time(), bracketed: false, noise })
        }
        (None, None) => period_or_alone(p, line, start),
        _ => None,
    }
}

/// `[SPEAKER_00]: text` or `[Name] text`: a label in square brackets.
fn bracketed(p: &str, line: &str, start: usize) -> Option<Shape> {
    let mut noise = Vec::new();
    let close = start + line[start..].bytes().take(MAX_BARE_LABEL_BYTES).position(|b| b == b']')?;
    let label = trim_label(line, start + 1..close);
    if label.is_empty() || line[label.clone()].contains(['[', ':']) {
        return None;
    }
    noise.push(start..start + 1);
    noise.push(close..close + 1);
    let mut after = skip_spaces(line, close + 1);
    if line[after..].starts_with(':') {
        noise.push(after..after + 1);
        after = skip_spaces(line, after + 1);
    } else if after < line.len() {
        // "[Applause] Thank you": a stage note before the text, not a label.
        return None;
    }
    let after = if after >= line.len() { next_line_start(p, line.len()) } else { after };
    Some(Shape { label, ending: Ending::Colon, after, time: None, bracketed: true, noise })
}

/// After a colon: emphasis closing the label (`**Name:** text`) and a time
/// (`Name: (00:01) text`) are noise; returns where the words start and the time.
fn after_colon(p: &str, line: &str, at: usize, noise: &mut Vec<Range<usize>>) -> (usize, Option<u64>) {
    let stars = line[at..].bytes().take_while(|&b| b == b'*' || b == b'_').count();
    if stars > 0 {
        noise.push(at..at + stars);
    }
    let mut i = skip_spaces(line, at + stars);
    let mut time = None;
    let mut clock = false;
    if let Some(c) = clock_at(line, i) {
        noise.push(c.start..c.end);
        time = c.time();
        clock = true;
        i = skip_separators(line, c.end);
    }
    if clock && i >= line.len() {
        return (next_line_start(p, line.len()), time);
    }
    (at, time)
}

/// `THE PRESIDENT. Text`, or a line that is only a name (`Keir Starmer`, `### Name`).
fn period_or_alone(p: &str, line: &str, start: usize) -> Option<Shape> {
    let rest = &line[start..];
    // "Q Mr. President, ...": the White House transcripts' question, with no
    // stop; since 2025 the spaces after it are no-break spaces.
    let words = rest.strip_prefix('Q').map(|r| r.trim_start_matches([' ', '\u{a0}']));
    if let Some(words) = words
        && words.len() < rest.len() - 1
        && words.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“')
    {
        let after = start + rest.len() - words.len();
        let label = start..start + 1;
        return Some(Shape { label, ending: Ending::Period, after, time: None, bracketed: false, noise: Vec::new() });
    }
    if let Some(d) = period_end(rest) {
        let label = trim_label(line, start..start + d);
        let after = skip_spaces(line, start + d + 1);
        let after = if after >= line.len() { next_line_start(p, line.len()) } else { after };
        let shape = Shape { label, ending: Ending::Period, after, time: None, bracketed: false, noise: Vec::new() };
        return (!shape.label.is_empty()).then_some(shape);
    }
    if line.len() - start > MAX_BARE_LABEL_BYTES + 8 {
        return None;
    }
    let label = trim_label(line, start..line.len());
    let bare = &line[label.clone()];
    // A vocative ("Mr President,") or a sentence is not a name alone.
    let ends_sentence = line.trim_end().ends_with(['.', ',', ';', '!', '?', ':', '"', '”', '…']);
    if label.is_empty() || bare.len() > MAX_BARE_LABEL_BYTES || ends_sentence || !capitalised_words(bare) {
        return None;
    }
    let after = next_line_start(p, line.len());
    Some(Shape { label, ending: Ending::Alone, after, time: None, bracketed: false, noise: Vec::new() })
}

/// The full stop that ends a period label in `rest`: followed by a space and
/// a word that does not start in lower case, or by the end of the line; the
/// word before it is no abbreviation ("Mr.", "M.", "St."), and every word
/// before it is capitalised. Most paragraphs are prose whose second word is
/// in lower case: the scan stops there, a few bytes in.
fn period_end(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let limit = bytes.len().min(MAX_BARE_LABEL_BYTES);
    if !word_ok(rest) {
        return None;
    }
    let mut word_start = 0;
    let mut words = 1;
    let mut i = 0;
    while i < limit {
        match bytes[i] {
            b'.' => {
                let word = &rest[word_start..i];
                let next = rest[i + 1..].trim_start_matches(' ');
                let spaced = rest[i + 1..].starts_with(' ') || next.is_empty();
                let next_ok = next.chars().next().is_none_or(|c| !c.is_lowercase());
                if spaced && next_ok && !is_abbreviation(word, word_start == 0) {
                    return Some(i);
                }
                word_start = i + 1;
            }
            b' ' => {
                word_start = i + 1;
                let next = &rest[i + 1..];
                if !next.starts_with(' ') && !next.is_empty() {
                    words += 1;
                    if words > 8 || !word_ok(next) {
                        return None;
                    }
                }
            }
            // A parenthetical remark ("The PRESIDING OFFICER (Mr. Kyl).") is skipped.
            b'(' => i += rest[i..].find(')')?,
            b if b.is_ascii_alphabetic() || b == b'-' || b == b'\'' || b >= 0x80 => {}
            // Digits, commas, colons: not a bare name.
            _ => return None,
        }
        i += 1;
    }
    None
}

/// A word of a label: it starts with a capital (after emphasis or a quote)
/// or is a short particle ("of", "pro tempore", "de la", "members").
fn word_ok(s: &str) -> bool {
    const PARTICLES: [&str; 18] = [
        "of", "the", "and", "pro", "tempore", "de", "del", "la", "le", "van", "von", "da", "di", "du", "al", "el",
        "member", "members",
    ];
    let s = s.trim_start_matches(['*', '_', '"']);
    if s.chars().next().is_some_and(char::is_uppercase) || s.starts_with('(') {
        return true;
    }
    let word = &s[..s.find([' ', '.', ')']).unwrap_or(s.len())];
    PARTICLES.contains(&word) || word == "señor" || word == "señora"
}

/// "Mr", "Mrs", "M", "St": a word before a full stop that does not end a label.
/// A label of one letter ("Q", "A") is no abbreviation.
fn is_abbreviation(word: &str, whole_label: bool) -> bool {
    const ABBREVIATIONS: [&str; 28] = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "m", "mme", "mlle", "no", "gen", "sen", "rep", "gov", "hon", "prof",
        "rev", "lt", "col", "capt", "sgt", "art", "sec", "vol", "fig", "ch", "pp",
    ];
    if word.chars().count() == 1 {
        return !(whole_label && matches!(word, "Q" | "A"));
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Every word starts with an upper-case letter or is a short particle,
/// with parenthetical remarks skipped; at most eight words.
fn capitalised_words(s: &str) -> bool {
    let mut depth = 0usize;
    let mut any = false;
    let mut count = 0;
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        count += 1;
        if word.starts_with('(') {
            depth += 1;
        }
        if depth == 0 {
            if !word_ok(word) {
                return false;
            }
            any = true;
        }
        if word.ends_with(')') {
            depth = depth.saturating_sub(1);
        }
    }
    any && count <= 8
}

/// The first colon of `rest` that is not inside a time (`10:30`).
fn first_colon(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let limit = bytes.len().min(MAX_LABEL_BYTES + 4);
    memchr::memchr_iter(b':', &bytes[..limit])
        .find(|&k| !(k > 0 && bytes[k - 1].is_ascii_digit() && bytes.get(k + 1).is_some_and(|b| b.is_ascii_digit())))
}

/// A clock at `at` that opens the line, followed by a space, a separator or the end.
fn leading_clock(line: &str, at: usize) -> Option<Clock> {
    let c = clock_at(line, at)?;
    let next = line[c.end..].chars().next();
    next.is_none_or(|ch| ch.is_whitespace() || matches!(ch, '-' | '–' | '|' | ':')).then_some(c)
}

/// `range` of `line` without surrounding spaces, emphasis marks and separators.
fn trim_label(line: &str, range: Range<usize>) -> Range<usize> {
    let s = &line[range.clone()];
    let strip = |c: char| c.is_whitespace() || matches!(c, '*' | '_' | '-' | '–' | '|' | ',');
    let trimmed_start = s.trim_start_matches(strip);
    let start = range.start + (s.len() - trimmed_start.len());
    let trimmed = trimmed_start.trim_end_matches(strip);
    start..start + trimmed.len()
}

fn skip_spaces(line: &str, at: usize) -> usize {
    at + line.get(at..).map_or(0, |r| r.len() - r.trim_start_matches([' ', '\t']).len())
}

fn skip_separators(line: &str, at: usize) -> usize {
    at + line.get(at..).map_or(0, |r| r.len() - r.trim_start_matches([' ', '\t', '-', '–', '|']).len())
}

/// The start of the line after the first line of `p` (or the end of `p`).
fn next_line_start(p: &str, line_len: usize) -> usize {
    let rest = &p.as_bytes()[line_len..];
    let breaks = rest.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
    (line_len + breaks).min(p.len())
}

pub(super) fn floor_char_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    (0..=max).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label_of(p: &str) -> Option<(&str, Ending, &str, Option<u64>)> {
        let s = shape(p);
        let l = s.label?;
        Some((&p[l.label.clone()], l.ending, &p[l.after..], l.time.or(s.time)))
    }

    #[test]
    fn colon_labels_with_markup_and_times() {
        assert_eq!(label_of("Vladimir Putin: Hello."), Some(("Vladimir Putin", Ending::Colon, " Hello.", None)));
        assert_eq!(label_of("**Lehrer:** Good evening."), Some(("Lehrer", Ending::Colon, "** Good evening.", None)));
        assert_eq!(label_of("Name : Bonjour."), Some(("Name", Ending::Colon, " Bonjour.", None)));
        assert_eq!(label_of("[00:01:02] Anna: Yes."), Some(("Anna", Ending::Colon, " Yes.", Some(62_000))));
        assert_eq!(
            label_of(">> JUDY WOODRUFF: Good evening."),
            Some(("JUDY WOODRUFF", Ending::Colon, " Good evening.", None))
        );
        assert_eq!(label_of("[SPEAKER_01]: Hola."), Some(("SPEAKER_01", Ending::Colon, "Hola.", None)));
        assert_eq!(label_of("At 10:30 we met."), None, "a time inside prose is no label's colon");
    }

    #[test]
    fn timed_labels_otter_and_rev() {
        assert_eq!(
            label_of("Travis  0:03\nWelcome back."),
            Some(("Travis", Ending::Timed, "Welcome back.", Some(3_000)))
        );
        assert_eq!(label_of("Sarah (00:01):\nHi."), Some(("Sarah", Ending::Timed, "Hi.", Some(1_000))));
        assert_eq!(label_of("Sarah (00:01): Hi."), Some(("Sarah", Ending::Timed, "Hi.", Some(1_000))));
        assert_eq!(label_of("**Travis** [0:00]\nHello."), Some(("Travis", Ending::Timed, "Hello.", Some(0))));
    }

    #[test]
    fn period_and_alone_labels() {
        assert_eq!(
            label_of("Mr. WARNER. Mr. President, I rise."),
            Some(("Mr. WARNER", Ending::Period, "Mr. President, I rise.", None))
        );
        assert_eq!(label_of("Q. Mr. President, why?"), Some(("Q", Ending::Period, "Mr. President, why?", None)));
        assert_eq!(
            label_of("The PRESIDING OFFICER (Mr. Kyl). Without objection."),
            Some(("The PRESIDING OFFICER (Mr. Kyl)", Ending::Period, "Without objection.", None))
        );
        assert_eq!(label_of("Thank you. I agree."), None, "a sentence: its second word is in lower case");
        assert_eq!(
            label_of("Keir Starmer\nI thank the Prime Minister."),
            Some(("Keir Starmer", Ending::Alone, "I thank the Prime Minister.", None))
        );
        assert_eq!(label_of("### Anna Smith"), Some(("Anna Smith", Ending::Alone, "", None)));
        assert_eq!(label_of("We met in the morning"), None);
    }

    #[test]
    fn a_line_that_is_only_a_time_is_noise_with_a_time() {
        let s = shape("0:53");
        assert!(s.only_time && s.time == Some(53_000) && s.noise.len() == 1 && s.noise[0] == (0..4));
        let s = shape("[00:00.000 --> 00:05.000]  And so my fellow Americans");
        assert_eq!(
            (s.time, s.noise.clone(), s.label.is_none()),
            (Some(0), std::iter::once(0..25).collect::<Vec<_>>(), true)
        );
    }
}
