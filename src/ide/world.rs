//! The world a feature reads: the corpora, the texts the editor has open, and
//! each corpus's theme views, as one immutable value.
//!
//! The server builds a `World` per request from its state (cheap: everything
//! is behind `Arc`s) and the command line builds one from a folder on disk,
//! so every feature answers both the same way. Files are named by
//! `FileRef`: a path on disk, or the name an editor gave a buffer that has
//! none. A file's text comes from one place, `World::text`: the open buffer
//! when there is one, else the file on disk when it still matches the
//! analysis.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::corpus::paths::{is_index_name, is_transcript_name};
use crate::corpus::text::LineIndex;
use crate::corpus::{Corpus, FileAnalysis};
use crate::ide::cancel::Edits;
use crate::ide::theme_cache::{ThemeCache, ThemeViews};
use crate::workspace::{ReadOutcome, Workspace, read_transcript_file};

/// How features name a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileRef {
    /// A file on disk, by its absolute path (its folder canonicalised).
    Disk(PathBuf),
    /// A buffer with no place on disk (an untitled document), by the name
    /// the editor gave it.
    Buffer(String),
}

impl FileRef {
    pub fn path(&self) -> Option<&Path> {
        match self {
            FileRef::Disk(p) => Some(p),
            FileRef::Buffer(_) => None,
        }
    }
}

/// One text the editor has open.
#[derive(Debug, Clone)]
pub struct OpenText {
    pub file: FileRef,
    /// The editor's version of the text (versions need not grow).
    pub version: i32,
    pub text: Arc<str>,
    /// The analysis of `text`, under its corpus-relative path when the file
    /// lies in a corpus (else its file name).
    pub analysis: Arc<FileAnalysis>,
    /// Tells work on this copy that a newer text has arrived.
    pub edits: Edits,
}

/// The open texts, by file.
#[derive(Debug, Clone, Default)]
pub struct OpenTexts {
    by_file: HashMap<FileRef, OpenText>,
}

impl OpenTexts {
    /// Opens a text; one open for the same file is replaced (work on it is superseded).
    pub fn insert(&mut self, text: OpenText) {
        if let Some(old) = self.by_file.insert(text.file.clone(), text) {
            old.edits.retire();
        }
    }

    /// Closes a text: work on any copy of it is superseded.
    pub fn remove(&mut self, file: &FileRef) -> Option<OpenText> {
        let text = self.by_file.remove(file)?;
        text.edits.retire();
        Some(text)
    }

    pub fn get(&self, file: &FileRef) -> Option<&OpenText> {
        self.by_file.get(file)
    }

    pub fn get_mut(&mut self, file: &FileRef) -> Option<&mut OpenText> {
        self.by_file.get_mut(file)
    }

    /// The open text of the file at `path`, if any.
    pub fn by_path(&self, path: &Path) -> Option<&OpenText> {
        self.by_file.get(&FileRef::Disk(path.to_path_buf()))
    }

    /// True when the editor has `path` open (disk events for it are ignored).
    pub fn is_open(&self, path: &Path) -> bool {
        self.by_path(path).is_some()
    }

    /// The open text whose current analysis is `analysis`, if any.
    pub fn showing(&self, analysis: &Arc<FileAnalysis>) -> Option<&OpenText> {
        self.by_file.values().find(|d| Arc::ptr_eq(&d.analysis, analysis))
    }

    pub fn iter(&self) -> impl Iterator<Item = &OpenText> {
        self.by_file.values()
    }
}

/// Everything a feature may read.
#[derive(Debug, Clone, Default)]
pub struct World {
    pub workspace: Workspace,
    pub open: OpenTexts,
    /// Each corpus's themes, once built (see `ide::themes`).
    pub themes: ThemeViews,
    pub theme_cache: ThemeCache,
}

/// One file as a feature sees it: its analysis and, when it lies in a
/// corpus, that corpus.
#[derive(Debug, Clone)]
pub struct FileView {
    pub file: FileRef,
    pub analysis: Arc<FileAnalysis>,
    pub corpus: Option<CorpusView>,
}

