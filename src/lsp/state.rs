//! The server's mutable state and the immutable snapshots requests read.
//!
//! State changes (open, change, close, disk events, a finished load) are
//! applied under a short `std::sync::Mutex` lock, synchronously, before the
//! handler awaits anything, so they happen in the order the client sent them.
//! Requests take a `Snapshot` (cheap: corpora are `Arc`s) and release the
//! lock before doing any work, so no lock is ever held across an `.await`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::corpus::text::LineIndex;
use crate::ide::theme_cache::{ThemeCache, ThemeViews};
use crate::ide::{FileRef, OpenText, World};
use crate::lsp::config::Settings;
use crate::lsp::documents::Documents;
use crate::lsp::from_proto::{self, PositionEncoding};
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
    /// Each corpus's themes, once built (see `lsp::theme_index`).
    pub themes: ThemeViews,
    pub theme_cache: ThemeCache,
}

impl State {
    /// Opens (or re-opens) a document: analyses it under its corpus-relative
    /// path when it lies in a corpus and puts that analysis into the corpus,
    /// so that cross-file questions see the editor's text.
    pub fn open(&mut self, uri: Uri, version: i32, text: &str) {
        let file = match from_proto::path(&uri) {
            Some(p) => FileRef::Disk(canonical_parent(&p)),
            None => FileRef::Buffer(uri.as_str().to_string()),
        };
        let rel = self.rel_path_for(&uri, &file);
        let open = self.documents.open(uri, file, version, text, &rel).clone();
        self.publish(&open);
    }

    /// Applies one `didChange`. Unknown documents are ignored (logged).
    pub fn change(&mut self, uri: &Uri, version: i32, changes: &[TextDocumentContentChangeEvent]) {
        let Some(open) = self.documents.change(uri, version, changes, self.encoding) else {
            tracing::warn!("didChange for a document that is not open: {}", uri.as_str());
            return;
        };
        let open = open.clone();
        self.publish(&open);
    }

    /// Closes a document: its corpus goes back to what is on disk (the file
    /// may have been deleted or never saved).
    pub fn close(&mut self, uri: &Uri) {
        let Some(open) = self.documents.close(uri) else { return };
        if let Some(path) = open.file.path() {
            let texts = &self.documents.texts;
            self.workspace.apply_disk_change(path, &|p| texts.is_open(p));
        }
    }

    /// Replaces the workspace (after a load) and lays the open documents over
    /// it again: their text wins over what was read from disk.
    pub fn install_workspace(&mut self, workspace: Workspace) {
        self.workspace = workspace;
        self.workspace.warm_in_background();
        let open: Vec<(Uri, FileRef)> = self.documents.iter().map(|(u, o)| (u.clone(), o.file.clone())).collect();
        for (uri, file) in open {
            let rel = self.rel_path_for(&uri, &file);
            if let Some(open) = self.documents.reanalyze_as(&file, &rel).cloned() {
                self.publish(&open);
            }
        }
    }

    /// True when the editor has `path` open (disk events for it are ignored).
    pub fn is_open(&self, path: &Path) -> bool {
        self.documents.texts.is_open(path)
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            encoding: self.encoding,
            world: World {
                workspace: self.workspace.clone(),
                open: self.documents.texts.clone(),
                themes: self.themes.clone(),
                theme_cache: self.theme_cache.clone(),
            },
            documents: self.documents.clone(),
        }
    }

    /// The path a document is analysed under: corpus-relative inside a
    /// corpus, else its file name (so that INDEX.md is still an index).
    fn rel_path_for(&self, uri: &Uri, file: &FileRef) -> String {
        if let Some((_, rel)) = file.path().and_then(|p| self.workspace.locate(p)) {
            return rel;
        }
        let name = match file.path() {
            Some(p) => p.file_name().map(|n| n.to_string_lossy().into_owned()),
            None => uri.as_str().rsplit('/').next().map(str::to_string),
        };
        name.filter(|n| !n.is_empty()).unwrap_or_else(|| "untitled.txt".to_string())
    }

    /// Puts an open document's analysis into its corpus, if it has one.
    fn publish(&mut self, open: &OpenText) {
        let Some(path) = open.file.path() else { return };
        let Some((i, rel)) = self.workspace.locate(path) else { return };
        if rel != open.analysis.path || !crate::workspace::is_corpus_file(&rel) {
            return;
        }
        if let Some(state) = self.workspace.corpora.get_mut(i) {
            Arc::make_mut(&mut state.corpus).insert_arc(open.analysis.clone());
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

/// What a request reads: the features' world and how the editor names its
/// files (corpora and documents are shared, not copied).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub encoding: PositionEncoding,
    pub world: World,
    pub documents: Documents,
}

impl Snapshot {
    /// How features name the file behind `uri`.
    pub fn file_ref(&self, uri: &Uri) -> FileRef {
        self.documents.file_of(uri).cloned().unwrap_or_else(|| from_proto::file_ref(uri))
    }

    /// The line index positions in `file` are counted against.
    pub fn line_index(&self, file: &FileRef) -> Option<&LineIndex> {
        self.world.line_index(file)
    }

    /// A request's file and the byte offset of its position; `None` when the
    /// server knows nothing of the file.
    pub fn offset_in(&self, uri: &Uri, pos: tower_lsp_server::ls_types::Position) -> Option<(FileRef, usize)> {
        let file = self.file_ref(uri);
        let offset = from_proto::offset(self.line_index(&file)?, pos, self.encoding);
        Some((file, offset))
    }
}
