//! Evaluation of key terms: F1@10 on the Inspec test split (Hulth 2003) and on
//! 500N-KPCrowd, exact match after stemming every word, macro-averaged over
//! documents, as in `../shared/eval/README.md`.
//!
//! Document frequencies come from each set's own documents (one
//! `CorpusStats` per set), like the TF-IDF anchor. Besides the fused key-term
//! score, a plain TF-IDF over the same candidates is measured as a baseline.

use std::path::{Path, PathBuf};

use crate::corpus::text::Span;
use crate::corpus::themes::keyterms::{KeyTermConfig, doc_terms, key_terms_with};
use crate::corpus::themes::stats::CorpusStats;
use crate::corpus::themes::tokens::{Vocabulary, word_spans};
use crate::eval::EvalRow;

/// One evaluation set: documents with their gold key phrases.
pub struct KeyphraseSet {
    pub name: &'static str,
    pub docs: Vec<(String, Vec<String>)>,
}

/// Precision, recall and F1 at k, macro-averaged.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

pub fn rows(data_dir: &Path) -> Vec<EvalRow> {
    let mut rows = Vec::new();
    for (loaded, target) in
        [(load_inspec(data_dir), "≥ 0.190 (YAKE)"), (load_kpcrowd(data_dir), "≥ 0.080 (YAKE), aim 0.174")]
    {
        let row = match loaded {
            Ok(set) => {
                eprintln!("key terms: {} ({} documents)", set.name, set.docs.len());
                let fused = evaluate(&set, &KeyTermConfig::default(), 10);
                let plain = evaluate(&set, &KeyTermConfig { fused: false, ..KeyTermConfig::default() }, 10);
                EvalRow {
                    task: "key terms".into(),
                    set: set.name.into(),
                    metric: "F1@10".into(),
                    value: Some(fused.f1),
                    baseline: Some(("TF-IDF 1-3-grams".into(), plain.f1)),
                    target: Some(target.into()),
                    note: format!(
                        "{} docs; P {:.3} R {:.3}; baseline P {:.3} R {:.3}",
                        set.docs.len(),
                        fused.precision,
                        fused.recall,
                        plain.precision,
                        plain.recall
                    ),
                }
            }
            Err((name, why)) => EvalRow {
                task: "key terms".into(),
                set: name.into(),
                metric: "F1@10".into(),
                value: None,
                baseline: None,
                target: Some(target.into()),
                note: why,
            },
        };
        rows.push(row);
    }
    rows
}

/// Scores the top `k` key terms of every document against its gold phrases.
pub fn evaluate(set: &KeyphraseSet, config: &KeyTermConfig, k: usize) -> Scores {
    let vocab = Vocabulary::new();
    let mut stats = CorpusStats::new();
    for (text, _) in &set.docs {
        stats.add_document(&doc_terms(text, &vocab));
    }
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut total = Scores::default();
    for (text, gold) in &set.docs {
        let mut gold: Vec<String> = gold.iter().map(|g| normalise(g, &stemmer)).filter(|g| !g.is_empty()).collect();
        gold.sort();
        gold.dedup();
        let mut predicted: Vec<String> = Vec::new();
        for term in key_terms_with(text, &[Span::new(0, text.len())], &vocab, &stats, k, config) {
            let norm = normalise(&term.text, &stemmer);
            if !predicted.contains(&norm) {
                predicted.push(norm);
            }
        }
        let hits = predicted.iter().filter(|p| gold.binary_search(p).is_ok()).count() as f64;
        let p = if predicted.is_empty() { 0.0 } else { hits / predicted.len() as f64 };
        let r = if gold.is_empty() { 0.0 } else { hits / gold.len() as f64 };
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        total.precision += p;
        total.recall += r;
        total.f1 += f1;
    }
    let n = set.docs.len().max(1) as f64;
    Scores { precision: total.precision / n, recall: total.recall / n, f1: total.f1 / n }
}

