//! A corpus's theme index, built from disk: every transcript is read again
//! (the corpus keeps no text, to stay small) and its terms are counted in
//! parallel; INDEX.md `#tags` are attached to the files their entries link
//! to; `themes.toml` in the corpus folder adds to or replaces the built-in
//! themes. The index keeps each file's term counts, so a changed file costs
//! one read, and the corpus-wide context is rebuilt from counts in memory.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::corpus::text::Problem;
use crate::corpus::themes::analysis::{ContextTimings, SpeechTerms, ThemeContext, VOCABULARY};
use crate::corpus::themes::stats::{DocTerms, IdfTable, doc_terms};
use crate::corpus::themes::taxonomy::{ThemeDef, built_in_themes};
use crate::corpus::themes::themes_toml::{merge_themes, parse_themes_toml};
use crate::corpus::themes::tokens::TermId;
use crate::workspace::canonical_or_same;
use crate::workspace::read::{ReadOutcome, read_in_canonical_root};

/// The file name of a corpus's own themes.
pub const THEMES_FILE: &str = "themes.toml";

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

/// The theme context of one corpus and what it was built from.
#[derive(Debug, Default)]
pub struct ThemeIndex {
    pub context: Arc<ThemeContext>,
    pub topics: Arc<HashMap<String, SpeechTopics>>,
    /// Problems found in `themes.toml`.
    pub problems: Vec<Problem>,
    /// How long the last `build` took, step by step (`update` refreshes `context`).
    pub timings: BuildTimings,
    terms: HashMap<String, Arc<DocTerms>>,
    themes: Vec<ThemeDef>,
}

/// Where `ThemeIndex::build` spends its time.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildTimings {
    /// Wall time of the parallel pass that reads and counts every transcript.
    pub read_and_count: Duration,
    /// Reading files, summed over threads.
    pub read_cpu: Duration,
    /// Counting terms (`doc_terms`), summed over threads.
    pub count_cpu: Duration,
    pub context: ContextTimings,
    /// Every speech's topics for `workspace/symbol`.
    pub topics: Duration,
    pub total: Duration,
}

impl ThemeIndex {
    /// Reads and counts every transcript of the corpus at `root` (in parallel) and builds the context.
    pub fn build(root: &Path, corpus: &Corpus) -> ThemeIndex {
        let started = Instant::now();
        let root = canonical_or_same(root);
        let paths: Vec<&str> = corpus.transcripts().map(|(f, _)| f.path.as_str()).collect();
        // Summed over threads: where the parallel pass spends its time.
        let read_nanos = AtomicU64::new(0);
        let count_nanos = AtomicU64::new(0);
        let terms: HashMap<String, Arc<DocTerms>> = paths
            .par_iter()
            .filter_map(|&rel| {
                let t0 = Instant::now();
                let read = read_in_canonical_root(&root, rel);
                let t1 = Instant::now();
                let counted = (read.outcome == ReadOutcome::Read).then(|| doc_terms(&read.text, &VOCABULARY));
                read_nanos.fetch_add((t1 - t0).as_nanos() as u64, Ordering::Relaxed);
                count_nanos.fetch_add(t1.elapsed().as_nanos() as u64, Ordering::Relaxed);
                counted.map(|t| (rel.to_string(), Arc::new(t)))
            })
            .collect();
        let mut timings = BuildTimings {
            read_and_count: started.elapsed(),
            read_cpu: Duration::from_nanos(read_nanos.into_inner()),
            count_cpu: Duration::from_nanos(count_nanos.into_inner()),
            ..BuildTimings::default()
        };
        let (themes, problems) = theme_definitions(&root);
        let mut index = ThemeIndex { terms, themes, problems, ..ThemeIndex::default() };
        let (context, topics) = index.rebuild(corpus, None);
        timings.context = context;
        timings.topics = topics;
        timings.total = started.elapsed();
        index.timings = timings;
        index
    }

    /// Takes in changed files (re-read from disk unless `text_of` has them,
    /// e.g. open buffers; gone when neither has them), then rebuilds the
    /// context from the counts in memory.
    pub fn update(
        &mut self,
        root: &Path,
        corpus: &Corpus,
        changed: &[String],
        text_of: &dyn Fn(&str) -> Option<String>,
    ) {
        let root = canonical_or_same(root);
        for rel in changed {
            let counted = match text_of(rel) {
                Some(text) => Some(doc_terms(&text, &VOCABULARY)),
                None if corpus.get(rel).and_then(|f| f.transcript()).is_some() => count_terms(&root, rel),
                None => None,
            };
            match counted {
                Some(t) => self.terms.insert(rel.clone(), Arc::new(t)),
                None => self.terms.remove(rel),
            };
        }
        let themes_changed = changed.iter().any(|p| p == THEMES_FILE);
        if themes_changed {
            let (themes, problems) = theme_definitions(&root);
            self.themes = themes;
            self.problems = problems;
        }
        // Other speeches keep their topics: one file moves the corpus's idf
        // too little to change them, and recomputing 17,000 costs ~0.4 s.
        self.timings.context = self.rebuild(corpus, (!themes_changed).then_some(changed)).0;
    }

    /// How many speeches the index counts.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// What the index keeps per speech, summed: (term counts, phrase entries).
    pub fn kept_entries(&self) -> (usize, usize) {
        self.terms.values().fold((0, 0), |(t, n), d| (t + d.terms.len(), n + d.ngrams.len()))
    }

