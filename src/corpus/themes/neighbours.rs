//! Nearest speeches in theme: each speech is reduced to its most distinctive
//! terms (a short, unit-length TF-IDF vector), and an inverted index from term
//! to speeches answers "which speeches are closest to this text" by touching
//! only the postings of the query's own terms.
//!
//! Truncating every vector to its top terms keeps the index small (tens of
//! entries per speech) and postings short, so a query over 17,000 speeches
//! costs well under a millisecond.

use std::collections::HashMap;

use crate::corpus::themes::fasthash::FastHashMap;
use crate::corpus::themes::stats::{scale_to_unit, tfidf_weights};
use crate::corpus::themes::tokens::TermId;

/// How many of a speech's terms it keeps in the index.
const TERMS_PER_SPEECH: usize = 40;

#[derive(Debug, Clone, Default)]
pub struct Neighbours {
    paths: Vec<String>,
    postings: HashMap<TermId, Vec<(u32, f32)>>,
}

impl Neighbours {
    /// Builds the index from each speech's term counts. `idf` weighs terms by
    /// corpus rarity.
    pub fn build<'a>(
        speeches: impl IntoIterator<Item = (&'a str, &'a [(TermId, u32)])>,
        idf: &dyn Fn(TermId) -> f32,
    ) -> Neighbours {
        let mut index = Neighbours::default();
        for (path, terms) in speeches {
            let id = index.paths.len() as u32;
            index.paths.push(path.to_string());
            for (term, weight) in top_vector(terms, idf) {
                index.postings.entry(term).or_default().push((id, weight));
            }
        }
        index
    }

    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The `k` speeches most similar to a text with these term counts, best
    /// first, with their cosine similarity; `exclude` (the speech itself)
    /// is left out, and so are speeches with nothing in common.
    pub fn nearest(
        &self,
        terms: &[(TermId, u32)],
        idf: &dyn Fn(TermId) -> f32,
        exclude: Option<&str>,
        k: usize,
    ) -> Vec<(String, f32)> {
        let mut scores: FastHashMap<u32, f32> = FastHashMap::default();
        for (term, weight) in top_vector(terms, idf) {
            for &(doc, w) in self.postings.get(&term).map(Vec::as_slice).unwrap_or(&[]) {
                *scores.entry(doc).or_default() += weight * w;
            }
        }
        let mut best: Vec<(u32, f32)> = scores
            .into_iter()
            .filter(|&(doc, s)| s > 0.0 && Some(self.paths[doc as usize].as_str()) != exclude)
            .collect();
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(k);
        best.into_iter().map(|(doc, s)| (self.paths[doc as usize].clone(), s.min(1.0))).collect()
    }
}

/// The top terms of a text by `(1 + ln tf) * idf`, scaled to unit length.
fn top_vector(terms: &[(TermId, u32)], idf: &dyn Fn(TermId) -> f32) -> Vec<(TermId, f32)> {
    let mut vector = tfidf_weights(terms, idf);
    // Heaviest first, ties by term id: a total order, so selecting the top
    // terms before sorting them gives the same vector as sorting them all.
    let order = |a: &(TermId, f32), b: &(TermId, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if vector.len() > TERMS_PER_SPEECH {
        vector.select_nth_unstable_by(TERMS_PER_SPEECH - 1, order);
        vector.truncate(TERMS_PER_SPEECH);
    }
    vector.sort_unstable_by(order);
    scale_to_unit(&mut vector);
    vector
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_speech_sharing_the_rare_terms_comes_first_and_the_query_itself_is_excluded() {
        let a: Vec<(TermId, u32)> = vec![(1, 5), (2, 3), (9, 1)];
        let b: Vec<(TermId, u32)> = vec![(1, 4), (2, 2)];
        let c: Vec<(TermId, u32)> = vec![(7, 6), (8, 2), (9, 1)];
        let idf = |t: TermId| if t == 9 { 0.1 } else { 2.0 };
        let index =
            Neighbours::build([("a.txt", a.as_slice()), ("b.txt", b.as_slice()), ("c.txt", c.as_slice())], &idf);
        let found = index.nearest(&a, &idf, Some("a.txt"), 5);
        assert_eq!(found.first().map(|(p, _)| p.as_str()), Some("b.txt"));
        assert!(found.iter().all(|(p, _)| p != "a.txt"));
        assert!(found.iter().map(|(_, s)| *s).all(|s| s > 0.0 && s <= 1.0));
        // Nothing in common: no neighbours.
        assert!(index.nearest(&[(42, 3)], &idf, None, 5).is_empty());
    }
}
