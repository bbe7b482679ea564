//! Incremental updates of a `ThemeContext`: when a few speeches change, the
//! corpus statistics take "remove the old counts, add the new" (exact: the
//! result equals a fresh count), the nearest-speech index replaces only the
//! changed speeches' vectors, the tag classifier is trained again only when
//! tags are involved, and the theme set is compiled again only when its
//! definitions (`themes.toml`) change.
//!
//! A context is shared immutably, so an update works on a copy whose parts
//! are `Arc`s: `Arc::make_mut` copies a part only when it changes, and every
//! other part stays shared with the context the update started from.
//!
//! What is not exact: the other speeches' vectors in the nearest-speech index
//! keep the idf of when they were weighed, and the tag classifier keeps the
//! idf of when it was trained (it is trained again, with the current idf,
//! whenever a tagged speech or the tags change). One file moves a term's
//! document frequency by at most one, so this drift is small; the owner of
//! the context rebuilds it from scratch once `drift_budget` changes have
//! accumulated.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use crate::corpus::themes::analysis::{ContextTimings, SpeechTerms, ThemeContext, compile_themes};
use crate::corpus::themes::stats::DocTerms;
use crate::corpus::themes::tags::{TagClassifier, train_speeches};
use crate::corpus::themes::taxonomy::ThemeDef;
use crate::corpus::themes::tokens::TermId;

/// One speech whose term counts changed: what it counted before (`None`: it
/// is new) and after (`None`: it is gone).
#[derive(Debug, Clone, Copy)]
pub struct SpeechChange<'a> {
    pub path: &'a str,
    pub before: Option<&'a DocTerms>,
    pub after: Option<&'a DocTerms>,
}

/// How many changed speeches a context may take in incrementally before it
/// should be rebuilt from scratch: one in 64 of the corpus's speeches, at
/// least 1 and at most 256.
///
/// Why this rule: after k changes at most k of the N speeches differ from
/// what the stale weights assume, so keeping k ≤ N/64 bounds the share of
/// the corpus whose counts the weights have not seen to about 1.5 %; and a
/// rebuild costs about as much as weighing every speech, so spread over N/64
/// changes it adds the cost of weighing some 64 speeches to each change. The
/// cap of 256 keeps the drift of a very large corpus bounded in count too
/// (a full rebuild of 17,400 speeches, ~0.25 s, every 256 changes). A small
/// corpus (under 128 speeches) is simply rebuilt on every change: that is
/// cheap there.
pub fn drift_budget(documents: u32) -> usize {
    (documents as usize / 64).clamp(1, 256)
}

impl ThemeContext {
    /// Applies changed speeches: the statistics exactly, the nearest-speech
    /// index by replacing the changed speeches' vectors (weighted with the
    /// updated idf). Says how long each took in `timings`.
    pub fn apply_changes(&mut self, changes: &[SpeechChange], timings: &mut ContextTimings) {
        if changes.is_empty() {
            return;
        }
        let started = Instant::now();
        let stats = Arc::make_mut(&mut self.stats);
        for change in changes {
            if let Some(before) = change.before {
                stats.remove_document(before);
            }
            if let Some(after) = change.after {
                stats.add_document(after);
            }
        }
        timings.stats = started.elapsed();
        let started = Instant::now();
        // A few speeches' terms: a logarithm per term beats a whole idf table.
        let stats = &*self.stats;
        let idf = |t: TermId| stats.idf(&[t]) as f32;
        let replaced = changes.iter().map(|c| (c.path, c.after.map(|d| d.terms.as_slice())));
        Arc::make_mut(&mut self.neighbours).replace_all(replaced, &idf);
        timings.neighbours = started.elapsed();
    }

    /// Trains the tag classifier again from the tagged speeches (all of them,
    /// with their current tags; untagged ones are skipped) with the current
    /// idf; `user_tags` replaces the user's tags when they changed.
    pub fn retrain_tags<'a>(
        &mut self,
        speeches: impl IntoIterator<Item = SpeechTerms<'a>>,
        user_tags: Option<Arc<HashMap<String, Vec<String>>>>,
        timings: &mut ContextTimings,
    ) {
        let started = Instant::now();
        let idf_table = self.stats.idf_table();
        let tagged = speeches.into_iter().map(|s| (s.path, s.terms.terms.as_slice(), s.tags));
        self.tags = Arc::new(train_speeches(tagged, &|t| idf_table.get(t)));
        if let Some(user_tags) = user_tags {
            self.user_tags = user_tags;
        }
        timings.tags = started.elapsed();
    }

    /// Compiles changed theme definitions (`themes.toml`).
    pub fn recompile_themes(&mut self, themes: &[ThemeDef], timings: &mut ContextTimings) {
        let started = Instant::now();
        self.themes = Arc::new(compile_themes(themes, &self.stats));
        timings.themes = started.elapsed();
    }
}

/// The tag classifier taught by the tagged speeches, and their tags by path.
pub(crate) fn train_tags<'a>(
    speeches: impl IntoIterator<Item = SpeechTerms<'a>>,
    idf: &dyn Fn(TermId) -> f32,
) -> (TagClassifier, HashMap<String, Vec<String>>) {
    let tagged: Vec<SpeechTerms> = speeches.into_iter().filter(|s| !s.tags.is_empty()).collect();
    let user_tags = tagged.iter().map(|s| (s.path.to_string(), s.tags.to_vec())).collect();
    let classifier = train_speeches(tagged.iter().map(|s| (s.path, s.terms.terms.as_slice(), s.tags)), idf);
    (classifier, user_tags)
}
