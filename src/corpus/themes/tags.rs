//! Tags learned from the user's INDEX.md `#tags`: speeches that carry tags
//! teach them, and untagged speeches are offered the tags they most resemble.
//!
//! The model is a TF-IDF nearest-centroid classifier (Rocchio): each taught
//! speech becomes a unit-length vector of sublinear term frequencies weighted
//! by inverse document frequency; a tag's centroid is the mean of its
//! speeches' vectors (a speech with k tags gives each 1/k of its weight), less
//! a share [`BACKGROUND`] of the mean of all taught speeches, so that words
//! every speech uses do not pull towards the big tags; an untagged speech is
//! scored by cosine similarity to each centroid times a mild prior,
//! `support ^` [`PRIOR_EXPONENT`], because a common tag is likelier a priori.
//! The two constants were chosen on a validation split of the teaching pages
//! (not on the evaluated pages); see `src/eval/tags.rs` for the figures.
//! It is cheap and incremental: teaching or forgetting one speech only changes
//! the stored examples, and [`TagModel::train`] rebuilds the centroids in
//! milliseconds for thousands of speeches.
//!
//! Everything here takes plain data (a document id, term counts, tag names),
//! so INDEX.md and the evaluation share one code path.

use std::collections::{BTreeMap, HashMap};

use super::stats::{scale_to_unit, tfidf_weights};
use super::tokens::TermId;

/// How much of the mean of all taught speeches is taken off each centroid.
pub const BACKGROUND: f32 = 0.3;
/// Exponent of the tag-frequency prior in the ranking score.
pub const PRIOR_EXPONENT: f32 = 0.08;

/// Term counts of one speech or region: `(term, occurrences)`, any order,
/// each term at most once.
pub type TermCounts = [(TermId, u32)];

/// The teaching examples: which documents carry which tags, with their terms.
/// Cheap to update; call [`TagModel::train`] to get something that offers tags.
#[derive(Debug, Clone, Default)]
pub struct TagModel {
    examples: HashMap<String, Example>,
}

#[derive(Debug, Clone)]
struct Example {
    terms: Vec<(TermId, u32)>,
    tags: Vec<String>,
}

/// A tag offered to an untagged speech, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct TagOffer {
    /// The tag as the user wrote it, without `#`.
    pub tag: String,
    /// The ranking score: `similarity × support ^ PRIOR_EXPONENT`.
    pub score: f32,
    /// Cosine similarity to the tag's centroid, in `[0, 1]`.
    pub similarity: f32,
    /// How many taught speeches carry the tag.
    pub support: usize,
}

/// Centroids built from a [`TagModel`] at one moment; immutable, shareable.
#[derive(Debug, Clone, Default)]
pub struct TagClassifier {
    tags: Vec<TagCentroid>,
    /// term -> (tag index, centroid weight): only the terms that occur in some
    /// centroid, so scoring touches each query term once.
    postings: HashMap<TermId, Vec<(u32, f32)>>,
}

#[derive(Debug, Clone)]
struct TagCentroid {
    name: String,
    support: usize,
    /// `support ^ PRIOR_EXPONENT`.
    prior: f32,
}

impl TagModel {
    pub fn new() -> TagModel {
        TagModel::default()
    }