/// Lower-cases a phrase and stems every word, stop words included, so that
/// gold and predicted phrases compare word by word. Hyphens inside words are
/// dropped on both sides because KPCrowd's gold writes "outofwork" for
/// "out-of-work" while Inspec keeps them.
fn normalise(phrase: &str, stemmer: &rust_stemmers::Stemmer) -> String {
    let lower = phrase.to_lowercase().replace('’', "'").replace(['-', '‑'], "");
    word_spans(&lower)
        .map(|s| {
            let stem = stemmer.stem(s.slice(&lower));
            stem.trim_end_matches("'s").trim_end_matches('\'').to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

type LoadResult = Result<KeyphraseSet, (&'static str, String)>;

/// Inspec test: `N.abstr` with gold `N.uncontr` (`;`-separated).
pub fn load_inspec(data_dir: &Path) -> LoadResult {
    let name = "inspec test";
    let dir = data_dir.join("eval/inspec/test");
    let docs = read_pairs(&dir, "abstr", |stem| dir.join(format!("{stem}.uncontr")), |g| split_gold(g, ';'))
        .map_err(|e| (name, e))?;
    Ok(KeyphraseSet { name, docs })
}

/// 500N-KPCrowd: `docsutf8/N.txt` with gold `keys/N.key` (one per line).
pub fn load_kpcrowd(data_dir: &Path) -> LoadResult {
    let name = "500N-KPCrowd";
    let root = data_dir.join("eval/kpcrowd");
    let keys = root.join("keys");
    let docs =
        read_pairs(&root.join("docsutf8"), "txt", |stem| keys.join(format!("{stem}.key")), |g| split_gold(g, '\n'))
            .map_err(|e| (name, e))?;
    Ok(KeyphraseSet { name, docs })
}

fn split_gold(gold: &str, separator: char) -> Vec<String> {
    gold.split(separator)
        .map(|g| g.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|g| !g.is_empty())
        .collect()
}

fn read_pairs(
    dir: &Path,
    ext: &str,
    gold_path: impl Fn(&str) -> PathBuf,
    parse_gold: impl Fn(&str) -> Vec<String>,
) -> Result<Vec<(String, Vec<String>)>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{} not readable: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == ext)).collect();
    paths.sort();
    let mut docs = Vec::new();
    for path in paths {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        let (Ok(text), Ok(gold)) = (std::fs::read(&path), std::fs::read(gold_path(stem))) else { continue };
        docs.push((String::from_utf8_lossy(&text).into_owned(), parse_gold(&String::from_utf8_lossy(&gold))));
    }
    if docs.is_empty() {
        return Err(format!("no documents with gold in {}", dir.display()));
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::themes::keyterms::key_terms;

    const SEED: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_dfd047e8c9417aac.txt"));

    /// The seed's key terms, contrasted with real Kremlin transcripts, name
    /// its themes. Lives here because reading a corpus is not the core's job.
    #[test]
    fn seed_key_terms_against_kremlin_dev() {
        let dir = [concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/kremlin-dev"), "/work/data/kremlin-dev"]
            .into_iter()
            .map(std::path::Path::new)
            .find(|p| p.is_dir());
        let Some(dir) = dir else {
            eprintln!("skipped: kremlin-dev not found in ../shared/corpus or /work/data");
            return;
        };
        let vocab = Vocabulary::new();
        let mut stats = CorpusStats::new();
        let mut paths: Vec<_> = std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths.iter().take(100) {
            if let Ok(text) = std::fs::read_to_string(path) {
                stats.add_document(&doc_terms(&text, &vocab));
            }
        }
        stats.add_document(&doc_terms(SEED, &vocab));
        let terms = key_terms(SEED, &[Span::new(0, SEED.len())], &vocab, &stats, 10);
        let texts: Vec<&str> = terms.iter().map(|t| t.text.as_str()).collect();
        assert!(texts.iter().any(|t| t.contains("cybercrime")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("crime")), "{texts:?}");
        // Greetings and the header's boilerplate are not themes.
        assert!(!texts.iter().any(|t| ["kremlin", "president", "comrades"].contains(t)), "{texts:?}");
    }

    #[test]
    fn scores_count_stemmed_matches_per_document() {
        let set = KeyphraseSet {
            name: "tiny",
            docs: vec![
                (
                    "Cybercrime rises. Cybercrimes hurt children.\n\nPolice fight cybercrime.".into(),
                    vec!["cybercrimes".into()],
                ),
                ("Budget talks.\n\nThe budget passed.".into(), vec!["tax".into(), "spending".into()]),
            ],
        };
        let scores = evaluate(&set, &KeyTermConfig::default(), 1);
        // One document right at 1 (P 1, R 1), one wrong: macro F1 0.5.
        assert_eq!((scores.precision, scores.recall, scores.f1), (0.5, 0.5, 0.5));
    }

    #[test]
    fn gold_and_predictions_compare_by_word_stems() {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        assert_eq!(normalise("Out-of-print  Materials", &stemmer), normalise("out-of-print material", &stemmer));
        assert_eq!(normalise("Anton’s", &stemmer), normalise("anton", &stemmer));
        assert_eq!(normalise("out-of-work", &stemmer), normalise("outofwork", &stemmer));
        assert_ne!(normalise("quality of service", &stemmer), normalise("quality service", &stemmer));
    }
}
