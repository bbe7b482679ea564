//! What each speech of a corpus is about, in a few words: its strongest
//! themes and most distinctive words, kept for `workspace/symbol` and theme
//! references. `TopicsText` lays every speech's lower-cased topics end to
//! end in one text, so that a query scans 17,000 speeches in one pass over
//! contiguous memory instead of visiting some 150,000 small allocations.

use std::collections::HashMap;
use std::sync::Arc;

use crate::corpus::themes::analysis::{ThemeContext, VOCABULARY};
use crate::corpus::themes::stats::DocTerms;
use crate::corpus::themes::tokens::TermId;

/// How many themes and key words each speech keeps for `workspace/symbol`.
const TOPICS_PER_SPEECH: usize = 3;
const WORDS_PER_SPEECH: usize = 5;

/// What a closed speech is about, kept for `workspace/symbol` and theme references.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpeechTopics {
    /// (theme id, theme label), strongest first.
    pub themes: Vec<(String, String)>,
    /// Its most distinctive words (TF-IDF), readable forms.
    pub words: Vec<String>,
    /// The theme labels and the words, lower-cased once for `workspace/symbol`.
    pub themes_lower: Vec<String>,
    pub words_lower: Vec<String>,
}

/// A speech's topics from its term counts; `idf` is the context's (through
/// an `IdfTable` when all speeches are done).
pub fn topics_of(terms: &DocTerms, ctx: &ThemeContext, idf: &(dyn Fn(TermId) -> f32 + Sync)) -> SpeechTopics {
    let themes: Vec<(String, String)> = ctx
        .themes
        .label_counts(&terms.terms, &idf)
        .into_iter()
        .take(TOPICS_PER_SPEECH)
        .map(|l| (l.id, l.label))
        .collect();
    let mut weighted: Vec<(TermId, f32)> =
        terms.terms.iter().map(|&(t, tf)| (t, (1.0 + (tf as f32).ln()) * idf(t))).collect();
    // Ties by stem, not by id (which differs from run to run).
    crate::corpus::themes::ties::heaviest_first(&mut weighted, Some(WORDS_PER_SPEECH), |a: f32, b: f32| {
        b.total_cmp(&a)
    });
    let words: Vec<String> = weighted.into_iter().map(|(t, _)| VOCABULARY.display(t)).collect();
    let themes_lower = themes.iter().map(|(_, label)| label.to_lowercase()).collect();
    let words_lower = words.iter().map(|w| w.to_lowercase()).collect();
    SpeechTopics { themes, words, themes_lower, words_lower }
}

/// Every speech's topics by corpus-relative path. Paths and topics are
/// shared (`Arc`), so that an update copies pointers, not 17,000 strings.
pub type TopicsMap = HashMap<Arc<str>, Arc<SpeechTopics>>;

/// Every speech's lower-cased theme labels and words, one line each, laid
/// end to end in path order.
#[derive(Debug, Clone, Default)]
pub struct TopicsText {
    text: String,
    /// Each speech's path and where its part of `text` ends.
    speeches: Vec<(Arc<str>, usize)>,
}

impl TopicsText {
    pub fn new(topics: &TopicsMap) -> TopicsText {
        let mut sorted: Vec<(&Arc<str>, &Arc<SpeechTopics>)> = topics.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut out = TopicsText { text: String::new(), speeches: Vec::with_capacity(sorted.len()) };
        for (path, topics) in sorted {
            write_names(&mut out.text, topics);
            out.speeches.push((path.clone(), out.text.len()));
        }
        out
    }