/// One corpus: its root folder and its current analysis.
#[derive(Debug, Clone)]
pub struct CorpusView {
    pub root: PathBuf,
    pub corpus: Arc<Corpus>,
}

impl CorpusView {
    /// How features name the corpus file `rel`.
    pub fn file_ref(&self, rel: &str) -> FileRef {
        FileRef::Disk(self.root.join(rel))
    }
}

impl World {
    /// A world of loaded corpora and nothing open (the command line's).
    pub fn of_workspace(workspace: Workspace) -> World {
        World { workspace, ..World::default() }
    }

    /// The file as features see it: the open text if there is one, else the
    /// corpus's analysis of the file on disk. `None` for a file never opened
    /// and in no corpus, and for files that are neither transcripts nor
    /// INDEX.md (a README.md note opened beside INDEX.md gets no answers).
    pub fn file(&self, file: &FileRef) -> Option<FileView> {
        let located = file.path().and_then(|p| self.workspace.locate(p));
        let corpus = located.as_ref().and_then(|(i, _)| self.corpus_view(*i));
        if let Some(open) = self.open.get(file) {
            let rel = &open.analysis.path;
            // A Markdown note is the user's own: no answers about it.
            let analysed = (is_transcript_name(rel) || is_index_name(rel) || open.analysis.registry().is_some())
                && open.analysis.note.is_none();
            return analysed.then(|| FileView { file: file.clone(), analysis: open.analysis.clone(), corpus });
        }
        let (_, rel) = located?;
        let analysis = corpus.as_ref()?.corpus.get(&rel)?.clone();
        if analysis.note.is_some() {
            return None;
        }
        Some(FileView { file: file.clone(), analysis, corpus })
    }

    pub fn corpus_view(&self, i: usize) -> Option<CorpusView> {
        let state = self.workspace.corpora.get(i)?;
        Some(CorpusView { root: state.root.clone(), corpus: state.corpus.clone() })
    }

    pub fn corpora(&self) -> impl Iterator<Item = CorpusView> + '_ {
        (0..self.workspace.corpora.len()).filter_map(|i| self.corpus_view(i))
    }

    /// The corpus holding `path`, if any.
    pub fn corpus_of(&self, path: &Path) -> Option<CorpusView> {
        self.workspace.locate(path).and_then(|(i, _)| self.corpus_view(i))
    }

    /// The text `file`'s analysis was made from: the open buffer, or the file
    /// on disk when it still matches the analysis (same length); `None` when
    /// neither is at hand.
    pub fn text(&self, file: &FileView) -> Option<Arc<str>> {
        if let Some(open) = self.open.get(&file.file) {
            return Some(open.text.clone());
        }
        let cv = file.corpus.as_ref()?;
        let read = read_transcript_file(&cv.root, &file.analysis.path);
        (read.outcome == ReadOutcome::Read && read.text.len() == file.analysis.line_index.len())
            .then(|| Arc::from(read.text))
    }

    /// A corpus file's text as the editor sees it: the open buffer, else the
    /// file on disk (new INDEX.md entries take their titles from it).
    pub fn corpus_text(&self, cv: &CorpusView, rel: &str) -> Option<String> {
        if let Some(open) = self.open.by_path(&cv.root.join(rel)) {
            return Some(open.text.to_string());
        }
        let read = read_transcript_file(&cv.root, rel);
        (read.outcome == ReadOutcome::Read).then_some(read.text)
    }

    /// The line index spans of `file` refer to: the open buffer's analysis,
    /// else the corpus's.
    pub fn line_index(&self, file: &FileRef) -> Option<&LineIndex> {
        if let Some(open) = self.open.get(file) {
            return Some(&open.analysis.line_index);
        }
        let path = file.path()?;
        let (i, rel) = self.workspace.locate(path)?;
        Some(&self.workspace.corpora.get(i)?.corpus.get(&rel)?.line_index)
    }
}
