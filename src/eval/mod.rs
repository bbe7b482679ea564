//! Evaluation against labelled data: the `speech-ls eval DATA_DIR` table.
//!
//! DATA_DIR is a folder made by `../shared/tools/unpack DATA_DIR` (corpora in
//! `kremlin-dev/`, `kremlin-bulk/`, ... and evaluation sets in `eval/`). Each
//! submodule measures one task and returns rows; a missing data set yields a
//! row that says so instead of a figure. This module reads files, so it lives
//! outside the pure `corpus` core.

use std::path::Path;

pub mod composites;
pub mod formats;
pub mod keyterms;
pub mod segmentation;
pub mod speeches;
pub mod speed;
pub mod summaries;
pub mod tags;
pub mod turns;

/// One line of the evaluation table.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalRow {
    /// e.g. "speaker turns", "segmentation", "key terms".
    pub task: String,
    /// e.g. "kremlin-dev", "choi 3-11".
    pub set: String,
    /// e.g. "precision", "Pk", "F1@10".
    pub metric: String,
    /// The measured figure, or `None` when the data was not found.
    pub value: Option<f64>,
    /// A baseline measured on the same data, with its name.
    pub baseline: Option<(String, f64)>,
    /// The target as text, e.g. "≥ 0.97".
    pub target: Option<String>,
    /// Anything the reader needs: counts, what was missing.
    pub note: String,
}

/// Runs every evaluation and returns the rows in table order.
pub fn run(data_dir: &Path) -> Vec<EvalRow> {
    let mut rows = Vec::new();
    rows.extend(turns::rows(data_dir));
    rows.extend(formats::rows(data_dir));
    rows.extend(segmentation::rows(data_dir));
    rows.extend(composites::rows(data_dir));
    rows.extend(keyterms::rows(data_dir));
    rows.extend(summaries::rows(data_dir));
    rows.extend(speeches::rows(data_dir));
    rows.extend(tags::rows(data_dir));
    rows.extend(speed::rows(data_dir));
    rows
}

/// Renders rows as an aligned plain-text table.
pub fn render(rows: &[EvalRow]) -> String {
    let mut out = String::new();
    let header = ["task", "set", "metric", "value", "baseline", "target", "note"];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.task.clone(),
                r.set.clone(),
                r.metric.clone(),
                r.value.map(|v| format!("{v:.3}")).unwrap_or_else(|| "n/a".into()),
                r.baseline.as_ref().map(|(n, v)| format!("{v:.3} ({n})")).unwrap_or_default(),
                r.target.clone().unwrap_or_default(),
                r.note.clone(),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cols: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cols.iter().enumerate() {
            s.push_str(c);
            if i + 1 < cols.len() {
                s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&line(header.to_vec()));
    for row in &cells {
        out.push_str(&line(row.iter().map(|s| s.as_str()).collect()));
    }
    out
}
