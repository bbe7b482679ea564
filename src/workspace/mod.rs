//! Finds corpora on disk, reads files safely, and keeps each corpus's current state.
//!
//! This is the only layer that touches the file system for corpus files; it is
//! shared by the language server and the command line. A `Workspace` holds one
//! `CorpusState` per corpus root. Each state's `Corpus` sits behind an `Arc`, so
//! a query can take a snapshot with a cheap clone while a change builds the next
//! version through `Arc::make_mut` (clone-on-write: files are `Arc`s too).
//!
//! Disk changes and editor text meet here: the LSP layer says which paths are
//! open (`is_open`), and disk changes to those paths are ignored, because the
//! editor's buffer wins over the disk until the document is closed.

pub mod change;
pub mod discover;
pub mod load;
pub mod read;
pub mod reconcile;
pub mod themes;
pub mod topics;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::corpus::paths::{RelPath, is_index_name, is_transcript_name};
use crate::corpus::speakers::SPEAKERS_FILE;
use crate::corpus::{Corpus, FileAnalysis};

pub use change::FsChange;
pub use discover::corpus_roots;
pub use load::{LimitHit, Limits, load_corpus};
pub use read::{ReadOutcome, ReadResult, read_transcript_file};

/// One corpus on disk and its current analysis.
#[derive(Debug, Clone)]
pub struct CorpusState {
    /// The corpus folder, canonicalised when it exists (so that paths from
    /// watchers and clients compare equal however the folder was named).
    pub root: PathBuf,
    /// The root as it was given, before canonicalisation. Clients name files
    /// through it (a symlinked home folder, say), so "is this file open?" is
    /// asked under both names.
    pub given_root: PathBuf,
    pub corpus: Arc<Corpus>,
}

impl CorpusState {
    /// True when the file `rel` is open in the editor under either name of the root.
    fn is_open_rel(&self, rel: &str, is_open: &dyn Fn(&Path) -> bool) -> bool {
        is_open(&self.root.join(rel)) || (self.given_root != self.root && is_open(&self.given_root.join(rel)))
    }
}

