//! A corpus's theme index, built from disk: every transcript is read again
//! (the corpus keeps no text, to stay small) and its terms are counted in
//! parallel; INDEX.md `#tags` are attached to the files their entries link
//! to; `themes.toml` in the corpus folder adds to or replaces the built-in
//! themes. The index keeps each file's term counts, so a changed file costs
//! one read, and the corpus-wide context takes in only what changed
//! (`corpus::themes::context_update`); it is rebuilt from the counts in
//! memory when changes have accumulated.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::corpus::text::Problem;
use crate::corpus::themes::analysis::language_of;
use crate::corpus::themes::analysis::{ContextTimings, SpeechTerms, ThemeContext, VOCABULARY};
use crate::corpus::themes::context_update::{SpeechChange, drift_budget};
use crate::corpus::themes::language::{detect, with_language};
use crate::corpus::themes::stats::{DocTerms, doc_terms};
use crate::corpus::themes::taxonomy::{ThemeDef, built_in_themes};
use crate::corpus::themes::themes_toml::{merge_themes, parse_themes_toml};
use crate::corpus::themes::tokens::TermId;
use crate::corpus::transcript::Format;
use crate::corpus::{Corpus, FileAnalysis};
use crate::workspace::canonical_or_same;
use crate::workspace::read::{ReadOutcome, read_in_canonical_root};
pub use crate::workspace::topics::SpeechTopics;
use crate::workspace::topics::{TopicsMap, TopicsText, topics_of};

/// The file name of a corpus's own themes.
pub const THEMES_FILE: &str = "themes.toml";
/// The corpus's index, whose `#tags` teach the tag classifier.
const INDEX_FILE: &str = "INDEX.md";

/// The theme context of one corpus and what it was built from.
#[derive(Debug, Default)]
pub struct ThemeIndex {
    pub context: Arc<ThemeContext>,
    /// Each speech's topics behind an `Arc` of its own, so that an update
    /// copies the map's pointers, not 17,000 speeches' strings.
    pub topics: Arc<TopicsMap>,
    /// The same topics as one text, for `workspace/symbol` to scan.
    pub topics_text: Arc<TopicsText>,
    /// Problems found in `themes.toml`.
    pub problems: Vec<Problem>,
    /// How long the last `build` took, step by step (`update` refreshes
    /// `context` and `topics`).
    pub timings: BuildTimings,
    terms: HashMap<String, Arc<DocTerms>>,
    themes: Vec<ThemeDef>,
    /// Speeches changed incrementally since the context was last built from scratch.
    changed_since_full: usize,
    /// How many may change before it is built from scratch again (`drift_budget`).
    drift_budget: usize,
    /// The INDEX.md analysis the context's user tags were worked out from
    /// (kept, so that a new analysis never takes the address of the old).
    tags_from: Option<Arc<FileAnalysis>>,
    /// Something changed since the last complete rebuild (context and every
    /// speech's topics): `settle` has work to do.
    unsettled: bool,
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
                let counted = (read.outcome == ReadOutcome::Read)
                    .then(|| doc_terms(&spoken(corpus, rel, &read.text), &VOCABULARY));
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
    /// e.g. open buffers; gone when neither has them) without a full pass:
    /// the context's statistics and nearest-speech index take only the
    /// changed speeches (see `context_update`), the tag classifier is trained
    /// again only when tags are involved (a changed speech is tagged, or
    /// INDEX.md changed which speeches carry which tags), the themes are
    /// compiled again only when `themes.toml` changed, and only the changed
    /// speeches' topics are recomputed (all of them when the themes changed).
    /// Once `drift_budget` changed speeches have accumulated since the last
    /// full build, the context is rebuilt from the counts in memory instead.
    pub fn update(
        &mut self,
        root: &Path,
        corpus: &Corpus,
        changed: &[String],
        text_of: &dyn Fn(&str) -> Option<String>,
    ) {
        let root = canonical_or_same(root);
        let changed = &self.with_strays(corpus, changed);
        let before = self.recount(&root, corpus, changed, text_of);
        let themes_changed = changed.iter().any(|p| p == THEMES_FILE);
        if themes_changed {
            let (themes, problems) = theme_definitions(&root);
            self.themes = themes;
            self.problems = problems;
        }
        let came_or_went = before.iter().any(|(path, old)| old.is_some() != self.terms.contains_key(*path));
        let new_tags = self.user_tags_if_changed(corpus, came_or_went);
        let terms = &self.terms;
        // A speech whose counts did not change (an edit of spacing or
        // punctuation inside a clause) changes nothing in the context.
        let changes: Vec<SpeechChange> = before
            .iter()
            .filter_map(|(path, old)| {
                let new = terms.get(*path).map(|t| &**t);
                (old.as_deref() != new).then_some(SpeechChange { path, before: old.as_deref(), after: new })
            })
            .collect();
        let user_tags_changed = new_tags.as_ref().is_some_and(|t| **t != *self.context.user_tags);
        let tags: &HashMap<String, Vec<String>> = new_tags.as_deref().unwrap_or(&self.context.user_tags);
        // A tagged speech that changed teaches differently.
        let tags_changed = user_tags_changed
            || changes.iter().any(|c| tags.contains_key(c.path) || self.context.user_tags.contains_key(c.path));
        self.changed_since_full += changes.len();
        self.unsettled |= !changes.is_empty() || tags_changed || themes_changed;
        if self.changed_since_full >= self.drift_budget {
            // Other speeches keep their topics (see below) even then.
            (self.timings.context, self.timings.topics) = self.rebuild(corpus, (!themes_changed).then_some(changed));
            return;
        }
        if changes.is_empty() && !tags_changed && !themes_changed {
            return;
        }
        let mut timings = ContextTimings::default();
        let mut context = (*self.context).clone();
        context.apply_changes(&changes, &mut timings);
        if tags_changed {
            let tagged = tags
                .iter()
                .filter_map(|(path, tags)| Some(SpeechTerms { path, terms: terms.get(path)?, tags: tags.as_slice() }));
            context.retrain_tags(tagged, new_tags.clone().filter(|_| user_tags_changed), &mut timings);
        }
        if themes_changed {
            context.recompile_themes(&self.themes, &mut timings);
        }
        let changed_paths: Vec<String> = changes.iter().map(|c| c.path.to_string()).collect();
        self.context = Arc::new(context);
        self.timings.context = timings;
        // Other speeches keep their topics: one file moves the corpus's idf
        // too little to change them, and recomputing 17,000 costs ~0.4 s.
        self.timings.topics = self.refresh_topics((!themes_changed).then_some(&changed_paths));
    }

