//! A sentence splitter for transcript prose, returning byte spans.
//!
//! Summaries are built from whole sentences, so a false break ("Mr. | Putin",
//! "the U.S. | Government", "No. | 5") produces a visibly broken summary, while
//! a missed break only makes a candidate sentence longer. The splitter is
//! therefore conservative around abbreviations, initials, dotted acronyms,
//! decimals, list numbers and ellipses, and it treats a paragraph end (a
//! blank line, or a line break before a line that does not continue in lower
//! case) as a sentence end even without final punctuation. It is a single
//! pass over the characters with fixed word lists: no regex, no allocation
//! beyond the result.

use crate::corpus::text::Span;

/// The sentences of the whole text, in order, trimmed of surrounding white
/// space. Empty text yields no sentences.
pub fn sentences(text: &str) -> Vec<Span> {
    sentences_in(text, Span::new(0, text.len()))
}

/// The sentences inside `region` of `text`, as spans into `text`. A region
/// that does not fit the text, or does not fall on character boundaries,
/// yields no sentences rather than a panic.
pub fn sentences_in(text: &str, region: Span) -> Vec<Span> {
    let Some(slice) = text.get(region.start..region.end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = 0usize;
    let bytes = slice.as_bytes();
    let mut chars = slice.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' | '\r' => {
                // The end of a line: a sentence ends here when the line break
                // is also a paragraph break.
                let line_end = i;
                let after = skip_line_break(bytes, i);
                if after == i + 2 {
                    chars.next();
                }
                if is_paragraph_break(slice, line_end, after) {
                    push_trimmed(&mut out, slice, region.start, start, line_end);
                    start = after;
                }
            }
            '.' | '?' | '!' | '…' => {
                // Take the whole run of terminators and closing quotes or
                // brackets: `?!`, `...`, `."`, `.)`.
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if is_terminator(d) || is_closer(d) {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                if is_sentence_end(slice, start, i, end) {
                    push_trimmed(&mut out, slice, region.start, start, end);
                    start = end;
                }
            }
            _ => {}
        }
    }
    push_trimmed(&mut out, slice, region.start, start, slice.len());
    out
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '—' | '–' | '-')
}

/// The offset just after the line break that starts at `i` (`\n`, `\r\n` or `\r`).
fn skip_line_break(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 }
}

/// A line break ends a paragraph when a blank line follows, or when the next
/// line does not continue the sentence in lower case (one paragraph per line
/// is the common layout; wrapped prose continues in lower case far more often
/// than not).
fn is_paragraph_break(slice: &str, line_end: usize, after: usize) -> bool {
    let rest = slice.get(after..).unwrap_or("");
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.starts_with(['\n', '\r']) || trimmed.is_empty() {
        return true;
    }
    let line = slice.get(..line_end).unwrap_or("");
    let last_line = line.rsplit(['\n', '\r']).next().unwrap_or("").trim_end();
    if last_line.ends_with(['.', '?', '!', '…']) {
        // Punctuation breaks are handled by the terminator rule.
        return false;
    }
    !trimmed.starts_with(|c: char| c.is_lowercase())
}

/// Decides whether the terminator run `[dot, end)` ends the sentence that
/// began at `start`.
fn is_sentence_end(slice: &str, start: usize, dot: usize, end: usize) -> bool {
    let rest = slice.get(end..).unwrap_or("");
    // A terminator inside a token ("3.5", "U.S.A", "e.g.,", "example.com")
    // never ends a sentence.
    let Some(next) = rest.chars().next() else {
        return true;
    };
    if !next.is_whitespace() {
        return false;
    }
    let next_word = first_word(rest);
    let next_char = next_word.chars().next();
    // Lower case after a terminator means the sentence goes on:
    // "approx. five", "“Why?” he asked.", "and so on... and".
    if next_char.is_some_and(|c| c.is_lowercase()) {
        return false;
    }
    let run = slice.get(dot..end).unwrap_or("");
    if !run.starts_with('.') || run.starts_with("..") {
        // "?", "!", "?!", "…" and "..." end the sentence before anything but
        // lower case.
        return true;
    }
    let word = word_before(slice, start, dot);
    if word.is_empty() {
        // Tokenised text: "the end ." ends a sentence.
        return true;
    }
    let lower = word.to_lowercase();
    let next_is_digit = next_char.is_some_and(|c| c.is_ascii_digit());
    if matches!(lower.as_str(), "no" | "nos" | "art" | "p" | "pp" | "para" | "vol" | "fig" | "ch" | "sec")
        && next_is_digit
    {
        return false;
    }
    if TITLE_ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // A single capital is an initial: "V. Putin", "George W. Bush".
    let mut word_chars = word.chars();
    if let (Some(c), None) = (word_chars.next(), word_chars.next())
        && c.is_uppercase()
    {
        return false;
    }
    // A number opening the sentence is a list or paragraph number: "63. I want".
    if word.chars().all(|c| c.is_ascii_digit()) && slice.get(start..dot).is_some_and(|s| s.trim() == word) {
        return false;
    }
    // Dotted acronyms ("U.S.", "U.N.", "e.g.", "a.m.") end a sentence only when
    // the next word is one that typically opens a sentence.
    if word.contains('.') {
        if matches!(lower.as_str(), "e.g" | "i.e" | "cf" | "viz") {
            return false;
        }
        return SENTENCE_OPENERS.contains(&next_word.to_lowercase().as_str());
    }
    if OTHER_ABBREVIATIONS.contains(&lower.as_str()) {
        return SENTENCE_OPENERS.contains(&next_word.to_lowercase().as_str());
    }
    true
}

