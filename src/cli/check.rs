//! `speech-ls check [DIR] [--strict]`: what the editor's diagnostics say
//! about every file of each corpus under DIR, one `file:line:column:
//! severity: message` line each (1-based line and byte column).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::cli::world::corpus_world;
use crate::corpus::text::{ColumnUnit, Severity};
use crate::ide::CorpusView;
use crate::ide::diagnostics::corpus_diagnostics;
use crate::workspace::corpus_roots;

pub fn default_dir() -> PathBuf {
    let seeds = PathBuf::from("seeds");
    if seeds.is_dir() { seeds } else { PathBuf::from(".") }
}

/// One line of `check` output, before rendering.
struct Finding {
    path: PathBuf,
    line: usize,
    column: usize,
    severity: Severity,
    message: String,
}

/// `speech-ls check [DIR] [--strict]`: prints `file:line:column: severity:
/// message` lines (1-based line, 1-based byte column) and returns 1 when any
/// is an error, or (strict) a warning.
pub fn run(dir: &Path, strict: bool) -> i32 {
    if !dir.is_dir() {
        eprintln!("speech-ls: {} is not a folder", dir.display());
        return 2;
    }
    let roots = if dir.join("INDEX.md").is_file() { vec![dir.to_path_buf()] } else { corpus_roots(dir, None) };
    let roots = if roots.is_empty() { vec![dir.to_path_buf()] } else { roots };
    let mut findings = Vec::new();
    for root in &roots {
        let started = std::time::Instant::now();
        let world = corpus_world(root);
        tracing::info!("loaded {} from {} ms", root.display(), started.elapsed().as_millis());
        let mut found: Vec<Finding> = world.corpora().flat_map(|cv| check_corpus(root, &cv)).collect();
        found.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        findings.extend(found);
    }
    for f in &findings {
        println!("{}:{}:{}: {}: {}", f.path.display(), f.line, f.column, severity_name(f.severity), f.message);
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, notes) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    eprintln!(
        "speech-ls check: {errors} error(s), {warnings} warning(s), {notes} note(s) in {} corpus folder(s)",
        roots.len()
    );
    let warnings_fail = strict && warnings > 0;
    i32::from(errors > 0 || warnings_fail)
}

/// What is inconsistent in one corpus, from `corpus::consistency` (dead
/// links, duplicates, date mismatches, unlisted and unreadable files), plus a
/// warning when the folder has no INDEX.md at all.
fn check_corpus(root: &Path, cv: &CorpusView) -> Vec<Finding> {
    let corpus = &cv.corpus;
    let mut out: Vec<Finding> = Vec::new();
    for (rel, problems) in corpus_diagnostics(cv, &BTreeSet::new()) {
        for problem in problems {
            let (line, column) =
                corpus.get(&rel).map(|f| f.line_index.position(problem.span.start, ColumnUnit::Utf8)).unwrap_or((0, 0));
            out.push(Finding {
                path: shown_path(root, &rel),
                line: line + 1,
                column: column + 1,
                severity: problem.severity,
                message: problem.message,
            });
        }
    }
    if corpus.index().is_none() {
        let count = corpus.transcripts().count();
        out.push(Finding {
            path: shown_path(root, "INDEX.md"),
            line: 1,
            column: 1,
            severity: Severity::Warning,
            message: format!("no INDEX.md in this corpus folder; its {count} transcript(s) are listed nowhere"),
        });
    }
    out
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The path to print for `rel` in the corpus at `root`: as the user named the
/// folder, without a leading `./` (`check .` prints `a.txt`, not `./a.txt`).
fn shown_path(root: &Path, rel: &str) -> PathBuf {
    let joined = root.join(rel);
    joined.strip_prefix(".").map(Path::to_path_buf).unwrap_or(joined)
}
