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
//! The classifier's two constants (`tags::BACKGROUND`, `tags::PRIOR_EXPONENT`)
//! were chosen without looking at the hidden pages: the teaching pages whose
//! SHA-1 leaves remainder 1 were held out as a validation set, the rest
//! taught, and the best sum of validation hit@1 and hit@3 was kept.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::corpus::themes::stats::{CorpusStats, DocTerms, doc_terms};
use crate::corpus::themes::tags::TagModel;
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
    match measure(&data_dir.join("kremlin-bulk")) {
        Ok(s) => {
            let note = format!(
                "{} hidden pages, {} teaching; train {:.0} ms, offer {:.2} ms/page",
                s.hidden, s.taught, s.train_ms, s.offer_ms
            );
            vec![
                row("hit@1", Some(s.hit1), Some(s.majority_hit1), "≥ 0.80", &note),
                row("hit@3", Some(s.hit3), Some(s.majority_hit3), "≥ 0.95", &note),
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

/// Runs the split on a kremlin-bulk folder.
pub fn measure(dir: &Path) -> Result<TagScores, String> {
    let labels_path = dir.join("labels.jsonl");
    let labels_text = std::fs::read_to_string(&labels_path)
        .map_err(|e| format!("{} not readable ({e}): unpack ../shared first", labels_path.display()))?;
    let topics: HashMap<String, Vec<String>> = labels_text
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
    let idf = |term: TermId| stats.idf(&[term]) as f32;

    let mut model = TagModel::new();
    let mut hidden: Vec<(&DocTerms, &Vec<String>)> = Vec::new();
    let mut tag_counts: HashMap<&str, usize> = HashMap::new();
    for (name, doc) in &docs {
        let Some(gold) = topics.get(name) else { continue };
        if is_hidden(name) {
            hidden.push((doc, gold));
        } else {
            model.teach(name, &doc.terms, gold);
            for tag in gold {
                *tag_counts.entry(tag.as_str()).or_insert(0) += 1;
            }
        }
    }
    if hidden.is_empty() || model.is_empty() {
        return Err(format!("no tagged pages found in {}", dir.display()));
    }
    let started = std::time::Instant::now();
    let classifier = model.train(&idf);
    let train_ms = started.elapsed().as_secs_f64() * 1000.0;

    let mut majority: Vec<(&str, usize)> = tag_counts.into_iter().collect();
    majority.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let majority: Vec<&str> = majority.into_iter().take(3).map(|(tag, _)| tag).collect();

    let (mut hit1, mut hit3, mut base1, mut base3) = (0usize, 0usize, 0usize, 0usize);
    let started = std::time::Instant::now();
    for (doc, gold) in &hidden {
        let offers = classifier.offer(&doc.terms, &idf, 3);
        let is_gold = |tag: &str| gold.iter().any(|g| g.eq_ignore_ascii_case(tag));
        hit1 += offers.first().is_some_and(|o| is_gold(&o.tag)) as usize;
        hit3 += offers.iter().any(|o| is_gold(&o.tag)) as usize;
        base1 += majority.first().is_some_and(|t| is_gold(t)) as usize;
        base3 += majority.iter().any(|t| is_gold(t)) as usize;
    }
    let n = hidden.len() as f64;
    let offer_ms = started.elapsed().as_secs_f64() * 1000.0 / n;
    Ok(TagScores {
        train_ms,
        offer_ms,
        taught: model.len(),
        hidden: hidden.len(),
        hit1: hit1 as f64 / n,
        hit3: hit3 as f64 / n,
        majority_hit1: base1 as f64 / n,
        majority_hit3: base3 as f64 / n,
    })
}
