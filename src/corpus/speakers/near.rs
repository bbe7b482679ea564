//! Labels that look like a misspelling of a known person ("Vladmir Putin"
//! beside "Vladimir Putin"): a small edit distance between the folded
//! names, the known person speaking more often and in several turns. Only
//! a suggestion: the diagnostic offers the merge, the user decides.

use crate::corpus::speakers::fold::fold_label;
use crate::corpus::speakers::resolve::{PersonId, PersonIndex, PersonKind};

/// The fewest turns a person needs to be the known spelling.
pub const MIN_KNOWN_TURNS: usize = 3;

/// The known person `id` is probably a misspelling of, if any.
pub fn near_duplicate_of(index: &PersonIndex, id: PersonId) -> Option<PersonId> {
    let person = index.person(id)?;
    if person.kind != PersonKind::Named {
        return None;
    }
    let key = fold_label(&person.name).key;
    let words = key.split(' ').count();
    if key.chars().count() < 6 || words < 2 {
        return None;
    }
    let budget = if key.chars().count() >= 12 { 2 } else { 1 };
    let mut best: Option<(usize, usize, PersonId)> = None;
    for (other, candidate) in index.persons.iter().enumerate() {
        let other = other as PersonId;
        if other == id
            || candidate.kind != PersonKind::Named
            || candidate.turns < MIN_KNOWN_TURNS
            || candidate.turns <= person.turns
        {
            continue;
        }
        let theirs = fold_label(&candidate.name).key;
        if theirs.split(' ').count() != words || theirs.len().abs_diff(key.len()) > budget {
            continue;
        }
        let Some(d) = distance_within(&key, &theirs, budget) else { continue };
        if d > 0 && best.is_none_or(|(bd, bt, _)| (d, usize::MAX - candidate.turns) < (bd, usize::MAX - bt)) {
            best = Some((d, candidate.turns, other));
        }
    }
    best.map(|(_, _, other)| other)
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
