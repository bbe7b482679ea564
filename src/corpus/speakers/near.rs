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
/// one. Two names can only be that close when each word of one is at most
/// one slip from the word in the same place of the other, so the known
/// names are indexed by each word's one-deletion neighbourhood (the word,
/// and the word with any one character left out: two words one slip apart
/// share one of these), hashed with its place and the name's number of
/// words. A name is compared only with the known names that share one at
/// the place where it has the fewest such neighbours, and then checked
/// with the edit distance.
pub fn near_duplicates(index: &PersonIndex) -> HashMap<PersonId, PersonId> {
    let keys: Vec<Option<String>> = index
        .persons
        .iter()
        .map(|p| (p.kind == PersonKind::Named).then(|| fold_label(&p.name).key).filter(|k| k.contains(' ')))
        .collect();
    // (neighbour hash, known person), sorted: a look-up is a binary search.
    let mut known: Vec<(u64, PersonId)> = Vec::new();
    for (id, person) in index.persons.iter().enumerate() {
        let Some(key) = &keys[id] else { continue };
        if person.turns >= MIN_KNOWN_TURNS {
            let words = key.split(' ').count();
            for (place, word) in key.split(' ').enumerate() {
                neighbours(word, place, words, |h| known.push((h, id as PersonId)));
            }
        }
    }
    known.sort_unstable();
    known.dedup();
    let with = |h: u64| {
        let from = known.partition_point(|&(k, _)| k < h);
        let to = from + known[from..].partition_point(|&(k, _)| k == h);
        &known[from..to]
    };
    let mut out = HashMap::new();
    let mut hashes: Vec<u64> = Vec::new();
    let mut candidates: Vec<PersonId> = Vec::new();
    for (id, person) in index.persons.iter().enumerate() {
        let Some(key) = &keys[id] else { continue };
        if key.chars().count() < 6 {
            continue;
        }
        let words = key.split(' ').count();
        // The place whose neighbours the fewest known names share.
        let mut fewest: Option<(usize, Vec<u64>)> = None;
        for (place, word) in key.split(' ').enumerate() {
            hashes.clear();
            neighbours(word, place, words, |h| hashes.push(h));
            let count: usize = hashes.iter().map(|&h| with(h).len()).sum();
            if fewest.as_ref().is_none_or(|(c, _)| count < *c) {
                fewest = Some((count, hashes.clone()));
            }
            if count == 0 {
                break;
            }
        }
        candidates.clear();
        for &h in fewest.map(|(_, hs)| hs).unwrap_or_default().iter() {
            candidates.extend(with(h).iter().map(|&(_, other)| other));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let budget = budget(key);
        let mut best: Option<(usize, usize, PersonId)> = None;
        for &other in &candidates {
            let candidate = &index.persons[other as usize];
            let Some(theirs) = &keys[other as usize] else { continue };
            if other as usize == id || candidate.turns <= person.turns || theirs.split(' ').count() != words {
                continue;
            }
            let Some(d) = slips(key, theirs, budget) else { continue };
            let better = best.is_none_or(|(bd, bt, _)| d < bd || (d == bd && candidate.turns > bt));
            if d > 0 && better {
                best = Some((d, candidate.turns, other));
            }
        }
        if let Some((_, _, other)) = best {
            out.insert(id as PersonId, other);
        }
    }
    out
}

/// The edit distance between two names of as many words, if it is within
/// `budget` and no word is more than one slip from its counterpart:
/// "Vladimir Lukin" is not "Vladimir Putin". Honorifics must be the same:
/// "Ms. Frankel" is not "Mr. Frankel".
fn slips(key: &str, theirs: &str, budget: usize) -> Option<usize> {
    let d = distance_within(key, theirs, budget)?;
    let slip = |(a, b): (&str, &str)| {
        if honorific(a).is_some() || honorific(b).is_some() { a == b } else { distance_within(a, b, 1).is_some() }
    };
    key.split(' ').zip(theirs.split(' ')).all(slip).then_some(d)
}

/// How many edits a name may be away from a known one: one for short
/// names, two from twelve characters on.
fn budget(key: &str) -> usize {
    if key.chars().count() >= 12 { 2 } else { 1 }
}

/// Calls `each` with the hash of `word` and of every string made from it by
/// leaving out one character, each hashed with the word's place among
/// `words`. The hash reads the bytes in order (FNV-1a), so a string hashes
/// the same whichever character was left out to make it.
fn neighbours(word: &str, place: usize, words: usize, mut each: impl FnMut(u64)) {
    let seed = fnv(fnv(0xcbf2_9ce4_8422_2325, &(place as u64).to_le_bytes()), &(words as u64).to_le_bytes());
    each(fnv(seed, word.as_bytes()));
    for (i, c) in word.char_indices() {
        let before = fnv(seed, &word.as_bytes()[..i]);
        each(fnv(before, &word.as_bytes()[i + c.len_utf8()..]));
    }
}

fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    hash
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

    use crate::corpus::parse_transcript;

    /// What comparing every name with every other finds.
    fn pairwise(index: &PersonIndex) -> HashMap<PersonId, PersonId> {
        let key = |id: usize| {
            let p = &index.persons[id];
            (p.kind == PersonKind::Named).then(|| fold_label(&p.name).key).filter(|k| k.contains(' '))
        };
        let mut out = HashMap::new();
        for (id, person) in index.persons.iter().enumerate() {
            let Some(mine) = key(id).filter(|k| k.chars().count() >= 6) else { continue };
            let mut best: Option<(usize, usize, PersonId)> = None;
            for (other, known) in index.persons.iter().enumerate() {
                let Some(theirs) = key(other) else { continue };
                if other == id || known.turns < MIN_KNOWN_TURNS || known.turns <= person.turns {
                    continue;
                }
                if mine.split(' ').count() != theirs.split(' ').count() {
                    continue;
                }
                let Some(d) = slips(&mine, &theirs, budget(&mine)) else { continue };
                if d > 0 && best.is_none_or(|(bd, bt, _)| d < bd || (d == bd && known.turns > bt)) {
                    best = Some((d, known.turns, other as PersonId));
                }
            }
            if let Some((_, _, other)) = best {
                out.insert(id as PersonId, other);
            }
        }
        out
    }

    #[test]
    fn the_neighbourhood_index_finds_what_comparing_every_pair_finds() {
        let known = ["Vladimir Putin", "Mr. Frankel", "Sergei Lavrov", "Anna Popova", "Ivan Ivanovich Petrov"];
        let slips = [
            "Vladmir Putin",
            "Vladimir Ptuin",
            "Vladmir Ptuin",
            "Vladimir Lukin",
            "Ms. Frankel",
            "Mr. Frankle",
            "Sergey Lavrov",
            "Sergei Lavrova",
            "Anna Popov",
            "Ivan Ivanovic Petrov",
            "Ivan Petrov",
            "Bladimir Putin",
            "Vladimir Putin Jr",
        ];
        let mut files = Vec::new();
        for (i, name) in known.iter().enumerate() {
            let turns: String = (0..4).map(|_| format!("{name}: Thank you.\n\nQuestion: Why?\n\n")).collect();
            files.push((format!("k{i}.txt"), format!(" date 2020-01-0{} Source: test\n\n{turns}", i + 1)));
        }
        for (i, name) in slips.iter().enumerate() {
            let text = format!(
                " date 2021-01-01 Source: test\n\nVladimir Putin: Hello.\n\n{name}: Thank you.\n\nVladimir Putin: Good.\n\n{name}: Yes.\n"
            );
            files.push((format!("s{i}.txt"), text));
        }
        let parsed: Vec<_> = files.iter().map(|(p, t)| (p.as_str(), parse_transcript(t))).collect();
        let index = PersonIndex::build(parsed.iter().map(|(p, t)| (*p, t)), None);
        let found = near_duplicates(&index);
        assert_eq!(found, pairwise(&index));
        let name = |id: &PersonId| index.persons[*id as usize].name.clone();
        let mut pairs: Vec<(String, String)> = found.iter().map(|(a, b)| (name(a), name(b))).collect();
        pairs.sort();
        expect_test::expect![[r#"
            [
                (
                    "Anna Popov",
                    "Anna Popova",
                ),
                (
                    "Bladimir Putin",
                    "Vladimir Putin",
                ),
                (
                    "Ivan Ivanovic Petrov",
                    "Ivan Ivanovich Petrov",
                ),
                (
                    "Mr. Frankle",
                    "Mr. Frankel",
                ),
                (
                    "Sergei Lavrova",
                    "Sergei Lavrov",
                ),
                (
                    "Sergey Lavrov",
                    "Sergei Lavrov",
                ),
                (
                    "Vladimir Ptuin",
                    "Vladimir Putin",
                ),
                (
                    "Vladmir Ptuin",
                    "Vladimir Putin",
                ),
                (
                    "Vladmir Putin",
                    "Vladimir Putin",
                ),
            ]
        "#]]
        .assert_debug_eq(&pairs);
    }

    #[test]
    fn distances_count_edits_and_swaps() {
        assert_eq!(distance_within("vladmir putin", "vladimir putin", 2), Some(1));
        assert_eq!(distance_within("vladimir ptuin", "vladimir putin", 2), Some(1));
        assert_eq!(distance_within("polina kuzmenko", "yelena kuzmenko", 2), None);
        assert_eq!(distance_within("", "", 0), Some(0));
    }
}
