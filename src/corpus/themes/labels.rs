//! Theme labels for a region of text (a section or a whole speech): the
//! themes of the built-in taxonomy and `themes.toml`, stemmed with the shared
//! vocabulary, scored against the region's terms.
//!
//! A theme's weight is the share of the region's TF-IDF mass that falls on the
//! theme's terms: `Σ (1 + ln tf) · idf` over the theme's matched words and
//! phrases, divided by the same sum over every term of the region. Sublinear
//! counts keep one repeated word from carrying a theme; dividing by the
//! region's own mass makes weights comparable between a 100-word section and a
//! 10,000-word speech. A theme is shown only when it reaches [`MIN_WEIGHT`]
//! and is carried by at least two distinct terms, so an incidental "bank" does
//! not make a speech about finance.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::tags::TagOffer;
use super::taxonomy::{LabelSource, ThemeDef};
use super::tokens::{TermId, Vocabulary, word_spans};

/// The weight below which a theme is not shown.
pub const MIN_WEIGHT: f32 = 0.008;
/// The least idf a theme's word counts with (see `ThemeSet::score`): that
/// of a word in one speech of three (`ln 3 + 1`).
pub const THEME_IDF_FLOOR: f32 = 2.1;
/// How many labels `ThemeSet::label` returns at most.
pub const MAX_LABELS: usize = 8;

/// A label attached to a region, best first in any list of them.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeLabel {
    /// Theme id, or the tag name for INDEX.md tags.
    pub id: String,
    pub label: String,
    pub source: LabelSource,
    /// Share of the region's term weight carried by the theme (taxonomy and
    /// themes.toml), or similarity to the tag's speeches (INDEX.md tags).
    pub weight: f32,
    /// The theme's words and phrases found in the region, most frequent
    /// first (empty for INDEX.md tags); hovers show a few of them.
    pub evidence: Vec<ThemeWord>,
}

/// A theme word (one term) or phrase (two or more) and how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeWord {
    pub terms: Vec<TermId>,
    pub count: u32,
    /// The theme's word or phrase as its definition writes it ("navy",
    /// "united nations"): what a reader finds in the text, where the stems
    /// behind `terms` ("navi", "unit nation") are internals.
    pub text: Arc<str>,
}

/// Themes ready for scoring: each term and phrase reduced to term ids.
#[derive(Debug, Clone, Default)]
pub struct ThemeSet {
    themes: Vec<CompiledTheme>,
    /// term -> themes listing it as a single word.
    unigram_themes: HashMap<TermId, Vec<u32>>,
    /// phrase (two or more terms) -> themes listing it.
    phrase_themes: HashMap<Vec<TermId>, Vec<u32>>,
    /// The first two terms of every phrase, to skip most positions at once.
    phrase_starts: HashSet<(TermId, TermId)>,
    /// Length of the longest phrase.
    longest_phrase: usize,
    /// Each term and phrase as the first definition listing it writes it.
    written: HashMap<Vec<TermId>, Arc<str>>,
}

#[derive(Debug, Clone)]
struct CompiledTheme {
    id: String,
    label: String,
    source: LabelSource,
}

impl ThemeSet {
    /// Stems every theme term with `vocabulary`. A phrase keeps its content
    /// words (stop words inside it are skipped, as they are in the text); a
    /// one-word term becomes a unigram, a phrase of two or more content words
    /// is matched whole, and a phrase left with one content word is dropped
    /// ("IT crime" would otherwise mean "crime").
    pub fn compile(themes: &[ThemeDef], vocabulary: &Vocabulary) -> ThemeSet {
        let mut set = ThemeSet::default();
        for (index, theme) in themes.iter().enumerate() {
            let index = index as u32;
            set.themes.push(CompiledTheme { id: theme.id.clone(), label: theme.label.clone(), source: theme.source });
            for phrase in &theme.terms {
                let words: Vec<&str> = word_spans(phrase).map(|s| s.slice(phrase)).collect();
                let terms: Vec<TermId> = words.iter().filter_map(|w| vocabulary.term(w)).collect();
                if !terms.is_empty() {
                    set.written.entry(terms.clone()).or_insert_with(|| phrase.to_lowercase().into());
                }
                match (words.len(), terms.as_slice()) {
                    (1, [term]) => add_once(set.unigram_themes.entry(*term).or_default(), index),
                    (_, [first, second, ..]) => {
                        set.phrase_starts.insert((*first, *second));
                        set.longest_phrase = set.longest_phrase.max(terms.len());
                        add_once(set.phrase_themes.entry(terms.clone()).or_default(), index);
                    }
                    _ => {}
                }
            }
        }
        set
    }

    pub fn len(&self) -> usize {
        self.themes.len()
    }

    /// `terms` as a theme definition writes them (every matched term and
    /// phrase came from one, so the empty fallback is never shown).
    fn written_form(&self, terms: &[TermId]) -> Arc<str> {
        self.written.get(terms).cloned().unwrap_or_else(|| Arc::from(""))
    }

    pub fn is_empty(&self) -> bool {
        self.themes.is_empty()
    }

