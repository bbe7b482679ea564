//! Loading a whole corpus from disk: walk the folder, then read and analyse
//! every transcript and INDEX.md in parallel (rayon).
//!
//! The walk is sequential and cheap (directory listings only); reading and
//! parsing are what cost, and they are independent per file. Symlinked
//! folders are never entered (so a link loop cannot hang the walk, and a link
//! out of the corpus cannot pull files in); symlinked files are read only when
//! they point inside the corpus (see `read`).
//!
//! Nothing is dropped silently. A file left out of the corpus (a symlink out
//! of it, a name that is not UTF-8, a FIFO or device, a file that vanished
//! before it was read, an unlistable or symlinked folder) gets one log line
//! naming its path and the reason. A file kept but not read (binary, too
//! large, unreadable, a broken link, not a regular file) gets one log line
//! too, and its problem is a diagnostic on the file; a file read with a
//! problem (bytes that are not UTF-8) gets the diagnostic only.
//!
//! A corpus is bounded (`Limits`: a file count and a byte total, which the
//! user's settings can raise): the walk stops when the next file would pass
//! either, and says so (`LimitHit`), so that a `corpus` setting naming a
//! huge folder cannot load and watch a whole disk. Folders are walked in
//! name order, so that a bounded load keeps the same files every time.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::corpus::paths::RelPath;
use crate::corpus::{Corpus, FileAnalysis};
use crate::workspace::discover::is_skipped_dir;
use crate::workspace::is_corpus_file;
use crate::workspace::read::{ReadOutcome, ReadResult, read_in_canonical_root, read_regular_file};

/// How much one corpus may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_files: usize,
    pub max_bytes: u64,
}

impl Limits {
    /// Comfortably above the largest corpus seen (17,000 files, 215 MB).
    pub const DEFAULT: Limits = Limits { max_files: 100_000, max_bytes: 2 << 30 };
    /// No bound (a subtree load when the caller bounds nothing).
    pub const NONE: Limits = Limits { max_files: usize::MAX, max_bytes: u64::MAX };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// A load that a limit stopped: what was kept, and which limit it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitHit {
    pub root: PathBuf,
    pub limits: Limits,
    pub kept_files: usize,
    pub kept_bytes: u64,
    /// True when the byte limit stopped the load, false for the file count.
    pub by_bytes: bool,
}

impl LimitHit {
    /// What the user is told: where, what was kept, and which setting raises the limit.
    pub fn message(&self) -> String {
        let (limit, setting) = if self.by_bytes {
            (format!("{} MB", self.limits.max_bytes >> 20), "maxMegabytes")
        } else {
            (format!("{} files", self.limits.max_files), "maxFiles")
        };
        format!(
            "{}: the corpus is larger than the limit of {limit}; only the first {} files ({} MB) are loaded. \
             Raise the `speech-ls.{setting}` setting to load more",
            self.root.display(),
            self.kept_files,
            self.kept_bytes.div_ceil(1 << 20)
        )
    }
}

/// Loads every corpus file below `root`, up to the default `Limits`.
/// Never fails: unreadable files carry their problem in
/// `FileAnalysis::read_problems`, a missing root gives an empty corpus.
pub fn load_corpus(root: &Path) -> Corpus {
    load_corpus_within(root, Limits::DEFAULT).0
}

/// `load_corpus` within `limits`; says when a limit stopped the load (logged too).
pub fn load_corpus_within(root: &Path, limits: Limits) -> (Corpus, Option<LimitHit>) {
    let started = std::time::Instant::now();
    let mut corpus = Corpus::new();
    let (files, hit) = load_subtree_within(root, "", limits);
    for analysis in files {
        corpus.insert_arc(analysis);
    }
    tracing::debug!("loaded {} files from {} in {} ms", corpus.len(), root.display(), started.elapsed().as_millis());
    (corpus, hit)
}

/// Reads and analyses the corpus files below `root/prefix` (`""` for the
/// whole corpus), in parallel.
pub fn load_subtree(root: &Path, prefix: &str) -> Vec<Arc<FileAnalysis>> {
    load_subtree_within(root, prefix, Limits::NONE).0
}

