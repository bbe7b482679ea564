//! From INDEX.md edits computed by `corpus::index_edit` (byte ranges of the
//! index text) to the `WorkspaceEdit`s the editor applies: the index's text
//! as the editor sees it (the open buffer if there is one, else the file on
//! disk), the client's edit capabilities, and the conversion of byte ranges
//! against that text's `LineIndex`.
//!
//! The server never writes a file: every change goes to the client as an
//! edit, versioned when the buffer is open and the client takes
//! `documentChanges`.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    ClientCapabilities, CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges, InitializeParams,
    OneOf, OptionalVersionedTextDocumentIdentifier, RenameFile, ResourceOp, ResourceOperationKind, TextDocumentEdit,
    TextEdit as LspTextEdit, Uri, WorkspaceEdit,
};

use crate::corpus::index::{IndexDoc, parse_index};
use crate::corpus::index_edit::TextEdit;
use crate::corpus::text::LineIndex;
use crate::lsp::convert::{PositionEncoding, range_to_proto};
use crate::lsp::state::{CorpusView, Snapshot};
use crate::workspace::read::{ReadOutcome, read_transcript_file};

/// What the client said about edits and diagnostics, as far as the editing
/// features care. Read once at `initialize`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EditCaps {
    /// Takes `documentChanges` (versioned edits) rather than `changes`.
    pub document_changes: bool,
    /// Takes `create` resource operations in a `WorkspaceEdit`.
    pub create_files: bool,
    /// Takes `rename` resource operations in a `WorkspaceEdit`.
    pub rename_files: bool,
    /// Pulls diagnostics (`textDocument/diagnostic`): push is then skipped.
    pub pull_diagnostics: bool,
    /// Shows `CompletionItem::label_details`.
    pub label_details: bool,
}

impl EditCaps {
    pub fn from_params(params: &InitializeParams) -> EditCaps {
        EditCaps::from_capabilities(&params.capabilities)
    }

    pub fn from_capabilities(caps: &ClientCapabilities) -> EditCaps {
        let edit = caps.workspace.as_ref().and_then(|w| w.workspace_edit.as_ref());
        let ops = edit.and_then(|e| e.resource_operations.as_deref()).unwrap_or_default();
        let text = caps.text_document.as_ref();
        EditCaps {
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            create_files: ops.contains(&ResourceOperationKind::Create),
            rename_files: ops.contains(&ResourceOperationKind::Rename),
            pull_diagnostics: text.and_then(|t| t.diagnostic.as_ref()).is_some(),
            label_details: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.label_details_support)
                .unwrap_or(false),
        }
    }
}

/// INDEX.md as the editor sees it now, parsed afresh so that entry indexes
/// and spans refer to exactly this text.
#[derive(Debug, Clone)]
pub struct IndexSource {
    pub uri: Uri,
    /// The open buffer's version; `None` when the text came from disk.
    pub version: Option<i32>,
    pub text: String,
    pub doc: IndexDoc,
    pub line_index: LineIndex,
}

impl IndexSource {
    /// The corpus's INDEX.md: the open buffer, else the file on disk; `None`
    /// when there is none (or it cannot be read).
    pub fn of(snap: &Snapshot, cv: &CorpusView) -> Option<IndexSource> {
        let path = cv.root.join("INDEX.md");
        let uri = cv.uri_of("INDEX.md")?;
        let (text, version, uri) = match snap.documents.by_path(&path) {
            Some(doc) => (doc.text().to_string(), Some(doc.version), doc.uri.clone()),
            None => {
                let read = read_transcript_file(&cv.root, "INDEX.md");
                if read.outcome != ReadOutcome::Read {
                    return None;
                }
                (read.text, None, uri)
            }
        };
        let doc = parse_index(&text);
        let line_index = LineIndex::new(&text);
        Some(IndexSource { uri, version, text, doc, line_index })
    }

    /// The LSP edits of byte-range edits against this text.
    pub fn to_proto(&self, edits: &[TextEdit], enc: PositionEncoding) -> Vec<LspTextEdit> {
        edits
            .iter()
            .map(|e| LspTextEdit { range: range_to_proto(&self.line_index, e.span, enc), new_text: e.new_text.clone() })
            .collect()
    }

    /// A `WorkspaceEdit` applying `edits` to INDEX.md.
    pub fn workspace_edit(&self, edits: &[TextEdit], enc: PositionEncoding, caps: EditCaps) -> WorkspaceEdit {
        text_edits(&self.uri, self.version, self.to_proto(edits, enc), caps)
    }
}

/// Edits to one document, as `documentChanges` when the client takes them
/// (with the buffer's version when it is open), else as `changes`.
pub fn text_edits(uri: &Uri, version: Option<i32>, edits: Vec<LspTextEdit>, caps: EditCaps) -> WorkspaceEdit {
    if caps.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![text_document_edit(uri, version, edits)])),
            ..Default::default()
        }
    } else {
        WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..Default::default() }
    }
}

pub fn text_document_edit(uri: &Uri, version: Option<i32>, edits: Vec<LspTextEdit>) -> TextDocumentEdit {
    TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri: uri.clone(), version },
        edits: edits.into_iter().map(OneOf::Left).collect(),
    }
}

/// A new file with the given text: a `create` operation then one insert.
/// Only for clients that take resource operations.
pub fn create_with_text(uri: &Uri, text: String) -> WorkspaceEdit {
    let create = DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
        uri: uri.clone(),
        options: Some(CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
        annotation_id: None,
    }));
    let insert = LspTextEdit { range: Default::default(), new_text: text };
    let edit = DocumentChangeOperation::Edit(text_document_edit(uri, None, vec![insert]));
    WorkspaceEdit { document_changes: Some(DocumentChanges::Operations(vec![create, edit])), ..Default::default() }
}

/// A file rename followed by text edits (applied to the renamed file's
/// neighbours, e.g. INDEX.md). Only for clients that take resource operations.
pub fn rename_with_edits(old: &Uri, new: &Uri, edits: Vec<TextDocumentEdit>) -> WorkspaceEdit {
    let mut ops = vec![DocumentChangeOperation::Op(ResourceOp::Rename(RenameFile {
        old_uri: old.clone(),
        new_uri: new.clone(),
        options: None,
        annotation_id: None,
    }))];
    ops.extend(edits.into_iter().map(DocumentChangeOperation::Edit));
    WorkspaceEdit { document_changes: Some(DocumentChanges::Operations(ops)), ..Default::default() }
}

/// A transcript's text as the editor sees it: the open buffer, else the file
/// on disk (titles for new entries come from it).
pub fn transcript_text(snap: &Snapshot, cv: &CorpusView, rel: &str) -> Option<String> {
    if let Some(doc) = snap.documents.by_path(&cv.root.join(rel)) {
        return Some(doc.text().to_string());
    }
    let read = read_transcript_file(&cv.root, rel);
    (read.outcome == ReadOutcome::Read).then_some(read.text)
}