    /// Rebuilds the context from the counts in memory, and the topics of the
    /// `only` speeches (all when `None`); says how long the context and the
    /// topics took.
    fn rebuild(&mut self, corpus: &Corpus, only: Option<&[String]>) -> (ContextTimings, Duration) {
        let tags = user_tags(corpus);
        let mut sorted: Vec<(&String, &Arc<DocTerms>)> = self.terms.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let speeches = sorted.iter().map(|(path, terms)| SpeechTerms {
            path,
            terms,
            tags: tags.get(path.as_str()).map(Vec::as_slice).unwrap_or(&[]),
        });
        let (context, context_timings) = ThemeContext::build_timed(speeches, &self.themes);
        let started = Instant::now();
        let idf = context.stats.idf_table();
        let topics = match only {
            None => {
                sorted.par_iter().map(|(path, terms)| ((*path).clone(), topics_of(terms, &context, &idf))).collect()
            }
            Some(changed) => {
                let mut topics = (*self.topics).clone();
                for rel in changed {
                    match self.terms.get(rel) {
                        Some(terms) => topics.insert(rel.clone(), topics_of(terms, &context, &idf)),
                        None => topics.remove(rel),
                    };
                }
                topics
            }
        };
        let topics_time = started.elapsed();
        self.context = Arc::new(context);
        self.topics = Arc::new(topics);
        (context_timings, topics_time)
    }
}

/// The context of a corpus built in one go (the command line's way).
pub fn build_theme_context(root: &Path, corpus: &Corpus) -> (ThemeContext, Vec<Problem>) {
    let index = ThemeIndex::build(root, corpus);
    (Arc::unwrap_or_clone(index.context), index.problems)
}

fn count_terms(root: &Path, rel: &str) -> Option<DocTerms> {
    let read = read_in_canonical_root(root, rel);
    (read.outcome == ReadOutcome::Read).then(|| doc_terms(&read.text, &VOCABULARY))
}

/// `idf` is `ctx.stats.idf_table()`, computed once for all speeches.
fn topics_of(terms: &DocTerms, ctx: &ThemeContext, idf: &IdfTable) -> SpeechTopics {
    let idf = |t: TermId| idf.get(t);
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

/// The `#tags` of the INDEX.md entries, by the transcript each entry links to.
pub fn user_tags(corpus: &Corpus) -> HashMap<String, Vec<String>> {
    let mut tags: HashMap<String, Vec<String>> = HashMap::new();
    let Some((_, index)) = corpus.index() else { return tags };
    for entry in index.entries.iter().filter(|e| !e.tags.is_empty()) {
        for link in &entry.links {
            if let Some(path) = corpus.resolve(link) {
                let list = tags.entry(path).or_default();
                for tag in &entry.tags {
                    if !list.contains(&tag.name) {
                        list.push(tag.name.clone());
                    }
                }
            }
        }
    }
    tags
}

/// Built-in themes merged with the corpus's `themes.toml`, if it has one.
fn theme_definitions(root: &Path) -> (Vec<ThemeDef>, Vec<Problem>) {
    match std::fs::read_to_string(root.join(THEMES_FILE)) {
        Ok(text) => {
            let parsed = parse_themes_toml(&text);
            (merge_themes(built_in_themes(), &parsed), parsed.problems)
        }
        Err(_) => (built_in_themes(), Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::load_corpus;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).expect("the temporary corpus is writable");
    }

    #[test]
    fn an_update_recounts_the_changed_speech_and_its_topics() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        write(root, "a.txt", "Police officers fight cybercrime. Cybercrime grows; police respond.\n");
        write(root, "b.txt", "Farmers harvest grain. The grain harvest feeds the region.\n");
        let corpus = load_corpus(root);
        let mut index = ThemeIndex::build(root, &corpus);
        assert_eq!(index.len(), 2);
        let police = VOCABULARY.lookup("police").expect("counted");
        assert_eq!(index.context.stats.term_df(police), 1);
        assert!(index.topics["a.txt"].words.contains(&"cybercrime".to_string()));
        let b_before = index.topics["b.txt"].clone();

        write(root, "a.txt", "Railway trains carry grain. New railway lines, new trains.\n");
        let corpus = load_corpus(root);
        index.update(root, &corpus, &["a.txt".to_string()], &|_| None);
        assert_eq!((index.len(), index.context.stats.documents()), (2, 2));
        assert_eq!(index.context.stats.term_df(police), 0);
        let grain = VOCABULARY.lookup("grain").expect("counted");
        assert_eq!(index.context.stats.term_df(grain), 2);
        assert!(index.topics["a.txt"].words.contains(&"railway".to_string()));
        assert_eq!(index.topics["b.txt"], b_before);

        // An open buffer's text wins over the disk; a vanished file leaves the index.
        index.update(root, &corpus, &["b.txt".to_string()], &|_| Some("Cybercrime and police.".to_string()));
        assert_eq!(index.context.stats.term_df(police), 1);
        std::fs::remove_file(root.join("b.txt")).expect("removable");
        let corpus = load_corpus(root);
        index.update(root, &corpus, &["b.txt".to_string()], &|_| None);
        assert_eq!(index.len(), 1);
        assert!(!index.topics.contains_key("b.txt"));
    }
}
