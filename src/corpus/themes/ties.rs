//! Ties between terms, broken the same way in every process.
//!
//! Term ids are handed out in the order words are first met, which parallel
//! indexing makes different on every run (and a live server meets words in
//! a different order than one started fresh). Ordering equal weights by id
//! would then pick different top terms, evidence words or centroids from
//! run to run. Here equal weights are ordered by a key of the stem itself
//! (`Vocabulary::order_keys`, one lock per call), the id only deciding
//! between stems whose keys collide. Ties are resolved only where they
//! occur, so the common case costs what sorting by id cost.

use std::cmp::Ordering;

use crate::corpus::themes::analysis::VOCABULARY;
use crate::corpus::themes::tokens::{TermId, Vocabulary};

/// Keeps the `limit` heaviest of `items` (all when `None`), heaviest first.
/// `heavier(a, b)` is `Less` when `a` weighs more; equal weights are
/// ordered by the terms' stems, not their ids.
pub fn heaviest_first<W: Copy>(items: &mut Vec<(TermId, W)>, limit: Option<usize>, heavier: impl Fn(W, W) -> Ordering) {
    heaviest_first_in(&VOCABULARY, items, limit, heavier);
}

/// `heaviest_first` for the terms of `vocabulary`.
fn heaviest_first_in<W: Copy>(
    vocabulary: &Vocabulary,
    items: &mut Vec<(TermId, W)>,
    limit: Option<usize>,
    heavier: impl Fn(W, W) -> Ordering,
) {
    let by_id = |a: &(TermId, W), b: &(TermId, W)| heavier(a.1, b.1).then(a.0.cmp(&b.0));
    if let Some(limit) = limit
        && items.len() > limit
    {
        if limit == 0 {
            items.clear();
            return;
        }
        items.select_nth_unstable_by(limit - 1, by_id);
        let boundary = items[limit - 1].1;
        let tied_beyond = items[limit..].iter().any(|x| heavier(x.1, boundary) == Ordering::Equal);
        if tied_beyond {
            // Which of the terms weighing as much as the last one kept make
            // the cut is decided by their stems.
            let mut kept: Vec<(TermId, W)> =
                items.iter().filter(|x| heavier(x.1, boundary) == Ordering::Less).copied().collect();
            let mut tied: Vec<(TermId, W)> =
                items.iter().filter(|x| heavier(x.1, boundary) == Ordering::Equal).copied().collect();
            by_stem(vocabulary, &mut tied);
            tied.truncate(limit - kept.len());
            kept.extend(tied);
            *items = kept;
        } else {
            items.truncate(limit);
        }
    }
    items.sort_unstable_by(by_id);
    let mut start = 0;
    while start < items.len() {
        let end = start + items[start..].iter().take_while(|x| heavier(x.1, items[start].1) == Ordering::Equal).count();
        if end - start > 1 {
            by_stem(vocabulary, &mut items[start..end]);
        }
        start = end;
    }
}

/// Orders terms of equal weight by their stems' keys (then ids).
fn by_stem<W: Copy>(vocabulary: &Vocabulary, run: &mut [(TermId, W)]) {
    let ids: Vec<TermId> = run.iter().map(|x| x.0).collect();
    let keys = vocabulary.order_keys(&ids);
    let mut keyed: Vec<(u64, (TermId, W))> = keys.into_iter().zip(run.iter().copied()).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.0.cmp(&b.1.0)));
    for (slot, (_, item)) in run.iter_mut().zip(keyed) {
        *slot = item;
    }
}

/// Orders two phrases (term sequences) of equal weight alphabetically by
/// their stems, for a reader and the same in every run.
pub fn phrase_order(a: &[TermId], b: &[TermId]) -> Ordering {
    let stems = |p: &[TermId]| p.iter().map(|&t| VOCABULARY.stem(t)).collect::<Vec<_>>();
    stems(a).cmp(&stems(b)).then(a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same words interned in opposite orders (as two processes might)
    /// get different ids, but keep the same top terms in the same order.
    #[test]
    fn equal_weights_keep_the_same_terms_whatever_the_ids() {
        let words = ["zebra", "apple", "mango", "kiwi", "banana", "cherry", "grape"];
        let weights = [1.0f32, 2.0, 2.0, 2.0, 1.0, 2.0, 2.0];
        let top = |order: &[usize]| {
            let vocabulary = Vocabulary::new();
            for &i in order {
                vocabulary.term(words[i]);
            }
            let mut items: Vec<(TermId, f32)> =
                words.iter().zip(weights).filter_map(|(w, x)| Some((vocabulary.term(w)?, x))).collect();
            heaviest_first_in(&vocabulary, &mut items, Some(3), |a: f32, b: f32| b.total_cmp(&a));
            items.iter().map(|(t, w)| (vocabulary.stem(*t), *w)).collect::<Vec<_>>()
        };
        let forward = top(&[0, 1, 2, 3, 4, 5, 6]);
        let backward = top(&[6, 5, 4, 3, 2, 1, 0]);
        assert_eq!(forward, backward);
        assert_eq!(forward.len(), 3);
        assert!(forward.iter().all(|(_, w)| *w == 2.0));
    }
}
