//! Evaluation of topical segmentation: Pk and WindowDiff on the Choi 3-11
//! set and the MIT physics lectures, each beside the "no boundaries"
//! baseline.
//!
//! Both sets use Choi's format: one sentence per line, a line starting with
//! `==========` between segments. Sentences are the units, the number of
//! segments is not given, and the segmenter runs with its documented
//! sentence preset (`SegmentOptions::sentences`). The scorer follows
//! `../shared/eval/reference_segeval.py` exactly (k is half the mean gold
//! segment length, rounded half to even like Python's `round`, at least 2;
//! documents under three sentences are skipped), so the figures agree with it.

use std::path::{Path, PathBuf};

use crate::corpus::themes::segment::{SegmentOptions, segment};
use crate::corpus::themes::tokens::{TermId, Vocabulary, word_spans};
use crate::eval::EvalRow;

/// The Pk and WindowDiff rows for every set found under `data_dir/eval`.
pub fn rows(data_dir: &Path) -> Vec<EvalRow> {
    let eval = data_dir.join("eval");
    let choi: Vec<PathBuf> =
        ["1", "2", "3"].iter().flat_map(|s| doc_files(&eval.join("choi").join(s).join("3-11"))).collect();
    let lectures = doc_files(&eval.join("lectures").join("physics"));
    let mut out = Vec::new();
    out.extend(set_rows("choi 3-11", &choi, Some("≤ 0.16")));
    out.extend(set_rows("physics lectures", &lectures, Some("< baseline")));
    out
}

/// One document in Choi format: its sentences and the gold boundaries (the
/// indexes of sentences that open a segment, excluding 0).
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiDoc {
    pub sentences: Vec<String>,
    pub boundaries: Vec<usize>,
}

/// Reads a document in Choi format (as the reference scorer does).
pub fn parse_choi(text: &str) -> ChoiDoc {
    let mut sentences = Vec::new();
    let mut boundaries: Vec<usize> = Vec::new();
    for line in text.lines() {
        if line.starts_with("==========") {
            if !sentences.is_empty() && boundaries.last() != Some(&sentences.len()) {
                boundaries.push(sentences.len());
            }
            continue;
        }
        let line = line.trim();
        if !line.is_empty() {
            sentences.push(line.to_string());
        }
    }
    let n = sentences.len();
    boundaries.retain(|&b| 0 < b && b < n);
    boundaries.dedup();
    ChoiDoc { sentences, boundaries }
}

/// The hypothesised boundaries of a document (segment starts excluding 0),
/// from the same segmenter and preset the evaluation reports.
pub fn hypothesise(doc: &ChoiDoc, vocab: &Vocabulary) -> Vec<usize> {
    let units: Vec<Vec<TermId>> =
        doc.sentences.iter().map(|s| word_spans(s).filter_map(|w| vocab.term(w.slice(s))).collect()).collect();
    segment(&units, &SegmentOptions::sentences()).into_iter().filter(|&b| b > 0).collect()
}

/// Pk (Beeferman et al. 1999) over `n` units with window `k`.
pub fn pk(reference: &[usize], hypothesis: &[usize], n: usize, k: usize) -> f64 {
    window_errors(reference, hypothesis, n, k, |r, h| (r > 0) != (h > 0))
}

/// WindowDiff (Pevzner and Hearst 2002) over `n` units with window `k`.
pub fn window_diff(reference: &[usize], hypothesis: &[usize], n: usize, k: usize) -> f64 {
    window_errors(reference, hypothesis, n, k, |r, h| r != h)
}

/// The window of the reference scorer: half the mean gold segment length,
/// rounded half to even, at least 2.
pub fn window(reference: &[usize], n: usize) -> usize {
    let k = (n as f64 / (reference.len() + 1) as f64 / 2.0).round_ties_even();
    (k as usize).max(2)
}

