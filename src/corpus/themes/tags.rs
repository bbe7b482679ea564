//! Tags learned from the user's INDEX.md `#tags`: speeches that carry tags
//! teach them, and untagged speeches are offered the tags they most resemble.
//!
//! The model is a TF-IDF nearest-centroid classifier (Rocchio) blended with
//! a vote of the nearest taught speeches. Each taught speech becomes a
//! unit-length vector of sublinear term frequencies weighted by idf squared
//! ([`IDF_POWER`]: the rare words that tell topics apart count more); a
//! tag's centroid is the mean of its speeches' vectors (a speech with k tags
//! gives each 1/k of its weight), less a share [`BACKGROUND`] of the mean of
//! all taught speeches, so that words every speech uses do not pull towards
//! the big tags, cut to its [`CENTROID_TERMS`] heaviest terms. An untagged
//! speech scores each tag by its cosine similarity to the centroid times a
//! mild prior, `support ^` [`PRIOR_EXPONENT`] (a common tag is likelier a
//! priori), blended with a share [`NEIGHBOUR_SHARE`] of a vote: the
//! [`NEIGHBOURS`] most similar taught speeches (compared on their
//! [`NEIGHBOUR_TERMS`] heaviest terms) each give their tags their share of
//! the summed similarity. Centroids capture what a topic usually sounds like,
//! the vote the topics of speeches much like this one (the same visit, the
//! same yearly meeting). The settings were chosen by cross-validation inside
//! the teaching pages, never on the evaluated pages; see `src/eval/tags.rs`.
//! It is cheap and incremental: teaching or forgetting one speech only changes
//! the stored examples, and [`TagModel::train`] rebuilds the classifier in
//! milliseconds for thousands of speeches.
//!
//! Everything here takes plain data (a document id, term counts, tag names),
//! so INDEX.md and the evaluation share one code path.

use std::collections::{BTreeMap, HashMap};

use super::stats::{scale_to_unit, tfidf_weights};
use super::tokens::{FastHashMap, TermId};

/// How much of the mean of all taught speeches is taken off each centroid.
pub const BACKGROUND: f32 = 0.3;
/// Exponent of the tag-frequency prior in the ranking score.
pub const PRIOR_EXPONENT: f32 = 0.08;
/// Exponent of idf in the term weights: 2 lets the rare, telling words of a
/// topic outweigh the words every political speech uses.
pub const IDF_POWER: f32 = 2.0;
/// Terms kept per centroid, heaviest first: the rest are mostly noise of the
/// big tags (a tag of 1,000 speeches has tens of thousands of terms).
pub const CENTROID_TERMS: usize = 300;
/// Share of the nearest taught speeches' vote in the ranking score.
pub const NEIGHBOUR_SHARE: f32 = 0.3;
/// How many of the most similar taught speeches vote.
pub const NEIGHBOURS: usize = 10;
/// Terms of each taught speech kept for the vote, heaviest first: bounds the
/// memory and the time of a vote on a large tagged corpus.
pub const NEIGHBOUR_TERMS: usize = 100;

/// Below this cosine similarity to a tag's centroid a speech hardly
/// resembles the tag's speeches and the tag is not offered (the INDEX.md path
/// and the evaluation both filter with it). Idf squared makes cosines small:
/// on the development folds, 0.01 drops no right tag, 0.02 some.
pub const MIN_SIMILARITY: f32 = 0.01;

/// The classifier's knobs, one field per constant above.
/// [`TagSettings::default`] is what INDEX.md `#tags` use; the evaluation
/// varies them on its development folds only.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TagSettings {
    pub background: f32,
    pub prior_exponent: f32,
    pub idf_power: f32,
    pub centroid_terms: usize,
    /// 0 turns the vote off (centroids only).
    pub neighbour_share: f32,
    pub neighbours: usize,
    pub neighbour_terms: usize,
}

