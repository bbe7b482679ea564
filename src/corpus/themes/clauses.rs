//! Words with their terms, and the breaks between them that phrases, key
//! terms and summaries are cut along: clauses (punctuation, adverbs),
//! sentences and paragraphs. `stats` counts phrases inside clauses;
//! `counting` applies the same rules in its one-pass counter.

use crate::corpus::text::Span;
use crate::corpus::themes::tokens::{FastHashMap, TermId, Vocabulary, word_spans};

/// One word of a text region, with its term (none for stop words and numbers)
/// and where clause and sentence boundaries fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermToken {
    pub span: Span,
    pub term: Option<TermId>,
    /// Punctuation, a line break followed by a blank line, or the end of a
    /// region lies between the previous word and this one: no phrase spans it.
    pub clause_start: bool,
    /// Sentence number within the analysed regions, counting from 0.
    pub sentence: u32,
    /// Paragraph number (blank-line separated) within the analysed regions.
    pub paragraph: u32,
}

/// Splits the given regions of `text` into words with terms. Regions are
/// analysed in order; each starts a new clause, sentence and paragraph.
pub fn term_tokens(text: &str, regions: &[Span], vocab: &Vocabulary) -> Vec<TermToken> {
    // English averages about six bytes per word; a speech repeats most of
    // its words, so a quarter of the words is enough for the distinct ones.
    let bytes: usize = regions.iter().map(|r| r.len()).sum();
    let mut out: Vec<TermToken> = Vec::with_capacity(bytes / 6 + 1);
    let mut local: FastHashMap<&str, Option<TermId>> =
        FastHashMap::with_capacity_and_hasher(bytes / 24 + 1, Default::default());
    let mut sentence = 0u32;
    let mut paragraph = 0u32;
    for (r, region) in regions.iter().enumerate() {
        let region_text = region.slice(text);
        if region_text.is_empty() {
            continue;
        }
        if r > 0 && !out.is_empty() {
            sentence += 1;
            paragraph += 1;
        }
        let mut prev_end: Option<usize> = None;
        let mut prev_word = "";
        let mut prev_adverb = false;
        for span in word_spans(region_text) {
            let word = span.slice(region_text);
            let mut clause_start = prev_end.is_none();
            if let Some(end) = prev_end {
                let gap = region_text.get(end..span.start).unwrap_or("");
                let gap_kind = classify_gap(gap, prev_word);
                if gap_kind != Gap::Space {
                    clause_start = true;
                }
                if matches!(gap_kind, Gap::Sentence | Gap::Paragraph) {
                    sentence += 1;
                }
                if gap_kind == Gap::Paragraph {
                    paragraph += 1;
                }
            }
            let term = *local.entry(word).or_insert_with(|| vocab.term(word));
            // An adverb ("especially", "apparently") qualifies a phrase but
            // is not part of its name: it stands alone, and so does what follows.
            let adverb = is_adverb(word);
            if adverb || prev_adverb {
                clause_start = true;
            }
            prev_adverb = adverb;
            out.push(TermToken {
                span: Span::new(region.start + span.start, region.start + span.end),
                term,
                clause_start,
                sentence,
                paragraph,
            });
            prev_end = Some(span.end);
            prev_word = word;
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Space,
    Clause,
    Sentence,
    Paragraph,
}

/// What separates two words: only spaces (and a single line break, since
/// paragraphs are often wrapped), clause punctuation, a sentence end, or a
/// blank line. A full stop after a title ("Mr.") or an initial ("U.S.") does
/// not end a sentence.
fn classify_gap(gap: &str, prev_word: &str) -> Gap {
    let mut kind = Gap::Space;
    let mut newlines = 0;
    for c in gap.chars() {
        match c {
            ' ' | '\t' | '\u{a0}' => {}
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return Gap::Paragraph;
                }
            }
            '\r' => {}
            '.' if is_abbreviation(prev_word) => kind = kind.max_with(Gap::Clause),
            '.' | '!' | '?' | '…' => kind = Gap::Sentence,
            _ => kind = kind.max_with(Gap::Clause),
        }
    }
    kind
}

/// True when no phrase may span `gap`, the text between two words: it holds
/// punctuation, a blank line or anything else than spaces and one line break.
pub(crate) fn gap_breaks_clause(gap: &str) -> bool {
    // The word before only decides between a clause and a sentence break.
    classify_gap(gap, "") != Gap::Space
}

impl Gap {
    fn max_with(self, other: Gap) -> Gap {
        if self == Gap::Space { other } else { self }
    }
}

/// A lower-case word ending in "-ly" that is not one of the common nouns and
/// adjectives with that ending.
pub(crate) fn is_adverb(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ly")
        && word.starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(
            word,
            "family"
                | "assembly"
                | "supply"
                | "monopoly"
                | "anomaly"
                | "rally"
                | "reply"
                | "ally"
                | "butterfly"
                | "bully"
                | "homily"
                | "jelly"
                | "belly"
                | "holy"
                | "ugly"
                | "early"
                | "daily"
                | "weekly"
                | "monthly"
                | "yearly"
                | "quarterly"
                | "elderly"
                | "friendly"
                | "lonely"
                | "lovely"
                | "costly"
                | "deadly"
                | "orderly"
                | "likely"
                | "unlikely"
                | "only"
        )
}

fn is_abbreviation(word: &str) -> bool {
    let short_capital = word.len() <= 2 && word.chars().next().is_some_and(char::is_uppercase);
    short_capital || matches!(word, "Mr" | "Mrs" | "Ms" | "Dr" | "St" | "No" | "vs" | "etc" | "Jr" | "Prof" | "Gen")
}
