//! Speaker-turn detection measured against gold labels.
//!
//! `kremlin-dev/labels.jsonl` (and `kremlin-bulk`, same schema) lists each
//! file's `turn_starts` as `[paragraph index, speaker label]`, the index
//! counting paragraphs after the header line, 0-based, which is exactly
//! `Transcript::paragraphs`. We score predicted turn starts against them
//! (micro-averaged precision and recall over all turns of all files), plus
//! how often a matched turn also has the gold speaker label verbatim. The
//! single-speaker corpora (`sotu`, `ungdc`) have no gold turns: there we
//! report how many turns the parser finds and in how many files, since every
//! one is a candidate false turn; `miller-center` has counts only
//! (`n_speaker_turns`), compared in total. The shared labels miss the
//! period-style labels (`THE PRESIDENT.`, `Q.`) of some sotu and
//! miller-center files: `tests/data/shared-gold-fixes.jsonl` gives their
//! turns in full, and those files are scored against it, the rest counted.

use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;

use crate::corpus::formats::{self, Verdict};
use crate::corpus::transcript::Transcript;
use crate::eval::EvalRow;

/// What went wrong in one labelled file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileTurnErrors {
    pub file: String,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    /// Predicted turn starts that gold does not have: (paragraph, our label).
    pub false_starts: Vec<(usize, String)>,
    /// Gold turn starts we did not predict: (paragraph, gold label).
    pub missed: Vec<(usize, String)>,
    /// Matched starts whose label differs: (paragraph, ours, gold).
    pub wrong_names: Vec<(usize, String, String)>,
}

impl FileTurnErrors {
    pub fn error_count(&self) -> usize {
        self.false_starts.len() + self.missed.len()
    }
}

/// Micro-averaged scores over a labelled corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TurnScore {
    pub files: usize,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub names_matched: usize,
    pub per_file: Vec<FileTurnErrors>,
}

impl TurnScore {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn name_accuracy(&self) -> f64 {
        ratio(self.names_matched, self.matched)
    }
    /// The `k` files with the most errors (false plus missed starts), worst first.
    pub fn worst_files(&self, k: usize) -> Vec<&FileTurnErrors> {
        let mut files: Vec<&FileTurnErrors> = self.per_file.iter().filter(|f| f.error_count() > 0).collect();
        files.sort_by(|a, b| b.error_count().cmp(&a.error_count()).then_with(|| a.file.cmp(&b.file)));
        files.truncate(k);
        files
    }
}

/// Turns found in an unlabelled (or count-labelled) corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TurnCount {
    pub files: usize,
    pub files_with_turns: usize,
    pub turns: usize,
    /// The sum of `n_speaker_turns` in labels.jsonl, when the corpus has it.
    pub labelled_turns: Option<usize>,
    /// Some of the turns found (up to three a file, sixty in all), as (file,
    /// label), for a reader to inspect.
    pub examples: Vec<(String, String)>,
}

/// Scores `dir/labels.jsonl` against the parser; `None` when the folder or
/// its labels are missing.
pub fn score_labelled(dir: &Path) -> Option<TurnScore> {
    let labels = read_labels(dir)?;
    let per_file: Vec<FileTurnErrors> = labels
        .par_iter()
        .filter_map(|label| {
            let bytes = std::fs::read(dir.join(&label.file)).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            Some(compare_file(&label.file, &text, label.turn_starts.as_deref().unwrap_or(&[])))
        })
        .collect();
    let mut score = TurnScore { files: per_file.len(), ..TurnScore::default() };
    for f in &per_file {
        score.gold += f.gold;
        score.predicted += f.predicted;
        score.matched += f.matched;
        score.names_matched += f.matched - f.wrong_names.len();
    }
    score.per_file = per_file;
    Some(score)
}

