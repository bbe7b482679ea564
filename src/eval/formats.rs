//! Transcripts from anywhere, measured: the format development set
//! (`tests/data/formats/labels.jsonl`, real files in many containers and
//! layouts with their turns counted by hand) and the shared corpora's
//! corrected gold (`tests/data/shared-gold-fixes.jsonl`).
//!
//! A found turn matches a gold turn on the same line: the gold line may be
//! the label's line or the turn's first line of text (for a label alone on
//! its line, a JSON `speaker` key, a WebVTT voice). Each gold turn takes at
//! most one found turn and each found turn at most one gold turn, in file
//! order, so one-line JSON files with many turns on line 1 count right.
//! Precision and recall are micro-averaged per format and per language.
//!
//! The acceptance measures: the share of files with a non-empty outline;
//! recall over all turns and its mean per labelled file; the files with
//! more than 1.25 × gold + 2 turns; and key terms or summaries that carry a
//! timestamp, `-->`, `WEBVTT`, a cue setting or a diarisation id.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use crate::corpus::FileAnalysis;
use crate::corpus::outline::transcript_outline;
use crate::corpus::text::{ColumnUnit, LineIndex};
use crate::corpus::themes::analysis::{ThemeContext, analyze_until};
use crate::corpus::transcript::Transcript;
use crate::eval::EvalRow;

#[derive(Debug, Deserialize)]
struct Label {
    file: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    turn_starts: Vec<GoldTurn>,
}

#[derive(Debug, Deserialize)]
struct GoldTurn {
    line: usize,
}

/// One file of the development set, read and scored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileScore {
    pub file: String,
    pub format: String,
    pub language: String,
    pub gold: usize,
    pub found: usize,
    pub matched: usize,
    pub outline_nodes: usize,
    /// Key terms and summary sentences with a timestamp or other noise.
    pub noisy: Vec<String>,
}

/// Where the development set is: `DATA_DIR/formats`, else this
/// repository's `tests/data/formats` (from the current folder or the source tree).
pub fn dev_set_dir(data_dir: &Path) -> Option<PathBuf> {
    [
        data_dir.join("formats"),
        PathBuf::from("tests/data/formats"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats"),
    ]
    .into_iter()
    .find(|d| d.join("labels.jsonl").is_file())
}

/// Scores every labelled file of the development set at `dir`.
pub fn score_dev_set(dir: &Path) -> Vec<FileScore> {
    let Ok(text) = std::fs::read_to_string(dir.join("labels.jsonl")) else { return Vec::new() };
    let labels: Vec<Label> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let ctx = ThemeContext::standalone();
    labels
        .iter()
        .filter_map(|label| {
            let bytes = std::fs::read(dir.join(&label.file)).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            Some(score_file(label, &text, &ctx))
        })
        .collect()
}

fn score_file(label: &Label, text: &str, ctx: &ThemeContext) -> FileScore {
    let analysis = FileAnalysis::analyze(&label.file, text);
    let mut score = FileScore {
        file: label.file.clone(),
        format: label.format.clone(),
        language: label.language.clone(),
        gold: label.turn_starts.len(),
        ..FileScore::default()
    };
    let Some(t) = analysis.transcript() else { return score };
    let lines = LineIndex::new(text);
    let found = turn_lines(t, text, &lines);
    score.found = found.len();
    let mut taken = vec![false; found.len()];
    for gold in &label.turn_starts {
        if let Some(k) = (0..found.len()).find(|&k| !taken[k] && (found[k].0 == gold.line || found[k].1 == gold.line)) {
            taken[k] = true;
            score.matched += 1;
        }
    }
    score.outline_nodes = transcript_outline(t, text).len();
    score.noisy = noisy_themes(&label.file, text, t, ctx);
    score
}

/// Each turn's label line and first line of text, 1-based.
fn turn_lines(t: &Transcript, text: &str, lines: &LineIndex) -> Vec<(usize, usize)> {
    let spoken = t.analysis_text(text);
    let line = |offset: usize| lines.position(offset, ColumnUnit::Utf8).0 + 1;
    t.turns
        .iter()
        .map(|turn| {
            let after = turn.label_span.end.min(turn.span.end);
            let rest = spoken.get(after..turn.span.end).unwrap_or("");
            let skip =
                rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '*')).len();
            let first_text = if turn.label_span.end <= turn.span.start || !turn.span.contains(turn.label_span.start) {
                turn.span.start
            } else {
                after + skip
            };
            (line(turn.label_span.start), line(first_text.min(text.len())))
        })
        .collect()
}

/// What a timestamp, a cue arrow or setting, a WebVTT header or a
/// diarisation id looks like in a key term or a summary.
static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}:\d{2}\b|-->|webvtt|\b(align|position|line|size|region|vertical):|\d%|\bspeaker[_ ]?\d|\bspk_?\d")
        .expect("valid regex")
});

/// The key terms and summary sentences of the whole file that look like noise.
fn noisy_themes(path: &str, text: &str, t: &Transcript, ctx: &ThemeContext) -> Vec<String> {
    let spoken = t.analysis_text(text);
    let Some(themes) = analyze_until(path, &spoken, t, ctx, false, &|| false) else { return Vec::new() };
    let terms = themes.speech.key_terms.iter().map(|k| k.text.clone());
    let summary = themes.speech.summary.iter().map(|s| s.slice(&spoken).to_string());
    terms.chain(summary).filter(|s| NOISE.is_match(s)).collect()
}