    /// `changed` plus the speeches the counts and the corpus disagree about:
    /// transcripts not counted yet and counts of files that are gone. A
    /// folder renamed or removed, or a file swapped for a folder, arrives as
    /// one changed path, not one per file below it.
    fn with_strays(&self, corpus: &Corpus, changed: &[String]) -> Vec<String> {
        let mut all: Vec<String> = changed.to_vec();
        let named: std::collections::HashSet<&str> = changed.iter().map(String::as_str).collect();
        let missing = corpus.transcripts().map(|(f, _)| &f.path).filter(|p| !self.terms.contains_key(*p));
        let gone = self.terms.keys().filter(|p| corpus.get(p).and_then(|f| f.transcript()).is_none());
        let strays: Vec<String> = missing.chain(gone).filter(|p| !named.contains(p.as_str())).cloned().collect();
        all.extend(strays);
        all
    }

    /// True when incremental updates happened since the last complete
    /// rebuild: the context and the topics may differ a little from what a
    /// fresh build gives (see `update`), until `settle`.
    pub fn is_unsettled(&self) -> bool {
        self.unsettled
    }

    /// Rebuilds the context and every speech's topics from the counts in
    /// memory, so that the index is exactly what a fresh build of the same
    /// files gives. For a quiet moment: on a large corpus it costs a second.
    pub fn settle(&mut self, corpus: &Corpus) {
        if self.unsettled {
            (self.timings.context, self.timings.topics) = self.rebuild(corpus, None);
        }
    }