/// Counts the turns the parser finds in every `.txt` file of `dir` but those in `skip`.
pub fn count_turns(dir: &Path, skip: &[&str]) -> Option<TurnCount> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| !p.file_name().is_some_and(|n| skip.contains(&n.to_string_lossy().as_ref())))
        .collect();
    files.sort();
    let found: Vec<(String, Vec<String>)> = files
        .par_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let name = path.file_name()?.to_string_lossy().into_owned();
            let t = read(&name, &String::from_utf8_lossy(&bytes));
            Some((name, t.turns.into_iter().map(|turn| turn.speaker).collect()))
        })
        .collect();
    let mut count = TurnCount { files: found.len(), ..TurnCount::default() };
    for (file, speakers) in &found {
        count.turns += speakers.len();
        count.files_with_turns += usize::from(!speakers.is_empty());
        for speaker in speakers.iter().take(3) {
            if count.examples.len() < 60 {
                count.examples.push((file.clone(), speaker.clone()));
            }
        }
    }
    count.labelled_turns = read_labels(dir).map(|ls| ls.iter().filter_map(|l| l.n_speaker_turns).sum());
    Some(count)
}

/// The evaluation rows: precision, recall and name accuracy on the labelled
/// Kremlin sets, and turn counts on the corpora without gold turns.
pub fn rows(data_dir: &Path) -> Vec<EvalRow> {
    let mut rows = Vec::new();
    for set in ["kremlin-dev", "kremlin-bulk"] {
        let score = score_labelled(&data_dir.join(set));
        let note = match &score {
            Some(s) => {
                let worst: Vec<String> =
                    s.worst_files(5).iter().map(|f| format!("{} ({})", f.file, f.error_count())).collect();
                format!(
                    "{} files, {} gold / {} predicted / {} matched; worst: {}",
                    s.files,
                    s.gold,
                    s.predicted,
                    s.matched,
                    worst.join(", ")
                )
            }
            None => format!("{set}/labels.jsonl not found under {}", data_dir.display()),
        };
        let figures = [
            ("precision", score.as_ref().map(TurnScore::precision), Some("≥ 0.97")),
            ("recall", score.as_ref().map(TurnScore::recall), Some("≥ 0.95")),
            ("speaker name exact", score.as_ref().map(TurnScore::name_accuracy), None),
        ];
        // The full note (counts, worst files) goes on the first row only.
        for (k, (metric, value, target)) in figures.into_iter().enumerate() {
            let note = if k == 0 || score.is_none() { note.clone() } else { String::new() };
            rows.push(row(set, metric, value, target, note));
        }
    }
    let fixes = read_fixes(data_dir);
    for set in ["sotu", "miller-center"] {
        let fixed: Vec<&Fix> = fixes.iter().filter(|f| f.corpus == set).collect();
        if fixed.is_empty() {
            continue;
        }
        let score = score_fixed(&data_dir.join(set), &fixed);
        let set_name = format!("{set} (fixed gold)");
        if score.files == 0 {
            let note = format!("{set}/ not found under {}", data_dir.display());
            rows.push(row(&set_name, "precision", None, Some("≥ 0.97"), note));
            continue;
        }
        let note = format!(
            "{} files of shared-gold-fixes.jsonl: {} gold / {} predicted / {} matched",
            score.files, score.gold, score.predicted, score.matched
        );
        rows.push(row(&set_name, "precision", Some(score.precision()), Some("≥ 0.97"), note));
        rows.push(row(&set_name, "recall", Some(score.recall()), None, String::new()));
    }
    for set in ["sotu", "ungdc", "miller-center"] {
        let skip: Vec<&str> = fixes.iter().filter(|f| f.corpus == set).map(|f| f.file.as_str()).collect();
        let count = count_turns(&data_dir.join(set), &skip);
        let (value, note) = match &count {
            Some(c) => {
                let labelled = c.labelled_turns.map(|n| format!("; labels say {n}")).unwrap_or_default();
                (Some(c.turns as f64), format!("{} of {} files have turns{labelled}", c.files_with_turns, c.files))
            }
            None => (None, format!("{set}/ not found under {}", data_dir.display())),
        };
        let target = (set != "miller-center").then_some("near 0");
        let skipped =
            if skip.is_empty() { String::new() } else { format!(" (without the {} fixed files)", skip.len()) };
        rows.push(row(set, &format!("turns found{skipped}"), value, target, note));
    }
    rows
}

fn row(set: &str, metric: &str, value: Option<f64>, target: Option<&str>, note: String) -> EvalRow {
    EvalRow {
        task: "speaker turns".into(),
        set: set.into(),
        metric: metric.into(),
        value,
        baseline: None,
        target: target.map(str::to_string),
        note,
    }
}