/// Every corpus the server or the command line is working with.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub corpora: Vec<CorpusState>,
    /// How much each corpus may hold (loads and changes stay within it).
    pub limits: Limits,
    /// The loads a limit stopped, since this workspace was made.
    pub limit_hits: Vec<LimitHit>,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// An empty workspace whose corpora are bounded by `limits`.
    pub fn with_limits(limits: Limits) -> Workspace {
        Workspace { limits, ..Workspace::default() }
    }

    /// Discovers the corpora of each workspace folder (see `discover::corpus_roots`;
    /// `setting` is the user's `corpus` setting) and loads them all.
    pub fn from_folders(folders: &[PathBuf], setting: Option<&Path>) -> Workspace {
        let mut ws = Workspace::new();
        for root in discover::discover(folders, setting).roots {
            // Two folders may lead to one corpus; load it once.
            let canonical = canonical_or_same(&root);
            if !ws.corpora.iter().any(|c| c.root == canonical) {
                ws.add_root(&root);
            }
        }
        ws
    }

    /// Loads the corpus at `root` and adds it, or reloads it when it is
    /// already there. Returns its index in `corpora`.
    pub fn add_root(&mut self, root: &Path) -> usize {
        let given_root = root.to_path_buf();
        let root = canonical_or_same(root);
        if let Some(i) = self.corpora.iter().position(|c| c.root == root) {
            self.rescan(i, &|_| false);
            return i;
        }
        let (corpus, hit) = load::load_corpus_within(&root, self.limits);
        self.limit_hits.extend(hit);
        let corpus = Arc::new(corpus);
        self.corpora.push(CorpusState { root, given_root, corpus });
        self.corpora.len() - 1
    }

    /// Forgets every corpus inside `folder` (a workspace folder was removed).
    pub fn remove_folder(&mut self, folder: &Path) {
        let folder = canonical_or_same(folder);
        self.corpora.retain(|c| !c.root.starts_with(&folder));
    }

    /// The corpus roots, in the order of `corpora`.
    pub fn roots(&self) -> Vec<PathBuf> {
        self.corpora.iter().map(|c| c.root.clone()).collect()
    }

    /// Builds, on a pool thread, each corpus's maps derived from INDEX.md
    /// that a change dropped, so that no request pays for them.
    pub fn warm_in_background(&self) {
        for state in self.corpora.iter().filter(|c| !c.corpus.is_warm()) {
            let corpus = state.corpus.clone();
            rayon::spawn(move || corpus.warm());
        }
    }

    /// A snapshot of corpus `i` (a cheap `Arc` clone), if it exists.
    pub fn snapshot(&self, i: usize) -> Option<Arc<Corpus>> {
        self.corpora.get(i).map(|c| c.corpus.clone())
    }

    /// Which corpus an absolute path belongs to, and its corpus-relative path.
    /// Nested corpora: the innermost root wins. The path need not exist (a
    /// deleted file still locates, so that it can be removed).
    pub fn locate(&self, abs: &Path) -> Option<(usize, RelPath)> {
        (0..self.corpora.len())
            .filter_map(|i| self.rel_in(i, abs).map(|rel| (i, rel)))
            .max_by_key(|(i, _)| self.corpora[*i].root.components().count())
    }

    /// Puts the analysis of editor text for `abs` into its corpus (an open
    /// document). Returns the corpus index, or `None` when the path is in no
    /// corpus (the caller then analyses it on its own) or is not a corpus file.
    pub fn set_text(&mut self, abs: &Path, text: &str) -> Option<usize> {
        let (i, rel) = self.locate(abs)?;
        if !is_corpus_file(&rel) {
            return None;
        }
        let analysis = FileAnalysis::analyze(&rel, text);
        let unchanged = self.corpora[i].corpus.get(&rel).is_some_and(|old| **old == analysis);
        if !unchanged {
            Arc::make_mut(&mut self.corpora[i].corpus).insert(analysis);
        }
        Some(i)
    }

    /// Re-reads `abs` from disk and applies what it finds: a new or changed
    /// file is (re-)analysed, a vanished one is removed, a directory that
    /// appeared is scanned and one that vanished takes its files with it.
    /// Paths for which `is_open` says true are left alone (the editor wins).
    /// Every corpus holding the path is updated (nested corpora share files);
    /// returns the innermost one that changed, or `None` when nothing did.
    pub fn apply_disk_change(&mut self, abs: &Path, is_open: &dyn Fn(&Path) -> bool) -> Option<usize> {
        self.apply_everywhere(abs, is_open).first().copied()
    }

    /// `apply_disk_change` for each corpus holding `abs`, innermost first;
    /// returns those that changed.
    fn apply_everywhere(&mut self, abs: &Path, is_open: &dyn Fn(&Path) -> bool) -> Vec<usize> {
        let mut holders: Vec<(usize, RelPath)> =
            (0..self.corpora.len()).filter_map(|i| self.rel_in(i, abs).map(|rel| (i, rel))).collect();
        holders.sort_by_key(|(i, _)| std::cmp::Reverse(self.corpora[*i].root.components().count()));
        holders
            .into_iter()
            .filter(|(i, rel)| apply_in(&mut self.corpora[*i], rel, abs, is_open, self.limits))
            .map(|(i, _)| i)
            .collect()
    }

    /// `abs` relative to corpus `i`, under any name of its root.
    fn rel_in(&self, i: usize, abs: &Path) -> Option<RelPath> {
        let c = &self.corpora[i];
        let under_root = |p: &Path| rel_path(&c.root, p).or_else(|| rel_path(&c.given_root, p));
        // The path as named first; canonicalising costs system calls.
        under_root(abs).or_else(|| under_root(&canonical_parent(abs)))
    }

    /// Applies a batch of changes from the watcher or the client; returns the
    /// indexes of the corpora that changed, each once, in order.
    pub fn apply_changes(&mut self, changes: &[FsChange], is_open: &dyn Fn(&Path) -> bool) -> Vec<usize> {
        let mut changed = Vec::new();
        for change in changes {
            let hits: Vec<usize> = match change {
                FsChange::Changed(p) | FsChange::Removed(p) => self.apply_everywhere(p, is_open),
                FsChange::Rescan(root) => {
                    let root = canonical_or_same(root);
                    let idx: Vec<usize> = (0..self.corpora.len())
                        .filter(|&i| self.corpora[i].root.starts_with(&root) || root.starts_with(&self.corpora[i].root))
                        .collect();
                    idx.into_iter().filter(|&i| self.rescan(i, is_open)).collect()
                }
            };
            for i in hits {
                if !changed.contains(&i) {
                    changed.push(i);
                }
            }
        }
        changed
    }

    /// Reloads corpus `i` from disk, keeping the analyses of open documents.
    /// Returns true when anything changed.
    pub fn rescan(&mut self, i: usize, is_open: &dyn Fn(&Path) -> bool) -> bool {
        let Some(state) = self.corpora.get_mut(i) else { return false };
        // A limit met again here was reported when the corpus was loaded.
        let (fresh, _) = load::load_corpus_within(&state.root, self.limits);
        merge_subtree(state, "", fresh.files().cloned().collect(), is_open)
    }
}

