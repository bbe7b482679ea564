//! From the features' answers to the protocol: byte spans to LSP ranges in
//! the negotiated encoding, files to URIs (the URI the editor opened a file
//! under, when it is open), and the features' plain data to LSP types.

use std::collections::HashMap;
use std::path::Path;

use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::{Position, Range, Uri};

use crate::corpus::outline::{OutlineKind, OutlineNode};
use crate::corpus::text::{LineIndex, Problem, Severity, Span};
use crate::ide::{Change, FileEdit, FileRef, Location, SourceChange};
use crate::lsp::capabilities::EditCaps;
use crate::lsp::from_proto::PositionEncoding;
use crate::lsp::state::Snapshot;

/// The LSP position of a byte offset (offsets past the end clamp to the end).
pub fn position(index: &LineIndex, offset: usize, enc: PositionEncoding) -> Position {
    let (line, col) = index.position(offset, enc.unit());
    Position::new(saturate(line), saturate(col))
}

/// The LSP range of a byte span.
pub fn range(index: &LineIndex, span: Span, enc: PositionEncoding) -> Range {
    Range::new(position(index, span.start, enc), position(index, span.end, enc))
}

/// The `file:` URI of an absolute path.
pub fn uri_of_path(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

/// The URI of a file: the one the editor opened it under when it is open.
pub fn uri(snap: &Snapshot, file: &FileRef) -> Option<Uri> {
    if let Some(uri) = snap.documents.uri_of(file) {
        return Some(uri.clone());
    }
    match file {
        FileRef::Disk(p) => uri_of_path(p),
        FileRef::Buffer(name) => name.parse().ok(),
    }
}

/// An LSP range for a span of `file`, against the line index the world has for it.
pub fn range_in(snap: &Snapshot, file: &FileRef, span: Span) -> Option<Range> {
    Some(range(snap.line_index(file)?, span, snap.encoding))
}

pub fn location(snap: &Snapshot, loc: &Location) -> Option<lsp::Location> {
    Some(lsp::Location::new(uri(snap, &loc.file)?, range_in(snap, &loc.file, loc.span)?))
}

pub fn locations(snap: &Snapshot, locs: &[Location]) -> Vec<lsp::Location> {
    locs.iter().filter_map(|l| location(snap, l)).collect()
}

pub fn diagnostic(p: Problem, index: &LineIndex, enc: PositionEncoding) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: range(index, p.span, enc),
        severity: Some(match p.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(p.code.to_string())),
        source: Some("speech-ls".to_string()),
        message: p.message,
        ..Default::default()
    }
}