impl Default for TagSettings {
    fn default() -> TagSettings {
        TagSettings {
            background: BACKGROUND,
            prior_exponent: PRIOR_EXPONENT,
            idf_power: IDF_POWER,
            centroid_terms: CENTROID_TERMS,
            neighbour_share: NEIGHBOUR_SHARE,
            neighbours: NEIGHBOURS,
            neighbour_terms: NEIGHBOUR_TERMS,
        }
    }
}

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
    /// The ranking score: `cosine × support ^ PRIOR_EXPONENT`, blended
    /// with the nearest speeches' vote when that is enabled.
    pub score: f32,
    /// Cosine similarity to the tag's centroid, in `[0, 1]`; below
    /// [`MIN_SIMILARITY`] the speech hardly resembles the tag's speeches.
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
    postings: FastHashMap<TermId, Vec<(u32, f32)>>,
    settings: TagSettings,
    /// Taught speech (by index) -> its tags (indexes into `tags`), for the vote.
    example_tags: Vec<Box<[u32]>>,
    /// term -> (taught speech index, weight), over each speech's heaviest terms.
    example_postings: FastHashMap<TermId, Vec<(u32, f32)>>,
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
        let clean = clean_tags(tags);
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
    /// untagged speeches count too) and the default settings.
    pub fn train(&self, idf: &dyn Fn(TermId) -> f32) -> TagClassifier {
        self.train_with(idf, &TagSettings::default())
    }

    /// [`TagModel::train`] with other settings. Deterministic: tags are
    /// ordered by name, taught speeches by document id.
    pub fn train_with(&self, idf: &dyn Fn(TermId) -> f32, settings: &TagSettings) -> TagClassifier {
        let mut docs: Vec<(&str, &Example)> = self.examples.iter().map(|(doc, e)| (doc.as_str(), e)).collect();
        docs.sort_by(|a, b| a.0.cmp(b.0));
        let docs: Vec<(&TermCounts, &[String])> = docs.iter().map(|(_, e)| (&e.terms[..], &e.tags[..])).collect();
        train_sorted(&docs, idf, settings)
    }
}

/// [`TagModel::train`] straight from borrowed speeches, without copying
/// their counts into a model first (what a corpus's context does, whose
/// counts are kept elsewhere): `(doc, term counts, tags)`, each doc at most
/// once, any order; tags as [`TagModel::teach`] takes them. The same
/// classifier as teaching a model these speeches and training it.
pub fn train_speeches<'a>(
    speeches: impl IntoIterator<Item = (&'a str, &'a TermCounts, &'a [String])>,
    idf: &dyn Fn(TermId) -> f32,
) -> TagClassifier {
    let mut docs: Vec<(&str, &TermCounts, Vec<String>)> = speeches
        .into_iter()
        .map(|(doc, terms, tags)| (doc, terms, clean_tags(tags)))
        .filter(|(_, terms, tags)| !tags.is_empty() && !terms.is_empty())
        .collect();
    docs.sort_by(|a, b| a.0.cmp(b.0));
    let docs: Vec<(&TermCounts, &[String])> = docs.iter().map(|(_, terms, tags)| (*terms, &tags[..])).collect();
    train_sorted(&docs, idf, &TagSettings::default())
}

/// Tags without a leading `#` or surrounding blanks, each once
/// (case-insensitively; the first spelling is kept), empty ones dropped.
fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.trim().trim_start_matches('#');
        if !tag.is_empty() && !clean.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
            clean.push(tag.to_string());
        }
    }
    clean
}