    /// Counts the changed speeches again (see `update`); says what each
    /// counted before (`None`: it was not counted).
    fn recount<'a>(
        &mut self,
        root: &Path,
        corpus: &Corpus,
        changed: &'a [String],
        text_of: &dyn Fn(&str) -> Option<String>,
    ) -> Vec<(&'a str, Option<Arc<DocTerms>>)> {
        let speeches = changed.iter().filter(|rel| *rel != THEMES_FILE && *rel != INDEX_FILE);
        speeches
            .map(|rel| {
                let counted = match text_of(rel) {
                    Some(text) => Some(doc_terms(&spoken(corpus, rel, &text), &VOCABULARY)),
                    None if corpus.get(rel).and_then(|f| f.transcript()).is_some() => count_terms(root, corpus, rel),
                    None => None,
                };
                let old = match counted {
                    Some(t) => self.terms.insert(rel.clone(), Arc::new(t)),
                    None => self.terms.remove(rel),
                };
                (rel.as_str(), old)
            })
            .collect()
    }

    /// The user's tags worked out again, when they may have changed: which
    /// speeches carry which tags changes only with INDEX.md (a new analysis
    /// of it) or with speeches coming or going (links resolve to them or
    /// stop resolving). Working them out for a large tagged index costs
    /// milliseconds, so it is skipped otherwise (`None`).
    fn user_tags_if_changed(
        &mut self,
        corpus: &Corpus,
        came_or_went: bool,
    ) -> Option<Arc<HashMap<String, Vec<String>>>> {
        let index_file = corpus.index().map(|(f, _)| f.clone());
        let same_index = match (&self.tags_from, &index_file) {
            (Some(seen), Some(now)) => Arc::ptr_eq(seen, now),
            (seen, now) => seen.is_none() && now.is_none(),
        };
        self.tags_from = index_file;
        (!same_index || came_or_went).then(|| Arc::new(counted_user_tags(corpus, &self.terms)))
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
        self.tags_from = corpus.index().map(|(f, _)| f.clone());
        let mut sorted: Vec<(&String, &Arc<DocTerms>)> = self.terms.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let speeches = sorted.iter().map(|(path, terms)| SpeechTerms {
            path,
            terms,
            tags: tags.get(path.as_str()).map(Vec::as_slice).unwrap_or(&[]),
        });
        let (context, context_timings) = ThemeContext::build_timed(speeches, &self.themes);
        self.changed_since_full = 0;
        // Settled only when every speech's topics are redone too.
        self.unsettled = only.is_some();
        self.drift_budget = drift_budget(context.stats.documents());
        self.context = Arc::new(context);
        (context_timings, self.refresh_topics(only))
    }

    /// Recomputes the topics of the `only` speeches (all when `None`) with
    /// the current context; says how long that took.
    fn refresh_topics(&mut self, only: Option<&[String]>) -> Duration {
        let started = Instant::now();
        let context = &*self.context;
        let topics = match only {
            None => {
                let idf = context.stats.idf_table();
                let topics: TopicsMap = self
                    .terms
                    .par_iter()
                    .map(|(path, terms)| {
                        (Arc::from(path.as_str()), Arc::new(topics_of(terms, context, &|t| idf.get(t))))
                    })
                    .collect();
                self.topics_text = Arc::new(TopicsText::new(&topics));
                topics
            }
            Some(changed) => {
                // A few speeches' terms: a logarithm per term beats a whole idf table.
                let idf = |t: TermId| context.idf(t);
                let mut topics = (*self.topics).clone();
                let text = Arc::make_mut(&mut self.topics_text);
                for rel in changed {
                    let path: Arc<str> = Arc::from(rel.as_str());
                    let new = self.terms.get(rel).map(|terms| Arc::new(topics_of(terms, context, &idf)));
                    text.replace(&path, new.as_deref());
                    match new {
                        Some(new) => topics.insert(path, new),
                        None => topics.remove(&path),
                    };
                }
                topics
            }
        };
        self.topics = Arc::new(topics);
        started.elapsed()
    }
}

/// The context of a corpus built in one go (the command line's way).
pub fn build_theme_context(root: &Path, corpus: &Corpus) -> (ThemeContext, Vec<Problem>) {
    let index = ThemeIndex::build(root, corpus);
    (Arc::unwrap_or_clone(index.context), index.problems)
}

fn count_terms(root: &Path, corpus: &Corpus, rel: &str) -> Option<DocTerms> {
    let read = read_in_canonical_root(root, rel);
    (read.outcome == ReadOutcome::Read).then(|| {
        let text = spoken(corpus, rel, &read.text);
        // Counted in the language the file's own analysis reads it in.
        let language =
            corpus.get(rel).and_then(|f| f.transcript()).map_or_else(|| detect(&text), |t| language_of(&text, t));
        with_language(language, || doc_terms(&text, &VOCABULARY))
    })
}

/// The words of a transcript's text, its noise (timestamps, cue settings,
/// JSON syntax) blanked: what terms are counted in. The corpus's analysis
/// gives the noise when it was made from this text; otherwise (the file
/// changed since) the text is read again. A plain transcript has no noise
/// and is borrowed as it is.
fn spoken<'t>(corpus: &Corpus, rel: &str, text: &'t str) -> Cow<'t, str> {
    match corpus.get(rel).and_then(|f| f.transcript().map(|t| (f, t))) {
        Some((f, t)) if f.line_index.len() == text.len() => t.analysis_text(text),
        Some((_, t)) if t.noise.is_empty() && t.format == Format::Plain => Cow::Borrowed(text),
        _ => match FileAnalysis::analyze(rel, text).transcript() {
            Some(t) => Cow::Owned(t.analysis_text(text).into_owned()),
            None => Cow::Borrowed(text),
        },
    }
}