/// Precision, recall and counts over a group of files.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    files: usize,
    gold: usize,
    found: usize,
    matched: usize,
}

impl Tally {
    fn add(&mut self, f: &FileScore) {
        self.files += 1;
        self.gold += f.gold;
        self.found += f.found;
        self.matched += f.matched;
    }
}

/// The rows of the development set: per format, per language, and the acceptance measures.
pub fn rows(data_dir: &Path) -> Vec<EvalRow> {
    let Some(dir) = dev_set_dir(data_dir) else {
        return vec![row("dev set", "precision", None, None, "tests/data/formats/labels.jsonl not found".into())];
    };
    let scores = score_dev_set(&dir);
    let mut rows = Vec::new();
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    for f in &scores {
        all.add(f);
        groups.entry(format!("format {}", f.format)).or_default().add(f);
        groups.entry(format!("language {}", f.language)).or_default().add(f);
    }
    for (set, tally) in std::iter::once(("dev set (all)".to_string(), all)).chain(groups) {
        let note =
            format!("{} files, {} gold / {} found / {} matched", tally.files, tally.gold, tally.found, tally.matched);
        rows.push(row(&set, "precision", ratio(tally.matched, tally.found), None, note));
        rows.push(row(&set, "recall", ratio(tally.matched, tally.gold), None, String::new()));
    }
    rows.extend(acceptance_rows(&scores));
    rows
}

fn acceptance_rows(scores: &[FileScore]) -> Vec<EvalRow> {
    let n = scores.len();
    let outlined = scores.iter().filter(|f| f.outline_nodes > 0).count();
    let empty: Vec<&str> = scores.iter().filter(|f| f.outline_nodes == 0).map(|f| f.file.as_str()).collect();
    let labelled: Vec<&FileScore> = scores.iter().filter(|f| f.gold > 0).collect();
    let mean_recall = if labelled.is_empty() {
        None
    } else {
        Some(labelled.iter().map(|f| f.matched as f64 / f.gold as f64).sum::<f64>() / labelled.len() as f64)
    };
    let gold: usize = scores.iter().map(|f| f.gold).sum();
    let matched: usize = scores.iter().map(|f| f.matched).sum();
    let over: Vec<String> = scores
        .iter()
        .filter(|f| f.found as f64 > 1.25 * f.gold as f64 + 2.0)
        .map(|f| format!("{} ({} for {})", f.file, f.found, f.gold))
        .collect();
    let noisy: Vec<String> =
        scores.iter().filter(|f| !f.noisy.is_empty()).map(|f| format!("{}: {:?}", f.file, f.noisy)).collect();
    let worst: Vec<String> = {
        let mut l: Vec<&&FileScore> = labelled.iter().filter(|f| f.matched < f.gold).collect();
        l.sort_by(|a, b| (a.matched * b.gold).cmp(&(b.matched * a.gold)));
        l.iter().take(6).map(|f| format!("{} ({}/{})", f.file, f.matched, f.gold)).collect()
    };
    vec![
        row(
            "dev set (acceptance)",
            "files with an outline",
            ratio(outlined, n),
            Some("1.000"),
            format!("{outlined} of {n}; empty: {}", empty.join(", ")),
        ),
        row(
            "dev set (acceptance)",
            "recall, all turns",
            ratio(matched, gold),
            Some("≥ 0.90"),
            format!("{matched} of {gold}"),
        ),
        row(
            "dev set (acceptance)",
            "recall, mean per file",
            mean_recall,
            Some("≥ 0.85"),
            format!("{} labelled files; lowest: {}", labelled.len(), worst.join(", ")),
        ),
        row("dev set (acceptance)", "files over 1.25 × gold + 2", Some(over.len() as f64), Some("0"), over.join(", ")),
        row(
            "dev set (acceptance)",
            "files with noise in key terms or summary",
            Some(noisy.len() as f64),
            Some("0"),
            noisy.join("; "),
        ),
    ]
}

fn row(set: &str, metric: &str, value: Option<f64>, target: Option<&str>, note: String) -> EvalRow {
    EvalRow {
        task: "turns, any format".into(),
        set: set.into(),
        metric: metric.into(),
        value,
        baseline: None,
        target: target.map(str::to_string),
        note,
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_turns_match_gold_lines_once_each() {
        let label = Label {
            file: "a.vtt".into(),
            format: "vtt".into(),
            language: "en".into(),
            turn_starts: vec![GoldTurn { line: 4 }, GoldTurn { line: 10 }, GoldTurn { line: 12 }],
        };
        let text = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann>Hello there.\n\n00:01.000 --> 00:02.000\n<v Ann>Still me.\n\n\
                    00:02.000 --> 00:03.000\n<v Bob>Hi, Ann.\n";
        let score = score_file(&label, text, &ThemeContext::standalone());
        assert_eq!((score.gold, score.found, score.matched), (3, 2, 2), "{score:?}");
        assert!(score.outline_nodes > 0 && score.noisy.is_empty(), "{score:?}");
    }

    #[test]
    fn noise_in_a_key_term_or_summary_is_recognised() {
        for noisy in
            ["00:00:07.960", "00:01 --> 00:02", "WEBVTT", "position:50.00%", "align:start", "SPEAKER_00", "speaker 1"]
        {
            assert!(NOISE.is_match(noisy), "{noisy}");
        }
        for clean in ["Tarragona", "1961", "a speaker of the house", "50 years"] {
            assert!(!NOISE.is_match(clean), "{clean}");
        }
    }
}
