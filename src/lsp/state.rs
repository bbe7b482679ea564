//! The server's mutable state and the immutable snapshots queries read.
//!
//! State changes (open, change, close, disk events, a finished load) are
//! applied under a short `std::sync::Mutex` lock, synchronously, before the
//! handler awaits anything, so they happen in the order the client sent them.
//! Queries take a `Snapshot` (cheap: corpora are `Arc`s) and release the lock
//! before doing any work, so no lock is ever held across an `.await`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::Uri;

use crate::corpus::paths::{is_index_name, is_transcript_name};
use crate::corpus::{Corpus, FileAnalysis};
use crate::lsp::config::Settings;
use crate::lsp::convert::{PositionEncoding, path_from_uri};
use crate::lsp::documents::{Documents, OpenDocument};
use crate::lsp::themes::{ThemeCache, ThemeViews};
use crate::workspace::Workspace;

/// Everything the server knows.
#[derive(Debug, Default)]
pub struct State {
    pub encoding: PositionEncoding,
    pub settings: Settings,
    /// The workspace folders (or the root path) the client opened.
    pub folders: Vec<PathBuf>,
    pub workspace: Workspace,
    pub documents: Documents,
    /// Each corpus's themes, once built (see `lsp::themes`).
    pub themes: ThemeViews,
    pub theme_cache: ThemeCache,
}

impl State {
    /// Opens (or re-opens) a document: analyses it under its corpus-relative
    /// path when it lies in a corpus and puts that analysis into the corpus,
    /// so that cross-file queries see the editor's text.
    pub fn open(&mut self, uri: Uri, version: i32, text: &str) {
        let path = path_from_uri(&uri).map(|p| canonical_parent(&p));
        let rel = self.rel_path_for(&uri, path.as_deref());
        let doc = OpenDocument::new(uri, path, version, text, &rel);
        self.publish(&doc);
        self.documents.insert(doc);
    }

    /// Applies one `didChange`. Unknown documents are ignored (logged).
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[tower_lsp_server::ls_types::TextDocumentContentChangeEvent],
    ) {
        let enc = self.encoding;
        let Some(doc) = self.documents.get_mut(uri) else {
            tracing::warn!("didChange for a document that is not open: {}", uri.as_str());
            return;
        };
        doc.apply_changes(version, changes, enc);
        let doc = doc.clone();
        self.publish(&doc);
    }

    /// Closes a document: its corpus goes back to what is on disk (the file
    /// may have been deleted or never saved).
    pub fn close(&mut self, uri: &Uri) {
        let Some(doc) = self.documents.remove(uri) else { return };
        if let Some(path) = doc.path {
            let documents = &self.documents;
            let is_open = |p: &Path| documents.by_path(p).is_some();
            self.workspace.apply_disk_change(&path, &is_open);
        }
    }

    /// Replaces the workspace (after a load) and lays the open documents over
    /// it again: their text wins over what was read from disk.
    pub fn install_workspace(&mut self, workspace: Workspace) {
        self.workspace = workspace;
        self.workspace.warm_in_background();
        let uris: Vec<Uri> = self.documents.iter().map(|d| d.uri.clone()).collect();
        for uri in uris {
            let path = self.documents.get(&uri).and_then(|d| d.path.clone());
            let rel = self.rel_path_for(&uri, path.as_deref());
            if let Some(doc) = self.documents.get_mut(&uri) {
                if doc.analysis.path != rel {
                    doc.reanalyze_as(&rel);
                }
                let doc = doc.clone();
                self.publish(&doc);
            }
        }
    }

    /// True when the editor has `path` open (disk events for it are ignored).
    pub fn is_open(&self, path: &Path) -> bool {
        self.documents.by_path(path).is_some()
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            encoding: self.encoding,
            workspace: self.workspace.clone(),
            documents: self.documents.clone(),
            themes: self.themes.clone(),
            theme_cache: self.theme_cache.clone(),
        }
    }

    /// The path a document is analysed under: corpus-relative inside a
    /// corpus, else its file name (so that INDEX.md is still an index).
    fn rel_path_for(&self, uri: &Uri, path: Option<&Path>) -> String {
        if let Some((_, rel)) = path.and_then(|p| self.workspace.locate(p)) {
            return rel;
        }
        let name = match path {
            Some(p) => p.file_name().map(|n| n.to_string_lossy().into_owned()),
            None => uri.as_str().rsplit('/').next().map(str::to_string),
        };
        name.filter(|n| !n.is_empty()).unwrap_or_else(|| "untitled.txt".to_string())
    }

    /// Puts an open document's analysis into its corpus, if it has one.
    fn publish(&mut self, doc: &OpenDocument) {
        let Some(path) = &doc.path else { return };
        let Some((i, rel)) = self.workspace.locate(path) else { return };
        if rel != doc.analysis.path || !crate::workspace::is_corpus_file(&rel) {
            return;
        }
        if let Some(state) = self.workspace.corpora.get_mut(i) {
            Arc::make_mut(&mut state.corpus).insert_arc(doc.analysis.clone());
        }
        self.workspace.warm_in_background();
    }
}