/// `user_tags` of the speeches the index counts: what a context built from
/// these counts calls its user's tags.
fn counted_user_tags(corpus: &Corpus, terms: &HashMap<String, Arc<DocTerms>>) -> HashMap<String, Vec<String>> {
    let mut tags = user_tags(corpus);
    tags.retain(|path, _| terms.contains_key(path));
    tags
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

    const INDEX: &str = "# Index\n\n## 2021\n\n\
        - 2021-03-01 [Police board](police1.txt) #public-safety\n\
        - 2021-03-02 [Harvest](farm1.txt) #agriculture\n\
        - 2021-03-03 [Crime report](police2.txt) #public-safety\n\
        - 2021-03-04 [Railways](rail1.txt) #transport\n\
        - 2021-03-05 [Grain prices](farm2.txt)\n\
        - 2021-03-06 [Schools](school1.txt)\n";

    fn small_corpus(root: &Path) {
        let texts = [
            ("police1.txt", "Police officers fight crime. Crime on the streets fell; police patrols grew."),
            ("police2.txt", "Investigators solved murders and theft. Police and courts fight organised crime."),
            ("farm1.txt", "Farmers harvest grain and wheat. The grain harvest and the dairy farms feed the region."),
            ("farm2.txt", "Grain prices rose. Farmers sold wheat; fertiliser and tractors cost more this harvest."),
            ("rail1.txt", "Railway lines carry freight. New trains and stations; the railway timetable improves."),
            ("rail2.txt", "Trains and locomotives: the railway network grows, freight trains run on time."),
            ("school1.txt", "Teachers and pupils: schools need textbooks. Every school hires teachers."),
            ("school2.txt", "Universities and schools train teachers; pupils and students sit exams."),
        ];
        for (name, text) in texts {
            write(root, name, text);
        }
        write(root, "INDEX.md", INDEX);
    }

    /// What a context answers about `path` (its own counts as the query):
    /// the nearest speeches and the tags offered.
    fn answers(index: &ThemeIndex, path: &str) -> [Vec<(String, f32)>; 2] {
        let ctx = &index.context;
        let terms = &index.terms[path].terms;
        let idf = |t: TermId| ctx.idf(t);
        let nearest = ctx.neighbours.nearest(terms, &idf, Some(path), 3);
        let offers = ctx.tags.offer(terms, &idf, 3).into_iter().map(|o| (o.tag, o.score)).collect();
        [nearest, offers]
    }

    /// Incremental updates (a change, an addition, a removal, a tagged
    /// speech's change, an INDEX.md tag change, a themes.toml change) keep
    /// the same statistics as a build from scratch, exactly; the changed
    /// speeches' answers match a fresh build's up to the drift the module
    /// documents; and once the drift budget is spent the context is rebuilt
    /// and every answer matches exactly.
    #[test]
    fn incremental_updates_keep_the_statistics_of_a_full_build() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        small_corpus(root);
        let corpus = load_corpus(root);
        let mut index = ThemeIndex::build(root, &corpus);
        // A corpus this small would be rebuilt on every change: take the
        // incremental path until the test says otherwise.
        index.drift_budget = usize::MAX;
        let one = |rel: &str| vec![rel.to_string()];

        // An untagged speech changes: statistics and neighbours are new, the
        // tag classifier and the themes are shared with the old context.
        let before = index.context.clone();
        write(root, "farm2.txt", "Grain prices rose. Railway freight of grain and wheat; farmers pay the trains.");
        let corpus = load_corpus(root);
        index.update(root, &corpus, &one("farm2.txt"), &|_| None);
        assert!(!Arc::ptr_eq(&before, &index.context), "a new context, so cached themes miss");
        assert!(!Arc::ptr_eq(&before.stats, &index.context.stats));
        assert!(Arc::ptr_eq(&before.tags, &index.context.tags), "no tagged speech changed");
        assert!(Arc::ptr_eq(&before.themes, &index.context.themes), "themes.toml did not change");

        // A new speech, and a speech removed.
        write(root, "rail3.txt", "Stations and trains: the railway carries passengers and grain freight.");
        let corpus = load_corpus(root);
        index.update(root, &corpus, &one("rail3.txt"), &|_| None);
        std::fs::remove_file(root.join("school2.txt")).expect("removable");
        let corpus = load_corpus(root);
        index.update(root, &corpus, &one("school2.txt"), &|_| None);
        // A tagged speech changes (from an open buffer): the classifier is trained again.
        let tags_before = index.context.tags.clone();
        let edited = "Police officers fight crime and cybercrime; hackers and fraud rise.".to_string();
        index.update(root, &corpus, &one("police1.txt"), &|rel| (rel == "police1.txt").then(|| edited.clone()));
        assert!(!Arc::ptr_eq(&tags_before, &index.context.tags));

        std::fs::write(root.join("police1.txt"), &edited).expect("writable");
        let fresh = ThemeIndex::build(root, &corpus);
        assert_eq!(*index.context.stats, *fresh.context.stats, "every term's and phrase's document frequency");
        let (ctx, new) = (&index.context.stats, &fresh.context.stats);
        assert_eq!((ctx.documents(), new.documents()), (8, 8));
        for word in ["police", "grain", "railway", "teachers", "cybercrime", "universities"] {
            let term = VOCABULARY.lookup(word).expect("counted");
            assert_eq!(ctx.term_df(term), new.term_df(term), "{word}");
        }
        for phrase in [["grain", "freight"], ["railway", "freight"], ["police", "officers"], ["grain", "prices"]] {
            let ids: Vec<TermId> = phrase.iter().filter_map(|w| VOCABULARY.lookup(w)).collect();
            assert_eq!(ctx.df(&ids), new.df(&ids), "{phrase:?}");
        }
        // rail1-3 and the changed farm2.
        assert_eq!(ctx.df(&[VOCABULARY.lookup("railway").expect("counted")]), 4);
        assert_eq!(*index.context.user_tags, *fresh.context.user_tags);
        // The last changed speech's topics come from the current statistics;
        // earlier ones keep the topics of their own update (see `update`).
        let mut listed: Vec<&Arc<str>> = index.topics.keys().collect();
        listed.sort();
        assert_eq!(
            listed,
            fresh.topics.keys().collect::<std::collections::BTreeSet<_>>().into_iter().collect::<Vec<_>>()
        );
        assert_eq!(index.topics["police1.txt"], fresh.topics["police1.txt"]);

        // The changed speeches: the tag classifier was trained with the
        // current statistics, so its offers are a fresh build's exactly. The
        // nearest speeches are the same ones; their similarities may differ
        // a little, because the speeches that did not change keep weights
        // from the idf of before the changes.
        for path in ["farm2.txt", "rail3.txt", "police1.txt"] {
            let [nearest, offers] = answers(&index, path);
            let [fresh_nearest, fresh_offers] = answers(&fresh, path);
            assert_eq!(offers, fresh_offers, "{path}");
            let names = |n: &[(String, f32)]| n.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
            assert_eq!(names(&nearest), names(&fresh_nearest), "{path}");
            assert!(!nearest.is_empty());
            for ((_, got), (_, want)) in nearest.iter().zip(&fresh_nearest) {
                assert!((got - want).abs() < 0.1, "{path}: {got} against {want}");
            }
        }

        // INDEX.md gives farm2 a tag (the server passes no file for it):
        // trained again, the same offers as a fresh build.
        write(root, "INDEX.md", &INDEX.replace("[Grain prices](farm2.txt)", "[Grain prices](farm2.txt) #agriculture"));
        let corpus = load_corpus(root);
        index.update(root, &corpus, &[], &|_| None);
        let fresh = ThemeIndex::build(root, &corpus);
        assert_eq!(index.context.user_tags.get("farm2.txt"), Some(&vec!["agriculture".to_string()]));
        assert_eq!(answers(&index, "school1.txt")[1], answers(&fresh, "school1.txt")[1]);

        // themes.toml: compiled again and every speech's topics recomputed.
        write(root, THEMES_FILE, "[themes.railways]\nlabel = \"Railways\"\nterms = [\"railway\", \"trains\"]\n");
        let stats_before = index.context.stats.clone();
        index.update(root, &corpus, &one(THEMES_FILE), &|_| None);
        assert!(Arc::ptr_eq(&stats_before, &index.context.stats), "no speech changed");
        assert!(index.topics["rail1.txt"].themes.iter().any(|(id, _)| id == "railways"));
        let fresh = ThemeIndex::build(root, &corpus);
        assert_eq!(*index.topics, *fresh.topics);

        // The drift budget spent: the next change rebuilds the context, and
        // every speech's answers are a fresh build's exactly.
        index.drift_budget = 1;
        write(root, "rail2.txt", "Trains, trams and the railway network; grain freight by train.");
        let corpus = load_corpus(root);
        index.update(root, &corpus, &one("rail2.txt"), &|_| None);
        assert_eq!(index.changed_since_full, 0);
        let fresh = ThemeIndex::build(root, &corpus);
        for path in fresh.terms.keys() {
            assert_eq!(answers(&index, path), answers(&fresh, path), "{path}");
        }
    }
}
