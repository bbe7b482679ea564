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
    // A total order (ties by id): selecting the top words first changes nothing.
    let order = |a: &(TermId, f32), b: &(TermId, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if weighted.len() > WORDS_PER_SPEECH {
        weighted.select_nth_unstable_by(WORDS_PER_SPEECH - 1, order);
        weighted.truncate(WORDS_PER_SPEECH);
    }
    weighted.sort_unstable_by(order);
    let words: Vec<String> = weighted.into_iter().map(|(t, _)| VOCABULARY.display(t)).collect();
    let themes_lower = themes.iter().map(|(_, label)| label.to_lowercase()).collect();
    let words_lower = words.iter().map(|w| w.to_lowercase()).collect();
    SpeechTopics { themes, words, themes_lower, words_lower }
}

/// Every speech's lower-cased theme labels and words, one line each, laid
/// end to end in path order.
#[derive(Debug, Default)]
pub struct TopicsText {
    text: String,
    /// Each speech's path and where its part of `text` ends.
    speeches: Vec<(String, usize)>,
}

impl TopicsText {
    pub fn new(topics: &HashMap<String, Arc<SpeechTopics>>) -> TopicsText {
        let mut sorted: Vec<(&String, &Arc<SpeechTopics>)> = topics.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut out = TopicsText { text: String::new(), speeches: Vec::with_capacity(sorted.len()) };
        for (path, topics) in sorted {
            // A line break between names: no query word holds one, so no
            // match runs from one name into the next.
            for name in topics.themes_lower.iter().chain(&topics.words_lower) {
                out.text.push_str(name);
                out.text.push('\n');
            }
            out.speeches.push((path.clone(), out.text.len()));
        }
        out
    }

    /// Each speech's path and its names (lower-cased, one per line), in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        let starts = std::iter::once(0).chain(self.speeches.iter().map(|&(_, end)| end));
        self.speeches.iter().zip(starts).map(|((path, end), start)| (path.as_str(), &self.text[start..*end]))
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
        let mut map = HashMap::new();
        map.insert("b.txt".to_string(), topics(&["Railways"], &["Trains", "freight"]));
        map.insert("a.txt".to_string(), topics(&["Crime and policing"], &[]));
        map.insert("c.txt".to_string(), topics(&[], &[]));
        let text = TopicsText::new(&map);
        let got: Vec<(&str, &str)> = text.iter().collect();
        assert_eq!(got, [("a.txt", "crime and policing\n"), ("b.txt", "railways\ntrains\nfreight\n"), ("c.txt", "")]);
        assert_eq!(TopicsText::new(&HashMap::new()).iter().count(), 0);
    }
}
