//! Corpus statistics: in how many documents each term and each 2-3-word
//! phrase occurs, kept up to date as documents come and go.
//!
//! A document is first reduced to its `DocTerms` (`doc_terms`: one pass over
//! the words, one vocabulary lookup per distinct word), which is cheap to keep
//! beside the file's analysis. `CorpusStats::add_document` and
//! `remove_document` take the same `DocTerms`, so a changed file is applied as
//! "remove old, add new" and the counts never drift. Partial statistics built
//! on several threads combine with `merge`.
//!
//! Phrases (n-grams) are runs of 2 or 3 consecutive terms inside one clause:
//! no stop word inside and no punctuation or paragraph break between them
//! (`term_tokens` marks the breaks). Their document frequencies are keyed by a
//! 32-bit hash of the term ids (`NgramKey`), which keeps the table small for
//! a corpus of millions of distinct phrases; a collision is rare (about 0.015 %
//! of the phrases of 17,000 speeches) and only blurs one phrase's frequency.

// Re-exported: key terms and summaries find the tokens next to the statistics.
use crate::corpus::text::fasthash::fmix64;
pub use crate::corpus::themes::clauses::{TermToken, term_tokens};
use crate::corpus::themes::counting::count_doc_terms;
use crate::corpus::themes::tokens::{FastHashMap, FastHasher, TermId, Vocabulary};
use std::hash::Hasher;

/// The longest phrase counted and offered as a key term.
pub const MAX_NGRAM: usize = 3;

/// A phrase of 2-3 terms, as a 32-bit hash of their ids in order.
///
/// 32 bits halve the memory of phrase statistics (a corpus of 17,000
/// speeches keeps 4.9 M per-speech entries and 1.3 M distinct phrases).
/// The price: on that corpus about 200 of the 1.3 M distinct phrases
/// (0.015 %) share a key with another and so count its documents too, which
/// only lowers the weight of such a rare phrase a little.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NgramKey(pub u32);

impl NgramKey {
    pub fn of(terms: &[TermId]) -> NgramKey {
        let mut h = FastHasher::default();
        h.write_usize(terms.len());
        for &t in terms {
            h.write_u32(t);
        }
        // A full avalanche, so that the upper half kept depends on every id bit.
        NgramKey((fmix64(h.finish()) >> 32) as u32)
    }
}

/// What one document contributes to corpus statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTerms {
    /// Number of words (stop words included).
    pub words: u32,
    /// Each term with its number of occurrences, sorted by term id.
    pub terms: Vec<(TermId, u32)>,
    /// Each distinct 2-3-term phrase, sorted. Only presence is kept: document
    /// frequencies need nothing more, and a corpus keeps millions of these.
    pub ngrams: Box<[NgramKey]>,
}

impl DocTerms {
    /// Occurrences of `term` in this document.
    pub fn count(&self, term: TermId) -> u32 {
        self.terms.binary_search_by_key(&term, |&(t, _)| t).map(|i| self.terms[i].1).unwrap_or(0)
    }
}

/// Counts the terms and phrases of the whole `text` (one region); the same
/// as `doc_terms_of_tokens(&term_tokens(..))`, several times faster.
pub fn doc_terms(text: &str, vocab: &Vocabulary) -> DocTerms {
    count_doc_terms(text, vocab)
}

/// Counts terms and phrases of already split tokens.
pub fn doc_terms_of_tokens(tokens: &[TermToken]) -> DocTerms {
    let mut terms: FastHashMap<TermId, u32> =
        FastHashMap::with_capacity_and_hasher(tokens.len() / 4, Default::default());
    let mut ngrams: Vec<NgramKey> = Vec::with_capacity(tokens.len() / 2);
    for_each_ngram(tokens, |_, ids| {
        if ids.len() == 1 {
            *terms.entry(ids[0]).or_default() += 1;
        } else {
            ngrams.push(NgramKey::of(ids));
        }
    });
    let mut terms: Vec<_> = terms.into_iter().collect();
    terms.sort_unstable();
    ngrams.sort_unstable();
    ngrams.dedup();
    DocTerms { words: u32::try_from(tokens.len()).unwrap_or(u32::MAX), terms, ngrams: ngrams.into() }
}

/// Calls `f(first_token_index, term_ids)` for every 1-3-term phrase: runs of
/// consecutive tokens that all have a term and that no clause break splits.
pub fn for_each_ngram(tokens: &[TermToken], mut f: impl FnMut(usize, &[TermId])) {
    let mut window: [TermId; MAX_NGRAM] = [0; MAX_NGRAM];
    let mut run = 0usize; // length of the current run of terms, capped at MAX_NGRAM
    for (i, token) in tokens.iter().enumerate() {
        let Some(term) = token.term else {
            run = 0;
            continue;
        };
        if token.clause_start {
            run = 0;
        }
        window.rotate_left(1);
        window[MAX_NGRAM - 1] = term;
        run = (run + 1).min(MAX_NGRAM);
        for n in 1..=run {
            f(i + 1 - n, &window[MAX_NGRAM - n..]);
        }
    }
}

