//! Nearest speeches in theme: each speech is reduced to its most distinctive
//! terms (a short, unit-length TF-IDF vector), and an inverted index from term
//! to speeches answers "which speeches are closest to this text" by touching
//! only the postings of the query's own terms.
//!
//! Truncating every vector to its top terms keeps the index small (tens of
//! entries per speech) and postings short, so a query over 17,000 speeches
//! costs well under a millisecond.
//!
//! Speeches can be replaced or removed without rebuilding the rest
//! (`replace_all`): their entries leave the postings and their new vectors
//! are weighted with the idf of the moment. The other speeches keep
//! the weights of the idf they were added with; one changed file moves any
//! term's document frequency by at most one, so their vectors stay close to
//! fresh ones, and the owner rebuilds the index when changes accumulate (see
//! `context_update::drift_budget`).

use std::collections::HashMap;
use std::sync::Arc;

use crate::corpus::text::fasthash::FastHashMap;
use crate::corpus::themes::stats::{scale_to_unit, tfidf_weights};
use crate::corpus::themes::tokens::TermId;

/// How many of a speech's terms it keeps in the index.
const TERMS_PER_SPEECH: usize = 40;

/// How many pieces the postings are cut into, by term id: an update copies
/// only the pieces holding the changed speeches' terms (at most 80 of them),
/// not the postings of every term of the corpus.
const SHARDS: usize = 4096;

/// A speech's term counts: `(term, occurrences)`.
type TermCounts = [(TermId, u32)];

/// term -> (speech id, weight): one piece of the inverted index.
type Postings = FastHashMap<TermId, Vec<(u32, f32)>>;

#[derive(Debug, Clone)]
pub struct Neighbours {
    /// Speech id -> its path; `None` for the slot of a removed speech (reused
    /// by the next speech added).
    paths: Vec<Option<Arc<str>>>,
    ids: HashMap<Arc<str>, u32>,
    free: Vec<u32>,
    /// term -> (speech id, weight), in `SHARDS` pieces by term id, each
    /// shared until an update changes it.
    postings: Vec<Arc<Postings>>,
}

impl Default for Neighbours {
    fn default() -> Neighbours {
        Neighbours { paths: Vec::new(), ids: HashMap::new(), free: Vec::new(), postings: vec![Arc::default(); SHARDS] }
    }
}

impl Neighbours {
    /// Builds the index from each speech's term counts. `idf` weighs terms by
    /// corpus rarity.
    pub fn build<'a>(
        speeches: impl IntoIterator<Item = (&'a str, &'a [(TermId, u32)])>,
        idf: &dyn Fn(TermId) -> f32,
    ) -> Neighbours {
        let mut index = Neighbours::default();
        // Filled unshared, then shared: a build need not ask each piece
        // whether it is shared before every entry.
        let mut unshared: Option<Vec<Postings>> = Some((0..SHARDS).map(|_| Postings::default()).collect());
        for (path, terms) in speeches {
            match &mut unshared {
                Some(postings) if !index.ids.contains_key(path) => {
                    let id = index.new_slot(path);
                    for (term, weight) in top_vector(terms, idf) {
                        postings[shard(term)].entry(term).or_default().push((id, weight));
                    }
                }
                _ => {
                    // The same path again: the later counts replace the earlier.
                    if let Some(postings) = unshared.take() {
                        index.postings = postings.into_iter().map(Arc::new).collect();
                    }
                    index.replace_all([(path, Some(terms))], idf);
                }
            }
        }
        if let Some(postings) = unshared {
            index.postings = postings.into_iter().map(Arc::new).collect();
        }
        index
    }

    /// Puts each `path` in the index with its term counts (weighted with
    /// `idf`), replacing what it had; `None` removes it.
    ///
    /// The speeches' old entries are found by one pass over all the postings
    /// (about a millisecond for 17,000 speeches, however many change) rather
    /// than by keeping each speech's terms, which would cost memory for
    /// every speech of the corpus; only the pieces holding them are copied.
    pub fn replace_all<'a>(
        &mut self,
        changes: impl IntoIterator<Item = (&'a str, Option<&'a TermCounts>)>,
        idf: &dyn Fn(TermId) -> f32,
    ) {
        let changes: Vec<(&str, Option<&TermCounts>)> = changes.into_iter().collect();
        let mut leaving = vec![false; self.paths.len()];
        for &(path, _) in &changes {
            if let Some(&id) = self.ids.get(path) {
                leaving[id as usize] = true;
            }
        }
        self.take_out_of_postings(&leaving);
        for (path, terms) in changes {
            let known = self.ids.get(path).copied();
            let id = match (known, terms) {
                (Some(id), None) => {
                    self.ids.remove(path);
                    self.paths[id as usize] = None;
                    self.free.push(id);
                    continue;
                }
                (None, None) => continue,
                (Some(id), Some(_)) => id,
                (None, Some(_)) => self.new_slot(path),
            };
            for (term, weight) in top_vector(terms.unwrap_or(&[]), idf) {
                Arc::make_mut(&mut self.postings[shard(term)]).entry(term).or_default().push((id, weight));
            }
        }
    }

    /// A speech id for a path not in the index: a removed speech's, or a new one.
    fn new_slot(&mut self, path: &str) -> u32 {
        let path: Arc<str> = Arc::from(path);
        let id = match self.free.pop() {
            Some(id) => {
                self.paths[id as usize] = Some(path.clone());
                id
            }
            None => {
                self.paths.push(Some(path.clone()));
                (self.paths.len() - 1) as u32
            }
        };
        self.ids.insert(path, id);
        id
    }

    /// Removes the entries of the speeches marked in `leaving` (by id).
    fn take_out_of_postings(&mut self, leaving: &[bool]) {
        if !leaving.contains(&true) {
            return;
        }
        let leaves = |doc: u32| leaving.get(doc as usize).copied().unwrap_or(false);
        for piece in &mut self.postings {
            // Read first: a piece is copied only when it holds a leaving entry.
            if !piece.values().any(|list| list.iter().any(|&(doc, _)| leaves(doc))) {
                continue;
            }
            let piece = Arc::make_mut(piece);
            piece.retain(|_, list| {
                list.retain(|&(doc, _)| !leaves(doc));
                !list.is_empty()
            });
        }
    }

    /// Number of speeches in the index.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The `k` speeches most similar to a text with these term counts, best
    /// first, with their cosine similarity; `exclude` (the speech itself)
    /// is left out, and so are speeches with nothing in common. Equal
    /// similarities are ordered by path, so the answer does not depend on
    /// the order speeches were added in.
    pub fn nearest(
        &self,
        terms: &[(TermId, u32)],
        idf: &dyn Fn(TermId) -> f32,
        exclude: Option<&str>,
        k: usize,
    ) -> Vec<(String, f32)> {
        let mut scores: FastHashMap<u32, f32> = FastHashMap::default();
        for (term, weight) in top_vector(terms, idf) {
            for &(doc, w) in self.postings[shard(term)].get(&term).map(Vec::as_slice).unwrap_or(&[]) {
                *scores.entry(doc).or_default() += weight * w;
            }
        }
        // Compared by id: thousands of speeches may share a term with the
        // text, and comparing each one's path would cost more than scoring.
        let excluded = exclude.and_then(|path| self.ids.get(path)).copied();
        let mut best: Vec<(&str, f32)> = scores
            .into_iter()
            .filter(|&(doc, s)| s > 0.0 && Some(doc) != excluded)
            .filter_map(|(doc, s)| Some((self.paths.get(doc as usize)?.as_deref()?, s)))
            .collect();
        let order = |a: &(&str, f32), b: &(&str, f32)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0));
        if best.len() > k && k > 0 {
            best.select_nth_unstable_by(k - 1, order);
        }
        best.truncate(k);
        best.sort_unstable_by(order);
        best.into_iter().map(|(path, s)| (path.to_string(), s.min(1.0))).collect()
    }
}