/// True for the files a corpus is made of: transcripts (every container
/// `corpus::formats` reads, by extension) and INDEX.md, minus hidden files
/// and editor temp files. A Markdown file is read to tell a transcript from
/// a note; a note stays in the corpus, marked, so that links to it resolve.
/// The speaker registry (`speakers.toml` at the root) is a corpus file too,
/// so that it is loaded, watched and edited as the others are.
pub fn is_corpus_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    rel == SPEAKERS_FILE
        || (!is_ignored_name(name)
            && (is_transcript_name(name) || is_index_name(name))
            && !in_skipped_folder(rel, false))
}

/// True when `rel` lies in (or, with `itself`, is) a folder the loader never
/// enters: `.git/`, `node_modules/`, `target/`. A change there (a LICENSE.txt
/// in node_modules) must not add files the first load did not.
fn in_skipped_folder(rel: &str, itself: bool) -> bool {
    let mut parts: Vec<&str> = rel.split('/').collect();
    if !itself {
        parts.pop();
    }
    parts.into_iter().any(discover::is_skipped_dir)
}

/// Hidden files and the temp and backup files editors write next to the
/// real one (`.#x`, `x~`, `x.swp`, `#x#`, Vim's `4913` probe).
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swo", ".swx", ".tmp", ".bak"].iter().any(|ext| name.to_ascii_lowercase().ends_with(ext))
}

/// Applies a disk change at `rel` (the changed path `abs`) to one corpus;
/// true when the corpus changed.
fn apply_in(state: &mut CorpusState, rel: &str, abs: &Path, is_open: &dyn Fn(&Path) -> bool, limits: Limits) -> bool {
    if in_skipped_folder(rel, true) {
        return false;
    }
    let meta = std::fs::symlink_metadata(state.root.join(rel)).ok();
    if meta.as_ref().is_some_and(|m| m.is_dir()) {
        // A folder now: a file of that name (`a.txt` replaced by a folder
        // `a.txt/`) is no longer a transcript.
        let was_file = state.corpus.contains(rel) && !state.is_open_rel(rel, is_open);
        if was_file {
            Arc::make_mut(&mut state.corpus).remove(rel);
        }
        let found = load::load_subtree_within(&state.root, rel, remaining(state, rel, limits)).0;
        return merge_subtree(state, rel, found, is_open) || was_file;
    }
    // Not a folder (a file, or gone): whatever was below a folder of that
    // name went with it.
    let prefix = format!("{rel}/");
    let gone: Vec<RelPath> = state
        .corpus
        .files()
        .map(|f| f.path.clone())
        .filter(|p| p.starts_with(&prefix) && !state.is_open_rel(p, is_open))
        .collect();
    if !gone.is_empty() {
        let corpus = Arc::make_mut(&mut state.corpus);
        for p in &gone {
            corpus.remove(p);
        }
    }
    if !is_corpus_file(rel) || is_open(abs) || state.is_open_rel(rel, is_open) {
        return !gone.is_empty();
    }
    if !state.corpus.contains(rel) && state.corpus.len() >= limits.max_files {
        tracing::warn!(
            "{}: not added, the corpus already holds {} files (the `speech-ls.maxFiles` limit)",
            abs.display(),
            state.corpus.len()
        );
        return !gone.is_empty();
    }
    let fresh = load::analyze_file(&state.root, rel);
    apply_one(state, rel, fresh) || !gone.is_empty()
}

