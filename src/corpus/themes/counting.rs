//! The fast path of `stats::doc_terms`: counts a whole document's terms and
//! collects its 2-3-term phrases in one pass over the words, without building
//! the `TermToken` list that key terms and summaries need.
//!
//! Indexing a corpus calls this once per transcript (17,000 of them, 35 M
//! words), so the per-word cost is what matters. Each thread keeps scratch
//! space across documents (`Scratch`): a memo from a word's exact bytes to its
//! term, so a word already seen costs one hash of its bytes and one probe
//! (no lower-casing, no string comparison); term counts in a dense array
//! indexed by term id instead of a hash map; and one buffer for phrase keys,
//! sorted and deduplicated at the end. The result is identical to
//! `doc_terms_of_tokens(&term_tokens(..))`, which a test checks.

use std::cell::RefCell;

use crate::corpus::text::fasthash::{FastHashMap, mixed_hash};
use crate::corpus::themes::clauses::{gap_breaks_clause, is_adverb};
use crate::corpus::themes::language::{Language, current as current_language};
use crate::corpus::themes::stats::{DocTerms, MAX_NGRAM, NgramKey};
use crate::corpus::themes::tokens::{TermId, Vocabulary, word_spans};

/// Counts the terms and phrases of the whole `text`, as `stats::doc_terms`.
pub fn count_doc_terms(text: &str, vocab: &Vocabulary) -> DocTerms {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => scratch.count(text, vocab),
        // Only reachable if counting ever re-entered itself on one thread.
        Err(_) => Scratch::default().count(text, vocab),
    })
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The word memo is dropped when it grows past this many distinct surface
/// forms (a few MB), so that a thread fed endless novel words stays small.
const WORD_MEMO_LIMIT: usize = 1 << 20;

/// What a surface word (exact bytes) stands for. 8 bytes rather than the 12
/// of an `Option<TermId>` and a flag: the memo's entries are 16 bytes, and
/// the memo's size is what makes a lookup hit or miss the cache.
#[derive(Clone, Copy)]
struct WordInfo {
    /// The term, or `NO_TERM` for stop words and numbers.
    term: TermId,
    /// `stats::is_adverb`: it stands alone in phrases, and so does the next word.
    adverb: bool,
}

const NO_TERM: TermId = TermId::MAX;

#[derive(Default)]
struct Scratch {
    /// The vocabulary the memo's answers came from (`Vocabulary::id`).
    vocabulary: u64,
    /// The language they were read in (`language::current`).
    language: Option<Language>,
    /// Keyed by a well-mixed 64-bit hash of the word's bytes (`mixed_hash`):
    /// two distinct words sharing one is vanishingly unlikely (about 10^-9 for
    /// the 130,000 distinct words of the shared corpora) and would only give
    /// one of them the other's term.
    words: FastHashMap<u64, WordInfo>,
    /// Occurrences by term id; zero outside the current document.
    counts: Vec<u32>,
    /// The terms with a non-zero count, in order of first occurrence.
    seen: Vec<TermId>,
    phrases: Vec<NgramKey>,
}

impl Scratch {
    fn count(&mut self, text: &str, vocab: &Vocabulary) -> DocTerms {
        let language = Some(current_language());
        if self.vocabulary != vocab.id() || self.language != language || self.words.len() >= WORD_MEMO_LIMIT {
            self.vocabulary = vocab.id();
            self.language = language;
            self.words.clear();
        }
        self.seen.clear();
        self.phrases.clear();
        let bytes = text.as_bytes();
        let mut words = 0u32;
        let mut window: [TermId; MAX_NGRAM] = [0; MAX_NGRAM];
        let mut run = 0usize; // consecutive terms in the current clause, capped at MAX_NGRAM
        let mut prev_end: Option<usize> = None;
        let mut prev_adverb = false;
        for span in word_spans(text) {
            words = words.saturating_add(1);
            let word = span.slice(text);
            let info = self.word_info(word, vocab);
            let clause_start = match prev_end {
                None => true,
                // A single space is by far the commonest gap.
                Some(end) => {
                    !(span.start == end + 1 && bytes[end] == b' ') && gap_breaks_clause(&text[end..span.start])
                }
            };
            let clause_start = clause_start || info.adverb || prev_adverb;
            prev_adverb = info.adverb;
            prev_end = Some(span.end);
            if info.term == NO_TERM {
                run = 0;
                continue;
            }
            let term = info.term;
            if clause_start {
                run = 0;
            }
            self.add_term(term);
            window.rotate_left(1);
            window[MAX_NGRAM - 1] = term;
            run = (run + 1).min(MAX_NGRAM);
            for n in 2..=run {
                self.phrases.push(NgramKey::of(&window[MAX_NGRAM - n..]));
            }
        }
        self.finish(words)
    }

