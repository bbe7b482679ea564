//! Evaluation of tags learned from INDEX.md `#tags`, on the kremlin.ru editors'
//! topic tags of `kremlin-bulk`.
//!
//! Of the pages whose `labels.jsonl` entry has topics, those whose file name's
//! SHA-1 (the hex digest of the name, read as a number) is divisible by 5 are
//! hidden; the rest teach their topics through `TagModel::teach`, exactly as
//! tagged INDEX.md entries do, with document frequencies from every page of
//! the folder. Each hidden page is offered tags and scored hit@1 / hit@3: a
//! gold topic among the first one / three offers. The baseline offers every
//! page the most common taught tags.
//!
//! The classifier's settings (`tags::TagSettings`) are chosen on a
//! development figure that never looks at the hidden pages: the teaching
//! pages are cut into 5 folds by another hash (`dev_fold`), each fold is
//! offered tags by a model the other four taught, and hit@1 / hit@3 are pooled
//! over all folds (`TagData::dev`; `cargo run --release --example eval_tags --
//! /work/data --sweep` prints it for a grid of settings). The hidden split is
//! measured only with the settings so chosen. The table's note shows both.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::corpus::themes::stats::{CorpusStats, DocTerms, IdfTable, doc_terms};
use crate::corpus::themes::tags::{MIN_SIMILARITY, TagModel, TagSettings};
use crate::corpus::themes::tokens::{TermId, Vocabulary};
use crate::eval::EvalRow;

const TASK: &str = "tags";
const SET: &str = "kremlin-bulk topics";

#[derive(Deserialize)]
struct Label {
    file: String,
    #[serde(default)]
    topics: Vec<String>,
}

/// The measured figures, for callers that want numbers rather than rows.
#[derive(Debug, Clone, PartialEq)]
pub struct TagScores {
    pub taught: usize,
    pub hidden: usize,
    pub hit1: f64,
    pub hit3: f64,
    pub majority_hit1: f64,
    pub majority_hit3: f64,
    /// Time to build the centroids from all teaching pages, milliseconds.
    pub train_ms: f64,
    /// Mean time to offer tags to one page (scoring loop included), milliseconds.
    pub offer_ms: f64,
}

pub fn rows(data_dir: &Path) -> Vec<EvalRow> {
    let measured = TagData::load(&data_dir.join("kremlin-bulk")).and_then(|data| {
        let settings = TagSettings::default();
        Ok((data.test(&settings)?, data.dev(&settings)?))
    });
    match measured {
        Ok((s, dev)) => {
            let note = |dev_value: f64| {
                format!(
                    "{} hidden pages, {} teaching; train {:.0} ms, offer {:.2} ms/page; \
                     dev {dev_value:.3} ({}-fold cross-validation inside the teaching pages)",
                    s.hidden, s.taught, s.train_ms, s.offer_ms, DEV_FOLDS
                )
            };
            vec![
                row("hit@1", Some(s.hit1), Some(s.majority_hit1), "≥ 0.80", &note(dev.hit1)),
                row("hit@3", Some(s.hit3), Some(s.majority_hit3), "≥ 0.95", &note(dev.hit3)),
            ]
        }
        Err(why) => vec![row("hit@1", None, None, "≥ 0.80", &why), row("hit@3", None, None, "≥ 0.95", &why)],
    }
}

fn row(metric: &str, value: Option<f64>, majority: Option<f64>, target: &str, note: &str) -> EvalRow {
    EvalRow {
        task: TASK.into(),
        set: SET.into(),
        metric: metric.into(),
        value,
        baseline: majority.map(|v| ("majority tag".to_string(), v)),
        target: Some(target.into()),
        note: note.into(),
    }
}

/// True when the page is hidden: SHA-1 of its file name, as a number, is divisible by 5.
pub fn is_hidden(file_name: &str) -> bool {
    let digest = sha1_smol::Sha1::from(file_name).digest().to_string();
    let remainder = digest.chars().filter_map(|c| c.to_digit(16)).fold(0u32, |r, d| (r * 16 + d) % 5);
    remainder == 0
}