/// Trains on the taught speeches' counts and clean tags, in document order.
fn train_sorted(
    docs: &[(&TermCounts, &[String])],
    idf: &dyn Fn(TermId) -> f32,
    settings: &TagSettings,
) -> TagClassifier {
    // Tag names are matched case-insensitively; the canonical key is the
    // lower-cased name and the display form is the smallest spelling, so
    // the result does not depend on hash-map iteration order.
    let mut by_tag: BTreeMap<String, TagSum> = BTreeMap::new();
    let mut background: FastHashMap<TermId, f32> = FastHashMap::default();
    let voting = settings.neighbour_share > 0.0 && settings.neighbours > 0;
    let mut vectors: Vec<Vec<(TermId, f32)>> = Vec::with_capacity(if voting { docs.len() } else { 0 });
    for &(terms, tags) in docs {
        let vector = weighted_unit_vector(terms, idf, settings.idf_power);
        for &(term, w) in &vector {
            *background.entry(term).or_insert(0.0) += w;
        }
        let share = 1.0 / tags.len() as f32;
        for tag in tags {
            let entry = by_tag.entry(tag.to_lowercase()).or_insert_with(|| TagSum::new(tag));
            if *tag < entry.name {
                entry.name = tag.clone();
            }
            entry.support += 1;
            for &(term, w) in &vector {
                *entry.sum.entry(term).or_insert(0.0) += w * share;
            }
        }
        if voting {
            vectors.push(vector);
        }
    }
    let taught = docs.len().max(1) as f32;
    let mut classifier = TagClassifier { settings: *settings, ..TagClassifier::default() };
    let mut index_of: HashMap<String, u32> = HashMap::new();
    for (key, tag) in by_tag {
        let support = tag.support.max(1) as f32;
        let mut centroid: Vec<(TermId, f32)> = tag
            .sum
            .into_iter()
            .map(|(term, w)| {
                let common = background.get(&term).copied().unwrap_or(0.0) / taught;
                (term, w / support - settings.background * common)
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        keep_heaviest(&mut centroid, settings.centroid_terms);
        let norm = centroid.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm <= 0.0 {
            continue;
        }
        centroid.sort_unstable_by_key(|(term, _)| *term);
        let index = classifier.tags.len() as u32;
        for (term, w) in centroid {
            classifier.postings.entry(term).or_default().push((index, w / norm));
        }
        index_of.insert(key, index);
        classifier.tags.push(TagCentroid {
            prior: support.powf(settings.prior_exponent),
            name: tag.name,
            support: tag.support,
        });
    }
    for ((_, tags), mut vector) in docs.iter().zip(vectors) {
        let tags: Box<[u32]> = tags.iter().filter_map(|t| index_of.get(&t.to_lowercase()).copied()).collect();
        if tags.is_empty() {
            continue;
        }
        let id = classifier.example_tags.len() as u32;
        keep_heaviest(&mut vector, settings.neighbour_terms);
        for (term, w) in vector {
            classifier.example_postings.entry(term).or_default().push((id, w));
        }
        classifier.example_tags.push(tags);
    }
    classifier
}

/// Keeps the `limit` heaviest weights (ties by stem, so that the result
/// depends neither on input order nor on term ids).
fn keep_heaviest(vector: &mut Vec<(TermId, f32)>, limit: usize) {
    if vector.len() > limit {
        crate::corpus::themes::ties::heaviest_first(vector, Some(limit), |a: f32, b: f32| b.total_cmp(&a));
    }
}

struct TagSum {
    name: String,
    support: usize,
    sum: FastHashMap<TermId, f32>,
}

impl TagSum {
    fn new(name: &str) -> TagSum {
        TagSum { name: name.to_string(), support: 0, sum: FastHashMap::default() }
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
        let query = weighted_unit_vector(terms, idf, self.settings.idf_power);
        let mut similarities = vec![0.0f32; self.tags.len()];
        for (term, w) in &query {
            if let Some(postings) = self.postings.get(term) {
                for &(tag, c) in postings {
                    if let Some(s) = similarities.get_mut(tag as usize) {
                        *s += w * c;
                    }
                }
            }
        }
        let votes = self.neighbour_votes(&query);
        let share = self.settings.neighbour_share.clamp(0.0, 1.0);
        let mut offers: Vec<TagOffer> = similarities
            .into_iter()
            .zip(&self.tags)
            .enumerate()
            .map(|(i, (similarity, tag))| {
                let similarity = similarity.clamp(0.0, 1.0);
                let vote = votes.get(i).copied().unwrap_or(0.0);
                let score = (1.0 - share) * similarity * tag.prior + share * vote;
                (similarity, score, tag)
            })
            .filter(|(similarity, score, _)| *similarity > 0.0 || *score > 0.0)
            .map(|(similarity, score, tag)| TagOffer { tag: tag.name.clone(), score, similarity, support: tag.support })
            .collect();
        offers.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.support.cmp(&a.support)).then(a.tag.cmp(&b.tag)));
        offers.truncate(limit);
        offers
    }

    /// Each tag's share of the similarity of the `neighbours` taught speeches
    /// most similar to `query` (empty when voting is off): a tag every close
    /// speech carries gets 1.
    fn neighbour_votes(&self, query: &[(TermId, f32)]) -> Vec<f32> {
        let k = self.settings.neighbours;
        if self.example_tags.is_empty() || k == 0 || self.settings.neighbour_share <= 0.0 {
            return Vec::new();
        }
        let mut similarities = vec![0.0f32; self.example_tags.len()];
        for (term, w) in query {
            if let Some(postings) = self.example_postings.get(term) {
                for &(example, c) in postings {
                    if let Some(s) = similarities.get_mut(example as usize) {
                        *s += w * c;
                    }
                }
            }
        }
        let mut nearest: Vec<(u32, f32)> =
            similarities.into_iter().enumerate().filter(|(_, s)| *s > 0.0).map(|(i, s)| (i as u32, s)).collect();
        let closer = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if nearest.len() > k {
            nearest.select_nth_unstable_by(k - 1, closer);
            nearest.truncate(k);
        }
        let total: f32 = nearest.iter().map(|(_, s)| s).sum();
        let mut votes = vec![0.0f32; self.tags.len()];
        if total <= 0.0 {
            return votes;
        }
        for (example, s) in nearest {
            for &tag in self.example_tags.get(example as usize).map(|t| &t[..]).unwrap_or(&[]) {
                if let Some(v) = votes.get_mut(tag as usize) {
                    *v += s / total;
                }
            }
        }
        votes
    }
}