/// Document frequencies over a corpus.
#[derive(Debug, Clone, Default)]
pub struct CorpusStats {
    docs: u32,
    words: u64,
    /// Indexed by TermId.
    term_df: Vec<u32>,
    ngram_df: FastHashMap<NgramKey, u32>,
}

impl CorpusStats {
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of documents counted.
    pub fn documents(&self) -> u32 {
        self.docs
    }

    /// Mean words per document (0 for an empty corpus).
    pub fn mean_words(&self) -> f64 {
        if self.docs == 0 { 0.0 } else { self.words as f64 / self.docs as f64 }
    }

    pub fn add_document(&mut self, doc: &DocTerms) {
        self.docs += 1;
        self.words += doc.words as u64;
        for &(t, _) in &doc.terms {
            let i = t as usize;
            if i >= self.term_df.len() {
                self.term_df.resize(i + 1, 0);
            }
            self.term_df[i] += 1;
        }
        for &k in &doc.ngrams {
            *self.ngram_df.entry(k).or_default() += 1;
        }
    }

    /// Undoes `add_document` for the same `DocTerms`.
    pub fn remove_document(&mut self, doc: &DocTerms) {
        self.docs = self.docs.saturating_sub(1);
        self.words = self.words.saturating_sub(doc.words as u64);
        for &(t, _) in &doc.terms {
            if let Some(df) = self.term_df.get_mut(t as usize) {
                *df = df.saturating_sub(1);
            }
        }
        for k in &doc.ngrams {
            if let Some(df) = self.ngram_df.get_mut(k) {
                *df = df.saturating_sub(1);
                if *df == 0 {
                    self.ngram_df.remove(k);
                }
            }
        }
    }

    /// Adds another set of statistics (built from other documents) to this one.
    pub fn merge(&mut self, other: &CorpusStats) {
        self.docs += other.docs;
        self.words += other.words;
        if other.term_df.len() > self.term_df.len() {
            self.term_df.resize(other.term_df.len(), 0);
        }
        for (mine, theirs) in self.term_df.iter_mut().zip(&other.term_df) {
            *mine += theirs;
        }
        for (k, v) in &other.ngram_df {
            *self.ngram_df.entry(*k).or_default() += v;
        }
    }

    /// Number of distinct phrases (2-3 terms) counted.
    pub fn phrases(&self) -> usize {
        self.ngram_df.len()
    }

    /// Number of documents containing `term`.
    pub fn term_df(&self, term: TermId) -> u32 {
        self.term_df.get(term as usize).copied().unwrap_or(0)
    }

    /// Number of documents containing the phrase (1-3 terms).
    pub fn df(&self, terms: &[TermId]) -> u32 {
        match terms {
            [] => 0,
            [t] => self.term_df(*t),
            _ => self.ngram_df.get(&NgramKey::of(terms)).copied().unwrap_or(0),
        }
    }

    /// Every term's `idf` at once, to look up rather than take a logarithm
    /// per call when a whole corpus is weighed (tags, neighbours, topics).
    pub fn idf_table(&self) -> IdfTable {
        let by_term = (0..self.term_df.len()).map(|t| self.idf(&[t as TermId]) as f32).collect();
        IdfTable { by_term, unseen: self.idf(&[]) as f32 }
    }

    /// Smoothed inverse document frequency, `ln((N + 1) / (df + 1)) + 1`:
    /// 1 for a phrase in every document, largest for one never seen.
    pub fn idf(&self, terms: &[TermId]) -> f64 {
        ((self.docs as f64 + 1.0) / (self.df(terms) as f64 + 1.0)).ln() + 1.0
    }
}

/// The same counts, however they were reached: a term whose last document
/// was removed still has a (zero) slot that a fresh count never grew, so
/// missing slots count as zero.
impl PartialEq for CorpusStats {
    fn eq(&self, other: &CorpusStats) -> bool {
        let (shorter, longer) = if self.term_df.len() <= other.term_df.len() {
            (&self.term_df, &other.term_df)
        } else {
            (&other.term_df, &self.term_df)
        };
        self.docs == other.docs
            && self.words == other.words
            && longer[..shorter.len()] == shorter[..]
            && longer[shorter.len()..].iter().all(|&df| df == 0)
            && self.ngram_df == other.ngram_df
    }
}

/// `CorpusStats::idf` of single terms, as `f32`, precomputed.
#[derive(Debug, Clone, Default)]
pub struct IdfTable {
    by_term: Vec<f32>,
    /// The idf of a term no document contains.
    unseen: f32,
}

