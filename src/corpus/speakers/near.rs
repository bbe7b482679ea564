//! Labels that look like a misspelling of a known person ("Vladmir Putin"
//! beside "Vladimir Putin"): the same number of words, at most one slip
//! (an insertion, deletion, substitution or swap) in each word and two in
//! all (one for names under twelve characters), the known person speaking
//! more often and in at least three turns. Only a suggestion: the
//! diagnostic offers the merge, the user decides.

use std::collections::HashMap;

use crate::corpus::speakers::fold::{fold_label, honorific};
use crate::corpus::speakers::resolve::{PersonId, PersonIndex, PersonKind};

/// The fewest turns a person needs to be the known spelling.
pub const MIN_KNOWN_TURNS: usize = 3;

/// Every person that is probably a misspelling of a known one, with that
/// one. Candidates are found through their keys with one or two characters
/// deleted (a deletion neighbourhood), so the corpus is not compared pair
/// by pair; each candidate is then checked with the edit distance.
pub fn near_duplicates(index: &PersonIndex) -> HashMap<PersonId, PersonId> {
    let keys: Vec<Option<String>> = index
        .persons
        .iter()
        .map(|p| (p.kind == PersonKind::Named).then(|| fold_label(&p.name).key).filter(|k| k.contains(' ')))
        .collect();
    let mut known: HashMap<String, Vec<PersonId>> = HashMap::new();
    for (id, person) in index.persons.iter().enumerate() {
        let Some(key) = &keys[id] else { continue };
        if person.turns >= MIN_KNOWN_TURNS {
            for variant in deletions(key, budget(key)) {
                known.entry(variant).or_default().push(id as PersonId);
            }
        }
    }
    let mut out = HashMap::new();
    for (id, person) in index.persons.iter().enumerate() {
        let Some(key) = &keys[id] else { continue };
        if key.chars().count() < 6 {
            continue;
        }
        let budget = budget(key);
        let words = key.split(' ').count();
        let mut best: Option<(usize, usize, PersonId)> = None;
        for variant in deletions(key, budget) {
            for &other in known.get(&variant).map_or(&[][..], Vec::as_slice) {
                let candidate = &index.persons[other as usize];
                let Some(theirs) = &keys[other as usize] else { continue };
                if other as usize == id || candidate.turns <= person.turns || theirs.split(' ').count() != words {
                    continue;
                }
                let Some(d) = distance_within(key, theirs, budget) else { continue };
                // One slip per word at most: "Vladimir Lukin" is not "Vladimir Putin".
                // And the same honorifics: "Ms. Frankel" is not "Mr. Frankel".
                let slip = |(a, b): (&str, &str)| {
                    if honorific(a).is_some() || honorific(b).is_some() {
                        a == b
                    } else {
                        distance_within(a, b, 1).is_some()
                    }
                };
                if !key.split(' ').zip(theirs.split(' ')).all(slip) {
                    continue;
                }
                let better = best.is_none_or(|(bd, bt, _)| d < bd || (d == bd && candidate.turns > bt));
                if d > 0 && better {
                    best = Some((d, candidate.turns, other));
                }
            }
        }
        if let Some((_, _, other)) = best {
            out.insert(id as PersonId, other);
        }
    }
    out
}

/// How many edits a name may be away from a known one: one for short
/// names, two from twelve characters on.
fn budget(key: &str) -> usize {
    if key.chars().count() >= 12 { 2 } else { 1 }
}

/// `key` and every string made from it by deleting up to `max` characters.
fn deletions(key: &str, max: usize) -> Vec<String> {
    let mut out = vec![key.to_string()];
    let mut frontier = vec![key.to_string()];
    for _ in 0..max {
        let mut next = Vec::new();
        for s in &frontier {
            for (i, c) in s.char_indices() {
                let mut shorter = String::with_capacity(s.len());
                shorter.push_str(&s[..i]);
                shorter.push_str(&s[i + c.len_utf8()..]);
                next.push(shorter);
            }
        }
        next.sort_unstable();
        next.dedup();
        out.extend(next.iter().cloned());
        frontier = next;
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The edit distance (insertions, deletions, substitutions, adjacent
/// swaps) between `a` and `b`, if it is at most `max`.
pub fn distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; a.len() + 1];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i][0] = i;
        let mut row_min = rows[i][0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    let d = rows[a.len()][b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_edits_and_swaps() {
        assert_eq!(distance_within("vladmir putin", "vladimir putin", 2), Some(1));
        assert_eq!(distance_within("vladimir ptuin", "vladimir putin", 2), Some(1));
        assert_eq!(distance_within("polina kuzmenko", "yelena kuzmenko", 2), None);
        assert_eq!(distance_within("", "", 0), Some(0));
    }
}