/// What a folder loaded at `rel` may still add: the limits minus what the
/// rest of the corpus holds (the folder's own files are replaced).
fn remaining(state: &CorpusState, rel: &str, limits: Limits) -> Limits {
    let prefix = format!("{rel}/");
    let (files, bytes) = state
        .corpus
        .files()
        .filter(|f| !f.path.starts_with(&prefix))
        .fold((0usize, 0u64), |(n, b), f| (n + 1, b + f.line_index.len() as u64));
    Limits { max_files: limits.max_files.saturating_sub(files), max_bytes: limits.max_bytes.saturating_sub(bytes) }
}

/// Replaces the part of the corpus under `prefix` ("" for all of it) by
/// `found`, leaving open documents alone. Returns true when anything changed.
fn merge_subtree(
    state: &mut CorpusState,
    prefix: &str,
    found: Vec<Arc<FileAnalysis>>,
    is_open: &dyn Fn(&Path) -> bool,
) -> bool {
    let under = |p: &str| prefix.is_empty() || p.starts_with(&format!("{prefix}/"));
    let open = |p: &str| state.is_open_rel(p, is_open);
    let found_paths: std::collections::HashSet<&str> = found.iter().map(|f| f.path.as_str()).collect();
    let gone: Vec<RelPath> = state
        .corpus
        .files()
        .map(|f| f.path.clone())
        .filter(|p| under(p) && !found_paths.contains(p.as_str()) && !open(p))
        .collect();
    let updates: Vec<Arc<FileAnalysis>> = found
        .iter()
        .filter(|f| !open(&f.path) && state.corpus.get(&f.path).is_none_or(|old| Arc::as_ref(old) != Arc::as_ref(f)))
        .cloned()
        .collect();
    if gone.is_empty() && updates.is_empty() {
        return false;
    }
    let corpus = Arc::make_mut(&mut state.corpus);
    for p in &gone {
        corpus.remove(p);
    }
    for f in updates {
        corpus.insert_arc(f);
    }
    true
}

/// Applies one file's fresh analysis (`None`: the file is gone).
fn apply_one(state: &mut CorpusState, rel: &str, fresh: Option<FileAnalysis>) -> bool {
    match fresh {
        Some(analysis) => {
            if state.corpus.get(rel).is_some_and(|old| **old == analysis) {
                return false;
            }
            Arc::make_mut(&mut state.corpus).insert(analysis);
            true
        }
        None => state.corpus.contains(rel) && Arc::make_mut(&mut state.corpus).remove(rel).is_some(),
    }
}

/// `path` relative to `root` as a `/`-separated string, if it is inside.
fn rel_path(root: &Path, path: &Path) -> Option<RelPath> {
    let rest = path.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rest.components().map(|c| c.as_os_str().to_str()).collect::<Option<_>>()?;
    if parts.is_empty() || parts.iter().any(|p| *p == ".." || *p == ".") {
        return None;
    }
    Some(parts.join("/"))
}

/// The canonical form of a path when it exists, else the path unchanged.
pub(crate) fn canonical_or_same(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The path with its parent directory canonicalised but its last component
/// kept: a symlinked file keeps its own name, and a deleted file still has one.
fn canonical_parent(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => canonical_or_same(parent).join(name),
        _ => path.to_path_buf(),
    }
}