/// Problems as diagnostics, in the order of their position in the file
/// (stable, so that ties keep the order the checks found them in): pushed,
/// pulled per document and pulled per workspace, the same list.
pub fn diagnostics(problems: Vec<Problem>, index: &LineIndex, enc: PositionEncoding) -> Vec<lsp::Diagnostic> {
    let mut items: Vec<lsp::Diagnostic> = problems.into_iter().map(|p| diagnostic(p, index, enc)).collect();
    items.sort_by_key(|d| (d.range.start.line, d.range.start.character));
    items
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be named to build the struct.
pub fn document_symbol(node: &OutlineNode, index: &LineIndex, enc: PositionEncoding) -> lsp::DocumentSymbol {
    let full = range(index, node.span, enc);
    let mut selection_range = range(index, node.selection, enc);
    // Clients reject a selection outside the range; a stale or odd span must
    // not make the whole outline disappear.
    if selection_range.start < full.start || selection_range.end > full.end {
        selection_range = full;
    }
    let children: Vec<lsp::DocumentSymbol> = node.children.iter().map(|c| document_symbol(c, index, enc)).collect();
    lsp::DocumentSymbol {
        // VS Code refuses symbols with an empty name.
        name: if node.name.trim().is_empty() { "(untitled)".to_string() } else { node.name.clone() },
        detail: node.detail.clone(),
        kind: outline_kind(node.kind),
        tags: None,
        deprecated: None,
        range: full,
        selection_range,
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn outline_kind(kind: OutlineKind) -> lsp::SymbolKind {
    match kind {
        OutlineKind::Header => lsp::SymbolKind::KEY,
        OutlineKind::Lead => lsp::SymbolKind::STRING,
        OutlineKind::Part => lsp::SymbolKind::NAMESPACE,
        OutlineKind::Turn => lsp::SymbolKind::EVENT,
        OutlineKind::Section => lsp::SymbolKind::STRUCT,
        OutlineKind::StageNote => lsp::SymbolKind::CONSTANT,
        OutlineKind::Heading => lsp::SymbolKind::NAMESPACE,
        OutlineKind::Entry => lsp::SymbolKind::FILE,
    }
}

pub fn symbol_kind(kind: crate::ide::workspace_symbols::SymbolKind) -> lsp::SymbolKind {
    use crate::ide::workspace_symbols::SymbolKind as K;
    match kind {
        K::Speech => lsp::SymbolKind::FILE,
        K::Speaker => lsp::SymbolKind::CLASS,
        K::Theme => lsp::SymbolKind::ENUM,
        K::KeyTerm => lsp::SymbolKind::STRING,
        K::Turn => lsp::SymbolKind::EVENT,
    }
}

/// The LSP edits of one file's byte-range edits, against the text they were computed for.
pub fn text_edits(edit: &FileEdit, enc: PositionEncoding) -> Vec<lsp::TextEdit> {
    edit.edits
        .iter()
        .map(|e| lsp::TextEdit { range: range(&edit.line_index, e.span, enc), new_text: e.new_text.clone() })
        .collect()
}

fn text_document_edit(uri: Uri, version: Option<i32>, edits: Vec<lsp::TextEdit>) -> lsp::TextDocumentEdit {
    lsp::TextDocumentEdit {
        text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version },
        edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
    }
}

/// A change as the editor applies it: resource operations in order when it
/// creates or renames files (only for clients that take them), else
/// versioned `documentChanges` when the client takes them, else `changes`.
pub fn workspace_edit(snap: &Snapshot, change: &SourceChange, caps: EditCaps) -> lsp::WorkspaceEdit {
    let enc = snap.encoding;
    if change.has_file_operations() {
        let mut ops = Vec::new();
        for step in &change.changes {
            match step {
                Change::Edit(edit) => {
                    let Some(uri) = uri(snap, &edit.file) else { continue };
                    let edits = text_document_edit(uri, edit.version, text_edits(edit, enc));
                    ops.push(lsp::DocumentChangeOperation::Edit(edits));
                }
                Change::Create { file, text } => {
                    let Some(uri) = uri(snap, file) else { continue };
                    ops.push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
                        uri: uri.clone(),
                        options: Some(lsp::CreateFileOptions { overwrite: Some(false), ignore_if_exists: Some(true) }),
                        annotation_id: None,
                    })));
                    let insert = lsp::TextEdit { range: Range::default(), new_text: text.clone() };
                    ops.push(lsp::DocumentChangeOperation::Edit(text_document_edit(uri, None, vec![insert])));
                }
                Change::Rename { from, to } => {
                    let (Some(old_uri), Some(new_uri)) = (uri(snap, from), uri(snap, to)) else { continue };
                    ops.push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(lsp::RenameFile {
                        old_uri,
                        new_uri,
                        options: None,
                        annotation_id: None,
                    })));
                }
            }
        }
        return lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(ops)),
            ..Default::default()
        };
    }
    let edits = change.changes.iter().filter_map(|step| match step {
        Change::Edit(edit) => Some((uri(snap, &edit.file)?, edit)),
        _ => None,
    });
    if caps.document_changes {
        let list = edits.map(|(uri, e)| text_document_edit(uri, e.version, text_edits(e, enc))).collect();
        lsp::WorkspaceEdit { document_changes: Some(lsp::DocumentChanges::Edits(list)), ..Default::default() }
    } else {
        let mut changes: HashMap<Uri, Vec<lsp::TextEdit>> = HashMap::new();
        for (uri, e) in edits {
            changes.entry(uri).or_default().extend(text_edits(e, enc));
        }
        lsp::WorkspaceEdit { changes: Some(changes), ..Default::default() }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