/// Counts windows `[i, i+k)` of gap labels (gap g lies between units g and
/// g+1) where `differs(ref boundaries inside, hyp boundaries inside)` holds.
fn window_errors(
    reference: &[usize],
    hypothesis: &[usize],
    n: usize,
    k: usize,
    differs: fn(usize, usize) -> bool,
) -> f64 {
    if n <= k {
        return 0.0;
    }
    let labels = |bounds: &[usize]| {
        let mut l = vec![0usize; n.saturating_sub(1)];
        for &b in bounds {
            if b >= 1 && b < n {
                l[b - 1] = 1;
            }
        }
        l
    };
    let (r, h) = (labels(reference), labels(hypothesis));
    let mut errors = 0usize;
    for i in 0..(n - k) {
        let end = (i + k).min(r.len());
        let rs: usize = r[i.min(end)..end].iter().sum();
        let hs: usize = h[i.min(end)..end].iter().sum();
        if differs(rs, hs) {
            errors += 1;
        }
    }
    errors as f64 / (n - k) as f64
}

/// Mean Pk and WindowDiff of the segmenter and of "no boundaries" over `files`.
struct SetScores {
    docs: usize,
    pk: f64,
    wd: f64,
    none_pk: f64,
    none_wd: f64,
}

fn score_set(files: &[PathBuf]) -> Option<SetScores> {
    let vocab = Vocabulary::new();
    let mut s = SetScores { docs: 0, pk: 0.0, wd: 0.0, none_pk: 0.0, none_wd: 0.0 };
    for file in files {
        let Ok(bytes) = std::fs::read(file) else { continue };
        let doc = parse_choi(&String::from_utf8_lossy(&bytes));
        let n = doc.sentences.len();
        if n < 3 {
            continue;
        }
        let k = window(&doc.boundaries, n);
        let hyp = hypothesise(&doc, &vocab);
        s.docs += 1;
        s.pk += pk(&doc.boundaries, &hyp, n, k);
        s.wd += window_diff(&doc.boundaries, &hyp, n, k);
        s.none_pk += pk(&doc.boundaries, &[], n, k);
        s.none_wd += window_diff(&doc.boundaries, &[], n, k);
    }
    if s.docs == 0 {
        return None;
    }
    let d = s.docs as f64;
    Some(SetScores { docs: s.docs, pk: s.pk / d, wd: s.wd / d, none_pk: s.none_pk / d, none_wd: s.none_wd / d })
}

fn set_rows(set: &str, files: &[PathBuf], pk_target: Option<&str>) -> Vec<EvalRow> {
    eprintln!("segmentation: {set}: {} documents", files.len());
    let row = |metric: &str, value: Option<f64>, baseline: Option<f64>, target: Option<&str>, note: String| EvalRow {
        task: "segmentation".into(),
        set: set.into(),
        metric: metric.into(),
        value,
        baseline: baseline.map(|b| ("no boundaries".to_string(), b)),
        target: target.map(str::to_string),
        note,
    };
    match score_set(files) {
        Some(s) => {
            let note = format!("{} docs, sentence units, number of segments not given", s.docs);
            vec![
                row("Pk", Some(s.pk), Some(s.none_pk), pk_target, note.clone()),
                row("WindowDiff", Some(s.wd), Some(s.none_wd), None, note),
            ]
        }
        None => vec![row("Pk", None, None, pk_target, "data not found".into())],
    }
}

/// The `.ref` and `.dev` documents under `dir`, recursively, sorted.
fn doc_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ref" || e == "dev") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choi_format_and_scores_follow_the_reference_scorer() {
        let doc = parse_choi("==========\na\nb\nc\n==========\nd\ne\n==========\nf\ng\nh\n==========\n");
        assert_eq!(doc.sentences.len(), 8);
        assert_eq!(doc.boundaries, vec![3, 5]);
        // Mean segment length 8/3 → k = round(1.33) = 1 → at least 2.
        let k = window(&doc.boundaries, 8);
        assert_eq!(k, 2);
        assert_eq!(pk(&doc.boundaries, &doc.boundaries, 8, k), 0.0);
        // No boundaries: windows (gaps i, i+1) for i in 0..6 that contain gap 2 or 4: i = 1, 2, 3, 4.
        assert!((pk(&doc.boundaries, &[], 8, k) - 4.0 / 6.0).abs() < 1e-9);
        // A boundary one unit off is a near miss: Pk counts fewer errors than none.
        assert!(pk(&doc.boundaries, &[4, 5], 8, k) < pk(&doc.boundaries, &[], 8, k));
        assert!(window_diff(&doc.boundaries, &[2, 3, 4, 5, 6], 8, k) > pk(&doc.boundaries, &[2, 3, 4, 5, 6], 8, k));
    }
}