/// The development fold (0-4) of a teaching page: the SHA-1 of the name with
/// a prefix, so the folds do not depend on the hidden split's remainder.
pub fn dev_fold(file_name: &str) -> u32 {
    let digest = sha1_smol::Sha1::from(format!("dev-fold/{file_name}")).digest().to_string();
    digest.chars().filter_map(|c| c.to_digit(16)).fold(0u32, |r, d| (r * 16 + d) % DEV_FOLDS)
}

/// Number of cross-validation folds of the development evaluation.
pub const DEV_FOLDS: u32 = 5;

/// The tagged pages of a kremlin-bulk folder, counted once, with document
/// frequencies from every page of the folder.
pub struct TagData {
    /// (file name, term counts, gold topics), sorted by name.
    pages: Vec<(String, DocTerms, Vec<String>)>,
    idf: IdfTable,
}

impl TagData {
    /// Reads `labels.jsonl` and counts the terms of every page of `dir`.
    pub fn load(dir: &Path) -> Result<TagData, String> {
        let labels_path = dir.join("labels.jsonl");
        let labels_text = std::fs::read_to_string(&labels_path)
            .map_err(|e| format!("{} not readable ({e}): unpack ../shared first", labels_path.display()))?;
        let mut topics: HashMap<String, Vec<String>> = labels_text
            .lines()
            .filter_map(|line| serde_json::from_str::<Label>(line).ok())
            .filter(|label| !label.topics.is_empty())
            .map(|label| (label.file, label.topics))
            .collect();

        // Every page counts for document frequencies, tagged or not, as every
        // transcript of a corpus does in the language server.
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| format!("{} not readable: {e}", dir.display()))?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".txt"))
            .collect();
        files.sort();
        eprintln!("tags: indexing {} pages of {}", files.len(), dir.display());
        let vocabulary = Vocabulary::new();
        let docs: Vec<(String, DocTerms)> = files
            .into_par_iter()
            .filter_map(|name| {
                let bytes = std::fs::read(dir.join(&name)).ok()?;
                let terms = doc_terms(&String::from_utf8_lossy(&bytes), &vocabulary);
                Some((name, terms))
            })
            .collect();
        let mut stats = CorpusStats::new();
        for (_, doc) in &docs {
            stats.add_document(doc);
        }
        let pages: Vec<(String, DocTerms, Vec<String>)> = docs
            .into_iter()
            .filter_map(|(name, doc)| {
                let gold = topics.remove(&name)?;
                Some((name, doc, gold))
            })
            .collect();
        if pages.is_empty() {
            return Err(format!("no tagged pages found in {}", dir.display()));
        }
        Ok(TagData { pages, idf: stats.idf_table() })
    }

    /// The pages that teach in the split: name, term counts, topics.
    pub fn teaching_pages(&self) -> impl Iterator<Item = (&str, &[(TermId, u32)], &[String])> {
        self.pages
            .iter()
            .filter(|(name, _, _)| !is_hidden(name))
            .map(|(name, doc, gold)| (name.as_str(), doc.terms.as_slice(), gold.as_slice()))
    }

    /// Inverse document frequency over every page of the folder.
    pub fn idf(&self, term: TermId) -> f32 {
        self.idf.get(term)
    }

    /// The split: the hidden pages are offered tags, the rest teach.
    pub fn test(&self, settings: &TagSettings) -> Result<TagScores, String> {
        self.split(settings, |name| if is_hidden(name) { Role::Offered } else { Role::Teaches })
    }

    /// The development figure, from the teaching pages only (the hidden pages
    /// neither teach nor count): each of [`DEV_FOLDS`] folds is offered tags
    /// in turn by a model the other folds taught; the figures are pooled.
    pub fn dev(&self, settings: &TagSettings) -> Result<TagScores, String> {
        let mut total: Option<TagScores> = None;
        let mut train_ms = 0.0;
        for fold in 0..DEV_FOLDS {
            let scores = self.split(settings, |name| {
                if is_hidden(name) {
                    Role::Ignored
                } else if dev_fold(name) == fold {
                    Role::Offered
                } else {
                    Role::Teaches
                }
            })?;
            train_ms += scores.train_ms / DEV_FOLDS as f64;
            total = Some(match total {
                None => scores,
                Some(t) => t.pooled(&scores),
            });
        }
        total.map(|t| TagScores { train_ms, ..t }).ok_or_else(|| "no folds".to_string())
    }

    fn split(&self, settings: &TagSettings, role: impl Fn(&str) -> Role) -> Result<TagScores, String> {
        let idf = |term: TermId| self.idf.get(term);
        let mut model = TagModel::new();
        let mut offered: Vec<(&DocTerms, &Vec<String>)> = Vec::new();
        let mut tag_counts: HashMap<&str, usize> = HashMap::new();
        for (name, doc, gold) in &self.pages {
            match role(name) {
                Role::Offered => offered.push((doc, gold)),
                Role::Teaches => {
                    model.teach(name, &doc.terms, gold);
                    for tag in gold {
                        *tag_counts.entry(tag.as_str()).or_insert(0) += 1;
                    }
                }
                Role::Ignored => {}
            }
        }
        if offered.is_empty() || model.is_empty() {
            return Err("no pages to offer tags to, or none to teach".to_string());
        }
        let started = std::time::Instant::now();
        let classifier = model.train_with(&idf, settings);
        let train_ms = started.elapsed().as_secs_f64() * 1000.0;

        let mut majority: Vec<(&str, usize)> = tag_counts.into_iter().collect();
        majority.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let majority: Vec<&str> = majority.into_iter().take(3).map(|(tag, _)| tag).collect();

        let (mut hit1, mut hit3, mut base1, mut base3) = (0usize, 0usize, 0usize, 0usize);
        let started = std::time::Instant::now();
        for (doc, gold) in &offered {
            // Filtered as the language server filters what it offers.
            let mut offers = classifier.offer(&doc.terms, &idf, 3);
            offers.retain(|o| o.similarity >= MIN_SIMILARITY);
            let is_gold = |tag: &str| gold.iter().any(|g| g.eq_ignore_ascii_case(tag));
            hit1 += offers.first().is_some_and(|o| is_gold(&o.tag)) as usize;
            hit3 += offers.iter().any(|o| is_gold(&o.tag)) as usize;
            base1 += majority.first().is_some_and(|t| is_gold(t)) as usize;
            base3 += majority.iter().any(|t| is_gold(t)) as usize;
        }
        let n = offered.len() as f64;
        let offer_ms = started.elapsed().as_secs_f64() * 1000.0 / n;
        Ok(TagScores {
            train_ms,
            offer_ms,
            taught: model.len(),
            hidden: offered.len(),
            hit1: hit1 as f64 / n,
            hit3: hit3 as f64 / n,
            majority_hit1: base1 as f64 / n,
            majority_hit3: base3 as f64 / n,
        })
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Teaches,
    Offered,
    Ignored,
}

impl TagScores {
    /// Figures over the offered pages of both runs together (the offer time
    /// per page too; `train_ms` is left to the caller).
    fn pooled(&self, other: &TagScores) -> TagScores {
        let (a, b) = (self.hidden as f64, other.hidden as f64);
        let mean = |x: f64, y: f64| (x * a + y * b) / (a + b);
        TagScores {
            taught: self.taught.max(other.taught),
            hidden: self.hidden + other.hidden,
            hit1: mean(self.hit1, other.hit1),
            hit3: mean(self.hit3, other.hit3),
            majority_hit1: mean(self.majority_hit1, other.majority_hit1),
            majority_hit3: mean(self.majority_hit3, other.majority_hit3),
            train_ms: self.train_ms,
            offer_ms: mean(self.offer_ms, other.offer_ms),
        }
    }
}

/// Runs the split on a kremlin-bulk folder with the default settings.
pub fn measure(dir: &Path) -> Result<TagScores, String> {
    TagData::load(dir)?.test(&TagSettings::default())
}