impl IdfTable {
    #[inline]
    pub fn get(&self, term: TermId) -> f32 {
        self.by_term.get(term as usize).copied().unwrap_or(self.unseen)
    }
}

/// A text's TF-IDF weights, `(1 + ln tf) * idf`, for the terms that weigh
/// something (shared by the tag classifier and the nearest-speech index).
pub fn tfidf_weights(terms: &[(TermId, u32)], idf: &dyn Fn(TermId) -> f32) -> Vec<(TermId, f32)> {
    terms
        .iter()
        .filter(|(_, tf)| *tf > 0)
        .map(|&(term, tf)| (term, (1.0 + (tf as f32).ln()) * idf(term)))
        .filter(|(_, w)| w.is_finite() && *w > 0.0)
        .collect()
}

/// Scales weights to unit length (all-zero weights stay as they are).
pub fn scale_to_unit(vector: &mut [(TermId, f32)]) {
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in vector.iter_mut() {
            *w /= norm;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::text::Span;

    fn phrases(text: &str, vocab: &Vocabulary) -> Vec<String> {
        let tokens = term_tokens(text, &[Span::new(0, text.len())], vocab);
        let mut out = Vec::new();
        for_each_ngram(&tokens, |i, ids| {
            out.push(tokens[i..i + ids.len()].iter().map(|t| t.span.slice(text)).collect::<Vec<_>>().join(" "));
        });
        out
    }

    #[test]
    fn phrases_never_cross_punctuation_or_stop_words() {
        let vocab = Vocabulary::new();
        let got = phrases("Local police officers, cybercrime. The internet resources of minors", &vocab);
        assert_eq!(
            got,
            [
                "Local",
                "police",
                "Local police",
                "officers",
                "police officers",
                "Local police officers",
                "cybercrime",
                "internet",
                "resources",
                "internet resources",
                "minors"
            ]
        );
        // Adverbs stand alone; "-ly" nouns do not.
        assert_eq!(phrases("especially grave crimes", &vocab), ["especially", "grave", "crimes", "grave crimes"]);
        assert_eq!(phrases("family policy", &vocab), ["family", "policy", "family policy"]);
        // A wrapped line is not a break, a blank line is.
        assert_eq!(phrases("road\ntraffic\n\nsafety", &vocab), ["road", "traffic", "road traffic", "safety"]);
    }

    #[test]
    fn sentences_and_paragraphs_are_numbered() {
        let vocab = Vocabulary::new();
        let text = "Mr. Smith spoke. Crime fell!\n\nPolice work";
        let tokens = term_tokens(text, &[Span::new(0, text.len())], &vocab);
        let marks: Vec<(u32, u32)> = tokens.iter().map(|t| (t.sentence, t.paragraph)).collect();
        assert_eq!(marks, [(0, 0), (0, 0), (0, 0), (1, 0), (1, 0), (2, 1), (2, 1)]);
    }

    #[test]
    fn stats_add_and_remove_agree() {
        let vocab = Vocabulary::new();
        let a = doc_terms("Cybercrime grows. Police fight cybercrime online.", &vocab);
        let b = doc_terms("Police fight crime on the roads.", &vocab);
        let mut stats = CorpusStats::new();
        stats.add_document(&a);
        stats.add_document(&b);
        let police = vocab.lookup("police").into_iter().collect::<Vec<_>>();
        let cyber = vocab.lookup("cybercrime").into_iter().collect::<Vec<_>>();
        let fight = [vocab.lookup("police"), vocab.lookup("fight")].into_iter().flatten().collect::<Vec<_>>();
        assert_eq!((stats.documents(), stats.df(&police), stats.df(&cyber), stats.df(&fight)), (2, 2, 1, 2));
        assert_eq!(a.count(cyber[0]), 2);
        assert!(stats.idf(&cyber) > stats.idf(&police));
        let table = stats.idf_table();
        assert_eq!(table.get(cyber[0]), stats.idf(&cyber) as f32);
        assert_eq!(table.get(TermId::MAX), stats.idf(&[TermId::MAX]) as f32);
        stats.remove_document(&a);
        assert_eq!((stats.documents(), stats.df(&police), stats.df(&cyber), stats.df(&fight)), (1, 1, 0, 1));
        let mut other = CorpusStats::new();
        other.add_document(&a);
        stats.merge(&other);
        assert_eq!((stats.documents(), stats.df(&police), stats.df(&cyber)), (2, 2, 1));
        // Removing and adding back reaches the very counts of adding once.
        let mut fresh = CorpusStats::new();
        fresh.add_document(&b);
        fresh.add_document(&a);
        assert_eq!(stats, fresh);
        let late = doc_terms("Zymurgy zymology.", &vocab);
        stats.add_document(&late);
        assert_ne!(stats, fresh);
        stats.remove_document(&late);
        assert_eq!(stats, fresh, "a term's emptied slot counts as never seen");
    }
}
