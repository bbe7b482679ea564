//! Builds a corpus's theme context from disk: every transcript is read again
//! (the corpus keeps no text, to stay small) and its terms are counted in
//! parallel; INDEX.md `#tags` are attached to the files their entries link
//! to; `themes.toml` in the corpus folder adds to or replaces the built-in
//! themes.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::corpus::text::Problem;
use crate::corpus::themes::analysis::{SpeechTerms, ThemeContext, VOCABULARY};
use crate::corpus::themes::stats::{DocTerms, doc_terms};
use crate::corpus::themes::taxonomy::built_in_themes;
use crate::corpus::themes::themes_toml::{merge_themes, parse_themes_toml};
use crate::workspace::read::{ReadOutcome, read_transcript_file};

/// The file name of a corpus's own themes.
pub const THEMES_FILE: &str = "themes.toml";

/// The theme context of the corpus at `root`, and the problems found in its
/// `themes.toml` (if any).
pub fn build_theme_context(root: &Path, corpus: &Corpus) -> (ThemeContext, Vec<Problem>) {
    let paths: Vec<&str> = corpus.transcripts().map(|(f, _)| f.path.as_str()).collect();
    let terms: Vec<(&str, DocTerms)> = paths
        .par_iter()
        .filter_map(|&rel| {
            let read = read_transcript_file(root, rel);
            (read.outcome == ReadOutcome::Read).then(|| (rel, doc_terms(&read.text, &VOCABULARY)))
        })
        .collect();
    let tags = user_tags(corpus);
    let (themes, problems) = theme_definitions(root);
    let speeches = terms.iter().map(|(path, terms)| SpeechTerms {
        path,
        terms,
        tags: tags.get(*path).map(Vec::as_slice).unwrap_or(&[]),
    });
    (ThemeContext::build(speeches, &themes), problems)
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
fn theme_definitions(root: &Path) -> (Vec<crate::corpus::themes::taxonomy::ThemeDef>, Vec<Problem>) {
    let file = root.join(THEMES_FILE);
    match std::fs::read_to_string(&file) {
        Ok(text) => {
            let parsed = parse_themes_toml(&text);
            (merge_themes(built_in_themes(), &parsed), parsed.problems)
        }
        Err(_) => (built_in_themes(), Vec::new()),
    }
}
