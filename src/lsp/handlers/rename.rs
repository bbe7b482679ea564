//! Renaming transcripts without breaking INDEX.md.
//!
//! - `workspace/willRenameFiles`: the editor is about to rename or move
//!   transcripts (or a folder of them); the answer rewrites every INDEX.md
//!   link to them, each in the form it was written.
//! - `textDocument/prepareRename` + `textDocument/rename` on an INDEX.md
//!   link: the new name is the link's new target; the answer renames the
//!   file (a `RenameFile` operation) and rewrites every link to it. Only for
//!   clients that take resource operations: renaming the link alone would
//!   break it.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{DocumentChanges, FileRename, Position, PrepareRenameResponse, Uri, WorkspaceEdit};

use crate::corpus::index_edit::{TextEdit, rename_links};
use crate::corpus::paths::{is_transcript_name, resolve_link};
use crate::lsp::convert::{path_from_uri, range_to_proto};
use crate::lsp::handlers::workspace_edit::{EditCaps, IndexSource, rename_with_edits, text_document_edit};
use crate::lsp::handlers::{entry_link_at, offset_in};
use crate::lsp::state::{CorpusView, Snapshot};

/// The INDEX.md edits for files about to be renamed; `None` when no link
/// changes. Renames out of their corpus, or between corpora, leave the
/// links alone (they will show as dead, which is the truth).
pub fn handle_will_rename(snap: &Snapshot, caps: EditCaps, files: &[FileRename]) -> Option<WorkspaceEdit> {
    // Corpus root -> (corpus, [(old rel, new rel)]).
    let mut per_corpus: HashMap<usize, Vec<(String, String)>> = HashMap::new();
    for f in files {
        let (Some(old), Some(new)) = (uri_path(&f.old_uri), uri_path(&f.new_uri)) else { continue };
        let (Some((i, old_rel)), Some((j, new_rel))) = (snap.workspace.locate(&old), snap.workspace.locate(&new))
        else {
            continue;
        };
        if i != j {
            continue;
        }
        let Some(cv) = snap.corpus_view(i) else { continue };
        let moves = per_corpus.entry(i).or_default();
        if cv.corpus.get(&old_rel).is_some() {
            moves.push((old_rel, new_rel));
            continue;
        }
        // A folder: every transcript under it moves along.
        let prefix = format!("{old_rel}/");
        for (file, _) in cv.corpus.transcripts() {
            if let Some(rest) = file.path.strip_prefix(&prefix) {
                moves.push((file.path.clone(), format!("{new_rel}/{rest}")));
            }
        }
    }
    let mut edit = WorkspaceEdit::default();
    for (i, moves) in per_corpus {
        let Some(cv) = snap.corpus_view(i) else { continue };
        let Some(index) = IndexSource::of(snap, &cv) else { continue };
        let edits: Vec<TextEdit> =
            moves.iter().flat_map(|(old, new)| rename_links(&cv.corpus, &index.text, old, new)).collect();
        if edits.is_empty() {
            continue;
        }
        merge(&mut edit, index.workspace_edit(&edits, snap.encoding, caps));
    }
    (edit != WorkspaceEdit::default()).then_some(edit)
}

/// The link target under the cursor, if it names a transcript that exists.
pub fn handle_prepare_rename(
    snap: &Snapshot,
    caps: EditCaps,
    uri: &Uri,
    pos: Position,
) -> Option<PrepareRenameResponse> {
    let (_, _, range_span, written) = link_under_cursor(snap, uri, pos)?;
    if !caps.rename_files {
        return None;
    }
    let file = snap.file(uri)?;
    let range = range_to_proto(&file.analysis.line_index, range_span, snap.encoding);
    Some(PrepareRenameResponse::RangeWithPlaceholder { range, placeholder: written })
}

/// Renames the transcript a link points to and rewrites every link to it.
/// `Err` carries a message for the user (invalid or taken name).
pub fn handle_rename(
    snap: &Snapshot,
    caps: EditCaps,
    uri: &Uri,
    pos: Position,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>, String> {
    let Some((cv, old_rel, _, _)) = link_under_cursor(snap, uri, pos) else { return Ok(None) };
    if !caps.rename_files {
        return Err("this editor cannot rename files through the language server".to_string());
    }
    let mut new_rel =
        resolve_link(new_name.trim()).map_err(|_| format!("`{new_name}` is not a path in this corpus"))?;
    if !is_transcript_name(&new_rel) {
        new_rel.push_str(".txt");
    }
    if new_rel == old_rel {
        return Ok(None);
    }
    if cv.corpus.contains(&new_rel) || cv.root.join(&new_rel).exists() {
        return Err(format!("{new_rel} already exists"));
    }
    let (Some(old_uri), Some(new_uri)) = (cv.uri_of(&old_rel), cv.uri_of(&new_rel)) else { return Ok(None) };
    let Some(index) = IndexSource::of(snap, &cv) else { return Ok(None) };
    let edits = rename_links(&cv.corpus, &index.text, &old_rel, &new_rel);
    let doc_edit = text_document_edit(&index.uri, index.version, index.to_proto(&edits, snap.encoding));
    Ok(Some(rename_with_edits(&old_uri, &new_uri, vec![doc_edit])))
}

/// The corpus, the transcript the link under the cursor resolves to, the
/// link's target span, and the target as written.
fn link_under_cursor(
    snap: &Snapshot,
    uri: &Uri,
    pos: Position,
) -> Option<(CorpusView, String, crate::corpus::Span, String)> {
    let file = snap.file(uri)?;
    let doc = file.analysis.index()?;
    let cv = file.corpus.clone()?;
    let offset = offset_in(&file, pos, snap.encoding);
    let (_, link) = entry_link_at(doc, offset)?;
    let link = link?;
    // Only a cursor on the link itself renames (not anywhere on the line).
    if !link.span.contains(offset) && !link.target_span.contains(offset) {
        return None;
    }
    let target = cv.corpus.resolve(link)?;
    // The target span of a reference link lies on its definition's line; the
    // open buffer's text gives what is written there.
    let written = snap
        .documents
        .get(uri)
        .map(|d| d.text())
        .and_then(|t| t.get(link.target_span.start..link.target_span.end).map(str::to_string));
    let target_span = link.target_span;
    Some((cv, target.clone(), target_span, written.unwrap_or(target)))
}

fn uri_path(s: &str) -> Option<std::path::PathBuf> {
    path_from_uri(&s.parse::<Uri>().ok()?)
}

/// Adds `more` to `edit` (both from `text_edits`, so of the same shape).
fn merge(edit: &mut WorkspaceEdit, more: WorkspaceEdit) {
    if let Some(changes) = more.changes {
        edit.changes.get_or_insert_with(HashMap::new).extend(changes);
    }
    if let Some(DocumentChanges::Edits(more)) = more.document_changes {
        match edit.document_changes.get_or_insert_with(|| DocumentChanges::Edits(Vec::new())) {
            DocumentChanges::Edits(list) => list.extend(more),
            DocumentChanges::Operations(_) => {}
        }
    }
}