/// `(1 + ln tf) * idf`, scaled to unit length. Terms with no weight are dropped.
fn weighted_unit_vector(terms: &TermCounts, idf: &dyn Fn(TermId) -> f32, idf_power: f32) -> Vec<(TermId, f32)> {
    // `powf` per term would cost more than the rest of the weighting.
    let mut vector = if idf_power == 1.0 {
        tfidf_weights(terms, idf)
    } else if idf_power == 2.0 {
        tfidf_weights(terms, &|t| {
            let w = idf(t);
            w * w
        })
    } else {
        tfidf_weights(terms, &|t| idf(t).powf(idf_power))
    };
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
            e.txt: #public-safety 0.43, #Police 0.28
            f.txt: #Sport 0.38"#]]
        .assert_eq(&offered.join("\n"));
    }

    /// The vote: a speech much like one taught speech is offered its tags by
    /// its nearest neighbour; a speech sharing no term is offered nothing.
    #[test]
    fn nearest_taught_speeches_vote_for_their_tags() {
        let mut model = TagModel::new();
        // "summit" speeches share term 1 with the "economy" ones; the one
        // about a visit to city 9 is the only "regions" speech.
        model.teach("a.txt", &counts(&[(1, 2), (2, 3)]), &tags(&["economy"]));
        model.teach("b.txt", &counts(&[(1, 2), (3, 3)]), &tags(&["economy"]));
        model.teach("c.txt", &counts(&[(1, 2), (9, 2), (2, 1)]), &tags(&["regions"]));
        let idf = |_: TermId| 1.0;
        let vote_only = TagSettings { neighbour_share: 1.0, neighbours: 1, ..TagSettings::default() };
        let offers = model.train_with(&idf, &vote_only).offer(&counts(&[(1, 2), (9, 2)]), &idf, 2);
        assert_eq!(offers.first().map(|o| (o.tag.as_str(), o.score)), Some(("regions", 1.0)));
        let centroids_only = TagSettings { neighbour_share: 0.0, ..TagSettings::default() };
        let offers = model.train_with(&idf, &centroids_only).offer(&counts(&[(4, 1)]), &idf, 2);
        assert!(offers.is_empty(), "nothing shared, nothing offered: {offers:?}");
    }

    /// Training straight from borrowed speeches is training a taught model:
    /// the same tags cleaned the same way, the same offers.
    #[test]
    fn training_from_speeches_equals_teaching_a_model() {
        let a = counts(&[(1, 3), (2, 1), (7, 5)]);
        let b = counts(&[(2, 2), (3, 2), (7, 4)]);
        let c = counts(&[(4, 3), (5, 2), (7, 5)]);
        let none = counts(&[]);
        let speeches: [(&str, &TermCounts, Vec<String>); 5] = [
            ("c.txt", &c, tags(&["#Education", "education", " youth "])),
            ("a.txt", &a, tags(&["#defence"])),
            ("b.txt", &b, tags(&["Defence"])),
            ("d.txt", &c, tags(&["#", ""])),
            ("e.txt", &none, tags(&["defence"])),
        ];
        let mut model = TagModel::new();
        for (doc, terms, tags) in &speeches {
            model.teach(doc, terms, tags);
        }
        let idf = |t: TermId| if t == 7 { 0.1 } else { 1.0 + t as f32 / 4.0 };
        let taught = model.train(&idf);
        let direct = train_speeches(speeches.iter().map(|(doc, terms, tags)| (*doc, *terms, tags.as_slice())), &idf);
        assert_eq!(direct.tag_count(), 3);
        for query in [&a, &b, &c, &counts(&[(3, 1), (5, 1)])] {
            assert_eq!(direct.offer(query, &idf, 3), taught.offer(query, &idf, 3));
        }
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
