//! Edits as features propose them: byte-range edits of one text, file
//! creations and renames, in the order they are to be applied. The server
//! sends them to the editor as a `WorkspaceEdit` and never writes a file
//! itself; the command line applies INDEX.md's atomically.
//!
//! An edit's spans refer to the text it was computed against, which may be
//! the file as it is on disk rather than the corpus's analysis of it, so
//! every `FileEdit` carries that text's line index.

use std::sync::Arc;

use crate::corpus::index::{IndexDoc, parse_index};
use crate::corpus::index_edit::TextEdit;
use crate::corpus::text::LineIndex;
use crate::ide::world::{CorpusView, FileRef, World};
use crate::workspace::{ReadOutcome, read_transcript_file};

/// Byte-range edits of one file's text.
#[derive(Debug, Clone, PartialEq)]
pub struct FileEdit {
    pub file: FileRef,
    /// The open buffer's version the edits were computed against; `None`
    /// when they were computed against the file on disk.
    pub version: Option<i32>,
    /// The line index of the text the spans refer to.
    pub line_index: Arc<LineIndex>,
    pub edits: Vec<TextEdit>,
}

/// One step of a change to the corpus.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Edit(FileEdit),
    /// A new file with this text (it must not exist).
    Create {
        file: FileRef,
        text: String,
    },
    /// A file renamed or moved.
    Rename {
        from: FileRef,
        to: FileRef,
    },
}

/// Changes to apply in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceChange {
    pub changes: Vec<Change>,
}

impl SourceChange {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// True when the change creates or renames files (only some editors can).
    pub fn has_file_operations(&self) -> bool {
        self.changes.iter().any(|c| !matches!(c, Change::Edit(_)))
    }
}

/// INDEX.md as the editor sees it now, parsed afresh so that entry indexes
/// and spans refer to exactly this text.
#[derive(Debug, Clone)]
pub struct IndexSource {
    pub file: FileRef,
    /// The open buffer's version; `None` when the text came from disk.
    pub version: Option<i32>,
    pub text: String,
    pub doc: IndexDoc,
    pub line_index: Arc<LineIndex>,
}

impl IndexSource {
    /// The corpus's INDEX.md: the open buffer, else the file on disk; `None`
    /// when there is none (or it cannot be read).
    pub fn of(world: &World, cv: &CorpusView) -> Option<IndexSource> {
        let file = cv.file_ref("INDEX.md");
        let (text, version) = match world.open.get(&file) {
            Some(open) => (open.text.to_string(), Some(open.version)),
            None => {
                let read = read_transcript_file(&cv.root, "INDEX.md");
                if read.outcome != ReadOutcome::Read {
                    return None;
                }
                (read.text, None)
            }
        };
        let doc = parse_index(&text);
        let line_index = Arc::new(LineIndex::new(&text));
        Some(IndexSource { file, version, text, doc, line_index })
    }

    /// `edits` as a change to this text.
    pub fn edit(&self, edits: Vec<TextEdit>) -> FileEdit {
        FileEdit { file: self.file.clone(), version: self.version, line_index: self.line_index.clone(), edits }
    }

    /// `edits` as a whole change (nothing when there are no edits).
    pub fn change(&self, edits: Vec<TextEdit>) -> SourceChange {
        if edits.is_empty() {
            return SourceChange::default();
        }
        SourceChange { changes: vec![Change::Edit(self.edit(edits))] }
    }
}