    /// Records that `doc` carries `tags` and has these term counts, replacing
    /// whatever `doc` taught before. Tags are compared without a leading `#`
    /// and case-insensitively (the first spelling seen is kept). A document
    /// with no tags or no terms teaches nothing.
    pub fn teach(&mut self, doc: &str, terms: &TermCounts, tags: &[String]) {
        let mut clean: Vec<String> = Vec::new();
        for tag in tags {
            let tag = tag.trim().trim_start_matches('#');
            if !tag.is_empty() && !clean.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                clean.push(tag.to_string());
            }
        }
        if clean.is_empty() || terms.is_empty() {
            self.examples.remove(doc);
            return;
        }
        let example = Example { terms: terms.to_vec(), tags: clean };
        self.examples.insert(doc.to_string(), example);
    }

    /// Forgets what `doc` taught (when its entry loses its tags or the file goes away).
    pub fn forget(&mut self, doc: &str) {
        self.examples.remove(doc);
    }

    /// Number of documents that teach at least one tag.
    pub fn len(&self) -> usize {
        self.examples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    /// The tags of a taught document, if it is one.
    pub fn tags_of(&self, doc: &str) -> Option<&[String]> {
        self.examples.get(doc).map(|e| e.tags.as_slice())
    }

    /// Builds the centroids with `idf` (from the corpus statistics, so that
    /// untagged speeches count too). Deterministic: tags are ordered by name.
    pub fn train(&self, idf: &dyn Fn(TermId) -> f32) -> TagClassifier {
        // Tag names are matched case-insensitively; the canonical key is the
        // lower-cased name and the display form is the smallest spelling, so
        // the result does not depend on hash-map iteration order.
        let mut by_tag: BTreeMap<String, TagSum> = BTreeMap::new();
        let mut background: HashMap<TermId, f32> = HashMap::new();
        let mut docs: Vec<(&String, &Example)> = self.examples.iter().collect();
        docs.sort_by(|a, b| a.0.cmp(b.0));
        for (_, example) in &docs {
            let vector = weighted_unit_vector(&example.terms, idf);
            for &(term, w) in &vector {
                *background.entry(term).or_insert(0.0) += w;
            }
            let share = 1.0 / example.tags.len() as f32;
            for tag in &example.tags {
                let entry = by_tag.entry(tag.to_lowercase()).or_insert_with(|| TagSum::new(tag));
                if tag < &entry.name {
                    entry.name = tag.clone();
                }
                entry.support += 1;
                for &(term, w) in &vector {
                    *entry.sum.entry(term).or_insert(0.0) += w * share;
                }
            }
        }
        let taught = docs.len().max(1) as f32;
        let mut classifier = TagClassifier::default();
        for (_, tag) in by_tag {
            let support = tag.support.max(1) as f32;
            let mut centroid: Vec<(TermId, f32)> = tag
                .sum
                .into_iter()
                .map(|(term, w)| {
                    (term, w / support - BACKGROUND * background.get(&term).copied().unwrap_or(0.0) / taught)
                })
                .filter(|(_, w)| *w > 0.0)
                .collect();
            let norm = centroid.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm <= 0.0 {
                continue;
            }
            centroid.sort_unstable_by_key(|(term, _)| *term);
            let index = classifier.tags.len() as u32;
            for (term, w) in centroid {
                classifier.postings.entry(term).or_default().push((index, w / norm));
            }
            classifier.tags.push(TagCentroid {
                prior: support.powf(PRIOR_EXPONENT),
                name: tag.name,
                support: tag.support,
            });
        }
        classifier
    }
}

struct TagSum {
    name: String,
    support: usize,
    sum: HashMap<TermId, f32>,
}

impl TagSum {
    fn new(name: &str) -> TagSum {
        TagSum { name: name.to_string(), support: 0, sum: HashMap::new() }
    }
}

impl TagClassifier {
    /// Number of tags the classifier can offer.
    pub fn tag_count(&self) -> usize {
        self.tags.len()
    }

    /// The tags most similar to a speech with these term counts, best first,
    /// at most `limit`, leaving out tags with no overlap at all. Ties are
    /// broken by support, then by name, so the order is stable.
    pub fn offer(&self, terms: &TermCounts, idf: &dyn Fn(TermId) -> f32, limit: usize) -> Vec<TagOffer> {
        let mut scores = vec![0.0f32; self.tags.len()];
        for (term, w) in weighted_unit_vector(terms, idf) {
            if let Some(postings) = self.postings.get(&term) {
                for &(tag, c) in postings {
                    if let Some(s) = scores.get_mut(tag as usize) {
                        *s += w * c;
                    }
                }
            }
        }
        let mut offers: Vec<TagOffer> = scores
            .into_iter()
            .zip(&self.tags)
            .filter(|(similarity, _)| *similarity > 0.0)
            .map(|(similarity, tag)| TagOffer {
                tag: tag.name.clone(),
                score: similarity.min(1.0) * tag.prior,
                similarity: similarity.min(1.0),
                support: tag.support,
            })
            .collect();
        offers.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.support.cmp(&a.support)).then(a.tag.cmp(&b.tag)));
        offers.truncate(limit);
        offers
    }
}

