//! Case-insensitive name matching for `workspace/symbol`, built so that a
//! query over 17,000 transcripts and their turns costs a few milliseconds.
//!
//! The rule is the one users see: every word of the query must occur in a
//! symbol's name or in its container. Each file's names are lower-cased once,
//! when the file is analysed (`FileNames`), not on every query; a query then
//! works with bit masks: which of its words a name holds. A turn matches when
//! its speaker's mask and its speech's mask together hold every word, so the
//! speaker names of a file are tested once per file, not once per turn.

use memchr::memmem::Finder;

use crate::corpus::transcript::Transcript;

/// A query split into lower-cased words (at most 64: one bit each), each
/// with a substring finder prepared once for the thousands of names tested.
#[derive(Debug, Clone)]
pub struct Query {
    words: Vec<String>,
    finders: Vec<Finder<'static>>,
    all: u64,
}

/// Which of a query's words a name holds, one bit per word.
pub type WordMask = u64;

impl Query {
    pub fn new(query: &str) -> Query {
        let words: Vec<String> = query.split_whitespace().take(64).map(str::to_lowercase).collect();
        let all = if words.len() == 64 { u64::MAX } else { (1u64 << words.len()) - 1 };
        let finders = words.iter().map(|w| Finder::new(w.as_bytes()).into_owned()).collect();
        Query { words, finders, all }
    }

    /// True for the empty query, which every name matches.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words of the query that `name` holds, `name` already lower-cased.
    pub fn mask_lower(&self, name: &str) -> WordMask {
        let name = name.as_bytes();
        self.finders.iter().enumerate().filter(|(_, f)| f.find(name).is_some()).fold(0, |m, (i, _)| m | (1 << i))
    }

    /// The words of the query that `name` holds, in any case.
    pub fn mask(&self, name: &str) -> WordMask {
        if self.is_empty() {
            return 0;
        }
        self.words.iter().enumerate().filter(|(_, w)| contains_ignoring_case(name, w)).fold(0, |m, (i, _)| m | (1 << i))
    }

    /// True when the masks together hold every word of the query.
    pub fn complete(&self, mask: WordMask) -> bool {
        mask & self.all == self.all
    }

    /// True when some word of the query could be part of a written date
    /// (digits and dashes only): only then is a speech's date worth formatting.
    pub fn may_name_a_date(&self) -> bool {
        self.words.iter().any(|w| w.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
    }
}

/// `needle` (lower-case) occurs in `haystack` in any case. ASCII haystacks,
/// nearly all names, are compared in place; others are lower-cased first.
pub fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if haystack.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        return h.len() >= n.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(needle)
}

/// A file's names as `workspace/symbol` matches them, lower-cased once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileNames {
    /// The corpus-relative path, lower-cased.
    pub path_lower: String,
    /// Each distinct speaker, lower-cased, in order of first turn.
    pub speakers_lower: Vec<String>,
    /// For each turn, the index of its speaker in `speakers_lower`.
    pub turn_speaker: Vec<u32>,
    /// For each distinct speaker, its first turn.
    pub first_turn: Vec<u32>,
    /// The file's date as written in names (`2021-03-03`), if it states one.
    pub date: Option<String>,
}

impl FileNames {
    pub fn new(path: &str, transcript: Option<&Transcript>) -> FileNames {
        let mut names = FileNames { path_lower: path.to_lowercase(), ..FileNames::default() };
        let Some(t) = transcript else { return names };
        names.date = t.date().map(|d| d.to_string());
        // Files have few distinct speakers: a linear search beats hashing.
        let mut distinct: Vec<&str> = Vec::new();
        for (i, turn) in t.turns.iter().enumerate() {
            let id = match distinct.iter().position(|s| *s == turn.speaker) {
                Some(id) => id,
                None => {
                    distinct.push(&turn.speaker);
                    names.speakers_lower.push(turn.speaker.to_lowercase());
                    names.first_turn.push(i as u32);
                    distinct.len() - 1
                }
            };
            names.turn_speaker.push(id as u32);
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_transcript;

    #[test]
    fn every_word_must_be_in_the_name_or_its_container() {
        let q = Query::new("Putin  MEETING");
        let name = q.mask("President Vladimir Putin");
        let container = q.mask("2021-03-03 Meeting of the Board");
        assert!(!q.complete(name));
        assert!(q.complete(name | container));
        assert!(!q.complete(q.mask("Dmitry Medvedev") | container));
    }

    #[test]
    fn case_is_ignored_in_any_script() {
        assert!(contains_ignoring_case("ВЛАДИМИР Путин", "путин"));
        assert!(contains_ignoring_case("Ögonblick", "ögon"));
        assert!(!contains_ignoring_case("abc", "abcd"));
        assert!(Query::new("").is_empty() && Query::new("").complete(0));
    }

    #[test]
    fn a_files_speakers_are_named_once_and_each_turn_points_at_its_speaker() {
        let text = " date 2020-01-01 Source: x\n\nVladimir Putin: One.\n\nAnna Smith: Two.\n\nVladimir Putin: Three.\n\n\
                    Anna Smith: Four.\n";
        let t = parse_transcript(text);
        let names = FileNames::new("Sub/A.txt", Some(&t));
        assert_eq!(names.path_lower, "sub/a.txt");
        assert_eq!(names.speakers_lower, ["vladimir putin", "anna smith"]);
        assert_eq!(names.turn_speaker, [0, 1, 0, 1]);
        assert_eq!(names.first_turn, [0, 1]);
    }
}
