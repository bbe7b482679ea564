//! Loading a whole corpus from disk: walk the folder, then read and analyse
//! every transcript and INDEX.md in parallel (rayon).
//!
//! The walk is sequential and cheap (directory listings only); reading and
//! parsing are what cost, and they are independent per file. Symlinked
//! folders are never entered (so a link loop cannot hang the walk, and a link
//! out of the corpus cannot pull files in); symlinked files are read only when
//! they point inside the corpus (see `read`).

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::corpus::paths::RelPath;
use crate::corpus::{Corpus, FileAnalysis};
use crate::workspace::discover::is_skipped_dir;
use crate::workspace::is_corpus_file;
use crate::workspace::read::{ReadOutcome, ReadResult, read_in_canonical_root, read_regular_file};

/// Loads every corpus file below `root`. Never fails: unreadable files carry
/// their problem in `FileAnalysis::read_problems`, a missing root gives an
/// empty corpus.
pub fn load_corpus(root: &Path) -> Corpus {
    let started = std::time::Instant::now();
    let mut corpus = Corpus::new();
    for analysis in load_subtree(root, "") {
        corpus.insert_arc(analysis);
    }
    tracing::debug!("loaded {} files from {} in {} ms", corpus.len(), root.display(), started.elapsed().as_millis());
    corpus
}

/// Reads and analyses the corpus files below `root/prefix` (`""` for the
/// whole corpus), in parallel.
pub fn load_subtree(root: &Path, prefix: &str) -> Vec<Arc<FileAnalysis>> {
    let root = super::canonical_or_same(root);
    let mut found = Vec::new();
    let start = if prefix.is_empty() { root.clone() } else { root.join(prefix) };
    // A folder reached through a symlink (`linked/sub` with `linked` pointing
    // elsewhere) is not canonical: it may lie outside the corpus, so skip it.
    if !prefix.is_empty() && std::fs::canonicalize(&start).ok().as_ref() != Some(&start) {
        tracing::debug!("not scanning {}: reached through a symlink", start.display());
        return Vec::new();
    }
    walk(&start, prefix, &mut found);
    found
        .par_iter()
        .filter_map(|walked| {
            // A regular file met by the walk is inside the corpus (no symlinked
            // folder was entered); a symlink gets the full containment check.
            let read = if walked.is_symlink {
                read_in_canonical_root(&root, &walked.rel)
            } else {
                read_regular_file(&root.join(&walked.rel))
            };
            analysis_of(&walked.rel, read).map(Arc::new)
        })
        .collect()
}

/// Reads and analyses one file; `None` when it does not exist. A file that
/// exists but cannot be read becomes an empty analysis with the read problem,
/// so that the user sees why, and an INDEX.md link to it is not "missing".
pub fn analyze_file(root: &Path, rel: &str) -> Option<FileAnalysis> {
    analysis_of(rel, read_in_canonical_root(root, rel))
}

fn analysis_of(rel: &str, read: ReadResult) -> Option<FileAnalysis> {
    if read.outcome == ReadOutcome::NotFound {
        return None;
    }
    // A symlink out of the corpus is not part of it: never read, and never
    // offered as a target (an INDEX.md link to it is reported as dead).
    if read.problems.iter().any(|p| p.code == "read-outside-corpus") {
        tracing::info!("{rel}: leads out of the corpus folder; left out");
        return None;
    }
    let mut analysis = FileAnalysis::analyze(rel, &read.text);
    analysis.read_problems = read.problems;
    Some(analysis)
}

/// A corpus file found by the walk.
struct Walked {
    rel: RelPath,
    is_symlink: bool,
}

/// Collects the corpus files below `dir` (`rel` is `dir` relative to the root).
fn walk(dir: &Path, rel: &str, out: &mut Vec<Walked>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else { continue };
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            tracing::warn!("skipping a file whose name is not UTF-8 in {}", dir.display());
            continue;
        };
        let child = if rel.is_empty() { name.to_string() } else { format!("{rel}/{name}") };
        if kind.is_dir() {
            if !is_skipped_dir(name) {
                walk(&entry.path(), &child, out);
            }
        } else if (kind.is_file() || kind.is_symlink()) && is_corpus_file(&child) {
            out.push(Walked { rel: child, is_symlink: kind.is_symlink() });
        }
    }
}
