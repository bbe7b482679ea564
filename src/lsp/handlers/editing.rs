//! Editing: completion in INDEX.md, renames that keep its links, and the
//! quick fixes for what is inconsistent. Every change goes to the editor
//! as a `WorkspaceEdit`; the server writes no file.

use std::path::PathBuf;

use tower_lsp_server::ls_types::*;

use crate::ide;
use crate::ide::completion::CompletionKind;
use crate::lsp::capabilities::EditCaps;
use crate::lsp::state::Snapshot;
use crate::lsp::{from_proto, to_proto};

pub fn completion(snap: &Snapshot, caps: EditCaps, params: &TextDocumentPositionParams) -> Option<CompletionResponse> {
    let (file, offset) = snap.offset_in(&params.text_document.uri, params.position)?;
    let found = ide::completion::completion(&snap.world, &file, offset)?;
    let index = snap.line_index(&file)?;
    let items: Vec<CompletionItem> = found
        .items
        .into_iter()
        .map(|item| CompletionItem {
            kind: Some(match item.kind {
                CompletionKind::File => CompletionItemKind::FILE,
                CompletionKind::Tag => CompletionItemKind::KEYWORD,
                CompletionKind::Speaker => CompletionItemKind::VALUE,
            }),
            label_details: (caps.label_details && item.description.is_some())
                .then(|| CompletionItemLabelDetails { detail: None, description: item.description.clone() }),
            detail: item.detail,
            sort_text: item.sort_text,
            filter_text: Some(item.filter_text),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: to_proto::range(index, item.replace, snap.encoding),
                new_text: item.insert,
            })),
            label: item.label,
            ..Default::default()
        })
        .collect();
    Some(match found.incomplete {
        false => CompletionResponse::Array(items),
        true => CompletionResponse::List(CompletionList { is_incomplete: true, items }),
    })
}

pub fn prepare_rename(
    snap: &Snapshot,
    caps: EditCaps,
    params: &TextDocumentPositionParams,
) -> Option<PrepareRenameResponse> {
    let (file, offset) = snap.offset_in(&params.text_document.uri, params.position)?;
    let (span, placeholder) = ide::rename::prepare_rename(&snap.world, &file, offset, caps.rename_files)?;
    Some(PrepareRenameResponse::RangeWithPlaceholder { range: to_proto::range_in(snap, &file, span)?, placeholder })
}

/// `Err` carries a message for the user (an invalid or taken name).
pub fn rename(snap: &Snapshot, caps: EditCaps, params: &RenameParams) -> Result<Option<WorkspaceEdit>, String> {
    let at = &params.text_document_position;
    let Some((file, offset)) = snap.offset_in(&at.text_document.uri, at.position) else { return Ok(None) };
    let change = ide::rename::rename(&snap.world, &file, offset, &params.new_name, caps.rename_files)?;
    Ok(change.map(|c| to_proto::workspace_edit(snap, &c, caps)))
}

pub fn will_rename_files(snap: &Snapshot, caps: EditCaps, files: &[FileRename]) -> Option<WorkspaceEdit> {
    let path = |s: &str| from_proto::path(&s.parse::<Uri>().ok()?);
    let moves: Vec<(PathBuf, PathBuf)> =
        files.iter().filter_map(|f| Some((path(&f.old_uri)?, path(&f.new_uri)?))).collect();
    let change = ide::rename::will_rename(&snap.world, &moves);
    (!change.is_empty()).then(|| to_proto::workspace_edit(snap, &change, caps))
}

/// The quick fixes for the problems the range touches; the client's
/// diagnostic with the same code and range is attached to each.
pub fn code_actions(snap: &Snapshot, caps: EditCaps, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let file = snap.file_ref(&params.text_document.uri);
    let Some(index) = snap.line_index(&file) else { return Vec::new() };
    let wanted = from_proto::span(index, params.range, snap.encoding);
    let sent = &params.context.diagnostics;
    ide::code_actions::code_actions(&snap.world, &file, wanted)
        .into_iter()
        .map(|fix| {
            let range = to_proto::range(index, fix.problem.span, snap.encoding);
            let code = Some(NumberOrString::String(fix.problem.code.to_string()));
            let diagnostic = sent.iter().find(|d| d.range == range && d.code == code).cloned();
            CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: diagnostic.map(|d| vec![d]),
                edit: Some(to_proto::workspace_edit(snap, &fix.change, caps)),
                is_preferred: fix.preferred.then_some(true),
                ..Default::default()
            })
        })
        .collect()
}