/// `(1 + ln tf) * idf`, scaled to unit length. Terms with no weight are dropped.
fn weighted_unit_vector(terms: &TermCounts, idf: &dyn Fn(TermId) -> f32) -> Vec<(TermId, f32)> {
    let mut vector = tfidf_weights(terms, idf);
    scale_to_unit(&mut vector);
    vector
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(TermId, u32)]) -> Vec<(TermId, u32)> {
        pairs.to_vec()
    }

    fn tags(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn untagged_speech_is_offered_the_tag_it_resembles() {
        // Terms 1-3 are "war" words, 4-6 "school" words, 7 occurs everywhere.
        let mut model = TagModel::new();
        model.teach("a.txt", &counts(&[(1, 3), (2, 1), (7, 5)]), &tags(&["#defence"]));
        model.teach("b.txt", &counts(&[(2, 2), (3, 2), (7, 4)]), &tags(&["defence"]));
        model.teach("c.txt", &counts(&[(4, 3), (5, 2), (7, 5)]), &tags(&["education"]));
        model.teach("d.txt", &counts(&[(5, 1), (6, 4), (7, 3)]), &tags(&["education", "youth"]));
        let idf = |t: TermId| if t == 7 { 0.1 } else { 2.0 };
        let classifier = model.train(&idf);
        assert_eq!(classifier.tag_count(), 3);

        let offers = classifier.offer(&counts(&[(3, 2), (1, 1), (7, 9)]), &idf, 3);
        assert_eq!(offers.first().map(|o| o.tag.as_str()), Some("defence"));
        assert_eq!(offers.first().map(|o| o.support), Some(2));

        let offers = classifier.offer(&counts(&[(6, 2), (7, 1)]), &idf, 3);
        let names: Vec<&str> = offers.iter().map(|o| o.tag.as_str()).collect();
        assert_eq!(names[..2], ["youth", "education"]);
        assert!(offers.windows(2).all(|w| w[0].score >= w[1].score));
    }

    /// The INDEX.md path end to end: entries with `#tags` teach, the untagged
    /// entries are offered tags, using the same text-to-terms code as the corpus.
    #[test]
    fn index_md_tags_teach_untagged_entries() {
        use crate::corpus::index::parse_index;
        use crate::corpus::themes::stats::{CorpusStats, doc_terms};
        use crate::corpus::themes::tokens::Vocabulary;

        let index = "## 2021\n\
            - 2021-03-01 [Police board](a.txt) #public-safety\n\
            - 2021-03-02 [Football cup](b.txt) #sport\n\
            - 2021-03-03 [Crime report](c.txt) #public-safety #Police\n\
            - 2021-03-04 [Olympic team](d.txt) #Sport\n\
            - 2021-03-05 [Interior Ministry](e.txt)\n\
            - 2021-03-06 [Hockey final](f.txt)\n";
        let texts = [
            ("a.txt", "The police fought crime and solved more crimes; police officers patrol the streets."),
            ("b.txt", "Our football team won the cup; the athletes and the coach trained at the stadium."),
            ("c.txt", "Crime fell as police investigators solved murders and theft cases."),
            ("d.txt", "The Olympic team, its athletes and coaches brought medals from the championship."),
            ("e.txt", "Police officers must prevent crime, investigate theft and protect the streets."),
            ("f.txt", "The hockey team and its coach won the championship final at the stadium; athletes cheered."),
        ];
        let vocabulary = Vocabulary::new();
        let docs: HashMap<&str, _> = texts.iter().map(|(name, text)| (*name, doc_terms(text, &vocabulary))).collect();
        let mut stats = CorpusStats::new();
        for name in texts.iter().map(|(name, _)| name) {
            stats.add_document(&docs[name]);
        }
        let idf = |t: TermId| stats.idf(&[t]) as f32;

        let parsed = parse_index(index);
        let mut model = TagModel::new();
        let mut untagged = Vec::new();
        for entry in &parsed.entries {
            let Some(link) = entry.links.first() else { continue };
            let tags: Vec<String> = entry.tags.iter().map(|t| t.name.clone()).collect();
            if tags.is_empty() {
                untagged.push(link.target.clone());
            } else {
                model.teach(&link.target, &docs[link.target.as_str()].terms, &tags);
            }
        }
        assert_eq!(untagged, ["e.txt", "f.txt"]);
        let classifier = model.train(&idf);
        let offered: Vec<String> = untagged
            .iter()
            .map(|name| {
                let offers = classifier.offer(&docs[name.as_str()].terms, &idf, 2);
                let tags: Vec<String> = offers.iter().map(|o| format!("#{} {:.2}", o.tag, o.similarity)).collect();
                format!("{name}: {}", tags.join(", "))
            })
            .collect();
        expect_test::expect![[r#"
            e.txt: #public-safety 0.53, #Police 0.37
            f.txt: #Sport 0.52"#]]
        .assert_eq(&offered.join("\n"));
    }

    #[test]
    fn forgetting_and_retagging_change_the_offers() {
        let mut model = TagModel::new();
        model.teach("a.txt", &counts(&[(1, 1)]), &tags(&["x"]));
        model.teach("b.txt", &counts(&[(2, 1)]), &tags(&["y"]));
        let idf = |_: TermId| 1.0;
        assert_eq!(model.train(&idf).offer(&counts(&[(1, 1)]), &idf, 1)[0].tag, "x");
        model.teach("a.txt", &counts(&[(1, 1)]), &tags(&["z"]));
        assert_eq!(model.train(&idf).offer(&counts(&[(1, 1)]), &idf, 1)[0].tag, "z");
        model.forget("a.txt");
        assert!(model.train(&idf).offer(&counts(&[(1, 1)]), &idf, 1).is_empty());
        model.teach("b.txt", &counts(&[(2, 1)]), &[]);
        assert!(model.is_empty());
    }
}