/// The word ending right before `dot`, including inner dots ("U.S" before
/// the final "."), never reaching before `start`.
fn word_before(slice: &str, start: usize, dot: usize) -> &str {
    let before = slice.get(start..dot).unwrap_or("");
    let from = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.' || c == '-')
        .last()
        .map_or(before.len(), |(i, _)| i);
    before.get(from..).unwrap_or("").trim_start_matches('.')
}

/// The first word of `rest` after white space and opening quotes or dashes.
fn first_word(rest: &str) -> &str {
    let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || is_opener(c));
    let end = trimmed.find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).unwrap_or(trimmed.len());
    trimmed.get(..end).unwrap_or("")
}

fn push_trimmed(out: &mut Vec<Span>, slice: &str, base: usize, from: usize, to: usize) {
    let Some(piece) = slice.get(from..to) else {
        return;
    };
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = base + from + lead;
        out.push(Span::new(start, start + trimmed.len()));
    }
}

/// Abbreviations that precede a name or a number and so never end a
/// sentence in practice.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "messrs", "mme", "mlle", "gen", "col", "lt", "maj", "capt", "cmdr",
    "adm", "sgt", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "jr", "sr", "vs", "approx", "ca", "cf", "nr",
];

/// Abbreviations that often end a sentence too ("... and so on, etc.").
const OTHER_ABBREVIATIONS: &[&str] = &[
    "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "min", "max", "dept", "univ", "est",
];

/// Words that usually open a sentence; after an ambiguous abbreviation they
/// tip the decision towards a break.
const SENTENCE_OPENERS: &[&str] = &[
    "the", "this", "that", "these", "those", "there", "it", "its", "we", "i", "you", "he", "she", "they", "our", "my",
    "in", "on", "at", "for", "but", "and", "so", "if", "as", "a", "an", "what", "when", "how", "why", "now", "today",
    "however", "of", "all", "let", "thank", "yes", "no", "well", "then", "here", "after", "before", "since",
];

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(text: &str, expect: Expect) {
        let rendered: Vec<String> = sentences(text).iter().map(|s| format!("[{}]", s.slice(text))).collect();
        expect.assert_eq(&rendered.join("\n"));
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        check(
            "Mr Kolokoltsev and Mrs. Smith met Dr. Jones. V. Putin spoke to George W. Bush. Then they left.",
            expect![[r#"
                [Mr Kolokoltsev and Mrs. Smith met Dr. Jones.]
                [V. Putin spoke to George W. Bush.]
                [Then they left.]"#]],
        );
    }

    #[test]
    fn acronyms_numbers_and_decimals() {
        check(
            "The U.S. Government and the U.N. agreed. Growth was 3.5 percent in the U.S. The deal, e.g. No. 5, holds. \
             It cost $1.2 bn.",
            expect![[r#"
                [The U.S. Government and the U.N. agreed.]
                [Growth was 3.5 percent in the U.S.]
                [The deal, e.g. No. 5, holds.]
                [It cost $1.2 bn.]"#]],
        );
    }

    #[test]
    fn quotes_ellipses_and_mixed_marks() {
        check(
            "He said: “We will win.” Nobody doubted it. Really?! Yes... Well… we waited. “Why?” he asked. Done.",
            expect![[r#"
                [He said: “We will win.”]
                [Nobody doubted it.]
                [Really?!]
                [Yes...]
                [Well… we waited.]
                [“Why?” he asked.]
                [Done.]"#]],
        );
    }

    #[test]
    fn paragraph_ends_are_sentence_ends() {
        check(
            "President of Russia Vladimir Putin: Mr Kolokoltsev, comrades,\n\nI would like to greet you\nat the meeting\nThank you\r\nGood afternoon",
            expect![[r#"
                [President of Russia Vladimir Putin: Mr Kolokoltsev, comrades,]
                [I would like to greet you
                at the meeting]
                [Thank you]
                [Good afternoon]"#]],
        );
    }

    #[test]
    fn list_numbers_and_tokenised_text() {
        check(
            "63. I want to say this. The railroad 's president said so . The payroll is $ 15,000,000 .",
            expect![[r#"
                [63. I want to say this.]
                [The railroad 's president said so .]
                [The payroll is $ 15,000,000 .]"#]],
        );
    }

    #[test]
    fn regions_and_odd_input_never_panic() {
        let text = "Intro. Première phrase. Deuxième.";
        let region = Span::new(7, text.len());
        let got: Vec<&str> = sentences_in(text, region).iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, ["Première phrase.", "Deuxième."]);
        assert!(sentences_in(text, Span::new(13, 14)).is_empty(), "a region inside a character yields nothing");
        assert!(sentences_in(text, Span::new(5, 500)).is_empty());
        assert!(sentences("").is_empty());
        assert!(sentences(" ... ?! ").iter().all(|s| !s.slice(" ... ?! ").trim().is_empty()));
    }
}