/// The path with its folder canonicalised (the file itself may not exist):
/// disk events name canonical paths, and an open document must be recognised
/// in them even when the editor reached it through a symlinked folder.
fn canonical_parent(path: &Path) -> PathBuf {
    match (path.parent().and_then(|p| std::fs::canonicalize(p).ok()), path.file_name()) {
        (Some(parent), Some(name)) => parent.join(name),
        _ => path.to_path_buf(),
    }
}

/// True for the files the server analyses: transcripts and INDEX.md. Other
/// documents a client sends (a README.md, when the server is attached to
/// markdown for INDEX.md's sake) get no answers.
fn is_analysed(rel: &str) -> bool {
    is_transcript_name(rel) || is_index_name(rel)
}

/// What a query reads: an immutable copy of the state (corpora and documents
/// are shared, not copied).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub encoding: PositionEncoding,
    pub workspace: Workspace,
    pub documents: Documents,
    pub themes: ThemeViews,
    pub theme_cache: ThemeCache,
}

/// One file as a query sees it: its analysis and, when it lies in a corpus,
/// that corpus and root.
#[derive(Debug, Clone)]
pub struct FileView {
    pub analysis: Arc<FileAnalysis>,
    pub corpus: Option<CorpusView>,
}

#[derive(Debug, Clone)]
pub struct CorpusView {
    pub root: PathBuf,
    pub corpus: Arc<Corpus>,
}

impl CorpusView {
    /// The URI of a corpus-relative path.
    pub fn uri_of(&self, rel: &str) -> Option<Uri> {
        crate::lsp::convert::uri_from_path(&self.root.join(rel))
    }
}

impl Snapshot {
    /// The file behind `uri`: the open buffer if there is one, else the
    /// corpus's analysis of the file on disk. A document never opened and in
    /// no corpus gives `None` (the caller answers with nothing).
    pub fn file(&self, uri: &Uri) -> Option<FileView> {
        let path = path_from_uri(uri);
        let located = path.as_deref().and_then(|p| self.workspace.locate(p));
        let corpus = located.as_ref().and_then(|(i, _)| self.corpus_view(*i));
        if let Some(doc) = self.documents.get(uri) {
            return is_analysed(&doc.analysis.path).then(|| FileView { analysis: doc.analysis.clone(), corpus });
        }
        let (_, rel) = located?;
        let analysis = corpus.as_ref()?.corpus.get(&rel)?.clone();
        Some(FileView { analysis, corpus })
    }

    pub fn corpus_view(&self, i: usize) -> Option<CorpusView> {
        let state = self.workspace.corpora.get(i)?;
        Some(CorpusView { root: state.root.clone(), corpus: state.corpus.clone() })
    }

    pub fn corpora(&self) -> impl Iterator<Item = CorpusView> + '_ {
        (0..self.workspace.corpora.len()).filter_map(|i| self.corpus_view(i))
    }
}