/// `load_subtree` taking at most `budget` (files and bytes).
pub fn load_subtree_within(root: &Path, prefix: &str, budget: Limits) -> (Vec<Arc<FileAnalysis>>, Option<LimitHit>) {
    let root = super::canonical_or_same(root);
    let start = if prefix.is_empty() { root.clone() } else { root.join(prefix) };
    // A folder reached through a symlink (`linked/sub` with `linked` pointing
    // elsewhere) is not canonical: it may lie outside the corpus, so skip it.
    if !prefix.is_empty() && std::fs::canonicalize(&start).ok().as_ref() != Some(&start) {
        tracing::info!("{}: reached through a symlinked folder; not scanned", start.display());
        return (Vec::new(), None);
    }
    let mut walk_state = Walk { found: Vec::new(), budget, bytes: 0, stopped_by_bytes: None, quiet: false };
    walk(&start, prefix, &mut walk_state);
    let hit = walk_state.stopped_by_bytes.map(|by_bytes| LimitHit {
        root: root.clone(),
        limits: budget,
        kept_files: walk_state.found.len(),
        kept_bytes: walk_state.bytes,
        by_bytes,
    });
    if let Some(hit) = &hit {
        tracing::warn!("{}", hit.message());
    }
    let loaded = walk_state.found.par_iter().filter_map(|walked| load_walked(&root, walked).map(Arc::new)).collect();
    (loaded, hit)
}

/// The corpus files a load of `root` within `limits` would take, with their
/// sizes, without reading them (a listing, for comparing a corpus with the
/// disk). Logs nothing: what is left out was logged by the load.
pub fn list_corpus_files(root: &Path, limits: Limits) -> Vec<(RelPath, u64)> {
    let root = super::canonical_or_same(root);
    let mut walk_state = Walk { found: Vec::new(), budget: limits, bytes: 0, stopped_by_bytes: None, quiet: true };
    walk(&root, "", &mut walk_state);
    walk_state.found.into_iter().map(|w| (w.rel, w.len)).collect()
}

/// Reads and analyses one file the walk found below the canonical `root`.
fn load_walked(root: &Path, walked: &Walked) -> Option<FileAnalysis> {
    // A regular file met by the walk is inside the corpus (no symlinked
    // folder was entered); a symlink gets the full containment check.
    let read = if walked.is_symlink {
        read_in_canonical_root(root, &walked.rel)
    } else {
        read_regular_file(&root.join(&walked.rel))
    };
    if read.outcome == ReadOutcome::NotFound {
        tracing::info!("{}: vanished before it could be read; left out", root.join(&walked.rel).display());
    }
    analysis_of(root, &walked.rel, read)
}

/// Reads and analyses one file; `None` when it does not exist. A file that
/// exists but cannot be read becomes an empty analysis with the read problem,
/// so that the user sees why, and an INDEX.md link to it is not "missing".
pub fn analyze_file(root: &Path, rel: &str) -> Option<FileAnalysis> {
    analysis_of(root, rel, read_in_canonical_root(root, rel))
}

/// The analysis of a file as read; logs why a file was left out or not read
/// (one line each). A file that does not exist is not logged here: on a disk
/// event that is simply a deletion.
fn analysis_of(root: &Path, rel: &str, read: ReadResult) -> Option<FileAnalysis> {
    if read.outcome == ReadOutcome::NotFound {
        return None;
    }
    // A symlink out of the corpus is not part of it: never read, and never
    // offered as a target (an INDEX.md link to it is reported as dead).
    if let Some(outside) = read.problems.iter().find(|p| p.code == "read-outside-corpus") {
        tracing::info!("{}: {}; left out of the corpus", root.join(rel).display(), outside.message);
        return None;
    }
    if read.outcome == ReadOutcome::Skipped {
        // The problem is also the file's diagnostic, but diagnostics show
        // only on open files: the log says it for every file.
        for problem in &read.problems {
            tracing::warn!("{}: {}", root.join(rel).display(), problem.message);
        }
    }
    let mut analysis = FileAnalysis::analyze(rel, &read.text);
    if let Some(why) = analysis.note {
        tracing::info!("{}: {why}; left alone", root.join(rel).display());
    }
    analysis.read_problems = read.problems;
    Some(analysis)
}

/// A corpus file found by the walk.
struct Walked {
    rel: RelPath,
    is_symlink: bool,
    /// The size the listing saw (of the link itself, for a symlink).
    len: u64,
}