    fn word_info(&mut self, word: &str, vocab: &Vocabulary) -> WordInfo {
        let key = mixed_hash(word.as_bytes());
        if let Some(&info) = self.words.get(&key) {
            return info;
        }
        // Id u32::MAX (a vocabulary of 4 billion stems) would read as "no term".
        let term = vocab.term_unmemoized(word).unwrap_or(NO_TERM);
        let info = WordInfo { term, adverb: is_adverb(word) };
        self.words.insert(key, info);
        info
    }

    #[inline]
    fn add_term(&mut self, term: TermId) {
        let i = term as usize;
        if i >= self.counts.len() {
            // Grow ahead of the vocabulary so that new terms rarely reallocate.
            self.counts.resize((i + 1).max(self.counts.len() * 2).max(1024), 0);
        }
        if self.counts[i] == 0 {
            self.seen.push(term);
        }
        self.counts[i] += 1;
    }

    /// Turns the scratch counts into a `DocTerms` and clears them for the next document.
    fn finish(&mut self, words: u32) -> DocTerms {
        self.seen.sort_unstable();
        let mut terms = Vec::with_capacity(self.seen.len());
        for &t in &self.seen {
            if let Some(count) = self.counts.get_mut(t as usize) {
                terms.push((t, *count));
                *count = 0;
            }
        }
        self.phrases.sort_unstable();
        self.phrases.dedup();
        let ngrams = self.phrases.as_slice().into();
        // A huge document should not leave a huge buffer behind on this thread.
        if self.phrases.capacity() > 1 << 16 {
            self.phrases = Vec::new();
        }
        DocTerms { words, terms, ngrams }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::text::Span;
    use crate::corpus::themes::stats::{doc_terms_of_tokens, term_tokens};

    fn slow(text: &str, vocab: &Vocabulary) -> DocTerms {
        doc_terms_of_tokens(&term_tokens(text, &[Span::new(0, text.len())], vocab))
    }

    #[test]
    fn agrees_with_the_token_path() {
        let vocab = Vocabulary::new();
        let seed = include_str!("../../../seeds/000_dfd047e8c9417aac.txt");
        let texts = [
            "Local police officers, cybercrime. The internet resources of minors",
            "especially grave crimes; family policy and road\ntraffic\n\nsafety",
            "Mr. Smith spoke. Crime fell!\r\n\r\nPolice work  police work\u{a0}police work",
            "COVID-19 out-of-print people’s café Сергей Лавров 2021 B E",
            "",
            "   ...   ",
            seed,
        ];
        for text in texts {
            assert_eq!(count_doc_terms(text, &vocab), slow(text, &vocab), "{text:?}");
        }
        // Twice on the same thread: the scratch space is reset between documents.
        assert_eq!(count_doc_terms(seed, &vocab), slow(seed, &vocab));
    }

    #[test]
    fn counts_terms_and_distinct_phrases() {
        let vocab = Vocabulary::new();
        let doc = count_doc_terms("road safety, road safety and safe roads", &vocab);
        let road = vocab.lookup("road").into_iter().collect::<Vec<_>>();
        let safety = vocab.lookup("safety").into_iter().collect::<Vec<_>>();
        assert_eq!((doc.words, doc.count(road[0]), doc.count(safety[0])), (7, 3, 2));
        // "road safety" twice and "safe roads" once: two distinct phrases.
        assert_eq!(doc.ngrams.len(), 2);
        assert!(doc.ngrams.contains(&NgramKey::of(&[road[0], safety[0]])));
    }
}