/// Compares the parser's turn starts in `text` with gold `(paragraph, label)` pairs.
pub fn compare_file(file: &str, text: &str, gold: &[(usize, String)]) -> FileTurnErrors {
    let t = read(file, text);
    let predicted: Vec<(usize, &str)> =
        t.turns.iter().map(|turn| (turn.paragraphs.start, turn.speaker.as_str())).collect();
    let mut errors = FileTurnErrors {
        file: file.to_string(),
        gold: gold.len(),
        predicted: predicted.len(),
        matched: 0,
        false_starts: Vec::new(),
        missed: Vec::new(),
        wrong_names: Vec::new(),
    };
    for &(at, ours) in &predicted {
        match gold.iter().find(|(g, _)| *g == at) {
            Some((_, name)) => {
                errors.matched += 1;
                if name != ours {
                    errors.wrong_names.push((at, ours.to_string(), name.clone()));
                }
            }
            None => errors.false_starts.push((at, ours.to_string())),
        }
    }
    for (at, name) in gold {
        if !predicted.iter().any(|(p, _)| p == at) {
            errors.missed.push((*at, name.clone()));
        }
    }
    errors
}

/// The transcript of a file as the server reads it (by its name and content).
fn read(file: &str, text: &str) -> Transcript {
    match formats::read(file, text) {
        Verdict::Transcript(t) => *t,
        Verdict::Note(_) => Transcript::default(),
    }
}

/// One file's corrected gold (see `tests/data/SHARED-GOLD-FIXES.md`).
#[derive(Deserialize)]
struct Fix {
    corpus: String,
    file: String,
    turn_starts: Vec<(usize, String)>,
}

/// The corrected gold, from `DATA_DIR`, this folder's `tests/data` or the source tree's.
fn read_fixes(data_dir: &Path) -> Vec<Fix> {
    let name = "shared-gold-fixes.jsonl";
    let candidates = [
        data_dir.join(name),
        Path::new("tests/data").join(name),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name),
    ];
    let Some(text) = candidates.iter().find_map(|p| std::fs::read_to_string(p).ok()) else { return Vec::new() };
    text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

fn score_fixed(dir: &Path, fixes: &[&Fix]) -> TurnScore {
    let per_file: Vec<FileTurnErrors> = fixes
        .par_iter()
        .filter_map(|fix| {
            let bytes = std::fs::read(dir.join(&fix.file)).ok()?;
            Some(compare_file(&fix.file, &String::from_utf8_lossy(&bytes), &fix.turn_starts))
        })
        .collect();
    let mut score = TurnScore { files: per_file.len(), ..TurnScore::default() };
    for f in &per_file {
        score.gold += f.gold;
        score.predicted += f.predicted;
        score.matched += f.matched;
        score.names_matched += f.matched - f.wrong_names.len();
    }
    score.per_file = per_file;
    score
}

#[derive(Deserialize)]
struct Label {
    file: String,
    #[serde(default)]
    turn_starts: Option<Vec<(usize, String)>>,
    #[serde(default)]
    n_speaker_turns: Option<usize>,
}

fn read_labels(dir: &Path) -> Option<Vec<Label>> {
    let text = std::fs::read_to_string(dir.join("labels.jsonl")).ok()?;
    Some(text.lines().filter_map(|line| serde_json::from_str(line).ok()).collect())
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_file_counts_matches_false_starts_and_misses() {
        let text = " date 2021-03-03 Source: Kremlin\n\nLead.\n\nQuestion: Why?\n\nRemark: Because.\n\nMore prose.\n";
        // Gold: a turn at 1 (found, same name), one at 3 (missed); ours at 2 is false.
        let gold = vec![(1, "Question".to_string()), (3, "Someone".to_string())];
        let errors = compare_file("a.txt", text, &gold);
        assert_eq!((errors.gold, errors.predicted, errors.matched), (2, 2, 1));
        assert_eq!(errors.false_starts, vec![(2, "Remark".to_string())]);
        assert_eq!(errors.missed, vec![(3, "Someone".to_string())]);
        assert!(errors.wrong_names.is_empty());
        assert_eq!(errors.error_count(), 2);
    }

    #[test]
    fn missing_data_gives_rows_that_say_so() {
        let rows = rows(Path::new("/nonexistent/speech-ls-data"));
        assert!(rows.iter().all(|r| r.value.is_none() && r.note.contains("not found")), "{rows:?}");
        assert!(rows.len() >= 9, "{rows:?}");
    }
}
