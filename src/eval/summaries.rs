//! Evaluation of extractive summaries: ROUGE-1 and ROUGE-2 F1 of the
//! two-sentence summary of each `kremlin-dev` transcript body against the
//! page's lead, which the site's editors wrote as a summary, beside the
//! baseline of the body's first two sentences.
//!
//! The body is everything after the lead (`Transcript::lead`), without
//! headings, separators, stage notes or turn labels (`prose_regions`); pages
//! without a lead are skipped. Document frequencies for the summariser come
//! from the same transcripts (no labels are involved). ROUGE here is the
//! plain definition: lower-cased word n-grams (no stemming, stop words kept),
//! clipped overlap counts, F1 of precision and recall, averaged over pages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::corpus::text::Span;
use crate::corpus::themes::sentences::sentences_in;
use crate::corpus::themes::stats::{CorpusStats, doc_terms};
use crate::corpus::themes::summary::{SummaryOptions, prose_regions, summarize};
use crate::corpus::themes::tokens::{Vocabulary, word_spans};
use crate::corpus::transcript::parse_transcript;
use crate::eval::EvalRow;

/// The ROUGE rows for `data_dir/kremlin-dev`.
pub fn rows(data_dir: &Path) -> Vec<EvalRow> {
    let dir = data_dir.join("kremlin-dev");
    let row = |metric: &str, value: Option<f64>, baseline: Option<f64>, note: String| EvalRow {
        task: "summaries".into(),
        set: "kremlin-dev".into(),
        metric: metric.into(),
        value,
        baseline: baseline.map(|b| ("first 2 sentences".to_string(), b)),
        target: Some("> baseline".into()),
        note,
    };
    match score(&dir) {
        Some(s) => {
            let note = format!("{} pages with a lead, 2 sentences ≤ 60 words vs the editors' lead", s.pages);
            vec![
                row("ROUGE-1 F1", Some(s.rouge1), Some(s.base1), note.clone()),
                row("ROUGE-2 F1", Some(s.rouge2), Some(s.base2), note),
            ]
        }
        None => vec![row("ROUGE-1 F1", None, None, format!("no transcripts found in {}", dir.display()))],
    }
}

/// ROUGE-n F1 of `candidate` against `reference` (lower-cased word n-grams).
pub fn rouge_n(candidate: &str, reference: &str, n: usize) -> f64 {
    let (c, r) = (ngrams(candidate, n), ngrams(reference, n));
    let (c_total, r_total): (usize, usize) = (c.values().sum(), r.values().sum());
    if c_total == 0 || r_total == 0 {
        return 0.0;
    }
    let overlap: usize = c.iter().map(|(g, k)| (*k).min(r.get(g).copied().unwrap_or(0))).sum();
    if overlap == 0 {
        return 0.0;
    }
    let precision = overlap as f64 / c_total as f64;
    let recall = overlap as f64 / r_total as f64;
    2.0 * precision * recall / (precision + recall)
}

fn ngrams(text: &str, n: usize) -> HashMap<Vec<String>, usize> {
    let words: Vec<String> = word_spans(text).map(|w| w.slice(text).to_lowercase()).collect();
    let mut out = HashMap::new();
    if n == 0 {
        return out;
    }
    for g in words.windows(n) {
        *out.entry(g.to_vec()).or_default() += 1;
    }
    out
}

struct Scores {
    pages: usize,
    rouge1: f64,
    rouge2: f64,
    base1: f64,
    base2: f64,
}

fn score(dir: &Path) -> Option<Scores> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> =
        files.iter().filter_map(|f| std::fs::read(f).ok()).map(|b| String::from_utf8_lossy(&b).into_owned()).collect();
    eprintln!("summaries: {} transcripts in {}", texts.len(), dir.display());
    let vocab = Vocabulary::new();
    let mut stats = CorpusStats::new();
    for text in &texts {
        stats.add_document(&doc_terms(text, &vocab));
    }
    let opts = SummaryOptions::default();
    let mut s = Scores { pages: 0, rouge1: 0.0, rouge2: 0.0, base1: 0.0, base2: 0.0 };
    for text in &texts {
        let transcript = parse_transcript(text);
        let Some(lead) = transcript.lead.clone() else { continue };
        let gold: Vec<&str> = transcript.paragraphs[lead.clone()].iter().map(|p| p.span.slice(text)).collect();
        let gold = gold.join("\n\n");
        let body = prose_regions(&transcript, lead.end..transcript.paragraphs.len());
        let first_two: Vec<Span> = body.iter().flat_map(|r| sentences_in(text, *r)).take(2).collect();
        if first_two.is_empty() {
            continue;
        }
        let summary = summarize(text, &body, &vocab, Some(&stats), &opts);
        let join = |spans: &[Span]| spans.iter().map(|s| s.slice(text)).collect::<Vec<_>>().join(" ");
        let (summary, baseline) = (join(&summary), join(&first_two));
        s.pages += 1;
        s.rouge1 += rouge_n(&summary, &gold, 1);
        s.rouge2 += rouge_n(&summary, &gold, 2);
        s.base1 += rouge_n(&baseline, &gold, 1);
        s.base2 += rouge_n(&baseline, &gold, 2);
    }
    if s.pages == 0 {
        return None;
    }
    let d = s.pages as f64;
    Some(Scores { pages: s.pages, rouge1: s.rouge1 / d, rouge2: s.rouge2 / d, base1: s.base1 / d, base2: s.base2 / d })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rouge_counts_clipped_overlaps() {
        assert_eq!(rouge_n("the cat sat", "the cat sat", 1), 1.0);
        assert_eq!(rouge_n("the cat sat", "dogs bark", 1), 0.0);
        // Candidate "the the the" vs reference "the cat": overlap clipped to 1,
        // precision 1/3, recall 1/2, F1 0.4.
        assert!((rouge_n("The the THE", "the cat", 1) - 0.4).abs() < 1e-9);
        // Bigrams: "a b", "b c" vs "a b", "b d": one of two on each side.
        assert!((rouge_n("a b c", "a b d", 2) - 0.5).abs() < 1e-9);
        assert_eq!(rouge_n("", "a b", 1), 0.0);
    }
}