/// What the walk found so far, and what it may still take.
struct Walk {
    found: Vec<Walked>,
    budget: Limits,
    bytes: u64,
    /// Set when a limit stopped the walk: true for the byte limit.
    stopped_by_bytes: Option<bool>,
    /// Log nothing (a listing that repeats a load's walk).
    quiet: bool,
}

impl Walk {
    /// Takes a file of `len` bytes unless a limit says no (then the walk stops).
    fn take(&mut self, walked: Walked, len: u64) {
        if self.found.len() >= self.budget.max_files {
            self.stopped_by_bytes = Some(false);
        } else if self.bytes.saturating_add(len) > self.budget.max_bytes {
            self.stopped_by_bytes = Some(true);
        } else {
            self.bytes += len;
            self.found.push(walked);
        }
    }
}

/// Collects the corpus files below `dir` (`rel` is `dir` relative to the
/// root), in name order, until a limit stops it. What is left out is logged,
/// except the folders no corpus lives in (`.git`, `target`, ...) and files
/// that are not corpus files.
fn walk(dir: &Path, rel: &str, out: &mut Walk) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        // Deleted since it was found (or a missing root): nothing to leave out.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            if !out.quiet {
                tracing::warn!("{}: cannot list the folder ({e}); its files are left out", dir.display());
            }
            return;
        }
    };
    let mut listed: Vec<std::fs::DirEntry> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => listed.push(entry),
            Err(e) => {
                if !out.quiet {
                    tracing::warn!("{}: cannot read an entry of the folder ({e}); it is left out", dir.display())
                }
            }
        }
    }
    listed.sort_by_key(|e| e.file_name());
    for entry in listed {
        if out.stopped_by_bytes.is_some() {
            return;
        }
        let path = entry.path();
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                if !out.quiet {
                    tracing::warn!("{}: cannot tell what it is ({e}); left out", path.display());
                }
                continue;
            }
        };
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            if !out.quiet && (kind.is_dir() || is_corpus_file(&name.to_string_lossy())) {
                tracing::warn!("{}: the name is not valid UTF-8; left out", path.display());
            }
            continue;
        };
        let child = if rel.is_empty() { name.to_string() } else { format!("{rel}/{name}") };
        if kind.is_dir() {
            if is_skipped_dir(name) {
                continue;
            }
            if !out.quiet && is_corpus_file(&child) {
                tracing::info!(
                    "{}: a folder named like a corpus file; its files are loaded, it is not read as one",
                    path.display()
                );
            }
            walk(&path, &child, out);
        } else if !is_corpus_file(&child) {
            if !out.quiet && kind.is_symlink() && path.is_dir() {
                tracing::info!("{}: a symlinked folder; not entered (it may lead out of the corpus)", path.display());
            }
        } else if kind.is_file() || kind.is_symlink() {
            let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
            out.take(Walked { rel: child, is_symlink: kind.is_symlink(), len }, len);
        } else {
            // Opening a FIFO would block the load.
            if !out.quiet {
                tracing::warn!("{}: not a regular file (a FIFO, socket or device); left out", path.display());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::{Walked, load_walked};

    /// A log sink for one test: everything logged on this thread.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_file_that_vanishes_between_walk_and_read_is_left_out_with_one_log_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical temp dir");
        std::fs::write(root.join("kept.txt"), "Moderator: Hello.\n").expect("write");
        let sink = Sink::default();
        let writer = sink.clone();
        let subscriber = tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish();
        let (gone, kept) = tracing::subscriber::with_default(subscriber, || {
            // The walk saw both files; one was deleted before it was read.
            let gone = load_walked(&root, &Walked { rel: "gone.txt".into(), is_symlink: false, len: 0 });
            let kept = load_walked(&root, &Walked { rel: "kept.txt".into(), is_symlink: false, len: 0 });
            (gone, kept)
        });
        assert!(gone.is_none(), "a vanished file is not in the corpus");
        assert!(kept.is_some_and(|k| k.read_problems.is_empty()), "a readable file is loaded");
        let log = String::from_utf8_lossy(&sink.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned();
        let gone_path = format!("{}:", root.join("gone.txt").display());
        let lines: Vec<&str> = log.lines().filter(|l| l.contains(&gone_path)).collect();
        assert_eq!(lines.len(), 1, "one line for the vanished file: {log}");
        assert!(lines[0].contains("vanished"), "{}", lines[0]);
        assert!(!log.contains("kept.txt"), "nothing is logged for a file that loads: {log}");
    }
}