/// The piece of the postings that holds `term`.
fn shard(term: TermId) -> usize {
    term as usize % SHARDS
}

/// The top terms of a text by `(1 + ln tf) * idf`, scaled to unit length.
fn top_vector(terms: &[(TermId, u32)], idf: &dyn Fn(TermId) -> f32) -> Vec<(TermId, f32)> {
    let mut vector = tfidf_weights(terms, idf);
    // Heaviest first, ties by stem (not id, which differs from run to run).
    crate::corpus::themes::ties::heaviest_first(&mut vector, Some(TERMS_PER_SPEECH), |a: f32, b: f32| b.total_cmp(&a));
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

    /// Replacing, removing and adding speeches one by one answers exactly as
    /// an index built from the final speeches (same idf), even though the
    /// speech ids differ.
    #[test]
    fn replacing_speeches_answers_like_a_fresh_index() {
        let a: Vec<(TermId, u32)> = vec![(1, 5), (2, 3), (9, 1)];
        let b: Vec<(TermId, u32)> = vec![(1, 4), (2, 2)];
        let c: Vec<(TermId, u32)> = vec![(7, 6), (8, 2), (9, 1)];
        let c2: Vec<(TermId, u32)> = vec![(1, 1), (7, 2), (2, 4)];
        let d: Vec<(TermId, u32)> = vec![(2, 1), (8, 3)];
        let idf = |t: TermId| 1.0 + t as f32 / 10.0;
        let mut index =
            Neighbours::build([("a.txt", a.as_slice()), ("b.txt", b.as_slice()), ("c.txt", c.as_slice())], &idf);
        index.replace_all([("c.txt", Some(c2.as_slice())), ("a.txt", None)], &idf);
        index.replace_all([("d.txt", Some(d.as_slice())), ("gone.txt", None)], &idf);
        let fresh =
            Neighbours::build([("b.txt", b.as_slice()), ("c.txt", c2.as_slice()), ("d.txt", d.as_slice())], &idf);
        assert_eq!(index.len(), 3);
        for query in [&a, &b, &c, &c2, &d] {
            let got = index.nearest(query, &idf, None, 5);
            assert!(!got.is_empty());
            assert!(got.iter().all(|(p, _)| p != "a.txt"), "a removed speech is never offered: {got:?}");
            assert_eq!(got, fresh.nearest(query, &idf, None, 5));
        }
        // Built with a path twice, the later counts count.
        let twice = Neighbours::build(
            [("b.txt", b.as_slice()), ("c.txt", c.as_slice()), ("d.txt", d.as_slice()), ("c.txt", c2.as_slice())],
            &idf,
        );
        assert_eq!(twice.len(), 3);
        for query in [&a, &c, &d] {
            assert_eq!(twice.nearest(query, &idf, None, 5), fresh.nearest(query, &idf, None, 5));
        }
    }
}