    /// Labels for a region given its terms in text order (stop words already
    /// left out, as `Vocabulary::term` does), best first, at most
    /// [`MAX_LABELS`]. `idf` weighs terms by corpus rarity; pass `|_| 1.0`
    /// when there is no corpus.
    pub fn label(&self, terms: &[TermId], idf: &dyn Fn(TermId) -> f32) -> Vec<ThemeLabel> {
        let mut counts: HashMap<TermId, u32> = HashMap::new();
        for &term in terms {
            *counts.entry(term).or_insert(0) += 1;
        }
        let mut phrases: HashMap<&[TermId], u32> = HashMap::new();
        for (i, pair) in terms.windows(2).enumerate() {
            if !self.phrase_starts.contains(&(pair[0], pair[1])) {
                continue;
            }
            for len in 2..=self.longest_phrase.min(terms.len() - i) {
                let candidate = &terms[i..i + len];
                if self.phrase_themes.contains_key(candidate) {
                    *phrases.entry(candidate).or_insert(0) += 1;
                }
            }
        }
        self.score(&counts, &phrases, idf)
    }

    /// Labels from a region's term counts alone (no word order, so phrases
    /// are not matched): what the corpus index keeps for each closed file.
    pub fn label_counts(&self, counts: &[(TermId, u32)], idf: &dyn Fn(TermId) -> f32) -> Vec<ThemeLabel> {
        let counts: HashMap<TermId, u32> = counts.iter().copied().collect();
        self.score(&counts, &HashMap::new(), idf)
    }

    fn score(
        &self,
        counts: &HashMap<TermId, u32>,
        phrases: &HashMap<&[TermId], u32>,
        idf: &dyn Fn(TermId) -> f32,
    ) -> Vec<ThemeLabel> {
        // A non-finite or negative idf (a broken caller) weighs nothing rather than poisoning every share.
        let weight =
            |tf: u32, idf: f32| if idf.is_finite() && idf > 0.0 { (1.0 + (tf as f32).ln()) * idf } else { 0.0 };
        // A theme's word counts at least as much as a word of one speech in
        // three (idf floor), in the region's mass as in the theme's share: a
        // corpus that talks of war in every message is still talking of war,
        // though "war" then tells its speeches apart poorly.
        let theme_idf = |term: TermId| {
            let idf = idf(term);
            if idf.is_finite() && idf > 0.0 { idf.max(THEME_IDF_FLOOR) } else { idf }
        };
        let mass: f32 = counts
            .iter()
            .map(|(&t, &tf)| weight(tf, if self.unigram_themes.contains_key(&t) { theme_idf(t) } else { idf(t) }))
            .sum();
        if mass <= 0.0 {
            return Vec::new();
        }

        let mut scores = vec![0.0f32; self.themes.len()];
        let mut evidence: Vec<Vec<ThemeWord>> = vec![Vec::new(); self.themes.len()];
        let mut distinct: Vec<HashSet<TermId>> = vec![HashSet::new(); self.themes.len()];
        for (&term, &tf) in counts {
            for &theme in self.unigram_themes.get(&term).into_iter().flatten() {
                let t = theme as usize;
                scores[t] += weight(tf, theme_idf(term));
                let text = self.written_form(&[term]);
                evidence[t].push(ThemeWord { terms: vec![term], count: tf, text });
                distinct[t].insert(term);
            }
        }
        for (&phrase, &tf) in phrases {
            let rarest = phrase.iter().map(|&term| theme_idf(term)).fold(0.0f32, f32::max);
            for &theme in self.phrase_themes.get(phrase).into_iter().flatten() {
                let t = theme as usize;
                // A phrase is specific, so it counts with its rarest word's
                // weight, and each of its words is distinct evidence.
                scores[t] += weight(tf, rarest);
                distinct[t].extend(phrase.iter().copied());
                evidence[t].push(ThemeWord { terms: phrase.to_vec(), count: tf, text: self.written_form(phrase) });
            }
        }

        let mut labels: Vec<ThemeLabel> = Vec::new();
        for (t, theme) in self.themes.iter().enumerate() {
            // Sums run in hash order, so equal shares can differ in the last bits;
            // rounding keeps the order of near-equal labels the same on every run.
            let share = (scores[t] / mass * 1e5).round() / 1e5;
            if share < MIN_WEIGHT || distinct[t].len() < 2 {
                continue;
            }
            let mut words = std::mem::take(&mut evidence[t]);
            // Ties by stem, not by id (which differs from run to run).
            words.sort_by(|a, b| {
                b.count.cmp(&a.count).then_with(|| crate::corpus::themes::ties::phrase_order(&a.terms, &b.terms))
            });
            labels.push(ThemeLabel {
                id: theme.id.clone(),
                label: theme.label.clone(),
                source: theme.source,
                weight: share,
                evidence: words,
            });
        }
        labels.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.id.cmp(&b.id)));
        labels.truncate(MAX_LABELS);
        labels
    }
}