    /// Puts one speech's topics in place of what it had (`None`: it is
    /// gone): one splice of the text, without rebuilding the rest.
    pub fn replace(&mut self, path: &Arc<str>, topics: Option<&SpeechTopics>) {
        let at = self.speeches.binary_search_by(|(p, _)| (**p).cmp(&**path));
        let start = |i: usize| if i == 0 { 0 } else { self.speeches[i - 1].1 };
        let (range, i) = match at {
            Ok(i) => (start(i)..self.speeches[i].1, i),
            Err(i) => (start(i)..start(i), i),
        };
        let mut names = String::new();
        if let Some(topics) = topics {
            write_names(&mut names, topics);
        }
        let grown = names.len() as isize - range.len() as isize;
        self.text.replace_range(range.clone(), &names);
        match (at, topics) {
            (Ok(_), None) => {
                self.speeches.remove(i);
            }
            (Ok(_), Some(_)) => self.speeches[i].1 = range.start + names.len(),
            (Err(_), Some(_)) => self.speeches.insert(i, (path.clone(), range.start + names.len())),
            (Err(_), None) => return,
        }
        let after = if topics.is_some() { i + 1 } else { i };
        for (_, end) in &mut self.speeches[after..] {
            *end = end.wrapping_add_signed(grown);
        }
    }

    /// Each speech's path and its names (lower-cased, one per line), in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let starts = std::iter::once(0).chain(self.speeches.iter().map(|&(_, end)| end));
        self.speeches.iter().zip(starts).map(|((path, end), start)| (&**path, &self.text[start..*end]))
    }
}

/// A speech's names, each on a line of its own: no query word holds a line
/// break, so no match runs from one name into the next.
fn write_names(text: &mut String, topics: &SpeechTopics) {
    for name in topics.themes_lower.iter().chain(&topics.words_lower) {
        text.push_str(name);
        text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(themes: &[&str], words: &[&str]) -> Arc<SpeechTopics> {
        Arc::new(SpeechTopics {
            themes: themes.iter().map(|t| (t.to_lowercase(), t.to_string())).collect(),
            words: words.iter().map(|w| w.to_string()).collect(),
            themes_lower: themes.iter().map(|t| t.to_lowercase()).collect(),
            words_lower: words.iter().map(|w| w.to_lowercase()).collect(),
        })
    }

    #[test]
    fn every_speech_gets_its_own_names_in_path_order() {
        let mut map = TopicsMap::new();
        map.insert("b.txt".into(), topics(&["Railways"], &["Trains", "freight"]));
        map.insert("a.txt".into(), topics(&["Crime and policing"], &[]));
        map.insert("c.txt".into(), topics(&[], &[]));
        let text = TopicsText::new(&map);
        let got: Vec<(&str, &str)> = text.iter().collect();
        assert_eq!(got, [("a.txt", "crime and policing\n"), ("b.txt", "railways\ntrains\nfreight\n"), ("c.txt", "")]);
        assert_eq!(TopicsText::new(&TopicsMap::new()).iter().count(), 0);
    }

    #[test]
    fn replacing_one_speech_gives_the_text_built_from_scratch() {
        let mut map = TopicsMap::new();
        for (path, theme) in [("a.txt", "Crime"), ("c.txt", "Railways"), ("e.txt", "Schools")] {
            map.insert(path.into(), topics(&[theme], &["word"]));
        }
        let mut text = TopicsText::new(&map);
        let steps: [(&str, Option<Arc<SpeechTopics>>); 6] = [
            ("c.txt", Some(topics(&["Grain harvest"], &["wheat", "farms"]))), // longer
            ("a.txt", Some(topics(&[], &[]))),                                // emptied
            ("b.txt", Some(topics(&["Budget"], &[]))),                        // new, in the middle
            ("f.txt", Some(topics(&["Space"], &["orbit"]))),                  // new, at the end
            ("e.txt", None),                                                  // gone
            ("zz.txt", None),                                                 // never there
        ];
        for (path, topics) in steps {
            let path: Arc<str> = path.into();
            text.replace(&path, topics.as_deref());
            match topics {
                Some(t) => map.insert(path.clone(), t),
                None => map.remove(&path),
            };
            let fresh = TopicsText::new(&map);
            assert_eq!(text.iter().collect::<Vec<_>>(), fresh.iter().collect::<Vec<_>>(), "after {path}");
        }
    }
}