/// The terms of `text` in order: each word's term, stop words and numbers left out.
pub fn text_terms(text: &str, vocabulary: &Vocabulary) -> Vec<TermId> {
    word_spans(text).filter_map(|span| vocabulary.term(span.slice(text))).collect()
}

/// INDEX.md tags offered to a speech, as labels (source `IndexTag`, weight =
/// similarity), so hovers can list them beside the taxonomy's themes.
pub fn tag_labels(offers: &[TagOffer]) -> Vec<ThemeLabel> {
    offers
        .iter()
        .map(|offer| ThemeLabel {
            id: offer.tag.clone(),
            label: format!("#{}", offer.tag),
            source: LabelSource::IndexTag,
            weight: offer.similarity,
            evidence: Vec::new(),
        })
        .collect()
}

fn add_once(list: &mut Vec<u32>, theme: u32) {
    if !list.contains(&theme) {
        list.push(theme);
    }
}

impl ThemeLabel {
    /// One line for hovers and the command line, e.g.
    /// `Cybercrime and IT crime 0.12 (built-in: cybercrime ×3, online ×2)`.
    pub fn describe(&self, vocabulary: &Vocabulary, max_words: usize) -> String {
        let words: Vec<String> = self
            .evidence
            .iter()
            .take(max_words)
            .map(|word| {
                let words: Vec<String> = word.terms.iter().map(|&t| vocabulary.display(t)).collect();
                format!("{} ×{}", words.join(" "), word.count)
            })
            .collect();
        if words.is_empty() {
            format!("{} {:.2} ({})", self.label, self.weight, self.source.describe())
        } else {
            format!("{} {:.2} ({}: {})", self.label, self.weight, self.source.describe(), words.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::themes::taxonomy::built_in_themes;

    const SEED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_dfd047e8c9417aac.txt"));

    fn render(labels: &[ThemeLabel], vocabulary: &Vocabulary) -> String {
        labels.iter().map(|l| l.describe(vocabulary, 5) + "\n").collect()
    }

    #[test]
    fn seed_speech_gets_the_themes_a_reader_expects() {
        // The shared vocabulary: ties are broken by its stems (see `ties`).
        let vocabulary = &crate::corpus::themes::analysis::VOCABULARY;
        let themes = ThemeSet::compile(&built_in_themes(), vocabulary);
        let labels = themes.label(&text_terms(SEED, vocabulary), &|_| 1.0);
        expect_test::expect![[r#"
            Crime and policing 0.06 (built-in: crime ×9, criminal ×5, law enforcement ×2, police ×2, public safety ×2)
            Technology and the internet 0.04 (built-in: internet ×4, technology ×4, online ×2, digital ×1, informing technology ×1)
            Law and the courts 0.03 (built-in: law ×7, legal ×2, justice ×1)
            Family and population 0.01 (built-in: children ×2, young people ×1)
            Health and medicine 0.01 (built-in: pandemic ×2, health ×1)
            Trade and tariffs 0.01 (built-in: imports ×2, duties ×1)
        "#]]
        .assert_eq(&render(&labels, vocabulary));
    }

    #[test]
    fn themes_toml_themes_label_text_and_phrases_need_all_their_words() {
        use crate::corpus::themes::themes_toml::{merge_themes, parse_themes_toml};
        let file = parse_themes_toml(
            "replace = true\n[themes.drones]\nlabel = \"Drones\"\nterms = [\"drone\", \"UAV\", \"unmanned aerial vehicle\", \"IT crime\"]\n",
        );
        // The shared vocabulary: ties are broken by its stems (see `ties`).
        let vocabulary = &crate::corpus::themes::analysis::VOCABULARY;
        let themes = ThemeSet::compile(&merge_themes(built_in_themes(), &file), vocabulary);
        assert_eq!(themes.len(), 1);
        let text = "Drones are cheap. An unmanned aerial vehicle, a UAV, flew over the border; drones will spread.";
        let labels = themes.label(&text_terms(text, vocabulary), &|_| 1.0);
        expect_test::expect![[r#"
            Drones 0.61 (themes.toml: drone ×2, uav ×1, unmanned aerial vehicle ×1)
        "#]]
        .assert_eq(&render(&labels, vocabulary));
        // "IT" is a stop word, so "IT crime" would mean just "crime": it is dropped.
        let crime =
            themes.label(&text_terms("Crime, crime and more crime, said the crime reporter.", vocabulary), &|_| 1.0);
        assert!(crime.is_empty());
    }

    #[test]
    fn empty_or_odd_regions_get_no_labels() {
        // The shared vocabulary: ties are broken by its stems (see `ties`).
        let vocabulary = &crate::corpus::themes::analysis::VOCABULARY;
        let themes = ThemeSet::compile(&built_in_themes(), vocabulary);
        assert!(themes.label(&[], &|_| 1.0).is_empty());
        let terms = text_terms("police crime police crime", vocabulary);
        assert!(themes.label(&terms, &|_| f32::NAN).is_empty());
        assert!(themes.label(&terms, &|_| f32::INFINITY).is_empty());
        assert_eq!(themes.label(&terms, &|_| 1.0).len(), 1);
    }
}
